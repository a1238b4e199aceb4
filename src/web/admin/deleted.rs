//! `/deleted`: the records deleted and kept, newest first, for admins: what each was, who deleted
//! it when, and a button to restore it under its old number. A record that no longer fits the
//! registry (its name taken since, a party gone) stays kept, and the page says why.

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::api::params::Params;
use crate::db::Db;
use crate::error::ApiError;
use crate::messages::form_words::F;
use crate::messages::pages::W;
use crate::messages::Entity;
use crate::models::deleted::{self, Deleted};
use crate::models::page::ListPage;
use crate::registry;
use crate::web::form::Text;
use crate::web::history::{called, record_kind};
use crate::web::page::{address, failure, Crumb, Ctx, Page, Pager};
use crate::web::session::check_form;
use crate::web::staff::Admin;

#[derive(Template)]
#[template(path = "deleted.html")]
struct DeletedPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    kinds: Vec<(&'static str, String, bool)>,
    found: ListPage<Deleted>,
    pager: Pager,
    /// Why a restore was refused.
    refused: Option<String>,
    csrf_token: String,
}

impl DeletedPage<'_> {
    fn kind(&self, d: &Deleted) -> String {
        record_kind(self.ctx, &d.record_type)
    }

    fn called(&self, d: &Deleted) -> String {
        called(&d.record)
    }
}

async fn page(db: &Db, ctx: &Ctx, admin: &Admin, params: &Params, refused: Option<ApiError>) -> Result<Page, Page> {
    let read = params.expect(&["record_type"]).and_then(|_| {
        let allowed = Entity::ALL.map(Entity::key).join(", ");
        Ok((params.choice("record_type", Entity::parse, allowed)?, params.page()?))
    });
    let (kind, paging) = read.map_err(|e| failure(ctx, &e))?;
    let found = db.run(move |c| deleted::list(c, kind, paging)).await.map_err(|e| failure(ctx, &e))?;
    let kinds = Entity::ALL.iter().map(|e| (e.key(), record_kind(ctx, e.key()), Some(*e) == kind)).collect();
    let pager = Pager::new(&address("/deleted", params, |k, _| k != "offset"), &found);
    let crumbs = vec![
        Crumb::link(ctx.t(W::Home), "/"),
        Crumb::link(ctx.f(F::Administration), "/admin"),
        Crumb::here(ctx.f(F::DeletedRecords)),
    ];
    let status = refused.as_ref().map_or(Status::Ok, |e| e.status);
    let refused = refused.map(|e| e.to_problem(ctx.lang).detail);
    let csrf_token = admin.0.csrf_token.clone();
    let page = DeletedPage { ctx, crumbs, kinds, found, pager, refused, csrf_token };
    Ok(Page::with_status(status, ctx, &page))
}

#[get("/deleted")]
pub async fn list(db: &State<Db>, ctx: Ctx, admin: Admin, params: Params) -> Result<Page, Page> {
    page(db, &ctx, &admin, &params, None).await
}

#[derive(FromForm)]
pub struct Restore {
    form_token: Text,
}

/// Restores a deleted record and goes to its page; a refusal is said on the list.
#[post("/deleted/<id>/restore", data = "<form>")]
pub async fn restore(
    db: &State<Db>,
    ctx: Ctx,
    admin: Admin,
    params: Params,
    id: i64,
    form: Form<Restore>,
) -> Result<Redirect, Page> {
    check_form(&ctx, &admin.0, form.form_token.trimmed())?;
    let actor = admin.0.user.actor();
    match db.write(move |c| registry::restore_deleted(c, &actor, id)).await {
        Ok(back) => Ok(Redirect::to(back.entity.page(back.id))),
        Err(e) if matches!(e.status.code, 409 | 422) => {
            Err(page(db, &ctx, &admin, &params, Some(e)).await.unwrap_or_else(|p| p))
        }
        Err(e) => Err(failure(&ctx, &e)),
    }
}
