//! The published contract: an OpenAPI 3.1 document generated from the handlers' annotations,
//! served at `/api/v1/openapi.json`, with Swagger UI at `/docs` from assets built into the binary
//! (utoipa-swagger-ui's vendored copy: nothing is downloaded, at build or at run time).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, IntoResponses, Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

use crate::api::{
    agreements, audit, deleted, directives, imports, intake, localities, organizations, reports, signing_events, tokens,
};
use crate::error::Problem;

/// The problems a read may meet.
#[derive(IntoResponses)]
pub enum ReadProblems {
    /// A query parameter that is unknown or cannot be read.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No token, or one that is unknown, revoked or malformed (unless reads are public).
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The token's role may not read this (the audit trail, tokens, deleted records).
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// No such record.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// A well-formed question that breaks a rule (a directive symbol that names several).
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
    /// The database is not reachable; try again.
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}

/// The problems a write may meet; a refused write writes nothing.
#[derive(IntoResponses)]
pub enum WriteProblems {
    /// A body that is not JSON, or a header that cannot be read.
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// No token, or one that is unknown, revoked or malformed.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Outside the token's role or locality.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// No such record.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// A duplicate, or a record that others depend on.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// `If-Match` names an older version; the answer's `ETag` is the current one.
    #[response(status = 412, content_type = "application/problem+json")]
    PreconditionFailed(Problem),
    /// The body is larger than the limit.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// A field breaks a rule; one entry per field.
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
    /// A change without `If-Match`.
    #[response(status = 428, content_type = "application/problem+json")]
    PreconditionRequired(Problem),
    /// The database is not reachable; try again.
    #[response(status = 503, content_type = "application/problem+json")]
    Unavailable(Problem),
}

/// The version a change was based on: the `ETag` of a `GET` (`"3"`), or `*` for any.
#[derive(IntoParams)]
#[into_params(names("If-Match"), parameter_in = Header)]
pub struct IfMatchHeader(#[allow(dead_code)] String);

/// A key (1 to 255 visible ASCII characters) under which a retry of this request answers the
/// first answer again, without writing twice.
#[derive(IntoParams)]
#[into_params(names("Idempotency-Key"), parameter_in = Header)]
pub struct IdempotencyHeader(#[allow(dead_code)] Option<String>);

/// `limit` and `offset` of every list.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// How many items (1 to 500).
    #[param(minimum = 1, maximum = 500, default = 50)]
    pub limit: Option<i64>,
    /// How many items to skip.
    #[param(minimum = 0, default = 0)]
    pub offset: Option<i64>,
}

/// `format=` of every list and report: the whole result, not one page, as a file (`Accept:
/// text/csv` or the XLSX type asks the same).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
}

struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("An API token (`phoihop token create`); see docs/security.md."))
            .build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The registry's API under `/api/v1`.
#[derive(OpenApi)]
#[openapi(
    paths(
        localities::list, localities::create, localities::get, localities::update, localities::remove,
        organizations::list, organizations::create, organizations::get, organizations::update,
        organizations::remove, organizations::agreements,
        directives::list, directives::resolve, directives::extract, directives::create, directives::get,
        directives::update, directives::remove, directives::agreements, directives::tree, directives::link,
        directives::unlink,
        signing_events::list, signing_events::create, signing_events::get, signing_events::update,
        signing_events::remove,
        agreements::list, agreements::create, agreements::get, agreements::update, agreements::remove,
        agreements::parties,
        tokens::list, tokens::create, tokens::get, tokens::revoke,
        audit::list,
        deleted::list, deleted::get, deleted::restore,
        intake::draft,
        imports::import_file, imports::template,
        reports::coverage_report, reports::gaps_report, reports::due_report, reports::counts_report,
    ),
    modifiers(&BearerTokens),
)]
struct V1;

/// The whole document: the API under `/api/v1`, and the server's health checks.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "phoihop",
        description = "A registry of coordination agreements (phối hợp) for people-to-people diplomacy work: \
                       localities, organizations, directives, signing events and the agreements signed at them.",
    ),
    paths(crate::api::health, crate::api::ready),
    nest((path = "/api/v1", api = V1)),
)]
pub struct ApiDoc;

/// `/docs` (Swagger UI) and `/api/v1/openapi.json`.
pub fn routes() -> impl Into<Vec<rocket::Route>> {
    SwaggerUi::new("/docs/<_..>").url("/api/v1/openapi.json", ApiDoc::openapi())
}
