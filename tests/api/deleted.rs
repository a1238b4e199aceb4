//! Delete without losing: a deleted record is kept, listed for admins, and restored whole under
//! its old id; records that others depend on are not deleted at all.

use rocket::http::{Method, Status};
use serde_json::json;

use crate::support::TestApp;

#[test]
fn a_deleted_agreement_is_kept_and_restored_whole_under_its_id() {
    let app = TestApp::with_demo();
    let id = app.get("/api/v1/agreements?q=nguoi%20viet%20nam%20o%20nuoc%20ngoai").ids()[0];
    let path = format!("/api/v1/agreements/{id}");
    let before = app.get(&path);
    assert_eq!(app.delete(&path).status, Status::NoContent);
    app.get(&path).assert_problem_status(Status::NotFound);

    let kept = app.get("/api/v1/deleted?record_type=agreement");
    assert_eq!(kept.total(), 1);
    let entry = &kept.body["items"][0];
    assert_eq!((entry["record_id"].as_i64(), entry["deleted_by"].as_str()), (Some(id), Some("admin")));
    assert_eq!(entry["record"], before.body, "kept as it was answered");
    let deleted = entry["id"].as_i64().unwrap();

    let r = app.post(&format!("/api/v1/deleted/{deleted}/restore"), json!(null));
    assert_eq!(r.status, Status::Created, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some(path.as_str()));
    let after = app.get(&path);
    assert_eq!(after.body, before.body, "the same id, parties, directives and tasks");
    assert_eq!(after.etag.as_deref(), Some("\"2\""), "the version goes on from the deleted one");
    assert_eq!(app.get("/api/v1/deleted").total(), 0);
    let trail = app.get(&format!("/api/v1/audit?record_type=agreement&record_id={id}&limit=2"));
    let actions: Vec<&str> =
        trail.body["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["restore", "delete"]);
    app.post(&format!("/api/v1/deleted/{deleted}/restore"), json!(null)).assert_problem_status(Status::NotFound);
}

#[test]
fn a_party_is_never_removed_from_an_agreement_by_a_delete() {
    let app = TestApp::with_demo();
    let org = app.get("/api/v1/organizations?q=hoi%20lhpn%20quan%2011").ids()[0];
    let r = app.delete(&format!("/api/v1/organizations/{org}"));
    r.assert_problem(Status::Conflict, "agreements");
    assert_eq!(app.get("/api/v1/deleted").total(), 0, "nothing was deleted, so nothing is kept");
    assert_eq!(app.get(&format!("/api/v1/organizations/{org}/agreements")).total(), 1);
}

#[test]
fn a_restore_that_no_longer_fits_is_refused_and_the_record_stays_kept() {
    let app = TestApp::new();
    let province = app.locality("TP. Cần Thơ", "province", None);
    let first = app.org("Bảo hiểm xã hội TP. Cần Thơ", "state_agency", Some(province));
    assert_eq!(app.delete(&format!("/api/v1/organizations/{first}")).status, Status::NoContent);
    let second = app.org("Bảo hiểm xã hội TP. Cần Thơ", "state_agency", Some(province));
    assert_ne!(first, second, "an id is never given twice");
    let deleted = app.get("/api/v1/deleted").ids()[0];
    app.post(&format!("/api/v1/deleted/{deleted}/restore"), json!(null)).assert_problem(Status::Conflict, "name");
    assert_eq!(app.get("/api/v1/deleted").total(), 1);

    let viewer = crate::support::make_token(&app.db_url, "viewer", phoihop::models::enums::Role::Viewer, None);
    let r = app.req(Method::Get, "/api/v1/deleted").token(Some(&viewer)).send();
    r.assert_problem_status(Status::Forbidden);
}
