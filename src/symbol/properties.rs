//! Properties over generated symbols: a canonical symbol parses back to itself, and every way
//! of writing it parses to it; no text makes the parser or the extractor fail other than by an error.

use proptest::prelude::*;

use super::codes::{self, DOC_TYPES};
use super::*;

/// A symbol in parts, with its canonical form built independently of the parser.
#[derive(Debug, Clone)]
struct Generated {
    number: u32,
    type_code: String,
    issuer: Vec<String>,
    year: Option<i32>,
    party: bool,
}

impl Generated {
    fn canonical(&self) -> String {
        let issuer = self.issuer.join("-");
        match (self.party, self.year) {
            (true, _) => format!("{}-{}/{issuer}", self.number, self.type_code),
            (false, Some(y)) => format!("{}/{y}/{}-{issuer}", self.number, self.type_code),
            (false, None) => format!("{}/{}-{issuer}", self.number, self.type_code),
        }
    }
}

/// Codes of letters (Đ among them) that the tables do not respell.
fn unknown_code(len: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![9 => proptest::char::range('A', 'Z'), 1 => Just('Đ')], len)
        .prop_map(|chars| chars.into_iter().collect::<String>())
        .prop_filter("a code the tables know", |c| codes::doc_type(c).is_none() && codes::issuer_part(c) == *c)
}

fn issuer_part() -> impl Strategy<Value = String> {
    const KNOWN: &[&str] =
        &["TW", "TU", "HU", "QU", "ĐU", "UBND", "HĐND", "CP", "TTg", "MTTQ", "BTT", "VPTW", "BTGTW", "TWĐTN", "ĐCT"];
    prop_oneof![proptest::sample::select(KNOWN).prop_map(String::from), unknown_code(2..=6)]
}

fn generated() -> impl Strategy<Value = Generated> {
    let types = prop_oneof![
        proptest::sample::select(DOC_TYPES.iter().map(|t| t.code).collect::<Vec<_>>()).prop_map(String::from),
        unknown_code(1..=4)
    ];
    (
        1u32..100_000,
        types,
        proptest::collection::vec(issuer_part(), 1..=3),
        proptest::option::of(1990i32..2031),
        any::<bool>(),
    )
        .prop_map(|(number, type_code, issuer, year, party_written)| {
            // Known issuers fix the layout; unknown ones keep the layout they were written in.
            let party = match codes::is_party(&issuer[0]) {
                Some(party) => party,
                None => party_written,
            };
            let year = if party { None } else { year };
            Generated { number, type_code, issuer, year, party }
        })
        // An unknown type code in the state layout reads as an official letter's issuer; it has no
        // second layout to vary, so the properties below use known types there.
        .prop_filter("state layout with an unknown type", |g| g.party || codes::doc_type(&g.type_code).is_some())
}

/// Ways people write the same symbol.
#[derive(Debug, Clone)]
struct Style {
    zeros: usize,
    kind_name: Option<usize>,
    number_sign: usize,
    dash: char,
    spaces: bool,
    lower: bool,
    trung_uong: usize,
    swap_layout: bool,
    wrap: usize,
}

fn style() -> impl Strategy<Value = Style> {
    (
        (0usize..3, proptest::option::of(0usize..4), 0usize..4, proptest::sample::select(vec!['-', '–', '—', '‐'])),
        (any::<bool>(), any::<bool>(), 0usize..4, any::<bool>(), 0usize..3),
    )
        .prop_map(|((zeros, kind_name, number_sign, dash), (spaces, lower, trung_uong, swap_layout, wrap))| {
            Style { zeros, kind_name, number_sign, dash, spaces, lower, trung_uong, swap_layout, wrap }
        })
}

fn written(g: &Generated, s: &Style) -> String {
    let sep = |c: char| if s.spaces { format!(" {c} ") } else { c.to_string() };
    let case = |code: &str| if s.lower { code.to_lowercase() } else { code.to_string() };
    let issuer: Vec<String> = g
        .issuer
        .iter()
        .map(|p| match (p.as_str(), s.trung_uong) {
            ("TW", 1) => "TƯ".to_string(),
            ("TW", 2) => "T.Ư".to_string(),
            ("TW", 3) => "tư".to_string(),
            _ => case(p),
        })
        .collect();
    // Issuer parts are joined tight: a spaced dash ends a symbol in prose.
    let issuer = issuer.join("-");
    let number = format!("{}{}", "0".repeat(s.zeros), g.number);
    let ty = case(&g.type_code);
    let known_layout = codes::is_party(&g.issuer[0]).is_some();
    let party_written = if s.swap_layout && known_layout && g.year.is_none() { !g.party } else { g.party };
    let core = match (party_written, g.year) {
        (true, _) => format!("{number}{}{ty}{}{issuer}", sep(s.dash), sep('/')),
        (false, Some(y)) => format!("{number}{}{y}{}{ty}{}{issuer}", sep('/'), sep('/'), sep(s.dash)),
        (false, None) => format!("{number}{}{ty}{}{issuer}", sep('/'), sep(s.dash)),
    };
    let prefix = match (s.kind_name, codes::doc_type(&g.type_code)) {
        (Some(i), Some(doc)) if !doc.names.is_empty() => {
            let name = doc.names[i % doc.names.len()];
            let sign = ["", " số", " so", " số:"][s.number_sign];
            format!("{name}{sign} ")
        }
        _ => String::new(),
    };
    let (open, close) = [("", ""), ("“", "”."), ("(", ")")][s.wrap];
    format!("{open}{prefix}{core}{close}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_canonical_symbol_parses_back_to_itself(g in generated()) {
        let canonical = g.canonical();
        let parsed = parse(&canonical).map_err(|e| TestCaseError::fail(format!("{canonical}: {e:?}")))?;
        prop_assert_eq!(&parsed.canonical, &canonical);
        prop_assert_eq!(parsed.number, g.number.to_string());
        prop_assert_eq!(parsed.year, g.year);
    }

    #[test]
    fn every_variant_parses_to_the_same_symbol(g in generated(), s in style()) {
        let text = written(&g, &s);
        let parsed = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e:?}")))?;
        prop_assert_eq!(parsed.canonical, g.canonical(), "{}", text);
    }

    #[test]
    fn a_variant_in_prose_is_found_where_it_stands(g in generated(), s in style()) {
        let symbol = written(&g, &s);
        let text = format!("Căn cứ {symbol} của cơ quan, các bên ký kết.");
        let found = extract(&text);
        let standalone = codes::doc_type(&g.type_code).is_some();
        prop_assert_eq!(found.len(), usize::from(standalone), "{}", text);
        if let Some(c) = found.first() {
            prop_assert_eq!(&c.symbol.canonical, &g.canonical());
            prop_assert!(symbol.contains(&text[c.span.clone()]), "{} not within {}", &text[c.span.clone()], symbol);
        }
    }

    #[test]
    fn any_text_is_an_answer_or_an_error_never_a_panic(text in "\\PC{0,120}") {
        let _ = parse(&text);
        let _ = read_reference(&text);
        for c in extract(&text) {
            prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            prop_assert!(c.span.start < c.span.end && c.span.end <= text.len());
        }
    }

    #[test]
    fn symbol_like_noise_is_an_answer_or_an_error(text in "[0-9 ./\\-–A-Za-zĐđƯư:()]{0,40}") {
        if let Ok(s) = parse(&text) {
            // Whatever parses has a canonical form that parses to itself.
            prop_assert_eq!(parse(&s.canonical).map(|p| p.canonical), Ok(s.canonical.clone()), "{}", text);
        }
    }
}
