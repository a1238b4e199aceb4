//! The pages' static files, compiled into the binary. Each is served under a name that carries a
//! hash of its content (`/static/style.3f9a…css`), so a browser may keep it for a year: a changed
//! file is a new name, and pages name the new one.

use std::io::Cursor;
use std::sync::LazyLock;

use rocket::http::{ContentType, Header, Status};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use rocket::{get, routes, Route};
use sha2::{Digest, Sha256};

/// A file compiled in, and its hashed name.
pub struct Asset {
    stem: &'static str,
    extension: &'static str,
    kind: fn() -> ContentType,
    bytes: &'static [u8],
    path: LazyLock<String>,
}

impl Asset {
    /// `/static/<stem>.<hash>.<extension>`.
    pub fn path(&'static self) -> &'static str {
        self.path.as_str()
    }

    fn hashed_path(&self) -> String {
        let digest = Sha256::digest(self.bytes);
        let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        format!("/static/{}.{hash}.{}", self.stem, self.extension)
    }
}

macro_rules! asset {
    ($name:ident, $stem:literal, $ext:literal, $kind:expr, $file:literal) => {
        pub static $name: Asset = Asset {
            stem: $stem,
            extension: $ext,
            kind: || $kind,
            bytes: include_bytes!($file),
            path: LazyLock::new(|| $name.hashed_path()),
        };
    };
}

asset!(STYLE, "style", "css", ContentType::CSS, "static/style.css");
// htmx, taken from its npm package by scripts/vendor-htmx (licence and checksum beside it).
asset!(HTMX, "htmx", "js", ContentType::JavaScript, "static/htmx.min.js");

static ALL: [&Asset; 2] = [&STYLE, &HTMX];

pub fn routes() -> Vec<Route> {
    routes![file]
}

/// A static file by its hashed name; an old or unknown name is a 404.
#[get("/static/<name>")]
fn file(name: &str) -> Option<Served> {
    ALL.iter().find(|a| a.path().strip_prefix("/static/") == Some(name)).map(|a| Served(a))
}

struct Served(&'static Asset);

impl<'r> Responder<'r, 'static> for Served {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        Response::build()
            .status(Status::Ok)
            .header((self.0.kind)())
            .header(Header::new("Cache-Control", "public, max-age=31536000, immutable"))
            .sized_body(self.0.bytes.len(), Cursor::new(self.0.bytes))
            .ok()
    }
}
