//! Online backup and restore (SQLite): a backup taken while the registry serves, restored while
//! it serves, answers the officials' questions exactly as the registry did when it was taken.

use rocket::http::Status;
use serde_json::{json, Value};

use crate::server::phoihop;
use crate::support::{enc, TestApp, TestDb};

fn answers(app: &TestApp) -> Vec<Value> {
    let twelve = app.get(&format!("/api/v1/directives/resolve?symbol={}", enc("12-CT/TW"))).ids()[0];
    [
        "/api/v1/agreements".to_string(),
        format!("/api/v1/agreements?q={}", enc("doi ngoai nhan dan")),
        format!("/api/v1/organizations?q={}", enc("hoi lhpn")),
        format!("/api/v1/directives/{twelve}/agreements"),
        format!("/api/v1/directives/{twelve}/tree"),
        "/api/v1/signing-events".to_string(),
        "/api/v1/localities?limit=500".to_string(),
        "/api/v1/audit?limit=500".to_string(),
        "/api/v1/deleted".to_string(),
    ]
    .iter()
    .map(|path| {
        let r = app.get(path);
        assert_eq!(r.status, Status::Ok, "{path}: {}", r.body);
        r.body
    })
    .collect()
}

#[test]
fn a_restored_backup_answers_the_same_questions() {
    let (db, url) = TestDb::sqlite();
    let app = TestApp::on(db, phoihop::Config::new(url.clone()));
    app.load_demo();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("phoihop-backup.db");
    let file = file.to_str().unwrap();
    let before = answers(&app);
    phoihop(&url, &["backup", file]);

    let agreement = app.get("/api/v1/agreements?limit=1").ids()[0];
    assert_eq!(app.delete(&format!("/api/v1/agreements/{agreement}")).status, Status::NoContent);
    app.org("Hội Nông dân quận 11", "farmers_union", None);
    assert_ne!(answers(&app), before);

    // The server keeps running (its pooled connections stay open) while the restore copies in.
    phoihop(&url, &["restore", file]);
    assert_eq!(answers(&app), before);
    assert_eq!(app.post("/api/v1/localities", json!({"name": "Đà Nẵng", "level": "province"})).status, Status::Created);

    let again = phoihop::db::backup::backup(&url, std::path::Path::new(file)).unwrap_err();
    assert!(again.0.contains("exists already"), "{again}");
    let junk = dir.path().join("not-a-backup.db");
    std::fs::write(&junk, "kế hoạch phối hợp").unwrap();
    let refused = phoihop::db::backup::restore(&url, &junk).unwrap_err();
    assert!(refused.0.contains("not a SQLite database") || refused.0.contains("damaged"), "{refused}");
    let postgres = phoihop::db::backup::backup("postgres://db/phoihop", &junk).unwrap_err();
    assert!(postgres.0.contains("pg_dump"), "{postgres}");
    assert_eq!(app.count("localities"), before[6]["total"].as_i64().unwrap() + 1, "refused restores changed nothing");
}
