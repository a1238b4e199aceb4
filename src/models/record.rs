//! What the five registry resources have in common, so that one write path (`api::write`) gives
//! each of them the same permissions, versions, audit trail and soft delete.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::messages::Entity;

/// A registry resource: its answer form (`Self`) and the input form it is created and updated from.
pub trait Record: Serialize + Send + Sized + 'static {
    type Input: Serialize + DeserializeOwned + Clone + Send + 'static;
    const ENTITY: Entity;

    fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Self>;
    /// The record in its input form: what a PATCH merges into, and what a restore recreates.
    fn input_of(conn: &mut DbConnection, id: i64) -> ApiResult<Self::Input>;
    /// Creates the record, checked; `id` is given only when a deleted record is restored under its old id.
    fn create(conn: &mut DbConnection, id: Option<i64>, input: Self::Input) -> ApiResult<Self>;
    fn update(conn: &mut DbConnection, id: i64, input: Self::Input) -> ApiResult<Self>;
    /// Removes the record, or refuses (409) while other records depend on it.
    fn delete(conn: &mut DbConnection, id: i64) -> ApiResult<()>;
    fn id(&self) -> i64;
    /// The locality the record belongs to, which decides which editors may change it.
    fn locality(&self, conn: &mut DbConnection) -> QueryResult<Option<i64>>;
    /// Records created together with this one (the agreements of a registered event).
    fn created_with(&self) -> Vec<(Entity, i64)> {
        Vec::new()
    }
    /// The organizations the record names as acting (an agreement's parties, an event's host and
    /// attendees): (field, organization, whether it leads). A scoped editor may name only some.
    fn organizations_named(&self) -> Vec<(String, i64, bool)> {
        Vec::new()
    }
    /// The agreements whose locality follows this record (see `agreement_locality`): a change
    /// to it may move them, and the writer must be allowed both where they were and where they go.
    fn locating(_conn: &mut DbConnection, _id: i64) -> QueryResult<Vec<i64>> {
        Ok(Vec::new())
    }
}

/// Implements [`Record`] for a model module's answer type by its module functions `get`,
/// `input_of`, `create`, `update` and `delete`; the locality rule (and, for a record made with
/// others, which; for a record that decides agreements' localities, which) are given as functions.
macro_rules! record_by_module {
    ($view:ty, $input:ty, $entity:expr, $locality:expr $(, created_with: $created_with:expr)? $(, locating: $locating:expr)? $(, named: $named:expr)?) => {
        impl $crate::models::record::Record for $view {
            type Input = $input;
            const ENTITY: $crate::messages::Entity = $entity;

            fn get(conn: &mut $crate::db::DbConnection, id: i64) -> $crate::error::ApiResult<Self> {
                get(conn, id)
            }
            fn input_of(conn: &mut $crate::db::DbConnection, id: i64) -> $crate::error::ApiResult<$input> {
                input_of(conn, id)
            }
            fn create(
                conn: &mut $crate::db::DbConnection,
                id: Option<i64>,
                input: $input,
            ) -> $crate::error::ApiResult<Self> {
                create(conn, id, input)
            }
            fn update(conn: &mut $crate::db::DbConnection, id: i64, input: $input) -> $crate::error::ApiResult<Self> {
                update(conn, id, input)
            }
            fn delete(conn: &mut $crate::db::DbConnection, id: i64) -> $crate::error::ApiResult<()> {
                delete(conn, id)
            }
            fn id(&self) -> i64 {
                self.id
            }
            fn locality(&self, conn: &mut $crate::db::DbConnection) -> diesel::QueryResult<Option<i64>> {
                let rule: fn(&Self, &mut $crate::db::DbConnection) -> diesel::QueryResult<Option<i64>> = $locality;
                rule(self, conn)
            }
            $(
                fn created_with(&self) -> Vec<($crate::messages::Entity, i64)> {
                    let made: fn(&Self) -> Vec<($crate::messages::Entity, i64)> = $created_with;
                    made(self)
                }
            )?
            $(
                fn organizations_named(&self) -> Vec<(String, i64, bool)> {
                    let named: fn(&Self) -> Vec<(String, i64, bool)> = $named;
                    named(self)
                }
            )?
            $(
                fn locating(conn: &mut $crate::db::DbConnection, id: i64) -> diesel::QueryResult<Vec<i64>> {
                    $locating(conn, id)
                }
            )?
        }
    };
}
pub(crate) use record_by_module;

/// Where the registry's records are addressed: the REST contract's base path (api.md).
pub const API_BASE: &str = "/api/v1";

impl Entity {
    pub const ALL: [Entity; 5] =
        [Entity::Locality, Entity::Organization, Entity::Directive, Entity::SigningEvent, Entity::Agreement];

    /// The name used in the audit trail and in `record_type=`.
    pub fn key(self) -> &'static str {
        match self {
            Entity::Locality => "locality",
            Entity::Organization => "organization",
            Entity::Directive => "directive",
            Entity::SigningEvent => "signing_event",
            Entity::Agreement => "agreement",
        }
    }

    pub fn parse(key: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.key() == key)
    }

    pub fn table(self) -> &'static str {
        match self {
            Entity::Locality => "localities",
            Entity::Organization => "organizations",
            Entity::Directive => "directives",
            Entity::SigningEvent => "signing_events",
            Entity::Agreement => "agreements",
        }
    }

    /// Where a record of this kind is found: its address, as `Location` answers it and the
    /// retry store keeps it.
    pub fn location(self, id: i64) -> String {
        format!("{}{id}", self.collection())
    }

    /// The web page of a record of this kind.
    pub fn page(self, id: i64) -> String {
        format!("/{}/{id}", self.path())
    }

    /// The address every record of this kind's address starts with.
    pub fn collection(self) -> String {
        format!("{API_BASE}/{}/", self.path())
    }

    /// The collection's path under `/api/v1`.
    pub fn path(self) -> &'static str {
        match self {
            Entity::SigningEvent => "signing-events",
            other => other.table(),
        }
    }
}

#[derive(QueryableByName)]
struct Version {
    #[diesel(sql_type = BigInt)]
    version: i64,
}

/// A record's version: 1 when created, one more with every write.
pub fn version(conn: &mut DbConnection, entity: Entity, id: i64) -> QueryResult<i64> {
    diesel::sql_query(format!("SELECT version FROM {} WHERE id = $1", entity.table()))
        .bind::<BigInt, _>(id)
        .get_result::<Version>(conn)
        .map(|v| v.version)
}

#[derive(QueryableByName)]
struct Next {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// The id a new record takes: given (a restore), or one never used before. PostgreSQL's identity
/// columns never hand out an id twice; SQLite would reuse the highest id once its record is
/// deleted, so there the id is chosen past every record, deleted ones included, and past the
/// floor a restore of an older backup left (`id_floors`), keeping each id's audit trail and
/// restore its own.
pub fn new_id(conn: &mut DbConnection, entity: Entity, given: Option<i64>) -> QueryResult<Option<i64>> {
    if given.is_some() || matches!(conn, DbConnection::Postgres(_)) {
        return Ok(given);
    }
    next_sqlite_id(conn, entity.table(), entity.key()).map(Some)
}

/// On SQLite, the id past every one `table` has handed out: its own, those of its records
/// among the deleted ones (`record_type`), and its floor.
pub fn next_sqlite_id(conn: &mut DbConnection, table: &str, record_type: &str) -> QueryResult<i64> {
    let sql = format!(
        "SELECT max(coalesce((SELECT max(id) FROM {table}), 0), \
         coalesce((SELECT max(record_id) FROM deleted_records WHERE record_type = $1), 0), \
         coalesce((SELECT last_id FROM id_floors WHERE table_name = $2), 0)) + 1 AS id"
    );
    diesel::sql_query(sql)
        .bind::<diesel::sql_types::Text, _>(record_type)
        .bind::<diesel::sql_types::Text, _>(table)
        .get_result::<Next>(conn)
        .map(|n| n.id)
}

/// Sets a record's version (after a write: the old one plus one).
pub fn set_version(conn: &mut DbConnection, entity: Entity, id: i64, version: i64) -> QueryResult<()> {
    diesel::sql_query(format!("UPDATE {} SET version = $1 WHERE id = $2", entity.table()))
        .bind::<BigInt, _>(version)
        .bind::<BigInt, _>(id)
        .execute(conn)
        .map(|_| ())
}

/// The record of any kind in its answer form, as JSON (for the audit trail).
pub fn view_json(conn: &mut DbConnection, entity: Entity, id: i64) -> ApiResult<serde_json::Value> {
    use crate::models::{agreement, directive, locality, organization, signing_event};
    fn json<T: Serialize>(value: T) -> ApiResult<serde_json::Value> {
        Ok(serde_json::to_value(value).expect("records serialize"))
    }
    match entity {
        Entity::Locality => json(locality::get(conn, id)?),
        Entity::Organization => json(organization::get(conn, id)?),
        Entity::Directive => json(directive::get(conn, id)?),
        Entity::SigningEvent => json(signing_event::get(conn, id)?),
        Entity::Agreement => json(agreement::get(conn, id)?),
    }
}
