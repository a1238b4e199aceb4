//! Online backup and restore of a SQLite registry, safe while servers run.
//!
//! A backup is `VACUUM INTO` a new file: one consistent snapshot, taken beside running readers
//! and writers. A restore puts the *registry* back as the backup holds it and keeps what is
//! *history*:
//! - registry state, taken from the backup: localities, organizations, directives and their
//!   links, signing events, agreements with their parties, tasks and directives, and the deleted
//!   records an admin may restore (every table not named below, so a new table is registry state
//!   unless it is added here);
//! - history, kept as it is: the tokens (those made and revoked since the backup, revocations
//!   included), the users with their sessions and failed sign-ins, the audit trail, the id
//!   floors (so that no id is handed out twice) and the idempotency keys, less those whose record
//!   the restore removed (a retry then makes the record again instead of replaying a 201 for one
//!   that is gone).
//!
//! A locality that a kept token or user is limited to, and that the backup lacks, is kept too
//! (with those above it), so that no one's scope changes meaning. The restore itself is audited.
//!
//! It all happens in one write transaction on the live database: servers answer from the old
//! registry or the restored one, never a mix, and their writers wait for the transaction (or,
//! past their `busy_timeout`, are answered 503 with `Retry-After`), so no write is acknowledged
//! and then overwritten. Writes acknowledged before the restore began are replaced, as a restore
//! means; their audit entries stay. PostgreSQL has its own tools (pg_dump, pg_restore;
//! docs/deployment.md).

use std::path::Path;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};
use diesel_migrations::MigrationHarness;
use serde_json::json;

use crate::auth::Actor;
use crate::db::{is_postgres, sqlite_path, DbConnection, SetupError, SQLITE_MIGRATIONS};
use crate::messages::Entity;
use crate::models::audit::{self, Change};
use crate::models::enums::AuditAction;
use crate::progress::{Progress, Stage};

/// The tables a restore keeps as they are: history, and the schema's own bookkeeping.
const HISTORY: [&str; 8] = [
    "api_tokens",
    "users",
    "sessions",
    "sign_in_failures",
    "audit_log",
    "idempotency_keys",
    "id_floors",
    "__diesel_schema_migrations",
];

/// The name the audit trail gives a restore, as its record type and its actor.
pub const RESTORE_RECORD: &str = "registry";

fn fail(what: impl std::fmt::Display) -> SetupError {
    SetupError(what.to_string())
}

fn sqlite_only(url: &str, command: &str) -> Result<(), SetupError> {
    if is_postgres(url) {
        return Err(fail(format!(
            "phoihop {command} works on SQLite files; for PostgreSQL use pg_dump and pg_restore (docs/deployment.md)"
        )));
    }
    Ok(())
}

/// Writes a consistent copy of the database at `url` to `file`, which must not exist yet.
pub fn backup(url: &str, file: &Path, progress: &mut dyn Progress) -> Result<(), SetupError> {
    sqlite_only(url, "backup")?;
    if file.exists() {
        return Err(fail(format!("{} exists already; a backup never overwrites a file", file.display())));
    }
    let mut conn = open(sqlite_path(url))?;
    let target = file.to_str().ok_or_else(|| fail("the backup file's name is not UTF-8"))?;
    progress.stage(Stage::Snapshot, None);
    diesel::sql_query("VACUUM INTO $1").bind::<Text, _>(target).execute(&mut conn).map_err(fail)?;
    progress.finish();
    Ok(())
}

/// What a restore did, for the operator.
#[derive(Debug)]
pub struct Restored {
    /// Localities kept from the live registry because a token is limited to them.
    pub kept_localities: Vec<i64>,
    /// Idempotency keys dropped because their record is gone.
    pub dropped_keys: usize,
}

/// Replaces the registry at `url` with the one in the backup `file`, after checking it, keeping
/// the history (see the module's documentation).
pub fn restore(url: &str, file: &Path, progress: &mut dyn Progress) -> Result<Restored, SetupError> {
    sqlite_only(url, "restore")?;
    if !file.is_file() {
        return Err(fail(format!("there is no backup file {}", file.display())));
    }
    let source = file.to_str().ok_or_else(|| fail("the backup file's name is not UTF-8"))?;
    let mut backup = open(source)?;
    progress.stage(Stage::Check, None);
    check(&mut backup, source)?;
    // The backup may come from an older version: migrate a copy, never the backup itself.
    let target = sqlite_path(url);
    let staging = Staging(format!("{target}.restoring-{}", std::process::id()));
    diesel::sql_query("VACUUM INTO $1").bind::<Text, _>(&staging.0).execute(&mut backup).map_err(fail)?;
    drop(backup);
    progress.stage(Stage::Migrate, None);
    let mut migrated = open(&staging.0)?;
    migrated.run_pending_migrations(SQLITE_MIGRATIONS).map_err(|e| fail(format!("migrating the backup: {e}")))?;
    drop(migrated);

    let mut live = open(target)?;
    // Rows are replaced table by table; the references are checked once, before the commit.
    live.batch_execute("PRAGMA foreign_keys = OFF;").map_err(fail)?;
    diesel::sql_query("ATTACH DATABASE $1 AS backup").bind::<Text, _>(&staging.0).execute(&mut live).map_err(fail)?;
    let mut conn = DbConnection::Sqlite(live);
    // Servers' writers hold the write lock only briefly: wait for a turn, up to a minute.
    let deadline = Instant::now() + Duration::from_secs(60);
    let done = loop {
        match conn.batch_execute("BEGIN IMMEDIATE;") {
            Err(e) if e.to_string().contains("locked") && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => break Err(e.to_string()),
            Ok(()) => {
                let done = replace(&mut conn, source, progress);
                let end = if done.is_ok() { "COMMIT;" } else { "ROLLBACK;" };
                break done.and_then(|r| conn.batch_execute(end).map(|()| r).map_err(|e| e.to_string()));
            }
        }
    };
    if done.is_err() {
        let _ = conn.batch_execute("ROLLBACK;");
    }
    let _ = conn.batch_execute("DETACH DATABASE backup;");
    progress.finish();
    done.map_err(|why| fail(format!("the restore changed nothing: {why}")))
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn number(conn: &mut DbConnection, sql: &str) -> diesel::QueryResult<i64> {
    diesel::sql_query(sql).get_result::<Number>(conn).map(|r| r.n)
}

#[derive(QueryableByName)]
struct Dangling {
    #[diesel(sql_type = Text)]
    table: String,
}

/// The restore proper, inside the live database's write transaction, the backup attached.
fn replace(c: &mut DbConnection, source: &str, progress: &mut dyn Progress) -> Result<Restored, String> {
    steps(c, source, progress).map_err(|e| e.to_string())?.map_err(|dangling| {
        format!("the backup leaves references to records it does not hold (in {})", dangling.join(", "))
    })
}

/// The steps of [`replace`]; the inner error lists the tables whose references would dangle.
fn steps(
    c: &mut DbConnection,
    source: &str,
    progress: &mut dyn Progress,
) -> diesel::QueryResult<Result<Restored, Vec<String>>> {
    raise_floors(c)?;
    // Localities kept tokens and users are limited to, missing from the backup, with those above them.
    c.batch_execute(
        "DROP TABLE IF EXISTS temp.kept_localities; \
         CREATE TEMP TABLE kept_localities AS \
         WITH RECURSIVE needed(id) AS ( \
             SELECT locality_id FROM main.api_tokens WHERE locality_id IS NOT NULL \
             UNION SELECT locality_id FROM main.users WHERE locality_id IS NOT NULL \
             UNION SELECT l.parent_id FROM main.localities l JOIN needed ON l.id = needed.id \
                   WHERE l.parent_id IS NOT NULL) \
         SELECT * FROM main.localities WHERE id IN (SELECT id FROM needed) \
             AND id NOT IN (SELECT id FROM backup.localities);",
    )?;
    let kept_localities: Vec<i64> = diesel::sql_query("SELECT id AS n FROM temp.kept_localities ORDER BY id")
        .load::<Number>(c)?
        .into_iter()
        .map(|r| r.n)
        .collect();

    let tables: Vec<String> = diesel::sql_query(
        // Plain tables only: the search index (a virtual table and its shadow tables) follows the
        // agreements through their triggers.
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' \
         AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .load::<Name>(c)?
    .into_iter()
    .map(|t| t.name)
    .filter(|t| !HISTORY.contains(&t.as_str()))
    .collect();
    progress.stage(Stage::Replace, Some(tables.len() as u64));
    for (done, table) in tables.iter().enumerate() {
        let columns: Vec<String> = diesel::sql_query(format!("SELECT name FROM pragma_table_info('{table}', 'main')"))
            .load::<Name>(c)?
            .into_iter()
            .map(|col| format!("\"{}\"", col.name))
            .collect();
        let columns = columns.join(", ");
        c.batch_execute(&format!(
            "DELETE FROM main.\"{table}\"; INSERT INTO main.\"{table}\" ({columns}) SELECT {columns} FROM backup.\"{table}\";"
        ))?;
        progress.advance(done as u64 + 1);
    }
    c.batch_execute(
        "INSERT INTO main.localities SELECT * FROM temp.kept_localities; DROP TABLE temp.kept_localities;",
    )?;

    // A retry must not be answered with a record the restore removed.
    let mut dropped_keys = 0;
    for entity in Entity::ALL {
        let prefix = entity.collection();
        dropped_keys += diesel::sql_query(format!(
            "DELETE FROM main.idempotency_keys WHERE location LIKE $1 || '%' \
             AND CAST(substr(location, length($1) + 1) AS INTEGER) NOT IN (SELECT id FROM main.{})",
            entity.table()
        ))
        .bind::<Text, _>(&prefix)
        .execute(c)?;
    }

    let mut dangling: Vec<String> =
        diesel::sql_query("PRAGMA main.foreign_key_check").load::<Dangling>(c)?.into_iter().map(|d| d.table).collect();
    if !dangling.is_empty() {
        dangling.dedup();
        return Ok(Err(dangling));
    }
    let entry = Change {
        action: AuditAction::Restore,
        record_type: RESTORE_RECORD,
        record_id: 0,
        version: None,
        before: None,
        after: Some(
            json!({"backup": source, "kept_localities": kept_localities, "dropped_idempotency_keys": dropped_keys}),
        ),
    };
    audit::record(c, &Actor::operator("phoihop restore"), entry)?;
    Ok(Ok(Restored { kept_localities, dropped_keys }))
}

/// Records, before the registry goes back, the highest id each table has handed out (its own,
/// its deleted records', its audit trail's, the floor already kept), so that none is handed out again.
fn raise_floors(c: &mut DbConnection) -> diesel::QueryResult<()> {
    let mut floors: Vec<(&str, String)> = Entity::ALL
        .iter()
        .map(|e| {
            let sql = format!(
                "SELECT max(coalesce((SELECT max(id) FROM main.{t}), 0), \
                 coalesce((SELECT max(record_id) FROM main.deleted_records WHERE record_type = '{k}'), 0), \
                 coalesce((SELECT max(record_id) FROM main.audit_log WHERE record_type = '{k}'), 0)) AS n",
                t = e.table(),
                k = e.key()
            );
            (e.table(), sql)
        })
        .collect();
    floors.push(("deleted_records", "SELECT coalesce(max(id), 0) AS n FROM main.deleted_records".to_string()));
    for (table, sql) in floors {
        let highest = number(c, &sql)?;
        diesel::sql_query(
            "INSERT INTO main.id_floors (table_name, last_id) VALUES ($1, $2) \
             ON CONFLICT (table_name) DO UPDATE SET last_id = max(last_id, excluded.last_id)",
        )
        .bind::<Text, _>(table)
        .bind::<BigInt, _>(highest)
        .execute(c)?;
    }
    Ok(())
}

/// The migrated copy a restore is made from, removed however the restore ends.
struct Staging(String);

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn open(path: &str) -> Result<SqliteConnection, SetupError> {
    let mut conn = SqliteConnection::establish(path).map_err(|e| fail(format!("cannot open {path}: {e}")))?;
    conn.batch_execute("PRAGMA busy_timeout = 5000;").map_err(fail)?;
    Ok(conn)
}

/// Refuses a file that is damaged or is not a registry.
fn check(conn: &mut SqliteConnection, path: &str) -> Result<(), SetupError> {
    let lines: Vec<Name> = diesel::sql_query("SELECT integrity_check AS name FROM pragma_integrity_check")
        .load(conn)
        .map_err(|e| fail(format!("{path} is not a SQLite database: {e}")))?;
    if lines.len() != 1 || lines[0].name != "ok" {
        let found: Vec<String> = lines.into_iter().take(5).map(|l| l.name).collect();
        return Err(fail(format!("{path} is damaged: {}", found.join("; "))));
    }
    let tables: Vec<Name> =
        diesel::sql_query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'agreements'")
            .load(conn)
            .map_err(fail)?;
    if tables.is_empty() {
        return Err(fail(format!("{path} is not a phoihop registry (it has no agreements table)")));
    }
    Ok(())
}
