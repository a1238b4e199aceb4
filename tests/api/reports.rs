//! Reports and exports on the demo data, with the answers written out, and every file opened by
//! a real reader (the csv crate, calamine) and compared with the API's own answer.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, DataType, Reader, SheetType};
use rocket::http::Status;
use serde_json::{json, Value};

use crate::support::{enc, TestApp};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn names(list: &Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|o| o["name"].as_str().or(o["locality_name"].as_str()).unwrap()).collect()
}

/// The rows of a CSV export, after its byte-order mark.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark, for Excel");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("RFC 4180").iter().map(str::to_string).collect())
        .collect()
}

type Book = calamine::Sheets<Cursor<Vec<u8>>>;

fn workbook(bytes: Vec<u8>) -> Book {
    open_workbook_auto_from_rs(Cursor::new(bytes)).expect("a workbook calamine opens")
}

fn sheet(book: &mut Book, name: &str) -> Vec<Vec<Data>> {
    let range = book.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn the_gaps_of_tp_hcm_under_12_ct_tw_in_2025() {
    let app = TestApp::with_demo();
    let r = app.get("/api/v1/reports/gaps?locality=2&directive=12-CT/TW&year=2025");
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    // The city's seven member organizations all signed the 2024–2029 program (agreement 2)…
    assert_eq!(
        r.body["agreements"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect::<Vec<_>>(),
        [2]
    );
    let city = &r.body["localities"][0];
    assert_eq!(
        (city["locality_name"].as_str(), city["members"].as_u64(), city["members_signed"].as_u64()),
        (Some("TP. Hồ Chí Minh"), Some(7), Some(7))
    );
    assert_eq!(city["front_committee_signed"], true);
    // …so none of them is a gap; Quận 11's five are, their 2017–2019 plan having ended.
    assert_eq!(
        names(&r.body["gaps"]),
        [
            "Hội Liên hiệp Phụ nữ quận 11",
            "Đoàn Thanh niên quận 11",
            "Hội Cựu chiến binh quận 11",
            "Liên đoàn Lao động quận 11",
            "Hội Chữ thập đỏ quận 11"
        ]
    );
    assert!(r.body["gaps"].as_array().unwrap().iter().all(|o| o["locality_id"] == 3));
    assert_eq!(names(&r.body["localities_without"]), ["Quận 11"]);
    assert_eq!(r.body["localities_without"][0]["front_committee"]["name"], "Ủy ban Mặt trận Tổ quốc Việt Nam quận 11");
    // The directive as people write it, and the city alone (level=province): no gap.
    let written =
        app.get(&format!("/api/v1/reports/gaps?locality=2&directive={}&year=2025", enc("Chỉ thị số 12/CT-TW")));
    assert_eq!(written.body["gaps"], r.body["gaps"]);
    let city_only = app.get("/api/v1/reports/gaps?locality=2&directive=4&year=2025&level=province");
    assert_eq!(city_only.body["gaps"], json!([]));
    assert_eq!(city_only.body["localities_without"], json!([]));
    // In 2030 the program has ended: every member is a gap.
    let later = app.get("/api/v1/reports/gaps?locality=2&directive=4&year=2030");
    assert_eq!(later.body["gaps"].as_array().unwrap().len(), 12);
}

#[test]
fn coverage_is_a_matrix_of_organizations_by_agreements_in_force() {
    let app = TestApp::with_demo();
    let r = app.get("/api/v1/reports/coverage?locality=2&year=2025");
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    let columns: Vec<i64> =
        r.body["agreements"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(columns, [3, 2], "the two 2024–2029 agreements, newest first");
    let rows = r.body["organizations"].as_array().unwrap();
    assert_eq!(rows.len(), 11, "every organization of the city, those with none included");
    let row = |name: &str| rows.iter().find(|o| o["name"] == name).unwrap_or_else(|| panic!("{name}"));
    let front = row("Ủy ban Mặt trận Tổ quốc Việt Nam TP. Hồ Chí Minh");
    assert_eq!(front["count"], 2);
    assert_eq!(front["signed"], json!([{"agreement_id": 3, "role": "signatory"}, {"agreement_id": 2, "role": "lead"}]));
    assert_eq!(
        row("Hội Liên hiệp Phụ nữ TP. Hồ Chí Minh")["signed"],
        json!([{"agreement_id": 2, "role": "signatory"}])
    );
    assert_eq!(row("Ủy ban nhân dân TP. Hồ Chí Minh")["count"], 0);
    // With the localities inside, in 2018: Quận 11's six signed their plan; the city nothing yet.
    let inside = app.get("/api/v1/reports/coverage?locality=2&year=2018&inside=true");
    let signed: Vec<&str> = inside.body["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["count"] == 1)
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(signed.len(), 6, "{signed:?}");
    assert!(signed.iter().all(|n| n.ends_with("quận 11")));
    // Narrowed to a directive and a kind.
    let under = app.get("/api/v1/reports/coverage?locality=2&year=2025&directive=12-CT/TW&kind=action_program");
    assert_eq!(under.body["agreements"].as_array().unwrap().len(), 1);
}

#[test]
fn due_and_counts() {
    let app = TestApp::with_demo();
    let ending = app.get("/api/v1/reports/due?year=2025");
    let items: Vec<(String, String, i64)> = ending.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["event"].as_str().unwrap().into(),
                i["on"].as_str().unwrap().into(),
                i["agreement"]["id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(items, [("ends".into(), "2025-12-31".into(), 5), ("ends".into(), "2025-12-31".into(), 4)]);
    let starting = app.get("/api/v1/reports/due?year=2024&locality=2");
    let ids: Vec<i64> =
        starting.body["items"].as_array().unwrap().iter().map(|i| i["agreement"]["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [2, 3], "same day: by title");
    assert_eq!(starting.body["items"][0]["lead"], "Ủy ban Mặt trận Tổ quốc Việt Nam TP. Hồ Chí Minh");
    let counts = app.get("/api/v1/reports/counts");
    assert_eq!(counts.body["total"], 5);
    assert_eq!(counts.body["by_year"], json!([{"year": 2017, "count": 1}, {"year": null, "count": 4}]));
    assert_eq!(
        counts.body["by_province"],
        json!([
            {"locality_id": 2, "locality_name": "TP. Hồ Chí Minh", "count": 3},
            {"locality_id": 4, "locality_name": "TP. Cần Thơ", "count": 2},
        ])
    );
    let directive = |symbol: &str| {
        counts.body["by_directive"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["symbol"] == symbol)
            .map(|d| d["count"].clone())
    };
    assert_eq!(directive("12-CT/TW"), Some(json!(1)), "through 14-TT/TU, which implements it");
    // Every filter of /agreements: Cần Thơ's two.
    assert_eq!(app.get("/api/v1/reports/counts?locality=4").body["total"], 2);
}

#[test]
fn reports_refuse_what_they_cannot_read_naming_it() {
    let app = TestApp::with_demo();
    for (path, field) in [
        ("/api/v1/reports/gaps?locality=2", "directive"),
        ("/api/v1/reports/gaps?directive=4", "locality"),
        ("/api/v1/reports/gaps?locality=999&directive=4", "locality"),
        ("/api/v1/reports/gaps?locality=2&directive=999", "directive"),
        ("/api/v1/reports/gaps?locality=2&directive=77-CT/XYZ", "directive"),
        ("/api/v1/reports/gaps?locality=2&directive=4&level=town", "level"),
        ("/api/v1/reports/coverage?locality=2&inside=maybe", "inside"),
        ("/api/v1/reports/coverage?locality=2&year=20x5", "year"),
        ("/api/v1/reports/due?year=2025&within_days=30", "within_days"),
        ("/api/v1/reports/due?within_days=-1", "within_days"),
        ("/api/v1/reports/counts?active_in=soon", "active_in"),
        ("/api/v1/agreements?format=pdf", "format"),
        ("/api/v1/reports/gaps?locality=2&directive=4&format=docx", "format"),
    ] {
        let r = app.get(path);
        assert!(r.status.code >= 400 && r.status.code < 500, "{path}: {:?}", r.status);
        assert_eq!(r.error_fields(), [field], "{path}: {}", r.body);
    }
}

#[test]
fn the_agreements_export_is_the_whole_list_in_csv_xlsx_and_json() {
    let app = TestApp::with_demo();
    let api = app.get("/api/v1/agreements?limit=500");
    let items = api.body["items"].as_array().unwrap();
    let ids: Vec<String> = items.iter().map(|a| a["id"].to_string()).collect();
    // CSV: header, then one row per agreement in the list's order, the lead by name.
    let (status, media, bytes) = app.download("/api/v1/agreements?format=csv&limit=1", &[]);
    assert_eq!((status, media.as_deref()), (Status::Ok, Some("text/csv")));
    let rows = csv_rows(&bytes);
    assert_eq!(rows[0][..3], ["Mã", "Tên văn bản phối hợp", "Loại"]);
    assert_eq!(rows[1..].iter().map(|r| r[0].clone()).collect::<Vec<_>>(), ids, "every page, not the one asked");
    let plan = rows.iter().find(|r| r[0] == "1").unwrap();
    assert_eq!(plan[2], "Kế hoạch phối hợp");
    assert_eq!(plan[6], "2017-05-11");
    assert_eq!(plan[11], "Ủy ban Mặt trận Tổ quốc Việt Nam quận 11");
    assert_eq!(plan[13], "13; 14; 15; 16; 17; 18");
    // By Accept, and in English.
    let (_, _, english) = app.download("/api/v1/agreements", &[("Accept", "text/csv"), ("Accept-Language", "en")]);
    assert_eq!(csv_rows(&english)[0][..3], ["Id", "Title", "Kind"]);
    assert!(csv_rows(&english).iter().any(|r| r[0] == "1" && r[2] == "Coordination plan" && r[7] == "Expired"));
    // XLSX: the agreements and their parties on two sheets, dates as dates.
    let (status, media, bytes) = app.download("/api/v1/agreements?format=xlsx", &[]);
    assert_eq!((status, media.as_deref()), (Status::Ok, Some(XLSX)));
    let mut book = workbook(bytes);
    assert_eq!(book.sheet_names(), ["Văn bản phối hợp", "Các bên ký kết", "Thông tin"]);
    let agreements = sheet(&mut book, "Văn bản phối hợp");
    assert_eq!(agreements[1..].iter().map(|r| text(&r[0])).collect::<Vec<_>>(), ids);
    let plan = agreements.iter().find(|r| text(&r[0]) == "1").unwrap();
    assert_eq!(plan[6].as_date(), chrono::NaiveDate::from_ymd_opt(2017, 5, 11), "a date cell: {:?}", plan[6]);
    assert_eq!(text(&plan[1]), items.iter().find(|a| a["id"] == 1).unwrap()["title"].as_str().unwrap());
    let parties = sheet(&mut book, "Các bên ký kết");
    let all_parties: usize = items.iter().map(|a| a["parties"].as_array().unwrap().len()).sum();
    assert_eq!(parties.len() - 1, all_parties);
    assert!(parties.iter().any(|r| text(&r[3]) == "Hội Liên hiệp Phụ nữ quận 11" && text(&r[4]) == "Cùng ký"));
    // JSON: the API's own objects, all of them.
    let (_, media, bytes) = app.download("/api/v1/agreements?format=json&limit=2", &[]);
    assert_eq!(media.as_deref(), Some("application/json"));
    let all: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(all["items"].as_array().unwrap(), items, "the whole list, in the page's shape");
    assert_eq!((all["total"].as_u64(), all["offset"].as_u64()), (Some(items.len() as u64), Some(0)));
}

#[test]
fn every_list_exports_with_its_filter() {
    let app = TestApp::with_demo();
    for (path, first) in [
        ("/api/v1/organizations?format=csv&locality=3", "Mã"),
        ("/api/v1/directives?format=csv", "Mã"),
        ("/api/v1/localities?format=csv", "Mã"),
        ("/api/v1/signing-events?format=csv", "Mã"),
        ("/api/v1/organizations/16/agreements?format=csv", "Mã"),
        ("/api/v1/directives/4/agreements?format=csv", "Mã"),
    ] {
        let (status, _, bytes) = app.download(path, &[]);
        assert_eq!(status, Status::Ok, "{path}");
        let rows = csv_rows(&bytes);
        assert_eq!(rows[0][0], first, "{path}");
        let json_path = path.replace("format=csv", "format=json");
        let (_, _, json) = app.download(&json_path, &[]);
        let items: Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(rows.len() - 1, items["items"].as_array().unwrap().len(), "{path}");
    }
    let (_, _, q11) = app.download("/api/v1/organizations?format=csv&locality=3", &[]);
    let rows = csv_rows(&q11);
    assert_eq!(rows.len(), 7, "Quận 11's six organizations");
    let women = rows.iter().find(|r| r[1] == "Hội Liên hiệp Phụ nữ quận 11").unwrap();
    assert_eq!(
        (women[4].as_str(), women[6].as_str(), women[8].as_str()),
        ("Hội Liên hiệp Phụ nữ", "Quận 11", "Hội Liên hiệp Phụ nữ TP. Hồ Chí Minh")
    );
    let (_, _, tt14) = app.download("/api/v1/directives?format=csv&q=14", &[]);
    assert!(csv_rows(&tt14).iter().any(|r| r[1] == "14-TT/TU" && r[7] == "12-CT/TW"));
    let (status, _, _) = app.download("/api/v1/organizations/999/agreements?format=xlsx", &[]);
    assert_eq!(status, Status::NotFound);
}

#[test]
fn the_gap_report_as_xlsx_holds_its_tables_and_a_chart() {
    let app = TestApp::with_demo();
    let (status, _, bytes) =
        app.download("/api/v1/reports/gaps?locality=2&directive=12-CT/TW&year=2025&format=xlsx", &[]);
    assert_eq!(status, Status::Ok);
    let mut book = workbook(bytes);
    let kinds: Vec<(String, SheetType)> = book.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ)).collect();
    assert!(kinds.iter().any(|(_, t)| *t == SheetType::ChartSheet), "{kinds:?}");
    let gaps = sheet(&mut book, "Chưa ký");
    let names: Vec<String> = gaps[1..].iter().map(|r| text(&r[1])).collect();
    assert_eq!(names.len(), 5);
    assert!(names.iter().all(|n| n.ends_with("quận 11")));
    let places = sheet(&mut book, "Địa bàn");
    assert_eq!(places[1].iter().take(3).map(text).collect::<Vec<_>>(), ["TP. Hồ Chí Minh", "7", "0"]);
    assert_eq!(places[2].iter().take(3).map(text).collect::<Vec<_>>(), ["Quận 11", "0", "5"]);
    assert_eq!(text(&places[2][7]), "Chưa ký");
    // The same report as CSV: its first table.
    let (_, _, csv) = app.download("/api/v1/reports/gaps?locality=2&directive=4&year=2025&format=csv", &[]);
    assert_eq!(csv_rows(&csv).len(), 6);
}

#[test]
fn a_name_that_looks_like_a_formula_stays_text() {
    let app = TestApp::with_demo();
    let tricky = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)"];
    for name in tricky {
        let r = app.post("/api/v1/organizations", json!({"name": name, "kind": "other", "locality_id": 6}));
        assert_eq!(r.status, Status::Created, "{}", r.body);
    }
    let (_, _, csv) = app.download("/api/v1/organizations?format=csv&locality=6", &[]);
    let cells: Vec<String> = csv_rows(&csv).into_iter().map(|r| r[1].clone()).collect();
    for name in tricky {
        assert!(cells.contains(&format!("'{name}")), "{name} in {cells:?}");
    }
    let (_, _, xlsx) = app.download("/api/v1/organizations?format=xlsx&locality=6", &[]);
    let mut book = workbook(xlsx);
    let formulas = book.worksheet_formula("Tổ chức").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell is a formula");
    let written: Vec<String> = sheet(&mut book, "Tổ chức").iter().map(|r| text(&r[1])).collect();
    for name in tricky {
        assert!(written.contains(&name.to_string()), "{name} as text in {written:?}");
    }
}

#[test]
fn a_spreadsheet_program_opens_the_export_with_vietnamese_intact() {
    let app = TestApp::with_demo();
    let (_, _, bytes) = app.download("/api/v1/reports/gaps?locality=2&directive=12-CT/TW&year=2025&format=xlsx", &[]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gaps.xlsx"), bytes).unwrap();
    // LibreOffice (scripts/office-setup) converts the first sheet to CSV: UTF-8 (76), comma (44), quotes (34).
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.path().display());
    let converted = std::process::Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir"])
        .arg(dir.path())
        .arg(dir.path().join("gaps.xlsx"))
        .output()
        .expect("soffice runs: bash scripts/office-setup installs it");
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    let csv = std::fs::read(dir.path().join("gaps.csv")).expect("LibreOffice wrote the CSV");
    let mut with_mark = "\u{feff}".as_bytes().to_vec();
    with_mark.extend(csv);
    let rows = csv_rows(&with_mark);
    let api = app.get("/api/v1/reports/gaps?locality=2&directive=12-CT/TW&year=2025");
    assert_eq!(rows[0][..2], ["Mã tổ chức", "Tổ chức"]);
    let read: Vec<(String, String)> = rows[1..].iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    let expected: Vec<(String, String)> = api.body["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].to_string(), o["name"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(read, expected);
}
