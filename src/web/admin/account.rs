//! `/users/<id>`: one account, for admins: its role and locality, and a new password (which ends
//! the account's sessions). Every change is audited under the admin's name.

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::db::Db;
use crate::error::{ApiError, FieldErrors};
use crate::messages::labels::Label;
use crate::messages::pages::W;
use crate::messages::Msg;
use crate::models::enums::Role;
use crate::models::user::{self, User};
use crate::web::form::{Messages, Text};
use crate::web::page::{failure, Crumb, Ctx, Page};
use crate::web::session::check_form;
use crate::web::staff::Admin;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    user: User,
    roles: Vec<(&'static str, &'static str)>,
    role: String,
    locality_id: String,
    messages: Messages,
    notice: Option<String>,
    csrf_token: String,
}

impl AccountPage<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.messages.get(field)
    }
}

/// The page, with what was sent and its messages when a form could not be saved.
async fn page(
    db: &Db,
    ctx: &Ctx,
    admin: &Admin,
    id: i64,
    sent: Option<&Access>,
    said: Result<Option<Msg>, ApiError>,
) -> Result<Page, Page> {
    let user = db.run(move |c| user::get(c, id)).await.map_err(|e| failure(ctx, &e))?;
    let (role, locality_id) = match sent {
        Some(a) => (a.role.0.clone(), a.locality_id.0.clone()),
        None => (user.role.as_str().to_string(), user.locality_id.map(|l| l.to_string()).unwrap_or_default()),
    };
    let (status, messages, notice) = match said {
        Ok(notice) => (Status::Ok, Messages::default(), notice.map(|m| m.text(ctx.lang))),
        Err(e) => (e.status, Messages::of(&e, ctx.lang), None),
    };
    let crumbs =
        vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::link(ctx.t(W::Users), "/users"), Crumb::here(user.name.clone())];
    let roles = Role::ALL.iter().map(|r| (r.as_str(), r.label(ctx.lang))).collect();
    let page = AccountPage {
        ctx,
        crumbs,
        user,
        roles,
        role,
        locality_id,
        messages,
        notice,
        csrf_token: admin.0.csrf_token.clone(),
    };
    Ok(Page::with_status(status, ctx, &page))
}

#[get("/users/<id>")]
pub async fn account(db: &State<Db>, ctx: Ctx, admin: Admin, id: i64) -> Result<Page, Page> {
    page(db, &ctx, &admin, id, None, Ok(None)).await
}

#[derive(FromForm)]
pub struct Access {
    form_token: Text,
    role: Text,
    locality_id: Text,
}

#[post("/users/<id>/access", data = "<form>")]
pub async fn set_access(db: &State<Db>, ctx: Ctx, admin: Admin, id: i64, form: Form<Access>) -> Result<Redirect, Page> {
    check_form(&ctx, &admin.0, form.form_token.trimmed())?;
    let mut errs = FieldErrors::default();
    let role = form.role.choice("role", Role::parse, Role::allowed, &mut errs);
    let locality = form.locality_id.int("locality_id", &mut errs);
    let actor = admin.0.user.actor();
    let done = db
        .write(move |c| {
            errs.into_result()?;
            let name = user::get(c, id)?.name;
            user::set_access(c, &actor, &name, role.unwrap_or(Role::Viewer), locality)
        })
        .await;
    match done {
        Ok(_) => Ok(Redirect::to(format!("/users/{id}"))),
        Err(e) if e.status.code < 500 && e.status != Status::NotFound => {
            Err(page(db, &ctx, &admin, id, Some(&form), Err(e)).await.unwrap_or_else(|p| p))
        }
        Err(e) => Err(failure(&ctx, &e)),
    }
}

#[derive(FromForm)]
pub struct Password {
    form_token: Text,
    password: Text,
}

#[post("/users/<id>/password", data = "<form>")]
pub async fn reset_password(
    db: &State<Db>,
    ctx: Ctx,
    admin: Admin,
    id: i64,
    form: Form<Password>,
) -> Result<Page, Page> {
    check_form(&ctx, &admin.0, form.form_token.trimmed())?;
    let (actor, password) = (admin.0.user.actor(), form.password.0.clone());
    let done = db
        .write(move |c| {
            let name = user::get(c, id)?.name;
            user::set_password(c, &actor, &name, &password)
        })
        .await;
    match done {
        Ok(_) => page(db, &ctx, &admin, id, None, Ok(Some(Msg::PasswordReset))).await,
        Err(e) if e.status.code < 500 && e.status != Status::NotFound => page(db, &ctx, &admin, id, None, Err(e)).await,
        Err(e) => Err(failure(&ctx, &e)),
    }
}
