//! "Đăng ký lễ ký kết": a ceremony and its agreements typed as staff type them, saved whole or
//! not at all, once per form; mistakes said beside their fields with everything kept; a missing
//! organization made from inside the form; the same records and audit entries as the API makes.

use rocket::http::Status;
use rocket::local::blocking::Client;
use serde_json::{json, Value};

use crate::support::TestApp;
use crate::web_support::{form_fields, html, post, set, sign_in, submit, value, with_user, with_user_in, PASSWORD};
use phoihop::models::enums::Role;

/// The form a browser would post for a ceremony in Quận 11 with two agreements, names and
/// symbols typed as people write them.
fn ceremony(page: &str, title: &str) -> Vec<(String, String)> {
    let pairs = [
        ("form_token", value(page, "form_token")),
        ("idempotency_key", value(page, "idempotency_key")),
        ("act", "save".into()),
        ("kind", "signing".into()),
        ("title", title.into()),
        ("held_on", "29/7/2024".into()),
        ("place", "Hội trường UBND quận 11".into()),
        ("locality.text", "quan 11".into()),
        ("host.text", "UB.MTTQ quận 11".into()),
        ("agreements[0].title", "Chương trình phối hợp về đối ngoại nhân dân giai đoạn 2024–2029".into()),
        ("agreements[0].kind", "coordination_program".into()),
        ("agreements[0].period.start_year", "2024".into()),
        ("agreements[0].period.end_year", "2029".into()),
        ("agreements[0].parties[0].organization.text", "UB.MTTQ quận 11".into()),
        ("agreements[0].parties[0].role", "lead".into()),
        ("agreements[0].parties[1].organization.text", "hoi lhpn q11".into()),
        ("agreements[0].parties[1].role", "signatory".into()),
        ("agreements[0].parties[1].signatory_name", "Nguyễn Thị Lan".into()),
        ("agreements[0].directives[0].symbol", "12/CT-TW".into()),
        ("agreements[0].directives[0].relation", "implements".into()),
        ("agreements[0].tasks", "Tuyên truyền chủ trương\nGiao lưu hữu nghị".into()),
        ("agreements[1].title", "Quy chế phối hợp với Đoàn Thanh niên".into()),
        ("agreements[1].kind", "coordination_regulation".into()),
        ("agreements[1].period.start_year", "2024".into()),
        ("agreements[1].period.end_year", "2026".into()),
        ("agreements[1].parties[0].organization.text", "ubmttq quan 11".into()),
        ("agreements[1].parties[0].role", "lead".into()),
        ("agreements[1].parties[1].organization.text", "doan thanh nien quan 11".into()),
        ("agreements[1].parties[1].role", "signatory".into()),
        ("agreements[1].directives[0].symbol", "Chỉ thị 12".into()),
        ("agreements[1].directives[0].relation", "implements".into()),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

fn send(client: &Client, form: &[(String, String)]) -> (Status, Option<String>, String) {
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post(client, "/signing-events/new", &pairs)
}

fn signed_in_editor(app: &TestApp, locality: Option<i64>) -> String {
    signed_in_editor_at(app, &app.client, locality)
}

/// An editor (of `locality`, when given) signed in on `client`, and the empty form they see.
fn signed_in_editor_at(app: &TestApp, client: &Client, locality: Option<i64>) -> String {
    with_user_in(app, "bien-tap", Role::Editor, locality);
    assert_eq!(sign_in(client, "bien-tap", PASSWORD).0, Status::SeeOther);
    let (status, page) = html(client, "/signing-events/new");
    assert_eq!(status, Status::Ok, "{page}");
    page
}

fn events(app: &TestApp) -> i64 {
    app.get("/api/v1/signing-events").body["total"].as_i64().unwrap()
}

fn audit_entries(app: &TestApp) -> i64 {
    app.get("/api/v1/audit").body["total"].as_i64().unwrap()
}

#[test]
fn a_ceremony_typed_as_people_write_it_is_registered_once_and_listed_under_its_directive() {
    let app = TestApp::with_demo();
    let page = signed_in_editor(&app, None);
    let before = events(&app);
    let form = ceremony(&page, "Lễ ký kết chương trình phối hợp quận 11 năm 2024");
    let (status, location, body) = send(&app.client, &form);
    assert_eq!(status, Status::SeeOther, "{body}");
    let location = location.unwrap();
    assert!(location.starts_with("/signing-events/"), "{location}");
    // A double click, a reload: the same form saves nothing more and leads to the same event.
    let (status, again, _) = send(&app.client, &form);
    assert_eq!((status, again.as_deref()), (Status::SeeOther, Some(location.as_str())));
    assert_eq!(events(&app), before + 1);
    let (status, event_page) = html(&app.client, &location);
    assert_eq!(status, Status::Ok);
    assert!(event_page.contains("Quy chế phối hợp với Đoàn Thanh niên"), "{event_page}");
    let event = app.get(&format!("/api/v1{location}"));
    assert_eq!(event.body["host_id"], 13, "UB.MTTQ quận 11");
    assert_eq!(event.body["locality_id"], 3, "Quận 11");
    assert_eq!(event.body["held_on"], "2024-07-29");
    let first = app.get(&format!("/api/v1/agreements/{}", event.body["agreement_ids"][0]));
    let parties: Vec<(i64, &str)> = first.body["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["organization_id"].as_i64().unwrap(), p["role"].as_str().unwrap()))
        .collect();
    assert_eq!(parties, vec![(13, "lead"), (16, "signatory")], "hoi lhpn q11 is Quận 11's Women's Union");
    assert_eq!(first.body["tasks"], json!(["Tuyên truyền chủ trương", "Giao lưu hữu nghị"]));
    // Both agreements implement Chỉ thị 12-CT/TW, however it was typed.
    let under = app.get("/api/v1/directives/4/agreements?limit=100");
    let titles: Vec<&str> =
        under.body["items"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"Quy chế phối hợp với Đoàn Thanh niên"), "{titles:?}");
    let (_, directive_page) = html(&app.client, "/directives/4");
    assert!(directive_page.contains("Quy chế phối hợp với Đoàn Thanh niên"));
}

/// Seed 003: a briefing in Thanh Xuân, with a speaker and no agreement. The agreement the form
/// starts with, left untouched, is no agreement; on a signing it is said to be blank.
#[test]
fn a_briefing_is_registered_without_the_agreement_the_form_starts_with() {
    let app = TestApp::with_demo();
    let page = signed_in_editor(&app, None);
    let mut form = form_fields(&page, "registration");
    for (field, typed) in [
        ("title", "Hội nghị tuyên truyền về công tác đối ngoại nhân dân"),
        ("held_on", "15/9/2022"),
        ("locality.text", "thanh xuan"),
        ("host.text", "ubmttq thanh xuan"),
        ("attendees[0].name", "Trần Trung Hải"),
        ("attendees[0].position", "Giảng viên Học viện An ninh nhân dân, báo cáo viên"),
    ] {
        set(&mut form, field, typed);
    }
    let (status, _, page) = submit(&app.client, "/signing-events/new", &form, "save");
    assert_eq!(status, Status::UnprocessableEntity, "a signing's untouched agreement is said to be blank");
    assert!(page.contains("id=\"agreements[0].title-error\""), "{page}");
    let mut form = form_fields(&page, "registration");
    set(&mut form, "kind", "briefing");
    let (status, location, page) = submit(&app.client, "/signing-events/new", &form, "save");
    assert_eq!(status, Status::SeeOther, "{page}");
    let event = app.get(&format!("/api/v1{}", location.unwrap()));
    assert_eq!(event.body["kind"], "briefing");
    assert_eq!(event.body["agreement_ids"], json!([]));
    assert_eq!(event.body["attendees"][0]["name"], "Trần Trung Hải");
}

#[test]
fn mistakes_are_said_beside_their_fields_with_everything_typed_kept_and_nothing_written() {
    let app = TestApp::with_demo();
    let page = signed_in_editor(&app, None);
    let (before, entries) = (events(&app), audit_entries(&app));
    let mut form = ceremony(&page, "Lễ ký kết có lỗi");
    set(&mut form, "held_on", "30/02/2024");
    set(&mut form, "agreements[0].period.end_year", "2020");
    set(&mut form, "agreements[0].parties[1].organization.text", "UB.MTTQ quận 11");
    set(&mut form, "agreements[0].directives[0].symbol", "Chỉ thị 99-CT/TW");
    set(&mut form, "agreements[1].parties[1].organization.text", "");
    set(&mut form, "agreements[1].title", &"dài ".repeat(2500));
    let (status, _, page) = send(&app.client, &form);
    assert_eq!(status, Status::UnprocessableEntity);
    for (field, words) in [
        ("held_on", "ngày/tháng/năm"),
        ("agreements[0].period.end_year", "Năm kết thúc không được trước năm bắt đầu"),
        ("agreements[0].parties[1].organization_id", ""),
        ("agreements[0].directives[0].symbol", "99-CT/TW"),
        ("agreements[1].parties", ""),
        ("agreements[1].title", ""),
    ] {
        let id = format!("id=\"{field}-error\">");
        let at = page.find(&id).unwrap_or_else(|| panic!("no message beside {field}: {page}"));
        assert!(page[at..].split("</p>").next().unwrap().contains(words), "{field}");
    }
    // Everything typed is still there, the wrong values included.
    for kept in [
        "30/02/2024",
        "Lễ ký kết có lỗi",
        "Chỉ thị 99-CT/TW",
        "Nguyễn Thị Lan",
        "Giao lưu hữu nghị",
        "hoi lhpn",
        "2020",
    ] {
        assert!(page.contains(kept) || page.contains(&kept.replace(' ', "&#32;")), "{kept} kept");
    }
    assert_eq!((events(&app), audit_entries(&app)), (before, entries), "nothing written");
}

#[test]
fn rows_are_added_and_removed_without_script_and_a_name_several_fit_offers_each_with_its_place() {
    let app = TestApp::with_demo();
    let page = signed_in_editor(&app, None);
    let mut form = ceremony(&page, "Lễ ký kết");
    set(&mut form, "act", "add-party:0");
    let (status, _, page) = send(&app.client, &form);
    assert_eq!(status, Status::Ok);
    assert!(page.contains("name=\"agreements[0].parties[2].organization.text\""));
    assert!(page.contains("Nguyễn Thị Lan"), "what was typed stays");
    set(&mut form, "act", "remove-party:0:0");
    let (_, _, page) = send(&app.client, &form);
    assert_eq!(value(&page, "agreements[0].parties[0].organization.text"), "hoi lhpn q11");
    assert_eq!(value(&page, "agreements[0].parties[1].organization.text"), "", "the row added, still blank");
    set(&mut form, "act", "remove-agreement:1");
    let (_, _, page) = send(&app.client, &form);
    assert!(!page.contains("Quy chế phối hợp với Đoàn Thanh niên"));
    // "Hội LHPN" alone fits the city's and the district's: both are offered, told apart.
    set(&mut form, "agreements[0].parties[1].organization.text", "Hội LHPN");
    set(&mut form, "act", "check");
    let (_, _, page) = send(&app.client, &form);
    assert!(page.contains("value=\"choose:agreements[0].parties[1].organization:16\""), "{page}");
    assert!(page.contains("value=\"choose:agreements[0].parties[1].organization:6\""));
    assert!(page.contains("Quận 11 · TP. Hồ Chí Minh"));
}

#[test]
fn a_missing_organization_is_made_from_inside_the_form_as_its_own_audited_write() {
    let app = TestApp::with_demo();
    let page = signed_in_editor(&app, None);
    let mut form = ceremony(&page, "Lễ ký kết với Hội Khuyến học");
    set(&mut form, "agreements[0].parties[1].organization.text", "Hội Khuyến học quận 11");
    set(&mut form, "act", "save");
    let (status, _, page) = send(&app.client, &form);
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("value=\"new-organization:agreements[0].parties[1].organization\""), "{page}");
    set(&mut form, "act", "new-organization:agreements[0].parties[1].organization");
    let (_, _, page) = send(&app.client, &form);
    assert!(page.contains("name=\"new_organization.name\" value=\"Hội Khuyến học quận 11\""), "{page}");
    for (k, v) in [
        ("new_organization.slot", "agreements[0].parties[1].organization"),
        ("new_organization.name", "Hội Khuyến học quận 11"),
        ("new_organization.kind", "other"),
        ("new_organization.locality.text", "quận 11"),
        ("act", "create-organization"),
    ] {
        set(&mut form, k, v);
    }
    let (status, _, page) = send(&app.client, &form);
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Đã tạo tổ chức"), "{page}");
    assert!(page.contains("Lễ ký kết với Hội Khuyến học"), "the registration is still there");
    let made = app.get(&format!("/api/v1/organizations?q={}", crate::support::enc("Hội Khuyến học")));
    assert_eq!(made.body["total"], 1);
    let id = made.body["items"][0]["id"].as_i64().unwrap();
    assert_eq!(made.body["items"][0]["locality_id"], 3);
    let trail = app.get(&format!("/api/v1/audit?record_type=organization&record_id={id}"));
    assert_eq!(trail.body["items"][0]["actor"], "bien-tap");
    assert_eq!(value(&page, "agreements[0].parties[1].organization.id"), id.to_string());
    let form: Vec<(String, String)> = form.into_iter().filter(|(k, _)| !k.starts_with("new_organization")).collect();
    let mut form = form;
    set(&mut form, "agreements[0].parties[1].organization.id", &id.to_string());
    set(&mut form, "agreements[0].parties[1].organization.chosen", "Hội Khuyến học quận 11");
    set(&mut form, "act", "save");
    let (status, location, page) = send(&app.client, &form);
    assert_eq!(status, Status::SeeOther, "{page}");
    assert!(location.unwrap().starts_with("/signing-events/"));
}

/// An entry of the audit trail as it would be the same whoever wrote it.
fn unsigned(entry: &Value) -> Value {
    let mut e = entry.clone();
    for field in ["id", "at", "actor", "token_id", "user_id"] {
        e.as_object_mut().unwrap().remove(field);
    }
    e
}

#[test]
fn the_form_and_the_api_store_the_same_records_and_audit_entries() {
    let by_form = TestApp::with_demo();
    let page = signed_in_editor(&by_form, None);
    let (status, location, body) = send(&by_form.client, &ceremony(&page, "Lễ ký kết"));
    assert_eq!(status, Status::SeeOther, "{body}");
    let by_api = TestApp::with_demo();
    let written = json!({
        "kind": "signing", "title": "Lễ ký kết", "held_on": "2024-07-29", "place": "Hội trường UBND quận 11",
        "locality_id": 3, "host_id": 13,
        "agreements": [
            {"title": "Chương trình phối hợp về đối ngoại nhân dân giai đoạn 2024–2029", "kind": "coordination_program",
             "period": {"start_year": 2024, "end_year": 2029},
             "parties": [{"organization_id": 13, "role": "lead"},
                         {"organization_id": 16, "role": "signatory", "signatory_name": "Nguyễn Thị Lan"}],
             "directives": [{"symbol": "12/CT-TW"}], "tasks": ["Tuyên truyền chủ trương", "Giao lưu hữu nghị"]},
            {"title": "Quy chế phối hợp với Đoàn Thanh niên", "kind": "coordination_regulation",
             "period": {"start_year": 2024, "end_year": 2026},
             "parties": [{"organization_id": 13, "role": "lead"}, {"organization_id": 17}],
             "directives": [{"directive_id": 4}]}
        ]
    });
    let made = by_api.post("/api/v1/signing-events", written);
    assert_eq!(made.status, Status::Created, "{:?}", made.body);
    let path = format!("/api/v1{}", location.unwrap());
    assert_eq!(by_form.get(&path).body, made.body, "the same event, agreements and all");
    // The registry's entries, not those of who signed in or held a token.
    let trail = |app: &TestApp| -> Vec<Value> {
        let all = app.get("/api/v1/audit?limit=500").body["items"].as_array().unwrap().clone();
        all.iter().filter(|e| !matches!(e["record_type"].as_str(), Some("user" | "token"))).map(unsigned).collect()
    };
    let (form_trail, api_trail) = (trail(&by_form), trail(&by_api));
    assert_eq!(form_trail.len(), api_trail.len());
    for (f, a) in form_trail.iter().zip(&api_trail) {
        assert_eq!(f, a);
    }
    assert_eq!(by_form.get("/api/v1/audit?limit=1").body["items"][0]["actor"], "bien-tap");
}

#[test]
fn writers_only_and_an_editor_elsewhere_is_refused_with_nothing_written() {
    let app = TestApp::with_demo();
    with_user(&app, "chi-xem", Role::Viewer);
    sign_in(&app.client, "chi-xem", PASSWORD);
    assert_eq!(html(&app.client, "/signing-events/new").0, Status::Forbidden);
    let (_, home) = html(&app.client, "/");
    assert!(!home.contains("/signing-events/new"), "a viewer sees no button to register");
    // An editor of Cần Thơ, in another browser, crafts a registration in Quận 11.
    let other = Client::tracked(phoihop::build(phoihop::Config::new(app.db_url.clone()))).unwrap();
    let page = signed_in_editor_at(&app, &other, Some(4));
    let (before, entries) = (events(&app), audit_entries(&app));
    let (status, _, page) = send(&other, &ceremony(&page, "Ngoài địa bàn"));
    assert_eq!(status, Status::Forbidden, "{page}");
    assert!(page.contains("<h1>"), "a page, not a bare status");
    assert_eq!((events(&app), audit_entries(&app)), (before, entries));
    // And a post without its form's token writes nothing either.
    let mut form = ceremony(&html(&other, "/signing-events/new").1, "Không có mã biểu mẫu");
    set(&mut form, "form_token", "");
    assert_eq!(send(&other, &form).0, Status::Forbidden);
    assert_eq!(events(&app), before);
}
