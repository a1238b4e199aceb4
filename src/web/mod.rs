//! The web face: Vietnamese pages at `/`, rendered on the server from templates compiled into the
//! binary (askama, `src/web/templates`), reading through the same model functions as the API.
//! Every page works without JavaScript; htmx only makes the search boxes answer as one types.
//! docs/web.md describes the pages.

pub mod admin;
pub mod agreements;
pub mod assets;
pub mod chart;
pub mod downloads;
pub mod edit;
pub mod form;
pub mod history;
pub mod home;
pub mod imports;
pub mod kept;
pub mod lists;
pub mod page;
pub mod records;
pub mod register;
pub mod reports;
pub mod session;
pub mod staff;

use rocket::fairing::AdHoc;
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::Redirect;
use rocket::{catch, catchers, get};

use crate::api::auth::Access;
use crate::config::Config;
use crate::error::ApiError;
use crate::messages::Msg;
use crate::models;
use page::{failure, Ctx, Page, LANG_COOKIE};

/// The pages, their static files and the pages that failures show.
pub fn stage(config: &Config) -> AdHoc {
    let proxies = session::TrustedProxies(config.trusted_proxies.clone());
    AdHoc::on_ignite("Web pages", |rocket| async move {
        rocket
            .manage(proxies)
            .manage(kept::Kept::<home::Overview>::default())
            .manage(imports::CheckedFiles::default())
            .manage(kept::Kept::<agreements::Places>::default())
            .manage(kept::KeptByKey::<models::page::ListPage<models::agreement::Agreement>>::default())
            .mount("/", routes())
            .register("/", catchers![not_found, unreadable, unauthorized, forbidden, default])
    })
}

/// Every page and file the web face serves, mounted at `/`.
pub fn routes() -> Vec<rocket::Route> {
    let mut all = rocket::routes![
        home::home,
        agreements::list,
        agreements::one,
        lists::organizations,
        lists::directives,
        lists::localities,
        downloads::agreements,
        downloads::organizations,
        downloads::directives,
        downloads::localities,
        reports::counts,
        reports::coverage,
        reports::gaps,
        reports::due,
        records::organization_page,
        records::directive_page,
        records::locality_page,
        records::signing_event_page,
        session::sign_in_form,
        session::sign_in,
        session::sign_out,
        admin::hub,
        admin::users::list,
        admin::users::create,
        admin::users::disable,
        admin::account::account,
        admin::account::set_access,
        admin::account::reset_password,
        admin::tokens::list,
        admin::tokens::create,
        admin::tokens::revoke,
        admin::deleted::list,
        admin::deleted::restore,
        admin::audit::list,
        register::blank,
        register::intake::blank,
        register::intake::post,
        imports::blank,
        imports::post,
        register::post,
        register::suggestions,
        register::agreement_form,
        register::agreement_post,
        register::event_form,
        register::event_post,
        edit::organization_form,
        edit::organization_post,
        edit::directive_form,
        edit::directive_post,
        edit::locality_form,
        edit::locality_post,
        edit::new_organization,
        edit::new_organization_post,
        edit::new_directive,
        edit::new_directive_post,
        edit::new_locality,
        edit::new_locality_post,
        edit::confirm,
        edit::remove,
        language,
    ];
    all.extend(assets::routes());
    all
}

/// A caller who may read the pages: anyone while reads are public (`PHOIHOP_PUBLIC_READ`), else
/// a signed-in user; anyone else is sent to sign in.
pub struct Reader;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Reader {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ()> {
        if req.rocket().state::<Access>().is_some_and(|a| a.public_read) || session::visitor(req).await.0.is_some() {
            Outcome::Success(Reader)
        } else {
            Outcome::Error((Status::Unauthorized, ()))
        }
    }
}

/// Switches the pages' language and goes back to the page it was asked from. Only a path on this
/// site is gone back to, so the link cannot send anyone elsewhere.
#[get("/language/<to>?<back>")]
fn language(to: &str, back: Option<&str>, cookies: &CookieJar<'_>) -> Redirect {
    if to == "vi" || to == "en" {
        let mut cookie = Cookie::new(LANG_COOKIE, to.to_string());
        cookie.set_same_site(SameSite::Lax);
        cookie.set_path("/");
        cookie.set_max_age(rocket::time::Duration::days(365));
        cookies.add(cookie);
    }
    let back = back.filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\')).unwrap_or("/");
    Redirect::to(back.to_string())
}

#[catch(404)]
fn not_found(req: &Request) -> Page {
    failure(&Ctx::of(req), &ApiError::new(Status::NotFound, Msg::NoSuchPath))
}

/// Rocket forwards with 422 when a path segment cannot be read as the route wants
/// (`/agreements/abc`): an address with nothing behind it.
#[catch(422)]
fn unreadable(req: &Request) -> Page {
    failure(&Ctx::of(req), &ApiError::new(Status::NotFound, Msg::NoSuchPath))
}

/// A page that needs a signed-in user sends the browser to sign in, and back after.
#[catch(401)]
fn unauthorized(req: &Request) -> Redirect {
    Redirect::to(Ctx::of(req).sign_in_href())
}

#[catch(403)]
fn forbidden(req: &Request) -> Page {
    failure(&Ctx::of(req), &ApiError::new(Status::Forbidden, Msg::AdminOnly))
}

#[catch(default)]
fn default(status: Status, req: &Request) -> Page {
    let detail = if status.code >= 500 { Msg::InternalError } else { Msg::NoSuchPath };
    failure(&Ctx::of(req), &ApiError::new(status, detail))
}
