//! `/api/v1/audit`: the audit trail, newest first, for editors and admins. Read only: no route
//! changes or removes an entry.

use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};

use crate::api::auth::Caller;
use crate::api::openapi::{Paging, ReadProblems};
use crate::api::params::Params;
use crate::db::Db;
use crate::error::ApiResult;
use crate::messages::Entity;
use crate::models::audit::{self, AuditEntry, AuditFilter};
use crate::models::page::{ListPage, Page};

pub fn routes() -> Vec<Route> {
    routes![list]
}

/// The filters of the audit trail.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct AuditQuery {
    /// `locality`, `organization`, `directive`, `signing_event`, `agreement`, `token` or `user`.
    record_type: Option<String>,
    record_id: Option<i64>,
    /// A token's name.
    token: Option<String>,
    /// From this moment on (inclusive): an ISO 8601 date or time, UTC when no zone is given.
    since: Option<String>,
    /// Before this moment (exclusive).
    until: Option<String>,
}

/// The audit trail, newest first (editors and admins).
#[utoipa::path(
    operation_id = "list_audit",
    tag = "audit",
    params(AuditQuery, Paging),
    responses((status = 200, description = "A page of entries", body = ListPage<AuditEntry>), ReadProblems),
    security(("bearer" = [])),
)]
#[get("/audit")]
async fn list(db: &State<Db>, caller: Caller, params: Params) -> ApiResult<Json<ListPage<AuditEntry>>> {
    caller.0.may_read_audit()?;
    params.expect_query::<AuditQuery>()?;
    let (filter, page) = audit_filter(&params)?;
    db.run(move |c| audit::list(c, &filter, page)).await.map(Json)
}

/// The trail's filter and page as the parameters ask them (the API's and the page's alike).
pub fn audit_filter(params: &Params) -> ApiResult<(AuditFilter, Page)> {
    let allowed = Entity::ALL.map(Entity::key).join(", ") + ", token, user";
    let record_type = params.choice("record_type", audited_type, allowed)?;
    let filter = AuditFilter {
        record_type: record_type.map(str::to_string),
        record_id: params.int("record_id")?,
        actor: params.text("token").map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
        since: params.time("since")?,
        until: params.time("until")?,
    };
    Ok((filter, params.page()?))
}

/// The record types the trail names: the five resources, tokens and users.
pub fn audited_type(text: &str) -> Option<&'static str> {
    Entity::parse(text).map(Entity::key).or(["token", "user"].into_iter().find(|t| *t == text))
}
