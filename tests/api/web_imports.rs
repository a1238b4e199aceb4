//! "Nhập bảng tính" through `build()`: a missing file said beside its field, a clean file checked
//! then imported once (a second "Nhập" writes nothing), and no page for a viewer.

use rocket::http::{ContentType, Status};
use rocket::local::blocking::Client;

use crate::support::TestApp;
use crate::web_support::{form_token, html, signed_in, value};
use phoihop::models::enums::Role;

/// The page's form posted as a browser posts it, multipart, with a file when one is given.
fn send(client: &Client, fields: &[(&str, &str)], file: Option<&str>) -> (Status, String) {
    let (_, page) = html(client, "/imports");
    let mut body = String::new();
    let token = form_token(&page);
    for (name, v) in [("form_token", token.as_str())].iter().chain(fields) {
        body.push_str(&format!("--XYZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{v}\r\n"));
    }
    let content = file.unwrap_or_default();
    let filename = if file.is_some() { "to-chuc.csv" } else { "" };
    body.push_str(&format!(
        "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n--XYZ--\r\n"
    ));
    let multipart = ContentType::new("multipart", "form-data").with_params(("boundary", "XYZ"));
    let r = client.post("/imports").header(multipart).body(body).dispatch();
    (r.status(), r.into_string().unwrap_or_default())
}

#[test]
fn a_file_is_checked_then_imported_once_from_the_page() {
    let app = TestApp::with_demo();
    let editor = signed_in(&app, "mai", Role::Editor, None);
    let before = app.counts();

    let (status, page) = send(&editor, &[("resource", "organizations")], None);
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("id=\"file-error\">Bắt buộc phải có."), "the message beside the file field");
    assert!(page.contains("aria-describedby=\"file-error\""));

    let (status, page) = send(&editor, &[("resource", "organizations")], Some("%PDF-1.4"));
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("không phải CSV hay XLSX"), "{page}");

    let sheet = "Tên tổ chức,Loại,Địa bàn\nHội Nông dân quận 11,Hội Nông dân,Quận 11\n";
    let (status, page) = send(&editor, &[("resource", "organizations")], Some(sheet));
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Tệp không có lỗi"), "{page}");
    let key = value(&page, "checked");
    assert_eq!(key.len(), 64, "the checked file's key");
    assert_eq!(app.counts(), before, "checking writes nothing");

    let (status, page) = send(&editor, &[("checked", &key)], None);
    assert_eq!(status, Status::Ok, "{page}");
    assert!(page.contains("Đã nhập vào sổ đăng ký."));
    assert!(page.contains(">Hội Nông dân quận 11</a>"), "a link to what was made");
    assert_eq!(app.counts()[1], before[1] + 1);

    let (status, page) = send(&editor, &[("checked", &key)], None);
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("đang được nhập hoặc đã nhập xong"), "{page}");
    assert_eq!(app.counts()[1], before[1] + 1, "a second click writes nothing");

    let viewer = signed_in(&app, "xem", Role::Viewer, None);
    assert_eq!(html(&viewer, "/imports").0, Status::Forbidden);
}
