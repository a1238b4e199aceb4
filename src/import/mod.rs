//! Imports: a province's spreadsheet read into the registry (issue 21, in progress).
//!
//! This first part reads a file, CSV or XLSX, into a [`grid::Grid`] of values numbered as the
//! spreadsheet numbers its rows, refusing what is not such a file before reading it whole, and
//! reads the values people type into those cells ([`values`]). The columns are the exports'
//! (`export/columns.rs`): a header is known by the API's field name or by its words in either
//! language, with or without diacritics.

pub mod grid;
pub mod values;

/// The most rows a file may hold (the header aside): an import is one transaction, which holds
/// the writer for as long as it takes; a larger file is refused with the advice to split it.
pub const MAX_ROWS: usize = 10_000;

/// The most columns read: the widest sheet an export writes has 22.
pub const MAX_COLUMNS: usize = 64;
