//! `/api/v1/organizations`

use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};

use crate::api::agreements::agreement_filter;
use crate::api::auth::Reader;
use crate::api::params::Params;
use crate::api::write::record_routes;
use crate::db::Db;
use crate::error::ApiResult;
use crate::models::agreement::{self, Agreement};
use crate::models::enums::OrganizationKind;
use crate::models::organization::{self, Organization, OrganizationFilter};
use crate::models::page::ListPage;

record_routes!(Organization, "/organizations", "/organizations/<id>");

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove, agreements]
}

#[get("/organizations")]
async fn list(db: &State<Db>, _reader: Reader, params: Params) -> ApiResult<Json<ListPage<Organization>>> {
    params.expect(&["q", "kind", "locality", "parent_id"])?;
    let filter = OrganizationFilter {
        q: params.text("q").map(str::to_string),
        kind: params.choice("kind", OrganizationKind::parse, OrganizationKind::allowed())?,
        locality: params.int("locality")?,
        parent_id: params.int("parent_id")?,
    };
    let page = params.page()?;
    db.run(move |c| organization::list(c, &filter, page)).await.map(Json)
}

/// The agreements an organization signed, with every filter of `/agreements`.
#[get("/organizations/<id>/agreements")]
async fn agreements(db: &State<Db>, _reader: Reader, id: i64, params: Params) -> ApiResult<Json<ListPage<Agreement>>> {
    let (mut filter, page) = agreement_filter(&params)?;
    filter.signed_by.push(id);
    db.run(move |c| {
        organization::get(c, id)?;
        agreement::list(c, &filter, page)
    })
    .await
    .map(Json)
}
