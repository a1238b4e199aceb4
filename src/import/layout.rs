//! A file's header read against the columns of a resource, and a row's cells read by column key,
//! each cell's problem kept with its column.

use std::collections::HashMap;

use super::grid::{Row, Value};
use super::values;
use crate::export::table::Sheet;
use crate::messages::labels::Label;
use crate::messages::{Lang, Msg};

/// Which of a resource's columns the file has, and where.
pub struct Layout {
    at: HashMap<String, usize>,
    /// The headers as the file writes them, for the report.
    headers: Vec<String>,
    /// Each column's header in the reader's words, for a column the file does not have.
    titles: HashMap<String, String>,
    /// Headers that name none of the resource's columns: left unread.
    pub ignored: Vec<String>,
}

impl Layout {
    /// `sheet(lang)`: the resource's columns as an export writes them, which an import reads back;
    /// `aliases` are other keys people use for a column (the API's `period.start_year`).
    pub fn new(headers: &[String], sheet: impl Fn(Lang) -> Sheet, aliases: &[(&str, &str)], lang: Lang) -> Layout {
        let (vi, en) = (sheet(Lang::Vi), sheet(Lang::En));
        let words: Vec<(&str, &str, &str)> = vi
            .columns
            .iter()
            .zip(&en.columns)
            .map(|(v, e)| (v.key.as_str(), v.title.as_str(), e.title.as_str()))
            .chain(aliases.iter().map(|(alias, key)| (*key, *alias, *alias)))
            .collect();
        let mut layout = Layout {
            at: HashMap::new(),
            headers: headers.to_vec(),
            titles: sheet(lang).columns.into_iter().map(|c| (c.key, c.title)).collect(),
            ignored: Vec::new(),
        };
        for (i, header) in headers.iter().enumerate() {
            match values::column_of(header, &words) {
                Some(key) if !layout.at.contains_key(key) => {
                    layout.at.insert(key.to_string(), i);
                }
                _ if header.trim().is_empty() => {}
                _ => layout.ignored.push(header.trim().to_string()),
            }
        }
        layout
    }

    pub fn has(&self, key: &str) -> bool {
        self.at.contains_key(key)
    }

    /// The column's header as the file writes it, else as an export would.
    pub fn header(&self, key: &str) -> String {
        match self.at.get(key) {
            Some(i) => self.headers[*i].trim().to_string(),
            None => self.titles.get(key).cloned().unwrap_or_else(|| key.to_string()),
        }
    }
}

/// A row's cells as the resource's values; what cannot be read is kept as a problem of its
/// column, and the value is taken as absent.
pub struct Cells<'a> {
    pub row: &'a Row,
    layout: &'a Layout,
    pub problems: Vec<(String, Msg)>,
}

static EMPTY: Value = Value::Empty;

impl<'a> Cells<'a> {
    pub fn new(row: &'a Row, layout: &'a Layout) -> Cells<'a> {
        Cells { row, layout, problems: Vec::new() }
    }

    pub fn has(&self, key: &str) -> bool {
        self.layout.has(key)
    }

    pub fn header(&self, key: &str) -> String {
        self.layout.header(key)
    }

    fn value(&self, key: &str) -> &'a Value {
        self.layout.at.get(key).and_then(|i| self.row.values.get(*i)).unwrap_or(&EMPTY)
    }

    /// A problem with the cell of `key`.
    pub fn problem(&mut self, key: &str, msg: Msg) {
        self.problems.push((key.to_string(), msg));
    }

    fn read<T: Default>(&mut self, key: &str, read: impl FnOnce(&Value) -> Result<T, Msg>) -> T {
        read(self.value(key)).unwrap_or_else(|msg| {
            self.problem(key, msg);
            T::default()
        })
    }

    pub fn text(&mut self, key: &str) -> Option<String> {
        self.read(key, values::text)
    }

    /// A cell that must hold something.
    pub fn required(&mut self, key: &str) -> String {
        let text = self.text(key);
        if text.is_none() {
            self.missing(key);
        }
        text.unwrap_or_default()
    }

    /// The cell of `key` holds no value where one is needed (said once: a cell that could not be
    /// read has its problem already).
    pub fn missing(&mut self, key: &str) {
        if !self.problems.iter().any(|(k, _)| k == key) {
            self.problem(key, Msg::Required);
        }
    }

    pub fn date(&mut self, key: &str) -> Option<chrono::NaiveDate> {
        self.read(key, values::date)
    }

    pub fn year(&mut self, key: &str) -> Option<i32> {
        self.read(key, values::year)
    }

    pub fn list(&mut self, key: &str) -> Vec<String> {
        self.read(key, values::list)
    }

    /// The lines of a cell, for values that may hold a semicolon (a task).
    pub fn lines(&mut self, key: &str) -> Vec<String> {
        let text = self.text(key).unwrap_or_default();
        text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }

    /// An enumeration value written in words, in either language, or as its key.
    pub fn word<E: Label + 'static>(
        &mut self,
        key: &str,
        all: &'static [E],
        as_str: fn(E) -> &'static str,
    ) -> Option<E> {
        let text = self.text(key)?;
        let found = values::word(&text, all, as_str);
        if found.is_none() {
            self.problem(key, unknown_word(all));
        }
        found
    }

    /// Each value of a list cell as an enumeration value.
    pub fn words<E: Label + 'static>(
        &mut self,
        key: &str,
        all: &'static [E],
        as_str: fn(E) -> &'static str,
    ) -> Vec<Option<E>> {
        let items = self.list(key);
        let read: Vec<Option<E>> = items.iter().map(|t| values::word(t, all, as_str)).collect();
        if read.iter().any(Option::is_none) {
            self.problem(key, unknown_word(all));
        }
        read
    }
}

/// A word that is none of an enumeration's: the message lists their words.
fn unknown_word<E: Label>(all: &[E]) -> Msg {
    let allowed: Vec<&str> = all.iter().map(|e| e.words().0).collect();
    Msg::UnknownValue(allowed.join("; "))
}
