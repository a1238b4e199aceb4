//! `/api/v1/signing-events`

use rocket::serde::json::Json;
use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::auth::{Caller, IdempotencyKey, IfMatch, Reader};
use crate::api::body::JsonBody;
use crate::api::params::Params;
use crate::api::write::{self, Written};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::models::enums::EventKind;
use crate::models::page::ListPage;
use crate::models::signing_event::{self, SigningEvent, SigningEventFilter};

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove]
}

#[get("/signing-events")]
async fn list(db: &State<Db>, _reader: Reader, params: Params) -> ApiResult<Json<ListPage<SigningEvent>>> {
    params.expect(&["kind", "locality", "host_id", "held_from", "held_to", "q"])?;
    let filter = SigningEventFilter {
        kind: params.choice("kind", EventKind::parse, EventKind::allowed())?,
        locality: params.int("locality")?,
        host_id: params.int("host_id")?,
        held_from: params.date("held_from")?,
        held_to: params.date("held_to")?,
        q: params.text("q").map(str::to_string),
    };
    let page = params.page()?;
    db.run(move |c| signing_event::list(c, &filter, page)).await.map(Json)
}

/// Registers an event, with the agreements signed at it when `agreements` is given: all or nothing.
#[post("/signing-events", data = "<body>")]
async fn create(
    db: &State<Db>,
    caller: Caller,
    key: IdempotencyKey,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Written> {
    write::create::<SigningEvent>(db, caller, key, body).await
}

#[get("/signing-events/<id>")]
async fn get(db: &State<Db>, _reader: Reader, id: i64) -> ApiResult<Written> {
    write::read::<SigningEvent>(db, id).await
}

#[patch("/signing-events/<id>", data = "<body>")]
async fn update(
    db: &State<Db>,
    caller: Caller,
    id: i64,
    if_match: IfMatch,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Written> {
    write::update::<SigningEvent>(db, caller, id, if_match, body).await
}

#[delete("/signing-events/<id>")]
async fn remove(db: &State<Db>, caller: Caller, id: i64, if_match: IfMatch) -> ApiResult<Written> {
    write::delete::<SigningEvent>(db, caller, id, if_match).await
}
