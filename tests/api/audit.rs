//! The audit trail: every change, by whom, when, before and after; filtered by record, token and
//! time; and never changed, through the API or behind its back.

use diesel::connection::SimpleConnection;
use rocket::http::{Method, Status};
use serde_json::json;

use phoihop::models::enums::Role;

use crate::support::{make_token, TestApp};

#[test]
fn every_change_is_recorded_with_who_when_before_and_after() {
    let app = TestApp::new();
    let city = app.locality("TP. Hồ Chí Minh", "province", None);
    let editor = make_token(&app.db_url, "cán bộ Mặt trận TP", Role::Editor, Some(city));
    let as_editor = |method: Method, path: &str| app.req(method, path).token(Some(&editor));

    let made = as_editor(Method::Post, "/api/v1/organizations")
        .json(json!({"name": "Hội Nông dân TP. Hồ Chí Minh", "kind": "farmers_union", "locality_id": city}))
        .send();
    assert_eq!(made.status, Status::Created, "{}", made.body);
    let path = format!("/api/v1/organizations/{}", made.id());
    let r = as_editor(Method::Patch, &path).if_match("\"1\"").json(json!({"short_name": "HND TP"})).send();
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    let r = as_editor(Method::Delete, &path).if_match("\"2\"").send();
    assert_eq!(r.status, Status::NoContent);

    let trail = app.get(&format!("/api/v1/audit?record_type=organization&record_id={}", made.id()));
    let entries = trail.body["items"].as_array().unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["delete", "update", "create"], "newest first");
    assert!(entries.iter().all(|e| e["actor"] == "cán bộ Mặt trận TP" && e["at"].as_str().unwrap().ends_with('Z')));
    let (delete, update, create) = (&entries[0], &entries[1], &entries[2]);
    assert_eq!(create["before"], json!(null));
    assert_eq!(create["after"]["name"], "Hội Nông dân TP. Hồ Chí Minh");
    assert_eq!(
        (update["before"]["short_name"].clone(), update["after"]["short_name"].clone()),
        (json!(null), json!("HND TP"))
    );
    assert_eq!(update["version"], 2);
    assert_eq!((delete["before"]["short_name"].clone(), delete["after"].clone()), (json!("HND TP"), json!(null)));

    // By token, and by time.
    let by_editor = app.get(&format!("/api/v1/audit?token={}", crate::support::enc("cán bộ Mặt trận TP")));
    assert_eq!(by_editor.total(), 3);
    assert_eq!(app.get("/api/v1/audit?token=admin").total(), 1, "the admin made the city");
    let at = create["at"].as_str().unwrap();
    assert_eq!(app.get(&format!("/api/v1/audit?record_type=organization&since={at}")).total(), 3);
    assert_eq!(app.get(&format!("/api/v1/audit?record_type=organization&until={at}")).total(), 0);
    assert_eq!(app.get("/api/v1/audit?since=2999-01-01").total(), 0);
    app.get("/api/v1/audit?since=yesterday").assert_problem(Status::BadRequest, "since");
    app.get("/api/v1/audit?record_type=party").assert_problem(Status::BadRequest, "record_type");

    // No route changes an entry.
    let first = entries[2]["id"].as_i64().unwrap();
    for method in [Method::Patch, Method::Put, Method::Delete] {
        let r = app.req(method, &format!("/api/v1/audit/{first}")).json(json!({})).send();
        assert_eq!(r.status, Status::NotFound, "{method}");
    }
    assert_eq!(app.get(&format!("/api/v1/audit?record_type=organization&record_id={}", made.id())).total(), 3);
}

#[test]
fn the_database_itself_refuses_to_change_the_trail() {
    let app = TestApp::new();
    app.locality("Hà Nội", "province", None);
    let mut conn = phoihop::db::connect(&phoihop::Config::new(app.db_url.clone())).unwrap().get().unwrap();
    for sql in ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"] {
        let refused = conn.batch_execute(sql).expect_err(sql);
        assert!(refused.to_string().contains("audit entries are never"), "{refused}");
    }
    assert_eq!(app.get("/api/v1/audit?token=admin").total(), 1);
}
