//! `/api/v1/intake`: an article read into a draft registration. Writes nothing.

use rocket::serde::json::Json;
use rocket::{post, routes, Route, State};

use crate::api::auth::Reader;
use crate::api::body::JsonBody;
use crate::api::openapi::ReadProblems;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::intake::draft::Intake;
use crate::registry::intake::{self, Gazetteer, IntakeInput};

pub fn routes() -> Vec<Route> {
    routes![draft]
}

/// The registration a text records, as far as it tells: the event, its agreements, parties and
/// directives matched in the registry or proposed, each value with its place in the text.
#[utoipa::path(
    operation_id = "intake",
    tag = "intake",
    request_body = IntakeInput,
    responses(
        (status = 200, description = "The draft, its findings and notes", body = Intake),
        (status = 413, description = "The body is larger than the limit", body = crate::error::Problem,
            content_type = "application/problem+json"),
        ReadProblems,
    ),
    security(("bearer" = []), ()),
)]
#[post("/intake", data = "<body>")]
async fn draft(
    db: &State<Db>,
    gazetteer: &State<std::sync::Arc<Gazetteer>>,
    _reader: Reader,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Json<Intake>> {
    let input: IntakeInput = body?.decode()?;
    let gazetteer = gazetteer.inner().clone();
    db.run(move |c| intake::draft(c, &gazetteer, input)).await.map(Json)
}
