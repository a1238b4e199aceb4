//! Headers every answer gets right: who may keep it (`Cache-Control`), what it varies by
//! (`Vary`), what the API's browsable documentation may load (`Content-Security-Policy`).

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Header};
use rocket::{Request, Response};

/// Marks answers so that no shared cache keeps what one caller was allowed to read, the
/// localized problems say they vary by language, and `/docs` loads only its own assets.
pub struct Headers;

/// What Swagger UI at `/docs` needs: its own scripts and styles (it sets some inline styles) and
/// its inline images; nothing from elsewhere, and no framing by other sites.
const DOCS_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

#[rocket::async_trait]
impl Fairing for Headers {
    fn info(&self) -> Info {
        Info { name: "Answer headers", kind: Kind::Response }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        if req.headers().contains("Authorization") && !res.headers().contains("Cache-Control") {
            res.set_raw_header("Cache-Control", "private");
        }
        let problem = res.content_type().is_some_and(|c| c.top() == "application" && c.sub() == "problem+json");
        if problem || res.content_type() == Some(ContentType::HTML) {
            res.adjoin_header(Header::new("Vary", "Accept-Language"));
        }
        if req.uri().path().starts_with("/docs") {
            res.set_raw_header("Content-Security-Policy", DOCS_POLICY);
            res.set_raw_header("X-Content-Type-Options", "nosniff");
        }
    }
}

/// An answer no cache may keep at all: the one that carries a new token's secret.
#[derive(rocket::Responder)]
pub struct NoStore<T> {
    pub inner: T,
    pub cache: Header<'static>,
}

impl<T> NoStore<T> {
    pub fn new(inner: T) -> Self {
        NoStore { inner, cache: Header::new("Cache-Control", "no-store") }
    }
}
