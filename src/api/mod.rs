//! The REST API under `/api/v1`: one file per resource, each handler thin — read the request,
//! run one model function on the database, answer.

pub mod agreements;
pub mod body;
pub mod directives;
pub mod localities;
pub mod organizations;
pub mod params;
pub mod signing_events;

use diesel::RunQueryDsl;
use rocket::fairing::AdHoc;
use rocket::http::Status;
use rocket::request::Request;
use rocket::response::status::Created;
use rocket::serde::json::Json;
use rocket::{catch, catchers, get, State};
use serde::Serialize;

use crate::db::Db;
use crate::error::ApiError;
use crate::messages::Msg;

pub const BASE: &str = "/api/v1";

pub fn stage() -> AdHoc {
    AdHoc::on_ignite("API", |rocket| async {
        rocket
            .mount("/", rocket::routes![health, ready])
            .mount(BASE, localities::routes())
            .mount(BASE, organizations::routes())
            .mount(BASE, directives::routes())
            .mount(BASE, signing_events::routes())
            .mount(BASE, agreements::routes())
            .register("/", catchers![bad_request, not_found, unprocessable, too_large, internal, default])
    })
}

/// `201 Created` with the new resource and its `Location`.
pub fn created<T: Serialize>(resource: &str, id: i64, value: T) -> Created<Json<T>> {
    Created::new(format!("{BASE}/{resource}/{id}")).body(Json(value))
}

/// Liveness for load balancers: answers without touching the database.
#[get("/health")]
fn health() -> &'static str {
    "ok"
}

/// Readiness: whether this server can reach its database now (503 problem+json when it cannot),
/// so that a load balancer sends no requests to a server whose database is away.
#[get("/ready")]
async fn ready(db: &State<Db>) -> Result<&'static str, ApiError> {
    db.run(|conn| {
        diesel::sql_query("SELECT 1").execute(conn).map_err(ApiError::from)?;
        Ok("ok")
    })
    .await
}

// Rocket's own refusals (a path that matches no route, a guard that fails) answer problem+json
// like every other error.

#[catch(400)]
fn bad_request(_: &Request) -> ApiError {
    ApiError::new(Status::BadRequest, Msg::TitleBadRequest)
}

#[catch(404)]
fn not_found(_: &Request) -> ApiError {
    ApiError::new(Status::NotFound, Msg::NoSuchPath)
}

/// Rocket forwards with 422 when a path segment cannot be read as the route wants (an id that
/// is not a number); bodies never reach this catcher. For a client that is an address with no
/// resource behind it.
#[catch(422)]
fn unprocessable(_: &Request) -> ApiError {
    ApiError::new(Status::NotFound, Msg::NoSuchPath)
}

#[catch(413)]
fn too_large(req: &Request) -> ApiError {
    let limit = req.limits().get("json").map_or(0, |l| l.as_u64());
    ApiError::new(Status::PayloadTooLarge, Msg::BodyTooLarge(limit))
}

#[catch(500)]
fn internal(_: &Request) -> ApiError {
    ApiError::new(Status::InternalServerError, Msg::InternalError)
}

#[catch(default)]
fn default(status: Status, _: &Request) -> ApiError {
    ApiError::new(status, Msg::NoSuchPath)
}
