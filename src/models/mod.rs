//! The records and the queries on them, one file per entity. Functions here are plain and
//! synchronous; the API layer runs them on a pooled connection inside a transaction.

pub mod agreement;
pub mod agreement_locality;
pub mod audit;
pub mod citation;
pub mod decode;
pub mod deleted;
pub mod directive;
pub mod enums;
pub mod locality;
pub mod locality_tree;
pub mod organization;
pub mod page;
pub mod record;
pub mod report;
pub mod search;
pub mod session;
pub mod signing_event;
pub mod token;
pub mod user;

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};

use diesel::expression::BoxableExpression;
use diesel::sql_types::Bool;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::db::MultiBackend;
use crate::error::FieldErrors;
use crate::messages::Msg;

/// The serde message of a date that does not parse; `api::body` recognises it by this prefix.
pub const NOT_A_DATE: &str = "not a date";

/// The years a date or a period may fall in: from the founding of the state to the end of the century.
pub const FIRST_YEAR: i32 = 1945;
pub const LAST_YEAR: i32 = 2100;

/// A date written exactly as ISO 8601's `YYYY-MM-DD` (`2017-05-11`): chrono alone would take
/// `+2023-02-03`, `-0001-01-01` and `2023-2-3`.
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().filter(|_| shaped)
}

/// A date of the registry ([`iso_date`]) in [`FIRST_YEAR`] to [`LAST_YEAR`].
pub fn read_date(text: &str) -> Option<NaiveDate> {
    iso_date(text).filter(|date| (FIRST_YEAR..=LAST_YEAR).contains(&date.year()))
}

/// A date as people write it: day/month/year with `/`, `-` or `.` between, the year in four
/// digits (29/7/2024, 29-07-2024, 29.7.2024), or ISO 8601 ([`read_date`]). 30/02/2024 is no
/// date. The pages' forms and the imports read dates with it.
pub fn written_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split(['/', '-', '.']).map(str::trim).collect();
    if let [day, month, year] = parts.as_slice() {
        if year.len() == 4 {
            let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
            return read_date(&date.to_string());
        }
    }
    read_date(text)
}

/// `deserialize_with` for an optional date ([`read_date`]).
pub fn opt_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    use serde::Deserialize;
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(text) => {
            read_date(text.trim()).map(Some).ok_or_else(|| serde::de::Error::custom(format!("{NOT_A_DATE}: {text}")))
        }
    }
}

/// The registry's date (`crate::clock`): agreement statuses turn at Vietnam's midnight.
pub fn today() -> NaiveDate {
    crate::clock::today()
}

/// Now in UTC, to the microsecond (as much as PostgreSQL keeps, so both backends answer alike).
pub fn now() -> NaiveDateTime {
    let t = Utc::now().naive_utc();
    t.with_nanosecond(t.nanosecond() / 1_000 * 1_000).unwrap_or(t)
}

/// `serialize_with` for a UTC time: RFC 3339 with its `Z`.
pub fn utc<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&t.format("%Y-%m-%dT%H:%M:%S%.6fZ"))
}

/// `serialize_with` for an optional UTC time.
pub fn utc_opt<S: serde::Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => utc(t, s),
        None => s.serialize_none(),
    }
}

pub fn this_year() -> i32 {
    today().year()
}

/// Runs the input's `validator` rules and adds what fails to `errs`, each under its JSON path.
pub fn validate_into<T: Validate>(input: &T, errs: &mut FieldErrors) {
    if let Err(found) = input.validate() {
        collect(&found, "", errs);
    }
}

fn collect(found: &ValidationErrors, prefix: &str, errs: &mut FieldErrors) {
    let mut fields: Vec<_> = found.errors().iter().collect();
    fields.sort_by(|a, b| a.0.cmp(b.0));
    for (name, kind) in fields {
        let path = if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    errs.add(path.clone(), field_msg(&e.code, &e.params));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, &path, errs),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect(inner, &format!("{path}[{i}]"), errs);
                }
            }
        }
    }
}

fn field_msg(code: &str, params: &std::collections::HashMap<Cow<'static, str>, serde_json::Value>) -> Msg {
    let num = |k: &str| params.get(k).and_then(serde_json::Value::as_i64);
    match code {
        "length" => match params.get("value") {
            Some(serde_json::Value::String(s)) if s.is_empty() => Msg::Blank,
            Some(serde_json::Value::Array(_)) => Msg::TooMany(num("max").unwrap_or_default() as u64),
            _ => Msg::TooLong(num("max").unwrap_or_default() as u64),
        },
        "range" => Msg::OutOfRange(num("min").unwrap_or_default(), num("max").unwrap_or_default()),
        _ => Msg::WrongType(crate::messages::Expected::Value),
    }
}

/// Checks the items of a list of texts (aliases, tasks): none blank, none too long, none repeated
/// (compared by [`crate::text::name_key`]).
pub fn check_texts(field: &str, items: &[String], max_len: u64, errs: &mut FieldErrors) {
    let mut seen = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}[{i}]");
        if item.is_empty() {
            errs.add(path, Msg::Blank);
        } else if item.chars().count() as u64 > max_len {
            errs.add(path, Msg::TooLong(max_len));
        } else {
            let key = crate::text::name_key(item);
            if seen.contains(&key) {
                errs.add(path, Msg::Repeated);
            }
            seen.push(key);
        }
    }
}

/// The chain from `start` upwards through `parent_of`, `start` first; stops at a repeat, so a
/// corrupt chain cannot loop.
pub fn ancestors(
    start: i64,
    mut parent_of: impl FnMut(i64) -> diesel::QueryResult<Option<i64>>,
) -> diesel::QueryResult<Vec<i64>> {
    let mut chain = vec![start];
    while let Some(parent) = parent_of(*chain.last().expect("never empty"))? {
        if chain.contains(&parent) {
            break;
        }
        chain.push(parent);
    }
    Ok(chain)
}

#[derive(diesel::QueryableByName)]
struct Found {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
}

/// The record of `table` (other than `except`) with the same name ([`crate::text::name_key`]) in
/// the same place (`scope_column`: a locality's parent, an organization's locality), if any: the
/// one duplicate-name rule of localities and organizations, asked through their unique index.
pub fn same_name(
    conn: &mut crate::db::DbConnection,
    (table, scope_column): (&str, &str),
    name: &str,
    scope: Option<i64>,
    except: Option<i64>,
) -> diesel::QueryResult<Option<i64>> {
    use diesel::sql_types::{BigInt, Text};
    use diesel::{OptionalExtension, RunQueryDsl};
    diesel::sql_query(format!(
        "SELECT id FROM {table} WHERE name_key = $1 AND coalesce({scope_column}, 0) = $2 AND id <> $3 ORDER BY id LIMIT 1"
    ))
    .bind::<Text, _>(crate::text::name_key(name))
    .bind::<BigInt, _>(scope.unwrap_or(0))
    .bind::<BigInt, _>(except.unwrap_or(0))
    .get_result::<Found>(conn)
    .optional()
    .map(|found| found.map(|f| f.id))
}

/// Runs a check that collects its errors, and answers what it cleaned, or every error it found.
pub fn checked<T, E>(check: impl FnOnce(&mut FieldErrors) -> Result<T, E>) -> Result<T, crate::error::ApiError>
where
    crate::error::ApiError: From<E>,
{
    let mut errs = FieldErrors::default();
    let done = check(&mut errs)?;
    errs.into_result()?;
    Ok(done)
}

/// Checks an optional web address (a record's `source_url`): http or https only.
pub fn check_web_address(field: &str, value: Option<&str>, errs: &mut FieldErrors) {
    if value.is_some_and(|url| !crate::text::is_web_address(url)) {
        errs.add(field, Msg::NotAWebAddress);
    }
}

/// Cleans a list of texts in place (see [`crate::text::clean`]).
pub fn clean_all(items: &mut [String]) {
    for item in items {
        *item = crate::text::clean(item);
    }
}

pub type Filter<QS> = Box<dyn BoxableExpression<QS, MultiBackend, SqlType = Bool>>;

/// How a list's condition is put to the database. A question that matches few records is best
/// started from its condition's own index, and its matches sorted (`Lookup`); one that matches
/// many is best answered by walking the list in its order and testing each record met, which
/// finds a page's worth after a few rows and never gathers or sorts them all (`Check`). SQLite's
/// planner cannot tell the two apart for a condition over a subquery, so the list tells it
/// (`agreement::list`, from the count it makes anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Lookup,
    Check,
}

/// LIKE patterns for a `q=`: each term must start a word of the record's search text.
pub fn search_patterns(query: &str) -> Vec<String> {
    crate::text::search_terms(query).iter().map(|t| word_pattern(t)).collect()
}

/// The LIKE pattern of a search text holding `term` at the start of a word.
pub fn word_pattern(term: &str) -> String {
    format!("% {term}%")
}
