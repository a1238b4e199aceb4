//! `/api/v1/organizations`

use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::agreements::{agreement_filter, AgreementQuery};
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
use crate::models::agreement::{self, Agreement};
use crate::models::enums::OrganizationKind;
use crate::models::organization::{self, Organization, OrganizationFilter};
use crate::models::page::ListPage;
use rocket::Either;

record_routes!(
    Organization,
    crate::models::organization::OrganizationInput,
    "organization",
    "organizations",
    "/organizations",
    "/organizations/<id>"
);

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove, agreements]
}

/// The filters of the organizations list.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct OrganizationQuery {
    /// Words the name, short name or an alias start with, with or without diacritics and with the
    /// usual abbreviations (`hoi lhpn quan 11`).
    q: Option<String>,
    kind: Option<OrganizationKind>,
    /// A locality id: organizations of it and of the localities inside it.
    locality: Option<i64>,
    parent_id: Option<i64>,
    /// `csv`, `xlsx` or `json`: the whole filtered list as a file (docs/reports.md).
    format: Option<crate::api::openapi::ExportFormat>,
}

/// Organizations, by name; find one as staff type it.
#[utoipa::path(
    operation_id = "list_organizations",
    tag = "organizations",
    params(OrganizationQuery, Paging),
    responses((status = 200, description = "A page of organizations, or all of them as a file", content((ListPage<Organization> = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/organizations")]
async fn list(
    db: &State<Db>,
    _reader: Reader,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    params.expect_query::<OrganizationQuery>()?;
    let filter = OrganizationFilter {
        q: params.search("q")?,
        kind: params.choice("kind", OrganizationKind::parse, OrganizationKind::allowed())?,
        locality: params.int("locality")?,
        parent_id: params.int("parent_id")?,
    };
    if let Some(format) = wants.format(&params)? {
        return wants.list_file(db, format, Listing::Organizations(filter)).await.map(Either::Left);
    }
    let page = params.page()?;
    cached(db, key, move |c| organization::list(c, &filter, page)).await.map(Either::Right)
}

/// The agreements an organization signed, with every filter of `/agreements`.
#[utoipa::path(
    operation_id = "list_organization_agreements",
    tag = "organizations",
    params(AgreementQuery, Paging),
    responses((status = 200, description = "A page of agreements, or all of them as a file", content((ListPage<Agreement> = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/organizations/<id>/agreements")]
async fn agreements(
    db: &State<Db>,
    _reader: Reader,
    id: i64,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    let (mut filter, page) = agreement_filter(&params)?;
    filter.signed_by.push(id);
    if let Some(format) = wants.format(&params)? {
        db.run(move |c| organization::get(c, id)).await?;
        return wants.list_file(db, format, Listing::Agreements(filter)).await.map(Either::Left);
    }
    cached(db, key, move |c| {
        organization::get(c, id)?;
        agreement::list(c, &filter, page)
    })
    .await
    .map(Either::Right)
}
