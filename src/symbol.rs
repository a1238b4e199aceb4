//! Vietnamese document symbols (số, ký hiệu), parsed from the many ways people write them.
//!
//! Two layouts exist (Quy định 66-QĐ/TW for Party documents, Nghị định 30/2020/NĐ-CP for state
//! documents):
//! - Party: `number-TYPE/ISSUER`, e.g. `12-CT/TW`, `14-TT/TU`;
//! - state (and the Front): `number/TYPE-ISSUER`, or with a year `number/year/TYPE-ISSUER`,
//!   e.g. `2722/KH-UBND`, `06/CTr-MTTQ-BTT`, `30/2020/NĐ-CP`.
//!
//! Written forms vary: a kind name in front ("Chỉ thị số"), leading zeros, en dashes, spaces around
//! separators, "TƯ" or "T.Ư" for "TW", the wrong layout for the issuer ("12/CT-TW"), and a bare
//! number after the kind name ("Chỉ thị 04"). [`parse`] reads them all into one [`Symbol`].
//! No I/O: the function is reusable on free text.

use crate::models::enums::DirectiveKind;
use crate::text::search_key;

/// A parsed symbol. `type_code` and `issuer_code` are absent when the written form does not say
/// them (a bare "Chỉ thị 04" names no issuer); such a symbol matches any issuer on lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub number: String,
    pub type_code: Option<String>,
    pub issuer_code: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<DirectiveKind>,
    pub canonical: String,
}

/// Why a text is not a symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolError {
    Empty,
    TooLong,
    ControlCharacter,
    NoNumber,
    Unreadable,
}

pub const MAX_LEN: usize = 200;

/// Kind names that may precede a symbol, as search keys, longest first so that
/// "chuong trinh hanh dong" wins over "chuong trinh".
const KIND_NAMES: &[(&str, DirectiveKind, &str)] = &[
    ("chuong trinh hanh dong", DirectiveKind::Program, "CTr"),
    ("chuong trinh", DirectiveKind::Program, "CTr"),
    ("chi thi", DirectiveKind::Directive, "CT"),
    ("thong tri", DirectiveKind::Circular, "TT"),
    ("nghi quyet", DirectiveKind::Resolution, "NQ"),
    ("ke hoach", DirectiveKind::Plan, "KH"),
    ("quyet dinh", DirectiveKind::Decision, "QĐ"),
    ("quy dinh", DirectiveKind::Regulation, "QyĐ"),
    ("quy che", DirectiveKind::Regulation, "QC"),
    ("huong dan", DirectiveKind::Guideline, "HD"),
];

/// Type codes in their official spelling, and the kind of document each names.
const TYPE_CODES: &[(&str, DirectiveKind)] = &[
    ("CT", DirectiveKind::Directive),
    ("TT", DirectiveKind::Circular),
    ("NQ", DirectiveKind::Resolution),
    ("KH", DirectiveKind::Plan),
    ("CTr", DirectiveKind::Program),
    ("QC", DirectiveKind::Regulation),
    ("QyĐ", DirectiveKind::Regulation),
    ("QĐ", DirectiveKind::Decision),
    ("HD", DirectiveKind::Guideline),
    ("NĐ", DirectiveKind::Other),
    ("TB", DirectiveKind::Other),
    ("BC", DirectiveKind::Other),
    ("KL", DirectiveKind::Other),
];

/// Issuer codes of Party bodies, whose documents use the Party layout.
const PARTY_ISSUERS: &[&str] = &["TW", "TU", "HU", "QU", "TXU", "ĐU", "ĐUK", "BBT", "BCT"];

pub fn parse(written: &str) -> Result<Symbol, SymbolError> {
    if written.chars().count() > MAX_LEN {
        return Err(SymbolError::TooLong);
    }
    if written.chars().any(char::is_control) {
        return Err(SymbolError::ControlCharacter);
    }
    let text = crate::text::clean(written);
    if text.is_empty() {
        return Err(SymbolError::Empty);
    }
    let (kind_name, rest) = strip_kind_name(&text);
    let rest = tighten(&rest);
    if !rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(SymbolError::NoNumber);
    }
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let number = normalize_number(&digits);
    let tail = &rest[digits.len()..];

    let (type_code, issuer_code, year) = if tail.is_empty() {
        (kind_name.map(|(_, code)| code.to_string()), None, None)
    } else if let Some(tail) = tail.strip_prefix('-') {
        // Party layout: -TYPE/ISSUER
        let (ty, issuer) = tail.split_once('/').ok_or(SymbolError::Unreadable)?;
        (Some(type_code(ty)?), Some(issuer_code(issuer)?), None)
    } else if let Some(tail) = tail.strip_prefix('/') {
        // State layout: /[year/]TYPE-ISSUER
        let (year, tail) = match tail.split_once('/') {
            Some((y, t)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => {
                (Some(y.parse::<i32>().map_err(|_| SymbolError::Unreadable)?), t)
            }
            _ => (None, tail),
        };
        let (ty, issuer) = tail.split_once('-').ok_or(SymbolError::Unreadable)?;
        (Some(type_code(ty)?), Some(issuer_code(issuer)?), year)
    } else {
        return Err(SymbolError::Unreadable);
    };

    let kind = type_code
        .as_deref()
        .and_then(|code| TYPE_CODES.iter().find(|(c, _)| *c == code).map(|(_, k)| *k))
        .filter(|k| *k != DirectiveKind::Other)
        .or(kind_name.map(|(k, _)| k));
    let canonical = canonical(&number, type_code.as_deref(), issuer_code.as_deref(), year);
    Ok(Symbol { number, type_code, issuer_code, year, kind, canonical })
}

fn canonical(number: &str, ty: Option<&str>, issuer: Option<&str>, year: Option<i32>) -> String {
    match (ty, issuer) {
        (Some(ty), Some(issuer)) if is_party(issuer) && year.is_none() => {
            format!("{number}-{ty}/{issuer}")
        }
        (Some(ty), Some(issuer)) => match year {
            Some(y) => format!("{number}/{y}/{ty}-{issuer}"),
            None => format!("{number}/{ty}-{issuer}"),
        },
        (Some(ty), None) => format!("{number}-{ty}"),
        (None, _) => number.to_string(),
    }
}

fn is_party(issuer: &str) -> bool {
    let first = issuer.split('-').next().unwrap_or(issuer);
    PARTY_ISSUERS.contains(&first)
}

/// Splits a leading kind name ("Chỉ thị", "Chương trình hành động số", …) off the text.
fn strip_kind_name(text: &str) -> (Option<(DirectiveKind, &'static str)>, String) {
    let words: Vec<&str> = text.split(' ').collect();
    let keys: Vec<String> = words.iter().map(|w| search_key(w)).collect();
    for (name, kind, code) in KIND_NAMES {
        let name_words: Vec<&str> = name.split(' ').collect();
        if keys.len() >= name_words.len() && keys[..name_words.len()] == name_words[..] {
            let mut skip = name_words.len();
            if keys.get(skip).is_some_and(|k| k == "so") {
                skip += 1;
            }
            return (Some((*kind, *code)), words[skip..].join(" "));
        }
    }
    let mut skip = 0;
    if keys.first().is_some_and(|k| k == "so") {
        skip = 1;
    }
    (None, words[skip..].join(" "))
}

/// One kind of dash, and no spaces around separators.
fn tighten(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

fn normalize_number(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".into()
    } else {
        trimmed.into()
    }
}

fn type_code(written: &str) -> Result<String, SymbolError> {
    let upper = written.to_uppercase();
    TYPE_CODES
        .iter()
        .find(|(code, _)| code.to_uppercase() == upper)
        .map(|(code, _)| code.to_string())
        .or_else(|| code_like(written).then_some(upper))
        .ok_or(SymbolError::Unreadable)
}

fn issuer_code(written: &str) -> Result<String, SymbolError> {
    // "Trung ương" is abbreviated TW, and often written TƯ or T.Ư.
    let upper = written.to_uppercase().replace("T.Ư", "TW").replace("TƯ", "TW").replace("T.W", "TW");
    let parts: Vec<&str> = upper.split('-').collect();
    if parts.iter().all(|p| code_like(p)) {
        Ok(upper)
    } else {
        Err(SymbolError::Unreadable)
    }
}

/// A code is one to twelve letters (Vietnamese ones included), with no digits or punctuation.
fn code_like(text: &str) -> bool {
    let n = text.chars().count();
    (1..=12).contains(&n) && text.chars().all(char::is_alphabetic)
}

impl Symbol {
    /// Whether a directive stored with `other` may be the document this symbol names. Parts that
    /// either side leaves unsaid (issuer, year) do not count against a match.
    pub fn matches(&self, other: &Symbol) -> bool {
        fn compatible<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
            a.is_none() || b.is_none() || a == b
        }
        self.number == other.number
            && compatible(&self.type_code, &other.type_code)
            && compatible(&self.issuer_code, &other.issuer_code)
            && compatible(&self.year, &other.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(text: &str) -> String {
        parse(text).unwrap().canonical
    }

    #[test]
    fn party_symbols_in_their_written_forms() {
        for written in ["12-CT/TW", "Chỉ thị số 12-CT/TW", "Chỉ thị 12-CT/TW", "12/CT-TW", "012-ct/tw", "12 – CT/TƯ"]
        {
            assert_eq!(canon(written), "12-CT/TW", "{written}");
        }
        assert_eq!(canon("Thông tri 11 –TT/TƯ"), "11-TT/TW");
        assert_eq!(canon("Thông tri số 14-TT/TU"), "14-TT/TU");
    }

    #[test]
    fn state_symbols_keep_their_layout_and_year() {
        assert_eq!(canon("Kế hoạch số 2722/KH-UBND"), "2722/KH-UBND");
        assert_eq!(canon("06/Ctr-MTTQ-BTT"), "6/CTr-MTTQ-BTT");
        let s = parse("30/2020/NĐ-CP").unwrap();
        assert_eq!((s.year, s.canonical.as_str()), (Some(2020), "30/2020/NĐ-CP"));
    }

    #[test]
    fn a_bare_number_takes_its_type_from_the_kind_name() {
        let s = parse("Chỉ thị 04").unwrap();
        assert_eq!(s.number, "4");
        assert_eq!(s.type_code.as_deref(), Some("CT"));
        assert_eq!(s.issuer_code, None);
        assert_eq!(s.kind, Some(DirectiveKind::Directive));
        assert!(s.matches(&parse("04-CT/TW").unwrap()));
        assert!(!s.matches(&parse("04-TT/TU").unwrap()));
        let program = parse("Chương trình hành động số 06").unwrap();
        assert_eq!((program.number.as_str(), program.kind), ("6", Some(DirectiveKind::Program)));
    }

    #[test]
    fn parts_and_kind_are_read() {
        let s = parse("Chỉ thị số 12-CT/TW").unwrap();
        assert_eq!(s.number, "12");
        assert_eq!(s.type_code.as_deref(), Some("CT"));
        assert_eq!(s.issuer_code.as_deref(), Some("TW"));
        assert_eq!(s.kind, Some(DirectiveKind::Directive));
    }

    #[test]
    fn what_is_not_a_symbol_says_why() {
        assert_eq!(parse(""), Err(SymbolError::Empty));
        assert_eq!(parse("   "), Err(SymbolError::Empty));
        assert_eq!(parse("Chỉ thị về đối ngoại"), Err(SymbolError::NoNumber));
        assert_eq!(parse("12-CT"), Err(SymbolError::Unreadable));
        assert_eq!(parse("12/CT-T1"), Err(SymbolError::Unreadable));
        assert_eq!(parse("12-CT/TW\u{0007}"), Err(SymbolError::ControlCharacter));
        assert_eq!(parse(&"1".repeat(201)), Err(SymbolError::TooLong));
    }
}
