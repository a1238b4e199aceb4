//! `/users`: the admins' page for the people who sign in: who they are, a form to add one, and a
//! button to disable one. Every form carries the session's token.

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::db::Db;
use crate::error::ApiError;
use crate::messages::labels::Label;
use crate::messages::pages::W;
use crate::messages::Msg;
use crate::models::enums::Role;
use crate::models::user::{self, User};
use crate::web::page::{failure, Crumb, Ctx, Page, PageResult};
use crate::web::session;
use crate::web::staff::Admin;

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    users: Vec<User>,
    roles: Vec<(&'static str, &'static str)>,
    /// The form as sent, when it could not be saved, and each field's message.
    name: String,
    role: String,
    locality_id: String,
    errors: Vec<(String, String)>,
    csrf_token: String,
}

impl UsersPage<'_> {
    /// Whether the page offers to disable `u`: an active account, and not one's own.
    fn may_disable(&self, u: &User) -> bool {
        u.disabled_at.is_none() && self.ctx.signed_in.as_ref().is_none_or(|s| s.user.id != u.id)
    }

    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

async fn page(db: &Db, ctx: &Ctx, admin: &Admin, status: Status, sent: Option<(&NewUser<'_>, ApiError)>) -> PageResult {
    let users = db.run(user::list).await.map_err(|e| failure(ctx, &e))?;
    let (name, role, locality_id, errors) = match sent {
        Some((form, e)) => (
            form.name.to_string(),
            form.role.to_string(),
            form.locality_id.to_string(),
            e.to_problem(ctx.lang).errors.into_iter().map(|f| (f.field, f.message)).collect(),
        ),
        None => (String::new(), Role::Viewer.as_str().to_string(), String::new(), Vec::new()),
    };
    let crumbs = vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(ctx.t(W::Users))];
    let roles = Role::ALL.iter().map(|r| (r.as_str(), r.label(ctx.lang))).collect();
    let csrf_token = admin.0.csrf_token.clone();
    let page = UsersPage { ctx, crumbs, users, roles, name, role, locality_id, errors, csrf_token };
    Ok(Page::with_status(status, ctx, &page))
}

#[get("/users")]
pub async fn list(db: &State<Db>, ctx: Ctx, admin: Admin) -> PageResult {
    page(db, &ctx, &admin, Status::Ok, None).await
}

#[derive(FromForm)]
pub struct NewUser<'r> {
    name: &'r str,
    password: &'r str,
    role: &'r str,
    locality_id: &'r str,
    form_token: &'r str,
}

#[post("/users", data = "<form>")]
pub async fn create(db: &State<Db>, ctx: Ctx, admin: Admin, form: Form<NewUser<'_>>) -> Result<Redirect, Page> {
    session::check_form(&ctx, &admin.0, form.form_token)?;
    let read = read_new_user(&form);
    let made = match read {
        Ok((role, locality)) => {
            let (actor, name, password) = (admin.0.user.actor(), form.name.to_string(), form.password.to_string());
            db.write(move |c| user::create(c, &actor, &name, &password, role, locality)).await.map(|_| ())
        }
        Err(e) => Err(e),
    };
    match made {
        Ok(()) => Ok(Redirect::to("/users")),
        Err(e) if e.errors.is_empty() => Err(failure(&ctx, &e)),
        Err(e) => {
            Err(page(db, &ctx, &admin, Status::UnprocessableEntity, Some((&form, e))).await.unwrap_or_else(|p| p))
        }
    }
}

/// The role and locality a form names, or the field that cannot be read.
fn read_new_user(form: &NewUser<'_>) -> Result<(Role, Option<i64>), ApiError> {
    let role =
        Role::parse(form.role.trim()).ok_or_else(|| ApiError::bad_param("role", Msg::UnknownValue(Role::allowed())))?;
    let locality = match form.locality_id.trim() {
        "" => None,
        text => Some(text.parse().map_err(|_| ApiError::bad_param("locality_id", Msg::NotAnInteger))?),
    };
    Ok((role, locality))
}

#[derive(FromForm)]
pub struct Disable<'r> {
    name: &'r str,
    form_token: &'r str,
}

#[post("/users/disable", data = "<form>")]
pub async fn disable(db: &State<Db>, ctx: Ctx, admin: Admin, form: Form<Disable<'_>>) -> Result<Redirect, Page> {
    session::check_form(&ctx, &admin.0, form.form_token)?;
    let (actor, name) = (admin.0.user.actor(), form.name.to_string());
    db.write(move |c| user::disable(c, &actor, &name)).await.map_err(|e| failure(&ctx, &e))?;
    Ok(Redirect::to("/users"))
}
