//! "Nhập từ bài báo": an article pasted into the page, its findings marked and the proposal shown,
//! then carried into the registration form and saved through the form's ordinary rules.

use rocket::http::Status;

use crate::support::TestApp;
use crate::web_support::{form_fields, html, post, signed_in, submit, value};
use phoihop::models::enums::Role;

const ARTICLE: &str = "eval/intake/cases/102-quan-11-hai-van-ban-2024.txt";

fn read(client: &rocket::local::blocking::Client, text: &str, published_on: &str, act: &str) -> (Status, String) {
    let (_, page) = html(client, "/intake");
    let token = value(&page, "form_token");
    let (status, _, body) = post(
        client,
        "/intake",
        &[("form_token", &token), ("text", text), ("published_on", published_on), ("act", act)],
    );
    (status, body)
}

#[test]
fn an_article_is_read_shown_and_carried_into_the_registration_form() {
    let app = TestApp::with_demo();
    let editor = signed_in(&app, "mai", Role::Editor, Some(3));
    let text = std::fs::read_to_string(ARTICLE).unwrap();
    let before = app.counts();
    let (status, page) = read(&editor, &text, "20/5/2024", "read");
    assert_eq!(status, Status::Ok);
    assert!(page.contains("<mark title=\"held_on\""), "the date is marked where it was read");
    assert!(page.contains("Quận Đoàn 11"), "the text is shown");
    assert!(page.contains("value=\"continue\""), "a registration can follow");
    assert_eq!(app.counts(), before, "reading writes nothing");

    let (status, form) = read(&editor, &text, "20/5/2024", "continue");
    assert_eq!(status, Status::Ok);
    assert!(form.contains("<form id=\"registration\""), "the registration form");
    let fields = form_fields(&form, "registration");
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    assert_eq!(field("held_on"), "18/5/2024");
    assert_eq!(field("agreements[0].period.end_year"), "2029");
    assert_eq!(field("agreements[1].kind"), "coordination_regulation");
    assert_eq!(field("agreements[0].parties[2].organization.id"), "17", "Quận Đoàn 11 is Đoàn Thanh niên quận 11");

    let (status, location, _) = submit(&editor, "/signing-events/new", &fields, "save");
    assert_eq!(status, Status::SeeOther, "saved as any registration is");
    let id: i64 = location.unwrap().rsplit('/').next().unwrap().parse().unwrap();
    let event = app.get(&format!("/api/v1/signing-events/{id}"));
    assert_eq!(event.body["held_on"], "2024-05-18");
    assert_eq!(event.body["agreement_ids"].as_array().unwrap().len(), 2);
}

#[test]
fn what_the_registry_does_not_hold_is_flagged_and_bad_input_said_beside_its_field() {
    let app = TestApp::with_demo();
    let editor = signed_in(&app, "lan", Role::Editor, None);
    let text = std::fs::read_to_string("eval/intake/cases/101-da-nang-quy-che-2023.txt").unwrap();
    let (status, page) = read(&editor, &text, "", "read");
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Ủy ban Mặt trận Tổ quốc Việt Nam TP. Đà Nẵng"), "the Front committee to create");
    assert!(page.contains("chưa có trong sổ"), "flagged for a decision");

    let before = app.counts();
    let (status, page) = read(&editor, "  ", "", "read");
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"text-error\""), "the message stands beside the text");
    let (status, page) = read(&editor, &text, "30/02/2024", "read");
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"published_on-error\"") && page.contains("Ký kết quy chế"), "the text is kept");
    assert_eq!(app.counts(), before);

    let viewer = signed_in(&app, "xem", Role::Viewer, None);
    assert_eq!(html(&viewer, "/intake").0, Status::Forbidden);
}
