//! `/api/v1/signing-events`

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::Json;
use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::body::{decode_patch, JsonBody};
use crate::api::created;
use crate::api::params::Params;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::models::enums::EventKind;
use crate::models::page::ListPage;
use crate::models::signing_event::{self, SigningEvent, SigningEventFilter, SigningEventInput};

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove]
}

#[get("/signing-events")]
async fn list(db: &State<Db>, params: Params) -> ApiResult<Json<ListPage<SigningEvent>>> {
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
async fn create(db: &State<Db>, body: Result<JsonBody, ApiError>) -> ApiResult<Created<Json<SigningEvent>>> {
    let input: SigningEventInput = body?.decode()?;
    let made = db.write(move |c| signing_event::create(c, input)).await?;
    Ok(created("signing-events", made.id, made))
}

#[get("/signing-events/<id>")]
async fn get(db: &State<Db>, id: i64) -> ApiResult<Json<SigningEvent>> {
    db.run(move |c| signing_event::get(c, id)).await.map(Json)
}

#[patch("/signing-events/<id>", data = "<body>")]
async fn update(db: &State<Db>, id: i64, body: Result<JsonBody, ApiError>) -> ApiResult<Json<SigningEvent>> {
    let patch = body?;
    db.write(move |c| {
        let input = decode_patch(&signing_event::input_of(c, id)?, patch)?;
        signing_event::update(c, id, input)
    })
    .await
    .map(Json)
}

#[delete("/signing-events/<id>")]
async fn remove(db: &State<Db>, id: i64) -> ApiResult<NoContent> {
    db.write(move |c| signing_event::delete(c, id)).await.map(|_| NoContent)
}
