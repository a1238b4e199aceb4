//! `/api/v1/agreements`, and the agreement filters that the organization and directive
//! sub-resources share.

use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::auth::Reader;
use crate::api::openapi::{Paging, ReadProblems};
use crate::api::params::Params;
use crate::api::read::{cached, ReadKey};
use crate::api::write::record_routes;
use crate::api::write::Answer;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::export::lists::Listing;
use crate::export::stream::{Download, Wants};
use crate::models::agreement::{self, Agreement, AgreementFilter, DirectiveRef, Party};
use crate::models::enums::{AgreementKind, AgreementStatus, OrganizationKind};
use crate::models::page::{ListPage, Page};
use rocket::Either;

record_routes!(
    Agreement,
    crate::models::agreement::AgreementInput,
    "agreement",
    "agreements",
    "/agreements",
    "/agreements/<id>"
);

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove, parties]
}

/// The filters of api.md's "questions officials ask".
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct AgreementQuery {
    /// Organization ids; repeat for several: all of them signed.
    signed_by: Option<Vec<i64>>,
    /// Repeat for several: any of them is among the parties.
    party_kind: Option<Vec<OrganizationKind>>,
    kind: Option<AgreementKind>,
    /// A directive id, or a symbol as written ("Chỉ thị số 12-CT/TW"): the agreements under it,
    /// through the implements chain.
    directive: Option<String>,
    /// A year the period covers.
    #[param(minimum = 1000, maximum = 9999)]
    active_in: Option<i32>,
    /// A locality id: agreements of it and of the localities inside it.
    locality: Option<i64>,
    /// Words of the title or topic, with or without diacritics.
    q: Option<String>,
    signed_from: Option<chrono::NaiveDate>,
    signed_to: Option<chrono::NaiveDate>,
    status: Option<AgreementStatus>,
    signing_event_id: Option<i64>,
    /// Resume the list after this place: the `next_after` of the page before. Unlike `offset`,
    /// a page deep in a long list costs what the first does.
    after: Option<String>,
    /// `csv`, `xlsx` or `json`: the whole filtered list as a file (docs/reports.md).
    format: Option<crate::api::openapi::ExportFormat>,
}

/// The filters of api.md's "questions officials ask", read from the query.
pub fn agreement_filter(params: &Params) -> ApiResult<(AgreementFilter, Page)> {
    params.expect_query::<AgreementQuery>()?;
    let party_kind = params
        .all("party_kind")
        .into_iter()
        .map(|v| {
            OrganizationKind::parse(v.trim()).ok_or_else(|| {
                ApiError::bad_param("party_kind", crate::messages::Msg::UnknownValue(OrganizationKind::allowed()))
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let directives = params
        .text("directive")
        .map(|v| match v.trim().parse::<i64>() {
            Ok(id) => DirectiveRef::Id(id),
            Err(_) => DirectiveRef::Symbol(v.to_string()),
        })
        .into_iter()
        .collect();
    let filter = AgreementFilter {
        signed_by: params.ints("signed_by")?,
        party_kind,
        kind: params.choice("kind", AgreementKind::parse, AgreementKind::allowed())?,
        directives,
        active_in: params.year("active_in")?,
        locality: params.int("locality")?,
        q: params.search("q")?,
        signed_from: params.date("signed_from")?,
        signed_to: params.date("signed_to")?,
        status: params.choice("status", AgreementStatus::parse, AgreementStatus::allowed())?,
        signing_event_id: params.int("signing_event_id")?,
        after: params.after("after")?,
    };
    Ok((filter, params.page()?))
}

/// Agreements, latest period first, with the officials' filters.
#[utoipa::path(
    operation_id = "list_agreements",
    tag = "agreements",
    params(AgreementQuery, Paging),
    responses((status = 200, description = "A page of agreements, or all of them as a file", content((ListPage<Agreement> = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/agreements")]
async fn list(
    db: &State<Db>,
    _reader: Reader,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    let (filter, page) = agreement_filter(&params)?;
    if let Some(format) = wants.format(&params)? {
        return wants.list_file(db, format, Listing::Agreements(filter)).await.map(Either::Left);
    }
    cached(db, key, move |c| agreement::list(c, &filter, page)).await.map(Either::Right)
}

/// Which organizations signed an agreement.
#[utoipa::path(
    operation_id = "list_agreement_parties",
    tag = "agreements",
    params(Paging),
    responses((status = 200, description = "A page of parties", body = ListPage<Party>), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/agreements/<id>/parties")]
async fn parties(db: &State<Db>, _reader: Reader, id: i64, params: Params, key: ReadKey<'_>) -> ApiResult<Answer> {
    params.expect(&[])?;
    let page = params.page()?;
    cached(db, key, move |c| Ok(ListPage::of_all(agreement::parties_of(c, id)?, page))).await
}
