//! The agreements signed at the event: every sentence where organizations sign ("ký", "ký
//! kết") a kind of agreement, then the sentences that speak of the same agreement put together
//! (the same period and parties; a caption with neither adds nothing).

use std::collections::BTreeSet;
use std::ops::Range;

use super::dates::Period;
use super::lexicon::{particular, AGREEMENT_WORDS};
use super::mentions::OrgMention;
use super::words::{Spans, Words};
use crate::models::enums::AgreementKind;
use crate::symbol::Tok;

/// The most sentences about agreements signed that one text is read for: a ceremony signs a
/// few; a text that says more is not an article about one, and reading on would only cost time.
const MOST_SAID: usize = 200;

/// One sentence's word for an agreement signed.
#[derive(Debug, Clone)]
pub struct Signed {
    pub sentence: usize,
    pub kind: AgreementKind,
    /// The tokens of the words naming the kind.
    pub kind_tokens: Range<usize>,
    pub period: Option<Period>,
    /// Indexes into the mentions of organizations.
    pub parties: Vec<usize>,
    /// Who they are, however named (`OrgMention::identity`).
    pub identities: BTreeSet<String>,
    /// The agreement's name as written: from the kind's words to the period, or to the clause's end.
    pub title: Range<usize>,
}

/// An agreement, from all that the text says of it.
#[derive(Debug, Clone)]
pub struct Agreement {
    pub said: Vec<Signed>,
}

impl Agreement {
    pub fn kind(&self) -> AgreementKind {
        let with_period: Vec<&Signed> = self.said.iter().filter(|s| s.period.is_some()).collect();
        let voters = if with_period.is_empty() { self.said.iter().collect() } else { with_period };
        let mut votes: Vec<(AgreementKind, usize)> = Vec::new();
        for s in voters {
            match votes.iter_mut().find(|(k, _)| *k == s.kind) {
                Some(v) => v.1 += 1,
                None => votes.push((s.kind, 1)),
            }
        }
        votes.into_iter().max_by_key(|(k, n)| (*n, particular(*k))).map_or(AgreementKind::Other, |(k, _)| k)
    }

    /// Where the kind the agreement is given is said first.
    pub fn kind_said(&self) -> &Signed {
        let kind = self.kind();
        self.said
            .iter()
            .find(|s| s.kind == kind && s.period.is_some())
            .or_else(|| self.said.iter().find(|s| s.kind == kind))
            .unwrap_or(&self.said[0])
    }

    pub fn period(&self) -> Option<&Period> {
        self.said.iter().find_map(|s| s.period.as_ref())
    }

    /// The organizations that sign it, each once, in the order first named.
    pub fn parties(&self, orgs: &[OrgMention]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let with_period: Vec<&Signed> = self.said.iter().filter(|s| s.period.is_some()).collect();
        let sources = if with_period.is_empty() { self.said.iter().collect() } else { with_period };
        for s in sources {
            for p in &s.parties {
                if seen.insert(orgs[*p].identity.as_str()) {
                    out.push(*p);
                }
            }
        }
        out
    }
}

/// Every agreement signed, in the order the text first names them.
pub fn read(words: &Words, orgs: &[OrgMention], periods: &[Period], masked: &Spans) -> Vec<Agreement> {
    let mut said = Vec::new();
    // The mentions of organizations stand in text order: each sentence's are found by search.
    let starts: Vec<usize> = orgs.iter().map(|o| o.tokens.start).collect();
    for (s, sentence) in words.sentences.iter().enumerate() {
        if said.len() >= MOST_SAID {
            break;
        }
        let verbs: Vec<usize> = sentence.clone().filter(|t| signs(words, *t)).collect();
        if verbs.is_empty() {
            continue;
        }
        let near = starts.partition_point(|t| *t < sentence.start)..starts.partition_point(|t| *t < sentence.end);
        let parties: Vec<usize> = near.filter(|o| party_in(words, &orgs[*o], sentence)).collect();
        let identities: BTreeSet<String> = parties.iter().map(|p| orgs[*p].identity.clone()).collect();
        for verb in verbs {
            let mut read = signed_after(words, s, verb, &parties, periods, masked);
            read.iter_mut().for_each(|r| r.identities = identities.clone());
            said.extend(read);
        }
    }
    said.truncate(MOST_SAID);
    group(said)
}

/// Whether token `t` is the verb "ký" of a signing at the event: not "kỳ" (a term), not "đã
/// được ký" (something signed before).
fn signs(words: &Words, t: usize) -> bool {
    let token = &words.tokens[t];
    if token.tok != Tok::Word || !matches!(token.key(), "ky" | "ki") {
        return false;
    }
    let lower = token.text.to_lowercase();
    let marked = ["ký", "kí", "ky", "ki"].iter().any(|w| crate::text::name_key(w) == crate::text::name_key(&lower));
    marked && !(t > 0 && words.tokens[t - 1].key() == "duoc")
}

/// The agreements a verb signs: the first kind's words within a few words of it, and those
/// joined to it by "và".
fn signed_after(
    words: &Words,
    sentence: usize,
    verb: usize,
    parties: &[usize],
    periods: &[Period],
    masked: &Spans,
) -> Vec<Signed> {
    let range = &words.sentences[sentence];
    let stream_end = words.word_of_token(range.end);
    let mut at = words.word_of_token(verb) + 1;
    let mut kinds: Vec<(Range<usize>, AgreementKind)> = Vec::new();
    let mut budget = 8;
    while at < stream_end && budget > 0 {
        let found = AGREEMENT_WORDS.iter().find(|(w, _)| words.words_at(at, w));
        match found {
            Some((w, kind)) => {
                let n = w.split(' ').count();
                let tokens = words.tokens_of(&(at..at + n));
                let bytes = words.bytes_of(&tokens);
                if masked.overlaps(&bytes) {
                    break;
                }
                kinds.push((tokens, *kind));
                at += n;
                // Another kind joined by "và" ("chương trình phối hợp và quy chế phối hợp").
                budget = if words.word(at) == "va" { 2 } else { 0 };
            }
            None => {
                if words.word(at) == "|" {
                    break;
                }
                at += 1;
                budget -= 1;
            }
        }
    }
    let mut out = Vec::new();
    for (i, (tokens, kind)) in kinds.iter().enumerate() {
        let until = kinds.get(i + 1).map_or(words.bytes_of(range).end, |(next, _)| words.tokens[next.start].start);
        let from = words.tokens[tokens.start].start;
        let period = periods.iter().find(|p| p.bytes.start >= from && p.bytes.end <= until).cloned();
        let title_end = match &period {
            Some(p) => words.tokens.partition_point(|t| t.end <= p.bytes.end),
            None => clause_end(words, tokens.end, range.end),
        };
        out.push(Signed {
            sentence,
            kind: *kind,
            kind_tokens: tokens.clone(),
            period,
            parties: parties.to_vec(),
            identities: BTreeSet::new(),
            title: tokens.start..title_end,
        });
    }
    out
}

/// Whether an organization named in the sentence signs: not the issuer of a document ("của Ban
/// Bí thư"), not the place of the meeting ("tại Hội trường Ủy ban …").
fn party_in(words: &Words, org: &OrgMention, sentence: &Range<usize>) -> bool {
    if org.tokens.start < sentence.start || org.tokens.end > sentence.end {
        return false;
    }
    let before =
        |n: usize| org.tokens.start.checked_sub(n).filter(|b| *b >= sentence.start).map(|b| words.tokens[b].key());
    if before(1) == Some("cua") {
        return false;
    }
    // "tại <place>," before the name, with no comma between.
    let mut t = org.tokens.start;
    while t > sentence.start {
        t -= 1;
        match words.tokens[t].text {
            "," | ";" | ":" => return true,
            _ if words.tokens[t].key() == "tai" => return false,
            _ => {}
        }
    }
    true
}

fn clause_end(words: &Words, from: usize, end: usize) -> usize {
    (from..end).find(|t| matches!(words.tokens[*t].text, "," | ";" | "." | ":")).unwrap_or(end)
}

/// Puts together what the text says of one agreement: the same period and parties that are
/// one side of the other (a headline names fewer), or the same parties under two kinds'
/// names. What names neither period nor party only confirms an agreement already read.
fn group(said: Vec<Signed>) -> Vec<Agreement> {
    fn ids(s: &Signed) -> &BTreeSet<String> {
        &s.identities
    }
    let subset = |a: &BTreeSet<String>, b: &BTreeSet<String>| a.is_subset(b);
    let mut agreements: Vec<Agreement> = Vec::new();
    let (dated, undated): (Vec<Signed>, Vec<Signed>) = said.into_iter().partition(|s| s.period.is_some());
    for s in dated {
        let mine = ids(&s);
        let same = agreements.iter_mut().find(|a| {
            a.said.iter().any(|o| {
                let theirs = ids(o);
                let compatible = mine.is_empty() || theirs.is_empty() || subset(mine, theirs) || subset(theirs, mine);
                let period_same =
                    o.period.as_ref().map(|p| (p.start, p.end)) == s.period.as_ref().map(|p| (p.start, p.end));
                period_same && ((o.kind == s.kind && compatible) || (mine.len() >= 2 && mine == theirs))
            })
        });
        match same {
            Some(a) => a.said.push(s),
            None => agreements.push(Agreement { said: vec![s] }),
        }
    }
    for s in undated {
        let mine = ids(&s);
        let fits = |a: &Agreement| a.said.iter().any(|o| o.kind == s.kind);
        let joined = agreements.iter().position(fits).or_else(|| {
            agreements.iter().position(|a| a.said.iter().any(|o| !mine.is_empty() && subset(mine, ids(o))))
        });
        match joined {
            Some(i) => agreements[i].said.push(s),
            None if agreements.iter().all(|a| a.said.iter().all(|o| o.period.is_none())) => {
                match agreements.iter_mut().find(|a| a.said.iter().any(|o| o.kind == s.kind)) {
                    Some(a) => a.said.push(s),
                    None => agreements.push(Agreement { said: vec![s] }),
                }
            }
            None => {}
        }
    }
    // In the order of the sentences that say most of them (their periods): a headline may name
    // the kinds in another order than the text signs them.
    agreements.sort_by_key(|a| {
        let dated = a.said.iter().filter(|s| s.period.is_some()).map(|s| s.kind_tokens.start).min();
        dated.or_else(|| a.said.iter().map(|s| s.kind_tokens.start).min())
    });
    agreements
}
