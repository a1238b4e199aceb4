//! No lost updates and safe retries: a change names the version it was based on (`If-Match`),
//! and a POST retried with its `Idempotency-Key` answers the first answer again without writing.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::support::{agreement_body, TestApp};

fn two_orgs(app: &TestApp) -> [i64; 2] {
    let city = app.locality("TP. Cần Thơ", "province", None);
    [
        app.org("Ủy ban MTTQ TP. Cần Thơ", "front_committee", Some(city)),
        app.org("Liên hiệp các tổ chức hữu nghị TP. Cần Thơ", "friendship_union", Some(city)),
    ]
}

#[test]
fn a_change_must_name_the_current_version() {
    let app = TestApp::new();
    let orgs = two_orgs(&app);
    let id = app.agreement_between(&orgs, json!({"title": "Quy chế phối hợp"}));
    let path = format!("/api/v1/agreements/{id}");
    let first = app.get(&path);
    assert_eq!(first.etag.as_deref(), Some("\"1\""));

    let r = app.req(Method::Patch, &path).json(json!({"topic": "đối ngoại"})).send();
    r.assert_problem_status(Status::PreconditionRequired);
    let r = app.req(Method::Delete, &path).send();
    r.assert_problem_status(Status::PreconditionRequired);

    let r = app.req(Method::Patch, &path).if_match("\"1\"").json(json!({"topic": "đối ngoại"})).send();
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    assert_eq!(r.etag.as_deref(), Some("\"2\""));
    assert_eq!(app.get(&path).etag.as_deref(), Some("\"2\""));

    // A second editor still holding version 1 is refused, told the current version, and nothing changes.
    let r = app.req(Method::Patch, &path).if_match("\"1\"").json(json!({"topic": "an sinh xã hội"})).send();
    r.assert_problem_status(Status::PreconditionFailed);
    assert_eq!(r.etag.as_deref(), Some("\"2\""));
    assert_eq!(app.get(&path).body["topic"], "đối ngoại");
    let r = app.req(Method::Delete, &path).if_match("\"1\"").send();
    r.assert_problem_status(Status::PreconditionFailed);
    // Weak tags never match (RFC 9110 §13.1.1); a list matches if any tag does; * matches any version.
    let r = app.req(Method::Patch, &path).if_match("W/\"2\"").json(json!({"topic": "x"})).send();
    r.assert_problem_status(Status::PreconditionFailed);
    let r = app.req(Method::Patch, &path).if_match("\"7\", \"2\"").json(json!({"topic": "y"})).send();
    assert_eq!(r.etag.as_deref(), Some("\"3\""), "{}", r.body);
    let r = app.req(Method::Patch, &path).if_match("*").json(json!({"topic": "z"})).send();
    assert_eq!(r.etag.as_deref(), Some("\"4\""), "{}", r.body);

    // A missing record is a 404 before any talk of versions.
    let r = app.req(Method::Patch, "/api/v1/agreements/999999").json(json!({"topic": "x"})).send();
    r.assert_problem_status(Status::NotFound);
    let r = app.req(Method::Delete, &path).if_match("\"4\"").send();
    assert_eq!(r.status, Status::NoContent);
}

#[test]
fn a_link_between_directives_is_a_change_to_the_implementing_one() {
    let app = TestApp::new();
    let top = app.directive(json!({"symbol": "12-CT/TW", "issued_on": "2022-01-05"}));
    let below = app.directive(json!({"symbol": "14-TT/TU"}));
    let path = format!("/api/v1/directives/{below}/implements/{top}");
    app.req(Method::Put, &path).send().assert_problem_status(Status::PreconditionRequired);
    let r = app.req(Method::Put, &path).if_match("\"1\"").send();
    assert_eq!((r.status, r.etag.as_deref()), (Status::Ok, Some("\"2\"")), "{}", r.body);
    app.req(Method::Delete, &path).if_match("\"1\"").send().assert_problem_status(Status::PreconditionFailed);
    let r = app.req(Method::Delete, &path).if_match("\"2\"").send();
    assert_eq!((r.status, r.etag.as_deref()), (Status::NoContent, Some("\"3\"")));
}

#[test]
fn a_retried_registration_is_stored_once() {
    let app = TestApp::new();
    let orgs = two_orgs(&app);
    let event = json!({
        "kind": "signing", "title": "Hội nghị ký kết quy chế phối hợp", "held_on": "2022-07-29",
        "agreements": [agreement_body(&orgs, json!({"title": "Quy chế phối hợp giai đoạn 2022-2025"}))],
    });
    let send = |body: &serde_json::Value, key: &str| {
        app.req(Method::Post, "/api/v1/signing-events").header("Idempotency-Key", key).json(body.clone()).send()
    };
    let first = send(&event, "b7c1a2e0-5f1d-4d7e-9a51-2f1c0c9e8a11");
    assert_eq!(first.status, Status::Created, "{}", first.body);
    assert!(!first.replayed);
    let audit = app.get("/api/v1/audit?limit=1").total();

    let again = send(&event, "b7c1a2e0-5f1d-4d7e-9a51-2f1c0c9e8a11");
    assert_eq!(again.status, Status::Created);
    assert!(again.replayed, "the retry is told it is a replay");
    assert_eq!(
        (again.body.clone(), again.location.clone(), again.etag.clone()),
        (first.body, first.location, first.etag)
    );
    assert_eq!(app.count("signing-events"), 1);
    assert_eq!(app.count("agreements"), 1);
    assert_eq!(app.get("/api/v1/audit?limit=1").total(), audit, "a replay writes nothing");

    // The same key for another request is a client error, not a silent replay.
    let mut other = event.clone();
    other["title"] = json!("Hội nghị khác");
    send(&other, "b7c1a2e0-5f1d-4d7e-9a51-2f1c0c9e8a11").assert_problem(Status::UnprocessableEntity, "Idempotency-Key");
    assert_eq!(app.count("signing-events"), 1);

    // Keys belong to their token: another token's same key is a new request.
    let editor = crate::support::make_token(&app.db_url, "editor", phoihop::models::enums::Role::Editor, None);
    let r = app
        .req(Method::Post, "/api/v1/signing-events")
        .token(Some(&editor))
        .header("Idempotency-Key", "b7c1a2e0-5f1d-4d7e-9a51-2f1c0c9e8a11")
        .json(other)
        .send();
    assert_eq!((r.status, r.replayed), (Status::Created, false), "{}", r.body);

    // A refused request keeps no key: corrected and retried under it, it is stored.
    let mut bad = event.clone();
    bad["held_on"] = json!("2022-13-01");
    send(&bad, "k-2").assert_problem(Status::UnprocessableEntity, "held_on");
    let r = send(&event, "k-2");
    assert_eq!((r.status, r.replayed), (Status::Created, false), "{}", r.body);

    send(&event, &"k".repeat(256)).assert_problem(Status::BadRequest, "Idempotency-Key");
    send(&event, "two words").assert_problem(Status::BadRequest, "Idempotency-Key");
}
