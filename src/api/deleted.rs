//! `/api/v1/deleted`: what was deleted, kept; an admin lists it and restores it under its old id.

use rocket::serde::json::Json;
use rocket::{get, post, routes, Route, State};

use crate::api::auth::{Caller, IdempotencyKey};
use crate::api::openapi::{IdempotencyHeader, Paging, ReadProblems, WriteProblems};
use crate::api::params::Params;
use crate::api::write::{self, Answer};
use crate::db::Db;
use crate::error::ApiResult;
use crate::messages::{Entity, Msg};
use crate::models::deleted::{self, Deleted};
use crate::models::page::ListPage;

pub fn routes() -> Vec<Route> {
    routes![list, get, restore]
}

/// The filter of the deleted records.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct DeletedQuery {
    /// `locality`, `organization`, `directive`, `signing_event` or `agreement`.
    record_type: Option<String>,
}

/// Deleted records, newest deletion first (admins).
#[utoipa::path(
    operation_id = "list_deleted",
    tag = "deleted records",
    params(DeletedQuery, Paging),
    responses((status = 200, description = "A page of deleted records", body = ListPage<Deleted>), ReadProblems),
    security(("bearer" = [])),
)]
#[get("/deleted")]
async fn list(db: &State<Db>, caller: Caller, params: Params) -> ApiResult<Json<ListPage<Deleted>>> {
    caller.0.must_be_admin()?;
    params.expect_query::<DeletedQuery>()?;
    let allowed = Entity::ALL.map(Entity::key).join(", ");
    let record_type = params.parsed("record_type", Entity::parse, Msg::UnknownValue(allowed))?;
    let page = params.page()?;
    db.run(move |c| deleted::list(c, record_type, page)).await.map(Json)
}

/// One deleted record (admins).
#[utoipa::path(
    operation_id = "get_deleted",
    tag = "deleted records",
    responses((status = 200, description = "The deleted record", body = Deleted), ReadProblems),
    security(("bearer" = [])),
)]
#[get("/deleted/<id>")]
async fn get(db: &State<Db>, caller: Caller, id: i64) -> ApiResult<Json<Deleted>> {
    caller.0.must_be_admin()?;
    db.run(move |c| deleted::get(c, id)).await.map(Json)
}

/// Recreates the record as it was, under its old id (201 with its `Location`). Refused, and the
/// record stays deleted, when it no longer fits: its name taken again (409), a record it refers
/// to deleted meanwhile (422).
#[utoipa::path(
    operation_id = "restore_deleted",
    tag = "deleted records",
    params(IdempotencyHeader),
    responses(
        (status = 201, description = "The restored record", body = serde_json::Value, headers(("ETag" = String), ("Location" = String))),
        WriteProblems,
    ),
    security(("bearer" = [])),
)]
#[post("/deleted/<id>/restore")]
async fn restore(db: &State<Db>, caller: Caller, key: IdempotencyKey, id: i64) -> ApiResult<Answer> {
    write::restore(db, caller, key, id).await
}
