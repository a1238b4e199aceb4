//! "Nhập bảng tính" in a real browser: a province's sheet uploaded, its problems shown in a table
//! by row and column, the fixed sheet uploaded again, checked clean, and imported.

use fantoccini::Locator;

use crate::browser::{
    browser, click, click_to_leave, demo_server, run, screenshot, sign_in, text_of, violations, PASSWORD,
};
use crate::import_sheet::{province_rows, workbook, HEADERS, MISSING_TITLE, NO_SUCH_DATE};

async fn upload(c: &fantoccini::Client, file: &std::path::Path) {
    let input = c.find(Locator::Css("#import-file")).await.unwrap();
    input.send_keys(&file.display().to_string()).await.unwrap();
    click(c, "form[action='/imports'] button[type=submit]").await;
}

#[test]
fn a_province_sheet_is_checked_fixed_and_imported_from_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = demo_server(dir.path());
    let (planted, fixed) = (dir.path().join("tinh-co-loi.xlsx"), dir.path().join("tinh.xlsx"));
    std::fs::write(&planted, workbook(&HEADERS, &province_rows(true))).unwrap();
    std::fs::write(&fixed, workbook(&HEADERS, &province_rows(false))).unwrap();
    run(async {
        let (_driver, c) = browser(1280, 1000).await;
        c.goto(&format!("{base}/sign-in")).await.unwrap();
        sign_in(&c, PASSWORD).await;
        click_to_leave(&c, Locator::Css("header a[href='/imports']"), "Nhập bảng tính").await;
        assert_eq!(text_of(&c, "h1").await, "Nhập bảng tính");
        let mut found = vec![("blank import", violations(&c).await)];

        upload(&c, &planted).await;
        assert!(text_of(&c, "#import-result [role=alert]").await.contains("chưa ghi gì"));
        let table = text_of(&c, "table.import-errors").await;
        assert!(table.contains(&format!("{MISSING_TITLE} Tên văn bản phối hợp Bắt buộc phải có.")), "{table}");
        assert!(table.contains(&format!("{NO_SUCH_DATE} Ngày ký")), "{table}");
        assert!(c.find(Locator::Css("input[name=checked]")).await.is_err(), "a file with problems cannot be imported");
        screenshot(&c, "imports").await;
        found.push(("import with problems", violations(&c).await));

        upload(&c, &fixed).await;
        assert!(text_of(&c, "#import-result [role=status]").await.contains("không có lỗi"));
        click(&c, "input[name=checked] ~ p button").await;
        assert_eq!(text_of(&c, "#import-result [role=status]").await, "Đã nhập vào sổ đăng ký.");
        let made = c.find_all(Locator::Css("#import-result ul a")).await.unwrap();
        assert_eq!(made.len(), 500);
        click_to_leave(&c, Locator::Css("#import-result ul li:nth-child(2) a"), "the second agreement").await;
        assert!(text_of(&c, "h1").await.contains("Kế hoạch phối hợp số 1/KH-MTTQ"));
        let failing: Vec<_> = found.iter().filter(|(_, v)| !v.is_empty()).collect();
        assert!(failing.is_empty(), "serious or critical accessibility violations: {failing:#?}");
        c.close().await.unwrap();
    });
}
