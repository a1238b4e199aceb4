//! `/audit`: the trail of every change, newest first, for editors and admins, filtered as the
//! API's `/api/v1/audit` is (one reading of the filter serves both): by kind of record, record,
//! who made the change, and days.

use askama::Template;
use chrono::Duration;
use rocket::get;
use rocket::http::Status;
use rocket::State;

use crate::api::audit::audit_filter;
use crate::api::params::Params;
use crate::db::Db;
use crate::messages::form_words::F;
use crate::messages::pages::W;
use crate::messages::Entity;
use crate::models::audit::{self, AuditFilter};
use crate::web::form::Messages;
use crate::web::history::{changes, record_kind, Change};
use crate::web::page::{address, failure, Crumb, Ctx, Page, Pager};
use crate::web::staff::Writer;

/// The filter's fields, as the API names its parameters.
const FIELDS: [&str; 5] = ["record_type", "record_id", "token", "since", "until"];

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    params: &'a Params,
    kinds: Vec<(&'static str, String)>,
    entries: Vec<Change>,
    pager: Option<Pager>,
    messages: Messages,
}

impl AuditPage<'_> {
    /// What the filter's field holds, as typed.
    fn sent(&self, field: &str) -> &str {
        self.params.text(field).unwrap_or_default()
    }

    fn error(&self, field: &str) -> Option<&str> {
        self.messages.get(field)
    }
}

#[get("/audit")]
pub async fn list(db: &State<Db>, ctx: Ctx, writer: Writer, params: Params) -> Result<Page, Page> {
    writer.0.user.actor().may_read_audit().map_err(|e| failure(&ctx, &e))?;
    let asked = params.expect(&FIELDS).and_then(|_| audit_filter(&params));
    let (entries, pager, messages, status) = match asked {
        Ok((filter, paging)) => {
            let filter = through_the_day(filter, &params);
            let found = db.run(move |c| audit::list(c, &filter, paging)).await.map_err(|e| failure(&ctx, &e))?;
            let pager = Pager::new(&address("/audit", &params, |k, _| k != "offset"), &found);
            (changes(&ctx, found.items), Some(pager), Messages::default(), Status::Ok)
        }
        Err(e) => (Vec::new(), None, Messages::of(&e, ctx.lang), e.status),
    };
    let mut crumbs = vec![Crumb::link(ctx.t(W::Home), "/")];
    if ctx.is_admin() {
        crumbs.push(Crumb::link(ctx.f(F::Administration), "/admin"));
    }
    crumbs.push(Crumb::here(ctx.f(F::Audit)));
    let kinds =
        Entity::ALL.iter().map(|e| e.key()).chain(["token", "user"]).map(|k| (k, record_kind(&ctx, k))).collect();
    let page = AuditPage { ctx: &ctx, crumbs, params: &params, kinds, entries, pager, messages };
    Ok(Page::with_status(status, &ctx, &page))
}

/// A day typed as the filter's end means through that day; the API's `until` is the moment
/// before which changes count, so a page's "to 3/12" becomes "before 4/12".
fn through_the_day(mut filter: AuditFilter, params: &Params) -> AuditFilter {
    let a_day = params.text("until").is_some_and(|t| !t.contains(['T', ' ', ':']));
    if a_day {
        filter.until = filter.until.map(|u| u + Duration::days(1));
    }
    filter
}
