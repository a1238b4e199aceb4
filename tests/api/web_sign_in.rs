//! Signing in to the pages: a session in the database, forms that carry their token, a brake on
//! guessing, and the admins' page for users.

use rocket::http::{Cookie, Status};
use rocket::local::blocking::Client;

use crate::support::TestApp;
use crate::web_support::{form_token, html, post, sign_in, with_user, PASSWORD};
use phoihop::models::enums::Role;
use phoihop::models::user;

#[test]
fn a_user_signs_in_reads_and_signs_out_and_is_then_sent_to_sign_in() {
    let app = TestApp::with_demo();
    with_user(&app, "lan", Role::Viewer);
    let client = &app.client;
    // Reads are not public here: a page sends the browser to sign in, and back after.
    let r = client.get("/agreements?kind=coordination_plan").dispatch();
    assert_eq!(r.status(), Status::SeeOther);
    assert_eq!(r.headers().get_one("Location"), Some("/sign-in?next=%2Fagreements%3Fkind%3Dcoordination_plan"));
    let (status, location, _) = sign_in(client, "lan", PASSWORD);
    assert_eq!((status, location.as_deref()), (Status::SeeOther, Some("/agreements")));
    let cookie = client.cookies().get("phoihop_session").map(|c| (c.http_only(), c.same_site())).unwrap();
    assert_eq!(cookie, (Some(true), Some(rocket::http::SameSite::Lax)));
    let (status, page) = html(client, "/agreements");
    assert_eq!(status, Status::Ok);
    assert!(page.contains("lan") && page.contains("action=\"/sign-out\""));
    let (status, location, _) = post(client, "/sign-out", &[("form_token", &form_token(&page))]);
    assert_eq!((status, location.as_deref()), (Status::SeeOther, Some("/")));
    assert_eq!(client.get("/agreements").dispatch().status(), Status::SeeOther, "signed out, refused");
}

#[test]
fn a_wrong_password_is_said_beside_the_form_and_repeated_tries_are_braked() {
    let app = TestApp::new();
    with_user(&app, "lan", Role::Viewer);
    let client = &app.client;
    let (status, _, page) = sign_in(client, "lan", "không phải mật khẩu");
    assert_eq!(status, Status::Unauthorized);
    assert!(page.contains("Tên đăng nhập hoặc mật khẩu không đúng."), "{page}");
    assert!(!page.contains("không phải mật khẩu"), "a password is never echoed");
    for _ in 0..2 {
        sign_in(client, "lan", "sai nữa rồi!!");
    }
    // Past the free tries, even the right password waits.
    let (status, _, page) = sign_in(client, "lan", PASSWORD);
    assert_eq!(status, Status::TooManyRequests);
    assert!(page.contains("Xin thử lại sau"), "{page}");
    assert!(client.cookies().get("phoihop_session").is_none());
    // Another name from the same address is braked too: guessing names does not help.
    let (status, _, _) = sign_in(client, "someone-else", PASSWORD);
    assert_eq!(status, Status::TooManyRequests);
}

#[test]
fn forms_without_their_token_write_nothing_and_a_forged_cookie_is_no_one() {
    let app = TestApp::new();
    with_user(&app, "admin-lan", Role::Admin);
    let client = &app.client;
    let (status, _, _) = post(client, "/sign-in", &[("name", "admin-lan"), ("password", PASSWORD), ("form_token", "")]);
    assert_eq!(status, Status::Forbidden);
    assert!(client.cookies().get("phoihop_session").is_none());
    sign_in(client, "admin-lan", PASSWORD);
    let made = [("name", "mai"), ("password", PASSWORD), ("role", "viewer"), ("locality_id", "")];
    let (status, _, _) =
        post(client, "/users", &[made.as_slice(), &[("form_token", "0".repeat(64).as_str())]].concat());
    assert_eq!(status, Status::Forbidden);
    let pool = phoihop::db::connect(&phoihop::Config::new(app.db_url.clone())).unwrap();
    assert!(user::find(&mut pool.get().unwrap(), "mai").unwrap().is_none(), "nothing written");
    let stranger = Client::untracked(phoihop::build(phoihop::Config::new(app.db_url.clone()))).unwrap();
    let forged = stranger.get("/users").cookie(Cookie::new("phoihop_session", "f".repeat(64))).dispatch();
    assert_eq!(forged.status(), Status::SeeOther, "a forged session is signed out");
}

#[test]
fn admins_add_and_disable_users_on_their_page_and_others_may_not() {
    let app = TestApp::new();
    with_user(&app, "admin-lan", Role::Admin);
    let client = &app.client;
    sign_in(client, "admin-lan", PASSWORD);
    let (_, page) = html(client, "/users");
    let token = form_token(&page);
    let (status, _, page) = post(
        client,
        "/users",
        &[("name", "mai"), ("password", "ngắn"), ("role", "viewer"), ("locality_id", ""), ("form_token", &token)],
    );
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(
        page.contains("id=\"password-error\"") && page.contains("value=\"mai\""),
        "the form keeps what was typed: {page}"
    );
    let (status, location, _) = post(
        client,
        "/users",
        &[("name", "mai"), ("password", PASSWORD), ("role", "viewer"), ("locality_id", ""), ("form_token", &token)],
    );
    assert_eq!((status, location.as_deref()), (Status::SeeOther, Some("/users")));
    // Mai signs in elsewhere, cannot see the users, and is then disabled: her session ends.
    let other = Client::tracked(phoihop::build(phoihop::Config::new(app.db_url.clone()))).unwrap();
    assert_eq!(sign_in(&other, "mai", PASSWORD).0, Status::SeeOther);
    assert_eq!(other.get("/users").dispatch().status(), Status::Forbidden);
    let (status, _, _) = post(client, "/users/disable", &[("name", "mai"), ("form_token", &token)]);
    assert_eq!(status, Status::SeeOther);
    assert_eq!(other.get("/users").dispatch().status(), Status::SeeOther, "her session ended");
    assert_eq!(sign_in(&other, "mai", PASSWORD).0, Status::Unauthorized);
}

#[test]
fn an_agreement_page_shows_its_history_to_staff_only() {
    let app = TestApp::with_demo();
    with_user(&app, "editor-lan", Role::Editor);
    with_user(&app, "viewer-mai", Role::Viewer);
    let agreement = "/api/v1/agreements/1";
    let changed = app
        .req(rocket::http::Method::Patch, agreement)
        .if_match(&app.etag(agreement))
        .json(serde_json::json!({"topic": "Đối ngoại nhân dân, biển đảo"}))
        .send();
    assert_eq!(changed.status, Status::Ok, "{:?}", changed.body);
    let client = &app.client;
    sign_in(client, "editor-lan", PASSWORD);
    let (_, page) = html(client, "/agreements/1");
    let history = page.split("Lịch sử thay đổi").nth(1).unwrap_or_else(|| panic!("no history: {page}"));
    assert!(
        history.contains("Nội dung chính")
            && history.contains("Đối ngoại nhân dân, biển đảo")
            && history.contains("admin")
    );
    let viewer = Client::tracked(phoihop::build(phoihop::Config::new(app.db_url.clone()))).unwrap();
    sign_in(&viewer, "viewer-mai", PASSWORD);
    let (_, page) = html(&viewer, "/agreements/1");
    assert!(page.contains("Các bên ký kết") && !page.contains("Lịch sử thay đổi"), "a viewer sees no history");
}
