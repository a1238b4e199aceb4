//! Exports: a list or a report, whole, as a file an office opens — CSV, XLSX or JSON.
//!
//! A face asks for one with `?format=` or `Accept`; the rows come from the same queries as the
//! list or report, a page at a time, and go out as they are written ([`stream`]), so a million
//! rows never sit in memory at once. Headers are in the reader's language, enumerations in words,
//! organizations and localities by name beside their id: the columns an import reads back.

pub mod columns;
pub mod csv_out;
pub mod lists;
pub mod reports;
pub mod stream;
pub mod table;
pub mod write;
pub mod xlsx_out;

use crate::error::{ApiError, ApiResult};
use crate::messages::Msg;

/// A file format an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
}

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl Format {
    pub const ALL: [Format; 3] = [Format::Csv, Format::Xlsx, Format::Json];

    pub fn key(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => XLSX_TYPE,
            Format::Json => "application/json",
        }
    }

    fn parse(value: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.key().eq_ignore_ascii_case(value.trim()))
    }

    /// The export asked for: `?format=` when given (400 naming `format` when it is none of
    /// ours), else a spreadsheet type preferred in `Accept`. JSON by `Accept` is the API's own
    /// paged answer, so a whole result as JSON is asked for by `?format=json` only.
    pub fn asked(format: Option<&str>, accept: Option<&str>) -> ApiResult<Option<Format>> {
        if let Some(value) = format {
            let allowed = Format::ALL.map(Format::key).join(", ");
            return Format::parse(value)
                .map(Some)
                .ok_or_else(|| ApiError::bad_param("format", Msg::UnknownValue(allowed)));
        }
        Ok(accept.and_then(|a| match a {
            "text/csv" => Some(Format::Csv),
            XLSX_TYPE => Some(Format::Xlsx),
            _ => None,
        }))
    }
}
