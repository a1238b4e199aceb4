//! Online backup and restore (SQLite): a backup taken while the registry serves, restored while
//! it serves, answers the officials' questions exactly as the registry did when it was taken.

use rocket::http::Status;
use serde_json::{json, Value};

use phoihop::models::enums::Role;
use phoihop::progress::Silent;
use rocket::http::Method;

use crate::server::{phoihop, Server};
use crate::support::{enc, make_token, TestApp, TestDb};

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
    let trail = app.get("/api/v1/audit?limit=1").total();
    phoihop(&url, &["restore", file]);
    assert_eq!(answers(&app), before);
    // The audit trail is history: it keeps what happened since the backup, and the restore.
    assert_eq!(app.get("/api/v1/audit?limit=1").total(), trail + 1);
    assert_eq!(app.post("/api/v1/localities", json!({"name": "Đà Nẵng", "level": "province"})).status, Status::Created);

    let again = phoihop::backup::backup(&url, std::path::Path::new(file), &mut Silent).unwrap_err();
    assert!(again.0.contains("exists already"), "{again}");
    let junk = dir.path().join("not-a-backup.db");
    std::fs::write(&junk, "kế hoạch phối hợp").unwrap();
    let refused = phoihop::backup::restore(&url, &junk, &mut Silent).unwrap_err();
    assert!(refused.0.contains("not a SQLite database") || refused.0.contains("damaged"), "{refused}");
    let postgres = phoihop::backup::backup("postgres://db/phoihop", &junk, &mut Silent).unwrap_err();
    assert!(postgres.0.contains("pg_dump"), "{postgres}");
    assert_eq!(app.count("localities"), before[6]["total"].as_i64().unwrap() + 1, "refused restores changed nothing");
}

#[test]
fn a_restore_keeps_tokens_and_the_trail_and_hands_out_no_id_twice() {
    let (db, url) = TestDb::sqlite();
    let app = TestApp::on(db, phoihop::Config::new(url.clone()));
    app.load_demo();
    let early = make_token(&url, "cán bộ cũ", Role::Viewer, None);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("before.db");
    phoihop(&url, &["backup", file.to_str().unwrap()]);

    // After the backup: a token revoked; a locality, a token limited to it and records made in it,
    // one of them with a retry key, and one deleted.
    phoihop(&url, &["token", "revoke", "--name", "cán bộ cũ"]);
    let place = app.locality("TP. Đà Nẵng", "province", None);
    let scoped = make_token(&url, "cán bộ Đà Nẵng", Role::Editor, Some(place));
    let farmers = app.org("Hội Nông dân TP. Đà Nẵng", "farmers_union", Some(place));
    let body = json!({"name": "Hội Cựu chiến binh TP. Đà Nẵng", "kind": "veterans_association", "locality_id": place});
    let keyed =
        app.req(Method::Post, "/api/v1/organizations").header("Idempotency-Key", "k-1").json(body.clone()).send();
    assert_eq!(keyed.status, Status::Created);
    let gone = app.org("Hội Chữ thập đỏ TP. Đà Nẵng", "red_cross", Some(place));
    assert_eq!(app.delete(&format!("/api/v1/organizations/{gone}")).status, Status::NoContent);
    let trail = app.get("/api/v1/audit?limit=1").total();

    let said = phoihop(&url, &["restore", file.to_str().unwrap()]);
    assert!(said.contains(&format!("[{place}]")), "the kept locality is named: {said}");

    // Tokens are history: the revoked one stays revoked, the new one keeps working in its locality.
    assert_eq!(app.req(Method::Get, "/api/v1/localities").token(Some(&early)).send().status, Status::Unauthorized);
    assert_eq!(app.req(Method::Get, "/api/v1/localities").token(Some(&scoped)).send().status, Status::Ok);
    assert_eq!(app.get(&format!("/api/v1/localities/{place}")).status, Status::Ok, "kept for the token's scope");
    // The registry is the backup's.
    assert_eq!(app.get(&format!("/api/v1/organizations/{farmers}")).status, Status::NotFound);
    // The trail keeps everything since the backup, and says that a restore happened.
    let newest = app.get("/api/v1/audit?limit=1");
    assert_eq!(newest.total(), trail + 1);
    let entry = &newest.body["items"][0];
    assert_eq!((entry["action"].as_str(), entry["record_type"].as_str()), (Some("restore"), Some("registry")));
    assert_eq!(app.get("/api/v1/audit?token=admin&record_type=organization").total(), 4, "{}", newest.body);

    // No id is handed out twice, and a retry is not answered with a record that is gone.
    let next = app.org("Hội LHPN TP. Đà Nẵng", "womens_union", Some(place));
    assert!(next > gone && gone > keyed.id() && keyed.id() > farmers, "{next} after {gone}");
    let retried = app.req(Method::Post, "/api/v1/organizations").header("Idempotency-Key", "k-1").json(body).send();
    assert_eq!((retried.status, retried.replayed), (Status::Created, false), "{}", retried.body);
    assert!(retried.id() > next);
    let deleted = app.get("/api/v1/deleted");
    assert!(deleted.body["items"].as_array().unwrap().iter().all(|d| d["record_id"] != gone), "{}", deleted.body);
}

#[test]
fn writes_during_a_restore_wait_or_are_refused_and_none_acknowledged_is_lost() {
    let (db, url) = TestDb::sqlite();
    let app = TestApp::on(db, phoihop::Config::new(url.clone()));
    app.load_demo();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("before.db");
    phoihop(&url, &["backup", file.to_str().unwrap()]);
    let server = Server::start(&url);
    let admin = app.admin.clone();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let acknowledged: Vec<i64> = std::thread::scope(|s| {
        let writer = s.spawn(|| {
            let mut made = Vec::new();
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                i += 1;
                let body = json!({"name": format!("Hội viên {i}"), "kind": "other"});
                let r = server.call("POST", "/api/v1/organizations", Some(&admin), Some(&body), &[]).unwrap();
                match r.status {
                    201 => made.push(r.body["id"].as_i64().unwrap()),
                    503 => {}
                    other => panic!("a write during a restore answered {other}: {}", r.body),
                }
            }
            made
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        phoihop(&url, &["restore", file.to_str().unwrap()]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        writer.join().unwrap()
    });
    // Each acknowledged write either came before the restore (and was replaced, as a restore
    // means: its audit entry stays) or after it, and then it is there.
    let trail = app.get("/api/v1/audit?limit=500").body;
    let entries = trail["items"].as_array().unwrap();
    let restore_at = entries.iter().find(|e| e["action"] == "restore").expect("the restore is audited")["id"].clone();
    let after: Vec<i64> = entries
        .iter()
        .filter(|e| e["record_type"] == "organization" && e["id"].as_i64() > restore_at.as_i64())
        .map(|e| e["record_id"].as_i64().unwrap())
        .collect();
    assert!(!acknowledged.is_empty() && !after.is_empty(), "writes ran on both sides of the restore");
    for id in acknowledged {
        let audited_after = after.contains(&id);
        let present = app.get(&format!("/api/v1/organizations/{id}")).status == Status::Ok;
        assert_eq!(present, audited_after, "organization {id}");
    }
}
