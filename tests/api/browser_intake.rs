//! "Nhập từ bài báo" in a real browser: an article pasted, its findings marked beside the
//! proposal, carried into the registration form, an organization the registry lacks made there,
//! and the registration saved.

use fantoccini::Locator;

use crate::browser::{
    browser, click, click_to_leave, demo_server, fill, run, screenshot, sign_in, text_of, violations, PASSWORD,
};
use crate::browser_forms::{named, open_new_organization, press, save, select, value_of, wait_for_text};

const ARTICLE: &str = "Q.11: UB.MTTQ và các đoàn thể ký kế hoạch phối hợp\n\nNgày 6/1/2020, UB.MTTQ quận 11 và các tổ chức thành viên gồm: Hội LHPN, Hội Nông dân và Đoàn TN quận đã ký kế hoạch phối hợp thực hiện công tác đối ngoại nhân dân giai đoạn 2020 - 2024, triển khai Chỉ thị 12-CT/TW.";

#[test]
fn an_article_is_pasted_checked_completed_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = demo_server(dir.path());
    run(async {
        let (_driver, c) = browser(1280, 1000).await;
        c.goto(&format!("{base}/sign-in")).await.unwrap();
        sign_in(&c, PASSWORD).await;
        click_to_leave(&c, Locator::Css("header a[href='/intake']"), "Nhập từ bài báo").await;
        assert_eq!(text_of(&c, "h1").await, "Nhập từ bài báo");
        let mut found = vec![("blank intake", violations(&c).await)];
        fill(&c, "#intake-text", ARTICLE).await;
        click(&c, "button[value='read']").await;
        let proposal = text_of(&c, ".proposal").await;
        assert!(proposal.contains("Hội Nông dân quận 11") && proposal.contains("chưa có trong sổ"), "{proposal}");
        assert_eq!(text_of(&c, "mark[data-field='held_on']").await, "6/1/2020", "the date marked where it was read");
        screenshot(&c, "intake").await;
        found.push(("intake read", violations(&c).await));

        click(&c, "button[value='continue']").await;
        assert_eq!(text_of(&c, "h1").await, "Đăng ký lễ ký kết");
        assert_eq!(value_of(&c, "#held_on").await, "6/1/2020");
        assert_eq!(value_of(&c, "#agreements-0-period-end_year").await, "2024");
        // The farmers' union the registry lacks: flagged, and made from inside the form.
        let choices = "#agreements-0-parties-2-organization-choices";
        open_new_organization(&c, choices).await;
        assert_eq!(value_of(&c, "#new_organization-name").await, "Hội Nông dân quận 11");
        select(&c, &named("new_organization.kind"), "farmers_union").await;
        press(&c, "create-organization", "#agreements-0-parties-2-organization").await;
        wait_for_text(&c, choices, "Hội Nông dân quận 11").await;
        save(&c).await;
        assert!(c.current_url().await.unwrap().path().starts_with("/signing-events/"));
        let page = text_of(&c, "main").await;
        assert!(page.contains("Hội Nông dân quận 11") && page.contains("2020–2024"), "{page}");
        let failing: Vec<_> = found.iter().filter(|(_, v)| !v.is_empty()).collect();
        assert!(failing.is_empty(), "serious or critical accessibility violations: {failing:#?}");
        c.close().await.unwrap();
    });
}
