//! Deleted records, kept: a delete stores the record (as it was answered, and in its input form)
//! before removing it, so that an admin can list it and restore it under its old id.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::auth::Actor;
use crate::db::schema::deleted_records;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::{Entity, Msg};
use crate::models::page::{page_of, ListPage, Page};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Deleted {
    pub id: i64,
    pub record_type: String,
    pub record_id: i64,
    pub version: i64,
    #[serde(serialize_with = "crate::models::utc")]
    pub deleted_at: NaiveDateTime,
    pub deleted_by: String,
    /// The record as it was answered before it was deleted.
    pub record: Value,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = deleted_records)]
struct Row {
    id: i64,
    record_type: String,
    record_id: i64,
    version: i64,
    record: String,
    deleted_at: NaiveDateTime,
    deleted_by: String,
}

impl From<Row> for Deleted {
    fn from(r: Row) -> Self {
        Deleted {
            id: r.id,
            record_type: r.record_type,
            record_id: r.record_id,
            version: r.version,
            deleted_at: r.deleted_at,
            deleted_by: r.deleted_by,
            record: serde_json::from_str(&r.record).unwrap_or(Value::Null),
        }
    }
}

/// A deleted record taken out of the kept ones: what a restore needs.
pub struct Taken {
    pub entity: Entity,
    pub record_id: i64,
    pub version: i64,
    pub input: Value,
}

pub struct Keep<'a> {
    pub entity: Entity,
    pub record_id: i64,
    pub version: i64,
    pub input: &'a Value,
    pub record: &'a Value,
}

pub fn keep(conn: &mut DbConnection, actor: &Actor, kept: Keep<'_>) -> QueryResult<()> {
    // Past a restore's floor too, so that `/deleted/{id}` never names two records.
    let id = match conn {
        DbConnection::Sqlite(_) => Some(crate::models::record::next_sqlite_id(conn, "deleted_records", "")?),
        DbConnection::Postgres(_) => None,
    };
    diesel::insert_into(deleted_records::table)
        .values((
            id.map(|id| deleted_records::id.eq(id)),
            deleted_records::record_type.eq(kept.entity.key()),
            deleted_records::record_id.eq(kept.record_id),
            deleted_records::version.eq(kept.version),
            deleted_records::input.eq(kept.input.to_string()),
            deleted_records::record.eq(kept.record.to_string()),
            deleted_records::deleted_at.eq(crate::models::now()),
            deleted_records::deleted_by.eq(&actor.name),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Deleted> {
    deleted_records::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Deleted::from)
        .ok_or(ApiError::new(rocket::http::Status::NotFound, Msg::DeletedNotFound(id)))
}

/// Takes a deleted record out of the kept ones, for restoring it.
pub fn take(conn: &mut DbConnection, id: i64) -> ApiResult<Taken> {
    let found = get(conn, id)?;
    let input: String = deleted_records::table.find(id).select(deleted_records::input).first(conn)?;
    diesel::delete(deleted_records::table.find(id)).execute(conn)?;
    // Only this module writes these rows; one it cannot read was damaged outside the registry.
    let damaged = || ApiError::new(rocket::http::Status::InternalServerError, Msg::InternalError);
    let entity = Entity::parse(&found.record_type).ok_or_else(damaged)?;
    let input = serde_json::from_str(&input).map_err(|_| damaged())?;
    Ok(Taken { entity, record_id: found.record_id, version: found.version, input })
}

/// Newest deletion first; `record_type` narrows to one kind.
pub fn list(conn: &mut DbConnection, record_type: Option<Entity>, page: Page) -> ApiResult<ListPage<Deleted>> {
    let query = || {
        let mut q = deleted_records::table.into_boxed();
        if let Some(e) = record_type {
            q = q.filter(deleted_records::record_type.eq(e.key()));
        }
        q
    };
    let (rows, total) = page_of!(conn, query, deleted_records::id.desc(), page, Row);
    Ok(ListPage::new(rows.into_iter().map(Deleted::from).collect(), total, page))
}
