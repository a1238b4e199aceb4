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

#[test]
fn what_a_search_index_would_read_as_operators_is_searched_as_words() {
    let app = TestApp::new();
    let (women, front) = (
        app.org("Hội Liên hiệp Phụ nữ huyện Near", "womens_union", None),
        app.org("Ủy ban MTTQ huyện Near", "front_committee", None),
    );
    let plain = app.agreement_between(&[front, women], json!({"title": "Kế hoạch phối hợp tuyên truyền"}));
    let odd = app.agreement_between(&[front, women], json!({"title": "Kế hoạch AND NEAR OR NOT phối hợp"}));
    let agreements = |q: &str| app.get(&format!("/api/v1/agreements?q={}", enc(q)));
    // As FTS operators these would find `plain`; as words, only the title that has them all.
    assert_eq!(agreements("phoi OR khongco").ids(), Vec::<i64>::new(), "OR is a word to find");
    assert_eq!(agreements("NEAR(phoi hop)").ids(), vec![odd], "NEAR( ) is a word and a bracket");
    assert_eq!(agreements("phoi NOT near").ids(), vec![odd], "NOT is a word to find");
    assert_eq!(agreements("\"phoi hop\" AND and").ids(), vec![odd]);
    assert_eq!(agreements("-near phoi").ids(), vec![odd], "a minus is a word break, not an exclusion");
    let mut both = agreements("phoi*").ids();
    both.sort();
    assert_eq!(both, vec![plain, odd], "a star is a word break; every word is a prefix anyway");
    let forty = vec!["phoi"; 40].join(" ");
    for q in [
        "\"",
        "*",
        "\"phoi",
        "phoi\"\"hop",
        "-",
        "'",
        "\u{0301}",
        "a:*",
        "x & !y | z",
        "'; DROP TABLE agreements; --",
        forty.as_str(),
    ] {
        let r = agreements(q);
        assert_eq!(r.status.code, 200, "{q:?}: {}", r.body);
        let r = app.get(&format!("/api/v1/organizations?q={}", enc(q)));
        assert_eq!(r.status.code, 200, "{q:?}: {}", r.body);
    }
    assert_eq!(app.get(&format!("/api/v1/organizations?q={}", enc("near OR khongco"))).ids(), Vec::<i64>::new());
    assert_eq!(app.count("agreements"), 2, "nothing was dropped");
}

#[test]
fn a_search_finds_what_the_index_was_told_of_edits_and_removals() {
    let app = TestApp::new();
    let (a, b) = (
        app.org("Hội Nông dân xã Tân Phú", "farmers_union", None),
        app.org("Ủy ban MTTQ xã Tân Phú", "front_committee", None),
    );
    let id = app.agreement_between(&[b, a], json!({"title": "Chương trình phối hợp nông thôn mới"}));
    let found = |q: &str| app.get(&format!("/api/v1/agreements?q={}", enc(q))).ids();
    assert_eq!(found("nong thon"), vec![id]);
    let etag = app.etag(&format!("/api/v1/agreements/{id}"));
    let r = app
        .req(rocket::http::Method::Patch, &format!("/api/v1/agreements/{id}"))
        .if_match(&etag)
        .json(json!({"title": "Chương trình phối hợp chuyển đổi số", "period": {"start_year": 2021, "end_year": 2025}}))
        .send();
    assert_eq!(r.status.code, 200, "{}", r.body);
    assert_eq!(found("nong thon"), Vec::<i64>::new(), "the old words left the index");
    assert_eq!(found("chuyen doi so"), vec![id], "the new words and the new start year are in it");
    app.post("/api/v1/organizations", json!({"name": "Đoàn Thanh niên xã Tân Phú", "kind": "youth_union"}));
    assert_eq!(app.get(&format!("/api/v1/organizations?q={}", enc("doan thanh"))).total(), 1);
    let etag = app.etag(&format!("/api/v1/agreements/{id}"));
    assert_eq!(
        app.req(rocket::http::Method::Delete, &format!("/api/v1/agreements/{id}")).if_match(&etag).send().status.code,
        204
    );
    assert_eq!(found("chuyen doi so"), Vec::<i64>::new(), "a removed agreement left the index");
}
