//! The values people type into a spreadsheet's cells, read as the registry's: text without the
//! apostrophe an export put before a formula-like cell, dates however they were typed or kept,
//! years, lists, and the header a column is known by.

use chrono::{Datelike, Days, NaiveDate};

use super::grid::Value;
use crate::messages::labels::Label;
use crate::messages::Msg;
use crate::models::{written_date, FIRST_YEAR, LAST_YEAR};

/// The text of a cell, trimmed; None when blank. The apostrophe an export puts before a cell
/// that a spreadsheet would run as a formula is taken off; a formula itself is refused, since
/// its value is not what the file holds.
pub fn text(value: &Value) -> Result<Option<String>, Msg> {
    let text = match value {
        Value::Empty => return Ok(None),
        Value::Text(t) => t.trim().to_string(),
        Value::Number(n) => number_text(*n),
        Value::Date(d) => format!("{}/{}/{}", d.day(), d.month(), d.year()),
    };
    if text.is_empty() {
        return Ok(None);
    }
    if text.starts_with('=') {
        return Err(Msg::FormulaInCell);
    }
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => Ok(Some(rest.to_string())),
        _ => Ok(Some(text)),
    }
}

/// A number as it was typed: 2024, not 2024.0.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A date: a date cell, an Excel serial number (days since 30/12/1899, as Excel counts them),
/// or text as people write it (29/7/2024, 29-07-2024, 29.7.2024) or as ISO 8601. 31/02/2024 is
/// no date.
pub fn date(value: &Value) -> Result<Option<NaiveDate>, Msg> {
    let date = match value {
        Value::Date(d) => Some(*d),
        Value::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n < 2_958_466.0 => {
            NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|epoch| epoch.checked_add_days(Days::new(*n as u64)))
        }
        Value::Number(_) => None,
        Value::Text(_) | Value::Empty => match text(value)? {
            None => return Ok(None),
            Some(t) => written_date(&t),
        },
    };
    match date {
        Some(d) if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) => Ok(Some(d)),
        _ => Err(Msg::NotAWrittenDate),
    }
}

/// A year (2024), as a number or as text.
pub fn year(value: &Value) -> Result<Option<i32>, Msg> {
    let Some(t) = text(value)? else { return Ok(None) };
    match t.parse::<i32>() {
        Ok(y) if (FIRST_YEAR..=LAST_YEAR).contains(&y) => Ok(Some(y)),
        Ok(_) => Err(Msg::OutOfRange(FIRST_YEAR.into(), LAST_YEAR.into())),
        Err(_) => Err(Msg::NotAnInteger),
    }
}

/// The values of a list cell ("12-CT/TW; 14-TT/TU"), split where an export joins them; a line
/// break separates too, as people type lists in a cell.
pub fn list(value: &Value) -> Result<Vec<String>, Msg> {
    Ok(text(value)?
        .map(|t| t.split([';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
        .unwrap_or_default())
}

/// The column a header names: by the API's field name or by its words in either language, with
/// or without diacritics and whatever the case (`columns` are (key, Vietnamese, English)).
pub fn column_of<'a>(header: &str, columns: &[(&'a str, &str, &str)]) -> Option<&'a str> {
    let wanted = crate::text::search_key(header);
    if wanted.is_empty() {
        return None;
    }
    columns.iter().find_map(|(key, vi, en)| {
        let names = [key.replace('_', " "), crate::text::search_key(vi), crate::text::search_key(en)];
        names.iter().any(|name| crate::text::search_key(name) == wanted).then_some(*key)
    })
}

/// An enumeration value as written: its words in either language or its key, with or without
/// diacritics and whatever the case; failing that, the one value whose words begin with what is
/// written ("Kế hoạch" for "Kế hoạch phối hợp").
pub fn word<E: Label>(written: &str, all: &[E], as_str: fn(E) -> &'static str) -> Option<E> {
    let wanted = crate::text::search_key(written);
    if wanted.is_empty() {
        return None;
    }
    let names = |e: E| {
        let (vi, en) = e.words();
        [as_str(e).replace('_', " "), crate::text::search_key(vi), crate::text::search_key(en)]
    };
    if let Some(found) = all.iter().find(|e| names(**e).contains(&wanted)) {
        return Some(*found);
    }
    let begun = format!("{wanted} ");
    let mut begins = all.iter().filter(|e| names(**e).iter().any(|n| n.starts_with(&begun)));
    match (begins.next(), begins.next()) {
        (Some(one), None) => Some(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn dates_as_typed_as_kept_and_impossible() {
        let d = |y, m, day| Ok(Some(NaiveDate::from_ymd_opt(y, m, day).unwrap()));
        assert_eq!(date(&t("11/5/2017")), d(2017, 5, 11));
        assert_eq!(date(&t(" 01-02-2024 ")), d(2024, 2, 1));
        assert_eq!(date(&t("2024-11-01")), d(2024, 11, 1));
        assert_eq!(date(&Value::Number(45_658.0)), d(2025, 1, 1), "Excel's serial for 1/1/2025");
        assert_eq!(date(&Value::Date(NaiveDate::from_ymd_opt(2017, 5, 11).unwrap())), d(2017, 5, 11));
        assert_eq!(date(&t("31/02/2024")), Err(Msg::NotAWrittenDate));
        assert_eq!(date(&t("5/2017")), Err(Msg::NotAWrittenDate));
        assert_eq!(date(&Value::Number(12.5)), Err(Msg::NotAWrittenDate));
        assert_eq!(date(&t("  ")), Ok(None));
    }

    #[test]
    fn the_exports_apostrophe_comes_off_and_a_formula_is_refused() {
        assert_eq!(text(&t("'=Hội")), Ok(Some("=Hội".to_string())));
        assert_eq!(text(&t("'-1")), Ok(Some("-1".to_string())));
        assert_eq!(text(&t("'tên")), Ok(Some("'tên".to_string())), "an apostrophe typed as part of a name stays");
        assert_eq!(text(&t("=HYPERLINK(\"x\")")), Err(Msg::FormulaInCell));
        assert_eq!(text(&Value::Number(2024.0)), Ok(Some("2024".to_string())));
        assert_eq!(year(&t("2029")), Ok(Some(2029)));
        assert_eq!(year(&t("20x9")), Err(Msg::NotAnInteger));
        assert_eq!(year(&t("1900")), Err(Msg::OutOfRange(1945, 2100)));
        assert_eq!(
            list(&t("12-CT/TW; 14-TT/TU;\n38-CT/TW")),
            Ok(vec!["12-CT/TW".into(), "14-TT/TU".into(), "38-CT/TW".into()])
        );
    }

    #[test]
    fn enumeration_values_in_words_either_language_or_begun() {
        use crate::models::enums::{AgreementKind, PartyRole};
        let kind = |w: &str| word(w, AgreementKind::ALL, AgreementKind::as_str);
        assert_eq!(kind("Kế hoạch phối hợp"), Some(AgreementKind::CoordinationPlan));
        assert_eq!(kind("ke hoach phoi hop"), Some(AgreementKind::CoordinationPlan));
        assert_eq!(kind("coordination_regulation"), Some(AgreementKind::CoordinationRegulation));
        assert_eq!(kind("Joint action program"), Some(AgreementKind::ActionProgram));
        assert_eq!(kind("Kế hoạch"), Some(AgreementKind::CoordinationPlan));
        assert_eq!(kind("Chương trình"), None, "two kinds begin so");
        assert_eq!(kind("Nghị quyết"), None);
        assert_eq!(word("Chủ trì", PartyRole::ALL, PartyRole::as_str), Some(PartyRole::Lead));
        assert_eq!(word("cung ky", PartyRole::ALL, PartyRole::as_str), Some(PartyRole::Signatory));
    }

    #[test]
    fn a_header_is_known_by_key_or_words_with_or_without_diacritics() {
        let columns = [("start_year", "Từ năm", "Start year"), ("title", "Tên văn bản phối hợp", "Title")];
        assert_eq!(column_of("start_year", &columns), Some("start_year"));
        assert_eq!(column_of("Từ năm", &columns), Some("start_year"));
        assert_eq!(column_of("tu nam", &columns), Some("start_year"));
        assert_eq!(column_of("TÊN VĂN BẢN PHỐI HỢP", &columns), Some("title"));
        assert_eq!(column_of("Start Year", &columns), Some("start_year"));
        assert_eq!(column_of("năm", &columns), None);
    }
}
