//! The demo data (the five seed articles) answers the officials' questions that README shows.

use serde_json::Value;

use crate::support::{enc, TestApp};

fn find_one(app: &TestApp, resource: &str, query: &str) -> Value {
    let r = app.get(&format!("/api/v1/{resource}?q={}", enc(query)));
    assert_eq!(r.total(), 1, "{resource}?q={query}: {}", r.body);
    r.body["items"][0].clone()
}

fn titles(list: &Value) -> Vec<String> {
    list["items"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
}

#[test]
fn every_article_is_in_the_registry() {
    let app = TestApp::with_demo();
    assert_eq!(app.counts(), [6, 22, 7, 4, 5]);
    // 000: Quận 11, 11/5/2017, the Front committee and five member organizations, 2017–2019.
    let plan = find_one(&app, "agreements", "ke hoach phoi hop 2017");
    assert_eq!(plan["period"], serde_json::json!({"start_year": 2017, "end_year": 2019}));
    assert_eq!(plan["signed_on"], "2017-05-11");
    assert_eq!(plan["parties"].as_array().unwrap().len(), 6);
    let symbols: Vec<&str> =
        plan["directives"].as_array().unwrap().iter().map(|d| d["symbol"].as_str().unwrap()).collect();
    assert_eq!(symbols, ["Chỉ thị 04", "Thông tri số 11", "Chương trình hành động số 06"]);
    // 001: two agreements at one conference whose date the article does not give.
    let program = find_one(&app, "agreements", "chuong trinh hanh dong phoi hop");
    assert_eq!(program["parties"].as_array().unwrap().len(), 8);
    assert_eq!(program["signed_on"], Value::Null, "the article does not state it");
    let event = app.get(&format!("/api/v1/signing-events/{}", program["signing_event_id"]));
    assert_eq!(event.body["agreement_ids"].as_array().unwrap().len(), 2);
    // 002: Cần Thơ, two agreements for 2022–2025, no year for 29/7.
    let ct = find_one(&app, "localities", "can tho");
    assert_eq!(app.get(&format!("/api/v1/agreements?locality={}", ct["id"])).total(), 2);
    // 003: a briefing, not a signing, and Chỉ thị 12-CT/TW in full.
    let briefing = app.get("/api/v1/signing-events?kind=briefing");
    assert_eq!(briefing.body["items"][0]["held_on"], "2022-09-15");
    assert_eq!(briefing.body["items"][0]["agreement_ids"], serde_json::json!([]));
    let ct12 = app.get(&format!("/api/v1/directives/resolve?symbol={}", enc("Chỉ thị số 12-CT/TW")));
    assert_eq!(ct12.body["items"][0]["issued_on"], "2022-01-05");
    // 004: Kế hoạch 2722/KH-UBND implements Chỉ thị 38-CT/TW.
    let kh = app.get("/api/v1/directives/resolve?symbol=2722%2FKH-UBND").body["items"][0].clone();
    let ct38 = app.get("/api/v1/directives/resolve?symbol=38-CT%2FTW").body["items"][0].clone();
    assert_eq!(kh["implements"], serde_json::json!([ct38["id"]]));
}

#[test]
fn which_organizations_signed_an_agreement() {
    let app = TestApp::with_demo();
    let plan = find_one(&app, "agreements", "ke hoach phoi hop 2017");
    let parties = app.get(&format!("/api/v1/agreements/{}/parties", plan["id"]));
    let names: Vec<&str> =
        parties.body["items"].as_array().unwrap().iter().map(|p| p["organization_name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Ủy ban Mặt trận Tổ quốc Việt Nam quận 11",
            "Hội Cựu chiến binh quận 11",
            "Liên đoàn Lao động quận 11",
            "Hội Liên hiệp Phụ nữ quận 11",
            "Đoàn Thanh niên quận 11",
            "Hội Chữ thập đỏ quận 11",
        ]
    );
}

#[test]
fn which_agreements_an_organization_signed() {
    let app = TestApp::with_demo();
    let front = find_one(&app, "organizations", "UBMTTQVN TP Cần Thơ");
    let signed = app.get(&format!("/api/v1/organizations/{}/agreements", front["id"])).body;
    assert_eq!(
        titles(&signed),
        [
            "Chương trình phối hợp tuyên truyền chính sách bảo hiểm xã hội, bảo hiểm y tế giai đoạn 2022–2025",
            "Quy chế phối hợp công tác đối ngoại nhân dân giai đoạn 2022–2025",
        ]
    );
    let women = find_one(&app, "organizations", "hoi lhpn quan 11");
    assert_eq!(women["name"], "Hội Liên hiệp Phụ nữ quận 11");
}

#[test]
fn what_implements_a_directive_and_what_is_in_force() {
    let app = TestApp::with_demo();
    let under_12 = app.get(&format!("/api/v1/agreements?directive={}", enc("Chỉ thị số 12-CT/TW"))).body;
    assert_eq!(
        titles(&under_12),
        ["Chương trình hành động phối hợp triển khai công tác đối ngoại nhân dân giai đoạn 2024–2029"]
    );
    let under_04 = app.get(&format!("/api/v1/agreements?directive={}", enc("04-CT/TW"))).body;
    assert_eq!(under_04["total"], 1, "Chỉ thị 04 is registered without its issuer code and still resolves");
    assert_eq!(
        app.get("/api/v1/agreements?directive=38-CT%2FTW").total(),
        0,
        "2722/KH-UBND implements it; no agreement does"
    );
    assert_eq!(app.get("/api/v1/agreements?active_in=2023").total(), 2);
    assert_eq!(app.get("/api/v1/agreements?active_in=2026").total(), 2);
    let hcm = find_one(&app, "localities", "tp ho chi minh");
    assert_eq!(
        app.get(&format!("/api/v1/agreements?locality={}", hcm["id"])).total(),
        3,
        "the city and Quận 11 inside it"
    );
}

#[test]
fn the_demo_loads_once() {
    let app = TestApp::with_demo();
    let pool = phoihop::db::connect(&phoihop::Config::new(app.db_url.clone())).unwrap();
    assert_eq!(phoihop::demo::load(&mut pool.get().unwrap()).unwrap(), None);
    assert_eq!(app.counts(), [6, 22, 7, 4, 5]);
}
