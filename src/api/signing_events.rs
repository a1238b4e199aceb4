//! `/api/v1/signing-events`. `POST` registers an event with the agreements signed at it (its
//! `agreements`): all or nothing.

use rocket::{delete, get, patch, post, routes, Route, State};

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
use crate::models::enums::EventKind;
use crate::models::page::ListPage;
use crate::models::signing_event::{self, SigningEvent, SigningEventFilter};
use rocket::Either;

record_routes!(
    SigningEvent,
    crate::models::signing_event::SigningEventInput,
    "signing_event",
    "signing events",
    "/signing-events",
    "/signing-events/<id>"
);

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove]
}

/// The filters of the signing events list.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct SigningEventQuery {
    kind: Option<EventKind>,
    /// A locality id: events held in it and in the localities inside it.
    locality: Option<i64>,
    host_id: Option<i64>,
    held_from: Option<chrono::NaiveDate>,
    held_to: Option<chrono::NaiveDate>,
    /// Words of the title or place, with or without diacritics.
    q: Option<String>,
    /// `csv`, `xlsx` or `json`: the whole filtered list as a file (docs/reports.md).
    format: Option<crate::api::openapi::ExportFormat>,
}

/// Events, newest first.
#[utoipa::path(
    operation_id = "list_signing_events",
    tag = "signing events",
    params(SigningEventQuery, Paging),
    responses((status = 200, description = "A page of events, or all of them as a file", content((ListPage<SigningEvent> = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/signing-events")]
async fn list(
    db: &State<Db>,
    _reader: Reader,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    params.expect_query::<SigningEventQuery>()?;
    let filter = SigningEventFilter {
        kind: params.choice("kind", EventKind::parse, EventKind::allowed())?,
        locality: params.int("locality")?,
        host_id: params.int("host_id")?,
        held_from: params.date("held_from")?,
        held_to: params.date("held_to")?,
        q: params.search("q")?,
    };
    if let Some(format) = wants.format(&params)? {
        return wants.list_file(db, format, Listing::SigningEvents(filter)).await.map(Either::Left);
    }
    let page = params.page()?;
    cached(db, key, move |c| signing_event::list(c, &filter, page)).await.map(Either::Right)
}
