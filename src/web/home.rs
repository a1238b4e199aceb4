//! The home page: one search box over agreements, organizations and directives, what was
//! registered last, and how many agreements are in force this year.

use std::sync::Arc;

use askama::Template;
use rocket::{get, State};

use crate::api::params::Params;
use crate::db::{Db, DbConnection};
use crate::error::ApiResult;
use crate::messages::pages::W;
use crate::models::agreement::{self, Agreement, AgreementFilter};
use crate::models::directive::{self, Directive, DirectiveFilter};
use crate::models::enums::AgreementStatus;
use crate::models::organization::{self, Organization, OrganizationFilter};
use crate::models::page::{ListPage, Page as Paging};
use crate::web::kept::{Arrived, Kept};
use crate::web::page::{encode, Crumb, Ctx, OrFailure, Page, PageResult};
use crate::web::Reader;

/// How many of each kind the home page lists for a search; the rest are a link away.
const FOUND_PER_KIND: i64 = 8;
const LATEST: i64 = 8;

/// A search's findings, by kind.
pub struct Found {
    pub agreements: ListPage<Agreement>,
    pub organizations: ListPage<Organization>,
    pub directives: Vec<Directive>,
}

impl Found {
    fn is_empty(&self) -> bool {
        self.agreements.items.is_empty() && self.organizations.items.is_empty() && self.directives.is_empty()
    }
}

/// Agreements, organizations and directives that a search finds. A text that reads as a
/// directive's symbol ("12/CT-TW") finds that directive however it is written; otherwise
/// directives are found by their words, as the others are.
pub fn search(conn: &mut DbConnection, q: &str) -> ApiResult<Found> {
    let first = Paging { limit: FOUND_PER_KIND, offset: 0 };
    let agreements =
        agreement::list(conn, &AgreementFilter { q: Some(q.to_string()), ..AgreementFilter::default() }, first)?;
    let organizations = organization::list(
        conn,
        &OrganizationFilter { q: Some(q.to_string()), ..OrganizationFilter::default() },
        first,
    )?;
    let directives = match directive::resolve(conn, q)? {
        Ok(found) if !found.is_empty() => found,
        _ => directive::list(conn, &DirectiveFilter { q: Some(q.to_string()), kind: None }, first)?.items,
    };
    Ok(Found { agreements, organizations, directives })
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    q: String,
    q_error: Option<String>,
    found: Option<Found>,
    overview: Arc<Overview>,
}

/// What the home page shows everyone, whatever they search: the latest registrations and how
/// many agreements are in force this year.
pub struct Overview {
    year: i32,
    latest: Vec<Agreement>,
    in_force: ListPage<Agreement>,
}

fn overview(c: &mut DbConnection) -> ApiResult<Overview> {
    let year = crate::models::this_year();
    let latest = agreement::latest(c, LATEST)?;
    let in_force =
        AgreementFilter { active_in: Some(year), status: Some(AgreementStatus::InForce), ..AgreementFilter::default() };
    let in_force = agreement::list(c, &in_force, Paging { limit: 1, offset: 0 })?;
    Ok(Overview { year, latest, in_force })
}

impl Home<'_> {
    fn q_encoded(&self) -> String {
        encode(&self.q)
    }
}

#[get("/")]
pub async fn home(
    db: &State<Db>,
    kept: &State<Kept<Overview>>,
    _reader: Reader,
    ctx: Ctx,
    params: Params,
    arrived: Arrived,
) -> PageResult {
    let q_error = params.search("q").err().map(|e| e.to_problem(ctx.lang).errors.remove(0).message);
    let q = params.text("q").unwrap_or_default().trim().to_string();
    let asked = (q_error.is_none() && !q.is_empty()).then(|| q.clone());
    let overview = kept.get(db, arrived.0, overview).await.or_page(&ctx)?;
    let found = match asked {
        Some(q) => Some(db.run(move |c| search(c, &q)).await.or_page(&ctx)?),
        None => None,
    };
    let crumbs = vec![Crumb::here(ctx.t(W::Home))];
    Ok(Page::ok(&ctx, &Home { ctx: &ctx, crumbs, q, q_error, found, overview }))
}
