//! References found in prose and resolved however they are written: the seed articles first.

use std::collections::{BTreeSet, HashMap};

use rocket::http::Status;
use serde_json::{json, Value};

use crate::support::{enc, TestApp};

/// The seed articles, read from `../shared/seeds` beside the repository: the ground truth.
fn seeds() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the seed articles at {}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    seeds.sort();
    seeds
}

/// Canonical symbol → id of every directive in the registry.
fn directive_ids(app: &TestApp) -> HashMap<String, i64> {
    let list = app.get("/api/v1/directives?limit=500");
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["canonical_symbol"].as_str().unwrap().to_string(), d["id"].as_i64().unwrap()))
        .collect()
}

fn extract(app: &TestApp, text: &str) -> Vec<Value> {
    let r = app.post("/api/v1/directives/extract", json!({ "text": text }));
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    r.body["citations"].as_array().unwrap().clone()
}

#[test]
fn the_seed_articles_yield_every_directive_they_cite() {
    let app = TestApp::with_demo();
    let ids = directive_ids(&app);
    let expected: [&[&str]; 5] =
        [&["4-CT", "11-TT", "6-CTr"], &["12-CT/TW", "14-TT/TU"], &[], &["12-CT/TW"], &["2722/KH-UBND", "38-CT/TW"]];
    let seeds = seeds();
    assert_eq!(seeds.len(), expected.len());
    let mut cited = BTreeSet::new();
    for ((name, text), expected) in seeds.iter().zip(expected) {
        let citations = extract(&app, text);
        let mut resolved: Vec<i64> = Vec::new();
        for c in &citations {
            let id = c["directive_id"].as_i64().unwrap_or_else(|| panic!("{name}: {c} resolves to no one directive"));
            if !resolved.contains(&id) {
                resolved.push(id);
            }
            // The answer's place is the text's, counted in characters.
            let (start, end) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
            let at: String = text.chars().skip(start).take(end - start).collect();
            assert_eq!(at, c["text"].as_str().unwrap(), "{name}");
        }
        let wanted: Vec<i64> = expected.iter().map(|s| ids[*s]).collect();
        assert_eq!(resolved, wanted, "{name}: {citations:?}");
        cited.extend(resolved);
    }
    assert_eq!(cited.len(), ids.len(), "every demo directive is cited by some article");
}

#[test]
fn the_seeds_directives_resolve_from_every_form_the_seeds_write() {
    let app = TestApp::with_demo();
    let mut forms = 0;
    for (name, text) in seeds() {
        for c in extract(&app, &text) {
            let written = c["text"].as_str().unwrap();
            let r = app.get(&format!("/api/v1/directives/resolve?symbol={}", enc(written)));
            assert_eq!(r.ids(), vec![c["directive_id"].as_i64().unwrap()], "{name}: {written}");
            // The symbol alone, without what the text says around it, finds it as well.
            let bare = written.split(" ngày ").next().unwrap().split(" của ").next().unwrap();
            let r = app.get(&format!("/api/v1/directives/resolve?symbol={}", enc(bare)));
            assert_eq!(r.ids(), vec![c["directive_id"].as_i64().unwrap()], "{name}: {bare}");
            forms += 1;
        }
    }
    assert!(forms >= 10, "{forms} forms");
}

#[test]
fn a_reference_without_a_full_symbol_reads_its_date_body_and_term() {
    let app = TestApp::with_demo();
    let text = "Theo nội dung Chỉ thị 04 ngày 06/7/2011 của Ban Bí Thư Trung ương Đảng khoá 11, tiếp tục phối hợp.";
    let c = &extract(&app, text)[0];
    assert_eq!(c["text"], "Chỉ thị 04 ngày 06/7/2011 của Ban Bí Thư Trung ương Đảng khoá 11");
    assert_eq!((c["start"].as_u64(), c["end"].as_u64()), (Some(14), Some(78)));
    assert_eq!(
        c["symbol"],
        json!({"canonical": "4-CT/TW", "number": "4", "type_code": "CT", "issuer_code": "TW", "year": null,
               "kind": "directive", "system": "party"})
    );
    assert_eq!((c["issued_on"].as_str(), c["term"].as_str()), (Some("2011-07-06"), Some("XI")));
    assert_eq!(c["issuing_body"], "Ban Bí Thư Trung ương Đảng");
    assert_eq!(c["candidates"].as_array().unwrap().len(), 1);
    // Another date is another document: nothing fits.
    let other = &extract(&app, "Chỉ thị 04 ngày 01/01/2020 của Ban Bí thư")[0];
    assert_eq!((other["directive_id"].clone(), other["candidates"].clone()), (Value::Null, json!([])));
}

#[test]
fn a_symbol_of_two_terms_is_found_twice_and_told_apart_by_term_or_date() {
    let app = TestApp::new();
    let xi = app.directive(json!({"symbol": "12-CT/TW", "term": "khóa 11"}));
    let xiii = app.directive(json!({"symbol": "12-CT/TW", "term": "XIII", "issued_on": "2022-01-05"}));
    assert_eq!(app.get(&format!("/api/v1/directives/{xi}")).body["term"], "XI", "a term is stored in Roman numerals");
    let r = app.post("/api/v1/directives", json!({"symbol": "Chỉ thị 12-CT/TW", "term": "XI"}));
    r.assert_problem(Status::Conflict, "symbol");

    let both = app.get(&format!("/api/v1/directives/resolve?symbol={}", enc("12/CT-TW")));
    assert_eq!(both.ids(), vec![xiii, xi], "dated first, newest first");
    for (written, id) in
        [("Chỉ thị 12-CT/TW khóa XIII", xiii), ("12-CT/TW ngày 05/01/2022", xiii), ("12-CT/TW khoá 11", xi)]
    {
        assert_eq!(
            app.get(&format!("/api/v1/directives/resolve?symbol={}", enc(written))).ids(),
            vec![id],
            "{written}"
        );
    }
    // An agreement that names it by symbol alone must say which one.
    let a = app.org("Ủy ban MTTQ TP. Hồ Chí Minh", "front_committee", None);
    let b = app.org("Thành đoàn TP. Hồ Chí Minh", "youth_union", None);
    let body = crate::support::agreement_body(&[a, b], json!({"directives": [{"symbol": "Chỉ thị số 12-CT/TW"}]}));
    let r = app.post("/api/v1/agreements", body);
    r.assert_problem(Status::UnprocessableEntity, "directives[0].symbol");
    let message = r.message_of("directives[0].symbol");
    assert!(message.contains("khóa XI") && message.contains("khóa XIII"), "{message}");
    let body =
        crate::support::agreement_body(&[a, b], json!({"directives": [{"symbol": "Chỉ thị số 12-CT/TW khóa XIII"}]}));
    let made = app.post("/api/v1/agreements", body);
    assert_eq!(made.body["directives"][0]["directive_id"], xiii, "{}", made.body);
}

#[test]
fn one_document_written_more_fully_is_a_duplicate() {
    let app = TestApp::new();
    let bare = app.directive(json!({"symbol": "Chỉ thị 04", "issued_on": "2011-07-06"}));
    let r = app.post("/api/v1/directives", json!({"symbol": "04-CT/TW", "issued_on": "2011-07-06"}));
    r.assert_problem(Status::Conflict, "symbol");
    assert!(r.message_of("symbol").contains(&format!("{bare})")), "{}", r.body);
    // Completing the symbol of the one registered is an update.
    let r = app.patch(&format!("/api/v1/directives/{bare}"), json!({"symbol": "04-CT/TW"}));
    assert_eq!(r.body["canonical_symbol"], "4-CT/TW", "{}", r.body);
    // Another document of the same number and date is not one.
    app.directive(json!({"symbol": "04-TT/TU", "issued_on": "2011-07-06"}));
}

#[test]
fn extraction_refuses_what_is_not_a_text() {
    let app = TestApp::new();
    let before = app.counts();
    app.post("/api/v1/directives/extract", json!({})).assert_problem(Status::UnprocessableEntity, "text");
    app.post("/api/v1/directives/extract", json!({"text": 12})).assert_problem(Status::UnprocessableEntity, "text");
    app.post("/api/v1/directives/extract", json!({"text": "x", "lang": "vi"}))
        .assert_problem(Status::UnprocessableEntity, "lang");
    let long = "Chỉ thị 12-CT/TW. ".repeat(6000);
    app.post("/api/v1/directives/extract", json!({"text": long})).assert_problem(Status::UnprocessableEntity, "text");
    assert!(extract(&app, "").is_empty());
    assert!(extract(&app, "Kế hoạch phối hợp giai đoạn 2024-2029, ký ngày 06/7/2011.").is_empty());
    assert_eq!(app.counts(), before);
}
