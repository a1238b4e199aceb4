//! The web pages, read as a browser reads them (HTML in Vietnamese, or English when asked), over
//! the demo: what an official sees, and what a mistyped address or a missing record shows.

use rocket::http::{Method, Status};

use crate::support::{enc, TestApp, TestDb};
use phoihop::Config;

/// The demo with reads public, as `serve --demo` runs it.
fn demo_site() -> TestApp {
    let (db, url) = TestDb::of_backend();
    let app = TestApp::on(db, Config { public_read: true, ..Config::new(url) });
    app.load_demo();
    app
}

/// A page as a browser without a token asks for it: (status, content type, HTML).
fn page(app: &TestApp, path: &str, language: &str) -> (Status, String, String) {
    let r = app.req(Method::Get, path).token(None).header("Accept-Language", language).send();
    let html = match r.body {
        serde_json::Value::String(html) => html,
        other => other.to_string(),
    };
    (r.status, r.content_type.unwrap_or_default(), html)
}

fn html(app: &TestApp, path: &str) -> String {
    let (status, kind, html) = page(app, path, "vi");
    assert_eq!((status, kind.as_str()), (Status::Ok, "text/html"), "{path}: {html}");
    assert!(html.len() < 100 * 1024, "{path} is {} bytes of HTML", html.len());
    let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default();
    assert!(!title.is_empty() && !title.contains('<'), "{path}: a title of words, not {title:?}");
    html
}

fn id_of(app: &TestApp, search: &str) -> i64 {
    app.get(search).body["items"][0]["id"].as_i64().unwrap_or_else(|| panic!("{search} finds nothing"))
}

#[test]
fn the_home_page_finds_organizations_typed_as_staff_type_them() {
    let app = demo_site();
    let women = id_of(&app, &format!("/api/v1/organizations?q={}", enc("hoi lhpn quan 11")));
    for typed in ["hoi lhpn q11", "Hội LHPN Q.11", "phu nu quan 11"] {
        let found = html(&app, &format!("/?q={}", enc(typed)));
        assert!(found.contains(&format!("href=\"/organizations/{women}\"")), "{typed}: {found}");
        assert!(found.contains("Hội Liên hiệp Phụ nữ quận 11"));
    }
    let front = html(&app, &format!("/?q={}", enc("ubmttq can tho")));
    assert!(front.contains("Ủy ban Mặt trận Tổ quốc Việt Nam TP. Cần Thơ"), "{front}");
    let directive = html(&app, &format!("/?q={}", enc("12/CT-TW")));
    let twelve = id_of(&app, &format!("/api/v1/directives/resolve?symbol={}", enc("12-CT/TW")));
    assert!(directive.contains(&format!("href=\"/directives/{twelve}\"")), "{directive}");
    // Its page counts the agreements under it by province.
    let page = html(&app, &format!("/directives/{twelve}"));
    let counted = page.split("Theo tỉnh, thành phố").nth(1).unwrap_or_else(|| panic!("no count by province: {page}"));
    assert!(counted.contains("TP. Hồ Chí Minh"), "{counted}");
    // Without a search: what is in force this year and what was registered last.
    let home = html(&app, "/");
    assert!(home.contains("Đang có hiệu lực năm nay") && home.contains("Mới đăng ký"));
    assert!(home.contains("<html lang=\"vi\">"));
}

#[test]
fn an_agreement_page_shows_its_parties_event_and_directives_in_words() {
    let app = demo_site();
    let women = id_of(&app, &format!("/api/v1/organizations?q={}", enc("hoi lhpn quan 11")));
    let plan = id_of(&app, &format!("/api/v1/agreements?signed_by={women}&active_in=2017"));
    let shown = html(&app, &format!("/agreements/{plan}"));
    assert_eq!(shown.matches("href=\"/organizations/").count() - 1, 6, "six parties and the host: {shown}");
    for words in ["Kế hoạch phối hợp", "Đã hết thời hạn", "2017–2019", "11/5/2017", "Chủ trì", "Cùng ký", "Chỉ thị 04"]
    {
        assert!(shown.contains(words), "{words} missing: {shown}");
    }
    let (_, _, english) = page(&app, &format!("/agreements/{plan}"), "en");
    assert!(
        english.contains("Coordination plan") && english.contains("Lead") && english.contains("<html lang=\"en\">")
    );
}

#[test]
fn the_list_keeps_its_filters_in_the_address_and_reads_a_directive_as_typed() {
    let app = demo_site();
    let list = html(&app, &format!("/agreements?directive={}", enc("12/CT-TW")));
    assert!(list.contains("2024–2029"), "{list}");
    assert!(list.contains("value=\"12/CT-TW\""), "the filter stays in its field");
    let in_force = html(&app, "/agreements?status=in_force&active_in=2026&signer=");
    assert!(in_force.contains("<option value=\"in_force\" selected>"));
    assert!(!in_force.contains("2017–2019"), "an expired plan is not in force");
}

#[test]
fn two_signers_are_added_by_name_and_the_list_keeps_both() {
    let app = demo_site();
    let front = id_of(&app, &format!("/api/v1/organizations?q={}", enc("ubmttq quan 11")));
    let women = id_of(&app, &format!("/api/v1/organizations?q={}", enc("hoi lhpn quan 11")));
    let r = app
        .req(Method::Get, &format!("/agreements?signed_by={front}&signer={}", enc("hoi lhpn q11")))
        .token(None)
        .send();
    assert_eq!(r.status, Status::SeeOther);
    let next = r.location.unwrap();
    assert_eq!(next, format!("/agreements?signed_by={front}&signed_by={women}"));
    let both = html(&app, &next);
    assert!(both.contains("2017–2019") && both.contains(&format!("value=\"{women}\"")), "{both}");
    let (status, _, missing) = page(&app, &format!("/agreements?signer={}", enc("khong co to chuc nao")), "vi");
    assert_eq!(status, Status::BadRequest);
    assert!(missing.contains("id=\"signer-error\"") && missing.contains("Không có tổ chức nào khớp"), "{missing}");
}

#[test]
fn a_malformed_filter_answers_the_list_with_the_message_beside_its_field() {
    let app = demo_site();
    let (status, kind, shown) = page(&app, "/agreements?active_in=abc&kind=plan", "vi");
    assert_eq!((status, kind.as_str()), (Status::BadRequest, "text/html"));
    assert!(shown.contains("id=\"active_in-error\"") || shown.contains("id=\"kind-error\""), "{shown}");
    assert!(shown.contains("aria-invalid=\"true\""));
    let (status, _, mistyped) = page(&app, "/agreements?actve_in=2020", "vi");
    assert_eq!(status, Status::BadRequest);
    assert!(mistyped.contains("actve_in"), "the mistyped name is named: {mistyped}");
}

#[test]
fn missing_records_and_addresses_answer_friendly_pages_and_the_api_keeps_problem_json() {
    let app = demo_site();
    for path in ["/agreements/999999", "/organizations/abc", "/nowhere", "/directives/0"] {
        let (status, kind, shown) = page(&app, path, "vi");
        assert_eq!((status, kind.as_str()), (Status::NotFound, "text/html"), "{path}");
        assert!(shown.contains("Không tìm thấy trang") && shown.contains("href=\"/\""), "{path}: {shown}");
    }
    let api = app.get("/api/v1/agreements/999999");
    assert_eq!(api.content_type.as_deref(), Some("application/problem+json"));
}

#[test]
fn every_page_of_the_demo_is_reachable_from_the_home_page_and_answers() {
    let app = demo_site();
    let mut seen = std::collections::HashSet::new();
    let mut queue = vec!["/".to_string()];
    while let Some(path) = queue.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        if path.contains("format=") {
            // A download link answers its file, not a page.
            let (status, kind, body) = app.download(&path, &[]);
            assert_eq!(status, Status::Ok, "{path}");
            assert!(kind.is_some_and(|k| k != "text/html") && !body.is_empty(), "{path}");
            continue;
        }
        let shown = html(&app, &path);
        for link in shown.split("href=\"").skip(1).filter_map(|s| s.split('"').next()) {
            let link = link.replace("&#38;", "&").replace("&amp;", "&");
            if link.starts_with('/') && !link.starts_with("/language/") && !link.starts_with("/static/") {
                queue.push(link);
            }
        }
    }
    assert!(
        seen.iter().any(|p| p.starts_with("/signing-events/"))
            && seen.iter().any(|p| p.contains("format=xlsx"))
            && seen.iter().any(|p| p.starts_with("/localities/"))
    );
    assert!(seen.len() > 40, "the crawl saw {} pages", seen.len());
}

#[test]
fn static_files_carry_their_hash_and_are_kept_long() {
    let app = demo_site();
    let home = html(&app, "/");
    let css = home.split("href=\"/static/").nth(1).and_then(|s| s.split('"').next()).unwrap();
    assert!(css.starts_with("style.") && css.ends_with(".css"));
    let r = app.client.get(format!("/static/{css}")).dispatch();
    assert_eq!(r.status(), Status::Ok);
    assert_eq!(r.headers().get_one("Cache-Control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(app.client.get("/static/style.000000000000.css").dispatch().status(), Status::NotFound);
}

#[test]
fn the_language_switch_keeps_the_choice_and_goes_back_only_within_the_site() {
    let app = demo_site();
    let r = app.client.get("/language/en?back=/agreements").dispatch();
    assert_eq!(r.status(), Status::SeeOther);
    assert_eq!(r.headers().get_one("Location"), Some("/agreements"));
    let english = app.client.get("/agreements").dispatch().into_string().unwrap();
    assert!(english.contains("<html lang=\"en\">"), "the cookie keeps English");
    let away = app.client.get("/language/vi?back=//evil.example").dispatch();
    assert_eq!(away.headers().get_one("Location"), Some("/"));
}

#[test]
fn pages_are_not_public_unless_reads_are() {
    let app = TestApp::with_demo();
    let r = app.req(Method::Get, "/agreements").token(None).send();
    assert_eq!((r.status, r.location.as_deref()), (Status::SeeOther, Some("/sign-in?next=%2Fagreements")));
}
