//! A kind's name at a place resolved against the registry: the one organization of that kind
//! there, the candidates when several fit, or one to create in the registry's style with the
//! nearest of its kind as candidates.

use std::collections::HashMap;
use std::ops::Range;

use super::draft::{OrgCandidate, OrgPick, ProposedOrganization};
use super::mentions::{Named, OrgMention};
use super::names::{fold, Names};
use super::places::Where;
use crate::models::enums::OrganizationKind;

/// What a kind's name at a place resolves to: the same for every mention of it in a text.
#[derive(Clone)]
pub(super) struct Resolved {
    organization_id: Option<i64>,
    candidates: Vec<OrgCandidate>,
    proposed: Option<ProposedOrganization>,
    identity: String,
}

pub(super) type Memo = HashMap<(OrganizationKind, String, Where), Resolved>;

/// The registered organization of the head's kind at the place, or one to create. A text that
/// names the same organization a thousand times resolves it once.
pub(super) fn resolve(
    names: &Names,
    named: Named,
    written: String,
    tokens: Range<usize>,
    memo: &mut Memo,
) -> OrgMention {
    let key = (named.kind, named.head.clone(), named.place.clone());
    let known = (named.place != Where::Unknown).then(|| memo.get(&key).cloned()).flatten();
    let resolved = known.unwrap_or_else(|| {
        let resolved = resolution(names, &named, &written);
        if named.place != Where::Unknown {
            memo.insert(key, resolved.clone());
        }
        resolved
    });
    let pick = OrgPick {
        organization_id: resolved.organization_id,
        name: written,
        candidates: resolved.candidates,
        proposed: resolved.proposed,
    };
    let confidence = if named.explicit { 0.9 } else { 0.8 };
    OrgMention { words: named.words, tokens, pick, place: named.place, identity: resolved.identity, confidence }
}

fn resolution(names: &Names, named: &Named, written: &str) -> Resolved {
    let place_id = match &named.place {
        Where::Known(p) => names.places[*p].id,
        Where::Central => names.central().and_then(|c| names.places[c].id),
        _ => None,
    };
    let head_key = fold(&named.head);
    let same_kind = names.of_kind(named.kind);
    let mut here: Vec<usize> =
        same_kind.iter().copied().filter(|i| place_id.is_some() && names.orgs[*i].locality_id == place_id).collect();
    // Several state agencies or Party bodies work at one place: the name must fit too.
    let many_per_place = matches!(
        named.kind,
        OrganizationKind::StateAgency | OrganizationKind::PartyCommittee | OrganizationKind::Other
    );
    if here.len() > 1 || many_per_place {
        let named_so: Vec<usize> =
            here.iter().copied().filter(|i| fold(&names.orgs[*i].name).contains(&head_key)).collect();
        if !named_so.is_empty() || many_per_place {
            here = named_so;
        }
    }
    let candidate = |i: usize, score: f32| {
        let row = &names.orgs[i];
        let locality = row.locality_id.and_then(|id| names.place_of_id(id)).map(|p| names.places[p].name.clone());
        OrgCandidate { id: row.id, name: row.name.clone(), locality_id: row.locality_id, locality, score }
    };
    match here.as_slice() {
        [one] => Resolved {
            organization_id: Some(names.orgs[*one].id),
            candidates: Vec::new(),
            proposed: None,
            identity: format!("id:{}", names.orgs[*one].id),
        },
        [_, _, ..] => Resolved {
            organization_id: None,
            candidates: here.iter().map(|i| candidate(*i, 0.5)).collect(),
            proposed: None,
            identity: format!("text:{}", fold(written)),
        },
        [] => {
            let proposed = propose(names, named, written);
            // Organizations of the same kind in places near the one meant, nearest first.
            let near = named_near(names, &named.place);
            let mut others: Vec<(usize, usize)> = same_kind
                .iter()
                .filter_map(|i| {
                    let at = names.orgs[*i].locality_id.and_then(|id| names.place_of_id(id))?;
                    near.iter().position(|p| names.chain(at).contains(p)).map(|d| (d, *i))
                })
                .collect();
            others.sort();
            Resolved {
                organization_id: None,
                candidates: others.iter().take(3).map(|(d, i)| candidate(*i, 0.4 / (*d as f32 + 1.0))).collect(),
                identity: format!("new:{}", fold(&proposed.name)),
                proposed: Some(proposed),
            }
        }
    }
}

/// The places around `place`, nearest first: itself, then each place it lies in.
fn named_near(names: &Names, place: &Where) -> Vec<usize> {
    match place {
        Where::Known(p) => names.chain(*p),
        Where::New { parent: Some(p), .. } => names.chain(*p),
        _ => Vec::new(),
    }
}

/// The organization to create: the kind's name at the place, in the registry's style.
fn propose(names: &Names, head: &Named, written: &str) -> ProposedOrganization {
    let place = &head.place;
    let (place_name, locality_id) = match place {
        Where::Known(p) => (Some(names.places[*p].name.clone()), names.places[*p].id),
        Where::New { name, .. } => (Some(name.clone()), None),
        Where::Central => {
            let central = names.central();
            (
                Some(central.map_or("Trung ương".to_string(), |c| names.places[c].name.clone())),
                central.and_then(|c| names.places[c].id),
            )
        }
        Where::Unknown => (None, None),
    };
    let name = match (place, &place_name) {
        (Where::Central, _) => head.central.to_string(),
        // "Tỉnh ủy Bình Dương", "Thành đoàn TP. Hồ Chí Minh": the head already says the unit.
        (_, Some(place)) if head.unit.is_some() => format!("{} {}", head.head, place.trim_start_matches("Tỉnh ")),
        (_, Some(place)) => format!("{} {}", head.head, in_name(place)),
        (_, None) => written.to_string(),
    };
    ProposedOrganization { name, kind: head.kind, locality_id, locality: place_name }
}

/// A place as it stands inside an organization's name: "Hội Cựu chiến binh quận 11", "… tỉnh
/// Bình Dương", "… TP. Đà Nẵng".
fn in_name(place: &str) -> String {
    let mut chars = place.chars();
    let first_word = place.split(' ').next().unwrap_or("");
    if ["Quận", "Huyện", "Phường", "Xã", "Tỉnh", "Thị"].contains(&first_word) {
        chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
    } else {
        place.to_string()
    }
}
