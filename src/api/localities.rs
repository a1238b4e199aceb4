//! `/api/v1/localities`

use rocket::serde::json::Json;
use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::auth::{Caller, IdempotencyKey, IfMatch, Reader};
use crate::api::body::JsonBody;
use crate::api::params::Params;
use crate::api::write::{self, Written};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::models::enums::LocalityLevel;
use crate::models::locality::{self, Locality, LocalityFilter};
use crate::models::page::ListPage;

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove]
}

#[get("/localities")]
async fn list(db: &State<Db>, _reader: Reader, params: Params) -> ApiResult<Json<ListPage<Locality>>> {
    params.expect(&["q", "level", "parent_id"])?;
    let filter = LocalityFilter {
        q: params.text("q").map(str::to_string),
        level: params.choice("level", LocalityLevel::parse, LocalityLevel::allowed())?,
        parent_id: params.int("parent_id")?,
    };
    let page = params.page()?;
    db.run(move |c| locality::list(c, &filter, page)).await.map(Json)
}

#[post("/localities", data = "<body>")]
async fn create(
    db: &State<Db>,
    caller: Caller,
    key: IdempotencyKey,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Written> {
    write::create::<Locality>(db, caller, key, body).await
}

#[get("/localities/<id>")]
async fn get(db: &State<Db>, _reader: Reader, id: i64) -> ApiResult<Written> {
    write::read::<Locality>(db, id).await
}

#[patch("/localities/<id>", data = "<body>")]
async fn update(
    db: &State<Db>,
    caller: Caller,
    id: i64,
    if_match: IfMatch,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Written> {
    write::update::<Locality>(db, caller, id, if_match, body).await
}

#[delete("/localities/<id>")]
async fn remove(db: &State<Db>, caller: Caller, id: i64, if_match: IfMatch) -> ApiResult<Written> {
    write::delete::<Locality>(db, caller, id, if_match).await
}
