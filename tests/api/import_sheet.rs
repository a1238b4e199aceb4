//! A province's spreadsheet of 500 agreements as offices make them, with or without planted
//! errors: the import tests' (API, command line, page) one sheet.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

pub(crate) const HEADERS: [&str; 9] = [
    "Tên văn bản phối hợp",
    "Loại",
    "Từ năm",
    "Đến năm",
    "Ngày ký",
    "Địa bàn",
    "Đơn vị chủ trì",
    "Các bên ký kết",
    "Văn bản chỉ đạo",
];

/// A cell of the province's sheet: text as typed, or a date kept as a date.
pub(crate) enum Cell {
    Text(String),
    Date(NaiveDate),
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The errors planted in the province's sheet, by row.
pub(crate) const MISSING_TITLE: u32 = 11;
pub(crate) const END_BEFORE_START: u32 = 21;
pub(crate) const MATCHES_NONE: u32 = 31;
pub(crate) const MATCHES_SEVERAL: u32 = 41;
pub(crate) const DUPLICATE: u32 = 51;
pub(crate) const NO_SUCH_DATE: u32 = 61;

/// 500 agreements of TP. Hồ Chí Minh and Quận 11: kinds in words, organizations by their names
/// as offices write them (abbreviated, without diacritics), dates as text and as date cells.
pub(crate) fn province_rows(planted: bool) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for i in 0..500u32 {
        let row = i + 2;
        let city = i % 2 == 0;
        let start = 2017 + (i % 8) as i32;
        let title = format!("Kế hoạch phối hợp số {i}/KH-MTTQ về công tác đối ngoại nhân dân");
        let signed = NaiveDate::from_ymd_opt(start, 1 + i % 12, 1 + i % 28).unwrap();
        let (place, lead, parties) = if city {
            (
                "TP. Hồ Chí Minh",
                "UB.MTTQ thành phố",
                "Hội LHPN TP.HCM; Thanh doan TP. Ho Chi Minh; Liên đoàn Lao động TP. Hồ Chí Minh",
            )
        } else {
            ("quận 11", "UB.MTTQ quận 11", "Hội LHPN quận 11; Hoi Cuu chien binh quan 11; Đoàn Thanh niên quận 11")
        };
        let mut cells = vec![
            t(title),
            t(if i % 3 == 0 { "Chương trình phối hợp" } else { "Kế hoạch phối hợp" }),
            t(start.to_string()),
            t((start + 4).to_string()),
            if i % 2 == 0 { t(signed.format("%d/%m/%Y").to_string()) } else { Cell::Date(signed) },
            t(place),
            t(lead),
            t(parties),
            t(if i % 4 == 0 { "Chỉ thị 12-CT/TW" } else { "" }),
        ];
        if planted {
            match row {
                MISSING_TITLE => cells[0] = t(""),
                END_BEFORE_START => cells[3] = t((start - 2).to_string()),
                MATCHES_NONE => cells[7] = t("Hội LHPN quận 11; Hội Sinh viên Kim Cương"),
                MATCHES_SEVERAL => cells[7] = t("Hội LHPN quận 11; CLB Hữu nghị"),
                NO_SUCH_DATE => cells[4] = t("31/02/2024"),
                _ => {}
            }
            if row == DUPLICATE {
                let before: &Vec<Cell> = &rows[rows.len() - 1];
                cells = before
                    .iter()
                    .map(|c| match c {
                        Cell::Text(s) => t(s.clone()),
                        Cell::Date(d) => Cell::Date(*d),
                    })
                    .collect();
            }
        }
        rows.push(cells);
    }
    rows
}

pub(crate) fn workbook(headers: &[&str], rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) => {
                    sheet.write_string(r, c, s).unwrap();
                }
                Cell::Date(d) => {
                    let when = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap();
                    sheet.write_datetime_with_format(r, c, &when, &date).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}
