//! Organizations named in a text, each resolved in context: a registered name is that
//! organization; a kind's name ("Hội Liên hiệp Phụ nữ", "Quận Đoàn 11", "T.Ư Hội Nông dân VN")
//! is the organization of that kind at the place written after it, or at the article's place;
//! a name in a list that neither fits ("gồm: Hội Hữu nghị Nhật - Việt tỉnh Osaka và …") is taken
//! as written.

use std::ops::Range;

use super::draft::{OrgPick, ProposedOrganization};
use super::lexicon::{Head, ABROAD, CENTRAL_PREFIXES, HEADS, ORGANIZATION_NOUNS};
use super::names::{fold, Entry, Hit, Names};
use super::places::{place_at, unit_at, Context, Where};
use super::resolve;
use super::words::{Spans, Words};
use crate::models::enums::{LocalityLevel, OrganizationKind};
use crate::symbol::Tok;

#[derive(Debug, Clone)]
pub struct OrgMention {
    /// Stream words and tokens the mention covers.
    pub words: Range<usize>,
    pub tokens: Range<usize>,
    pub pick: OrgPick,
    pub place: Where,
    /// The same organization, however named: its id, or the folded name proposed.
    pub identity: String,
    pub confidence: f32,
}

/// A kind's name with what is written around it, before it is resolved.
pub(super) struct Named {
    pub(super) words: Range<usize>,
    pub(super) kind: OrganizationKind,
    /// The kind's name before a place, and the central organization's name.
    pub(super) head: String,
    pub(super) central: String,
    pub(super) unit: Option<&'static str>,
    pub(super) place: Where,
    pub(super) explicit: bool,
}

pub fn find(words: &Words, names: &Names, hits: &[Hit], context: &Context, masked: &Spans) -> Vec<OrgMention> {
    let mut found: Vec<(Range<usize>, Option<usize>, Option<Named>)> = Vec::new();
    for hit in hits {
        match hit.entry {
            Entry::Org(org) => found.push((hit.words.clone(), Some(org), None)),
            Entry::Head(h) => {
                let named = read_head(words, names, context, hit.words.clone(), &HEADS[h]);
                found.push((named.words.clone(), None, Some(named)));
            }
            Entry::Place { .. } => {}
        }
    }
    found.extend(departments(words, names, context).into_iter().map(|n| (n.words.clone(), None, Some(n))));
    // The longest name wins where names overlap; a registered name over a kind's of the same length.
    found.sort_by_key(|(r, org, _)| (std::cmp::Reverse(r.len()), org.is_none(), r.start));
    // Which stream words a kept name covers: the longest names are kept first.
    let mut taken = vec![false; words.stream.len() + 1];
    let mut mentions = Vec::new();
    let mut memo = resolve::Memo::new();
    for (range, org, named) in found {
        if taken[range.clone()].iter().any(|t| *t) {
            continue;
        }
        let tokens = words.tokens_of(&range);
        let bytes = words.bytes_of(&tokens);
        if masked.overlaps(&bytes) {
            continue;
        }
        let written = words.text_of(&tokens).to_string();
        let mention = match (org, named) {
            (Some(org), _) => registered(names, org, written, range.clone(), tokens),
            (None, Some(named)) => resolve::resolve(names, named, written, tokens, &mut memo),
            (None, None) => continue,
        };
        taken[range].iter_mut().for_each(|t| *t = true);
        mentions.push(mention);
    }
    mentions.extend(listed(words, &mut taken, masked));
    mentions.sort_by_key(|m| m.words.start);
    mentions
}

/// A kind's name, with "Trung ương" before it or the place after it.
fn read_head(words: &Words, names: &Names, context: &Context, range: Range<usize>, head: &Head) -> Named {
    let mut start = range.start;
    let mut end = range.end;
    let central_before = CENTRAL_PREFIXES.iter().find_map(|p| {
        let n = p.split(' ').count();
        let at = start.checked_sub(n)?;
        let upper =
            words.text_of(&words.tokens_of(&(at..start))).chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        (words.words_at(at, p) && (*p == "trung uong" || upper)).then_some(at)
    });
    if let Some(at) = central_before {
        start = at;
    }
    // "Ủy ban Mặt trận Tổ quốc Việt Nam (UBMTTQVN) TP Cần Thơ": the bracket repeats the name.
    if let Some(close) = bracket_after(words, end) {
        if place_at(words, names, context, close).is_some() {
            end = close;
        }
    }
    let is_front = head.kind == OrganizationKind::FrontCommittee;
    let (place, explicit) = if central_before.is_some() || head.unit == Some("trung uong") {
        if !is_front && words.words_at(end, "viet nam") {
            end += 2;
        }
        (Where::Central, true)
    } else if let Some((place, next)) = place_at(words, names, context, end) {
        end = next;
        (place, true)
    } else if let Some(unit) = head.unit.filter(|u| *u != "trung uong") {
        // "Quận Đoàn 11", "Thành đoàn TP Hồ Chí Minh", "Tỉnh ủy Bình Dương".
        let level = level_of(unit);
        match bare_place(words, names, context, unit, end) {
            Some((place, next)) => {
                end = next;
                (place, true)
            }
            None => (context.default_at(names, Some(level)), false),
        }
    } else if !is_front && words.words_at(end, "viet nam") {
        end += 2;
        (Where::Central, true)
    } else if let Some((next, level)) = unit_at(words, end) {
        end = next;
        (context.default_at(names, Some(level)), false)
    } else {
        (context.default_at(names, None), false)
    };
    Named {
        words: start..end,
        kind: head.kind,
        head: head.head.to_string(),
        central: head.central.to_string(),
        unit: head.unit,
        place,
        explicit,
    }
}

/// Words that end a department's name: the verbs and prepositions that follow one.
const NAME_ENDS: &[&str] = &[
    "da", "ky", "ki", "cung", "tai", "ve", "trong", "de", "nham", "phoi", "la", "co", "se", "dang", "thuc", "to",
    "voi", "cua", "nhu", "theo", "khi", "duoc", "ban", "tham", "chu", "trien",
];

/// A department named "Sở …" ("Sở Ngoại vụ thành phố Cần Thơ") or a ministry "Bộ …" ("Bộ Ngoại
/// giao", central): a state agency, named by the words up to its place, to "và" or to a comma.
fn departments(words: &Words, names: &Names, context: &Context) -> Vec<Named> {
    let mut found = Vec::new();
    for (t, token) in words.tokens.iter().enumerate() {
        let ministry = token.text == "Bộ";
        if token.text != "Sở" && !ministry {
            continue;
        }
        let start = words.word_of_token(t);
        let mut end = start + 1;
        while end < start + 6
            && !matches!(words.word(end), "|" | "va")
            && !NAME_ENDS.contains(&words.word(end))
            && place_at(words, names, context, end).is_none()
        {
            end += 1;
        }
        if end == start + 1 {
            continue;
        }
        let head = words.text_of(&words.tokens_of(&(start..end))).to_string();
        let central = head.clone();
        let unit = ministry.then_some("trung uong");
        let department = Head { key: "", kind: OrganizationKind::StateAgency, head: "", central: "", unit };
        let mut named = read_head(words, names, context, start..end, &department);
        named.head = head;
        named.central = central;
        found.push(named);
    }
    found
}

fn level_of(unit: &str) -> LocalityLevel {
    super::lexicon::UNITS.iter().find(|(u, _)| *u == unit).map_or(LocalityLevel::Province, |(_, l)| *l)
}

/// A place named right after a unit head, without its unit word: "Quận Đoàn 11" is the youth
/// union of "quận 11".
fn bare_place(words: &Words, names: &Names, context: &Context, unit: &str, at: usize) -> Option<(Where, usize)> {
    if let Some(found) = context.named_at(at) {
        return Some(found);
    }
    let next = words.word(at);
    if next.is_empty() || next == "|" || !next.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match names.place_named(&format!("{unit} {next}")) {
        Some(place) => Some((Where::Known(place), at + 1)),
        None => Some((
            Where::New {
                name: format!("{} {next}", crate::text::capitalized(super::places::unit_name(unit))),
                level: level_of(unit),
                parent: context.province(names),
            },
            at + 1,
        )),
    }
}

/// The stream word after a bracketed repetition starting at `at`, when there is one.
fn bracket_after(words: &Words, at: usize) -> Option<usize> {
    let open = words.stream.get(at)?;
    if words.tokens.get(open.token)?.text != "(" {
        return None;
    }
    (at + 1..(at + 14).min(words.stream.len()))
        .find(|w| words.word(*w) == "|" && words.tokens[words.stream[*w].token].text == ")")
        .map(|w| w + 1)
}

fn registered(names: &Names, org: usize, written: String, words: Range<usize>, tokens: Range<usize>) -> OrgMention {
    let row = &names.orgs[org];
    let place = row.locality_id.and_then(|id| names.place_of_id(id)).map_or(Where::Unknown, Where::Known);
    OrgMention {
        words,
        tokens,
        pick: OrgPick { organization_id: Some(row.id), name: written, candidates: Vec::new(), proposed: None },
        place,
        identity: format!("id:{}", row.id),
        confidence: 0.95,
    }
}

/// Names that no kind's name fits, taken as written: the items of a list after "gồm", and in a
/// sentence that signs, a name joined by "và", "với" or "cùng" ("A và Hội Hữu nghị … tỉnh Quảng
/// Tây đã ký"). Foreign organizations when the sentence says they are from abroad.
fn listed(words: &Words, taken: &mut [bool], masked: &Spans) -> Vec<OrgMention> {
    let mut found: Vec<OrgMention> = Vec::new();
    for sentence in &words.sentences {
        let mut items = Vec::new();
        if let Some(gom) = sentence.clone().find(|t| words.tokens[*t].key() == "gom") {
            let mut item_start = gom + 1;
            for t in gom + 1..=sentence.end {
                let ends = t == sentence.end
                    || matches!(words.tokens[t].text, "," | ";" | ".")
                    || (words.tokens[t].tok == Tok::Word && words.tokens[t].key() == "va");
                if ends {
                    items.push(skip_colon(words, item_start)..t);
                    item_start = t + 1;
                }
            }
        }
        if sentence.clone().any(|t| matches!(words.tokens[t].key(), "ky" | "ki")) {
            for t in sentence.clone().filter(|t| matches!(words.tokens[*t].key(), "va" | "voi" | "cung")) {
                let end = (t + 1..sentence.end)
                    .find(|e| {
                        let token = &words.tokens[*e];
                        matches!(token.text, "," | ";" | "." | "(" | ":")
                            || (token.tok == Tok::Word && NAME_ENDS.contains(&token.key()))
                    })
                    .unwrap_or(sentence.end);
                items.push(t + 1..end);
            }
        }
        let stream_of_sentence = words.word_of_token(sentence.start)..words.word_of_token(sentence.end);
        let abroad = ABROAD.iter().any(|a| stream_of_sentence.clone().any(|w| words.words_at(w, a)));
        for item in items {
            if item.is_empty() || !starts_organization(words, &item) {
                continue;
            }
            let stream = words.word_of_token(item.start)..words.word_of_token(item.end);
            let bytes = words.bytes_of(&item);
            if taken[stream.clone()].iter().any(|t| *t) || masked.overlaps(&bytes) {
                continue;
            }
            taken[stream.clone()].iter_mut().for_each(|t| *t = true);
            let name = words.text_of(&item).to_string();
            let kind = if abroad { OrganizationKind::ForeignOrganization } else { OrganizationKind::Other };
            let proposed = ProposedOrganization { name: name.clone(), kind, locality_id: None, locality: None };
            found.push(OrgMention {
                words: stream,
                tokens: item,
                identity: format!("new:{}", fold(&name)),
                pick: OrgPick { organization_id: None, name, candidates: Vec::new(), proposed: Some(proposed) },
                place: Where::Unknown,
                confidence: 0.6,
            });
        }
    }
    found
}

fn skip_colon(words: &Words, at: usize) -> usize {
    if words.tokens.get(at).is_some_and(|t| t.text == ":") {
        at + 1
    } else {
        at
    }
}

/// Whether tokens `item` start with a capital and an organization's noun ("Hội", "Hiệp hội").
fn starts_organization(words: &Words, item: &Range<usize>) -> bool {
    let first = &words.tokens[item.start];
    if !first.text.chars().next().is_some_and(char::is_uppercase) || item.len() < 2 {
        return false;
    }
    let key = fold(words.text_of(item));
    ORGANIZATION_NOUNS.iter().any(|noun| key.starts_with(&format!("{noun} ")))
}
