//! Errors are problem+json, in Vietnamese or English, and never a 500.

use rocket::http::Status;
use serde_json::json;

use crate::support::TestApp;

#[test]
fn a_body_that_is_not_json_is_400() {
    let app = TestApp::new();
    for body in ["{", "not json", "{\"name\": \"Quận 11\",}", ""] {
        let r = app.post_raw("/api/v1/localities", body);
        assert_eq!(r.status, Status::BadRequest, "{body:?}: {}", r.body);
        assert_eq!(r.content_type.as_deref(), Some("application/problem+json"));
        assert!(r.body["detail"].as_str().unwrap().contains("JSON"));
    }
    assert_eq!(app.count("localities"), 0);
}

#[test]
fn shape_errors_name_the_json_path() {
    let app = TestApp::new();
    let r = app.post("/api/v1/localities", json!({"name": 11, "level": "district"}));
    r.assert_problem(Status::UnprocessableEntity, "name");
    let r = app.post("/api/v1/localities", json!({"name": "Quận 11", "level": "ward"}));
    r.assert_problem(Status::UnprocessableEntity, "level");
    assert!(r.message_of("level").contains("commune"), "lists the allowed values: {}", r.body);
    let r = app.post("/api/v1/localities", json!(["Quận 11"]));
    assert_eq!(r.status, Status::UnprocessableEntity, "{}", r.body);
    let r = app.patch("/api/v1/localities/1", json!("x"));
    assert_eq!(r.status, Status::NotFound, "an unknown id before the body: {}", r.body);
    let id = app.locality("Quận 11", "district", None);
    let r = app.patch(&format!("/api/v1/localities/{id}"), json!("x"));
    assert_eq!(r.status, Status::UnprocessableEntity, "{}", r.body);
    let r = app.patch(&format!("/api/v1/localities/{id}"), json!({"name": null}));
    r.assert_problem(Status::UnprocessableEntity, "name");
}

#[test]
fn messages_follow_accept_language() {
    let app = TestApp::new();
    let vi = app.post("/api/v1/localities", json!({"name": " ", "level": "district"}));
    assert_eq!(vi.language.as_deref(), Some("vi"), "Vietnamese by default");
    assert_eq!(vi.message_of("name"), "Không được để trống.");
    let en = app.post_in("/api/v1/localities", json!({"name": " ", "level": "district"}), "en-US,en;q=0.9");
    assert_eq!(en.language.as_deref(), Some("en"));
    assert_eq!(en.message_of("name"), "Must not be empty.");
    assert_eq!(en.body["title"], "Invalid data");
    let missing = app.get_in("/api/v1/agreements/77", "en");
    assert_eq!(missing.body["detail"], "There is no agreement with id 77.");
    let vi_missing = app.get_in("/api/v1/agreements/77", "vi-VN");
    assert_eq!(vi_missing.body["detail"], "Không có văn bản phối hợp với mã 77.");
}

#[test]
fn unknown_paths_and_ids_are_404_problems() {
    let app = TestApp::new();
    for path in
        ["/api/v1/nothing", "/api/v1/agreements/abc", "/api/v1/agreements/99999999999999999999", "/api/v1/agreements/5"]
    {
        let r = app.get(path);
        assert_eq!(r.status, Status::NotFound, "{path}");
        assert_eq!(r.content_type.as_deref(), Some("application/problem+json"), "{path}");
    }
    assert_eq!(app.delete("/api/v1/organizations/5").status, Status::NotFound);
    assert_eq!(app.patch("/api/v1/signing-events/5", json!({})).status, Status::NotFound);
}

#[test]
fn an_oversized_body_is_413() {
    let app = TestApp::new();
    let huge = format!("{{\"name\": \"{}\", \"level\": \"district\"}}", "x".repeat(2 * 1024 * 1024));
    let r = app.post_raw("/api/v1/localities", &huge);
    assert_eq!(r.status, Status::PayloadTooLarge, "{}", r.body);
    assert_eq!(r.content_type.as_deref(), Some("application/problem+json"));
    let long = app.post("/api/v1/localities", json!({"name": "x".repeat(201), "level": "district"}));
    long.assert_problem(Status::UnprocessableEntity, "name");
}

#[test]
fn health_answers_without_the_database() {
    let app = TestApp::new();
    let r = app.get("/health");
    assert_eq!((r.status, r.body.as_str()), (Status::Ok, Some("ok")));
}
