//! The audit trail: every create, update, delete and restore, written in the same transaction as
//! the change, with who made it, when, and the record before and after. Nothing here changes or
//! removes an entry, and the schema refuses it too (triggers on `audit_log`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::auth::Actor;
use crate::db::schema::audit_log;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::models::enums::AuditAction;
use crate::models::page::{page_of, ListPage, Page};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    /// When, in UTC.
    #[serde(serialize_with = "crate::models::utc")]
    pub at: NaiveDateTime,
    /// The token's name (or the `phoihop` command) that made the change.
    pub actor: String,
    pub token_id: Option<i64>,
    pub action: AuditAction,
    pub record_type: String,
    pub record_id: i64,
    /// The record's version after the change (none after a delete).
    pub version: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// One change to write down.
pub struct Change {
    pub action: AuditAction,
    pub record_type: &'static str,
    pub record_id: i64,
    pub version: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    /// A change that leaves a record at `version` with `after`.
    pub fn made(
        action: AuditAction,
        record_type: &'static str,
        id: i64,
        version: i64,
        before: Option<Value>,
        after: Value,
    ) -> Change {
        Change { action, record_type, record_id: id, version: Some(version), before, after: Some(after) }
    }
}

pub fn record(conn: &mut DbConnection, actor: &Actor, change: Change) -> QueryResult<()> {
    let text = |v: Option<Value>| v.map(|v| v.to_string());
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(crate::models::now()),
            audit_log::token_id.eq(actor.token_id),
            audit_log::user_id.eq(actor.user_id),
            audit_log::actor.eq(&actor.name),
            audit_log::action.eq(change.action.as_str()),
            audit_log::record_type.eq(change.record_type),
            audit_log::record_id.eq(change.record_id),
            audit_log::version.eq(change.version),
            audit_log::before.eq(text(change.before)),
            audit_log::after.eq(text(change.after)),
        ))
        .execute(conn)
        .map(|_| ())
}

#[derive(Default)]
pub struct AuditFilter {
    pub record_type: Option<String>,
    pub record_id: Option<i64>,
    /// A token's name.
    pub actor: Option<String>,
    pub since: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = audit_log)]
struct Row {
    id: i64,
    at: NaiveDateTime,
    token_id: Option<i64>,
    actor: String,
    action: String,
    record_type: String,
    record_id: i64,
    version: Option<i64>,
    before: Option<String>,
    after: Option<String>,
}

impl From<Row> for AuditEntry {
    fn from(r: Row) -> Self {
        let json = |t: Option<String>| t.and_then(|t| serde_json::from_str(&t).ok());
        AuditEntry {
            id: r.id,
            at: r.at,
            actor: r.actor,
            token_id: r.token_id,
            action: AuditAction::parse(&r.action).unwrap_or(AuditAction::Update),
            record_type: r.record_type,
            record_id: r.record_id,
            version: r.version,
            before: json(r.before),
            after: json(r.after),
        }
    }
}

/// Newest first. `since` is inclusive, `until` exclusive.
pub fn list(conn: &mut DbConnection, filter: &AuditFilter, page: Page) -> ApiResult<ListPage<AuditEntry>> {
    let query = || {
        let mut q = audit_log::table.into_boxed();
        if let Some(t) = &filter.record_type {
            q = q.filter(audit_log::record_type.eq(t.clone()));
        }
        if let Some(id) = filter.record_id {
            q = q.filter(audit_log::record_id.eq(id));
        }
        if let Some(actor) = &filter.actor {
            q = q.filter(audit_log::actor.eq(actor.clone()));
        }
        if let Some(since) = filter.since {
            q = q.filter(audit_log::at.ge(since));
        }
        if let Some(until) = filter.until {
            q = q.filter(audit_log::at.lt(until));
        }
        q
    };
    let (rows, total) = page_of!(conn, query, audit_log::id.desc(), page, Row);
    Ok(ListPage::new(rows.into_iter().map(AuditEntry::from).collect(), total, page))
}
