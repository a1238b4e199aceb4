//! A file as a grid of values: CSV (UTF-8, comma or semicolon) or XLSX (its first sheet), the
//! header in row 1, each row with the number the spreadsheet gives it.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;

use super::{MAX_COLUMNS, MAX_ROWS};

/// One cell's value as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// A cell a spreadsheet keeps as a date.
    Date(NaiveDate),
}

/// A data row: its number in the spreadsheet (the header is row 1) and its values, one a header.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    pub values: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub headers: Vec<String>,
    /// The rows holding anything, in order; blank rows are left out.
    pub rows: Vec<Row>,
}

/// Why a file is not read at all.
#[derive(Debug, Clone, PartialEq)]
pub enum FileProblem {
    /// Neither CSV nor XLSX (an old .xls, a PDF, a picture).
    NotCsvOrXlsx,
    /// Text in another encoding than UTF-8 (Excel's "CSV" in a local code page, UTF-16).
    NotUtf8,
    /// No header row.
    NoHeader,
    /// More data rows than [`MAX_ROWS`].
    TooManyRows,
    /// A value further right than [`MAX_COLUMNS`].
    TooManyColumns,
    /// A workbook whose parts unpack to far more than any registry's sheet (a zip bomb).
    TooLargeUnpacked,
    /// A workbook or CSV that cannot be parsed: the reader's words.
    Unreadable(String),
}

/// The most a workbook's parts may unpack to, and how much more than its packed size one part
/// may unpack to: a sheet of 10,000 rows is a few megabytes of XML packed about ten to one,
/// while a zip bomb packs a thousand to one.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;
const MAX_RATIO: u64 = 200;

/// The grid of `bytes`, told apart by their first bytes: a workbook is a zip.
pub fn read(bytes: &[u8]) -> Result<Grid, FileProblem> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes);
    }
    // An old Excel workbook (.xls) or another binary file; UTF-16 text starts with its mark.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || bytes.starts_with(b"%PDF") || bytes.contains(&0) {
        return Err(if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            FileProblem::NotUtf8
        } else {
            FileProblem::NotCsvOrXlsx
        });
    }
    read_csv(bytes)
}

fn read_csv(bytes: &[u8]) -> Result<Grid, FileProblem> {
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Excel saves CSV with the list separator of its region: a semicolon where the comma is the
    // decimal mark, as in Vietnamese.
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = BTreeMap::new();
    // A spreadsheet saves a blank row as a line of separators, which is a record: a row's number
    // is its record's. (A wholly empty line, which no spreadsheet writes, is not counted.)
    for record in reader.records() {
        let record = record.map_err(|e| FileProblem::Unreadable(e.to_string()))?;
        let number = record.position().map_or(0, |p| p.record()) + 1;
        let number = u32::try_from(number).map_err(|_| FileProblem::TooManyRows)?;
        if record.len() > MAX_COLUMNS && record.iter().skip(MAX_COLUMNS).any(|v| !v.trim().is_empty()) {
            return Err(FileProblem::TooManyColumns);
        }
        let values: Vec<Value> = record.iter().take(MAX_COLUMNS).map(|v| Value::Text(v.to_string())).collect();
        if values.iter().all(is_blank) {
            continue;
        }
        if rows.len() > MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        rows.insert(number, values);
    }
    grid(rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<Grid, FileProblem> {
    read_sheet(bytes, 0, MAX_ROWS)?.ok_or(FileProblem::NoHeader)
}

/// The most rows of a workbook's second sheet, an export's parties (six or so an agreement).
const MAX_SECOND_ROWS: usize = 20 * MAX_ROWS;

/// A workbook's second sheet, when it has one with a header: an export's parties, with who
/// signed for each. None for a CSV.
pub fn second_sheet(bytes: &[u8]) -> Result<Option<Grid>, FileProblem> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(None);
    }
    match read_sheet(bytes, 1, MAX_SECOND_ROWS) {
        Err(FileProblem::NoHeader) => Ok(None),
        read => read,
    }
}

/// Sheet `index` of a workbook, at most `max_rows` rows; None when it has no such sheet.
fn read_sheet(bytes: &[u8], index: usize, max_rows: usize) -> Result<Option<Grid>, FileProblem> {
    check_unpacked(bytes)?;
    let unreadable = |e: calamine::XlsxError| FileProblem::Unreadable(e.to_string());
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let Some(name) = book.sheet_names().get(index).cloned() else { return Ok(None) };
    let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut rows: BTreeMap<u32, Vec<Value>> = BTreeMap::new();
    // Cells are read one at a time, so a sheet that declares a million rows or columns costs
    // only what it holds.
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        let value = value_of(cell.get_value());
        if is_blank(&value) {
            continue;
        }
        if column as usize >= MAX_COLUMNS {
            return Err(FileProblem::TooManyColumns);
        }
        let number = row + 1;
        if !rows.contains_key(&number) && rows.len() > max_rows {
            return Err(FileProblem::TooManyRows);
        }
        let values = rows.entry(number).or_default();
        if values.len() <= column as usize {
            values.resize(column as usize + 1, Value::Empty);
        }
        values[column as usize] = value;
    }
    grid(rows).map(Some)
}

/// Refuses a workbook whose parts say they unpack to more than a registry's sheet could be.
fn check_unpacked(bytes: &[u8]) -> Result<(), FileProblem> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| FileProblem::Unreadable(e.to_string()))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| FileProblem::Unreadable(e.to_string()))?;
        total = total.saturating_add(part.size());
        if total > MAX_UNPACKED || part.size() > part.compressed_size().max(1024).saturating_mul(MAX_RATIO) {
            return Err(FileProblem::TooLargeUnpacked);
        }
    }
    Ok(())
}

fn value_of(data: &DataRef<'_>) -> Value {
    match data {
        DataRef::Empty => Value::Empty,
        DataRef::Int(n) => Value::Number(*n as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text(s.to_string()),
        DataRef::Bool(b) => Value::Text(b.to_string()),
        DataRef::DateTime(d) => d.as_datetime().map_or(Value::Number(d.as_f64()), |t| Value::Date(t.date())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(s.clone()),
        // An error the spreadsheet shows (#N/A, #REF!) is read as the text it shows, so the row
        // is refused with that text named.
        DataRef::Error(e) => Value::Text(e.to_string()),
    }
}

/// Row 1 is the header; the rest, blank rows left out, are the data.
fn grid(mut rows: BTreeMap<u32, Vec<Value>>) -> Result<Grid, FileProblem> {
    let header = rows.remove(&1).ok_or(FileProblem::NoHeader)?;
    let headers: Vec<String> = header
        .iter()
        .map(|v| match v {
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
            Value::Empty => String::new(),
        })
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(FileProblem::NoHeader);
    }
    let rows = rows
        .into_iter()
        .filter(|(_, values)| !values.iter().all(is_blank))
        .map(|(number, values)| Row { number, values })
        .collect();
    Ok(Grid { headers, rows })
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Empty => true,
        Value::Text(t) => t.trim().is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    #[test]
    fn csv_with_its_mark_commas_or_semicolons_and_rows_as_numbered() {
        let file = "\u{feff}Tên văn bản phối hợp,Ngày ký\r\n\"Kế hoạch, 2024\",11/5/2017\r\n,\r\n\"Chương trình\nnhiều dòng\",1/2/2024\r\n";
        let grid = read(file.as_bytes()).unwrap();
        assert_eq!(grid.headers, ["Tên văn bản phối hợp", "Ngày ký"]);
        assert_eq!(grid.rows[0], Row { number: 2, values: vec![text("Kế hoạch, 2024"), text("11/5/2017")] });
        assert_eq!(grid.rows.len(), 2);
        assert_eq!(grid.rows[1].number, 4, "{grid:?}");
        assert_eq!(grid.rows[1].values[1], text("1/2/2024"));
        let semicolons = read("Tên;Loại\nHội LHPN;Hội Liên hiệp Phụ nữ\n".as_bytes()).unwrap();
        assert_eq!(semicolons.headers, ["Tên", "Loại"]);
    }

    #[test]
    fn a_workbook_is_read_cell_by_cell_with_its_dates() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        sheet.write_string(0, 0, "Tên").unwrap();
        sheet.write_string(0, 2, "Ngày ký").unwrap();
        sheet.write_string(2, 0, "Kế hoạch phối hợp").unwrap();
        sheet.write_number(2, 1, 2024).unwrap();
        let signed = rust_xlsxwriter::ExcelDateTime::from_ymd(2017, 5, 11).unwrap();
        sheet.write_datetime_with_format(2, 2, &signed, &date).unwrap();
        let grid = read(&book.save_to_buffer().unwrap()).unwrap();
        assert_eq!(grid.headers, ["Tên", "", "Ngày ký"]);
        let row = &grid.rows[0];
        assert_eq!(row.number, 3, "a blank row 2 keeps row 3 its number");
        assert_eq!(row.values[0], text("Kế hoạch phối hợp"));
        assert_eq!(row.values[1], Value::Number(2024.0));
        assert_eq!(row.values[2], Value::Date(NaiveDate::from_ymd_opt(2017, 5, 11).unwrap()));
    }

    #[test]
    fn what_is_not_a_sheet_or_too_large_is_refused_before_it_is_read() {
        assert_eq!(read(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]), Err(FileProblem::NotCsvOrXlsx));
        assert_eq!(read(&[0xFF, 0xFE, b'T', 0]), Err(FileProblem::NotUtf8));
        assert_eq!(read(b"T\xean,Lo\xe1i\n"), Err(FileProblem::NotUtf8), "Windows-1258 text");
        assert_eq!(read(b""), Err(FileProblem::NoHeader));
        assert!(matches!(read(b"PK\x03\x04 not a zip"), Err(FileProblem::Unreadable(_))));
        let many = format!("Tên\n{}", "Hội\n".repeat(MAX_ROWS + 1));
        assert_eq!(read(many.as_bytes()), Err(FileProblem::TooManyRows));
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Tên").unwrap();
        // One cell far out: a sheet's declared size costs nothing, a value out there is refused.
        sheet.write_string(5, 16_000, "x").unwrap();
        assert_eq!(read(&book.save_to_buffer().unwrap()), Err(FileProblem::TooManyColumns));
        // A part packed a thousand to one.
        let mut bomb = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        bomb.start_file("xl/sharedStrings.xml", deflated).unwrap();
        std::io::Write::write_all(&mut bomb, &vec![b' '; 8 << 20]).unwrap();
        let bomb = bomb.finish().unwrap().into_inner();
        assert!(bomb.len() < 100_000);
        assert_eq!(read(&bomb), Err(FileProblem::TooLargeUnpacked));
    }
}
