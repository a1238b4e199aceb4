//! `/api/v1/organizations`

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::Json;
use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::agreements::agreement_filter;
use crate::api::body::{decode_patch, JsonBody};
use crate::api::created;
use crate::api::params::Params;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::models::agreement::{self, Agreement};
use crate::models::enums::OrganizationKind;
use crate::models::organization::{self, Organization, OrganizationFilter, OrganizationInput};
use crate::models::page::ListPage;

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove, agreements]
}

#[get("/organizations")]
async fn list(db: &State<Db>, params: Params) -> ApiResult<Json<ListPage<Organization>>> {
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
async fn create(db: &State<Db>, body: Result<JsonBody, ApiError>) -> ApiResult<Created<Json<Organization>>> {
    let input: OrganizationInput = body?.decode()?;
    let made = db.write(move |c| organization::create(c, input)).await?;
    Ok(created("organizations", made.id, made))
}

#[get("/organizations/<id>")]
async fn get(db: &State<Db>, id: i64) -> ApiResult<Json<Organization>> {
    db.run(move |c| organization::get(c, id)).await.map(Json)
}

#[patch("/organizations/<id>", data = "<body>")]
async fn update(db: &State<Db>, id: i64, body: Result<JsonBody, ApiError>) -> ApiResult<Json<Organization>> {
    let patch = body?;
    db.write(move |c| {
        let input = decode_patch(&organization::input_of(c, id)?, patch)?;
        organization::update(c, id, input)
    })
    .await
    .map(Json)
}

#[delete("/organizations/<id>")]
async fn remove(db: &State<Db>, id: i64) -> ApiResult<NoContent> {
    db.write(move |c| organization::delete(c, id)).await.map(|_| NoContent)
}

/// The agreements an organization signed, with every filter of `/agreements`.
#[get("/organizations/<id>/agreements")]
async fn agreements(db: &State<Db>, id: i64, params: Params) -> ApiResult<Json<ListPage<Agreement>>> {
    let (mut filter, page) = agreement_filter(&params)?;
    filter.signed_by.push(id);
    db.run(move |c| {
        organization::get(c, id)?;
        agreement::list(c, &filter, page)
    })
    .await
    .map(Json)
}
