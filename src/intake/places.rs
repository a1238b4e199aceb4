//! Places in a text: each one named, and the place the article is about, against which a name
//! without a place ("Hội Liên hiệp Phụ nữ", "UB.MTTQ quận") is read.

use std::collections::HashMap;
use std::ops::Range;

use super::lexicon::UNITS;
use super::names::{Entry, Hit, Names};
use super::words::{Spans, Words};
use crate::models::enums::LocalityLevel;
use crate::symbol::Tok;

/// Where an organization works, as far as the text tells.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Where {
    /// A place of the gazetteer (registered, or a province not registered yet).
    Known(usize),
    /// A numbered district or commune the gazetteer does not hold ("quận 5"), inside a known place.
    New {
        name: String,
        level: LocalityLevel,
        parent: Option<usize>,
    },
    Central,
    /// The text does not say, and the article's place does not tell either.
    Unknown,
}

/// The places named in a text and the one it is about.
pub struct Context {
    /// Each place named, by the stream word its name starts at: (where it ends, the place).
    starts: HashMap<usize, (usize, usize)>,
    /// The place the article is about: the one named most (a headline counts twice).
    pub main: Option<Where>,
}

impl Context {
    pub fn read(words: &Words, names: &Names, hits: &[Hit], headline: Option<usize>, masked: &Spans) -> Context {
        let mut named: Vec<(Range<usize>, usize)> = Vec::new();
        for hit in hits {
            let Entry::Place { place, bare } = hit.entry else { continue };
            let tokens = words.tokens_of(&hit.words);
            let bytes = words.bytes_of(&tokens);
            if masked.overlaps(&bytes) {
                continue;
            }
            if bare && !capitalized(words, &tokens) && unit_before(words, hit.words.start).is_none() {
                continue;
            }
            named.push((hit.words.clone(), place));
        }
        // A longer name for the same words wins ("quan thanh xuan" over "thanh xuan"): in order
        // of start, the longer first, a name inside the one kept before is dropped.
        named.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut kept: Vec<(Range<usize>, usize)> = Vec::with_capacity(named.len());
        for (r, place) in named {
            if kept.last().is_none_or(|(k, _)| r.start >= k.end) {
                kept.push((r, place));
            }
        }
        let named = kept;
        let mut covered = vec![false; words.stream.len() + 1];
        for (r, _) in &named {
            covered[r.clone()].iter_mut().for_each(|c| *c = true);
        }
        let weight = |w: usize| if Some(words.line[words.stream[w].token]) == headline { 2 } else { 1 };
        // Each place with its weight, where it is first named, and how particular it is.
        let mut counts: HashMap<Where, (usize, usize, u8)> = HashMap::new();
        let count = |counts: &mut HashMap<Where, (usize, usize, u8)>, place: Where, at: usize, level: LocalityLevel| {
            counts.entry(place).or_insert((0, at, level.rank())).0 += weight(at);
        };
        for (range, place) in &named {
            count(&mut counts, Where::Known(*place), range.start, names.places[*place].level);
        }
        // Districts and communes named by number that the gazetteer does not hold ("quận 11"
        // against an empty registry), inside the province named most.
        let province = counts
            .iter()
            .filter_map(|(w, c)| match w {
                Where::Known(p) if names.places[*p].level == LocalityLevel::Province => Some((*p, c)),
                _ => None,
            })
            .max_by_key(|(_, c)| (c.0, std::cmp::Reverse(c.1)))
            .map(|(p, _)| p);
        for (w, covered) in covered.iter().enumerate().take(words.stream.len()) {
            if *covered {
                continue;
            }
            if let Some((place, _)) = new_place(words, w, province) {
                let level = if let Where::New { level, .. } = &place { *level } else { LocalityLevel::Commune };
                count(&mut counts, place, w, level);
            }
        }
        // The most named; among equals, the more particular (a district over its city), then the first.
        let main = counts.into_iter().max_by_key(|(_, c)| (c.0, c.2, std::cmp::Reverse(c.1))).map(|(w, _)| w);
        let starts = named.iter().map(|(r, p)| (r.start, (r.end, *p))).collect();
        Context { starts, main }
    }

    /// The place named at stream word `at`, and the word after it.
    pub fn named_at(&self, at: usize) -> Option<(Where, usize)> {
        self.starts.get(&at).map(|(end, place)| (Where::Known(*place), *end))
    }

    /// The place a name without one means, at `level` when the text says only the unit
    /// ("quận", "thành phố"), else the article's own.
    pub fn default_at(&self, names: &Names, level: Option<LocalityLevel>) -> Where {
        let Some(main) = &self.main else { return Where::Unknown };
        let (known, new_level) = match main {
            Where::Known(p) => (Some(*p), None),
            Where::New { level, parent, .. } => (*parent, Some(*level)),
            _ => (None, None),
        };
        match level {
            None => main.clone(),
            Some(level) if new_level == Some(level) => main.clone(),
            Some(level) => known.and_then(|p| names.at_level(p, level)).map_or(Where::Unknown, Where::Known),
        }
    }

    /// The province-level place of the article, for a new district named by number.
    pub fn province(&self, names: &Names) -> Option<usize> {
        match &self.main {
            Some(Where::Known(m)) => names.at_level(*m, LocalityLevel::Province),
            Some(Where::New { parent, .. }) => parent.and_then(|p| names.at_level(p, LocalityLevel::Province)),
            _ => None,
        }
    }
}

/// A unit's word as written in a name.
pub fn unit_name(unit: &str) -> &'static str {
    match unit {
        "quan" => "quận",
        "huyen" => "huyện",
        "phuong" => "phường",
        "xa" => "xã",
        "thi xa" => "thị xã",
        "thi tran" => "thị trấn",
        "tinh" => "tỉnh",
        _ => "thành phố",
    }
}

/// Whether every word of `tokens` that is a proper name starts with a capital: "Hòa Bình" is a
/// province, "hòa bình" is peace.
fn capitalized(words: &Words, tokens: &Range<usize>) -> bool {
    words.tokens[tokens.clone()]
        .iter()
        .filter(|t| t.tok == crate::symbol::Tok::Word)
        .all(|t| t.text.chars().next().is_some_and(char::is_uppercase))
}

/// The unit word ending just before stream word `at`, with its level and where it starts.
pub fn unit_before(words: &Words, at: usize) -> Option<(usize, LocalityLevel)> {
    UNITS.iter().find_map(|(unit, level)| {
        let n = unit.split(' ').count();
        let start = at.checked_sub(n)?;
        words.words_at(start, unit).then_some((start, *level))
    })
}

/// The unit word starting at stream word `at`, with its level and the word after it.
pub fn unit_at(words: &Words, at: usize) -> Option<(usize, LocalityLevel)> {
    UNITS.iter().find_map(|(unit, level)| words.words_at(at, unit).then(|| (at + unit.split(' ').count(), *level)))
}

/// The place named at stream word `at` (a whole name or a unit word and a name), and the word
/// after it. A numbered district or commune the gazetteer does not hold is a new place inside
/// the article's province.
pub fn place_at(words: &Words, names: &Names, context: &Context, at: usize) -> Option<(Where, usize)> {
    if let Some(found) = context.named_at(at) {
        return Some(found);
    }
    let (after_unit, _) = unit_at(words, at)?;
    if let Some(found) = context.named_at(after_unit) {
        return Some(found);
    }
    let next = words.word(after_unit);
    if let Some(place) = names.place_named(&format!("{} {next}", words.word(at))) {
        return Some((Where::Known(place), after_unit + 1));
    }
    new_place(words, at, context.province(names))
}

/// Words after a unit that make it part of an organization's name, not a place's.
const NOT_PLACE_NAMES: &[&str] = &["doan", "uy", "hoi", "lien", "mat", "ban", "so", "bo", "cong", "dang", "thanh"];

/// A district or commune the gazetteer does not hold, named at stream word `at` by its unit and
/// a number ("quận 5") or a name in capitals ("huyện Củ Chi"), inside `parent`.
fn new_place(words: &Words, at: usize, parent: Option<usize>) -> Option<(Where, usize)> {
    let (after_unit, level) = unit_at(words, at)?;
    if level == LocalityLevel::Province {
        return None;
    }
    let next = words.word(after_unit);
    let unit = crate::text::capitalized(unit_name(words.word(at)));
    if !next.is_empty() && next.chars().all(|c| c.is_ascii_digit()) {
        return Some((Where::New { name: format!("{unit} {next}"), level, parent }, after_unit + 1));
    }
    // Up to three capitalised words, each a token of its own ("Củ Chi", "Bình Thạnh"); not an
    // organization's name ("Quận Đoàn", "Huyện ủy").
    if NOT_PLACE_NAMES.contains(&next) {
        return None;
    }
    let mut end = after_unit;
    while end < after_unit + 3 && words.word(end) != "|" {
        let token = words.stream.get(end).map(|w| &words.tokens[w.token]);
        let capital =
            token.is_some_and(|t| t.tok == Tok::Word && t.text.chars().next().is_some_and(char::is_uppercase));
        let own_token = end == after_unit || words.stream[end].token != words.stream[end - 1].token;
        if !capital || !own_token {
            break;
        }
        end += 1;
    }
    (end > after_unit).then(|| {
        let name = format!("{unit} {}", words.text_of(&words.tokens_of(&(after_unit..end))));
        (Where::New { name, level, parent }, end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::names::{LocalityRow, Names};
    use crate::intake::words::Spans;

    #[test]
    fn the_article_is_about_the_place_it_names_most() {
        let names = Names::new(
            vec![],
            vec![
                LocalityRow { id: 1, name: "Trung ương".into(), level: LocalityLevel::Central, parent_id: None },
                LocalityRow {
                    id: 2,
                    name: "TP. Hồ Chí Minh".into(),
                    level: LocalityLevel::Province,
                    parent_id: Some(1),
                },
                LocalityRow { id: 3, name: "Quận 11".into(), level: LocalityLevel::District, parent_id: Some(2) },
            ],
        );
        let words = Words::new("Quận 11 ký kết\nTP.HCM và quận 11; môi trường hòa bình, ổn định");
        let hits = names.find(&words);
        let context = Context::read(&words, &names, &hits, Some(0), &Spans::new(Vec::new()));
        assert_eq!(context.main, Some(Where::Known(names.place_of_id(3).unwrap())));
        assert!(!context.starts.values().any(|(_, p)| names.places[*p].name.contains("Hòa Bình")));
        let city = context.default_at(&names, Some(LocalityLevel::Province));
        assert_eq!(city, Where::Known(names.place_of_id(2).unwrap()));
    }
}
