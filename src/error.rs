//! The one application error type. It knows its HTTP status and renders itself as
//! `application/problem+json` (RFC 9457) in the language the request prefers.

use std::io::Cursor;

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use rocket::http::{ContentType, Status};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use serde::Serialize;

use crate::messages::{Dependents, Entity, Lang, Msg};

/// One entry of a problem's `errors`: the field (a JSON path such as `agreements[1].parties`, or
/// a query parameter) and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub msg: Msg,
}

/// Field errors collected across a whole request (or a whole row of an import), so that one
/// answer lists them all: the rules broken, and the records the input would duplicate.
#[derive(Debug, Default)]
pub struct FieldErrors {
    broken: Vec<FieldError>,
    duplicates: Vec<FieldError>,
}

impl FieldErrors {
    /// A rule the input breaks.
    pub fn add(&mut self, field: impl Into<String>, msg: Msg) {
        self.broken.push(FieldError { field: field.into(), msg });
    }

    /// A record the input would duplicate.
    pub fn duplicate(&mut self, field: impl Into<String>, msg: Msg) {
        self.duplicates.push(FieldError { field: field.into(), msg });
    }

    /// Takes over another collection's errors, each field under `prefix` (e.g. `agreements[1].`).
    pub fn absorb(&mut self, prefix: &str, other: FieldErrors) {
        let under = |e: FieldError| FieldError { field: format!("{prefix}{}", e.field), msg: e.msg };
        self.broken.extend(other.broken.into_iter().map(under));
        self.duplicates.extend(other.duplicates.into_iter().map(under));
    }

    pub fn is_empty(&self) -> bool {
        self.broken.is_empty() && self.duplicates.is_empty()
    }

    /// Every error, rules broken first.
    pub fn all(&self) -> impl Iterator<Item = &FieldError> {
        self.broken.iter().chain(&self.duplicates)
    }

    /// Ok when nothing was collected; else a 422 listing every error, or, when the input breaks
    /// no rule but would duplicate a record, a 409 naming it.
    pub fn into_result(self) -> Result<(), ApiError> {
        match (self.broken.is_empty(), self.duplicates.first()) {
            (true, None) => Ok(()),
            (true, Some(first)) => Err(ApiError {
                status: Status::Conflict,
                detail: first.msg.clone(),
                errors: self.duplicates,
                current_version: None,
            }),
            (false, _) => Err(ApiError::invalid(self.broken.into_iter().chain(self.duplicates).collect())),
        }
    }
}

/// Why the database cannot serve a request now (each a 503): the data layer says which, and
/// this type says it in words, so that `db` needs no message of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// No connection could be had (the server away, the pool exhausted).
    NoConnection,
    /// The registry is served read-only (`PHOIHOP_READ_ONLY`).
    ReadOnly,
    /// The SQLite file was deleted, replaced or made read-only under the server.
    FileLost,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: Status,
    pub detail: Msg,
    pub errors: Vec<FieldError>,
    /// The record's current version, sent as `ETag` with a 412 so the client can reload.
    pub current_version: Option<i64>,
}

impl ApiError {
    pub fn new(status: Status, detail: Msg) -> Self {
        ApiError { status, detail, errors: Vec::new(), current_version: None }
    }

    /// 422: a well-formed request that breaks a rule.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        ApiError {
            status: Status::UnprocessableEntity,
            detail: Msg::FieldsInvalid(errors.len()),
            errors,
            current_version: None,
        }
    }

    pub fn field(field: impl Into<String>, msg: Msg) -> Self {
        Self::invalid(vec![FieldError { field: field.into(), msg }])
    }

    /// 400: a query parameter that cannot be read.
    pub fn bad_param(field: impl Into<String>, msg: Msg) -> Self {
        let errors = vec![FieldError { field: field.into(), msg }];
        ApiError { status: Status::BadRequest, detail: Msg::BadQuery, errors, current_version: None }
    }

    /// 400: a request header that cannot be read.
    pub fn bad_header(name: &'static str, msg: Msg) -> Self {
        let errors = vec![FieldError { field: name.into(), msg }];
        ApiError { status: Status::BadRequest, detail: Msg::BadHeader(name), errors, current_version: None }
    }

    /// 503: why the database cannot serve the request now.
    pub fn unavailable(why: Unavailable) -> Self {
        let detail = match why {
            Unavailable::NoConnection => Msg::DatabaseUnavailable,
            Unavailable::ReadOnly => Msg::ReadOnlyRegistry,
            Unavailable::FileLost => Msg::DatabaseFileLost,
        };
        Self::new(Status::ServiceUnavailable, detail)
    }

    /// 428: a change that does not say which version it was based on.
    pub fn version_unstated() -> Self {
        Self::new(Status::PreconditionRequired, Msg::IfMatchRequired)
    }

    /// 412: a change based on another version than `current`, which the answer names.
    pub fn stale(current: i64) -> Self {
        ApiError { current_version: Some(current), ..Self::new(Status::PreconditionFailed, Msg::StaleVersion(current)) }
    }

    /// 500: something the registry did not expect; nothing was written.
    pub fn internal() -> Self {
        Self::new(Status::InternalServerError, Msg::InternalError)
    }

    pub fn not_found(entity: Entity, id: i64) -> Self {
        Self::new(Status::NotFound, Msg::RecordNotFound(entity, id))
    }

    /// 409 for a duplicate: names the field and the record it collides with.
    pub fn duplicate(field: &str, msg: Msg) -> Self {
        ApiError {
            status: Status::Conflict,
            detail: msg.clone(),
            errors: vec![FieldError { field: field.into(), msg }],
            current_version: None,
        }
    }

    /// 409 when a delete would orphan records: one entry per kind of dependent that exists.
    pub fn refuse_if_used(entity: Entity, dependents: &[(&str, Dependents, i64)]) -> ApiResult<()> {
        let errors: Vec<FieldError> = dependents
            .iter()
            .filter(|(_, _, count)| *count > 0)
            .map(|(field, what, count)| FieldError { field: field.to_string(), msg: Msg::InUse(*what, *count) })
            .collect();
        if errors.is_empty() {
            return Ok(());
        }
        Err(ApiError { status: Status::Conflict, detail: Msg::DeleteBlocked(entity), errors, current_version: None })
    }

    fn kind(&self) -> (&'static str, Msg) {
        match self.status.code {
            400 => ("bad-request", Msg::TitleBadRequest),
            401 => ("unauthorized", Msg::TitleUnauthorized),
            403 => ("forbidden", Msg::TitleForbidden),
            404 => ("not-found", Msg::TitleNotFound),
            409 => ("conflict", Msg::TitleConflict),
            412 => ("precondition-failed", Msg::TitlePreconditionFailed),
            413 => ("payload-too-large", Msg::TitleTooLarge),
            422 => ("validation", Msg::TitleValidation),
            428 => ("precondition-required", Msg::TitlePreconditionRequired),
            503 => ("unavailable", Msg::TitleUnavailable),
            _ => ("internal", Msg::TitleInternal),
        }
    }

    /// The problem document in one language.
    pub fn to_problem(&self, lang: Lang) -> Problem {
        let (slug, title) = self.kind();
        Problem {
            problem_type: format!("urn:phoihop:problem:{slug}"),
            title: title.text(lang),
            status: self.status.code,
            detail: self.detail.text(lang),
            errors: self
                .errors
                .iter()
                .map(|e| ProblemField { field: e.field.clone(), message: e.msg.text(lang) })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub errors: Vec<ProblemField>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    pub field: String,
    pub message: String,
}

impl From<DieselError> for ApiError {
    fn from(e: DieselError) -> Self {
        match e {
            // Unique and foreign-key violations that slip past the application's own checks
            // (two writers racing) are conflicts, not server faults.
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
            | DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                ApiError::new(Status::Conflict, Msg::TitleConflict)
            }
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => {
                ApiError::new(Status::ServiceUnavailable, Msg::DatabaseUnavailable)
            }
            // A database server that went away mid-request (shut down, restarted, network cut), or
            // a read-only replica asked to write: the client may retry, on the primary.
            DieselError::DatabaseError(_, ref info) if unavailable(info.message()) => {
                tracing::warn!("database unavailable: {}", info.message());
                ApiError::new(Status::ServiceUnavailable, Msg::DatabaseUnavailable)
            }
            other => {
                tracing::error!("database error: {other}");
                ApiError::new(Status::InternalServerError, Msg::InternalError)
            }
        }
    }
}

/// libpq's and PostgreSQL's words for a connection that is gone (SQLSTATE 57P01–57P03 and class
/// 08) and for a write sent to a replica (25006), and SQLite's for a write lock held elsewhere or
/// a file that cannot be written; diesel does not pass the code on.
fn unavailable(message: &str) -> bool {
    const SIGNS: [&str; 9] = [
        // SQLite: another process (a restore) holds the write lock past busy_timeout; the file
        // became read-only under the server.
        "database is locked",
        "attempt to write a readonly database",
        "terminating connection",
        "server closed the connection",
        "no connection to the server",
        "could not receive data from server",
        "could not send data to server",
        "the database system is shutting down",
        "in a read-only transaction",
    ];
    SIGNS.iter().any(|sign| message.contains(sign))
}

impl<'r> Responder<'r, 'static> for ApiError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let lang = Lang::negotiate(req.headers().get_one("Accept-Language"));
        req.local_cache(|| LoggedProblem(self.summary()));
        let body = serde_json::to_vec(&self.to_problem(lang)).map_err(|_| Status::InternalServerError)?;
        let mut response = Response::build();
        response
            .status(self.status)
            .header(ContentType::new("application", "problem+json"))
            .raw_header("Content-Language", if lang == Lang::Vi { "vi" } else { "en" });
        if let Some(version) = self.current_version {
            response.raw_header("ETag", format!("\"{version}\""));
        }
        if self.status == Status::ServiceUnavailable {
            response.raw_header("Retry-After", "5");
        }
        if self.status == Status::Unauthorized {
            response.raw_header("WWW-Authenticate", "Bearer realm=\"phoihop\"");
        }
        response.sized_body(body.len(), Cursor::new(body)).ok()
    }
}

/// Why a request was refused, in one line of English, left for the request log.
pub struct LoggedProblem(pub String);

impl ApiError {
    /// The problem in one line of English, its fields included: for logs and the command line.
    pub fn summary(&self) -> String {
        let mut text = self.detail.text(Lang::En);
        for e in &self.errors {
            text.push_str(&format!(" {}: {}", e.field, e.msg.text(Lang::En)));
        }
        text
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
