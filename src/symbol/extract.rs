//! Every reference to a document in a paragraph of prose, with where it stands.

use super::grammar::{self, Tok, Token};
use super::{citation, codes, Citation};

/// The words that may follow a bare number after a kind name and still make it a reference:
/// "Chỉ thị 04 ngày …", "Thông tri số 11 của …", "Quy chế 05 về …". Any other word ("Kế hoạch 5
/// năm") means the number is not a document's.
const AFTER_BARE_NUMBER: &[&str] = &["ngay", "cua", "ve", "do", "va", "ky", "ban", "da", "duoc", "khoa", "nam"];

/// The references in `text`, in order. A reference is a kind name with a number ("Chỉ thị 04",
/// "Thông tri số 11") or a full symbol with a known type code ("2722/KH-UBND"), each with the
/// date, issuing body and term written after it. Dates ("06/7/2011") and periods ("2024-2029")
/// are not symbols.
pub fn extract(text: &str) -> Vec<Citation> {
    let tokens = grammar::tokenize(text);
    let mut found = Vec::new();
    let mut at = 0;
    while at < tokens.len() {
        match citation_at(text, &tokens, at) {
            Some((citation, next)) => {
                found.push(citation);
                at = next;
            }
            None => at += 1,
        }
    }
    found
}

fn citation_at(text: &str, tokens: &[Token], at: usize) -> Option<(Citation, usize)> {
    let (doc, number_at) = match grammar::kind_name(tokens, at) {
        Some((doc, next)) => (Some(doc), grammar::number_sign(tokens, next)),
        None => (None, at),
    };
    if doc.is_none() && at > 0 && !tokens[at].spaced && tokens[at - 1].tok != Tok::Other {
        // The tail of something else: "06/7/2011", "x12-CT/TW".
        return None;
    }
    let (parts, next) = grammar::symbol(tokens, number_at).ok()?;
    let standalone_ok = parts.type_code.as_deref().is_some_and(|t| codes::doc_type(t).is_some());
    match (&parts.issuer_code, doc) {
        (None, None) => return None,
        (None, Some(_)) if !bare_number_ends(tokens, next) || parts.number.len() > 5 => return None,
        (Some(_), None) if !standalone_ok => return None,
        _ => {}
    }
    let (tail, next) = grammar::tail(tokens, next);
    Some((citation(text, tokens, at..next, parts, doc, tail), next))
}

fn bare_number_ends(tokens: &[Token], at: usize) -> bool {
    match tokens.get(at) {
        None => true,
        Some(t) if t.tok == Tok::Word => match grammar::word_key(tokens, at) {
            Some("nam") => tokens.get(at + 1).is_some_and(|y| y.tok == Tok::Number && y.text.len() == 4),
            Some(key) => AFTER_BARE_NUMBER.contains(&key),
            None => false,
        },
        Some(t) => matches!(t.tok, Tok::Dot | Tok::Other),
    }
}
