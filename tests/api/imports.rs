//! Imports through the API: a province's spreadsheet of 500 agreements made the way offices make
//! them, with planted errors each reported at its row; all or nothing; idempotent; and an
//! export of the demo read back into a registry holding only the same localities.

use rocket::http::Status;
use serde_json::{json, Value};

use crate::import_sheet::{
    province_rows, workbook, Cell, DUPLICATE, END_BEFORE_START, HEADERS, MATCHES_NONE, MATCHES_SEVERAL, MISSING_TITLE,
    NO_SUCH_DATE,
};
use crate::support::TestApp;

/// Two clubs of Quận 11 that go by the same short name.
fn two_clubs(app: &TestApp) {
    for name in ["Câu lạc bộ Hữu nghị Việt - Nhật quận 11", "Câu lạc bộ Hữu nghị Việt - Hàn quận 11"]
    {
        let made = app.post(
            "/api/v1/organizations",
            json!({"name": name, "short_name": "CLB Hữu nghị", "kind": "other", "locality_id": 3}),
        );
        assert_eq!(made.status, Status::Created, "{}", made.body);
    }
}

fn errors_at(report: &Value, row: u32) -> Vec<(String, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["row"] == row)
        .map(|e| (e["column"].as_str().unwrap_or_default().to_string(), e["message"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn a_province_sheet_of_500_agreements_reports_every_planted_error_then_imports_whole_once() {
    let app = TestApp::with_demo();
    two_clubs(&app);
    let before = app.counts();
    let planted = workbook(&HEADERS, &province_rows(true));

    let dry = app.upload("/api/v1/imports?resource=agreements&dry_run=true", planted.clone(), None);
    assert_eq!(dry.status, Status::Ok, "{}", dry.body);
    let report = &dry.body;
    assert_eq!(report["rows"], 500);
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["committed"], false);
    assert_eq!(errors_at(report, MISSING_TITLE), vec![("Tên văn bản phối hợp".into(), "Bắt buộc phải có.".into())]);
    let order = errors_at(report, END_BEFORE_START);
    assert_eq!(order.len(), 1, "{order:?}");
    assert_eq!(order[0].0, "Đến năm");
    let none = errors_at(report, MATCHES_NONE);
    assert_eq!(none[0].0, "Các bên ký kết");
    assert!(none[0].1.contains("Hội Sinh viên Kim Cương"), "{none:?}");
    let several = errors_at(report, MATCHES_SEVERAL);
    assert_eq!(several[0].0, "Các bên ký kết");
    assert!(several[0].1.contains("Việt - Nhật") && several[0].1.contains("Việt - Hàn"), "{several:?}");
    assert_eq!(
        errors_at(report, DUPLICATE),
        vec![(String::new(), format!("Dòng này trùng với dòng {}.", DUPLICATE - 1))]
    );
    let date = errors_at(report, NO_SUCH_DATE);
    assert_eq!(date[0].0, "Ngày ký", "{date:?}");
    let planted_rows = [MISSING_TITLE, END_BEFORE_START, MATCHES_NONE, MATCHES_SEVERAL, DUPLICATE, NO_SUCH_DATE];
    let rows_in_error: std::collections::BTreeSet<u64> =
        report["errors"].as_array().unwrap().iter().map(|e| e["row"].as_u64().unwrap()).collect();
    assert_eq!(rows_in_error, planted_rows.iter().map(|r| u64::from(*r)).collect(), "only the planted rows are wrong");
    assert_eq!(report["created"].as_array().unwrap().len(), 494);
    assert!(report["created"][0]["id"].is_null(), "a dry run hands out no ids");
    assert_eq!(app.counts(), before, "a dry run writes nothing");

    let refused = app.upload("/api/v1/imports?resource=agreements", planted, None);
    assert_eq!(refused.status, Status::UnprocessableEntity, "{}", refused.body);
    assert_eq!(refused.body["errors"], report["errors"]);
    assert_eq!(app.counts(), before, "a file with errors writes nothing");

    let fixed = workbook(&HEADERS, &province_rows(false));
    let done = app.upload("/api/v1/imports?resource=agreements", fixed.clone(), None);
    assert_eq!(done.status, Status::Ok, "{}", done.body);
    assert_eq!(done.body["committed"], true);
    assert_eq!(done.body["created"].as_array().unwrap().len(), 500);
    let after = app.counts();
    assert_eq!(after[4], before[4] + 500, "500 agreements more");
    let first = done.body["created"][1]["id"].as_i64().unwrap();
    let a = app.get(&format!("/api/v1/agreements/{first}")).body;
    assert_eq!(a["title"], "Kế hoạch phối hợp số 1/KH-MTTQ về công tác đối ngoại nhân dân");
    assert_eq!(a["signed_on"], "2018-02-02", "a date cell");
    assert_eq!(a["locality_id"], 3);
    let parties: Vec<(i64, &str)> = a["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["organization_id"].as_i64().unwrap(), p["role"].as_str().unwrap()))
        .collect();
    assert_eq!(parties, vec![(13, "lead"), (16, "signatory"), (14, "signatory"), (17, "signatory")]);
    let zeroth = app.get(&format!("/api/v1/agreements/{}", done.body["created"][0]["id"])).body;
    assert_eq!(zeroth["signed_on"], "2017-01-01", "a date typed as dd/mm/yyyy");
    assert_eq!(zeroth["kind"], "coordination_program");
    assert_eq!(zeroth["directives"][0]["directive_id"], 4);
    let audit = app.get(&format!("/api/v1/audit?record_type=agreement&record_id={first}")).body;
    assert_eq!(audit["items"][0]["action"], "create", "each record is audited as the importer");

    let again = app.upload("/api/v1/imports?resource=agreements", fixed, None);
    assert_eq!(again.status, Status::Ok, "{}", again.body);
    assert_eq!(again.body["created"].as_array().unwrap().len(), 0);
    assert_eq!(again.body["unchanged"].as_array().unwrap().len(), 500);
    assert_eq!(app.counts(), after, "importing the same file again creates nothing");
}

/// An agreement as a person compares two registries: by names and words, not ids, with who
/// signed for each party (the workbook's second sheet). Its locality
/// only where a lead party gives it: signing events are not imported, and an agreement
/// without a lead takes its event's.
fn comparable(app: &TestApp, a: &Value) -> Value {
    let org = |id: &Value| app.get(&format!("/api/v1/organizations/{id}")).body["name"].clone();
    let led = a["parties"].as_array().unwrap().iter().any(|p| p["role"] == "lead");
    let locality = |id: &Value| {
        if id.is_null() || !led {
            Value::Null
        } else {
            app.get(&format!("/api/v1/localities/{id}")).body["name"].clone()
        }
    };
    let parties: Vec<Value> = a["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!([org(&p["organization_id"]), p["role"], p["signatory_name"], p["signatory_title"]]))
        .collect();
    let directives: Vec<Value> =
        a["directives"].as_array().unwrap().iter().map(|d| json!([d["symbol"], d["relation"]])).collect();
    json!({
        "title": a["title"], "kind": a["kind"], "topic": a["topic"], "period": a["period"],
        "signed_on": a["signed_on"], "status": a["status"], "locality": locality(&a["locality_id"]),
        "parties": parties, "directives": directives, "tasks": a["tasks"], "source_url": a["source_url"],
        "published_on": a["published_on"], "external_id": a["external_id"],
    })
}

fn all(app: &TestApp, resource: &str) -> Vec<Value> {
    app.get(&format!("/api/v1/{resource}?limit=500")).body["items"].as_array().unwrap().clone()
}

#[test]
fn an_export_of_the_demo_imports_into_a_registry_of_the_same_localities_as_the_same_records() {
    let demo = TestApp::with_demo();
    let other = TestApp::new();
    // The same localities, made through the API in the demo's order (each after its parent).
    let mut ids = std::collections::HashMap::new();
    let mut localities = all(&demo, "localities");
    let levels = ["central", "province", "district", "commune"];
    localities.sort_by_key(|l| (levels.iter().position(|v| *v == l["level"]), l["id"].as_i64()));
    for l in localities {
        let parent = l["parent_id"].as_i64().map(|p| ids[&p]);
        let made =
            other.post("/api/v1/localities", json!({"name": l["name"], "level": l["level"], "parent_id": parent}));
        assert_eq!(made.status, Status::Created, "{}", made.body);
        ids.insert(l["id"].as_i64().unwrap(), made.id());
    }
    for resource in ["organizations", "directives", "agreements"] {
        let (status, _, file) = demo.download(&format!("/api/v1/{resource}?format=xlsx"), &[]);
        assert_eq!(status, Status::Ok);
        let done = other.upload(&format!("/api/v1/imports?resource={resource}"), file, None);
        assert_eq!(done.status, Status::Ok, "{resource}: {}", done.body);
        assert_eq!(done.body["errors"], json!([]), "{resource}");
    }
    assert_eq!(other.counts()[1..3], demo.counts()[1..3], "the same organizations and directives");
    let key = |v: &Value| format!("{}|{}", v["title"], v["period"]);
    let mut theirs: Vec<Value> = all(&demo, "agreements").iter().map(|a| comparable(&demo, a)).collect();
    let mut ours: Vec<Value> = all(&other, "agreements").iter().map(|a| comparable(&other, a)).collect();
    theirs.sort_by_key(key);
    ours.sort_by_key(key);
    assert_eq!(ours, theirs);
    let orgs = |app: &TestApp| {
        let mut named: Vec<Value> = all(app, "organizations")
            .iter()
            .map(|o| json!([o["name"], o["short_name"], o["aliases"], o["kind"]]))
            .collect();
        named.sort_by_key(Value::to_string);
        named
    };
    assert_eq!(orgs(&other), orgs(&demo));
}

#[test]
fn files_that_cannot_be_imported_are_refused_naming_why_and_write_nothing() {
    let app = TestApp::with_demo();
    let before = app.counts();
    let refused = |path: &str, bytes: Vec<u8>, status: Status, field: &str| {
        let r = app.upload(path, bytes, None);
        r.assert_problem(status, field);
        r
    };
    let r =
        refused("/api/v1/imports?resource=agreements", b"%PDF-1.7 ...".to_vec(), Status::UnprocessableEntity, "file");
    assert!(r.message_of("file").contains("CSV hay XLSX"), "{}", r.body);
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("Tên,Loại\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    refused("/api/v1/imports?resource=organizations", utf16, Status::UnprocessableEntity, "file");
    let windows_1258 = b"T\xean t\xf4\xe3 ch\xfa\xe9c,Lo\xe3i\n".to_vec();
    refused("/api/v1/imports?resource=organizations", windows_1258, Status::UnprocessableEntity, "file");
    let mut long = String::from("Tên tổ chức,Loại\n");
    for i in 0..10_001 {
        long.push_str(&format!("Hội {i},Tổ chức khác\n"));
    }
    let r = refused("/api/v1/imports?resource=organizations", long.into_bytes(), Status::UnprocessableEntity, "file");
    assert!(r.message_of("file").contains("10000"), "{}", r.body);
    refused("/api/v1/imports?resource=people", b"a,b\n".to_vec(), Status::BadRequest, "resource");
    refused("/api/v1/imports", b"a,b\n".to_vec(), Status::BadRequest, "resource");
    refused("/api/v1/imports?resource=agreements&dry_run=maybe", b"a,b\n".to_vec(), Status::BadRequest, "dry_run");
    refused("/api/v1/imports?resource=agreements", Vec::new(), Status::UnprocessableEntity, "file");

    // A sheet without the columns an agreement needs, and one with a formula.
    let r =
        app.upload("/api/v1/imports?resource=agreements", "Tên văn bản phối hợp,Ghi chú\nKế hoạch,x\n".into(), None);
    assert_eq!(r.status, Status::UnprocessableEntity);
    let missing: Vec<&str> =
        r.body["errors"].as_array().unwrap().iter().map(|e| e["column"].as_str().unwrap()).collect();
    assert_eq!(missing, ["Loại", "Từ năm", "Đến năm", "Các bên ký kết"]);
    assert_eq!(r.body["ignored_columns"], json!(["Ghi chú"]));
    let formula = "Tên tổ chức;Loại;Địa bàn\n=HYPERLINK(\"x\");Hội Nông dân;quận 11\n'=Hội lạ;Tổ chức khác;quận 11\n";
    let r = app.upload("/api/v1/imports?resource=organizations&dry_run=true", formula.into(), None);
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    assert_eq!(errors_at(&r.body, 2)[0].0, "Tên tổ chức");
    assert_eq!(r.body["created"][0]["name"], "=Hội lạ", "the export's apostrophe comes off");

    let viewer = crate::support::make_token(&app.db_url, "viewer", phoihop::models::enums::Role::Viewer, None);
    let r = app.upload("/api/v1/imports?resource=organizations", formula.into(), Some(&viewer));
    r.assert_problem_status(Status::Forbidden);
    assert_eq!(app.counts(), before);
}

/// `phoihop import`: the same sheet from the command line, a line per stage off a terminal.
#[test]
fn the_command_line_imports_the_province_sheet_all_or_nothing() {
    let app = TestApp::with_demo();
    two_clubs(&app);
    let before = app.counts();
    let dir = std::env::temp_dir().join(format!("phoihop-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let import = |rows: Vec<Vec<Cell>>, extra: &[&str]| {
        let file = dir.join("tinh.xlsx");
        std::fs::write(&file, workbook(&HEADERS, &rows)).unwrap();
        std::process::Command::new(env!("CARGO_BIN_EXE_phoihop"))
            .args(["import", file.to_str().unwrap(), "--resource", "agreements", "--lang", "vi"])
            .args(extra)
            .env("DATABASE_URL", &app.db_url)
            .output()
            .unwrap()
    };
    let out = import(province_rows(true), &[]);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains(&format!("Dòng {MISSING_TITLE}, cột \u{201c}Tên văn bản phối hợp\u{201d}: Bắt buộc phải có.")),
        "{stdout}"
    );
    assert!(stdout.contains("Chưa ghi gì vào sổ đăng ký."), "{stdout}");
    assert!(stderr.contains("Kiểm tra và ghi từng dòng"), "a line per stage: {stderr}");
    assert_eq!(app.counts(), before);
    let out = import(province_rows(false), &["--dry-run"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(app.counts(), before, "a dry run writes nothing");
    let out = import(province_rows(false), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("500 tạo mới") && stdout.contains("Đã ghi vào sổ đăng ký."),
        "{stdout}"
    );
    assert_eq!(app.counts()[4], before[4] + 500);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn each_resource_has_a_template_that_imports_as_an_empty_file() {
    let app = TestApp::with_demo();
    for resource in ["organizations", "directives", "agreements"] {
        let (status, media, bytes) = app.download(&format!("/api/v1/imports/template?resource={resource}"), &[]);
        assert_eq!(status, Status::Ok);
        assert_eq!(media.as_deref(), Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        let done = app.upload(&format!("/api/v1/imports?resource={resource}&dry_run=true"), bytes, None);
        assert_eq!((done.status, &done.body["errors"], &done.body["rows"]), (Status::Ok, &json!([]), &json!(0)));
    }
    let (_, _, csv) =
        app.download("/api/v1/imports/template?resource=agreements&format=csv", &[("Accept-Language", "en")]);
    let header = String::from_utf8(csv).unwrap();
    assert!(header.starts_with("\u{feff}Id,Title,Kind,"), "{header}");
    let (_, _, json) = app.download("/api/v1/imports/template?resource=organizations&format=json", &[]);
    let columns: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(columns[1], json!({"key": "name", "header": "Tên tổ chức"}));
}

#[test]
fn organizations_are_read_with_their_kind_from_the_name_and_their_parent_by_name() {
    let app = TestApp::with_demo();
    let sheet = "Tên tổ chức,Tên viết tắt,Tên gọi khác,Địa bàn,Tổ chức cấp trên\n\
                 Hội Nông dân phường 5 quận 11,HND P5,\"Nong dan P5; Hội ND phường 5\",Quận 11,Hội Nông dân quận 11\n\
                 Hội Nông dân quận 11,,,quan 11,Hội Nông dân TP. Hồ Chí Minh\n\
                 Câu lạc bộ cờ tướng,,,Quận 11,\n";
    let done = app.upload("/api/v1/imports?resource=organizations", sheet.into(), None);
    assert_eq!(done.status, Status::UnprocessableEntity, "{}", done.body);
    assert_eq!(
        errors_at(&done.body, 4),
        vec![("Loại".to_string(), "Bắt buộc phải có.".to_string())],
        "no kind in the name"
    );
    let sheet = sheet.lines().take(3).collect::<Vec<_>>().join("\n");
    let done = app.upload("/api/v1/imports?resource=organizations", sheet.clone().into_bytes(), None);
    assert_eq!(done.status, Status::Ok, "{}", done.body);
    let made: Vec<i64> = done.body["created"].as_array().unwrap().iter().map(|l| l["id"].as_i64().unwrap()).collect();
    let (ward, district) = (
        app.get(&format!("/api/v1/organizations/{}", made[0])).body,
        app.get(&format!("/api/v1/organizations/{}", made[1])).body,
    );
    assert_eq!((ward["kind"].as_str(), ward["locality_id"].as_i64()), (Some("farmers_union"), Some(3)));
    assert_eq!(ward["parent_id"], district["id"], "a parent named on a later row is found on a second pass");
    assert_eq!(ward["aliases"], json!(["Nong dan P5", "Hội ND phường 5"]));
    assert_eq!(district["parent_id"], 8);
    let again = app.upload("/api/v1/imports?resource=organizations", sheet.clone().into_bytes(), None);
    assert_eq!(again.body["unchanged"].as_array().unwrap().len(), 2, "{}", again.body);
    let changed = sheet.replace("HND P5", "HND phường 5");
    let skipped = app.upload("/api/v1/imports?resource=organizations", changed.clone().into_bytes(), None);
    assert_eq!(skipped.body["differing"][0]["fields"], json!(["short_name"]));
    assert_eq!(app.get(&format!("/api/v1/organizations/{}", made[0])).body["short_name"], "HND P5", "left as it is");
    let updated = app.upload("/api/v1/imports?resource=organizations&on_match=update", changed.into_bytes(), None);
    assert_eq!(updated.status, Status::Ok, "{}", updated.body);
    let now = app.get(&format!("/api/v1/organizations/{}", made[0]));
    assert_eq!((now.body["short_name"].as_str(), now.etag.as_deref()), (Some("HND phường 5"), Some("\"2\"")));
}
