//! What every page shares: who is asking and in which language ([`Ctx`]), how a page is answered
//! ([`Page`]), and the friendly page a failure becomes ([`failure`]).

use std::convert::Infallible;

use askama::Template;
use chrono::NaiveDate;
use rocket::http::{ContentType, Header, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::{self, Responder, Response};

use crate::error::ApiError;
use crate::messages::labels::Label;
use crate::messages::pages::W;
use crate::messages::Lang;
use crate::models::agreement::Period;
use crate::web::assets;
use crate::web::session::{self, SignedIn, Visitor};

/// The cookie that keeps the language a person chose with the switch.
pub const LANG_COOKIE: &str = "lang";

/// The request as a page needs it: the language, this page's address (for the language switch),
/// and who is signed in.
pub struct Ctx {
    pub lang: Lang,
    /// This page's path and query, to come back to after switching language.
    pub here: String,
    pub signed_in: Option<SignedIn>,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Ctx {
    type Error = Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Infallible> {
        session::visitor(req).await;
        Outcome::Success(Ctx::of(req))
    }
}

impl Ctx {
    /// The context of a request whose visitor was looked up already (or, for a page that a
    /// failure shows before any was, no one).
    pub fn of(req: &Request<'_>) -> Ctx {
        let lang = match req.cookies().get(LANG_COOKIE).map(|c| c.value()) {
            Some("en") => Lang::En,
            Some("vi") => Lang::Vi,
            _ => Lang::negotiate(req.headers().get_one("Accept-Language")),
        };
        let signed_in = req.local_cache(|| None::<Visitor>).clone().and_then(|v| v.0);
        Ctx { lang, here: req.uri().to_string(), signed_in }
    }

    pub fn is_admin(&self) -> bool {
        self.signed_in.as_ref().is_some_and(|s| s.user.role == crate::models::enums::Role::Admin)
    }

    /// Whether the signed-in person may use the pages that write (editors and admins).
    pub fn can_write(&self) -> bool {
        use crate::models::enums::Role;
        self.signed_in.as_ref().is_some_and(|s| matches!(s.user.role, Role::Editor | Role::Admin))
    }

    /// The address of the sign-in page, coming back here after.
    pub fn sign_in_href(&self) -> String {
        if self.here.starts_with("/sign-in") {
            return self.here.clone();
        }
        format!("/sign-in?next={}", encode(&self.here))
    }

    /// A word of the pages in this page's language.
    pub fn t(&self, word: W) -> &'static str {
        word.text(self.lang)
    }

    /// A word of the forms in this page's language.
    pub fn f(&self, word: crate::messages::form_words::F) -> &'static str {
        word.text(self.lang)
    }

    /// A form field's name as an element id that CSS selectors (and htmx targets) can name:
    /// `agreements[0].parties[1]` → `agreements-0-parties-1`.
    pub fn dom_id(&self, name: impl AsRef<str>) -> String {
        name.as_ref().replace("].", "-").replace(['[', ']', '.'], "-").trim_end_matches('-').to_string()
    }

    /// A value for a query string ([`encode`]).
    pub fn encode(&self, text: impl AsRef<str>) -> String {
        encode(text.as_ref())
    }

    /// An enumeration value in words.
    pub fn label<L: Label>(&self, value: &L) -> &'static str {
        value.label(self.lang)
    }

    /// The language the switch offers, and the address that switches to it and comes back here.
    pub fn switch_href(&self) -> String {
        let to = if self.lang == Lang::Vi { "en" } else { "vi" };
        format!("/language/{to}?back={}", encode(&self.here))
    }

    pub fn html_lang(&self) -> &'static str {
        if self.lang == Lang::Vi {
            "vi"
        } else {
            "en"
        }
    }

    pub fn css(&self) -> &'static str {
        assets::STYLE.path()
    }

    pub fn htmx(&self) -> &'static str {
        assets::HTMX.path()
    }

    /// A date as people write it: 11/5/2017.
    pub fn date(&self, d: &NaiveDate) -> String {
        use chrono::Datelike;
        format!("{}/{}/{}", d.day(), d.month(), d.year())
    }

    pub fn opt_date(&self, d: &Option<NaiveDate>) -> String {
        d.as_ref().map(|d| self.date(d)).unwrap_or_default()
    }

    /// A period as people write it: 2017–2019 (one year alone when it starts and ends in it).
    pub fn period(&self, p: &Period) -> String {
        if p.start_year == p.end_year {
            p.start_year.to_string()
        } else {
            format!("{}–{}", p.start_year, p.end_year)
        }
    }

    /// A count with the thousands grouped as Vietnamese writes them (1.234) or English (1,234).
    pub fn number(&self, n: &i64) -> String {
        let digits = n.unsigned_abs().to_string();
        let sep = if self.lang == Lang::Vi { '.' } else { ',' };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        if *n < 0 {
            out.insert(0, '-');
        }
        out
    }
}

/// `address` with one more query parameter.
pub fn with_param(address: &str, name: &str, value: &str) -> String {
    let joiner = if address.contains('?') { '&' } else { '?' };
    format!("{address}{joiner}{name}={}", encode(value))
}

/// The page `base` asked with the pairs of `params` that `keep` keeps (the empty ones never):
/// the address of a list with a filter changed, or of its next page.
pub fn address(base: &str, params: &crate::api::params::Params, keep: impl Fn(&str, &str) -> bool) -> String {
    let query: Vec<String> = params
        .pairs()
        .filter(|(k, v)| !v.trim().is_empty() && keep(k, v))
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if query.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", query.join("&"))
    }
}

/// A value for a query string: every byte but the unreserved ones percent-encoded.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A rendered page with its status. Pages vary by caller (language now, the signed-in person
/// next), so no shared cache keeps them.
pub struct Page {
    status: Status,
    lang: Lang,
    html: Result<String, askama::Error>,
}

impl Page {
    pub fn ok(ctx: &Ctx, template: &impl Template) -> Page {
        Page::with_status(Status::Ok, ctx, template)
    }

    pub fn with_status(status: Status, ctx: &Ctx, template: &impl Template) -> Page {
        Page { status, lang: ctx.lang, html: template.render() }
    }
}

impl<'r> Responder<'r, 'static> for Page {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let html = match self.html {
            Ok(html) => html,
            Err(e) => {
                tracing::error!("a page failed to render: {e}");
                return failure(&Ctx::of(req), &ApiError::internal()).respond_to(req);
            }
        };
        Response::build()
            .status(self.status)
            .header(ContentType::HTML)
            .header(Header::new("Cache-Control", "private, no-cache"))
            .header(Header::new("Vary", "Cookie, Accept-Language"))
            .header(Header::new("Content-Language", if self.lang == Lang::Vi { "vi" } else { "en" }))
            .sized_body(html.len(), std::io::Cursor::new(html))
            .ok()
    }
}

/// The links to a list's previous and next pages, by `offset` in the list's address `base`.
pub struct Pager {
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn new<T>(base: &str, list: &crate::models::page::ListPage<T>) -> Pager {
        let at =
            |offset: i64| if offset == 0 { base.to_string() } else { with_param(base, "offset", &offset.to_string()) };
        let shown = list.offset + list.items.len() as i64;
        Pager {
            prev: (list.offset > 0).then(|| at((list.offset - list.limit).max(0))),
            next: (shown < list.total || list.total_is_lower_bound)
                .then(|| at(shown))
                .filter(|_| !list.items.is_empty()),
        }
    }
}

/// One step of a breadcrumb: its words and, but for the page itself, its address.
pub struct Crumb {
    pub text: String,
    pub href: Option<String>,
}

impl Crumb {
    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Crumb {
        Crumb { text: text.into(), href: Some(href.into()) }
    }

    pub fn here(text: impl Into<String>) -> Crumb {
        Crumb { text: text.into(), href: None }
    }
}

#[derive(Template)]
#[template(path = "failure.html")]
struct Failure<'a> {
    ctx: &'a Ctx,
    title: String,
    detail: String,
    fields: Vec<(String, String)>,
    crumbs: Vec<Crumb>,
}

/// The page a failed request shows: a 404 says the address leads nowhere, a 400 names what in
/// it is wrong, anything else says to try again; never a JSON body or a trace.
pub fn failure(ctx: &Ctx, e: &ApiError) -> Page {
    let problem = e.to_problem(ctx.lang);
    let (title, detail) = match e.status.code {
        404 => (ctx.t(W::PageNotFound).to_string(), format!("{} {}", problem.detail, ctx.t(W::PageNotFoundHelp))),
        400 | 422 => (ctx.t(W::BadAddress).to_string(), problem.detail),
        401 | 403 => (ctx.t(W::Forbidden).to_string(), problem.detail),
        503 => (ctx.t(W::Unavailable).to_string(), problem.detail),
        _ => (ctx.t(W::SomethingWrong).to_string(), ctx.t(W::SomethingWrongHelp).to_string()),
    };
    let fields = problem.errors.into_iter().map(|f| (f.field, f.message)).collect();
    let crumbs = vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(title.clone())];
    let page = Failure { ctx, title, detail, fields, crumbs };
    Page::with_status(e.status, ctx, &page)
}

/// What a page handler answers: its page, or the failure page of what went wrong.
pub type PageResult = Result<Page, Page>;

/// Turns a model's error into the failure page.
pub trait OrFailure<T> {
    fn or_page(self, ctx: &Ctx) -> Result<T, Page>;
}

impl<T> OrFailure<T> for Result<T, ApiError> {
    fn or_page(self, ctx: &Ctx) -> Result<T, Page> {
        self.map_err(|e| failure(ctx, &e))
    }
}
