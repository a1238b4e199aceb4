use rocket::http::Status;
use serde_json::json;

use crate::support::{enc, TestApp};

#[test]
fn a_symbol_is_stored_as_written_and_as_parsed() {
    let app = TestApp::new();
    let r = app.post("/api/v1/directives", json!({"symbol": "Chỉ thị số 12-CT/TW", "issued_on": "2022-01-05"}));
    assert_eq!(r.status, Status::Created, "{}", r.body);
    assert_eq!(r.body["symbol"], "Chỉ thị số 12-CT/TW");
    assert_eq!(r.body["canonical_symbol"], "12-CT/TW");
    assert_eq!(r.body["number"], "12");
    assert_eq!(r.body["type_code"], "CT");
    assert_eq!(r.body["issuer_code"], "TW");
    assert_eq!(r.body["kind"], "directive", "read from the symbol");
    let state = app.post("/api/v1/directives", json!({"symbol": "2722/KH-UBND"}));
    assert_eq!(
        (state.body["canonical_symbol"].as_str(), state.body["kind"].as_str()),
        (Some("2722/KH-UBND"), Some("plan"))
    );
}

#[test]
fn read_update_delete() {
    let app = TestApp::new();
    let id = app.directive(json!({"symbol": "38-CT/TW"}));
    let r = app.patch(
        &format!("/api/v1/directives/{id}"),
        json!({"title": "Về Liên hiệp các tổ chức hữu nghị", "term": "XI"}),
    );
    assert_eq!(
        (r.body["title"].as_str(), r.body["term"].as_str()),
        (Some("Về Liên hiệp các tổ chức hữu nghị"), Some("XI"))
    );
    assert_eq!(app.get(&format!("/api/v1/directives/{id}")).body["canonical_symbol"], "38-CT/TW");
    assert_eq!(app.delete(&format!("/api/v1/directives/{id}")).status, Status::NoContent);
    assert_eq!(app.get(&format!("/api/v1/directives/{id}")).status, Status::NotFound);
}

#[test]
fn what_is_not_a_symbol_is_refused_with_a_reason() {
    let app = TestApp::new();
    for bad in
        ["", "   ", "Chỉ thị về đối ngoại", "12-CT/", "12/KH", "12-C1/TW", "12-CT/TW ngày 05/01/2022", "12-CT/TW\u{7}"]
    {
        let r = app.post("/api/v1/directives", json!({"symbol": bad}));
        r.assert_problem(Status::UnprocessableEntity, "symbol");
        assert!(!r.message_of("symbol").is_empty());
    }
    let r = app.post("/api/v1/directives", json!({"symbol": "1".repeat(201)}));
    r.assert_problem(Status::UnprocessableEntity, "symbol");
    assert_eq!(app.count("directives"), 0);
}

#[test]
fn the_same_symbol_of_another_term_is_another_document() {
    let app = TestApp::new();
    let now = app.directive(json!({"symbol": "12-CT/TW", "issued_on": "2022-01-05"}));
    let r = app.post("/api/v1/directives", json!({"symbol": "Chỉ thị 12-CT/TW", "issued_on": "2022-01-05"}));
    r.assert_problem(Status::Conflict, "symbol");
    let earlier = app.directive(json!({"symbol": "12-CT/TW", "issued_on": "2007-01-11", "term": "X"}));
    let found = app.get(&format!("/api/v1/directives/resolve?symbol={}", enc("12/CT-TW")));
    assert_eq!(found.ids(), vec![now, earlier], "newest first");
}

#[test]
fn resolve_reads_every_written_form() {
    let app = TestApp::new();
    let ct12 = app.directive(json!({"symbol": "12-CT/TW"}));
    let tt11 = app.directive(json!({"symbol": "Thông tri 11-TT/TW"}));
    let ctr = app.directive(json!({"symbol": "06/CTr-MTTQ-BTT"}));
    for (written, id) in [
        ("Chỉ thị số 12-CT/TW", ct12),
        ("12-CT/TW", ct12),
        ("12/CT-TW", ct12),
        ("012-ct/tw", ct12),
        ("Thông tri 11 –TT/TƯ", tt11),
        ("06/Ctr-MTTQ-BTT", ctr),
        ("Chương trình hành động số 06/CTr-MTTQ-BTT", ctr),
    ] {
        let r = app.get(&format!("/api/v1/directives/resolve?symbol={}", enc(written)));
        assert_eq!(r.ids(), vec![id], "{written}");
    }
    assert!(app.get("/api/v1/directives/resolve?symbol=99-CT%2FTW").ids().is_empty());
    let r = app.get("/api/v1/directives/resolve?symbol=abc");
    r.assert_problem(Status::UnprocessableEntity, "symbol");
}

#[test]
fn implements_links_form_a_graph_without_cycles() {
    let app = TestApp::new();
    let ct = app.directive(json!({"symbol": "12-CT/TW"}));
    let tt = app.directive(json!({"symbol": "14-TT/TU", "implements": [ct]}));
    let kh = app.directive(json!({"symbol": "100/KH-MTTQ-BTT", "implements": [tt]}));
    assert_eq!(app.get(&format!("/api/v1/directives/{ct}")).body["implemented_by"], json!([tt]));
    assert_eq!(app.get(&format!("/api/v1/directives/{tt}")).body["implements"], json!([ct]));

    let r = app.patch(&format!("/api/v1/directives/{ct}"), json!({"implements": [kh]}));
    r.assert_problem(Status::UnprocessableEntity, "implements[0]");
    let r = app.patch(&format!("/api/v1/directives/{ct}"), json!({"implements": [ct]}));
    r.assert_problem(Status::UnprocessableEntity, "implements[0]");
    let r = app.post("/api/v1/directives", json!({"symbol": "1-CT/TW", "implements": [ct, 999]}));
    r.assert_problem(Status::UnprocessableEntity, "implements[1]");
    assert!(app.get(&format!("/api/v1/directives/{ct}")).body["implements"].as_array().unwrap().is_empty());

    let r = app.delete(&format!("/api/v1/directives/{ct}"));
    r.assert_problem(Status::Conflict, "implemented_by");
    assert_eq!(app.delete(&format!("/api/v1/directives/{kh}")).status, Status::NoContent);
    assert!(app.get(&format!("/api/v1/directives/{tt}")).body["implemented_by"].as_array().unwrap().is_empty());
}

#[test]
fn the_agreements_under_a_directive_follow_the_chain() {
    let app = TestApp::new();
    let a = app.org("Ủy ban MTTQ TP. Hồ Chí Minh", "front_committee", None);
    let b = app.org("Thành đoàn TP. Hồ Chí Minh", "youth_union", None);
    let ct = app.directive(json!({"symbol": "12-CT/TW"}));
    let tt = app.directive(json!({"symbol": "14-TT/TU", "implements": [ct]}));
    let other = app.directive(json!({"symbol": "38-CT/TW"}));
    let direct = app.agreement_between(&[a, b], json!({"directives": [{"directive_id": ct}]}));
    let through = app.agreement_between(&[a, b], json!({"directives": [{"directive_id": tt}]}));
    app.agreement_between(&[a, b], json!({"directives": [{"directive_id": other}]}));

    let mut under = app.get(&format!("/api/v1/directives/{ct}/agreements")).ids();
    under.sort();
    assert_eq!(under, vec![direct, through]);
    assert_eq!(app.get(&format!("/api/v1/directives/{tt}/agreements")).ids(), vec![through]);
    let r = app.delete(&format!("/api/v1/directives/{tt}"));
    r.assert_problem(Status::Conflict, "agreements");
    assert_eq!(app.get("/api/v1/directives/999/agreements").status, Status::NotFound);
}

#[test]
fn lists_filter_by_kind_and_text() {
    let app = TestApp::new();
    let ct = app.directive(json!({"symbol": "12-CT/TW", "issued_on": "2022-01-05"}));
    let kh = app.directive(json!({"symbol": "2722/KH-UBND", "issued_on": "2021-11-27"}));
    let undated = app.directive(json!({"symbol": "14-TT/TU"}));
    assert_eq!(app.get("/api/v1/directives").ids(), vec![ct, kh, undated], "newest first, undated last");
    assert_eq!(app.get("/api/v1/directives?kind=plan").ids(), vec![kh]);
    assert_eq!(app.get("/api/v1/directives?q=2722").ids(), vec![kh]);
}
