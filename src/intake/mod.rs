//! Article intake: a text about a signing read into a draft registration, each value with where
//! it came from. Pure functions over the text and a snapshot of the registry's names
//! ([`names::Names`]); the directives a reference may name are asked of a resolver the caller
//! gives, so that nothing here touches the database. docs/intake.md says what it reads and what
//! it cannot yet.

mod agreements;
mod dates;
mod directives;
pub mod draft;
mod event;
mod findings;
mod lexicon;
mod mentions;
pub mod names;
mod places;
mod resolve;
mod words;

use std::ops::Range;

use chrono::NaiveDate;

use crate::models::enums::EventKind;
use crate::symbol::Citation;
use draft::{Basis, DirectiveCandidate, DirectivePick, Draft, Intake, PlacePick, ProposedLocality};
use findings::{CharIndex, Out};
use mentions::OrgMention;
use names::Names;
use places::{Context, Where};
use words::Words;

/// What the caller gives with the text.
#[derive(Debug, Default, Clone)]
pub struct Given {
    pub published_on: Option<NaiveDate>,
    pub source_url: Option<String>,
}

/// Reads `text` against `names`; `resolve` answers, for each reference, the registered
/// directives it may name, best first.
pub fn read(
    text: &str,
    given: &Given,
    names: &Names,
    resolve: &mut dyn FnMut(&[Citation]) -> Vec<Vec<DirectiveCandidate>>,
) -> Intake {
    let plain = words::blank_markup(text);
    let words = Words::new(&plain);
    let chars = CharIndex::new(text);
    let mut out = Out { chars: &chars, findings: Vec::new(), notes: Vec::new() };

    let citations = crate::symbol::extract(&plain);
    let masked = words::Spans::new(citations.iter().map(|c| c.span.clone()).collect());
    let hits = names.find(&words);
    let headline = event::headline(&words);
    let context = Context::read(&words, names, &hits, headline, &masked);
    let orgs = mentions::find(&words, names, &hits, &context, &masked);
    let all_dates: Vec<dates::Written> =
        dates::dates(&plain).into_iter().filter(|d| !masked.contains(&d.bytes)).collect();
    let periods = dates::periods(&plain);
    let signed = agreements::read(&words, &orgs, &periods, &masked);

    let docs = directives::read(&words, citations);
    let found = resolve(&docs.iter().map(|d| d.citation.clone()).collect::<Vec<_>>());
    let written: Vec<&str> = docs.iter().map(|d| &plain[d.spans[0].clone()]).collect();
    let symbol_of = |i: usize, candidates: &[DirectiveCandidate]| -> String {
        if candidates.len() == 1 {
            candidates[0].symbol.clone()
        } else {
            docs[i].citation.symbol.canonical.clone()
        }
    };
    let picks: Vec<DirectivePick> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let implements = d.implements.iter().map(|j| symbol_of(*j, &found[*j])).collect();
            directives::pick(d, written[i], found[i].clone(), implements)
        })
        .collect();

    let dated = event::event_date(&words, &all_dates);
    let dated_sentence = dated.map(|d| words.sentence_of(words.tokens.partition_point(|t| t.end <= d.bytes.start)));
    let host = event::host(&words, &orgs, dated_sentence);
    let published_read = all_dates.iter().find(|d| event::dates_publication(&words, d)).and_then(dates::Written::date);
    let kind =
        if !signed.is_empty() { Some(EventKind::Signing) } else { event::unsigned_kind(&words, host.map(|h| h.0)) };

    let mut d = Draft {
        kind,
        title: None,
        held_on: None,
        place: None,
        locality_id: None,
        locality: None,
        host_id: None,
        host: None,
        attendees: Vec::new(),
        agreements: Vec::new(),
        directives: Vec::new(),
        source_url: given.source_url.clone(),
        published_on: given.published_on.or(published_read),
    };
    if d.source_url.is_none() {
        if let Some(at) = event::address(&plain) {
            d.source_url = Some(plain[at.clone()].to_string());
            out.find("source_url", plain[at.clone()].to_string(), at, 0.9, Basis::Read);
        }
    }
    let mut top: Vec<usize> = Vec::new();
    match kind {
        Some(kind) => {
            out.kind(&words, kind, &signed);
            if let Some(l) = headline {
                d.title = Some(line_text(&words, l));
                out.find("title", line_text(&words, l), words.bytes_of(&line_range(&words, l)), 0.7, Basis::Read);
            }
            if let Some(date) = dated {
                d.held_on = out.held_on(date, given.published_on);
                let t = words.tokens.partition_point(|t| t.end <= date.bytes.start);
                if let Some(place) = words.sentences.get(words.sentence_of(t)).and_then(|s| event::place(&words, s)) {
                    let text = words.text_of(&place).to_string();
                    out.find("place", text.clone(), words.bytes_of(&place), 0.7, Basis::Read);
                    d.place = Some(text);
                }
            }
            if let Some((h, confidence)) = host {
                let m = &orgs[h];
                d.host_id = m.pick.organization_id;
                d.host = Some(m.pick.clone());
                let basis = if confidence < 0.7 { Basis::Inferred } else { Basis::Read };
                out.find("host_id", m.pick.name.clone(), words.bytes_of(&m.tokens), confidence, basis);
                if basis == Basis::Inferred {
                    out.note("host_id", format!("Đơn vị tổ chức suy ra từ người phát biểu: {}.", m.pick.name));
                }
            }
            for (i, a) in signed.iter().enumerate() {
                let mut agreement = out.agreement(&words, i, a, &orgs, host.map(|h| &orgs[h.0]));
                (agreement.source_url, agreement.published_on) = (d.source_url.clone(), d.published_on);
                d.agreements.push(agreement);
            }
            let where_from = host
                .map(|h| &orgs[h.0])
                .into_iter()
                .chain(signed.iter().flat_map(|a| a.parties(&orgs)).map(|p| &orgs[p]));
            if let Some((pick, mention)) = locality(names, &context, where_from) {
                d.locality_id = pick.locality_id;
                let span = mention.map_or(0..0, |m| words.bytes_of(&m.tokens));
                out.find("locality_id", pick.name.clone(), span, 0.8, Basis::Inferred);
                d.locality = Some(pick);
            }
            attach_directives(&words, &docs, &picks, &signed, &mut d, &mut top, &mut out);
        }
        None => {
            top = (0..docs.len()).collect();
            out.note_general("Không thấy lễ ký kết hay hội nghị nào trong bài: không có sự kiện để đăng ký.".into());
        }
    }
    for (k, i) in top.iter().enumerate() {
        for span in &docs[*i].spans {
            out.find(&format!("directives[{k}]"), picks[*i].symbol.clone(), span.clone(), 0.9, Basis::Read);
        }
        d.directives.push(picks[*i].clone());
    }
    Intake { draft: d, findings: out.findings, notes: out.notes }
}

/// One organization's name as a spreadsheet's cell gives it ("Hội LHPN", "Hoi CCB quan 11"),
/// read as a text about the locality `place` would read it: the registered organization, the
/// candidates when several fit, or one to create. None when the cell is not one name.
pub fn organization_named(names: &Names, written: &str, place: Option<i64>) -> Option<draft::OrgPick> {
    let words = Words::new(written);
    let masked = words::Spans::new(Vec::new());
    let hits = names.find(&words);
    let mut context = Context::read(&words, names, &hits, None, &masked);
    if let Some(at) = place.and_then(|id| names.place_of_id(id)) {
        context.main = Some(Where::Known(at));
    }
    match mentions::find(&words, names, &hits, &context, &masked).as_slice() {
        [one] if one.words.len() + 1 >= words.stream.len() => Some(one.pick.clone()),
        _ => None,
    }
}

/// The kind of organization a name begins with ("Hội Nông dân phường 5": a farmers' union).
pub fn kind_named(names: &Names, written: &str) -> Option<crate::models::enums::OrganizationKind> {
    let words = Words::new(written);
    names
        .find(&words)
        .into_iter()
        .filter_map(|h| match h.entry {
            names::Entry::Head(i) if h.words.start == 0 => Some((h.words.len(), lexicon::HEADS[i].kind)),
            _ => None,
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind)
}

/// The registered places a cell's text names as a whole ("TP.HCM", "tp. Cần Thơ").
pub fn places_named(names: &Names, written: &str) -> Vec<usize> {
    let words = Words::new(written);
    let mut found = Vec::new();
    for hit in names.find(&words) {
        if let names::Entry::Place { place, .. } = hit.entry {
            if hit.words.len() + 1 >= words.stream.len() && names.places[place].id.is_some() && !found.contains(&place)
            {
                found.push(place);
            }
        }
    }
    found
}

/// A directive goes with the agreement whose sentence names it, else with the agreement named
/// last before it (or the first); one that implements another, or every one when nothing is
/// signed, stands on its own.
fn attach_directives(
    words: &Words,
    docs: &[directives::Cited],
    picks: &[DirectivePick],
    signed: &[agreements::Agreement],
    d: &mut Draft,
    top: &mut Vec<usize>,
    out: &mut Out,
) {
    for (i, doc) in docs.iter().enumerate() {
        if !doc.implements.is_empty() || signed.is_empty() {
            top.push(i);
            continue;
        }
        let first = doc.spans[0].start;
        let t = words.tokens.partition_point(|t| t.end <= first);
        let sentence = words.sentence_of(t);
        let own = signed.iter().position(|a| a.said.iter().any(|s| s.sentence == sentence));
        let before = signed.iter().rposition(|a| a.said.iter().any(|s| s.sentence < sentence));
        let a = own.or(before).unwrap_or(0);
        let k = d.agreements[a].directives.len();
        for span in &doc.spans {
            out.find(
                &format!("agreements[{a}].directives[{k}]"),
                picks[i].symbol.clone(),
                span.clone(),
                0.85,
                Basis::Read,
            );
        }
        d.agreements[a].directives.push(picks[i].clone());
    }
}

/// The event's locality: the host's, else the one most of the parties share, else the article's.
fn locality<'m>(
    names: &Names,
    context: &Context,
    from: impl Iterator<Item = &'m OrgMention>,
) -> Option<(PlacePick, Option<&'m OrgMention>)> {
    let mut counted: Vec<(Where, usize, &OrgMention)> = Vec::new();
    let mut first = true;
    for m in from {
        if m.place == Where::Unknown {
            continue;
        }
        let weight = if first { 100 } else { 1 };
        first = false;
        match counted.iter_mut().find(|(w, _, _)| *w == m.place) {
            Some(c) => c.1 += weight,
            None => counted.push((m.place.clone(), weight, m)),
        }
    }
    let best = counted.iter().max_by_key(|(_, n, _)| *n).map(|(w, _, m)| (w.clone(), Some(*m)));
    let (place, mention) = best.or_else(|| context.main.clone().map(|m| (m, None)))?;
    let pick = match place {
        Where::Known(p) => {
            let place = &names.places[p];
            let parent_id = place.parent.and_then(|up| names.places[up].id);
            let proposed = place.id.is_none().then(|| ProposedLocality {
                name: place.name.clone(),
                level: place.level,
                parent_id,
            });
            PlacePick { locality_id: place.id, name: place.name.clone(), proposed }
        }
        Where::Central => {
            let central = names.central();
            PlacePick {
                locality_id: central.and_then(|c| names.places[c].id),
                name: central.map_or("Trung ương".into(), |c| names.places[c].name.clone()),
                proposed: None,
            }
        }
        Where::New { name, level, parent } => {
            let parent_id = parent.and_then(|p| names.places[p].id);
            PlacePick {
                locality_id: None,
                name: name.clone(),
                proposed: Some(ProposedLocality { name, level, parent_id }),
            }
        }
        Where::Unknown => return None,
    };
    Some((pick, mention))
}

fn line_range(words: &Words, line: usize) -> Range<usize> {
    words.line.partition_point(|l| *l < line)..words.line.partition_point(|l| *l <= line)
}

fn line_text(words: &Words, line: usize) -> String {
    crate::text::clean(words.text_of(&line_range(words, line)))
}

#[cfg(test)]
mod tests;
