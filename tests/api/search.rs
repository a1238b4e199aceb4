//! `q=` everywhere: diacritics, tone placement, NFD input, abbreviations and aliases.

use serde_json::json;
use unicode_normalization::UnicodeNormalization;

use crate::support::{enc, TestApp};

fn setup() -> (TestApp, i64, i64) {
    let app = TestApp::new();
    let women = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Hội Liên hiệp Phụ nữ quận 11", "kind": "womens_union", "aliases": ["Phụ nữ Chợ Lớn"]}),
        )
        .id();
    let front = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Ủy ban Mặt trận Tổ quốc Việt Nam quận 11", "kind": "front_committee"}),
        )
        .id();
    (app, women, front)
}

fn found(app: &TestApp, query: &str) -> Vec<i64> {
    app.get(&format!("/api/v1/organizations?q={}", enc(query))).ids()
}

#[test]
fn without_diacritics_or_with_them() {
    let (app, women, _) = setup();
    assert_eq!(found(&app, "hoi lien hiep phu nu"), vec![women]);
    assert_eq!(found(&app, "Hội Liên hiệp Phụ nữ"), vec![women]);
    assert_eq!(found(&app, "HOI LIEN HIEP"), vec![women]);
}

#[test]
fn nfd_input_and_old_tone_placement() {
    let (app, _, front) = setup();
    let nfd: String = "Ủy ban Mặt trận".nfd().collect();
    assert_eq!(found(&app, &nfd), vec![front]);
    assert_eq!(found(&app, "Uỷ ban"), vec![front]);
}

#[test]
fn d_folds_to_d() {
    let app = TestApp::new();
    let youth = app.org("Đoàn Thanh niên quận 11", "youth_union", None);
    assert_eq!(found(&app, "doan thanh nien"), vec![youth]);
}

#[test]
fn abbreviations_staff_type() {
    let (app, women, front) = setup();
    assert_eq!(found(&app, "hoi lhpn quan 11"), vec![women]);
    assert_eq!(found(&app, "UB.MTTQ quận 11"), vec![front]);
    assert_eq!(found(&app, "ubmttqvn"), vec![front]);
}

#[test]
fn aliases_and_word_prefixes() {
    let (app, women, _) = setup();
    assert_eq!(found(&app, "cho lon"), vec![women], "matches an alias");
    assert_eq!(found(&app, "phu n"), vec![women], "a word typed halfway");
    assert!(found(&app, "iep").is_empty(), "terms match at word starts only");
    assert!(found(&app, "hoi nong dan").is_empty());
}

#[test]
fn agreements_events_localities_and_directives_search_the_same_way() {
    let app = TestApp::new();
    let a = app.org("Ủy ban MTTQ TP. Cần Thơ", "front_committee", None);
    let b = app.org("Bảo hiểm xã hội TP. Cần Thơ", "state_agency", None);
    let id = app.agreement_between(&[a, b], json!({"title": "Chương trình phối hợp tuyên truyền chính sách BHXH"}));
    assert_eq!(app.get("/api/v1/agreements?q=tuyen%20truyen%20bao%20hiem").ids(), vec![id]);
    let ev = app.post("/api/v1/signing-events", json!({"title": "Hội nghị ký kết", "place": "Hội trường Ủy ban"})).id();
    assert_eq!(app.get("/api/v1/signing-events?q=hoi%20truong").ids(), vec![ev]);
    let l = app.locality("Quận Thanh Xuân", "district", None);
    assert_eq!(app.get("/api/v1/localities?q=thanh%20xuan").ids(), vec![l]);
    let d = app.directive(json!({"symbol": "12-CT/TW", "title": "Tăng cường sự lãnh đạo của Đảng"}));
    assert_eq!(app.get("/api/v1/directives?q=lanh%20dao").ids(), vec![d]);
}
