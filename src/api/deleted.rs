//! `/api/v1/deleted`: what was deleted, kept; an admin lists it and restores it under its old id.

use rocket::serde::json::Json;
use rocket::{get, post, routes, Route, State};

use crate::api::auth::{Caller, IdempotencyKey};
use crate::api::params::Params;
use crate::api::write::{self, Written};
use crate::db::Db;
use crate::error::ApiResult;
use crate::messages::{Entity, Msg};
use crate::models::deleted::{self, Deleted};
use crate::models::page::ListPage;

pub fn routes() -> Vec<Route> {
    routes![list, get, restore]
}

/// Newest deletion first; `record_type` narrows to one kind of record.
#[get("/deleted")]
async fn list(db: &State<Db>, caller: Caller, params: Params) -> ApiResult<Json<ListPage<Deleted>>> {
    caller.0.must_be_admin()?;
    params.expect(&["record_type"])?;
    let allowed = Entity::ALL.map(Entity::key).join(", ");
    let record_type = params.parsed("record_type", Entity::parse, Msg::UnknownValue(allowed))?;
    let page = params.page()?;
    db.run(move |c| deleted::list(c, record_type, page)).await.map(Json)
}

#[get("/deleted/<id>")]
async fn get(db: &State<Db>, caller: Caller, id: i64) -> ApiResult<Json<Deleted>> {
    caller.0.must_be_admin()?;
    db.run(move |c| deleted::get(c, id)).await.map(Json)
}

/// Recreates the record as it was, under its old id (201 with its `Location`). Refused, and the
/// record stays deleted, when it no longer fits: its name taken again (409), a record it refers
/// to deleted meanwhile (422).
#[post("/deleted/<id>/restore")]
async fn restore(db: &State<Db>, caller: Caller, key: IdempotencyKey, id: i64) -> ApiResult<Written> {
    write::restore(db, caller, key, id).await
}
