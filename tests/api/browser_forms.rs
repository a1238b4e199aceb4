//! The pages that write, in a real browser: a ceremony registered as staff type it (htmx
//! suggestions, a missing organization made from inside the form, a mistake said beside its
//! field with the rest kept), a ceremony registered with the keyboard alone, a directive added
//! on its own page, and two people editing one agreement while an editor elsewhere is refused.
//! Screenshots of the form, an error and a conflict go to target/screenshots (docs/screenshots
//! with PHOIHOP_UPDATE_SCREENSHOTS=1).

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::browser::{
    add_user, browser, click, click_to_leave, demo_server, fill, run, screenshot, sign_in, sign_in_as, text_of,
    violations, PASSWORD,
};

/// A field by its name as the form posts it (names hold brackets and dots, ids hold neither).
pub(crate) fn named(name: &str) -> String {
    format!("[name='{name}']")
}

/// Waits until the element `css` holds `words` (htmx swaps answer after a moment).
pub(crate) async fn wait_for_text(c: &Client, css: &str, words: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = match c.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text.contains(words) {
            return text;
        }
        assert!(Instant::now() < deadline, "{css} never said {words:?}; it says {text:?}");
        rocket::tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Presses a button that posts the form through htmx, and waits for the form it answers.
pub(crate) async fn press(c: &Client, act: &str, then: &str) {
    let old = c.find(Locator::Css("#registration")).await.unwrap();
    c.find(Locator::Css(&format!("button[name='act'][value='{act}']"))).await.unwrap().click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while old.tag_name().await.is_ok() {
        assert!(Instant::now() < deadline, "{act} did not answer");
        rocket::tokio::time::sleep(Duration::from_millis(20)).await;
    }
    c.find(Locator::Css(then)).await.unwrap_or_else(|e| panic!("after {act}, {then}: {e}"));
}

pub(crate) async fn value_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap().prop("value").await.unwrap().unwrap_or_default()
}

pub(crate) async fn select(c: &Client, css: &str, value: &str) {
    let field = c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    field.select_by_value(value).await.unwrap();
}

pub(crate) async fn save(c: &Client) {
    click(c, "p.actions button[value='save']").await;
}

/// Presses "Tạo" among a name's choices (`choices`, once it is offered) and waits for the form
/// to come back with the organization to make.
pub(crate) async fn open_new_organization(c: &Client, choices: &str) {
    wait_for_text(c, choices, "Tạo").await;
    let old = c.find(Locator::Css("#registration")).await.unwrap();
    let create = format!("{choices} button[value^='new-organization']");
    c.find(Locator::Css(&create)).await.unwrap().click().await.unwrap();
    while old.tag_name().await.is_ok() {
        rocket::tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[test]
fn a_ceremony_typed_as_staff_type_it_is_registered_with_a_missing_organization_made_on_the_way() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = demo_server(dir.path());
    run(async {
        let (_driver, c) = browser(1280, 1000).await;
        c.goto(&format!("{base}/sign-in")).await.unwrap();
        sign_in(&c, PASSWORD).await;
        click_to_leave(&c, Locator::Css("header a[href='/signing-events/new']"), "Đăng ký lễ ký kết").await;
        assert_eq!(text_of(&c, "h1").await, "Đăng ký lễ ký kết");
        let mut found = vec![("blank form", violations(&c).await)];

        fill(&c, "#title", "Lễ ký kết chương trình phối hợp đối ngoại nhân dân quận 11").await;
        fill(&c, "#held_on", "15/3/2024").await;
        fill(&c, "#place", "Hội trường UBND quận 11").await;
        fill(&c, "#locality", "quan 11").await;
        fill(&c, "#host", "ubmttq q11").await;
        fill(&c, "#agreements-0-title", "Chương trình phối hợp công tác đối ngoại nhân dân giai đoạn 2024–2029").await;
        select(&c, &named("agreements[0].kind"), "coordination_program").await;
        fill(&c, "#agreements-0-period-start_year", "2024").await;
        fill(&c, "#agreements-0-period-end_year", "2020").await;
        fill(&c, "#agreements-0-parties-0-organization", "ubmttq quan 11").await;
        select(&c, &named("agreements[0].parties[0].role"), "lead").await;
        // Typing a name without diacritics lists the organizations it fits, each with its place.
        fill(&c, "#agreements-0-parties-1-organization", "hoi lhpn").await;
        let choices = "#agreements-0-parties-1-organization-choices";
        let listed = wait_for_text(&c, choices, "Quận 11").await;
        assert!(listed.contains("TP. Hồ Chí Minh"), "both Women's Unions, told apart by place: {listed}");
        fill(&c, "#agreements-0-parties-1-organization", "hoi lhpn q11").await;
        wait_for_text(&c, choices, "Hội Liên hiệp Phụ nữ quận 11").await;
        fill(&c, "#agreements-0-directives-0", "12/CT-TW").await;
        wait_for_text(&c, "#agreements-0-directives-0-choices", "12-CT/TW").await;

        // The end year before the start: said beside the field, everything typed still there.
        save(&c).await;
        let message = text_of(&c, "[id='agreements[0].period.end_year-error']").await;
        assert!(!message.is_empty(), "a message beside the end year");
        assert_eq!(value_of(&c, "#agreements-0-parties-1-organization").await, "hoi lhpn q11");
        assert_eq!(value_of(&c, "#held_on").await, "15/3/2024");
        screenshot(&c, "register-error").await;
        found.push(("form with an error", violations(&c).await));

        // A third party that is not in the registry: made from inside the form.
        fill(&c, "#agreements-0-period-end_year", "2029").await;
        press(&c, "add-party:0", "#agreements-0-parties-2-organization").await;
        fill(&c, "#agreements-0-parties-2-organization", "Hội Khuyến học quận 11").await;
        open_new_organization(&c, "#agreements-0-parties-2-organization-choices").await;
        assert_eq!(value_of(&c, "#new_organization-name").await, "Hội Khuyến học quận 11", "the name typed");
        assert_eq!(
            value_of(&c, "#agreements-0-title").await,
            "Chương trình phối hợp công tác đối ngoại nhân dân giai đoạn 2024–2029",
            "the registration is kept while the organization is made"
        );
        select(&c, &named("new_organization.kind"), "other").await;
        fill(&c, "#new_organization-locality", "quan 11").await;
        screenshot(&c, "register-form").await;
        found.push(("form with an organization being made", violations(&c).await));
        press(&c, "create-organization", "#agreements-0-parties-2-organization").await;
        wait_for_text(&c, "#agreements-0-parties-2-organization-choices", "Hội Khuyến học quận 11").await;
        assert!(c.find(Locator::Css("#new-organization")).await.is_err(), "the inner form is gone once made");
        // A second agreement signed at the same ceremony.
        press(&c, "add-agreement", "#agreements-1-title").await;
        fill(&c, "#agreements-1-title", "Quy chế phối hợp với Đoàn Thanh niên quận 11").await;
        select(&c, &named("agreements[1].kind"), "coordination_regulation").await;
        fill(&c, "#agreements-1-period-start_year", "2024").await;
        fill(&c, "#agreements-1-period-end_year", "2026").await;
        fill(&c, "#agreements-1-parties-0-organization", "ubmttq quan 11").await;
        fill(&c, "#agreements-1-parties-1-organization", "doan thanh nien q11").await;
        fill(&c, "#agreements-1-directives-0", "Chỉ thị 12").await;
        wait_for_text(&c, "#agreements-1-directives-0-choices", "12-CT/TW").await;

        save(&c).await;
        assert!(c.current_url().await.unwrap().path().starts_with("/signing-events/"));
        assert_eq!(text_of(&c, "h1").await, "Lễ ký kết chương trình phối hợp đối ngoại nhân dân quận 11");
        // Listed under Chỉ thị 12-CT/TW, typed as 12/CT-TW.
        c.goto(&format!("{base}/directives/4")).await.unwrap();
        let under = text_of(&c, "main").await;
        assert!(under.contains("giai đoạn 2024–2029") && under.contains("Đoàn Thanh niên quận 11"), "{under}");
        let failing: Vec<_> = found.iter().filter(|(_, v)| !v.is_empty()).collect();
        assert!(failing.is_empty(), "serious or critical accessibility violations: {failing:#?}");
        c.close().await.unwrap();
    });
}

/// Presses Tab until the field `name` has the focus (at most `limit` times), then types `text`.
async fn tab_to_and_type(c: &Client, name: &str, text: &str, limit: usize) {
    for _ in 0..limit {
        let active = c.active_element().await.unwrap();
        if active.attr("name").await.unwrap().as_deref() == Some(name) {
            active.send_keys(text).await.unwrap();
            return;
        }
        active.send_keys("\u{e004}").await.unwrap();
    }
    panic!("{name} is not reached with Tab");
}

#[test]
fn a_ceremony_is_registered_with_the_keyboard_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = demo_server(dir.path());
    run(async {
        let (_driver, c) = browser(1280, 1000).await;
        c.goto(&format!("{base}/sign-in")).await.unwrap();
        sign_in(&c, PASSWORD).await;
        c.goto(&format!("{base}/signing-events/new")).await.unwrap();
        let fields = [
            ("title", "Lễ ký kết quy chế phối hợp năm 2025"),
            ("held_on", "2/1/2025"),
            ("locality.text", "quận 11"),
            ("host.text", "UB.MTTQ quận 11"),
            ("agreements[0].title", "Quy chế phối hợp công tác đối ngoại nhân dân"),
            ("agreements[0].period.start_year", "2025"),
            ("agreements[0].period.end_year", "2030"),
            ("agreements[0].parties[0].organization.text", "ubmttq q11"),
            ("agreements[0].parties[1].organization.text", "doan thanh nien quan 11"),
        ];
        c.find(Locator::Css("#kind")).await.unwrap().click().await.unwrap();
        for (name, text) in fields {
            tab_to_and_type(&c, name, text, 30).await;
        }
        // Enter in a field saves the form, as in any form.
        let page = c.find(Locator::Css("html")).await.unwrap();
        c.active_element().await.unwrap().send_keys("\u{e007}").await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while page.tag_name().await.is_ok() {
            assert!(Instant::now() < deadline, "Enter did not save");
            rocket::tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let errors = c.find(Locator::Css(".errors")).await.ok();
        let said = match errors {
            Some(e) => e.text().await.unwrap_or_default(),
            None => String::new(),
        };
        assert!(c.current_url().await.unwrap().path().starts_with("/signing-events/"), "saved: {said}");
        assert_eq!(text_of(&c, "h1").await, "Lễ ký kết quy chế phối hợp năm 2025");

        // Seed 004's kind of record: a plan implementing a directive, added on its own page.
        c.goto(&format!("{base}/directives")).await.unwrap();
        click(&c, "a[href='/directives/new']").await;
        fill(&c, "#symbol", "Kế hoạch 15/KH-MTTQ").await;
        select(&c, "#kind", "plan").await;
        fill(&c, "#issuer", "Ban Thường trực Ủy ban MTTQ Việt Nam quận 11").await;
        fill(&c, "#implements", "Thông tri 14-TT/TU").await;
        click(&c, "form#record button[type=submit]").await;
        assert!(c.current_url().await.unwrap().path().starts_with("/directives/"));
        let tree = text_of(&c, "main").await;
        assert!(tree.contains("14-TT/TU") && tree.contains("12-CT/TW"), "the chain up to the centre: {tree}");
        c.close().await.unwrap();
    });
}

#[test]
fn two_people_edit_one_agreement_and_the_second_sees_the_first_and_saves_on_top_while_another_place_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = demo_server(dir.path());
    add_user(dir.path(), "mai", "editor", Some("3"));
    add_user(dir.path(), "can-tho", "editor", Some("4"));
    run(async {
        let (_lan_driver, lan) = browser(1280, 1000).await;
        let (_mai_driver, mai) = browser(1280, 1000).await;
        // An editor of Cần Thơ sees no edit button on a Quận 11 agreement, and its form is refused.
        mai.goto(&format!("{base}/sign-in")).await.unwrap();
        sign_in_as(&mai, "can-tho", PASSWORD).await;
        mai.goto(&format!("{base}/agreements/1")).await.unwrap();
        assert!(mai.find(Locator::Css("a[href='/agreements/1/edit']")).await.is_err(), "no edit button");
        mai.goto(&format!("{base}/agreements/1/edit")).await.unwrap();
        assert!(text_of(&mai, "main").await.contains("ngoài địa bàn bạn được ghi"), "a page that says why");
        click(&mai, "form[action='/sign-out'] button").await;
        mai.goto(&format!("{base}/sign-in")).await.unwrap();
        sign_in_as(&mai, "mai", PASSWORD).await;

        // Lan and Mai, each in a browser of their own, open the same agreement's form.
        lan.goto(&format!("{base}/sign-in")).await.unwrap();
        sign_in(&lan, PASSWORD).await;
        for c in [&lan, &mai] {
            c.goto(&format!("{base}/agreements/1")).await.unwrap();
            click_to_leave(c, Locator::Css("a[href='/agreements/1/edit']"), "Sửa").await;
        }
        fill(&lan, "#agreements-0-topic", "Giao lưu hữu nghị với nhân dân Campuchia").await;
        save(&lan).await;
        assert_eq!(lan.current_url().await.unwrap().path(), "/agreements/1");
        // Mai, who read it before, changes the end year: Lan's change is shown, not lost.
        fill(&mai, "#agreements-0-period-end_year", "2020").await;
        save(&mai).await;
        let conflict = text_of(&mai, ".conflict").await;
        assert!(conflict.contains("lan") && conflict.contains("Nội dung chính"), "{conflict}");
        assert_eq!(value_of(&mai, "#agreements-0-topic").await, "Giao lưu hữu nghị với nhân dân Campuchia");
        assert_eq!(value_of(&mai, "#agreements-0-period-end_year").await, "2020");
        screenshot(&mai, "edit-conflict").await;
        let seen = violations(&mai).await;
        assert!(seen.is_empty(), "serious or critical accessibility violations: {seen:#?}");
        save(&mai).await;
        assert_eq!(mai.current_url().await.unwrap().path(), "/agreements/1");
        let facts = text_of(&mai, "main").await;
        assert!(facts.contains("Giao lưu hữu nghị với nhân dân Campuchia") && facts.contains("2017–2020"), "{facts}");
        lan.close().await.unwrap();
        mai.close().await.unwrap();
    });
}
