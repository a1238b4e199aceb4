//! Who is at the browser: signing in and out, the session cookie, the token every form carries,
//! and the address a sign-in came from (for the brake on guessing).

use std::net::IpAddr;

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::Request;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::db::Db;
use crate::error::ApiError;
use crate::messages::pages::W;
use crate::messages::Msg;
use crate::models::session::{self, Found};
use crate::models::token::random_hex;
use crate::models::user::{self, User};
use crate::web::page::{failure, Crumb, Ctx, Page};

/// The cookie of a signed-in browser: a random secret, never readable by scripts.
pub const SESSION_COOKIE: &str = "phoihop_session";
/// Before sign-in there is no session to hold the form's token: this cookie holds it, and the
/// form must send the same back (a site elsewhere can do neither).
pub const FORM_COOKIE: &str = "phoihop_form";

/// The proxies whose `X-Forwarded-For` is believed (`PHOIHOP_TRUSTED_PROXIES`).
pub struct TrustedProxies(pub Vec<IpAddr>);

/// The signed-in user of a request, if any, found once per request.
#[derive(Clone)]
pub struct Visitor(pub Option<SignedIn>);

/// A signed-in user as the pages need them.
#[derive(Clone)]
pub struct SignedIn {
    pub user: User,
    /// The token the session's forms carry.
    pub csrf_token: String,
}

/// The request's visitor: looked up in the database from the session cookie on first asking,
/// then kept for the rest of the request. A forged, expired or ended cookie is no one.
pub async fn visitor(req: &Request<'_>) -> Visitor {
    let looked = req
        .local_cache_async(async {
            let found =
                match (req.cookies().get(SESSION_COOKIE).map(|c| c.value().to_string()), req.rocket().state::<Db>()) {
                    (Some(secret), Some(db)) if secret.len() <= 128 => find(db, secret).await,
                    _ => None,
                };
            Some(Visitor(found))
        })
        .await;
    // None: a failure page looked first (`Ctx::of`), before any guard asked; it shows no one.
    looked.clone().unwrap_or(Visitor(None))
}

async fn find(db: &Db, secret: String) -> Option<SignedIn> {
    let asked = secret.clone();
    match db.run(move |c| session::find(c, &asked)).await.ok()? {
        Found::Alive { signed, touch } => {
            if touch {
                // A failed touch only shortens the session; the page is still answered.
                let _ = db.write(move |c| session::touch(c, &secret).map_err(ApiError::from)).await;
            }
            Some(SignedIn { user: signed.user, csrf_token: signed.csrf_token })
        }
        Found::Over => {
            let _ = db.write(move |c| session::end(c, &secret).map_err(ApiError::from)).await;
            None
        }
        Found::Nothing => None,
    }
}

/// The client's address: the connection's, unless it is a trusted proxy, in which case the
/// nearest address in `X-Forwarded-For` that is not one.
pub fn client_address(req: &Request<'_>) -> String {
    let Some(remote) = req.remote().map(|r| r.ip()) else { return "unknown".to_string() };
    let trusted = req.rocket().state::<TrustedProxies>().map(|t| t.0.as_slice()).unwrap_or_default();
    if !trusted.contains(&remote) {
        return remote.to_string();
    }
    let forwarded: Vec<IpAddr> =
        req.headers().get("X-Forwarded-For").flat_map(|h| h.split(',')).filter_map(|a| a.trim().parse().ok()).collect();
    forwarded.into_iter().rev().find(|a| !trusted.contains(a)).unwrap_or(remote).to_string()
}

/// A cookie that scripts cannot read, sent only to this site, and only over TLS when the server
/// speaks it.
fn private_cookie(req: &Request<'_>, name: &'static str, value: String) -> Cookie<'static> {
    let mut cookie = Cookie::new(name, value);
    cookie.set_http_only(true);
    cookie.set_same_site(SameSite::Lax);
    cookie.set_path("/");
    cookie.set_secure(req.rocket().config().tls_enabled());
    cookie
}

/// Where to go after signing in: a path on this site, or the home page.
pub fn local_path(next: Option<&str>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\')).unwrap_or("/").to_string()
}

/// Whether a posted form carries the token it should: compared in constant time.
pub fn token_matches(sent: &str, expected: &str) -> bool {
    sent.len() == expected.len()
        && !expected.is_empty()
        && sent.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// A signed-in form's check: its token is the session's, or the post is refused (403) before
/// anything is written.
pub fn check_form(ctx: &Ctx, signed: &SignedIn, sent: &str) -> Result<(), Page> {
    if token_matches(sent, &signed.csrf_token) {
        Ok(())
    } else {
        Err(failure(ctx, &ApiError::new(Status::Forbidden, Msg::FormExpired)))
    }
}

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    name: String,
    next: String,
    form_token: String,
    message: Option<String>,
}

fn sign_in_page(
    ctx: &Ctx,
    status: Status,
    name: String,
    next: String,
    form_token: String,
    message: Option<Msg>,
) -> Page {
    let crumbs = vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(ctx.t(W::SignIn))];
    let message = message.map(|m| m.text(ctx.lang));
    Page::with_status(status, ctx, &SignInPage { ctx, crumbs, name, next, form_token, message })
}

/// The form's token for a browser not signed in: the one its cookie holds, or a new one.
fn form_token(req_cookies: &CookieJar<'_>) -> Option<String> {
    req_cookies.get(FORM_COOKIE).map(|c| c.value().to_string()).filter(|t| t.len() == 64)
}

#[get("/sign-in?<next>")]
pub fn sign_in_form(ctx: Ctx, next: Option<&str>, cookies: &CookieJar<'_>, client: Client<'_>) -> Page {
    let token = form_token(cookies).or_else(|| random_hex().ok()).unwrap_or_default();
    cookies.add(private_cookie(client.req, FORM_COOKIE, token.clone()));
    let asked = ctx.signed_in.is_none() && next.is_some();
    sign_in_page(&ctx, Status::Ok, String::new(), local_path(next), token, asked.then_some(Msg::SignInNeeded))
}

#[derive(FromForm)]
pub struct SignIn<'r> {
    name: &'r str,
    password: &'r str,
    next: Option<&'r str>,
    form_token: &'r str,
}

#[post("/sign-in", data = "<form>")]
pub async fn sign_in(
    db: &State<Db>,
    ctx: Ctx,
    form: Form<SignIn<'_>>,
    cookies: &CookieJar<'_>,
    client: Client<'_>,
) -> Result<Redirect, Page> {
    let expected = form_token(cookies).unwrap_or_default();
    let next = local_path(form.next);
    let again =
        |status, msg| sign_in_page(&ctx, status, form.name.to_string(), next.clone(), expected.clone(), Some(msg));
    if !token_matches(form.form_token, &expected) {
        return Err(again(Status::Forbidden, Msg::FormExpired));
    }
    let keys = session::brake_keys(form.name, &client.address);
    let braked = keys.clone();
    if let Some(wait) = db.run(move |c| Ok(session::wait_before(c, &braked)?)).await.map_err(|e| failure(&ctx, &e))? {
        tracing::warn!(
            user = form.name,
            address = client.address,
            "sign-in refused: {wait} s still to wait after failed tries"
        );
        return Err(again(Status::TooManyRequests, Msg::SignInThrottled(wait)));
    }
    let (name, password) = (form.name.to_string(), form.password.to_string());
    let checked =
        db.run(move |c| Ok(user::check_password_of(c, &name, &password)?)).await.map_err(|e| failure(&ctx, &e))?;
    let Some(user) = checked else {
        tracing::warn!(user = form.name, address = client.address, "sign-in failed: wrong name or password");
        let counted = keys.clone();
        db.write(move |c| Ok(session::failed(c, &counted)?)).await.map_err(|e| failure(&ctx, &e))?;
        return Err(again(Status::Unauthorized, Msg::SignInFailed));
    };
    let id = user.id;
    let (secret, _) = db
        .write(move |c| {
            session::succeeded(c, &keys)?;
            session::start(c, id)
        })
        .await
        .map_err(|e| failure(&ctx, &e))?;
    tracing::info!(user = user.name, address = client.address, "signed in");
    cookies.add(private_cookie(client.req, SESSION_COOKIE, secret));
    Ok(Redirect::to(next))
}

/// The client's address, and the request (to set cookies as its connection allows).
pub struct Client<'r> {
    address: String,
    req: &'r Request<'r>,
}

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for Client<'r> {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> rocket::request::Outcome<Self, Self::Error> {
        rocket::request::Outcome::Success(Client { address: client_address(req), req })
    }
}

#[derive(FromForm)]
pub struct SignOut<'r> {
    form_token: &'r str,
}

#[post("/sign-out", data = "<form>")]
pub async fn sign_out(
    db: &State<Db>,
    ctx: Ctx,
    form: Form<SignOut<'_>>,
    cookies: &CookieJar<'_>,
) -> Result<Redirect, Page> {
    let Some(signed) = &ctx.signed_in else { return Ok(Redirect::to("/")) };
    check_form(&ctx, signed, form.form_token)?;
    if let Some(secret) = cookies.get(SESSION_COOKIE).map(|c| c.value().to_string()) {
        db.write(move |c| Ok(session::end(c, &secret)?)).await.map_err(|e| failure(&ctx, &e))?;
    }
    cookies.remove(Cookie::from(SESSION_COOKIE));
    Ok(Redirect::to("/"))
}
