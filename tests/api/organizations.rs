use rocket::http::Status;
use serde_json::json;
use unicode_normalization::UnicodeNormalization;

use crate::support::TestApp;

#[test]
fn create_read_update_delete_with_aliases() {
    let app = TestApp::new();
    let q11 = app.locality("Quận 11", "district", None);
    let r = app.post(
        "/api/v1/organizations",
        json!({"name": "Hội Liên hiệp Phụ nữ quận 11", "short_name": "Hội LHPN quận 11",
               "aliases": ["Phụ nữ Q.11"], "kind": "womens_union", "locality_id": q11}),
    );
    assert_eq!(r.status, Status::Created, "{}", r.body);
    let id = r.id();
    let got = app.get(&format!("/api/v1/organizations/{id}"));
    assert_eq!(got.body["aliases"], json!(["Phụ nữ Q.11"]));
    assert_eq!(got.body["short_name"], "Hội LHPN quận 11");

    let r = app.patch(&format!("/api/v1/organizations/{id}"), json!({"aliases": ["LHPN Q11", "Phụ nữ quận Mười Một"]}));
    assert_eq!(r.body["aliases"], json!(["LHPN Q11", "Phụ nữ quận Mười Một"]));
    assert_eq!(r.body["name"], "Hội Liên hiệp Phụ nữ quận 11", "fields not in the patch stay");
    let r = app.patch(&format!("/api/v1/organizations/{id}"), json!({"short_name": null}));
    assert_eq!(r.body["short_name"], json!(null), "null clears an optional field");

    assert_eq!(app.delete(&format!("/api/v1/organizations/{id}")).status, Status::NoContent);
    assert_eq!(app.get(&format!("/api/v1/organizations/{id}")).status, Status::NotFound);
}

#[test]
fn names_differing_only_by_form_are_duplicates_in_one_locality() {
    let app = TestApp::new();
    let ct = app.locality("TP. Cần Thơ", "province", None);
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    let first = app.org("Ủy ban Mặt trận Tổ quốc Việt Nam TP. Cần Thơ", "front_committee", Some(ct));
    for variant in [
        "Uỷ ban Mặt trận Tổ quốc Việt Nam TP. Cần Thơ".to_string(),
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TP.  CẦN THƠ".to_string(),
        "Ủy ban Mặt trận Tổ quốc Việt Nam TP. Cần Thơ".nfd().collect::<String>(),
    ] {
        let r =
            app.post("/api/v1/organizations", json!({"name": variant, "kind": "front_committee", "locality_id": ct}));
        r.assert_problem(Status::Conflict, "name");
        assert!(r.message_of("name").contains(&first.to_string()), "names the existing record: {}", r.body);
    }
    assert_eq!(app.count("organizations"), 1);
    app.org("Ủy ban Mặt trận Tổ quốc Việt Nam TP. Cần Thơ", "front_committee", Some(hcm));
}

#[test]
fn stored_names_are_nfc() {
    let app = TestApp::new();
    let nfd: String = "Hội Cựu chiến binh".nfd().collect();
    let r = app.post("/api/v1/organizations", json!({"name": nfd, "kind": "veterans_association"}));
    assert_eq!(r.body["name"].as_str().unwrap(), "Hội Cựu chiến binh".nfc().collect::<String>());
}

#[test]
fn lists_filter_by_kind_locality_inside_and_parent() {
    let app = TestApp::new();
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    let q11 = app.locality("Quận 11", "district", Some(hcm));
    let city = app.org("Hội Liên hiệp Phụ nữ TP. Hồ Chí Minh", "womens_union", Some(hcm));
    let r = app.post(
        "/api/v1/organizations",
        json!({"name": "Hội Liên hiệp Phụ nữ quận 11", "kind": "womens_union", "locality_id": q11, "parent_id": city}),
    );
    let district = r.id();
    let veterans = app.org("Hội Cựu chiến binh quận 11", "veterans_association", Some(q11));

    assert_eq!(app.get("/api/v1/organizations?kind=womens_union").ids().len(), 2);
    let mut inside = app.get(&format!("/api/v1/organizations?locality={hcm}")).ids();
    inside.sort();
    assert_eq!(inside, vec![city, district, veterans], "the city and the district inside it");
    assert_eq!(app.get(&format!("/api/v1/organizations?locality={q11}")).ids().len(), 2);
    assert_eq!(app.get(&format!("/api/v1/organizations?parent_id={city}")).ids(), vec![district]);
}

#[test]
fn references_must_exist_and_parents_must_not_loop() {
    let app = TestApp::new();
    let r = app.post("/api/v1/organizations", json!({"name": "Hội A", "kind": "other", "locality_id": 42}));
    r.assert_problem(Status::UnprocessableEntity, "locality_id");
    let a = app.org("Hội A", "other", None);
    let r = app.post("/api/v1/organizations", json!({"name": "Hội B", "kind": "other", "parent_id": a}));
    let b = r.id();
    let r = app.patch(&format!("/api/v1/organizations/{a}"), json!({"parent_id": b}));
    r.assert_problem(Status::UnprocessableEntity, "parent_id");
    let r = app.patch(&format!("/api/v1/organizations/{a}"), json!({"aliases": ["Hội Á", "hội á"]}));
    r.assert_problem(Status::UnprocessableEntity, "aliases[1]");
}

#[test]
fn an_organization_that_signed_cannot_be_deleted() {
    let app = TestApp::new();
    let a = app.org("Ủy ban MTTQ quận 11", "front_committee", None);
    let b = app.org("Hội Cựu chiến binh quận 11", "veterans_association", None);
    let agreement = app.agreement_between(&[a, b], json!({}));
    let r = app.delete(&format!("/api/v1/organizations/{b}"));
    r.assert_problem(Status::Conflict, "agreements");
    let parties = app.get(&format!("/api/v1/agreements/{agreement}/parties"));
    assert_eq!(parties.total(), 2, "the party is still on the agreement");
}

#[test]
fn the_agreements_an_organization_signed() {
    let app = TestApp::new();
    let front = app.org("Ủy ban MTTQ quận 11", "front_committee", None);
    let women = app.org("Hội LHPN quận 11", "womens_union", None);
    let youth = app.org("Đoàn Thanh niên quận 11", "youth_union", None);
    let old = app.agreement_between(&[front, women], json!({"period": {"start_year": 2017, "end_year": 2019}}));
    let new = app.agreement_between(&[front, women, youth], json!({"period": {"start_year": 2024, "end_year": 2029}}));
    app.agreement_between(&[front, youth], json!({}));
    assert_eq!(app.get(&format!("/api/v1/organizations/{women}/agreements")).ids(), vec![new, old]);
    assert_eq!(app.get(&format!("/api/v1/organizations/{women}/agreements?active_in=2018")).ids(), vec![old]);
    assert_eq!(app.get("/api/v1/organizations/999/agreements").status, Status::NotFound);
}

#[test]
fn organization_trees_are_bounded_in_depth() {
    let app = TestApp::new();
    let max = phoihop::models::organization::MAX_DEPTH;
    let mut chain: Vec<i64> = Vec::new();
    for level in 0..max {
        let body = json!({"name": format!("Hội cấp {level}"), "kind": "womens_union", "parent_id": chain.last()});
        let r = app.post("/api/v1/organizations", body);
        assert_eq!(r.status, Status::Created, "{}", r.body);
        chain.push(r.id());
    }
    let deeper = json!({"name": "Chi hội", "kind": "womens_union", "parent_id": chain[max - 1]});
    app.post("/api/v1/organizations", deeper).assert_problem(Status::UnprocessableEntity, "parent_id");
    // Nor may a tree of two levels be hung below the last level by a change.
    let top = app.org("Hội khác", "womens_union", None);
    let below =
        app.post("/api/v1/organizations", json!({"name": "Chi hội khác", "kind": "womens_union", "parent_id": top}));
    assert_eq!(below.status, Status::Created, "{}", below.body);
    app.patch(&format!("/api/v1/organizations/{top}"), json!({"parent_id": chain[max - 2]}))
        .assert_problem(Status::UnprocessableEntity, "parent_id");
    assert_eq!(
        app.patch(&format!("/api/v1/organizations/{top}"), json!({"parent_id": chain[max - 3]})).status,
        Status::Ok
    );
}

#[test]
fn every_error_of_a_record_is_named_at_once_a_duplicate_among_them() {
    let app = TestApp::new();
    let q11 = app.locality("Quận 11", "district", None);
    app.org("Hội LHPN quận 11", "womens_union", Some(q11));
    // A duplicate alone is a conflict.
    let twin = app.post(
        "/api/v1/organizations",
        json!({"name": "Hội LHPN  quận 11", "kind": "womens_union", "locality_id": q11}),
    );
    twin.assert_problem(Status::Conflict, "name");
    // With broken rules beside it, every error comes in one answer.
    let r = app.post(
        "/api/v1/organizations",
        json!({"name": "Hội LHPN quận 11", "kind": "womens_union", "locality_id": q11, "parent_id": 999, "aliases": ["a", "a"]}),
    );
    r.assert_problem(Status::UnprocessableEntity, "name");
    for field in ["parent_id", "aliases[1]"] {
        assert!(r.error_fields().iter().any(|f| f == field), "{field} in {}", r.body);
    }
    let r = app.post("/api/v1/directives", json!({"symbol": "12-CT/TW"}));
    assert_eq!(r.status, Status::Created);
    let r = app.post("/api/v1/directives", json!({"symbol": "Chỉ thị số 12-CT/TW", "implements": [999], "title": ""}));
    for field in ["symbol", "implements[0]"] {
        assert!(r.error_fields().iter().any(|f| f == field), "{field} in {}", r.body);
    }
}
