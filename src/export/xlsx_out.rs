//! XLSX as offices use it: one sheet a table with its header kept in view and filters on it,
//! widths set, dates as dates; a table longer than a sheet holds goes on to further sheets; a
//! chart sheet for a report's counts; and a last sheet saying what the file holds. Sheets are
//! written in rust_xlsxwriter's constant-memory mode: each row goes to a temporary file as it
//! is written, so the rows of a million agreements are never all in memory.

use std::io::Write;

use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, Workbook, XlsxError};

use super::table::{Cell, ChartOf, Sheet};
use crate::messages::Lang;

/// Rows a sheet holds, its header among them (Excel's limit).
pub const SHEET_ROWS: u32 = 1_048_576;
/// Characters a cell holds (Excel's limit); a longer text is cut there.
const CELL_CHARS: usize = 32_767;

/// One table, on one sheet or, past the limit, several.
struct Part {
    sheet: Sheet,
    /// The workbook's indexes of this table's sheets, in order.
    indexes: Vec<usize>,
    /// The next row to write on the last of them.
    row: u32,
}

pub struct XlsxOut {
    book: Workbook,
    parts: Vec<Part>,
    sheets: usize,
    rows_per_sheet: u32,
    header: Format,
    date: Format,
    lang: Lang,
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str, part: Option<usize>) -> String {
    let clean: String = name.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect();
    let suffix = part.map(|n| format!(" ({n})")).unwrap_or_default();
    let room = 31 - suffix.chars().count();
    format!("{}{suffix}", clean.chars().take(room).collect::<String>().trim_end())
}

impl XlsxOut {
    pub fn new(sheets: Vec<Sheet>, lang: Lang) -> Result<Self, XlsxError> {
        Self::with_rows_per_sheet(sheets, lang, SHEET_ROWS)
    }

    /// With sheets of `rows_per_sheet` rows: tests show the overflow without a million rows.
    pub fn with_rows_per_sheet(sheets: Vec<Sheet>, lang: Lang, rows_per_sheet: u32) -> Result<Self, XlsxError> {
        let mut out = XlsxOut {
            book: Workbook::new(),
            parts: Vec::new(),
            sheets: 0,
            rows_per_sheet: rows_per_sheet.clamp(2, SHEET_ROWS),
            header: Format::new().set_bold().set_background_color("#DDE7F0").set_text_wrap(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            lang,
        };
        // Deflate at level 1 writes the file about twice as fast as the default 6, for a file
        // about a fifth larger: an export is read once, over a local network.
        out.book.set_zip_compression_level(1);
        for sheet in sheets {
            out.parts.push(Part { sheet, indexes: Vec::new(), row: 0 });
            out.add_sheet(out.parts.len() - 1)?;
        }
        Ok(out)
    }

    /// A further sheet for table `part`, with its header; the first is renamed "… (1)" once a
    /// second is needed, so that every sheet's name says it is one of several.
    fn add_sheet(&mut self, part: usize) -> Result<(), XlsxError> {
        let n = self.parts[part].indexes.len();
        let name = &self.parts[part].sheet.name;
        let title = if n == 0 { sheet_name(name, None) } else { sheet_name(name, Some(n + 1)) };
        if n == 1 {
            let first = sheet_name(name, Some(1));
            self.book.worksheet_from_index(self.parts[part].indexes[0])?.set_name(first)?;
        }
        let sheet = self.book.add_worksheet_with_constant_memory()?;
        sheet.set_name(title)?;
        sheet.set_freeze_panes(1, 0)?;
        for (col, column) in self.parts[part].sheet.columns.iter().enumerate() {
            sheet.set_column_width(col as u16, column.width)?;
            sheet.write_string_with_format(0, col as u16, &column.title, &self.header)?;
        }
        self.parts[part].indexes.push(self.sheets);
        self.parts[part].row = 1;
        self.sheets += 1;
        Ok(())
    }

    /// A row of table `part`.
    pub fn row(&mut self, part: usize, cells: &[Cell]) -> Result<(), XlsxError> {
        if self.parts[part].row >= self.rows_per_sheet {
            self.add_sheet(part)?;
        }
        let (row, index) = (self.parts[part].row, *self.parts[part].indexes.last().unwrap_or(&0));
        let sheet = self.book.worksheet_from_index(index)?;
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(t) if t.chars().count() > CELL_CHARS => {
                    sheet.write_string(row, col, t.chars().take(CELL_CHARS).collect::<String>())?;
                }
                Cell::Text(t) => {
                    sheet.write_string(row, col, t.as_ref())?;
                }
                Cell::Int(n) => {
                    sheet.write_number(row, col, *n as f64)?;
                }
                Cell::Date(d) => {
                    use chrono::Datelike;
                    let when = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(row, col, &when, &self.date)?;
                }
            }
        }
        self.parts[part].row += 1;
        Ok(())
    }

    /// Filters on every sheet's header, a chart sheet for each of `charts`, the sheet saying
    /// what the file holds (`about`: label and value lines), and the file itself, to `out`.
    pub fn finish<W: Write + Send>(
        mut self,
        about: &[(String, String)],
        charts: &[ChartOf],
        out: W,
    ) -> Result<(), XlsxError> {
        let mut lines: Vec<(String, String)> = about.to_vec();
        for part in &self.parts {
            let columns = part.sheet.columns.len().max(1) as u16 - 1;
            let full = self.rows_per_sheet - 1;
            let count = part.indexes.len();
            for (n, index) in part.indexes.iter().enumerate() {
                let last = if n + 1 == count { part.row - 1 } else { full };
                let sheet = self.book.worksheet_from_index(*index)?;
                sheet.autofilter(0, 0, last.max(1), columns)?;
            }
            let rows = (count as u64 - 1) * u64::from(full) + u64::from(part.row - 1);
            let (vi, en) = if count > 1 {
                (format!("{rows} dòng, trên {count} trang tính"), format!("{rows} rows, on {count} sheets"))
            } else {
                (format!("{rows} dòng"), format!("{rows} rows"))
            };
            lines.push((part.sheet.name.clone(), if self.lang == Lang::Vi { vi } else { en }));
        }
        let about_name = if self.lang == Lang::Vi { "Thông tin" } else { "About" };
        let sheet = self.book.add_worksheet();
        sheet.set_name(about_name)?;
        sheet.set_column_width(0, 28)?.set_column_width(1, 80)?;
        for (row, (label, value)) in lines.iter().enumerate() {
            sheet.write_string_with_format(row as u32, 0, label, &self.header)?;
            sheet.write_string(row as u32, 1, value)?;
        }
        for wanted in charts {
            let Some(part) = self.parts.get(wanted.sheet) else { continue };
            let name = self.book.worksheet_from_index(part.indexes[0])?.name();
            let last = part.row.saturating_sub(1).max(1);
            let mut chart = Chart::new(ChartType::Bar);
            chart.title().set_name(&wanted.title);
            chart.legend().set_hidden();
            let (x, y) = (wanted.categories, wanted.values);
            chart.add_series().set_categories((name.as_str(), 1, x, last, x)).set_values((
                name.as_str(),
                1,
                y,
                last,
                y,
            ));
            let sheet = self.book.add_chartsheet();
            sheet.set_name(sheet_name(&wanted.title, None))?;
            sheet.insert_chart(0, 0, &chart)?;
        }
        self.book.save_to_writer(out)
    }
}

#[cfg(test)]
mod tests {
    use calamine::{open_workbook_auto_from_rs, Data, Reader};

    use super::*;
    use crate::export::table::Column;

    #[test]
    fn a_table_longer_than_a_sheet_goes_on_to_further_sheets_each_with_its_header() {
        let columns =
            vec![Column::new("id", ("Mã", "Id"), 8.0, Lang::Vi), Column::new("name", ("Tên", "Name"), 20.0, Lang::Vi)];
        let sheets = vec![Sheet { name: "Bên ký kết".into(), columns }];
        // Sheets of 4 rows: a header and 3 rows each, so 7 rows take three sheets.
        let mut book = XlsxOut::with_rows_per_sheet(sheets, Lang::Vi, 4).unwrap();
        for n in 1..=7 {
            book.row(0, &[Cell::Int(n), format!("Tổ chức {n}").into()]).unwrap();
        }
        let mut bytes = Vec::new();
        book.finish(&[], &[], &mut bytes).unwrap();
        let mut read = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(read.sheet_names(), ["Bên ký kết (1)", "Bên ký kết (2)", "Bên ký kết (3)", "Thông tin"]);
        let mut ids = Vec::new();
        for name in ["Bên ký kết (1)", "Bên ký kết (2)", "Bên ký kết (3)"] {
            let range = read.worksheet_range(name).unwrap();
            let rows: Vec<&[Data]> = range.rows().collect();
            assert_eq!(rows[0][0], Data::String("Mã".into()), "{name} starts with the header");
            ids.extend(rows[1..].iter().map(|r| r[0].to_string()));
        }
        assert_eq!(ids, ["1", "2", "3", "4", "5", "6", "7"]);
        let about = read.worksheet_range("Thông tin").unwrap();
        assert!(
            about.rows().any(|r| r[1] == Data::String("7 dòng, trên 3 trang tính".into())),
            "the About sheet says where the rows are"
        );
    }
}
