//! Vietnamese document symbols (số, ký hiệu), read from the many ways people write them.
//!
//! Two layouts exist (docs/symbols.md gives the rules and their sources):
//! - Party: `number-TYPE/ISSUER`, e.g. `12-CT/TW`, `14-TT/TU`;
//! - state (and the Front): `number/TYPE-ISSUER`, or with a year `number/year/TYPE-ISSUER`,
//!   e.g. `2722/KH-UBND`, `06/CTr-MTTQ-BTT`, `30/2020/NĐ-CP`.
//!
//! Written forms vary: a kind name in front ("Chỉ thị số"), leading zeros, en dashes, spaces around
//! separators, "TƯ" or "T.Ư" for "TW", any case, the wrong layout for a Party issuer ("12/CT-TW"),
//! and a bare number after the kind name ("Chỉ thị 04"). [`parse`] reads one symbol into a
//! [`Symbol`]; [`read_reference`] also reads the date, issuing body and term that prose adds after
//! it; [`extract`] finds every reference in a text. No I/O: all are pure functions.

mod codes;
mod extract;
mod grammar;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

pub use extract::extract;
/// The tokenizer the references are read with; article intake reads the rest of a text with it too.
pub use grammar::{tokenize, Tok, Token};

use crate::models::enums::{DirectiveKind, SymbolSystem};
use crate::text::search_key;
use grammar::{Parts, Tail};

/// A parsed symbol. `type_code` and `issuer_code` are absent when the written form does not say
/// them (a bare "Chỉ thị 04" names no issuer); such a symbol matches any issuer on lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Symbol {
    pub canonical: String,
    pub number: String,
    pub type_code: Option<String>,
    pub issuer_code: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<DirectiveKind>,
    /// Absent when there is no issuer to tell.
    pub system: Option<SymbolSystem>,
}

/// A reference to a document in prose: its symbol, and what the text says besides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub symbol: Symbol,
    pub issued_on: Option<NaiveDate>,
    /// The issuing body as the text names it ("Ban Bí thư Trung ương Đảng").
    pub issuing_body: Option<String>,
    /// The committee term (khóa) in Roman numerals.
    pub term: Option<String>,
    /// Where it stands in the text, in bytes.
    pub span: Range<usize>,
}

/// Why a text is not a symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolError {
    Empty,
    TooLong,
    ControlCharacter,
    /// No document number where the symbol should start.
    NoNumber,
    /// A separator after the number, but not the type and issuer codes it promises ("12-CT").
    Incomplete,
    /// A code with digits or punctuation in it, or longer than twelve letters.
    BadCode,
    /// A letter no document code uses: Cyrillic or Greek that looks Latin, or one with a tone mark.
    ForeignLetter,
    /// Words after the symbol that are not part of it.
    TrailingText,
}

pub const MAX_LEN: usize = 200;

/// What may stand before a symbol and is not part of it.
const OPENERS: &str = "([{\"'“‘«";
/// What may stand after a symbol and is not part of it: closing quotes and brackets, punctuation.
const CLOSERS: &str = ")]}\"'”’».,;:!?…";

/// One symbol, and nothing else but a kind name before it: "Chỉ thị số 12-CT/TW", "2722/KH-UBND".
pub fn parse(written: &str) -> Result<Symbol, SymbolError> {
    read_whole(written, false).map(|c| c.symbol)
}

/// A symbol as a person writes it in a reference, possibly with its date, issuing body and term:
/// "Chỉ thị 04 ngày 06/7/2011 của Ban Bí thư khóa XI".
pub fn read_reference(written: &str) -> Result<Citation, SymbolError> {
    read_whole(written, true)
}

fn read_whole(written: &str, with_tail: bool) -> Result<Citation, SymbolError> {
    if written.chars().count() > MAX_LEN {
        return Err(SymbolError::TooLong);
    }
    if written.chars().any(char::is_control) {
        return Err(SymbolError::ControlCharacter);
    }
    let tokens = grammar::tokenize(written);
    if tokens.is_empty() {
        return Err(SymbolError::Empty);
    }
    // Opening quotes or brackets: "“12-CT/TW”", "(2722/KH-UBND)".
    let first =
        tokens.iter().position(|t| !(t.tok == Tok::Other && OPENERS.contains(t.text))).ok_or(SymbolError::NoNumber)?;
    let (doc, at) = match grammar::kind_name(&tokens, first) {
        Some((doc, next)) => (Some(doc), grammar::number_sign(&tokens, next)),
        None => match type_word(&tokens[first..]) {
            Some(doc) => (Some(doc), first + 1),
            None => (None, grammar::number_sign(&tokens, first)),
        },
    };
    let (parts, next) = grammar::symbol(&tokens, at)?;
    let (tail, next) = if with_tail { grammar::tail(&tokens, next) } else { (Tail::default(), next) };
    let rest = &tokens[next..];
    if rest.iter().any(|t| !(matches!(t.tok, Tok::Other | Tok::Dot) && CLOSERS.contains(t.text))) {
        return Err(match rest[0].tok {
            Tok::Dash | Tok::Slash => SymbolError::Incomplete,
            _ => SymbolError::TrailingText,
        });
    }
    Ok(citation(written, &tokens, first..next, parts, doc, tail))
}

/// A committee term as written ("khóa XI", "khoá 11", "XIII") in Roman numerals, or `None`
/// when the text is not one.
pub fn term(written: &str) -> Option<String> {
    let tokens = grammar::tokenize(written);
    let at = usize::from(grammar::word_key(&tokens, 0) == Some("khoa"));
    grammar::term(&tokens, at).filter(|(_, next)| *next == tokens.len()).map(|(roman, _)| roman)
}

/// A type code written as a kind word before the number: "CT 12-CT/TW".
fn type_word(tokens: &[Token]) -> Option<&'static codes::DocType> {
    let next = tokens.get(1)?;
    (tokens[0].tok == Tok::Word && next.tok == Tok::Number && next.spaced).then(|| codes::doc_type(tokens[0].text))?
}

/// A citation from what the grammar read over `tokens[range]`.
fn citation(
    text: &str,
    tokens: &[Token],
    range: Range<usize>,
    parts: Parts,
    doc: Option<&'static codes::DocType>,
    tail: Tail,
) -> Citation {
    let issuer_code = parts.issuer_code.or_else(|| tail.body.map(|(code, _, _)| code.to_string()));
    let type_code = parts.type_code.or_else(|| doc.map(|d| d.code.to_string()));
    let kind = doc.or_else(|| type_code.as_deref().and_then(codes::doc_type)).map(|d| d.kind);
    let system = issuer_code.as_deref().map(|issuer| {
        let party = parts.year.is_none() && codes::is_party(issuer).unwrap_or(parts.party_layout);
        if party {
            SymbolSystem::Party
        } else {
            SymbolSystem::State
        }
    });
    let canonical = canonical(&parts.number, type_code.as_deref(), issuer_code.as_deref(), parts.year, system);
    Citation {
        symbol: Symbol { canonical, number: parts.number, type_code, issuer_code, year: parts.year, kind, system },
        issued_on: tail.issued_on,
        issuing_body: tail.body.map(|(_, start, end)| text[start..end].to_string()),
        term: tail.term,
        span: tokens[range.start].start..tokens[range.end - 1].end,
    }
}

fn canonical(
    number: &str,
    ty: Option<&str>,
    issuer: Option<&str>,
    year: Option<i32>,
    system: Option<SymbolSystem>,
) -> String {
    let year = year.map(|y| format!("{y}/")).unwrap_or_default();
    match (ty, issuer) {
        (Some(ty), Some(issuer)) if system == Some(SymbolSystem::Party) => format!("{number}-{ty}/{issuer}"),
        (Some(ty), Some(issuer)) => format!("{number}/{year}{ty}-{issuer}"),
        (None, Some(issuer)) => format!("{number}/{year}{issuer}"),
        (Some(ty), None) => format!("{number}-{ty}"),
        (None, None) => number.to_string(),
    }
}

impl Symbol {
    /// Whether a directive stored with `other` may be the document this symbol names. Parts that
    /// either side leaves unsaid (type, issuer, year) do not count against a match; codes compare
    /// without diacritics, so "HDND" typed on a plain keyboard is "HĐND".
    pub fn matches(&self, other: &Symbol) -> bool {
        fn compatible<T>(a: &Option<T>, b: &Option<T>, same: impl Fn(&T, &T) -> bool) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => same(a, b),
                _ => true,
            }
        }
        self.number == other.number
            && compatible(&self.type_code, &other.type_code, |a, b| codes::same_type(a, b))
            && compatible(&self.issuer_code, &other.issuer_code, |a, b| search_key(a) == search_key(b))
            && compatible(&self.year, &other.year, |a, b| a == b)
    }
}

impl Citation {
    /// Whether a directive with this symbol, issue date and term may be the one cited.
    pub fn fits(&self, symbol: &Symbol, issued_on: Option<NaiveDate>, term: Option<&str>) -> bool {
        let agree = |a: Option<&str>, b: Option<&str>| a.is_none() || b.is_none() || a == b;
        self.symbol.matches(symbol)
            && (self.issued_on.is_none() || issued_on.is_none() || self.issued_on == issued_on)
            && agree(self.term.as_deref(), term)
    }
}
