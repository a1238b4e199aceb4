//! The REST API under `/api/v1`: one file per resource, each handler thin — read the request,
//! run one model function on the database, answer.

pub mod agreements;
pub mod audit;
pub mod auth;
pub mod body;
pub mod cache;
pub mod deleted;
pub mod directives;
pub mod headers;
pub mod idempotency;
pub mod imports;
pub mod intake;
pub mod localities;
pub mod log;
pub mod openapi;
pub mod organizations;
pub mod params;
pub mod read;
pub mod reports;
pub mod signing_events;
pub mod tokens;
pub mod write;

use rocket::fairing::AdHoc;
use rocket::http::Status;
use rocket::request::Request;
use rocket::{catch, catchers, get, State};

use crate::api::auth::{Access, Refusal};
use crate::config::Config;
use crate::db::Db;
use crate::error::ApiError;
use crate::messages::Msg;

pub use crate::models::record::API_BASE as BASE;

/// The routes and catchers. Reads are public when `public_read` says so, or when Rocket.toml (or
/// `ROCKET_PUBLIC_READ`) sets `public_read = true`.
pub fn stage(config: &Config) -> AdHoc {
    let (public_read, url, clock) = (config.public_read, config.database_url.clone(), config.clock.clone());
    let member_kinds = config.member_kinds.clone();
    let budget = usize::try_from(config.cache_mb.saturating_mul(1 << 20)).unwrap_or(usize::MAX);
    AdHoc::on_ignite("API", move |rocket| async move {
        let public_read = public_read || rocket.figment().extract_inner::<bool>("public_read").unwrap_or(false);
        rocket
            .manage(Access { public_read })
            .manage(crate::models::report::MemberKinds(member_kinds))
            .manage(cache::Cache::open(&url, budget, clock))
            .manage(std::sync::Arc::new(crate::registry::intake::Gazetteer::default()))
            .attach(headers::Headers)
            .attach(log::RequestLog)
            .mount("/", rocket::routes![health, ready])
            .mount("/", openapi::routes())
            .mount(BASE, localities::routes())
            .mount(BASE, organizations::routes())
            .mount(BASE, directives::routes())
            .mount(BASE, signing_events::routes())
            .mount(BASE, agreements::routes())
            .mount(BASE, tokens::routes())
            .mount(BASE, audit::routes())
            .mount(BASE, deleted::routes())
            .mount(BASE, intake::routes())
            .mount(BASE, imports::routes())
            .mount(BASE, reports::routes())
            // Under /api, failures are problem+json; elsewhere the web face's pages say them.
            .register(
                "/api",
                catchers![bad_request, unauthorized, not_found, unprocessable, too_large, internal, default],
            )
    })
}

/// Liveness for load balancers: answers without touching the database.
#[utoipa::path(operation_id = "health", tag = "health", responses((status = 200, description = "ok", body = String, content_type = "text/plain")))]
#[get("/health")]
fn health() -> &'static str {
    "ok"
}

/// Readiness: whether this server can reach its database now and, on SQLite, whether the file is
/// still the one it opened and writable (503 problem+json when not), so that a load balancer
/// sends no requests to a server whose database is away.
#[utoipa::path(
    operation_id = "ready",
    tag = "health",
    responses(
        (status = 200, description = "ok", body = String, content_type = "text/plain"),
        (status = 503, description = "The database is not reachable", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
)]
#[get("/ready")]
async fn ready(db: &State<Db>) -> Result<&'static str, ApiError> {
    db.ready().await.map(|()| "ok")
}

// Rocket's own refusals (a path that matches no route, a guard that fails) answer problem+json
// like every other error.

#[catch(400)]
fn bad_request(_: &Request) -> ApiError {
    ApiError::new(Status::BadRequest, Msg::TitleBadRequest)
}

/// The reason a guard left for refusing the request, if one did.
fn refusal(req: &Request) -> Option<Msg> {
    req.local_cache(|| Refusal(None)).0.clone()
}

/// A token guard refused the request.
#[catch(401)]
fn unauthorized(req: &Request) -> ApiError {
    ApiError::new(Status::Unauthorized, refusal(req).unwrap_or(Msg::NoToken))
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

/// Anything else; a guard that could not check a token (the database away) left its reason.
#[catch(default)]
fn default(status: Status, req: &Request) -> ApiError {
    ApiError::new(status, refusal(req).unwrap_or(Msg::NoSuchPath))
}
