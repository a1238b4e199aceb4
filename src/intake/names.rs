//! The gazetteer: every name the registry knows (organizations with their short names and
//! aliases, localities) and the names of the lexicon, folded as the intake folds a text and found
//! in one pass over it (Aho-Corasick). Built from a snapshot of the registry, and rebuilt by the
//! service when the registry changes; nothing here reads the database.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::lexicon::{HEADS, PROVINCES, UNITS};
use super::words::Words;
use crate::models::enums::{LocalityLevel, OrganizationKind};

/// An organization as the snapshot holds it.
#[derive(Debug, Clone)]
pub struct OrgRow {
    pub id: i64,
    pub name: String,
    pub short_name: Option<String>,
    pub aliases: Vec<String>,
    pub kind: OrganizationKind,
    pub locality_id: Option<i64>,
}

/// A locality as the snapshot holds it.
#[derive(Debug, Clone)]
pub struct LocalityRow {
    pub id: i64,
    pub name: String,
    pub level: LocalityLevel,
    pub parent_id: Option<i64>,
}

/// A place a text may name: a registered locality, or a province the registry does not hold yet.
#[derive(Debug, Clone)]
pub struct Place {
    pub id: Option<i64>,
    pub name: String,
    pub level: LocalityLevel,
    /// The place it lies in (an index into `places`).
    pub parent: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A registered organization's name, short name or alias (index into `orgs`).
    Org(usize),
    /// A name of the lexicon (index into `lexicon::HEADS`).
    Head(usize),
    /// A place; `bare` when the words are its proper name only ("Cần Thơ", not "quận 11"), which
    /// counts as a place only when written with capitals or after a unit word.
    Place { place: usize, bare: bool },
}

/// A name found in a text: the stream words it covers and what it names.
#[derive(Debug, Clone)]
pub struct Hit {
    pub words: Range<usize>,
    pub entry: Entry,
}

pub struct Names {
    pub orgs: Vec<OrgRow>,
    pub places: Vec<Place>,
    by_place_id: HashMap<i64, usize>,
    /// Places by their folded names, whole ("quan 11") and bare ("thanh xuan").
    by_place_key: HashMap<String, usize>,
    /// Organizations by kind, so that a kind's name is resolved among its own.
    by_kind: HashMap<OrganizationKind, Vec<usize>>,
    matcher: Option<AhoCorasick>,
    entries: Vec<Vec<Entry>>,
}

/// A name's folded words as the text's stream would hold them.
pub fn fold(name: &str) -> String {
    Words::new(name).joined.trim().to_string()
}

impl Names {
    pub fn new(orgs: Vec<OrgRow>, localities: Vec<LocalityRow>) -> Names {
        let mut keys: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut add = |key: String, entry: Entry| {
            if !key.is_empty() && !key.contains('|') {
                let entries = keys.entry(key).or_default();
                if !entries.contains(&entry) {
                    entries.push(entry);
                }
            }
        };
        for (i, org) in orgs.iter().enumerate() {
            let names = std::iter::once(&org.name).chain(org.short_name.iter()).chain(org.aliases.iter());
            for name in names {
                add(fold(name), Entry::Org(i));
            }
        }
        for (i, h) in HEADS.iter().enumerate() {
            add(h.key.to_string(), Entry::Head(i));
        }
        let places = places(&localities);
        let mut by_place_key = HashMap::new();
        for (i, place) in places.iter().enumerate() {
            let key = fold(&place.name);
            by_place_key.entry(strip_unit(&key).unwrap_or(&key).to_string()).or_insert(i);
            by_place_key.entry(key).or_insert(i);
        }
        for (i, place) in places.iter().enumerate() {
            if place.level == LocalityLevel::Central {
                continue;
            }
            let key = fold(&place.name);
            match strip_unit(&key) {
                Some(bare) if !bare.chars().all(|c| c.is_ascii_digit()) => {
                    add(bare.to_string(), Entry::Place { place: i, bare: true })
                }
                Some(_) => {}
                None => {
                    add(key.clone(), Entry::Place { place: i, bare: true });
                    continue;
                }
            }
            add(key, Entry::Place { place: i, bare: false });
        }
        let mut patterns = Vec::with_capacity(keys.len());
        let mut entries = Vec::with_capacity(keys.len());
        for (key, e) in keys {
            patterns.push(format!(" {key} "));
            entries.push(e);
        }
        let matcher = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok();
        let by_place_id = places.iter().enumerate().filter_map(|(i, p)| p.id.map(|id| (id, i))).collect();
        let mut by_kind: HashMap<OrganizationKind, Vec<usize>> = HashMap::new();
        for (i, org) in orgs.iter().enumerate() {
            by_kind.entry(org.kind).or_default().push(i);
        }
        Names { orgs, places, by_place_id, by_place_key, by_kind, matcher, entries }
    }

    /// Every name in the text, overlapping ones included.
    pub fn find(&self, words: &Words) -> Vec<Hit> {
        let Some(matcher) = &self.matcher else { return Vec::new() };
        let mut hits = Vec::new();
        for m in matcher.find_overlapping_iter(&words.joined) {
            let range = words.stream_range(m.start()..m.end());
            for entry in &self.entries[m.pattern().as_usize()] {
                hits.push(Hit { words: range.clone(), entry: *entry });
            }
        }
        hits
    }

    pub fn place_of_id(&self, id: i64) -> Option<usize> {
        self.by_place_id.get(&id).copied()
    }

    /// The organizations of a kind (indexes into `orgs`).
    pub fn of_kind(&self, kind: OrganizationKind) -> &[usize] {
        self.by_kind.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// The place with this folded name ("quan 11", "can tho").
    pub fn place_named(&self, key: &str) -> Option<usize> {
        self.by_place_key.get(key).copied()
    }

    /// The central locality, when the registry holds one.
    pub fn central(&self) -> Option<usize> {
        self.places.iter().position(|p| p.level == LocalityLevel::Central)
    }

    /// The place and those it lies in, nearest first.
    pub fn chain(&self, place: usize) -> Vec<usize> {
        let mut chain = vec![place];
        while let Some(up) = chain.last().and_then(|p| self.places[*p].parent) {
            if chain.contains(&up) || chain.len() > 8 {
                break;
            }
            chain.push(up);
        }
        chain
    }

    /// The place at `level` that `place` lies in (itself when it is at that level).
    pub fn at_level(&self, place: usize, level: LocalityLevel) -> Option<usize> {
        self.chain(place).into_iter().find(|p| self.places[*p].level == level)
    }
}

/// The unit word a folded place name starts with, and the rest: "quan thanh xuan" → "thanh xuan".
pub fn strip_unit(key: &str) -> Option<&str> {
    UNITS.iter().find_map(|(unit, _)| key.strip_prefix(unit).and_then(|rest| rest.strip_prefix(' ')))
}

/// The registered localities, then the provinces the registry does not hold (under the centre).
fn places(localities: &[LocalityRow]) -> Vec<Place> {
    let index: HashMap<i64, usize> = localities.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    let mut places: Vec<Place> = localities
        .iter()
        .map(|l| Place {
            id: Some(l.id),
            name: l.name.clone(),
            level: l.level,
            parent: l.parent_id.and_then(|p| index.get(&p).copied()),
        })
        .collect();
    let held: Vec<String> =
        places.iter().map(|p| fold(&p.name)).map(|k| strip_unit(&k).unwrap_or(&k).to_string()).collect();
    let central = places.iter().position(|p| p.level == LocalityLevel::Central);
    for (name, city) in PROVINCES {
        if held.contains(&fold(name)) {
            continue;
        }
        let name = if *city { format!("TP. {name}") } else { format!("Tỉnh {name}") };
        places.push(Place { id: None, name, level: LocalityLevel::Province, parent: central });
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let l = |id, name: &str, level, parent_id| LocalityRow { id, name: name.into(), level, parent_id };
        let o = |id, name: &str, short: Option<&str>, kind, locality_id| OrgRow {
            id,
            name: name.into(),
            short_name: short.map(Into::into),
            aliases: vec![],
            kind,
            locality_id,
        };
        Names::new(
            vec![o(
                1,
                "Liên hiệp các tổ chức hữu nghị TP. Cần Thơ",
                Some("Liên hiệp Cần Thơ"),
                OrganizationKind::FriendshipUnion,
                Some(4),
            )],
            vec![
                l(1, "Trung ương", LocalityLevel::Central, None),
                l(4, "TP. Cần Thơ", LocalityLevel::Province, Some(1)),
                l(6, "Quận 11", LocalityLevel::District, Some(4)),
            ],
        )
    }

    #[test]
    fn names_places_and_heads_are_found_in_one_pass() {
        let names = names();
        let words = Words::new("Liên hiệp Cần Thơ và Hội LHPN quận 11, tỉnh Bình Dương");
        let found: Vec<(String, Entry)> = names
            .find(&words)
            .into_iter()
            .map(|h| (words.text_of(&words.tokens_of(&h.words)).to_string(), h.entry))
            .collect();
        assert!(found.contains(&("Liên hiệp Cần Thơ".into(), Entry::Org(0))));
        assert!(found.iter().any(|(t, e)| t == "Hội LHPN" && matches!(e, Entry::Head(_))));
        assert!(found.iter().any(|(t, e)| t == "quận 11" && matches!(e, Entry::Place { bare: false, .. })));
        let binh_duong = names.places.iter().position(|p| p.name == "Tỉnh Bình Dương").unwrap();
        assert!(found.contains(&("Bình Dương".into(), Entry::Place { place: binh_duong, bare: true })));
        assert_eq!(names.places[binh_duong].parent, names.central());
        assert!(!names.places.iter().any(|p| p.name == "TP. Cần Thơ" && p.id.is_none()), "held places are not added");
    }
}
