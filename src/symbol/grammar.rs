//! The grammar both the parser and the extractor read with: the text cut into tokens, and readers
//! for each part of a reference ("Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư khóa XIII").
//! Every reader takes the tokens and a position and answers what it read and the position after it.

use chrono::NaiveDate;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::codes::{self, DocType, BODIES, BODY_SUFFIX_WORDS, DOC_TYPES};
use super::SymbolError;
use crate::text::{expand_abbreviations, search_key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok {
    Word,
    Number,
    Dash,
    Slash,
    Dot,
    Other,
}

#[derive(Debug)]
pub struct Token<'a> {
    pub tok: Tok,
    pub text: &'a str,
    /// Byte offsets in the text.
    pub start: usize,
    pub end: usize,
    /// Whether white space comes before it: "12-CT/TW" is one symbol, "2022 - ngày" is not.
    pub spaced: bool,
    /// A word's search key (no diacritics, lower case), computed once; empty for other tokens.
    key: String,
}

/// Letters (with their combining marks) and ASCII digits make separate tokens, so "12CT" is two;
/// every other character that is not white space is a token of its own.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut spaced = false;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let tok = match c {
            c if c.is_ascii_digit() => Tok::Number,
            c if c.is_alphabetic() => Tok::Word,
            '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => Tok::Dash,
            '/' | '\u{2215}' => Tok::Slash,
            '.' => Tok::Dot,
            _ => Tok::Other,
        };
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            let same = match tok {
                Tok::Word => next.is_alphabetic() || is_combining_mark(next),
                Tok::Number => next.is_ascii_digit(),
                _ => false,
            };
            if !same {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        let key = if tok == Tok::Word { search_key(&text[start..end]) } else { String::new() };
        tokens.push(Token { tok, text: &text[start..end], start, end, spaced, key });
        spaced = false;
    }
    tokens
}

impl Token<'_> {
    /// A word's search key (no diacritics, lower case); empty for other tokens.
    pub fn key(&self) -> &str {
        &self.key
    }
}

fn is(tokens: &[Token], at: usize, tok: Tok) -> bool {
    tokens.get(at).is_some_and(|t| t.tok == tok)
}

/// A token that continues the one before it, without white space between.
fn glued(tokens: &[Token], at: usize, tok: Tok) -> bool {
    tokens.get(at).is_some_and(|t| t.tok == tok && !t.spaced)
}

pub fn word_key<'t>(tokens: &'t [Token], at: usize) -> Option<&'t str> {
    tokens.get(at).filter(|t| t.tok == Tok::Word).map(|t| t.key.as_str())
}

/// A kind name ("Chỉ thị", "chuong trinh hanh dong"), the longest that fits, and the position after it.
pub fn kind_name(tokens: &[Token], at: usize) -> Option<(&'static DocType, usize)> {
    let mut best: Option<(&'static DocType, usize)> = None;
    for doc in DOC_TYPES {
        for name in doc.names {
            let words: Vec<&str> = name.split(' ').collect();
            let fits = words.iter().enumerate().all(|(i, w)| word_key(tokens, at + i) == Some(*w));
            if fits && best.is_none_or(|(_, end)| at + words.len() > end) {
                best = Some((doc, at + words.len()));
            }
        }
    }
    best
}

/// Skips "số" (with or without a colon) before a number.
pub fn number_sign(tokens: &[Token], at: usize) -> usize {
    if word_key(tokens, at) != Some("so") {
        at
    } else if is_colon(tokens, at + 1) {
        at + 2
    } else if is(tokens, at + 1, Tok::Number) {
        at + 1
    } else {
        at
    }
}

fn is_colon(tokens: &[Token], at: usize) -> bool {
    tokens.get(at).is_some_and(|t| t.text == ":")
}

/// The parts of a symbol as read, before the kind name and issuing body complete them.
#[derive(Debug, Default)]
pub struct Parts {
    pub number: String,
    pub type_code: Option<String>,
    pub issuer_code: Option<String>,
    pub year: Option<i32>,
    /// Written number-TYPE/ISSUER.
    pub party_layout: bool,
}

/// A symbol starting at a number: `12-CT/TW`, `12/CT-TW`, `12 CT/TW`, `2722/2021/KH-UBND`,
/// `123/UBND-VX` (no type, as an official letter has), or the bare number.
pub fn symbol(tokens: &[Token], at: usize) -> Result<(Parts, usize), SymbolError> {
    let number = match tokens.get(at) {
        Some(t) if t.tok == Tok::Number => t.text.trim_start_matches('0'),
        _ => return Err(SymbolError::NoNumber),
    };
    let mut parts = Parts { number: if number.is_empty() { "0" } else { number }.to_string(), ..Parts::default() };
    let mut at = at + 1;
    match tokens.get(at).map(|t| t.tok) {
        Some(Tok::Dash) => {
            let (ty, next) = code(tokens, at + 1, false)?;
            parts.type_code = Some(codes::type_code(&ty));
            at = next;
            // Without "/ISSUER" this is "4-CT", the canonical form of a symbol without its issuer.
            if is(tokens, at, Tok::Slash) {
                let (issuer, next) = issuer(tokens, at + 1)?;
                (parts.issuer_code, parts.party_layout) = (Some(issuer), true);
                at = next;
            }
        }
        // "12 CT/TW", "12CT/TW": the dash left out.
        Some(Tok::Word) if is(tokens, at + 1, Tok::Slash) && is(tokens, at + 2, Tok::Word) => {
            let (ty, next) = code(tokens, at, false)?;
            let (issuer, next) = issuer(tokens, next + 1)?;
            (parts.type_code, parts.issuer_code, parts.party_layout) =
                (Some(codes::type_code(&ty)), Some(issuer), true);
            at = next;
        }
        Some(Tok::Slash) => {
            at += 1;
            if let Some(year) = tokens.get(at).filter(|t| t.tok == Tok::Number && t.text.len() == 4) {
                if !is(tokens, at + 1, Tok::Slash) {
                    return Err(SymbolError::Incomplete);
                }
                parts.year = year.text.parse().ok();
                at += 2;
            }
            let (first, next) = code(tokens, at, true)?;
            if is(tokens, next, Tok::Dash) && is(tokens, next + 1, Tok::Word) {
                let (issuer, next) = issuer(tokens, next + 1)?;
                // An official letter has no type ("123/UBND-VX"); a Party document always has one.
                if codes::doc_type(&first).is_some() || codes::is_party(&issuer) == Some(true) {
                    (parts.type_code, parts.issuer_code) = (Some(codes::type_code(&first)), Some(issuer));
                } else {
                    parts.issuer_code = Some(format!("{}-{issuer}", codes::issuer_part(&first)));
                }
                at = next;
            } else if codes::doc_type(&first).is_some() {
                return Err(SymbolError::Incomplete);
            } else {
                parts.issuer_code = Some(codes::issuer_part(&first));
                at = next;
            }
        }
        _ => {}
    }
    Ok((parts, at))
}

/// A code: letters, with dots inside ("T.Ư"), at most twelve letters; an issuer's may end in
/// digits ("BCĐ389").
fn code(tokens: &[Token], at: usize, digits_allowed: bool) -> Result<(String, usize), SymbolError> {
    match tokens.get(at) {
        Some(t) if t.tok == Tok::Word => {}
        Some(t) if matches!(t.tok, Tok::Number | Tok::Other) => return Err(SymbolError::BadCode),
        _ => return Err(SymbolError::Incomplete),
    }
    let mut text: String = tokens[at].text.nfc().collect();
    let mut at = at + 1;
    while glued(tokens, at, Tok::Dot) && glued(tokens, at + 1, Tok::Word) {
        text.extend(tokens[at + 1].text.nfc());
        at += 2;
    }
    if glued(tokens, at, Tok::Number) {
        if !digits_allowed {
            return Err(SymbolError::BadCode);
        }
        text.push_str(tokens[at].text);
        at += 1;
    }
    if text.chars().count() > 12 || glued(tokens, at, Tok::Word) {
        return Err(SymbolError::BadCode);
    }
    if !text.chars().all(code_letter) {
        return Err(SymbolError::ForeignLetter);
    }
    Ok((text, at))
}

/// A letter or digit a document code may hold: Latin letters, Đ, and the Vietnamese vowels whose
/// mark makes another letter (Ư in "TƯ", Ơ, Ă, Â, Ê, Ô). Lookalikes from other alphabets
/// ("12-СТ/ТW" in Cyrillic) and tone marks ("12-ĆT/TW") would make a second document that reads
/// as the first.
fn code_letter(c: char) -> bool {
    if c.is_ascii_alphanumeric() || matches!(c, 'Đ' | 'đ') {
        return true;
    }
    let mut parts = std::iter::once(c).nfd();
    let base_is_latin = parts.next().is_some_and(|b| b.is_ascii_alphabetic());
    base_is_latin && parts.all(|m| matches!(m, '\u{0302}' | '\u{0306}' | '\u{031B}'))
}

/// An issuer: codes joined by dashes ("MTTQ-BTT", "TWĐTN-BTG"). A dash after white space ends it.
fn issuer(tokens: &[Token], at: usize) -> Result<(String, usize), SymbolError> {
    let (first, mut at) = code(tokens, at, true)?;
    let mut parts = vec![codes::issuer_part(&first)];
    while glued(tokens, at, Tok::Dash) && glued(tokens, at + 1, Tok::Word) {
        let (part, next) = code(tokens, at + 1, true)?;
        parts.push(codes::issuer_part(&part));
        at = next;
    }
    Ok((parts.join("-"), at))
}

/// What may follow a symbol in prose: the issue date, the issuing body and the term.
#[derive(Debug, Default)]
pub struct Tail {
    pub issued_on: Option<NaiveDate>,
    /// The body's issuer code and the byte range of its name in the text.
    pub body: Option<(&'static str, usize, usize)>,
    pub term: Option<String>,
}

/// Reads "ngày 06/7/2011", "ngày 6 tháng 7 năm 2011", "của Ban Bí thư Trung ương Đảng" and
/// "khóa XI" / "khoá 11", in any order, each at most once, commas between allowed.
pub fn tail(tokens: &[Token], mut at: usize) -> (Tail, usize) {
    let mut tail = Tail::default();
    loop {
        let start = if tokens.get(at).is_some_and(|t| t.text == ",") { at + 1 } else { at };
        let next = match word_key(tokens, start) {
            Some("ngay") if tail.issued_on.is_none() => date(tokens, start + 1).map(|(date, next)| {
                tail.issued_on = Some(date);
                next
            }),
            Some("cua") if tail.body.is_none() => body(tokens, start + 1).map(|(body, next)| {
                tail.body = Some(body);
                next
            }),
            Some("khoa") if tail.term.is_none() => term(tokens, start + 1).map(|(term, next)| {
                tail.term = Some(term);
                next
            }),
            _ => None,
        };
        match next {
            Some(next) => at = next,
            None => return (tail, at),
        }
    }
}

fn number_at(tokens: &[Token], at: usize) -> Option<u32> {
    tokens.get(at).filter(|t| t.tok == Tok::Number && t.text.len() <= 4).and_then(|t| t.text.parse().ok())
}

fn date(tokens: &[Token], at: usize) -> Option<(NaiveDate, usize)> {
    let day = number_at(tokens, at)?;
    let sep = tokens.get(at + 1)?;
    let (month, year, next) = if matches!(sep.tok, Tok::Slash | Tok::Dash | Tok::Dot) {
        let same = |i: usize| tokens.get(i).is_some_and(|t| t.text == sep.text);
        if !same(at + 3) {
            return None;
        }
        (number_at(tokens, at + 2)?, tokens.get(at + 4)?, at + 5)
    } else if word_key(tokens, at + 1) == Some("thang") && word_key(tokens, at + 3) == Some("nam") {
        (number_at(tokens, at + 2)?, tokens.get(at + 4)?, at + 5)
    } else {
        return None;
    };
    if year.tok != Tok::Number || year.text.len() != 4 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year.text.parse().ok()?, month, day)?;
    Some((date, next))
}

/// The issuing body after "của": the longest run of words that starts with a known body's name
/// and goes on only with words that belong to it.
fn body(tokens: &[Token], at: usize) -> Option<((&'static str, usize, usize), usize)> {
    let mut words: Vec<(String, usize)> = Vec::new();
    let mut i = at;
    while words.len() < 12 {
        match tokens.get(i) {
            Some(t) if t.tok == Tok::Word => {
                for w in expand_abbreviations(&search_key(t.text)).split(' ') {
                    words.push((w.to_string(), i));
                }
            }
            Some(t) if t.tok == Tok::Dot && !t.spaced => {}
            _ => break,
        }
        i += 1;
    }
    let keys: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
    let (name, code) = BODIES.iter().find(|(name, _)| {
        let n: Vec<&str> = name.split(' ').collect();
        keys.len() >= n.len() && keys[..n.len()] == n[..]
    })?;
    let mut len = name.split(' ').count();
    while keys.get(len).is_some_and(|k| BODY_SUFFIX_WORDS.contains(k)) {
        len += 1;
    }
    let last = words[len - 1].1;
    Some(((code, tokens[at].start, tokens[last].end), last + 1))
}

/// A term: "XI", "XIII" or "11".
pub fn term(tokens: &[Token], at: usize) -> Option<(String, usize)> {
    let t = tokens.get(at)?;
    let roman = match t.tok {
        Tok::Number => codes::roman(t.text.parse().ok()?)?,
        Tok::Word if t.text.chars().all(|c| matches!(c.to_ascii_uppercase(), 'I' | 'V' | 'X' | 'L' | 'C')) => {
            t.text.to_ascii_uppercase()
        }
        _ => return None,
    };
    Some((roman, at + 1))
}
