//! Directives named in a text: each reference read by the symbol module, the same document named
//! twice taken once, and what implements what ("Kế hoạch số 2722/KH-UBND triển khai thực hiện Chỉ
//! thị 38-CT/TW", "Thực hiện Chỉ thị 12-CT/TW, … ban hành Kế hoạch số 85-KH/TU").

use std::ops::Range;

use super::draft::{DirectiveCandidate, DirectivePick, ProposedDirective};
use super::words::Words;
use crate::models::enums::DirectiveRelation;
use crate::symbol::Citation;

/// Verbs between two references that make the first implement the second ("triển khai thực
/// hiện"), and the words that may stand with them ("để", "nhằm", "nội dung").
const IMPLEMENTING: &[&str] = &["trien khai", "thuc hien", "cu the hoa"];
const WITH_IMPLEMENTING: &[&str] = &["de", "nham", "noi dung", "theo", "viec", "tiep tuc"];

/// One document, with every place the text names it.
pub struct Cited {
    pub citation: Citation,
    pub spans: Vec<Range<usize>>,
    /// Indexes of the documents it implements.
    pub implements: Vec<usize>,
    /// The issuer as the text names it when the reference itself does not ("Ban Thường vụ Tỉnh ủy
    /// Bình Dương đã ban hành Kế hoạch …").
    pub issuer: Option<String>,
    /// What it is about, as the text says after it.
    pub title: Option<String>,
}

pub fn read(words: &Words, citations: Vec<Citation>) -> Vec<Cited> {
    let mut docs: Vec<Cited> = Vec::new();
    for c in citations {
        let same = docs.iter().position(|d| d.citation.symbol.canonical == c.symbol.canonical);
        match same {
            Some(i) => {
                docs[i].spans.push(c.span.clone());
                // A later mention may say what an earlier one left out.
                let d = &mut docs[i];
                d.citation.issued_on = d.citation.issued_on.or(c.issued_on);
                d.citation.issuing_body = d.citation.issuing_body.take().or(c.issuing_body.clone());
                // The fullest saying of what it is about: a headline's is often a few words.
                let said = about(words.plain, c.span.end);
                if said.as_ref().map_or(0, String::len) > d.title.as_ref().map_or(0, String::len) {
                    d.title = said;
                }
            }
            None => {
                let issuer = issued_by(words, &c.span);
                let title = about(words.plain, c.span.end);
                docs.push(Cited { spans: vec![c.span.clone()], citation: c, implements: Vec::new(), issuer, title });
            }
        }
    }
    let mut spans: Vec<(Range<usize>, usize)> =
        docs.iter().enumerate().flat_map(|(i, d)| d.spans.iter().map(move |s| (s.clone(), i))).collect();
    spans.sort_by_key(|(s, _)| s.start);
    for pair in spans.windows(2) {
        let ((a, i), (b, j)) = (&pair[0], &pair[1]);
        if i != j && same_sentence(words, a, b) && implements_between(words, a.end, b.start) {
            link(&mut docs, *i, *j);
        }
    }
    // "Thực hiện <B>, … ban hành <A>": A implements B.
    for sentence in &words.sentences {
        let bytes = words.bytes_of(sentence);
        let inside: Vec<&(Range<usize>, usize)> =
            spans.iter().filter(|(s, _)| s.start >= bytes.start && s.end <= bytes.end).collect();
        let Some((first, b)) = inside.first() else { continue };
        if !implements_between(words, bytes.start, first.start) {
            continue;
        }
        for (span, a) in inside.iter().skip(1) {
            if a != b && ban_hanh_before(words, span.start) {
                link(&mut docs, *a, *b);
            }
        }
    }
    docs
}

fn link(docs: &mut [Cited], a: usize, b: usize) {
    if !docs[a].implements.contains(&b) && !docs[b].implements.contains(&a) {
        docs[a].implements.push(b);
    }
}

fn token_at(words: &Words, byte: usize) -> usize {
    words.tokens.partition_point(|t| t.end <= byte)
}

fn same_sentence(words: &Words, a: &Range<usize>, b: &Range<usize>) -> bool {
    words.sentence_of(token_at(words, a.start)) == words.sentence_of(token_at(words, b.start))
}

/// Whether the words from byte `from` to `to` are only an implementing verb ("triển khai thực
/// hiện"), perhaps with a comma.
fn implements_between(words: &Words, from: usize, to: usize) -> bool {
    let tokens = token_at(words, from)..token_at(words, to);
    let stream = words.word_of_token(tokens.start)..words.word_of_token(tokens.end);
    let text: Vec<&str> = stream.map(|w| words.word(w)).filter(|w| *w != "|").collect();
    let mut rest = text.join(" ");
    let mut verbs = 0;
    while !rest.is_empty() {
        let verb = IMPLEMENTING.iter().find(|v| starts_with_words(&rest, v));
        let filler = WITH_IMPLEMENTING.iter().find(|v| starts_with_words(&rest, v));
        let Some(taken) = verb.or(filler) else { return false };
        verbs += usize::from(verb.is_some());
        rest = rest[taken.len()..].trim_start().to_string();
    }
    (1..=2).contains(&verbs)
}

fn starts_with_words(text: &str, words: &str) -> bool {
    text.strip_prefix(words).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

fn ban_hanh_before(words: &Words, byte: usize) -> bool {
    let w = words.word_of_token(token_at(words, byte));
    (1..=3).any(|back| w.checked_sub(back + 1).is_some_and(|b| words.words_at(b, "ban hanh")))
}

/// The subject of "ban hành" before the reference at `span`, in its clause.
fn issued_by(words: &Words, span: &Range<usize>) -> Option<String> {
    let t = token_at(words, span.start);
    let sentence = &words.sentences[words.sentence_of(t).min(words.sentences.len().checked_sub(1)?)];
    let verb = (sentence.start..t).rev().take(4).find(|v| {
        let w = words.word_of_token(*v);
        words.words_at(w, "ban hanh")
    })?;
    let clause_start = (sentence.start..verb)
        .rev()
        .find(|x| matches!(words.tokens[*x].text, "," | ";" | ":"))
        .map_or(sentence.start, |x| x + 1);
    let mut end = verb;
    if end > clause_start && words.tokens[end - 1].key() == "da" {
        end -= 1;
    }
    (end > clause_start).then(|| words.text_of(&(clause_start..end)).to_string())
}

/// What a reference is about, when "về" follows it: the words in quotes ("về “Tăng cường …”"),
/// or those up to the clause's end ("về tăng cường … trong tình hình mới,").
fn about(text: &str, end: usize) -> Option<String> {
    let rest = text[end..].trim_start_matches([' ', ',']);
    let rest = rest.strip_prefix("về ").or_else(|| rest.strip_prefix("Về "))?.trim_start();
    let (body, closed) = match rest.strip_prefix(['“', '"']) {
        Some(quoted) => (quoted, quoted.find(['”', '"'])),
        None => (rest, rest.find([',', ';', '.', '\n', ':'])),
    };
    let said: String = body[..closed.unwrap_or(body.len())].chars().take(300).collect();
    let said = crate::text::clean(&said);
    (said.split(' ').count() >= 2).then(|| crate::text::capitalized(&said))
}

/// The pick for a document: the registered one when exactly one fits, else the candidates and a
/// directive to create.
pub fn pick(doc: &Cited, written: &str, candidates: Vec<DirectiveCandidate>, implements: Vec<String>) -> DirectivePick {
    let directive_id = (candidates.len() == 1).then(|| candidates[0].id);
    let proposed = directive_id.is_none().then(|| ProposedDirective {
        symbol: doc.citation.symbol.canonical.clone(),
        kind: doc.citation.symbol.kind,
        issuer: doc.citation.issuing_body.clone().or_else(|| doc.issuer.clone()),
        issued_on: doc.citation.issued_on,
        term: doc.citation.term.clone(),
        title: doc.title.clone(),
        implements: implements.clone(),
    });
    DirectivePick {
        directive_id,
        symbol: written.to_string(),
        relation: DirectiveRelation::Implements,
        candidates: if directive_id.is_some() { Vec::new() } else { candidates },
        proposed,
        implements,
    }
}
