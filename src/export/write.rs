//! Writing a table in the format asked: the one loop every export shares, whether its rows come
//! a page at a time (lists) or all at once (reports).

use std::io::Write;

use serde::Serialize;

use super::csv_out::CsvOut;
use super::table::{Cell, ChartOf, Sheet};
use super::xlsx_out::XlsxOut;
use super::Format;
use crate::error::{ApiError, ApiResult};
use crate::messages::Lang;

/// Where rows go: the first sheet's to a CSV, every sheet's to a workbook.
pub enum Sink<W: Write + Send> {
    Csv(Box<CsvOut<W>>),
    Xlsx(Box<XlsxOut>, W),
    /// JSON is written by the caller, from its own records (the API's objects), not rows.
    Json(W),
}

fn failed(e: impl std::fmt::Display) -> ApiError {
    tracing::warn!(error = %e, "export failed");
    ApiError::internal()
}

impl<W: Write + Send> Sink<W> {
    pub fn open(format: Format, sheets: Vec<Sheet>, lang: Lang, out: W) -> ApiResult<Self> {
        Ok(match format {
            Format::Csv => Sink::Csv(Box::new(CsvOut::new(out, &sheets[0]).map_err(failed)?)),
            Format::Xlsx => Sink::Xlsx(Box::new(XlsxOut::new(sheets, lang).map_err(failed)?), out),
            Format::Json => Sink::Json(out),
        })
    }

    /// Whether rows of sheet `sheet` are written (a CSV holds the first sheet only).
    pub fn holds(&self, sheet: usize) -> bool {
        match self {
            Sink::Csv(_) => sheet == 0,
            Sink::Xlsx(..) => true,
            Sink::Json(_) => false,
        }
    }

    /// A row of sheet `sheet`.
    pub fn row(&mut self, sheet: usize, cells: &[Cell]) -> ApiResult<()> {
        match self {
            Sink::Csv(csv) if sheet == 0 => csv.row(cells).map_err(failed),
            Sink::Xlsx(book, _) => book.row(sheet, cells).map_err(failed),
            _ => Ok(()),
        }
    }

    /// The JSON writer, when JSON was asked.
    pub fn json(&mut self) -> Option<&mut W> {
        match self {
            Sink::Json(out) => Some(out),
            _ => None,
        }
    }

    pub fn finish(self, about: &[(String, String)], charts: &[ChartOf]) -> ApiResult<()> {
        match self {
            Sink::Csv(csv) => csv.finish().map_err(failed),
            Sink::Xlsx(book, out) => book.finish(about, charts, out).map_err(failed),
            Sink::Json(mut out) => out.flush().map_err(failed),
        }
    }
}

/// A list, whole: `next` answers the following page of records (none when the list is done),
/// `rows` turns a page into rows of the sheets. As JSON, the records themselves, in the shape of
/// the list's page (`items`, then `total` and `limit` counting them all, `offset` 0), so that a
/// client reads the whole list as it reads a page.
pub fn pages<T, W, N, R>(mut sink: Sink<W>, about: &[(String, String)], mut next: N, mut rows: R) -> ApiResult<()>
where
    T: Serialize,
    W: Write + Send,
    N: FnMut() -> ApiResult<Vec<T>>,
    R: FnMut(&[T], &mut Sink<W>) -> ApiResult<()>,
{
    let mut written: u64 = 0;
    if let Some(out) = sink.json() {
        out.write_all(b"{\"items\":[").map_err(failed)?;
    }
    loop {
        let page = next()?;
        if page.is_empty() {
            break;
        }
        if let Some(out) = sink.json() {
            for item in &page {
                if written > 0 {
                    out.write_all(b",\n").map_err(failed)?;
                }
                written += 1;
                serde_json::to_writer(&mut *out, item).map_err(failed)?;
            }
        } else {
            rows(&page, &mut sink)?;
        }
    }
    if let Some(out) = sink.json() {
        let end = format!("],\"total\":{written},\"total_is_lower_bound\":false,\"limit\":{written},\"offset\":0}}\n");
        out.write_all(end.as_bytes()).map_err(failed)?;
    }
    sink.finish(about, &[])
}

/// A column of an import's template, as its JSON lists them.
#[derive(Serialize, utoipa::ToSchema)]
pub struct TemplateColumn {
    /// The API's field name, which an import reads too.
    pub key: String,
    /// The header in the reader's language.
    pub header: String,
}

/// A file of `sheet`'s columns and no rows, to fill in; as JSON, the columns.
pub fn template<W: Write + Send>(sheet: Sheet, format: Format, lang: Lang, out: W) -> ApiResult<()> {
    let columns: Vec<TemplateColumn> =
        sheet.columns.iter().map(|c| TemplateColumn { key: c.key.clone(), header: c.title.clone() }).collect();
    let mut sink = Sink::open(format, vec![sheet], lang, out)?;
    if let Some(out) = sink.json() {
        serde_json::to_writer(&mut *out, &columns).map_err(failed)?;
    }
    sink.finish(&[], &[])
}
