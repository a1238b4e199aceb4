//! Editing an agreement or an event in the pages: the form carries the version it read; a
//! change saved in between is shown (who, what, theirs beside yours) and the person's own
//! changes are applied on top of it, never silently over it; outside one's locality, nothing.

use rocket::http::Status;
use rocket::local::blocking::Client;

use crate::support::TestApp;
use crate::web_support::{form_fields, html, set, signed_in, submit};
use phoihop::models::enums::Role;

fn browser(app: &TestApp, name: &str, locality: Option<i64>) -> Client {
    signed_in(app, name, Role::Editor, locality)
}

#[test]
fn two_people_edit_one_agreement_and_the_second_applies_their_change_on_top_of_the_first() {
    let app = TestApp::with_demo();
    let (lan, mai) = (browser(&app, "lan", None), browser(&app, "mai", None));
    let (status, page) = html(&lan, "/agreements/1/edit");
    assert_eq!(status, Status::Ok, "{page}");
    let mut lans = form_fields(&page, "registration");
    let mut mais = form_fields(&html(&mai, "/agreements/1/edit").1, "registration");
    set(&mut lans, "agreements[0].topic", "Giao lưu hữu nghị với nhân dân Campuchia");
    let (status, location, _) = submit(&lan, "/agreements/1/edit", &lans, "save");
    assert_eq!((status, location.as_deref()), (Status::SeeOther, Some("/agreements/1")));
    // Mai read version 1 and changes the end year: Lan's change is shown, not overwritten.
    set(&mut mais, "agreements[0].period.end_year", "2020");
    let (status, _, page) = submit(&mai, "/agreements/1/edit", &mais, "save");
    assert_eq!(status, Status::Conflict);
    assert!(page.contains("class=\"conflict\"") && page.contains("<strong>lan</strong>"), "{page}");
    assert!(page.contains("<th scope=\"row\">Giai đoạn</th>"), "fields in words, not the API's names: {page}");
    let again = form_fields(&page, "registration");
    let value = |name: &str| again.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default();
    assert_eq!(value("agreements[0].topic"), "Giao lưu hữu nghị với nhân dân Campuchia", "Lan's, untouched by Mai");
    assert_eq!(value("agreements[0].period.end_year"), "2020", "Mai's own change kept");
    assert_eq!(value("version"), "2");
    let record = app.get("/api/v1/agreements/1");
    assert_eq!(record.body["period"]["end_year"], 2019, "nothing saved yet");
    let (status, location, page) = submit(&mai, "/agreements/1/edit", &again, "save");
    assert_eq!((status, location.as_deref()), (Status::SeeOther, Some("/agreements/1")), "{page}");
    let record = app.get("/api/v1/agreements/1");
    assert_eq!(record.body["topic"], "Giao lưu hữu nghị với nhân dân Campuchia");
    assert_eq!(record.body["period"]["end_year"], 2020);
    let trail = app.get("/api/v1/audit?record_type=agreement&record_id=1");
    let actors: Vec<&str> =
        trail.body["items"].as_array().unwrap().iter().filter_map(|e| e["actor"].as_str()).collect();
    assert_eq!(&actors[..2], ["mai", "lan"]);
}

#[test]
fn an_event_is_edited_at_its_version_and_a_form_without_one_saves_nothing() {
    let app = TestApp::with_demo();
    let lan = browser(&app, "lan", None);
    let (status, page) = html(&lan, "/signing-events/1/edit");
    assert_eq!(status, Status::Ok);
    let mut form = form_fields(&page, "registration");
    assert!(form.iter().all(|(k, _)| !k.starts_with("agreements[")), "an event's form holds no agreements");
    set(&mut form, "place", "Hội trường Ủy ban MTTQ quận 11");
    set(&mut form, "held_on", "31/4/2017");
    let (status, _, page) = submit(&lan, "/signing-events/1/edit", &form, "save");
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"held_on-error\""));
    set(&mut form, "held_on", "11/5/2017");
    let mut unversioned = form.clone();
    unversioned.retain(|(k, _)| k != "version");
    assert_eq!(submit(&lan, "/signing-events/1/edit", &unversioned, "save").0, Status::PreconditionRequired);
    let (status, location, _) = submit(&lan, "/signing-events/1/edit", &form, "save");
    assert_eq!((status, location.as_deref()), (Status::SeeOther, Some("/signing-events/1")));
    assert_eq!(app.get("/api/v1/signing-events/1").body["place"], "Hội trường Ủy ban MTTQ quận 11");
}

#[test]
fn an_editor_of_another_locality_sees_no_form_and_a_crafted_post_writes_nothing() {
    let app = TestApp::with_demo();
    let lan = browser(&app, "lan", None);
    let form = form_fields(&html(&lan, "/agreements/1/edit").1, "registration");
    let can_tho = browser(&app, "can-tho", Some(4));
    assert_eq!(html(&can_tho, "/agreements/1/edit").0, Status::Forbidden);
    // Her own page's token, on a form made elsewhere.
    let (_, own) = html(&can_tho, "/agreements/4/edit");
    let mut crafted = form.clone();
    set(&mut crafted, "form_token", &crate::web_support::value(&own, "form_token"));
    set(&mut crafted, "agreements[0].title", "Đổi từ nơi khác");
    let (status, _, page) = submit(&can_tho, "/agreements/1/edit", &crafted, "save");
    assert_eq!(status, Status::Forbidden, "{page}");
    assert_ne!(app.get("/api/v1/agreements/1").body["title"], "Đổi từ nơi khác");
}

#[test]
fn an_organization_and_a_directive_are_edited_with_names_and_symbols_as_typed() {
    let app = TestApp::with_demo();
    let lan = browser(&app, "lan", None);
    let (status, page) = html(&lan, "/organizations/16/edit");
    assert_eq!(status, Status::Ok);
    let mut form = form_fields(&page, "record");
    set(&mut form, "aliases", "LHPN Q11\nPhụ nữ quận 11");
    set(&mut form, "parent_text", "hoi lhpn tp hcm");
    let (status, location, page) = submit(&lan, "/organizations/16/edit", &form, "");
    assert_eq!((status, location.as_deref()), (Status::SeeOther, Some("/organizations/16")), "{page}");
    let o = app.get("/api/v1/organizations/16");
    assert_eq!(o.body["aliases"], serde_json::json!(["LHPN Q11", "Phụ nữ quận 11"]));
    assert_eq!(o.body["parent_id"], 6);
    // A directive's links, typed as symbols: one that names none is said beside the field.
    let mut form = form_fields(&html(&lan, "/directives/7/edit").1, "record");
    set(&mut form, "implements", "38-CT/TW\nChỉ thị 99-CT/TW");
    let (status, _, page) = submit(&lan, "/directives/7/edit", &form, "");
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"implements-error\""), "{page}");
    set(&mut form, "implements", "38-CT/TW\n12/CT-TW");
    assert_eq!(submit(&lan, "/directives/7/edit", &form, "").0, Status::SeeOther);
    assert_eq!(app.get("/api/v1/directives/7").body["implements"], serde_json::json!([4, 6]));
    // Localities are an admin's: an editor is refused the form.
    assert_eq!(html(&lan, "/localities/3/edit").0, Status::Forbidden);
}

#[test]
fn a_delete_asks_first_lists_what_depends_on_the_record_and_keeps_what_it_deletes() {
    let app = TestApp::with_demo();
    let lan = browser(&app, "lan", None);
    let (status, page) = html(&lan, "/organizations/16/delete");
    assert_eq!(status, Status::Ok);
    assert!(page.contains("là bên ký kết của"), "the agreements it signed are named: {page}");
    assert!(!page.contains("name=\"version\""), "no button to delete what others depend on");
    assert_eq!(app.get("/api/v1/organizations/16").status, Status::Ok, "asking deleted nothing");
    let (_, page) = html(&lan, "/agreements/1/delete");
    let token = crate::web_support::value(&page, "form_token");
    let version = crate::web_support::value(&page, "version");
    let (status, location, _) =
        crate::web_support::post(&lan, "/agreements/1/delete", &[("form_token", &token), ("version", "99")]);
    assert_eq!(status, Status::Conflict, "a stale page deletes nothing");
    assert_eq!(location, None);
    let (status, location, _) =
        crate::web_support::post(&lan, "/agreements/1/delete", &[("form_token", &token), ("version", &version)]);
    assert_eq!((status, location.as_deref()), (Status::SeeOther, Some("/agreements")));
    assert_eq!(app.get("/api/v1/agreements/1").status, Status::NotFound);
    assert_eq!(app.get("/api/v1/deleted?record_type=agreement").body["total"], 1);
}

/// Seed 004: a city's plan that implements a central directive, entered on its own page (no
/// ceremony); a double click makes one record; an editor adds organizations in her locality only.
#[test]
fn a_directive_and_an_organization_are_added_on_their_own_pages_once_per_form() {
    let app = TestApp::with_demo();
    let lan = browser(&app, "lan", None);
    let (_, list) = html(&lan, "/directives");
    assert!(list.contains("href=\"/directives/new\""), "the list offers to add one");
    let (status, page) = html(&lan, "/directives/new");
    assert_eq!(status, Status::Ok);
    let mut form = form_fields(&page, "record");
    for (field, typed) in [
        ("symbol", "Kế hoạch 15/KH-MTTQ"),
        ("kind", "plan"),
        ("issuer", "Ban Thường trực Ủy ban MTTQ Việt Nam quận 11"),
        ("issued_on", "3/4/2024"),
        ("implements", "Thông tri 14-TT/TU\nChỉ thị 99"),
    ] {
        set(&mut form, field, typed);
    }
    let before = app.get("/api/v1/directives").body["total"].clone();
    let (status, _, page) = submit(&lan, "/directives/new", &form, "");
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"implements-error\"") && page.contains("value=\"Kế hoạch 15/KH-MTTQ\""), "{page}");
    let mut form = form_fields(&page, "record");
    set(&mut form, "implements", "Thông tri 14-TT/TU");
    let (status, location, page) = submit(&lan, "/directives/new", &form, "");
    assert_eq!(status, Status::SeeOther, "{page}");
    let location = location.unwrap();
    assert_eq!(submit(&lan, "/directives/new", &form, "").1.as_deref(), Some(location.as_str()), "a double click");
    assert_eq!(app.get("/api/v1/directives").body["total"], before.as_i64().unwrap() + 1);
    let made = app.get(&format!("/api/v1{location}"));
    assert!(made.body["symbol"].as_str().unwrap().contains("15/KH-MTTQ"), "{:?}", made.body);
    assert_eq!(made.body["implements"], serde_json::json!([5]), "Thông tri 14-TT/TU");
    // An editor of Quận 11 adds an organization there, and not in Cần Thơ; localities are not hers.
    let q11 = browser(&app, "q11", Some(3));
    let mut form = form_fields(&html(&q11, "/organizations/new").1, "record");
    set(&mut form, "name", "Hội Khuyến học quận 11");
    set(&mut form, "kind", "other");
    set(&mut form, "locality_text", "can tho");
    assert_eq!(submit(&q11, "/organizations/new", &form, "").0, Status::Forbidden);
    set(&mut form, "locality_text", "quan 11");
    let (status, location, page) = submit(&q11, "/organizations/new", &form, "");
    assert_eq!(status, Status::SeeOther, "{page}");
    assert_eq!(app.get(&format!("/api/v1{}", location.unwrap())).body["locality_id"], 3);
    assert_eq!(html(&q11, "/localities/new").0, Status::Forbidden);
    assert!(!html(&q11, "/localities").1.contains("/localities/new"), "no offer of what she may not do");
}
