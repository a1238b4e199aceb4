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

/// A browser of its own, signed in as a new user.
pub fn signed_in(app: &TestApp, name: &str, role: Role, locality: Option<i64>) -> Client {
    with_user_in(app, name, role, locality);
    let client = Client::tracked(phoihop::build(phoihop::Config::new(app.db_url.clone()))).unwrap();
    assert_eq!(sign_in(&client, name, PASSWORD).0, Status::SeeOther);
    client
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

/// The fields a browser would send for the form `id` on a page, in order: each input's value,
/// each select's chosen option (else its first), each textarea's text. Buttons are left out: the
/// one pressed is added by the caller as `act`.
pub fn form_fields(html: &str, id: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("<form id=\"{id}\"")).expect("the form is on the page");
    let form = &html[start..start + html[start..].find("</form>").expect("the form ends")];
    let mut fields = Vec::new();
    let mut at = 0;
    while let Some(open) = form[at..].find('<').map(|i| at + i) {
        let tag_end = open + form[open..].find('>').unwrap_or(form.len() - open);
        let tag = &form[open..tag_end];
        at = tag_end;
        let kind = tag[1..].split([' ', '>']).next().unwrap_or("");
        let Some(name) = attribute(tag, "name") else { continue };
        let value = match kind {
            "input" if !tag.contains("type=\"submit\"") => attribute(tag, "value").unwrap_or_default(),
            "textarea" => unescape(&form[tag_end + 1..tag_end + form[tag_end..].find("</textarea>").unwrap_or(1)]),
            "select" => {
                let options = &form[tag_end..tag_end + form[tag_end..].find("</select>").unwrap_or(0)];
                let chosen = options.split("<option").find(|o| o.contains(" selected"));
                let first = options.split("<option").nth(1);
                chosen.or(first).and_then(|o| attribute(o, "value")).unwrap_or_default()
            }
            _ => continue,
        };
        fields.push((name, value));
    }
    fields
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(unescape(&tag[start..start + tag[start..].find('"')?]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Sets a field of a form, adding it beside its siblings as a browser sends them (the fields of
/// one row together: the form is read row by row).
pub fn set(form: &mut Vec<(String, String)>, name: &str, value: &str) {
    if let Some(pair) = form.iter_mut().find(|(k, _)| k == name) {
        pair.1 = value.to_string();
        return;
    }
    let row = name.rsplit_once('.').map_or("", |(row, _)| row);
    let at = form.iter().rposition(|(k, _)| !row.is_empty() && k.starts_with(row)).map_or(form.len(), |i| i + 1);
    form.insert(at, (name.to_string(), value.to_string()));
}

/// Posts a form's fields to `path` with the button `act` pressed.
pub fn submit(client: &Client, path: &str, form: &[(String, String)], act: &str) -> (Status, Option<String>, String) {
    let mut pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    pairs.retain(|(k, _)| *k != "act");
    pairs.push(("act", act));
    post(client, path, &pairs)
}
