//! What the tests of the pages share: people who sign in, and forms posted as a browser posts
//! them (the token a page carried included).

use rocket::http::{ContentType, Status};
use rocket::local::blocking::Client;

use crate::support::{enc, TestApp};
use phoihop::auth::Actor;
use phoihop::models::enums::Role;
use phoihop::models::user;

pub const PASSWORD: &str = "mật khẩu đủ dài";

pub fn with_user(app: &TestApp, name: &str, role: Role) {
    with_user_in(app, name, role, None);
}

/// A user whose writes are limited to a locality (and those inside it).
pub fn with_user_in(app: &TestApp, name: &str, role: Role, locality: Option<i64>) {
    let pool = phoihop::db::connect(&phoihop::Config::new(app.db_url.clone())).unwrap();
    user::create(&mut pool.get().unwrap(), &Actor::operator("test"), name, PASSWORD, role, locality).unwrap();
}

/// The value of the first field named `name` on a page (a text field's or a hidden one's).
pub fn value(html: &str, name: &str) -> String {
    let start = format!("name=\"{name}\" value=\"");
    html.split(start.as_str()).nth(1).and_then(|s| s.split('"').next()).unwrap_or_default().to_string()
}

/// The value of the first hidden `form_token` on a page.
pub fn form_token(html: &str) -> String {
    value(html, "form_token")
}

pub fn html(client: &Client, path: &str) -> (Status, String) {
    let r = client.get(path.to_string()).dispatch();
    (r.status(), r.into_string().unwrap_or_default())
}

pub fn post(client: &Client, path: &str, form: &[(&str, &str)]) -> (Status, Option<String>, String) {
    let body: Vec<String> = form.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect();
    let r = client.post(path.to_string()).header(ContentType::Form).body(body.join("&")).dispatch();
    let location = r.headers().get_one("Location").map(str::to_string);
    (r.status(), location, r.into_string().unwrap_or_default())
}

pub fn sign_in(client: &Client, name: &str, password: &str) -> (Status, Option<String>, String) {
    let (_, page) = html(client, "/sign-in?next=/agreements");
    post(
        client,
        "/sign-in",
        &[("name", name), ("password", password), ("next", "/agreements"), ("form_token", &form_token(&page))],
    )
}
