//! `/api/v1/agreements`, and the agreement filters that the organization and directive
//! sub-resources share.

use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};

use crate::api::auth::Reader;
use crate::api::params::Params;
use crate::api::write::record_routes;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::models::agreement::{self, Agreement, AgreementFilter, DirectiveRef, Party};
use crate::models::enums::{AgreementKind, AgreementStatus, OrganizationKind};
use crate::models::page::{ListPage, Page};

record_routes!(Agreement, "/agreements", "/agreements/<id>");

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove, parties]
}

/// The filters of api.md's "questions officials ask", read from the query.
pub fn agreement_filter(params: &Params) -> ApiResult<(AgreementFilter, Page)> {
    params.expect(&[
        "signed_by",
        "party_kind",
        "kind",
        "directive",
        "active_in",
        "locality",
        "q",
        "signed_from",
        "signed_to",
        "status",
        "signing_event_id",
    ])?;
    let party_kind = params
        .all("party_kind")
        .into_iter()
        .map(|v| {
            OrganizationKind::parse(v.trim()).ok_or_else(|| {
                ApiError::bad_param("party_kind", crate::messages::Msg::UnknownValue(OrganizationKind::allowed()))
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let directive = params.text("directive").map(|v| match v.trim().parse::<i64>() {
        Ok(id) => DirectiveRef::Id(id),
        Err(_) => DirectiveRef::Symbol(v.to_string()),
    });
    let filter = AgreementFilter {
        signed_by: params.ints("signed_by")?,
        party_kind,
        kind: params.choice("kind", AgreementKind::parse, AgreementKind::allowed())?,
        directive,
        active_in: params.year("active_in")?,
        locality: params.int("locality")?,
        q: params.text("q").map(str::to_string),
        signed_from: params.date("signed_from")?,
        signed_to: params.date("signed_to")?,
        status: params.choice("status", AgreementStatus::parse, AgreementStatus::allowed())?,
        signing_event_id: params.int("signing_event_id")?,
    };
    Ok((filter, params.page()?))
}

#[get("/agreements")]
async fn list(db: &State<Db>, _reader: Reader, params: Params) -> ApiResult<Json<ListPage<Agreement>>> {
    let (filter, page) = agreement_filter(&params)?;
    db.run(move |c| agreement::list(c, &filter, page)).await.map(Json)
}

/// Which organizations signed an agreement.
#[get("/agreements/<id>/parties")]
async fn parties(db: &State<Db>, _reader: Reader, id: i64, params: Params) -> ApiResult<Json<ListPage<Party>>> {
    params.expect(&[])?;
    let page = params.page()?;
    let all = db.run(move |c| agreement::parties_of(c, id)).await?;
    Ok(Json(ListPage::of_all(all, page)))
}
