use rocket::http::Status;
use serde_json::json;

use crate::support::TestApp;

#[test]
fn create_read_update_delete() {
    let app = TestApp::new();
    let city = app.locality("TP. Hồ Chí Minh", "province", None);
    let r = app.post("/api/v1/localities", json!({"name": "  Quận   11 ", "level": "district", "parent_id": city}));
    assert_eq!(r.status, Status::Created);
    let id = r.id();
    assert_eq!(r.location.as_deref(), Some(format!("/api/v1/localities/{id}").as_str()));
    assert_eq!(r.body["name"], "Quận 11", "stored trimmed, spaces folded");

    let r = app.get(&format!("/api/v1/localities/{id}"));
    assert_eq!(r.body, json!({"id": id, "name": "Quận 11", "level": "district", "parent_id": city}));

    let r = app.patch(&format!("/api/v1/localities/{id}"), json!({"name": "Quận Mười Một"}));
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    assert_eq!((r.body["name"].as_str(), r.body["level"].as_str()), (Some("Quận Mười Một"), Some("district")));

    assert_eq!(app.delete(&format!("/api/v1/localities/{id}")).status, Status::NoContent);
    assert_eq!(app.get(&format!("/api/v1/localities/{id}")).status, Status::NotFound);
}

#[test]
fn lists_filter_by_level_parent_and_text() {
    let app = TestApp::new();
    let hn = app.locality("Hà Nội", "province", None);
    let tx = app.locality("Quận Thanh Xuân", "district", Some(hn));
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    app.locality("Quận 11", "district", Some(hcm));

    let r = app.get("/api/v1/localities?level=province");
    assert_eq!(r.total(), 2);
    assert_eq!(r.ids(), vec![hn, hcm], "ordered by name");
    assert_eq!(app.get(&format!("/api/v1/localities?parent_id={hn}")).ids(), vec![tx]);
    assert_eq!(app.get("/api/v1/localities?q=thanh%20xuan").ids(), vec![tx]);
    let page = app.get("/api/v1/localities?limit=1&offset=1");
    assert_eq!((page.total(), page.ids().len(), page.body["offset"].as_i64()), (4, 1, Some(1)));
}

#[test]
fn a_parent_must_be_of_a_higher_level() {
    let app = TestApp::new();
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    let q11 = app.locality("Quận 11", "district", Some(hcm));
    let r = app.post("/api/v1/localities", json!({"name": "Thành phố X", "level": "province", "parent_id": q11}));
    r.assert_problem(Status::UnprocessableEntity, "parent_id");
    // Lowering a locality below its own children is refused too: it would let the tree loop.
    let r = app.patch(&format!("/api/v1/localities/{hcm}"), json!({"level": "commune"}));
    r.assert_problem(Status::UnprocessableEntity, "level");
    let r = app.patch(&format!("/api/v1/localities/{q11}"), json!({"parent_id": q11}));
    r.assert_problem(Status::UnprocessableEntity, "parent_id");
    let r = app.post("/api/v1/localities", json!({"name": "Quận 1", "level": "district", "parent_id": 999}));
    r.assert_problem(Status::UnprocessableEntity, "parent_id");
    assert_eq!(app.count("localities"), 2);
}

#[test]
fn the_same_name_in_the_same_parent_is_a_conflict() {
    let app = TestApp::new();
    let hn = app.locality("Hà Nội", "province", None);
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    app.locality("Quận Hòa Bình", "district", Some(hn));
    // Old tone placement and other case: the same name.
    let r = app.post("/api/v1/localities", json!({"name": "quận hoà bình", "level": "district", "parent_id": hn}));
    r.assert_problem(Status::Conflict, "name");
    // The same name elsewhere is another place.
    app.locality("Quận Hòa Bình", "district", Some(hcm));
}

#[test]
fn deleting_a_locality_that_others_use_is_refused() {
    let app = TestApp::new();
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    app.locality("Quận 11", "district", Some(hcm));
    app.org("Hội Nông dân TP. Hồ Chí Minh", "farmers_union", Some(hcm));
    let r = app.delete(&format!("/api/v1/localities/{hcm}"));
    r.assert_problem(Status::Conflict, "children");
    r.assert_problem(Status::Conflict, "organizations");
    assert_eq!(app.get(&format!("/api/v1/localities/{hcm}")).status, Status::Ok);
}
