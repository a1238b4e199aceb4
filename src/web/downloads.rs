//! Each list page's download: `/<list>/download?format=xlsx|csv|json` and the page's own
//! filters, the whole list as a file, in the reader's language.

use rocket::{get, State};

use crate::api::agreements::agreement_filter;
use crate::api::params::Params;
use crate::db::Db;
use crate::error::ApiResult;
use crate::export::lists::Listing;
use crate::export::stream::{Download, Wants};
use crate::export::Format;
use crate::models::directive::DirectiveFilter;
use crate::models::locality::LocalityFilter;
use crate::models::organization::OrganizationFilter;
use crate::web::page::{Ctx, OrFailure, Page};
use crate::web::Reader;

async fn file(db: &Db, ctx: &Ctx, params: &Params, listing: ApiResult<Listing>) -> Result<Download, Page> {
    let wants = Wants { accept: None, lang: ctx.lang };
    let format = wants.format(params).or_page(ctx)?.unwrap_or(Format::Xlsx);
    wants.list_file(db, format, listing.or_page(ctx)?).await.or_page(ctx)
}

/// The words of a list page's search box (`q`), read as the page reads them.
fn searched(params: &Params) -> ApiResult<Option<String>> {
    params.expect(&["q", "format"])?;
    params.search("q")
}

#[get("/agreements/download")]
pub async fn agreements(db: &State<Db>, _r: Reader, ctx: Ctx, params: Params) -> Result<Download, Page> {
    let listing = agreement_filter(&params).map(|(filter, _)| Listing::Agreements(filter));
    file(db, &ctx, &params, listing).await
}

#[get("/organizations/download")]
pub async fn organizations(db: &State<Db>, _r: Reader, ctx: Ctx, params: Params) -> Result<Download, Page> {
    let listing =
        searched(&params).map(|q| Listing::Organizations(OrganizationFilter { q, ..OrganizationFilter::default() }));
    file(db, &ctx, &params, listing).await
}

#[get("/directives/download")]
pub async fn directives(db: &State<Db>, _r: Reader, ctx: Ctx, params: Params) -> Result<Download, Page> {
    let listing = searched(&params).map(|q| Listing::Directives(DirectiveFilter { q, kind: None }));
    file(db, &ctx, &params, listing).await
}

#[get("/localities/download")]
pub async fn localities(db: &State<Db>, _r: Reader, ctx: Ctx, params: Params) -> Result<Download, Page> {
    let listing = searched(&params).map(|q| Listing::Localities(LocalityFilter { q, ..LocalityFilter::default() }));
    file(db, &ctx, &params, listing).await
}
