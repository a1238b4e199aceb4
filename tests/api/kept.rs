//! Answers kept in memory (src/api/cache.rs): a read answered from memory is never older than the
//! database, whoever changed it, and it is the same answer the database gives. On PostgreSQL
//! nothing is kept, and the same assertions show that its reads are never stale either.

use diesel::connection::SimpleConnection;
use rocket::http::{Method, Status};
use serde_json::json;

use crate::support::{agreement_body, make_token, TestApp};
use phoihop::auth::Actor;
use phoihop::models::enums::Role;
use phoihop::models::token;

/// Changes the database as another process would (the command line, a script): not through the
/// app, on either backend.
fn change_outside(app: &TestApp, sql: &str) {
    let pool = phoihop::db::connect(&phoihop::Config::new(app.db_url.clone())).expect("the database opens");
    pool.get().expect("a connection").batch_execute(sql).expect("the change is made");
}

#[test]
fn a_change_made_outside_the_server_is_answered_at_once() {
    let app = TestApp::new();
    let ward = app.locality("Phường Tân Định", "commune", None);
    let orgs = [
        app.org("Ủy ban MTTQ phường Tân Định", "front_committee", Some(ward)),
        app.org("Đoàn phường", "youth_union", Some(ward)),
    ];
    let made = app.post("/api/v1/agreements", agreement_body(&orgs, json!({"title": "Kế hoạch phối hợp số 1"})));
    let path = format!("/api/v1/agreements/{}", made.id());
    let list = "/api/v1/agreements?q=ke%20hoach";
    let (first, listed) = (app.get(&path), app.get(list));
    assert_eq!(app.get(&path).body, first.body, "the same question, the same answer");
    assert_eq!(app.get(list).body["total"], 1);

    change_outside(&app, &format!("UPDATE agreements SET title = 'Quy chế phối hợp' WHERE id = {}", made.id()));
    assert_eq!(app.get(&path).body["title"], "Quy chế phối hợp", "the very next read sees the change");
    assert_eq!(app.get(list).body["total"], 1, "{}", listed.body);
    change_outside(&app, "UPDATE agreements SET search_text = ' quy che phoi hop'");
    assert_eq!(app.get(list).body["total"], 0);
}

#[test]
fn a_change_through_the_api_is_answered_at_once() {
    let app = TestApp::new();
    let ward = app.locality("TP. Hồ Chí Minh", "province", None);
    let path = format!("/api/v1/localities?parent_id={ward}");
    assert_eq!(app.get(&path).body["total"], 0);
    app.locality("Phường Tân Định", "commune", Some(ward));
    assert_eq!(app.get(&path).body["total"], 1);
    let etag = app.etag(&format!("/api/v1/localities/{ward}"));
    let r = app
        .req(Method::Patch, &format!("/api/v1/localities/{ward}"))
        .if_match(&etag)
        .json(json!({"name": "Thành phố Hồ Chí Minh"}))
        .send();
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    assert_eq!(app.get(&format!("/api/v1/localities/{ward}")).body["name"], "Thành phố Hồ Chí Minh");
    assert_ne!(app.etag(&format!("/api/v1/localities/{ward}")), etag, "the kept ETag is the new version's");
}

#[test]
fn a_token_revoked_at_the_command_line_stops_working_at_once() {
    let app = TestApp::new();
    let secret = make_token(&app.db_url, "cán bộ", Role::Viewer, None);
    let read = || app.req(Method::Get, "/api/v1/localities").token(Some(&secret)).send();
    assert_eq!(read().status, Status::Ok);
    assert_eq!(read().status, Status::Ok, "its holder is now kept");
    let pool = phoihop::db::connect(&phoihop::Config::new(app.db_url.clone())).unwrap();
    let mut conn = pool.get().unwrap();
    let found = token::named(&mut conn, "cán bộ").unwrap().unwrap();
    phoihop::db::transaction(&mut conn, |c| token::revoke(c, &Actor::operator("tests"), found.id)).unwrap();
    read().assert_problem_status(Status::Unauthorized);
}

#[test]
fn a_refused_read_is_not_kept() {
    let app = TestApp::new();
    app.get("/api/v1/localities/999").assert_problem_status(Status::NotFound);
    let made = app.locality("Phường 999", "commune", None);
    assert_eq!(app.get(&format!("/api/v1/localities/{made}")).status, Status::Ok);
    app.get("/api/v1/localities?level=planet").assert_problem_status(Status::BadRequest);
    let en = app.get_in("/api/v1/localities/999", "en");
    assert!(
        en.body["detail"].as_str().unwrap().is_ascii(),
        "errors are made afresh, in the asker's language: {}",
        en.body
    );
}
