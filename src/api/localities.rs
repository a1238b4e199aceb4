//! `/api/v1/localities`

use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::auth::Reader;
use crate::api::openapi::{Paging, ReadProblems};
use crate::api::params::Params;
use crate::api::read::{cached, ReadKey};
use crate::api::write::record_routes;
use crate::api::write::Answer;
use crate::db::Db;
use crate::error::ApiResult;
use crate::export::lists::Listing;
use crate::export::stream::{Download, Wants};
use crate::models::enums::LocalityLevel;
use crate::models::locality::{self, Locality, LocalityFilter};
use crate::models::page::ListPage;
use rocket::Either;

record_routes!(
    Locality,
    crate::models::locality::LocalityInput,
    "locality",
    "localities",
    "/localities",
    "/localities/<id>"
);

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove]
}

/// The filters of the localities list.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct LocalityQuery {
    /// Words the name starts with, with or without diacritics.
    q: Option<String>,
    level: Option<LocalityLevel>,
    parent_id: Option<i64>,
    /// `csv`, `xlsx` or `json`: the whole filtered list as a file (docs/reports.md).
    format: Option<crate::api::openapi::ExportFormat>,
}

/// Localities, by name.
#[utoipa::path(
    operation_id = "list_localities",
    tag = "localities",
    params(LocalityQuery, Paging),
    responses((status = 200, description = "A page of localities, or all of them as a file", content((ListPage<Locality> = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/localities")]
async fn list(
    db: &State<Db>,
    _reader: Reader,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    params.expect_query::<LocalityQuery>()?;
    let filter = LocalityFilter {
        q: params.search("q")?,
        level: params.choice("level", LocalityLevel::parse, LocalityLevel::allowed())?,
        parent_id: params.int("parent_id")?,
    };
    if let Some(format) = wants.format(&params)? {
        return wants.list_file(db, format, Listing::Localities(filter)).await.map(Either::Left);
    }
    let page = params.page()?;
    cached(db, key, move |c| locality::list(c, &filter, page)).await.map(Either::Right)
}
