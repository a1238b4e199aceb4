//! The admins' pages: an account's role, place and password; API tokens (a secret shown once,
//! revoked with a button); deleted records restored; and the audit trail, which editors read
//! too, filtered as the API filters it.

use rocket::http::{Method, Status};

use crate::support::TestApp;
use crate::web_support::{form_token, html, post, sign_in, signed_in, with_user, PASSWORD};
use phoihop::models::enums::Role;

#[test]
fn an_admin_changes_an_accounts_role_and_password_but_not_their_own_role() {
    let app = TestApp::with_demo();
    let admin = signed_in(&app, "quan-tri", Role::Admin, None);
    let lan = signed_in(&app, "lan", Role::Viewer, None);
    let (_, users) = html(&admin, "/users");
    let lan_page = users.split("href=\"/users/").find_map(|s| s.strip_suffix_at("\">lan<")).expect("Lan is listed");
    let (status, page) = html(&admin, &format!("/users/{lan_page}"));
    assert_eq!(status, Status::Ok, "{page}");
    let token = form_token(&page);
    // A locality that does not exist is said beside its field; nothing changes.
    let access = format!("/users/{lan_page}/access");
    let (status, _, page) =
        post(&admin, &access, &[("role", "editor"), ("locality_id", "9999"), ("form_token", &token)]);
    assert_eq!(status, Status::UnprocessableEntity, "{page}");
    assert!(page.contains("id=\"locality_id-error\"") && page.contains("value=\"9999\""), "{page}");
    assert_eq!(html(&lan, "/signing-events/new").0, Status::Forbidden, "still a viewer");
    let (status, location, _) =
        post(&admin, &access, &[("role", "editor"), ("locality_id", "3"), ("form_token", &token)]);
    assert_eq!((status, location), (Status::SeeOther, Some(access.replace("/access", ""))));
    assert_eq!(html(&lan, "/signing-events/new").0, Status::Ok, "an editor now, in the same session");
    // A new password ends Lan's sessions; the old one no longer opens.
    let (status, _, page) =
        post(&admin, &format!("/users/{lan_page}/password"), &[("password", "ngắn"), ("form_token", &token)]);
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"password-error\""), "{page}");
    let fresh = "một mật khẩu mới đủ dài";
    let (status, _, page) =
        post(&admin, &format!("/users/{lan_page}/password"), &[("password", fresh), ("form_token", &token)]);
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Đã đặt mật khẩu mới"), "{page}");
    assert_eq!(lan.get("/signing-events/new").dispatch().status(), Status::SeeOther, "sent to sign in");
    assert_eq!(sign_in(&lan, "lan", PASSWORD).0, Status::Unauthorized);
    assert_eq!(sign_in(&lan, "lan", fresh).0, Status::SeeOther);
    // The admin's own account: the role cannot be taken away by its holder, nor disabled.
    let (_, users) = html(&admin, "/users");
    let own = users.split("href=\"/users/").find_map(|s| s.strip_suffix_at("\">quan-tri<")).unwrap();
    let (status, _, page) = post(
        &admin,
        &format!("/users/{own}/access"),
        &[("role", "viewer"), ("locality_id", ""), ("form_token", &token)],
    );
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"role-error\"") && page.contains("quản trị viên khác"), "{page}");
    assert!(!users.contains("aria-label=\"Khóa quan-tri\""), "no button to disable oneself");
    assert_eq!(html(&admin, "/users").0, Status::Ok, "still an admin");
    let trail = app.get("/api/v1/audit?record_type=user");
    let actions: Vec<&str> =
        trail.body["items"].as_array().unwrap().iter().filter_map(|e| e["actor"].as_str()).collect();
    assert!(actions.iter().filter(|a| **a == "quan-tri").count() >= 2, "each change audited: {trail:?}");
    // Only admins come here.
    assert_eq!(html(&lan, &format!("/users/{lan_page}")).0, Status::Forbidden);
}

/// `…/users/12">lan<…` → `12`: the id of the link that holds a name.
trait IdBefore {
    fn strip_suffix_at(&self, end: &str) -> Option<String>;
}

impl IdBefore for &str {
    fn strip_suffix_at(&self, end: &str) -> Option<String> {
        let (id, _) = self.split_once(end)?;
        id.chars().all(|c| c.is_ascii_digit()).then(|| id.to_string())
    }
}

#[test]
fn a_token_made_on_its_page_shows_its_secret_once_works_and_is_revoked_with_a_button() {
    let app = TestApp::with_demo();
    let admin = signed_in(&app, "quan-tri", Role::Admin, None);
    let (_, page) = html(&admin, "/tokens");
    let token = form_token(&page);
    let (status, _, page) = post(
        &admin,
        "/tokens",
        &[("name", "may-chu-bao-cao"), ("role", "bogus"), ("locality_id", ""), ("form_token", &token)],
    );
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"role-error\"") && page.contains("value=\"may-chu-bao-cao\""), "{page}");
    let (status, _, page) = post(
        &admin,
        "/tokens",
        &[("name", "may-chu-bao-cao"), ("role", "editor"), ("locality_id", "3"), ("form_token", &token)],
    );
    assert_eq!(status, Status::Created, "{page}");
    let secret = page.split("<code class=\"secret\">").nth(1).and_then(|s| s.split('<').next()).expect("the secret");
    assert!(secret.len() >= 32, "{secret}");
    let read = app.req(Method::Get, "/api/v1/audit").token(Some(secret)).send();
    assert_eq!(read.status, Status::Ok, "the new token reads the trail as an editor: {:?}", read.body);
    let (_, again) = html(&admin, "/tokens");
    assert!(again.contains("may-chu-bao-cao") && !again.contains(secret), "never shown again");
    let id = again
        .split("action=\"/tokens/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .filter(|_| again.matches("action=\"/tokens/").count() == 2)
        .expect("the admin's token and the new one, each with its button");
    let (status, _, _) = post(&admin, &format!("/tokens/{id}/revoke"), &[("form_token", &token)]);
    assert_eq!(status, Status::SeeOther);
    let refused = app.req(Method::Get, "/api/v1/audit").token(Some(secret)).send();
    assert_eq!(refused.status, Status::Unauthorized);
    with_user(&app, "bien-tap", Role::Editor);
    let editor =
        rocket::local::blocking::Client::tracked(phoihop::build(phoihop::Config::new(app.db_url.clone()))).unwrap();
    sign_in(&editor, "bien-tap", PASSWORD);
    assert_eq!(html(&editor, "/tokens").0, Status::Forbidden);
}

#[test]
fn a_deleted_record_is_listed_and_restored_and_one_that_no_longer_fits_stays_kept_with_the_reason() {
    let app = TestApp::with_demo();
    let admin = signed_in(&app, "quan-tri", Role::Admin, None);
    let made = app.post(
        "/api/v1/organizations",
        serde_json::json!({"name": "Hội Sinh viên quận 11", "kind": "other", "locality_id": 3}),
    );
    assert_eq!(made.status, Status::Created, "{:?}", made.body);
    let org = made.body["id"].as_i64().unwrap();
    for path in [format!("/organizations/{org}"), "/agreements/5".to_string()] {
        let (_, page) = html(&admin, &format!("{path}/delete"));
        let form = [("form_token", form_token(&page)), ("version", crate::web_support::value(&page, "version"))];
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(post(&admin, &format!("{path}/delete"), &pairs).0, Status::SeeOther);
    }
    let (status, page) = html(&admin, "/deleted");
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Hội Sinh viên quận 11") && page.contains("Văn bản phối hợp #5"), "{page}");
    let (_, only) = html(&admin, "/deleted?record_type=organization");
    assert!(only.contains("Hội Sinh viên quận 11") && !only.contains("Văn bản phối hợp #5"), "{only}");
    let kept = |page: &str, name: &str| -> String {
        let row = page.split("<tr>").find(|r| r.contains(name)).expect("listed");
        row.split("action=\"/deleted/").nth(1).and_then(|s| s.split('/').next()).unwrap().to_string()
    };
    let token = form_token(&page);
    // The agreement comes back under its number.
    let (status, location, _) =
        post(&admin, &format!("/deleted/{}/restore", kept(&page, "#5")), &[("form_token", &token)]);
    assert_eq!((status, location.as_deref()), (Status::SeeOther, Some("/agreements/5")));
    assert_eq!(app.get("/api/v1/agreements/5").status, Status::Ok);
    // Another took the organization's name since: it stays kept, and the page says why.
    let other = app.post(
        "/api/v1/organizations",
        serde_json::json!({"name": "Hội Sinh viên quận 11", "kind": "other", "locality_id": 3}),
    );
    assert_eq!(other.status, Status::Created);
    let (status, _, page) =
        post(&admin, &format!("/deleted/{}/restore", kept(&page, "Hội Sinh viên")), &[("form_token", &token)]);
    assert_eq!(status, Status::Conflict, "{page}");
    assert!(page.contains("class=\"errors\"") && page.contains("Hội Sinh viên quận 11"), "{page}");
    assert_eq!(app.get(&format!("/api/v1/organizations/{org}")).status, Status::NotFound);
}

#[test]
fn editors_read_the_trail_filtered_by_record_person_and_days_and_a_bad_filter_is_said_beside_its_field() {
    let app = TestApp::with_demo();
    let editor = signed_in(&app, "bien-tap", Role::Editor, None);
    let agreement = "/api/v1/agreements/1";
    let changed = app
        .req(Method::Patch, agreement)
        .if_match(&app.etag(agreement))
        .json(serde_json::json!({"topic": "Đối ngoại nhân dân, biển đảo"}))
        .send();
    assert_eq!(changed.status, Status::Ok);
    let (status, page) = html(&editor, "/audit");
    assert_eq!(status, Status::Ok);
    assert!(page.contains("href=\"/agreements/1\"") && page.contains("phoihop demo"), "{page}");
    let today = chrono::Utc::now().date_naive();
    let (_, page) = html(&editor, &format!("/audit?record_type=agreement&record_id=1&token=admin&until={today}"));
    let changes = page.matches("<section class=\"change\">").count();
    assert_eq!(changes, 1, "the admin's change, today included: {page}");
    assert!(page.contains("Nội dung chính") && page.contains("Đối ngoại nhân dân, biển đảo"), "{page}");
    let (_, page) = html(&editor, &format!("/audit?record_type=agreement&until={}", today.pred_opt().unwrap()));
    assert!(page.contains("Không có thay đổi nào"), "nothing before today: {page}");
    let (status, page) = html(&editor, "/audit?record_type=agreement&record_id=mot");
    assert_eq!(status, Status::BadRequest);
    assert!(page.contains("id=\"record_id-error\"") && page.contains("value=\"mot\""), "{page}");
    let viewer = signed_in(&app, "chi-xem", Role::Viewer, None);
    assert_eq!(html(&viewer, "/audit").0, Status::Forbidden);
    let (_, home) = html(&viewer, "/");
    assert!(!home.contains("href=\"/audit\""), "no link to what a viewer may not read");
}
