//! `/api/v1/imports`: a spreadsheet (CSV or XLSX) of organizations, directives or agreements
//! into the registry, all or nothing, or as a dry run's report; and each resource's template.

use rocket::data::{self, Data, FromData, ToByteUnit};
use rocket::http::Status;
use rocket::request::Request;
use rocket::serde::json::Json;
use rocket::{get, post, routes, Route, State};

use crate::api::auth::{Caller, Reader};
use crate::api::openapi::{ExportFormat, ReadProblems};
use crate::api::params::Params;
use crate::api::reports::yes_no;
use crate::db::Db;
use crate::error::{ApiError, ApiResult, Problem};
use crate::export::stream::{Download, Wants};
use crate::export::Format;
use crate::import::report::Report;
use crate::import::{self, OnMatch, Options, Resource};
use crate::messages::Msg;
use crate::registry::intake::Gazetteer;

pub fn routes() -> Vec<Route> {
    routes![import_file, template]
}

/// The largest file taken, unless Rocket's `limits.file` says otherwise: 10,000 rows of the
/// widest sheet are a few megabytes.
const DEFAULT_LIMIT: u64 = 32 * 1024 * 1024;

/// A request's body, as bytes.
pub struct FileBody(pub Vec<u8>);

#[rocket::async_trait]
impl<'r> FromData<'r> for FileBody {
    type Error = ApiError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        let limit = req.limits().get("file").unwrap_or(DEFAULT_LIMIT.bytes());
        let fail = |e: ApiError| data::Outcome::Error((e.status, e));
        match data.open(limit).into_bytes().await {
            Ok(bytes) if !bytes.is_complete() => {
                fail(ApiError::new(Status::PayloadTooLarge, Msg::BodyTooLarge(limit.as_u64())))
            }
            Ok(bytes) if bytes.is_empty() => fail(ApiError::field("file", Msg::Required)),
            Ok(bytes) => data::Outcome::Success(FileBody(bytes.into_inner())),
            Err(e) => fail(ApiError::new(Status::BadRequest, Msg::NotJson(e.to_string()))),
        }
    }
}

/// What `/imports` is asked.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct ImportQuery {
    /// What the file's rows are.
    resource: Resource,
    /// Only the report: nothing is written.
    dry_run: Option<bool>,
    /// What a row that is a registered record with other values does (`skip` by default).
    on_match: Option<OnMatch>,
    /// `organizations`: parties that name no registered organization are made with the import.
    create_missing: Option<String>,
}

fn resource(params: &Params) -> ApiResult<Resource> {
    params
        .choice("resource", Resource::parse, "organizations, directives, agreements".into())?
        .ok_or_else(|| ApiError::bad_param("resource", Msg::Required))
}

/// Reads a file's rows into the registry as the caller, all or nothing in one transaction, and
/// audited as the caller. Rows are matched to registered records by natural keys, so a file
/// imported twice makes nothing twice. The report lists every error of every row, with its
/// row as the spreadsheet numbers it and its column; with errors, nothing is written (422).
#[utoipa::path(
    operation_id = "import",
    tag = "imports",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv",
        description = "A CSV (UTF-8, comma or semicolon) or XLSX file, its header in row 1"),
    responses(
        (status = 200, description = "The report: written (`committed`), or a dry run's", body = Report),
        (status = 422, description = "The report of a file with errors (nothing was written), or a file \
            that cannot be read at all", content(
            (Report = "application/json"),
            (Problem = "application/problem+json"),
        )),
        (status = 400, description = "A parameter that is unknown or cannot be read", body = Problem,
            content_type = "application/problem+json"),
        (status = 401, description = "No token, or one that is unknown, revoked or malformed", body = Problem,
            content_type = "application/problem+json"),
        (status = 403, description = "A viewer's token", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than the limit", body = Problem,
            content_type = "application/problem+json"),
        (status = 503, description = "The database is not reachable, or the registry is read-only", body = Problem,
            content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[post("/imports", data = "<body>")]
async fn import_file(
    db: &State<Db>,
    gazetteer: &State<std::sync::Arc<Gazetteer>>,
    caller: Caller,
    params: Params,
    wants: Wants,
    body: Result<FileBody, ApiError>,
) -> ApiResult<(Status, Json<Report>)> {
    params.expect_query::<ImportQuery>()?;
    let resource = resource(&params)?;
    let create_missing =
        params.choice("create_missing", |v| (v == "organizations").then_some(true), "organizations".into())?;
    let options = Options {
        dry_run: params.choice("dry_run", yes_no, "true, false".into())?.unwrap_or(false),
        on_match: params
            .choice(
                "on_match",
                |v| match v {
                    "skip" => Some(OnMatch::Skip),
                    "update" => Some(OnMatch::Update),
                    _ => None,
                },
                "skip, update".into(),
            )?
            .unwrap_or_default(),
        create_missing: create_missing.unwrap_or(false),
        version: None,
        lang: wants.lang,
    };
    let bytes = body?.0;
    let dry_run = options.dry_run;
    let report = import::on_server(db, gazetteer.inner().clone(), caller.0, (resource, bytes), options).await?;
    let status = if report.committed || dry_run { Status::Ok } else { Status::UnprocessableEntity };
    Ok((status, Json(report)))
}

/// What `/imports/template` is asked.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct TemplateQuery {
    resource: Resource,
    /// `xlsx` by default.
    format: Option<ExportFormat>,
}

/// An empty file of a resource's columns, headed in the reader's language, to fill and import.
#[utoipa::path(
    operation_id = "import_template",
    tag = "imports",
    params(TemplateQuery),
    responses(
        (status = 200, description = "The template", content(
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "text/csv"),
            (Vec<crate::export::write::TemplateColumn> = "application/json"),
        )),
        ReadProblems,
    ),
    security(("bearer" = []), ()),
)]
#[get("/imports/template")]
async fn template(db: &State<Db>, _reader: Reader, params: Params, wants: Wants) -> ApiResult<Download> {
    params.expect_query::<TemplateQuery>()?;
    let resource = resource(&params)?;
    let format = wants.format(&params)?.unwrap_or(Format::Xlsx);
    wants.template_file(db, format, resource).await
}
