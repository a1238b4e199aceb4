//! The admins' pages (accounts, API tokens, deleted records) and the audit trail, which editors
//! read too. `/admin` lists them.

pub mod account;
pub mod audit;
pub mod deleted;
pub mod tokens;
pub mod users;

use askama::Template;
use rocket::get;

use crate::messages::form_words::F;
use crate::messages::pages::W;
use crate::web::page::{Crumb, Ctx, Page};
use crate::web::staff::Admin;

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
}

#[get("/admin")]
pub fn hub(ctx: Ctx, _admin: Admin) -> Page {
    let crumbs = vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(ctx.f(F::Administration))];
    Page::ok(&ctx, &AdminPage { ctx: &ctx, crumbs })
}
