//! `/tokens`: the admins' page for the API's tokens: who holds which, a form to make one (its
//! secret shown once, on the page that answers the form, never again), and a button to revoke
//! one.

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::db::Db;
use crate::error::{ApiError, FieldErrors};
use crate::messages::form_words::F;
use crate::messages::labels::Label;
use crate::messages::pages::W;
use crate::models::enums::Role;
use crate::models::page::{ListPage, Page as Paging, MAX_LIMIT};
use crate::models::token::{self, Token, TokenInput};
use crate::web::form::{Messages, Text};
use crate::web::page::{failure, Crumb, Ctx, Page};
use crate::web::session::check_form;
use crate::web::staff::Admin;

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    tokens: ListPage<Token>,
    roles: Vec<(&'static str, &'static str)>,
    sent: NewToken,
    messages: Messages,
    /// The secret of the token just made, shown this once.
    secret: Option<(String, String)>,
    csrf_token: String,
}

impl TokensPage<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.messages.get(field)
    }
}

async fn page(
    db: &Db,
    ctx: &Ctx,
    admin: &Admin,
    sent: NewToken,
    said: Result<Option<(String, String)>, ApiError>,
) -> Result<Page, Page> {
    let tokens =
        db.run(|c| token::list(c, Paging { limit: MAX_LIMIT, offset: 0 })).await.map_err(|e| failure(ctx, &e))?;
    let (status, messages, secret) = match said {
        Ok(Some(secret)) => (Status::Created, Messages::default(), Some(secret)),
        Ok(None) => (Status::Ok, Messages::default(), None),
        Err(e) => (e.status, Messages::of(&e, ctx.lang), None),
    };
    let crumbs = vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(ctx.f(F::Tokens))];
    let roles = Role::ALL.iter().map(|r| (r.as_str(), r.label(ctx.lang))).collect();
    let csrf_token = admin.0.csrf_token.clone();
    let page = TokensPage { ctx, crumbs, tokens, roles, sent, messages, secret, csrf_token };
    Ok(Page::with_status(status, ctx, &page))
}

#[get("/tokens")]
pub async fn list(db: &State<Db>, ctx: Ctx, admin: Admin) -> Result<Page, Page> {
    let blank = NewToken { role: Role::Viewer.as_str().into(), ..<NewToken as Default>::default() };
    page(db, &ctx, &admin, blank, Ok(None)).await
}

#[derive(FromForm, Default)]
pub struct NewToken {
    form_token: Text,
    name: Text,
    role: Text,
    locality_id: Text,
}

/// Makes a token and answers the page with its secret, this once (no redirect: a page that
/// could be loaded again would show it again).
#[post("/tokens", data = "<form>")]
pub async fn create(db: &State<Db>, ctx: Ctx, admin: Admin, form: Form<NewToken>) -> Result<Page, Page> {
    check_form(&ctx, &admin.0, form.form_token.trimmed())?;
    let mut errs = FieldErrors::default();
    let role = form.role.choice("role", Role::parse, Role::allowed, &mut errs);
    let locality_id = form.locality_id.int("locality_id", &mut errs);
    let input = TokenInput { name: form.name.0.clone(), role: role.unwrap_or(Role::Viewer), locality_id };
    let actor = admin.0.user.actor();
    let made = db
        .write(move |c| {
            errs.into_result()?;
            token::create(c, &actor, input)
        })
        .await;
    match made {
        Ok(new) => {
            page(db, &ctx, &admin, <NewToken as Default>::default(), Ok(Some((new.token.name, new.secret)))).await
        }
        Err(e) if e.status.code < 500 => page(db, &ctx, &admin, form.into_inner(), Err(e)).await,
        Err(e) => Err(failure(&ctx, &e)),
    }
}

#[derive(FromForm)]
pub struct Revoke {
    form_token: Text,
}

#[post("/tokens/<id>/revoke", data = "<form>")]
pub async fn revoke(db: &State<Db>, ctx: Ctx, admin: Admin, id: i64, form: Form<Revoke>) -> Result<Redirect, Page> {
    check_form(&ctx, &admin.0, form.form_token.trimmed())?;
    let actor = admin.0.user.actor();
    db.write(move |c| token::revoke(c, &actor, id)).await.map_err(|e| failure(&ctx, &e))?;
    Ok(Redirect::to("/tokens"))
}
