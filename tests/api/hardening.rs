//! What a probe of the registry as an attacker or a careless client got through, each refused
//! now with a clear problem naming the field, writing nothing (docs/security.md, "What was tried").

use rocket::http::{Method, Status};
use serde_json::json;

use crate::support::{agreement_body, enc, TestApp};

#[test]
fn searches_that_the_database_cannot_take_are_refused_by_name() {
    let app = TestApp::new();
    let long = "a".repeat(50_000);
    for list in ["agreements", "organizations", "directives", "signing-events", "localities"] {
        app.get(&format!("/api/v1/{list}?q={long}")).assert_problem(Status::BadRequest, "q");
        app.get(&format!("/api/v1/{list}?q=%FF%FE")).assert_problem(Status::BadRequest, "q");
    }
    app.get("/api/v1/agreements?signed_from=%C0").assert_problem(Status::BadRequest, "signed_from");
    assert_eq!(app.get(&format!("/api/v1/agreements?q={}", "a".repeat(500))).status, Status::Ok);
}

#[test]
fn invisible_and_direction_characters_make_no_lookalike_names() {
    let app = TestApp::new();
    let q11 = app.org("Hội LHPN quận 11", "womens_union", None);
    let blank = app.post("/api/v1/organizations", json!({"name": "\u{200B}\u{FEFF}", "kind": "other"}));
    blank.assert_problem(Status::UnprocessableEntity, "name");
    let twin = app.post("/api/v1/organizations", json!({"name": "Hội LH\u{200B}PN quận\u{00AD} 11", "kind": "other"}));
    assert_eq!(twin.status, Status::Conflict, "{}", twin.body);
    assert!(twin.body["detail"].as_str().unwrap().contains(&q11.to_string()), "{}", twin.body);
    let reversed = app.post("/api/v1/organizations", json!({"name": "Hội \u{202E}11 nậuq", "kind": "other"}));
    reversed.assert_problem(Status::UnprocessableEntity, "name");
    app.get(&format!("/api/v1/organizations?q={}", enc("lhpn\u{202E}"))).assert_problem(Status::BadRequest, "q");
    assert_eq!(app.count("organizations"), 1);
}

#[test]
fn symbols_with_lookalike_letters_are_refused_and_the_real_one_stays_unique() {
    let app = TestApp::with_demo();
    let directives = app.count("directives");
    for symbol in ["12-СТ/ТW", "12-C\u{0301}T/TW", "12-ĆT/TW", "12-CT/ΤW"] {
        let r = app.post("/api/v1/directives", json!({"symbol": symbol, "issued_on": "2023-01-01"}));
        r.assert_problem(Status::UnprocessableEntity, "symbol");
    }
    assert_eq!(app.count("directives"), directives);
    let found = app.get(&format!("/api/v1/agreements?directive={}", enc("Chỉ thị số 12-CT/TW")));
    assert_eq!(found.status, Status::Ok, "{}", found.body);
    // Vietnamese letters that codes do use still read: Thông tri 11-TT/TƯ, 100/QĐ-UBND.
    for symbol in ["11-TT/TƯ", "100/QĐ-UBND"] {
        let r = app.post("/api/v1/directives", json!({"symbol": symbol, "issued_on": "2023-01-02"}));
        assert_eq!(r.status, Status::Created, "{symbol}: {}", r.body);
    }
}

#[test]
fn dates_are_plain_iso_within_the_registrys_years() {
    let app = TestApp::new();
    for date in ["0000-01-01", "-0001-01-01", "+2023-02-03", "2023-2-3", "1899-12-31", "2101-01-01", "2024-02-30"] {
        let r = app.post("/api/v1/signing-events", json!({"title": "Lễ ký kết", "held_on": date}));
        r.assert_problem(Status::UnprocessableEntity, "held_on");
        app.get(&format!("/api/v1/agreements?signed_from={}", enc(date)))
            .assert_problem(Status::BadRequest, "signed_from");
    }
    assert_eq!(app.count("signing-events"), 0);
    let r = app.post("/api/v1/signing-events", json!({"title": "Lễ ký kết", "held_on": "1945-09-02"}));
    assert_eq!(r.status, Status::Created, "{}", r.body);
}

#[test]
fn a_source_is_a_web_page() {
    let app = TestApp::new();
    let orgs =
        [app.org("Ủy ban MTTQ quận 11", "front_committee", None), app.org("Hội LHPN quận 11", "womens_union", None)];
    for url in ["javascript:alert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd", "https://"] {
        let r = app.post("/api/v1/agreements", agreement_body(&orgs, json!({"source_url": url})));
        r.assert_problem(Status::UnprocessableEntity, "source_url");
        let r = app.post("/api/v1/signing-events", json!({"title": "Lễ ký kết", "source_url": url}));
        r.assert_problem(Status::UnprocessableEntity, "source_url");
    }
    let ok = agreement_body(&orgs, json!({"source_url": "https://mattran.org.vn/tin/1.html"}));
    assert_eq!(app.post("/api/v1/agreements", ok).status, Status::Created);
}

#[test]
fn a_change_that_changes_nothing_is_no_change() {
    let app = TestApp::new();
    let org = app.org("Hội LHPN quận 11", "womens_union", None);
    let path = format!("/api/v1/organizations/{org}");
    let trail = || app.get(&format!("/api/v1/audit?record_type=organization&record_id={org}")).total();
    let before = trail();
    for body in [json!({}), json!({"name": "Hội LHPN  quận 11 "})] {
        let r = app.req(Method::Patch, &path).if_match("\"1\"").json(body).send();
        assert_eq!((r.status, r.etag.as_deref()), (Status::Ok, Some("\"1\"")), "{}", r.body);
    }
    assert_eq!(trail(), before, "no audit entry for no change");
    let r = app.req(Method::Patch, &path).if_match("\"1\"").json(json!({"short_name": "LHPN Q11"})).send();
    assert_eq!(r.etag.as_deref(), Some("\"2\""));
    assert_eq!(trail(), before + 1);
}

#[test]
fn headers_that_say_nothing_are_read_as_absent_and_bad_ones_are_named_as_headers() {
    let app = TestApp::new();
    let org = app.org("Hội LHPN quận 11", "womens_union", None);
    let path = format!("/api/v1/organizations/{org}");
    let r = app.req(Method::Patch, &path).header("If-Match", "").json(json!({"short_name": "x"})).send();
    r.assert_problem_status(Status::PreconditionRequired);
    let r = app
        .req(Method::Post, "/api/v1/organizations")
        .header("Idempotency-Key", "khóa-một")
        .json(json!({"name": "Hội Nông dân quận 11", "kind": "farmers_union"}))
        .send();
    r.assert_problem(Status::BadRequest, "Idempotency-Key");
    let detail = r.body["detail"].as_str().unwrap();
    assert!(detail.contains("Idempotency-Key") && !detail.contains("tham số truy vấn"), "{detail}");
    assert_eq!(app.count("organizations"), 1);
}

#[test]
fn answers_say_who_may_keep_them_and_name_no_framework() {
    let app = TestApp::new();
    let auth = rocket::http::Header::new("Authorization", format!("Bearer {}", app.admin));
    let made = app
        .client
        .post("/api/v1/tokens")
        .header(auth.clone())
        .header(rocket::http::ContentType::JSON)
        .body(json!({"name": "cán bộ", "role": "viewer"}).to_string())
        .dispatch();
    assert_eq!(made.status(), Status::Created);
    assert_eq!(made.headers().get_one("Cache-Control"), Some("no-store"), "the answer holds a secret");
    let read = app.client.get("/api/v1/localities").header(auth.clone()).dispatch();
    assert_eq!(read.headers().get_one("Cache-Control"), Some("private"));
    assert!(read.headers().get_one("Server").is_none(), "{:?}", read.headers().get_one("Server"));
    let refused = app.client.get("/api/v1/localities/999").header(auth).dispatch();
    assert_eq!(refused.headers().get_one("Vary"), Some("Accept-Language"), "the problem is localized");
    let docs = app.client.get("/docs/").dispatch();
    let policy = docs.headers().get_one("Content-Security-Policy").unwrap_or_default().to_string();
    assert!(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"), "{policy}");
}
