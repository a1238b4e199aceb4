//! A table as an export writes it: sheets of named columns and rows of typed cells, whatever
//! the file format.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::messages::Lang;

/// One value of a row. Dates stay dates, so that a spreadsheet sorts and filters them as such.
/// Text is borrowed from the record where it can be: an export writes millions of cells.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Int(i64),
    Date(NaiveDate),
}

impl From<String> for Cell<'_> {
    fn from(s: String) -> Self {
        Cell::Text(s.into())
    }
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell::Text(s.into())
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(s: &'a String) -> Self {
        Cell::Text(s.as_str().into())
    }
}

impl From<i64> for Cell<'_> {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}

impl From<i32> for Cell<'_> {
    fn from(n: i32) -> Self {
        Cell::Int(n.into())
    }
}

impl From<NaiveDate> for Cell<'_> {
    fn from(d: NaiveDate) -> Self {
        Cell::Date(d)
    }
}

impl<'a, T: Into<Cell<'a>>> From<Option<T>> for Cell<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// A column: its key (the API's field name, which an import also accepts), its header in the
/// reader's language, and its width in characters.
#[derive(Debug, Clone)]
pub struct Column {
    pub key: String,
    pub title: String,
    pub width: f64,
}

impl Column {
    pub fn new(key: &str, (vi, en): (&str, &str), width: f64, lang: Lang) -> Column {
        Column { key: key.to_string(), title: if lang == Lang::Vi { vi } else { en }.to_string(), width }
    }
}

/// A sheet of a workbook (a CSV holds the first only).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<Column>,
}

/// A bar chart of a report's counts, for the workbook's chart sheet: the categories and the
/// values are two columns of one of its sheets.
#[derive(Debug, Clone)]
pub struct ChartOf {
    pub title: String,
    pub sheet: usize,
    pub categories: u16,
    pub values: u16,
}

/// A list of values in one cell ("12-CT/TW; 14-TT/TU"): the separator an import splits on.
pub fn joined<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> Cell<'static> {
    let mut text = String::new();
    for item in items {
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str(item.as_ref());
    }
    if text.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(text.into())
    }
}
