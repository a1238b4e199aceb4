//! Input that no form would send — huge, deep, repeated — is refused with problem+json naming
//! what is wrong, quickly, and writes nothing. Found by fuzzing the published contract.

use rocket::http::{Method, Status};
use serde_json::{json, Value};

use crate::support::{agreement_body, TestApp};

fn two_orgs(app: &TestApp) -> Vec<i64> {
    vec![app.org("Ủy ban MTTQ quận 11", "front_committee", None), app.org("Hội LHPN quận 11", "womens_union", None)]
}

#[test]
fn a_body_over_the_limit_is_refused_whole() {
    let app = TestApp::new();
    let orgs = two_orgs(&app);
    let huge_title = agreement_body(&orgs, json!({"title": "x".repeat(10 * 1024 * 1024)}));
    app.post("/api/v1/agreements", huge_title).assert_problem_status(Status::PayloadTooLarge);
    let parties: Vec<Value> = (0..100_000).map(|i| json!({"organization_id": i})).collect();
    let many = agreement_body(&orgs, json!({"parties": parties}));
    app.post("/api/v1/agreements", many).assert_problem_status(Status::PayloadTooLarge);
    assert_eq!(app.count("agreements"), 0);
}

#[test]
fn lists_and_texts_over_their_limits_are_named() {
    let app = TestApp::new();
    let orgs = two_orgs(&app);
    let parties: Vec<Value> = (0..1_000).map(|i| json!({"organization_id": i + 1})).collect();
    let r = app.post("/api/v1/agreements", agreement_body(&orgs, json!({"parties": parties})));
    r.assert_problem(Status::UnprocessableEntity, "parties");
    let r = app.post("/api/v1/agreements", agreement_body(&orgs, json!({"title": "đ".repeat(1_001)})));
    r.assert_problem(Status::UnprocessableEntity, "title");
    let r = app.post(
        "/api/v1/agreements",
        agreement_body(&orgs, json!({"parties": [{"organization_id": orgs[0], "colour": 1}]})),
    );
    r.assert_problem(Status::UnprocessableEntity, "parties[0].colour");
    assert_eq!(app.count("agreements"), 0);
}

#[test]
fn deep_nesting_is_not_json_we_read() {
    let app = TestApp::new();
    let deep = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    app.post_raw("/api/v1/localities", &deep).assert_problem_status(Status::BadRequest);
    let id = app.locality("Hà Nội", "province", None);
    let r = app.req(Method::Patch, &format!("/api/v1/localities/{id}")).if_match("\"1\"").raw(&deep).send();
    r.assert_problem_status(Status::BadRequest);
    let nested_object = format!("{}1{}", "{\"a\":".repeat(5_000), "}".repeat(5_000));
    app.post_raw("/api/v1/directives/extract", &nested_object).assert_problem_status(Status::BadRequest);
    assert_eq!(app.get(&format!("/api/v1/localities/{id}")).etag.as_deref(), Some("\"1\""));
}

#[test]
fn a_question_of_thousands_of_conditions_is_refused_not_run() {
    let app = TestApp::new();
    let signed_by: Vec<String> = (0..3_000).map(|i| format!("signed_by={i}")).collect();
    app.get(&format!("/api/v1/agreements?{}", signed_by.join("&"))).assert_problem(Status::BadRequest, "signed_by");
    let kinds = vec!["party_kind=womens_union"; 51].join("&");
    app.get(&format!("/api/v1/agreements?{kinds}")).assert_problem(Status::BadRequest, "party_kind");
    let words: Vec<String> = (0..1_500).map(|i| format!("w{i}")).collect();
    for list in ["agreements", "organizations", "localities", "directives", "signing-events"] {
        let r = app.get(&format!("/api/v1/{list}?q={}", words.join("%20")));
        r.assert_problem(Status::BadRequest, "q");
    }
    let title =
        "Kế hoạch phối hợp tiếp tục đổi mới và nâng cao hiệu quả công tác đối ngoại nhân dân trong tình hình mới";
    let r = app.get(&format!("/api/v1/agreements?q={}", crate::support::enc(title)));
    assert_eq!(r.status, Status::Ok, "a pasted title is a fine search: {}", r.body);
    let fifty = (0..50).map(|i| format!("signed_by={i}")).collect::<Vec<_>>().join("&");
    assert_eq!(app.get(&format!("/api/v1/agreements?{fifty}")).status, Status::Ok);
}

#[test]
fn control_characters_are_refused_where_they_stand() {
    let app = TestApp::new();
    let r = app.post("/api/v1/localities", json!({"name": "Hà\u{0}Nội", "level": "province"}));
    r.assert_problem(Status::UnprocessableEntity, "name");
    let orgs = two_orgs(&app);
    let body = agreement_body(
        &orgs,
        json!({"parties": [{"organization_id": orgs[0], "signatory_title": "TM.\u{1b}[31m"}, {"organization_id": orgs[1]}]}),
    );
    app.post("/api/v1/agreements", body).assert_problem(Status::UnprocessableEntity, "parties[0].signatory_title");
    app.get("/api/v1/organizations?q=h%00i").assert_problem(Status::BadRequest, "q");
    let r = app.post("/api/v1/directives/extract", json!({"text": "Chỉ thị 12-CT/TW\n\tvà Thông tri 14-TT/TU\r\n"}));
    assert_eq!(r.status, Status::Ok, "tabs and line ends are text: {}", r.body);
    assert_eq!(app.count("localities"), 0);
}

#[test]
fn an_oversized_text_to_extract_from_is_refused_as_documented() {
    let app = TestApp::new();
    // 100,000 characters that take 4 bytes each in UTF-8 and 12 as JSON escapes: over the body limit.
    let text: String = std::iter::repeat_n('\u{4c340}', 100_000).collect();
    let body = serde_json::to_string(&json!({ "text": text })).unwrap().replace('\u{4c340}', "\\ud8f0\\udf40");
    let r = app.post_raw("/api/v1/directives/extract", &body);
    r.assert_problem_status(Status::PayloadTooLarge);
    let doc = app.get("/api/v1/openapi.json").body;
    assert!(doc["paths"]["/api/v1/directives/extract"]["post"]["responses"]["413"].is_object());
}
