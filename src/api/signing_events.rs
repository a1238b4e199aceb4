//! `/api/v1/signing-events`. `POST` registers an event with the agreements signed at it (its
//! `agreements`): all or nothing.

use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};

use crate::api::auth::Reader;
use crate::api::params::Params;
use crate::api::write::record_routes;
use crate::db::Db;
use crate::error::ApiResult;
use crate::models::enums::EventKind;
use crate::models::page::ListPage;
use crate::models::signing_event::{self, SigningEvent, SigningEventFilter};

record_routes!(SigningEvent, "/signing-events", "/signing-events/<id>");

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
