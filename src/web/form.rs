//! What the pages' forms share: a text field that may be missing or empty ([`Text`]), dates and
//! numbers as people type them, the options of a choice, and the messages beside the fields.

use std::fmt;

use chrono::NaiveDate;
use rocket::form::{self, FromFormField, ValueField};

use crate::error::{ApiError, ApiResult, FieldError, FieldErrors};
use crate::messages::labels::Label;
use crate::messages::{Lang, Msg};

/// A form field's text as sent: a field left out is empty, never a failed form (a page posts what
/// it showed, and a crafted post is answered field by field, not refused whole).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub String);

#[rocket::async_trait]
impl<'v> FromFormField<'v> for Text {
    fn from_value(field: ValueField<'v>) -> form::Result<'v, Self> {
        Ok(Text(field.value.to_string()))
    }

    fn default() -> Option<Self> {
        Some(<Text as Default>::default())
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text(text.to_string())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text(text)
    }
}

impl Text {
    pub fn trimmed(&self) -> &str {
        self.0.trim()
    }

    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// The text, or nothing when blank.
    pub fn optional(&self) -> Option<String> {
        Some(self.0.clone()).filter(|t| !t.trim().is_empty())
    }

    /// A whole number, nothing when blank, or the message `field` gets.
    pub fn int(&self, field: &str, errs: &mut FieldErrors) -> Option<i64> {
        let text = self.trimmed();
        if text.is_empty() {
            return None;
        }
        let read = text.parse().ok();
        if read.is_none() {
            errs.add(field, Msg::NotAnInteger);
        }
        read
    }

    /// A date as people write it (29/7/2024, 29-07-2024, 29.7.2024) or as ISO 8601, nothing when
    /// blank, or the message `field` gets (30/02/2024 is no date).
    pub fn date(&self, field: &str, errs: &mut FieldErrors) -> Option<NaiveDate> {
        let text = self.trimmed();
        if text.is_empty() {
            return None;
        }
        let read = crate::models::written_date(text);
        if read.is_none() {
            errs.add(field, Msg::NotAWrittenDate);
        }
        read
    }

    /// One of an enumeration's values, or the message `field` gets.
    pub fn choice<E>(
        &self,
        field: &str,
        parse: fn(&str) -> Option<E>,
        allowed: fn() -> String,
        errs: &mut FieldErrors,
    ) -> Option<E> {
        let read = parse(self.trimmed());
        if read.is_none() {
            errs.add(field, if self.is_blank() { Msg::Required } else { Msg::UnknownValue(allowed()) });
        }
        read
    }
}

/// The date a form shows: as people write it, or what was typed when it could not be read.
pub fn shown_date(date: Option<NaiveDate>) -> Text {
    use chrono::Datelike;
    date.map(|d| Text(format!("{}/{}/{}", d.day(), d.month(), d.year()))).unwrap_or_default()
}

/// An option of a choice: its value, its words, and whether it is the one chosen.
pub struct Choice {
    pub value: String,
    pub words: String,
    pub chosen: bool,
}

/// The options of an enumeration, in words, with `chosen` marked.
pub fn choices<E: Label>(all: &[E], as_str: fn(E) -> &'static str, chosen: &str, lang: Lang) -> Vec<Choice> {
    all.iter()
        .map(|&e| Choice {
            value: as_str(e).to_string(),
            words: e.label(lang).to_string(),
            chosen: as_str(e) == chosen,
        })
        .collect()
}

/// The messages beside a form's fields, by field name (the API's names: `title`,
/// `agreements[0].period.end_year`).
#[derive(Debug, Default)]
pub struct Messages(pub Vec<(String, String)>);

impl Messages {
    pub fn of(e: &ApiError, lang: Lang) -> Messages {
        Messages(e.to_problem(lang).errors.into_iter().map(|f| (f.field, f.message)).collect())
    }

    /// The messages of an inner form, each field under `prefix` (`new_organization.name`); one
    /// about no field is said of the inner form itself.
    pub fn under(prefix: &str, e: &ApiError, lang: Lang) -> Messages {
        let problem = e.to_problem(lang);
        if problem.errors.is_empty() {
            return Messages(vec![(prefix.to_string(), problem.detail)]);
        }
        Messages(problem.errors.into_iter().map(|f| (format!("{prefix}.{}", f.field), f.message)).collect())
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    /// Messages of fields the form shows nowhere (and so lists at its top).
    pub fn elsewhere(&self, shown: impl Fn(&str) -> bool) -> Vec<&(String, String)> {
        self.0.iter().filter(|(f, _)| !shown(f)).collect()
    }
}

/// A change the registry made, unless the form has messages of its own: then the change is
/// undone with its transaction, and the registry's messages join the form's.
pub fn merged_result<T>(done: ApiResult<T>, errs: FieldErrors) -> ApiResult<T> {
    match (done, errs.is_empty()) {
        (Ok(done), true) => Ok(done),
        (Ok(_), false) => Err(merged(errs, None)),
        (Err(e), _) => Err(merged(errs, Some(e))),
    }
}

/// The registry's messages about a record's fields, under the name the form gives the record
/// (`agreements[0].`).
pub fn prefixed(mut e: ApiError, prefix: &str) -> ApiError {
    for f in &mut e.errors {
        f.field = format!("{prefix}{}", f.field);
    }
    e
}

/// The form's own messages with the registry's about the other fields: one message a field, the
/// form's first (the registry cannot know what was typed where it saw no id).
fn merged(form: FieldErrors, registry: Option<ApiError>) -> ApiError {
    let mut all: Vec<FieldError> = form.all().cloned().collect();
    let Some(e) = registry else { return ApiError::invalid(all) };
    // A refusal that is about no field (403, 503) is said as it is.
    if e.errors.is_empty() && (all.is_empty() || e.status.code != 422) {
        return e;
    }
    for f in e.errors {
        if !all.iter().any(|a| a.field == f.field) {
            all.push(f);
        }
    }
    ApiError::invalid(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_people_write_them_and_impossible_ones_are_refused() {
        let mut errs = FieldErrors::default();
        let read = |t: &str, errs: &mut FieldErrors| Text::from(t).date("held_on", errs);
        assert_eq!(read("29/7/2024", &mut errs), NaiveDate::from_ymd_opt(2024, 7, 29));
        assert_eq!(read(" 05-03-2019 ", &mut errs), NaiveDate::from_ymd_opt(2019, 3, 5));
        assert_eq!(read("2017-05-11", &mut errs), NaiveDate::from_ymd_opt(2017, 5, 11));
        assert!(errs.is_empty());
        assert_eq!(read("30/02/2024", &mut errs), None);
        assert_eq!(read("29/7/24", &mut errs), None);
        assert_eq!(read("", &mut errs), None);
        assert_eq!(errs.all().count(), 2);
    }
}
