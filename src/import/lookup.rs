//! Localities and organizations found by the names a spreadsheet gives them: as registered
//! (name, short name, alias; with or without diacritics), else as the intake reads a name
//! ("Hội LHPN", "Hoi CCB quan 11") in the row's locality. A name several records fit is not
//! guessed: the report lists them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::intake::draft::ProposedOrganization;
use crate::intake::names::{fold, strip_unit, Names};
use crate::intake::organization_named;
use crate::messages::Msg;
use crate::models::enums::OrganizationKind;
use crate::text::name_key;

/// What a name written in a cell is.
pub enum Found {
    One(i64),
    /// Several fit: each by its name and locality.
    Several(Vec<String>),
    /// None fits; the organization the name describes, when it says enough to make one.
    None(Option<ProposedOrganization>),
}

/// An organization a name may be.
#[derive(Clone)]
struct Named {
    id: i64,
    locality: Option<i64>,
    name: String,
    /// The name it was found by, as written (`name_key`).
    key: String,
}

pub struct Lookup {
    names: Arc<Names>,
    /// Organizations (indexes into `names.orgs`) by each of their names, folded, with that name
    /// as written (its `name_key`).
    orgs: HashMap<String, Vec<(usize, String)>>,
    /// Registered places (indexes into `names.places`) by name, folded, whole and without the
    /// unit word ("quan 11", "thanh xuan").
    places: HashMap<String, Vec<usize>>,
    /// Organizations this import made, by each of their names, folded.
    made: HashMap<String, Vec<Named>>,
}

impl Lookup {
    pub fn new(names: Arc<Names>) -> Lookup {
        let mut orgs: HashMap<String, Vec<(usize, String)>> = HashMap::new();
        for (i, org) in names.orgs.iter().enumerate() {
            let all = std::iter::once(&org.name).chain(org.short_name.iter()).chain(org.aliases.iter());
            for name in all {
                orgs.entry(fold(name)).or_default().push((i, name_key(name)));
            }
        }
        let mut places: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, place) in names.places.iter().enumerate().filter(|(_, p)| p.id.is_some()) {
            let key = fold(&place.name);
            if let Some(bare) = strip_unit(&key).filter(|b| !b.chars().all(|c| c.is_ascii_digit())) {
                places.entry(bare.to_string()).or_default().push(i);
            }
            places.entry(key).or_default().push(i);
        }
        Lookup { names, orgs, places, made: HashMap::new() }
    }

    /// The registered locality a cell names: "Quận 11", "quan 11", or "Quận 1, TP. Hồ Chí Minh"
    /// where the name alone fits several.
    pub fn locality(&self, written: &str) -> Result<i64, Msg> {
        let (name, inside) = match written.split_once(',') {
            Some((name, inside)) => (name, Some(inside)),
            None => (written, None),
        };
        let mut found = self.places_named(name);
        if let Some(inside) = inside {
            let outer = self.places_named(inside);
            found.retain(|p| self.names.chain(*p).iter().skip(1).any(|up| outer.contains(up)));
        }
        match found.as_slice() {
            [one] => Ok(self.names.places[*one].id.unwrap_or_default()),
            [] => Err(Msg::NoLocalityMatches(written.trim().to_string())),
            several => Err(Msg::SeveralNamed(written.trim().to_string(), self.place_names(several))),
        }
    }

    pub fn has_locality(&self, id: i64) -> bool {
        self.names.place_of_id(id).is_some()
    }

    fn places_named(&self, written: &str) -> Vec<usize> {
        let key = fold(written);
        let mut found = self.places.get(&key).cloned().unwrap_or_default();
        // "Quang Thạnh" and "Quang Thành" fold alike: the name as written, diacritics and all,
        // tells them apart.
        let exact = name_key(written);
        let ends = format!(" {exact}");
        let exactly = |p: &usize| {
            let name = name_key(&self.names.places[*p].name);
            name == exact || name.ends_with(&ends)
        };
        if found.iter().any(exactly) {
            found.retain(exactly);
        }
        if found.is_empty() {
            // A name in the intake's words ("TP.HCM", "tp. Cần Thơ").
            found = crate::intake::places_named(&self.names, written);
        }
        found
    }

    /// Places by name, with the place each lies in.
    fn place_names(&self, places: &[usize]) -> Vec<String> {
        places
            .iter()
            .map(|p| {
                let place = &self.names.places[*p];
                match place.parent {
                    Some(up) => format!("{}, {}", place.name, self.names.places[up].name),
                    None => place.name.clone(),
                }
            })
            .collect()
    }

    /// The organization a cell names, in the row's locality: one registered there, else inside
    /// it, else in a place it lies in; anywhere when the row has no locality.
    pub fn organization(&self, written: &str, locality: Option<i64>) -> Found {
        let key = fold(written);
        let mut named: Vec<Named> = self
            .orgs
            .get(&key)
            .into_iter()
            .flatten()
            .map(|(i, as_written)| {
                let org = &self.names.orgs[*i];
                Named { id: org.id, locality: org.locality_id, name: org.name.clone(), key: as_written.clone() }
            })
            .collect();
        named.extend(self.made.get(&key).into_iter().flatten().cloned());
        let exact = name_key(written);
        if named.iter().any(|n| n.key == exact) {
            named.retain(|n| n.key == exact);
        }
        let nearest = self.nearest(named, locality);
        match nearest.as_slice() {
            [one] => return Found::One(one.id),
            [] => {}
            several => return Found::Several(several.iter().map(|n| self.named(n)).collect()),
        }
        match organization_named(&self.names, written, locality) {
            // A name the intake would make an organization of lists the nearest of its kind only
            // as suggestions: it matches none of them.
            Some(pick) => match (pick.organization_id, pick.candidates.len()) {
                (Some(id), _) => Found::One(id),
                (None, 0) => Found::None(pick.proposed),
                (None, _) if pick.proposed.is_some() => Found::None(pick.proposed),
                (None, _) => Found::Several(
                    pick.candidates
                        .iter()
                        .map(|c| match &c.locality {
                            Some(l) => format!("{} ({l})", c.name),
                            None => c.name.clone(),
                        })
                        .collect(),
                ),
            },
            None => Found::None(None),
        }
    }

    /// The kind an organization's name says it is ("Hội Nông dân xã An Bình": a farmers' union),
    /// read as the intake reads it; that of the organization it names, when registered.
    pub fn kind_named(&self, written: &str, locality: Option<i64>) -> Option<OrganizationKind> {
        let read = organization_named(&self.names, written, locality).and_then(|pick| match pick.organization_id {
            // The snapshot holds organizations in id order.
            Some(id) => self.names.orgs.binary_search_by_key(&id, |o| o.id).ok().map(|i| self.names.orgs[i].kind),
            None => pick.proposed.map(|p| p.kind),
        });
        read.or_else(|| crate::intake::kind_named(&self.names, written))
    }

    /// Of `orgs`, those in the nearest tier to `locality`: at it, inside it, above it.
    fn nearest(&self, mut orgs: Vec<Named>, locality: Option<i64>) -> Vec<Named> {
        orgs.sort_by_key(|n| n.id);
        orgs.dedup_by_key(|n| n.id);
        let Some(here) = locality.and_then(|id| self.names.place_of_id(id)) else { return orgs };
        let place_of = |n: &Named| n.locality.and_then(|id| self.names.place_of_id(id));
        let tiers: [&dyn Fn(&Named) -> bool; 2] =
            [&|n| place_of(n) == Some(here), &|n| place_of(n).is_some_and(|p| self.names.chain(p).contains(&here))];
        for tier in tiers {
            let found: Vec<Named> = orgs.iter().filter(|n| tier(n)).cloned().collect();
            if !found.is_empty() {
                return found;
            }
        }
        for up in self.names.chain(here).into_iter().skip(1) {
            let found: Vec<Named> = orgs.iter().filter(|n| place_of(n) == Some(up)).cloned().collect();
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    fn named(&self, n: &Named) -> String {
        match n.locality.and_then(|id| self.names.place_of_id(id)) {
            Some(p) => format!("{} ({})", n.name, self.names.places[p].name),
            None => n.name.clone(),
        }
    }

    /// An organization this import made, found by each of its names from now on.
    pub fn made<'n>(&mut self, names: impl IntoIterator<Item = &'n str>, locality: Option<i64>, id: i64, name: &str) {
        for written in names {
            let made = self.made.entry(fold(written)).or_default();
            made.push(Named { id, locality, name: name.to_string(), key: name_key(written) });
        }
    }
}
