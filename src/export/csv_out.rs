//! CSV as Excel opens it: UTF-8 with a byte-order mark (without one, Excel reads Vietnamese as
//! its local code page), RFC 4180 quoting and CRLF line ends, and no cell that a spreadsheet
//! would run as a formula.

use std::io::Write;

use super::table::{Cell, Sheet};

pub struct CsvOut<W: Write> {
    out: csv::Writer<W>,
    /// A number's or a date's text, written without a string of its own.
    scratch: Vec<u8>,
}

/// A cell that would start a formula (`=`, `+`, `-`, `@`, and the tab or carriage return some
/// programs strip before looking) is written after an apostrophe, which spreadsheets show as
/// text (OWASP's advice on CSV injection). Numbers and dates are ours, never text, so a
/// negative number stays a number.
pub fn neutral(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

impl<W: Write> CsvOut<W> {
    /// Writes the byte-order mark and the header of `sheet`.
    pub fn new(mut out: W, sheet: &Sheet) -> std::io::Result<Self> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
        out.write_record(sheet.columns.iter().map(|c| neutral(&c.title).into_owned()))?;
        Ok(CsvOut { out, scratch: Vec::new() })
    }

    pub fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        for cell in cells {
            self.scratch.clear();
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    self.out.write_field(neutral(t).as_bytes())?;
                    continue;
                }
                Cell::Int(n) => write!(self.scratch, "{n}")?,
                Cell::Date(d) => write!(self.scratch, "{}", d.format("%Y-%m-%d"))?,
            }
            self.out.write_field(&self.scratch)?;
        }
        self.out.write_record(None::<&[u8]>)?;
        Ok(())
    }

    pub fn finish(self) -> std::io::Result<()> {
        let mut out = self.out.into_inner().map_err(|e| e.into_error())?;
        out.flush()
    }
}
