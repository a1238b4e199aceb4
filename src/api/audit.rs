//! `/api/v1/audit`: the audit trail, newest first, for editors and admins. Read only: no route
//! changes or removes an entry.

use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};

use crate::api::auth::Caller;
use crate::api::params::Params;
use crate::db::Db;
use crate::error::ApiResult;
use crate::messages::Entity;
use crate::models::audit::{self, AuditEntry, AuditFilter};
use crate::models::page::ListPage;

pub fn routes() -> Vec<Route> {
    routes![list]
}

/// Filters: `record_type` (locality, organization, directive, signing_event, agreement, token)
/// with `record_id`; `token` (a token's name); `since` and `until` (ISO 8601 dates or UTC times).
#[get("/audit")]
async fn list(db: &State<Db>, caller: Caller, params: Params) -> ApiResult<Json<ListPage<AuditEntry>>> {
    caller.0.may_read_audit()?;
    params.expect(&["record_type", "record_id", "token", "since", "until"])?;
    let allowed = Entity::ALL.map(Entity::key).join(", ") + ", token";
    let record_type = params.choice("record_type", audited_type, allowed)?;
    let filter = AuditFilter {
        record_type: record_type.map(str::to_string),
        record_id: params.int("record_id")?,
        actor: params.text("token").map(|t| t.trim().to_string()),
        since: params.time("since")?,
        until: params.time("until")?,
    };
    let page = params.page()?;
    db.run(move |c| audit::list(c, &filter, page)).await.map(Json)
}

/// The record types the trail names: the five resources, and tokens.
fn audited_type(text: &str) -> Option<&'static str> {
    Entity::parse(text).map(Entity::key).or((text == "token").then_some("token"))
}
