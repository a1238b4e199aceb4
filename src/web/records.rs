//! One organization, directive, locality or signing event, with what is around it.

use askama::Template;
use rocket::{get, State};

use crate::db::{Db, DbConnection};
use crate::error::ApiResult;
use crate::messages::pages::W;
use crate::models::agreement::{self, Agreement, AgreementFilter, DirectiveRef};
use crate::models::directive::tree::Node;
use crate::models::directive::{self, by_locality, Directive};
use crate::models::locality::{self, Locality, LocalityFilter};
use crate::models::locality_tree;
use crate::models::organization::{self, Organization, OrganizationFilter};
use crate::models::page::{ListPage, Page as Paging};
use crate::models::signing_event::{self, SigningEvent};
use crate::web::page::{Crumb, Ctx, OrFailure, Page, PageResult};
use crate::web::staff;
use crate::web::Reader;

/// How many of a record's agreements, members or localities its page lists; the rest are a link
/// away, in the list they belong to.
const SHOWN: i64 = 20;

fn first(n: i64) -> Paging {
    Paging { limit: n, offset: 0 }
}

/// The agreements a filter finds, the first of them.
fn agreements(c: &mut DbConnection, filter: AgreementFilter) -> ApiResult<ListPage<Agreement>> {
    agreement::list(c, &filter, first(SHOWN))
}

/// The localities from the top down to `id`, as a breadcrumb's links.
fn locality_crumbs(c: &mut DbConnection, id: i64) -> ApiResult<Vec<(i64, String)>> {
    let mut chain = locality_tree::chain_up(c, id)?;
    chain.reverse();
    chain.into_iter().map(|l| Ok((l, locality::get(c, l)?.name))).collect()
}

#[derive(Template)]
#[template(path = "organization.html")]
struct OrganizationPage<'a> {
    /// This record's page, when the reader may edit and delete it there.
    editable: Option<String>,
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    o: Organization,
    locality: Option<Locality>,
    parent: Option<Organization>,
    members: ListPage<Organization>,
    signed: ListPage<Agreement>,
}

#[get("/organizations/<id>")]
pub async fn organization_page(db: &State<Db>, _reader: Reader, ctx: Ctx, id: i64) -> PageResult {
    let (o, locality, parent, members, signed) = db
        .run(move |c| {
            let o = organization::get(c, id)?;
            let locality = o.locality_id.map(|l| locality::get(c, l)).transpose()?;
            let parent = o.parent_id.map(|p| organization::get(c, p)).transpose()?;
            let members = organization::list(
                c,
                &OrganizationFilter { parent_id: Some(id), ..OrganizationFilter::default() },
                first(SHOWN),
            )?;
            let signed = agreements(c, AgreementFilter { signed_by: vec![id], ..AgreementFilter::default() })?;
            ApiResult::Ok((o, locality, parent, members, signed))
        })
        .await
        .or_page(&ctx)?;
    let crumbs = vec![
        Crumb::link(ctx.t(W::Home), "/"),
        Crumb::link(ctx.t(W::Organizations), "/organizations"),
        Crumb::here(o.name.clone()),
    ];
    let editable = staff::editable::<crate::models::organization::Organization>(db, &ctx, id).await;
    Ok(Page::ok(&ctx, &OrganizationPage { ctx: &ctx, editable, crumbs, o, locality, parent, members, signed }))
}

/// A directive in a tree as a page lists it: how deep, and what it is.
pub struct Branch {
    pub depth: usize,
    pub id: i64,
    pub symbol: String,
    pub title: Option<String>,
    pub truncated: bool,
}

/// The tree's branches in one direction, in the order a reader reads them, each with its depth:
/// walked with an explicit stack, as the tree was built.
fn branches(root: &Node, upwards: bool) -> Vec<Branch> {
    fn next(n: &Node, upwards: bool) -> &[Node] {
        let found = if upwards { n.implements.as_deref() } else { n.implemented_by.as_deref() };
        found.unwrap_or_default()
    }
    let mut out = Vec::new();
    let mut stack: Vec<(&Node, usize)> = next(root, upwards).iter().rev().map(|n| (n, 1)).collect();
    while let Some((node, depth)) = stack.pop() {
        out.push(Branch {
            depth,
            id: node.id,
            symbol: node.symbol.clone(),
            title: node.title.clone(),
            truncated: node.truncated,
        });
        stack.extend(next(node, upwards).iter().rev().map(|n| (n, depth + 1)));
    }
    out
}

#[derive(Template)]
#[template(path = "directive.html")]
struct DirectivePage<'a> {
    /// This record's page, when the reader may edit and delete it there.
    editable: Option<String>,
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    d: Directive,
    up: Vec<Branch>,
    down: Vec<Branch>,
    under: ListPage<Agreement>,
    by_province: Vec<by_locality::Count>,
}

impl DirectivePage<'_> {
    fn indent(&self, b: &Branch) -> String {
        format!("margin-left: {}rem", (b.depth.saturating_sub(1)) as f32 * 1.25)
    }
}

#[get("/directives/<id>")]
pub async fn directive_page(db: &State<Db>, _reader: Reader, ctx: Ctx, id: i64) -> PageResult {
    let (d, tree, under, by_province) = db
        .run(move |c| {
            let d = directive::get(c, id)?;
            let tree = directive::graph::tree(c, id)?;
            let under = agreements(
                c,
                AgreementFilter { directives: vec![DirectiveRef::Id(id)], ..AgreementFilter::default() },
            )?;
            let by_province = by_locality::counted_by_province(c, id)?;
            ApiResult::Ok((d, tree, under, by_province))
        })
        .await
        .or_page(&ctx)?;
    let crumbs = vec![
        Crumb::link(ctx.t(W::Home), "/"),
        Crumb::link(ctx.t(W::Directives), "/directives"),
        Crumb::here(d.symbol.clone()),
    ];
    let (up, down) = (branches(&tree, true), branches(&tree, false));
    let editable = staff::editable::<crate::models::directive::Directive>(db, &ctx, id).await;
    Ok(Page::ok(&ctx, &DirectivePage { ctx: &ctx, editable, crumbs, d, up, down, under, by_province }))
}

#[derive(Template)]
#[template(path = "locality.html")]
struct LocalityPage<'a> {
    /// This record's page, when the reader may edit and delete it there.
    editable: Option<String>,
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    l: Locality,
    inside: ListPage<Locality>,
    organizations: ListPage<Organization>,
    signed: ListPage<Agreement>,
}

#[get("/localities/<id>")]
pub async fn locality_page(db: &State<Db>, _reader: Reader, ctx: Ctx, id: i64) -> PageResult {
    let (l, above, inside, organizations, signed) = db
        .run(move |c| {
            let l = locality::get(c, id)?;
            let above = locality_crumbs(c, id)?;
            let inside =
                locality::list(c, &LocalityFilter { parent_id: Some(id), ..LocalityFilter::default() }, first(100))?;
            let organizations = organization::list(
                c,
                &OrganizationFilter { locality: Some(id), ..OrganizationFilter::default() },
                first(SHOWN),
            )?;
            let signed = agreements(c, AgreementFilter { locality: Some(id), ..AgreementFilter::default() })?;
            ApiResult::Ok((l, above, inside, organizations, signed))
        })
        .await
        .or_page(&ctx)?;
    let mut crumbs = vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::link(ctx.t(W::Localities), "/localities")];
    crumbs.extend(
        above.into_iter().filter(|(a, _)| *a != id).map(|(a, name)| Crumb::link(name, format!("/localities/{a}"))),
    );
    crumbs.push(Crumb::here(l.name.clone()));
    let editable = staff::editable::<crate::models::locality::Locality>(db, &ctx, id).await;
    Ok(Page::ok(&ctx, &LocalityPage { ctx: &ctx, editable, crumbs, l, inside, organizations, signed }))
}

#[derive(Template)]
#[template(path = "signing_event.html")]
struct EventPage<'a> {
    /// This record's page, when the reader may edit and delete it there.
    editable: Option<String>,
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    e: SigningEvent,
    locality: Option<Locality>,
    host: Option<Organization>,
    signed: ListPage<Agreement>,
}

#[get("/signing-events/<id>")]
pub async fn signing_event_page(db: &State<Db>, _reader: Reader, ctx: Ctx, id: i64) -> PageResult {
    let (e, locality, host, signed) = db
        .run(move |c| {
            let e = signing_event::get(c, id)?;
            let locality = e.locality_id.map(|l| locality::get(c, l)).transpose()?;
            let host = e.host_id.map(|h| organization::get(c, h)).transpose()?;
            let signed = agreements(c, AgreementFilter { signing_event_id: Some(id), ..AgreementFilter::default() })?;
            ApiResult::Ok((e, locality, host, signed))
        })
        .await
        .or_page(&ctx)?;
    let crumbs = vec![
        Crumb::link(ctx.t(W::Home), "/"),
        Crumb::link(ctx.t(W::Agreements), "/agreements"),
        Crumb::here(e.title.clone()),
    ];
    let editable = staff::editable::<crate::models::signing_event::SigningEvent>(db, &ctx, id).await;
    Ok(Page::ok(&ctx, &EventPage { ctx: &ctx, editable, crumbs, e, locality, host, signed }))
}
