//! What an import did, or would do: every row's outcome and every problem of every row, with the
//! row's number as the spreadsheet shows it and the column's header as the file writes it.

use serde::Serialize;

use super::Resource;
use crate::messages::{Lang, Msg};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub resource: Resource,
    /// True when nothing was written: asked for a dry run, or refused for its errors.
    pub dry_run: bool,
    /// Whether the import was written, whole.
    pub committed: bool,
    /// Data rows read (the header aside; blank rows are not counted).
    pub rows: usize,
    /// Rows that make a new record (in a dry run, would make one: its id is then absent).
    pub created: Vec<Line>,
    /// Rows that are a registered record as it is: nothing to do.
    pub unchanged: Vec<Line>,
    /// Rows that are a registered record with other values: changed with `on_match=update`,
    /// else left as they are. `fields` names what differs.
    pub differing: Vec<Line>,
    /// Organizations that parties name and the registry does not hold, made with the import
    /// when `create_missing=organizations`.
    pub proposed_organizations: Vec<Line>,
    /// Every problem of every row, in row order: a file with any is not written.
    pub errors: Vec<RowError>,
    /// Headers that name no column of the resource: not read.
    pub ignored_columns: Vec<String>,
}

/// A row and the record it is.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Line {
    /// The row's number in the spreadsheet (the header is row 1).
    pub row: u32,
    pub id: Option<i64>,
    /// What the record is called (a title, a name, a symbol).
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct RowError {
    /// The row's number in the spreadsheet (the header is row 1; 1 for a problem of the header).
    pub row: u32,
    /// The column's header as the file writes it; absent for a problem of the whole row.
    pub column: Option<String>,
    pub message: String,
}

impl Report {
    pub fn new(resource: Resource, rows: usize, dry_run: bool) -> Report {
        Report {
            resource,
            dry_run,
            committed: false,
            rows,
            created: Vec::new(),
            unchanged: Vec::new(),
            differing: Vec::new(),
            proposed_organizations: Vec::new(),
            errors: Vec::new(),
            ignored_columns: Vec::new(),
        }
    }

    pub fn error(&mut self, row: u32, column: Option<String>, msg: &Msg, lang: Lang) {
        let error = RowError { row, column, message: msg.text(lang) };
        if !self.errors.contains(&error) {
            self.errors.push(error);
        }
    }

    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}
