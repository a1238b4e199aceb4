//! Query parameters. Each list endpoint names the parameters it takes; an unknown one (a typo such
//! as `actve_in`) or one that cannot be read (`active_in=abc`) is a 400 naming it, never a
//! silently ignored filter.

use std::collections::HashMap;
use std::convert::Infallible;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rocket::request::{FromRequest, Outcome, Request};

use crate::error::{ApiError, ApiResult};
use crate::messages::Msg;
use crate::models::page::{Page, MAX_LIMIT};

pub struct Params {
    pairs: Vec<(String, String)>,
    /// The first parameter whose name or value is not UTF-8 once percent-decoded (`q=%FF%FE`).
    undecodable: Option<String>,
}

/// How often one parameter may repeat (`signed_by=1&signed_by=2…`): each value is a condition of
/// the query, and a query of thousands of conditions is an attack, not a question.
pub const MAX_REPEATS: usize = 50;
/// How many words a search (`q=`) may have; a pasted title has about twenty.
pub const MAX_SEARCH_WORDS: usize = 40;
/// How many characters a search may have: a long title fits, and a search can never make a
/// pattern the database refuses (SQLite's LIKE takes at most 50,000 bytes).
pub const MAX_SEARCH_CHARS: usize = 500;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Params {
    type Error = Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Infallible> {
        let mut params = Params { pairs: Vec::new(), undecodable: None };
        for segment in req.uri().query().into_iter().flat_map(|q| q.raw_segments()).filter(|s| !s.is_empty()) {
            let (name, value) = segment.split_at_byte(b'=');
            match (name.url_decode(), value.url_decode()) {
                (Ok(name), Ok(value)) => params.pairs.push((name.into_owned(), value.into_owned())),
                _ => {
                    params.undecodable.get_or_insert_with(|| name.url_decode_lossy().into_owned());
                }
            }
        }
        Outcome::Success(params)
    }
}

impl Params {
    /// Refuses any parameter not in `known` (paging parameters are always known).
    pub fn expect(&self, known: &[&str]) -> ApiResult<()> {
        if let Some(name) = &self.undecodable {
            return Err(ApiError::bad_param(name.clone(), Msg::NotUtf8));
        }
        let mut repeats: HashMap<&str, usize> = HashMap::new();
        for (name, value) in &self.pairs {
            if crate::text::has_control_character(value) {
                return Err(ApiError::bad_param(name.clone(), Msg::ControlCharacter));
            }
            if name != "limit" && name != "offset" && !known.contains(&name.as_str()) {
                let mut all: Vec<&str> = known.to_vec();
                all.extend(["limit", "offset"]);
                return Err(ApiError::bad_param(name.clone(), Msg::UnknownParameter(all.join(", "))));
            }
            let seen = repeats.entry(name.as_str()).or_default();
            *seen += 1;
            if *seen > MAX_REPEATS {
                return Err(ApiError::bad_param(name.clone(), Msg::TooManyValues(MAX_REPEATS as u64)));
            }
        }
        Ok(())
    }

    /// Refuses any parameter that `Q`, the query's published declaration, does not name: the
    /// OpenAPI document and the handler accept the same parameters by construction.
    pub fn expect_query<Q: utoipa::IntoParams>(&self) -> ApiResult<()> {
        let names: Vec<String> = Q::into_params(|| None).into_iter().map(|p| p.name).collect();
        self.expect(&names.iter().map(String::as_str).collect::<Vec<_>>())
    }

    /// The same parameters less every `name` (a page's own field, not the API's).
    pub fn without(&self, name: &str) -> Params {
        Params {
            pairs: self.pairs.iter().filter(|(k, _)| k != name).cloned().collect(),
            undecodable: self.undecodable.clone(),
        }
    }

    /// Every (name, value) given, in order: a page rebuilds its address from them.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Every non-empty value given for `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.as_str()).collect()
    }

    /// The last non-empty value given for `name`.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.all(name).pop()
    }

    pub fn parsed<T>(&self, name: &str, parse: impl Fn(&str) -> Option<T>, why: Msg) -> ApiResult<Option<T>> {
        self.text(name).map(|v| parse(v.trim()).ok_or_else(|| ApiError::bad_param(name, why.clone()))).transpose()
    }

    pub fn int(&self, name: &str) -> ApiResult<Option<i64>> {
        self.parsed(name, |v| v.parse().ok(), Msg::NotAnInteger)
    }

    /// Every value of a repeatable integer parameter.
    pub fn ints(&self, name: &str) -> ApiResult<Vec<i64>> {
        self.all(name)
            .into_iter()
            .map(|v| v.trim().parse().map_err(|_| ApiError::bad_param(name, Msg::NotAnInteger)))
            .collect()
    }

    pub fn year(&self, name: &str) -> ApiResult<Option<i32>> {
        self.parsed(name, |v| v.parse().ok().filter(|y| (1000..=9999).contains(y)), Msg::OutOfRange(1000, 9999))
    }

    /// Where a list resumes (`after=`, the `next_after` of the page before).
    pub fn after(&self, name: &str) -> ApiResult<Option<crate::models::agreement::After>> {
        self.parsed(name, crate::models::agreement::After::parse, Msg::NotAPlaceInTheList)
    }

    pub fn date(&self, name: &str) -> ApiResult<Option<NaiveDate>> {
        self.parsed(name, crate::models::read_date, Msg::NotADate)
    }

    /// A moment in UTC: an RFC 3339 time (`2026-11-22T08:00:00Z`, `…+07:00`), a time without a
    /// zone (read as UTC), or a date (its midnight, UTC).
    pub fn time(&self, name: &str) -> ApiResult<Option<NaiveDateTime>> {
        let read = |v: &str| {
            DateTime::parse_from_rfc3339(v)
                .map(|t| t.naive_utc())
                .ok()
                .or_else(|| NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S%.f").ok())
                .or_else(|| crate::models::iso_date(v).and_then(|d| d.and_hms_opt(0, 0, 0)))
        };
        self.parsed(name, read, Msg::NotADateTime)
    }

    /// A search text, of at most [`MAX_SEARCH_WORDS`] words and [`MAX_SEARCH_CHARS`] characters.
    pub fn search(&self, name: &str) -> ApiResult<Option<String>> {
        match self.text(name) {
            Some(q) if q.chars().count() > MAX_SEARCH_CHARS => {
                Err(ApiError::bad_param(name, Msg::TooLong(MAX_SEARCH_CHARS as u64)))
            }
            Some(q) if crate::text::search_terms(q).len() > MAX_SEARCH_WORDS => {
                Err(ApiError::bad_param(name, Msg::TooManyWords(MAX_SEARCH_WORDS as u64)))
            }
            other => Ok(other.map(str::to_string)),
        }
    }

    /// A value of one of the enumerations, e.g. `kind=coordination_plan`.
    pub fn choice<T>(&self, name: &str, parse: fn(&str) -> Option<T>, allowed: String) -> ApiResult<Option<T>> {
        self.parsed(name, parse, Msg::UnknownValue(allowed))
    }

    /// `limit` (1 to 500, default 50) and `offset` (from 0, default 0).
    pub fn page(&self) -> ApiResult<Page> {
        let mut page = Page::default();
        if let Some(limit) = self.int("limit")? {
            if !(1..=MAX_LIMIT).contains(&limit) {
                return Err(ApiError::bad_param("limit", Msg::OutOfRange(1, MAX_LIMIT)));
            }
            page.limit = limit;
        }
        if let Some(offset) = self.int("offset")? {
            if offset < 0 {
                return Err(ApiError::bad_param("offset", Msg::OutOfRange(0, i64::MAX)));
            }
            page.offset = offset;
        }
        Ok(page)
    }
}
