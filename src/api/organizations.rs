//! `/api/v1/organizations`

use rocket::serde::json::Json;
use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::agreements::agreement_filter;
use crate::api::auth::{Caller, IdempotencyKey, IfMatch, Reader};
use crate::api::body::JsonBody;
use crate::api::params::Params;
use crate::api::write::{self, Written};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::models::agreement::{self, Agreement};
use crate::models::enums::OrganizationKind;
use crate::models::organization::{self, Organization, OrganizationFilter};
use crate::models::page::ListPage;

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

#[post("/organizations", data = "<body>")]
async fn create(
    db: &State<Db>,
    caller: Caller,
    key: IdempotencyKey,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Written> {
    write::create::<Organization>(db, caller, key, body).await
}

#[get("/organizations/<id>")]
async fn get(db: &State<Db>, _reader: Reader, id: i64) -> ApiResult<Written> {
    write::read::<Organization>(db, id).await
}

#[patch("/organizations/<id>", data = "<body>")]
async fn update(
    db: &State<Db>,
    caller: Caller,
    id: i64,
    if_match: IfMatch,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Written> {
    write::update::<Organization>(db, caller, id, if_match, body).await
}

#[delete("/organizations/<id>")]
async fn remove(db: &State<Db>, caller: Caller, id: i64, if_match: IfMatch) -> ApiResult<Written> {
    write::delete::<Organization>(db, caller, id, if_match).await
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
