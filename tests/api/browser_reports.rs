//! The report pages in a real browser: the counts with their charts, then the gap report asked
//! through its form, answered with a chart, tables and its files.

use fantoccini::Locator;

use crate::browser::{
    browser, click, click_to_leave, demo_server, fill, run, screenshot, sign_in, text_of, violations, PASSWORD,
};
use crate::browser_forms::select;

#[test]
fn the_gap_report_is_asked_in_its_form_and_shown_with_a_chart() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = demo_server(dir.path());
    run(async {
        let (_driver, c) = browser(1280, 1400).await;
        c.goto(&format!("{base}/sign-in")).await.unwrap();
        sign_in(&c, PASSWORD).await;
        click_to_leave(&c, Locator::Css("header a[href='/reports']"), "Báo cáo, thống kê").await;
        assert_eq!(c.find_all(Locator::Css("figure.chart svg")).await.unwrap().len(), 4, "the four counts' charts");
        let mut found = vec![("counts", violations(&c).await)];
        click_to_leave(&c, Locator::Css("a[href='/reports/gaps']"), "Tổ chức chưa ký kết").await;
        select(&c, "#locality", "2").await;
        fill(&c, "#directive", "Chỉ thị 12-CT/TW").await;
        fill(&c, "#year", "2025").await;
        click(&c, "form.filters button[type='submit']").await;
        let status = text_of(&c, "p[role='status']").await;
        assert!(status.contains("5 tổ chức thành viên chưa ký") && status.contains("1 địa bàn"), "{status}");
        let tables = text_of(&c, "main").await;
        assert!(tables.contains("Hội Liên hiệp Phụ nữ quận 11") && tables.contains("Chưa ký"), "{tables}");
        let chart = text_of(&c, "figure.chart").await;
        assert!(chart.contains("TP. Hồ Chí Minh (7/7)") && chart.contains("Quận 11 (0/5)"), "{chart}");
        let xlsx = c.find(Locator::Css("a[href*='format=xlsx']")).await.unwrap().attr("href").await.unwrap().unwrap();
        assert!(xlsx.contains("locality=2") && xlsx.contains("year=2025"), "{xlsx}");
        screenshot(&c, "report-gaps").await;
        found.push(("gaps", violations(&c).await));
        let failing: Vec<_> = found.iter().filter(|(_, v)| !v.is_empty()).collect();
        assert!(failing.is_empty(), "serious or critical accessibility violations: {failing:#?}");
        c.close().await.unwrap();
    });
}
