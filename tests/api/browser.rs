//! The pages in a real browser: Debian's chromium, driven over WebDriver (chromedriver) against
//! the real binary serving the demo, as an official uses them. `scripts/browser-setup` installs
//! the browser and axe-core (the accessibility check); `scripts/test` runs it first.
//! With PHOIHOP_UPDATE_SCREENSHOTS=1 the screenshots also replace those in docs/screenshots.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use crate::server::{phoihop, Server};

pub(crate) const PASSWORD: &str = "mật khẩu của Lan";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// chromedriver on a port of its own, stopped with the test.
pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The demo served by the real binary, with reads not public and one admin, Lan.
pub(crate) fn demo_server(dir: &Path) -> (Server, String) {
    let url = dir.join("registry.db").display().to_string();
    phoihop(&url, &["demo"]);
    add_user(dir, "lan", "admin", None);
    let server = Server::start(&url);
    let base = format!("http://{}", server.addr);
    (server, base)
}

/// Another user of the demo served from `dir`, with the same password, made at the command line
/// as an admin makes one; `locality` limits an editor's writes.
pub(crate) fn add_user(dir: &Path, name: &str, role: &str, locality: Option<&str>) {
    let mut args = vec!["user", "create", "--name", name, "--role", role];
    args.extend(locality.map(|l| ["--locality", l]).into_iter().flatten());
    let mut create = Command::new(env!("CARGO_BIN_EXE_phoihop"))
        .args(args)
        .env("DATABASE_URL", dir.join("registry.db"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(create.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(create.wait().unwrap().success(), "phoihop user create {name}");
}

pub(crate) async fn browser(width: u32, height: u32) -> (Driver, Client) {
    let port = free_port();
    let driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(Driver)
        .expect("chromedriver runs: run scripts/browser-setup (scripts/test does) to install Debian's chromium-driver");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not come up");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        format!("--window-size={width},{height}"), "--lang=vi"],
              // A browser set up in Vietnamese, as an office's is.
              "prefs": {"intl.accept_languages": "vi-VN,vi"}}),
    );
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("chromium starts under chromedriver");
    // A click that loads a page may return before the page is there: looking for an element
    // waits up to this long for it to appear.
    let waits = fantoccini::wd::TimeoutConfiguration::new(None, None, Some(Duration::from_secs(5)));
    client.update_timeouts(waits).await.unwrap();
    (driver, client)
}

pub(crate) async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).text().await.unwrap()
}

pub(crate) async fn fill(c: &Client, css: &str, value: &str) {
    let field = c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

/// Clicks what loads another page, and waits until the page it was on is gone (a click may
/// return before the new page starts loading).
pub(crate) async fn click_to_leave(c: &Client, target: Locator<'_>, what: &str) {
    let page = c.find(Locator::Css("html")).await.unwrap();
    c.find(target).await.unwrap_or_else(|e| panic!("{what}: {e}")).click().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while page.tag_name().await.is_ok() {
        assert!(Instant::now() < deadline, "clicking {what} left the page in place");
        rocket::tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub(crate) async fn click(c: &Client, css: &str) {
    click_to_leave(c, Locator::Css(css), css).await;
}

pub(crate) async fn click_link(c: &Client, words: &str) {
    let path = format!("//main//a[contains(normalize-space(.), '{words}')]");
    click_to_leave(c, Locator::XPath(&path), words).await;
}

pub(crate) async fn sign_in(c: &Client, password: &str) {
    sign_in_as(c, "lan", password).await;
}

pub(crate) async fn sign_in_as(c: &Client, name: &str, password: &str) {
    fill(c, "#name", name).await;
    fill(c, "#password", password).await;
    click(c, "form[action='/sign-in'] button[type=submit]").await;
}

/// The page's screenshot, kept in target/screenshots (and in docs/screenshots when asked).
pub(crate) async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    let mut places = vec![root().join("target/screenshots")];
    if std::env::var_os("PHOIHOP_UPDATE_SCREENSHOTS").is_some() {
        places.push(root().join("docs/screenshots"));
    }
    for dir in places {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), &png).unwrap();
    }
}

/// axe-core's serious and critical WCAG 2.1 A/AA violations on the page, as "rule: nodes".
pub(crate) async fn violations(c: &Client) -> Vec<String> {
    let axe = std::fs::read_to_string(root().join("target/browser/axe.min.js"))
        .expect("axe-core is in target/browser: run scripts/browser-setup (scripts/test does)");
    c.execute(&axe, vec![]).await.unwrap();
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})
                .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value::<Vec<String>>(found).unwrap_or_else(|v| vec![format!("unreadable: {v}")])
}

pub(crate) fn run<F: std::future::Future<Output = ()>>(test: F) {
    rocket::tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(test);
}

#[test]
fn an_official_signs_in_finds_reads_and_signs_out() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = demo_server(dir.path());
    run(async {
        let (_driver, c) = browser(1280, 900).await;
        c.goto(&format!("{base}/")).await.unwrap();
        assert!(c.current_url().await.unwrap().path().starts_with("/sign-in"), "reads are not public: sign in first");
        screenshot(&c, "sign-in").await;
        sign_in(&c, PASSWORD).await;
        assert_eq!(c.current_url().await.unwrap().path(), "/");

        // The search answers as one types (htmx), without a click.
        fill(&c, "#q", "ubmttq can tho").await;
        let found = c.find(Locator::XPath("//div[@id='found']//a[contains(., 'TP. Cần Thơ')]")).await;
        assert!(found.is_ok(), "typing finds the Front committee of Cần Thơ without a click");

        // A search as staff type it, then the organization.
        fill(&c, "#q", "hoi lhpn quan 11").await;
        click(&c, "form.search button[type=submit]").await;
        screenshot(&c, "search").await;
        click_link(&c, "Hội Liên hiệp Phụ nữ quận 11").await;
        assert_eq!(text_of(&c, "h1").await, "Hội Liên hiệp Phụ nữ quận 11");

        // Its 2017 plan, with the six parties that signed it.
        click_link(&c, "Kế hoạch phối hợp tiếp tục đổi mới").await;
        let parties = c.find_all(Locator::Css("table#parties tbody tr")).await.unwrap();
        assert_eq!(parties.len(), 6, "the Quận 11 plan has six parties");
        assert!(text_of(&c, "dl.facts").await.contains("11/5/2017"));
        screenshot(&c, "agreement").await;

        // The agreements under Chỉ thị 12-CT/TW, typed as people write it.
        click(&c, "header.site a[href='/agreements']").await;
        fill(&c, "#directive", "12/CT-TW").await;
        click(&c, "form[action='/agreements'] button[type=submit]").await;
        assert!(text_of(&c, "ul.results").await.contains("2024–2029"), "the 2024–2029 program is listed");
        screenshot(&c, "agreements").await;

        // The directive itself, with its tree.
        c.goto(&format!("{base}/?q=12-CT%2FTW")).await.unwrap();
        click(&c, "#found a[href^='/directives/']").await;
        assert!(text_of(&c, "h1").await.contains("12-CT/TW"));
        assert!(!c.find_all(Locator::Css("ul.tree li")).await.unwrap().is_empty(), "its tree is shown");
        screenshot(&c, "directive").await;

        // Signed out, a page sends the browser back to sign in.
        click(&c, "form[action='/sign-out'] button").await;
        c.goto(&format!("{base}/agreements")).await.unwrap();
        assert!(c.current_url().await.unwrap().path().starts_with("/sign-in"));
        c.close().await.unwrap();
    });
}

#[test]
fn a_wrong_password_is_said_and_then_braked() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = demo_server(dir.path());
    run(async {
        let (_driver, c) = browser(1280, 900).await;
        c.goto(&format!("{base}/sign-in")).await.unwrap();
        sign_in(&c, "không đúng đâu").await;
        assert_eq!(text_of(&c, "#sign-in-message").await, "Tên đăng nhập hoặc mật khẩu không đúng.");
        assert_eq!(c.find(Locator::Css("#password")).await.unwrap().prop("value").await.unwrap().as_deref(), Some(""));
        for _ in 0..2 {
            sign_in(&c, "vẫn sai").await;
        }
        sign_in(&c, PASSWORD).await;
        assert!(text_of(&c, "#sign-in-message").await.contains("Xin thử lại sau"), "the right password waits too");
        assert!(c.current_url().await.unwrap().path().starts_with("/sign-in"));
        c.close().await.unwrap();
    });
}

#[test]
fn the_main_pages_have_no_serious_accessibility_violations_and_fit_a_phone() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, base) = demo_server(dir.path());
    run(async {
        let (_driver, c) = browser(1280, 900).await;
        c.goto(&format!("{base}/sign-in")).await.unwrap();
        let mut found: Vec<(String, Vec<String>)> = vec![("/sign-in".into(), violations(&c).await)];
        sign_in(&c, PASSWORD).await;
        screenshot(&c, "home").await;
        let mut pages = vec!["/".to_string(), "/?q=ubmttq%20can%20tho".into(), "/agreements?active_in=abc".into()];
        pages.extend(["/agreements", "/organizations", "/directives", "/localities", "/users"].map(String::from));
        // The pages that write: each form, a delete asked and one refused, the admins' pages.
        pages.extend(
            [
                "/signing-events/new",
                "/agreements/1/edit",
                "/signing-events/1/edit",
                "/organizations/16/edit",
                "/directives/5/edit",
                "/localities/3/edit",
                "/organizations/new",
                "/directives/new",
                "/localities/new",
                "/agreements/5/delete",
                "/organizations/17/delete",
                "/admin",
                "/users/1",
                "/tokens",
                "/deleted",
                "/audit",
                "/audit?record_id=mot",
            ]
            .map(String::from),
        );
        for (list, item) in [
            ("/agreements", "/agreements/"),
            ("/organizations", "/organizations/"),
            ("/directives", "/directives/"),
            ("/localities", "/localities/"),
        ] {
            c.goto(&format!("{base}{list}")).await.unwrap();
            let first = c.find(Locator::Css(&format!("ul.results a[href^='{item}']"))).await.unwrap();
            pages.push(first.attr("href").await.unwrap().unwrap());
        }
        pages.push("/nowhere".into());
        for page in &pages {
            c.goto(&format!("{base}{page}")).await.unwrap();
            found.push((page.clone(), violations(&c).await));
        }
        let failing: Vec<&(String, Vec<String>)> = found.iter().filter(|(_, v)| !v.is_empty()).collect();
        assert!(failing.is_empty(), "serious or critical accessibility violations: {failing:#?}");
        // On a phone's width nothing is wider than the screen.
        c.set_window_size(390, 844).await.unwrap();
        c.goto(&format!("{base}{}", pages.iter().find(|p| p.starts_with("/agreements/")).unwrap())).await.unwrap();
        let wide: Value =
            c.execute("return document.documentElement.scrollWidth <= window.innerWidth;", vec![]).await.unwrap();
        assert_eq!(wide, Value::Bool(true), "the agreement page scrolls sideways on a phone");
        screenshot(&c, "agreement-phone").await;
        c.close().await.unwrap();
    });
}
