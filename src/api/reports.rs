//! `/api/v1/reports/…`: coverage, gaps, ending and starting, counts — as JSON, or as a file
//! (`?format=`, `Accept`). The questions' grammar is read here once, for the API and the
//! report pages alike.

use chrono::Days;
use rocket::{get, routes, Either, Route, State};

use crate::api::agreements::{agreement_filter, AgreementQuery};
use crate::api::auth::Reader;
use crate::api::openapi::{ExportFormat, ReadProblems};
use crate::api::params::Params;
use crate::api::read::{cached, ReadKey};
use crate::api::write::Answer;
use crate::db::{Db, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::export::reports::Report;
use crate::export::stream::{Download, Wants};
use crate::messages::Msg;
use crate::models::agreement::{AgreementFilter, DirectiveRef};
use crate::models::enums::{AgreementKind, LocalityLevel, OrganizationKind};
use crate::models::report::counts::{counts, CountsReport};
use crate::models::report::coverage::{coverage, CoverageAsked, CoverageReport};
use crate::models::report::due::{due, DueAsked, DueReport};
use crate::models::report::gaps::{gaps, GapReport, GapsAsked};
use crate::models::report::{directive_asked, locality_asked, MemberKinds};
use crate::models::{this_year, today};

pub fn routes() -> Vec<Route> {
    routes![coverage_report, gaps_report, due_report, counts_report]
}

/// The longest window `within_days` takes: ten years.
pub const MAX_DAYS: i64 = 3_660;

/// A report's question as read from the address, before the registry is asked.
pub enum Question {
    Coverage {
        locality: i64,
        year: Option<i32>,
        directive: Option<DirectiveRef>,
        kind: Option<AgreementKind>,
        inside: bool,
    },
    Gaps {
        locality: i64,
        directive: DirectiveRef,
        year: Option<i32>,
        level: Option<LocalityLevel>,
        inside: bool,
        member_kinds: Vec<OrganizationKind>,
    },
    Due {
        year: Option<i32>,
        within_days: Option<i64>,
        locality: Option<i64>,
        directive: Option<DirectiveRef>,
        kind: Option<AgreementKind>,
    },
    Counts(AgreementFilter),
}

fn directive_param(params: &Params) -> Option<DirectiveRef> {
    params.text("directive").map(|v| match v.trim().parse::<i64>() {
        Ok(id) => DirectiveRef::Id(id),
        Err(_) => DirectiveRef::Symbol(v.to_string()),
    })
}

pub(crate) fn yes_no(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    }
}

fn inside(params: &Params, default: bool) -> ApiResult<bool> {
    Ok(params.choice("inside", yes_no, "true, false".to_string())?.unwrap_or(default))
}

fn required<T>(value: Option<T>, name: &str) -> ApiResult<T> {
    value.ok_or_else(|| ApiError::bad_param(name, Msg::Required))
}

fn kind(params: &Params) -> ApiResult<Option<AgreementKind>> {
    params.choice("kind", AgreementKind::parse, AgreementKind::allowed())
}

impl Question {
    pub fn coverage(params: &Params) -> ApiResult<Question> {
        params.expect_query::<CoverageQuery>()?;
        Ok(Question::Coverage {
            locality: required(params.int("locality")?, "locality")?,
            year: params.year("year")?,
            directive: directive_param(params),
            kind: kind(params)?,
            inside: inside(params, false)?,
        })
    }

    pub fn gaps(params: &Params, member_kinds: &MemberKinds) -> ApiResult<Question> {
        params.expect_query::<GapsQuery>()?;
        Ok(Question::Gaps {
            locality: required(params.int("locality")?, "locality")?,
            directive: required(directive_param(params), "directive")?,
            year: params.year("year")?,
            level: params.choice("level", LocalityLevel::parse, LocalityLevel::allowed())?,
            inside: inside(params, true)?,
            member_kinds: member_kinds.0.clone(),
        })
    }

    pub fn due(params: &Params) -> ApiResult<Question> {
        params.expect_query::<DueQuery>()?;
        let within_days = params.int("within_days")?;
        if within_days.is_some_and(|d| !(0..=MAX_DAYS).contains(&d)) {
            return Err(ApiError::bad_param("within_days", Msg::OutOfRange(0, MAX_DAYS)));
        }
        let year = params.year("year")?;
        if year.is_some() && within_days.is_some() {
            return Err(ApiError::bad_param("within_days", Msg::NotBoth("year")));
        }
        Ok(Question::Due {
            year,
            within_days,
            locality: params.int("locality")?,
            directive: directive_param(params),
            kind: kind(params)?,
        })
    }

    pub fn counts(params: &Params) -> ApiResult<Question> {
        Ok(Question::Counts(agreement_filter(params)?.0))
    }

    /// The report, read from the registry: a locality or directive that does not exist is
    /// refused naming its parameter.
    pub fn answer(self, c: &mut DbConnection) -> ApiResult<Report> {
        Ok(match self {
            Question::Coverage { locality, year, directive, kind, inside } => {
                let locality = locality_asked(c, locality)?;
                let directive = directive.map(|d| directive_asked(c, d)).transpose()?;
                let year = year.unwrap_or_else(this_year);
                Report::Coverage(coverage(c, CoverageAsked { locality, year, directive, kind, inside })?)
            }
            Question::Gaps { locality, directive, year, level, inside, member_kinds } => {
                let locality = locality_asked(c, locality)?;
                let directive = directive_asked(c, directive)?;
                let year = year.unwrap_or_else(this_year);
                Report::Gaps(gaps(c, GapsAsked { locality, directive, year, level, inside, member_kinds })?)
            }
            Question::Due { year, within_days, locality, directive, kind } => {
                let locality = locality.map(|l| locality_asked(c, l).map(|l| l.id)).transpose()?;
                let directive = directive.map(|d| directive_asked(c, d).map(|d| d.id)).transpose()?;
                let (from, to) = match (year, within_days) {
                    (_, Some(days)) => (today(), today().checked_add_days(Days::new(days as u64)).unwrap_or(today())),
                    (year, None) => {
                        let year = year.unwrap_or_else(this_year);
                        (
                            chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
                            chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
                        )
                    }
                };
                Report::Due(due(c, DueAsked { from, to, locality, directive, kind })?)
            }
            Question::Counts(filter) => Report::Counts(counts(c, &filter)?),
        })
    }
}

/// The report as JSON, or as the file asked for.
async fn answered(
    db: &Db,
    key: ReadKey<'_>,
    wants: Wants,
    params: &Params,
    question: Question,
) -> ApiResult<Either<Download, Answer>> {
    if let Some(format) = wants.format(params)? {
        return wants.report_file(db, format, move |c| question.answer(c)).await.map(Either::Left);
    }
    cached(db, key, move |c| question.answer(c)).await.map(Either::Right)
}

/// The coverage report's question.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct CoverageQuery {
    /// The locality whose organizations are the matrix's rows.
    locality: i64,
    /// The year the agreements are in force in (this year by default).
    #[param(minimum = 1000, maximum = 9999)]
    year: Option<i32>,
    /// A directive id or a symbol as written: only agreements under it, through its chain.
    directive: Option<String>,
    kind: Option<AgreementKind>,
    /// Whether the organizations of the localities inside count too (false by default).
    inside: Option<bool>,
    format: Option<ExportFormat>,
}

/// The gap report's question.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct GapsQuery {
    locality: i64,
    /// A directive id or a symbol as written ("Chỉ thị 12-CT/TW").
    directive: String,
    /// The year the agreements are in force in (this year by default).
    #[param(minimum = 1000, maximum = 9999)]
    year: Option<i32>,
    /// The deepest level of the localities inside that are covered (all by default).
    level: Option<LocalityLevel>,
    /// Whether the localities inside are covered (true by default).
    inside: Option<bool>,
    format: Option<ExportFormat>,
}

/// The question of ending and starting.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct DueQuery {
    /// Periods that end or start in this year (this year by default).
    #[param(minimum = 1000, maximum = 9999)]
    year: Option<i32>,
    /// Instead of a year: periods that end or start from today to this many days ahead.
    #[param(minimum = 0, maximum = 3660)]
    within_days: Option<i64>,
    /// Agreements of this locality and of those inside it.
    locality: Option<i64>,
    directive: Option<String>,
    kind: Option<AgreementKind>,
    format: Option<ExportFormat>,
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Which agreements in force in a year each organization of a locality is party to, and its role.
#[utoipa::path(
    operation_id = "report_coverage",
    tag = "reports",
    params(CoverageQuery),
    responses((status = 200, description = "The matrix of organizations by agreements, or it as a file", content((CoverageReport = "application/json"), (String = "text/csv"), (Vec<u8> = XLSX))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/reports/coverage")]
async fn coverage_report(
    db: &State<Db>,
    _reader: Reader,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    let question = Question::coverage(&params)?;
    answered(db, key, wants, &params, question).await
}

/// The member organizations and the localities' Front committees party to no agreement in force under a directive.
#[utoipa::path(
    operation_id = "report_gaps",
    tag = "reports",
    params(GapsQuery),
    responses((status = 200, description = "The gaps, or them as a file", content((GapReport = "application/json"), (String = "text/csv"), (Vec<u8> = XLSX))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/reports/gaps")]
async fn gaps_report(
    db: &State<Db>,
    _reader: Reader,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
    member_kinds: &State<MemberKinds>,
) -> ApiResult<Either<Download, Answer>> {
    let question = Question::gaps(&params, member_kinds)?;
    answered(db, key, wants, &params, question).await
}

/// Agreements whose period ends or starts within a year, or within the days ahead.
#[utoipa::path(
    operation_id = "report_due",
    tag = "reports",
    params(DueQuery),
    responses((status = 200, description = "What ends and starts, by date, or it as a file", content((DueReport = "application/json"), (String = "text/csv"), (Vec<u8> = XLSX))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/reports/due")]
async fn due_report(
    db: &State<Db>,
    _reader: Reader,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    let question = Question::due(&params)?;
    answered(db, key, wants, &params, question).await
}

/// Agreements counted by year signed, kind, province and directive, with every filter of `/agreements`.
#[utoipa::path(
    operation_id = "report_counts",
    tag = "reports",
    params(AgreementQuery),
    responses((status = 200, description = "The counts, or them as a file", content((CountsReport = "application/json"), (String = "text/csv"), (Vec<u8> = XLSX))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/reports/counts")]
async fn counts_report(
    db: &State<Db>,
    _reader: Reader,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    let question = Question::counts(&params)?;
    answered(db, key, wants, &params, question).await
}
