//! Tests of what only a SQLite file has: its permissions, its deletion under a running server.
//! `scripts/test` leaves this module out of the PostgreSQL half (`--skip sqlite_only::`), where
//! the same rules are shown by `postgres.rs` (a server that goes away) and start-up's check of a
//! read-only server.

use rocket::http::Status;
use serde_json::json;

use crate::support::TestApp;

fn ignites(config: phoihop::Config) -> Result<rocket::local::blocking::Client, String> {
    rocket::local::blocking::Client::tracked(phoihop::build(config)).map_err(|e| e.to_string())
}

#[test]
fn a_database_that_cannot_be_written_is_refused_at_start_or_served_read_only() {
    let app = TestApp::with_demo();
    let mut config = phoihop::Config::new(format!("file:{}?mode=ro", app.db_url));
    assert!(ignites(config.clone()).is_err(), "a read-only database is not served by default");
    config.read_only = true;
    let client = ignites(config).expect("served read-only when asked");
    assert_eq!(client.get("/api/v1/agreements/1").header(bearer(&app)).dispatch().status(), Status::Ok);
    let write = client
        .post("/api/v1/localities")
        .header(bearer(&app))
        .header(rocket::http::ContentType::JSON)
        .body(json!({"name": "Quận 12", "level": "district"}).to_string())
        .dispatch();
    assert_eq!(write.status(), Status::ServiceUnavailable);
    assert!(write.headers().get_one("Retry-After").is_some());
    assert!(write.into_string().unwrap().contains("PHOIHOP_READ_ONLY"));

    // A file whose permissions say read-only, which root could still write, is refused too.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&app.db_url, std::fs::Permissions::from_mode(0o444)).unwrap();
    assert!(ignites(phoihop::Config::new(app.db_url.clone())).is_err(), "a read-only file is not served by default");
    assert_eq!(app.get("/ready").status, Status::ServiceUnavailable, "the running server notices");
    std::fs::set_permissions(&app.db_url, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(app.get("/ready").status, Status::Ok);
}

fn bearer(app: &TestApp) -> rocket::http::Header<'static> {
    rocket::http::Header::new("Authorization", format!("Bearer {}", app.admin))
}

#[test]
fn a_database_file_deleted_under_the_server_takes_no_acknowledged_write() {
    let app = TestApp::new();
    assert_eq!(app.get("/ready").status, Status::Ok);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", app.db_url));
    }
    app.get("/ready").assert_problem_status(Status::ServiceUnavailable);
    for i in 0..3 {
        let r = app.post("/api/v1/localities", json!({"name": format!("Quận {i}"), "level": "district"}));
        r.assert_problem_status(Status::ServiceUnavailable);
    }
}
