//! Online backup and restore of a SQLite registry, safe while the server runs.
//!
//! A backup is `VACUUM INTO` a new file: one consistent snapshot, taken beside running readers
//! and writers. A restore checks the file (`PRAGMA integrity_check`), brings a copy of it up to
//! this version's schema, and copies it over the live database with SQLite's backup API, which
//! takes the database's write lock: servers see the old registry or the restored one, never a
//! mix. PostgreSQL has its own tools (pg_dump, pg_restore; docs/deployment.md).

use std::ffi::{CStr, CString};
use std::path::Path;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};
use diesel_migrations::MigrationHarness;
use libsqlite3_sys as ffi;

use crate::db::{is_postgres, sqlite_path, SetupError, SQLITE_MIGRATIONS};

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
pub fn backup(url: &str, file: &Path) -> Result<(), SetupError> {
    sqlite_only(url, "backup")?;
    if file.exists() {
        return Err(fail(format!("{} exists already; a backup never overwrites a file", file.display())));
    }
    let mut conn = open(sqlite_path(url))?;
    let target = file.to_str().ok_or_else(|| fail("the backup file's name is not UTF-8"))?;
    diesel::sql_query("VACUUM INTO $1").bind::<Text, _>(target).execute(&mut conn).map_err(fail)?;
    Ok(())
}

/// Replaces the registry at `url` with the backup in `file`, after checking it.
pub fn restore(url: &str, file: &Path) -> Result<(), SetupError> {
    sqlite_only(url, "restore")?;
    if !file.is_file() {
        return Err(fail(format!("there is no backup file {}", file.display())));
    }
    let source = file.to_str().ok_or_else(|| fail("the backup file's name is not UTF-8"))?;
    let mut backup = open(source)?;
    check(&mut backup, source)?;
    // The backup may come from an older version: migrate a copy, never the backup itself.
    let target = sqlite_path(url);
    let staging = Staging(format!("{target}.restoring-{}", std::process::id()));
    diesel::sql_query("VACUUM INTO $1").bind::<Text, _>(&staging.0).execute(&mut backup).map_err(fail)?;
    drop(backup);
    let mut migrated = open(&staging.0)?;
    migrated.run_pending_migrations(SQLITE_MIGRATIONS).map_err(|e| fail(format!("migrating the backup: {e}")))?;
    drop(migrated);
    copy_over(&staging.0, target)
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

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    text: String,
}

/// Refuses a file that is damaged or is not a registry.
fn check(conn: &mut SqliteConnection, path: &str) -> Result<(), SetupError> {
    let lines: Vec<Line> = diesel::sql_query("SELECT integrity_check AS text FROM pragma_integrity_check")
        .load(conn)
        .map_err(|e| fail(format!("{path} is not a SQLite database: {e}")))?;
    if lines.len() != 1 || lines[0].text != "ok" {
        let found: Vec<String> = lines.into_iter().take(5).map(|l| l.text).collect();
        return Err(fail(format!("{path} is damaged: {}", found.join("; "))));
    }
    let tables: Vec<Line> =
        diesel::sql_query("SELECT name AS text FROM sqlite_master WHERE type = 'table' AND name = 'agreements'")
            .load(conn)
            .map_err(fail)?;
    if tables.is_empty() {
        return Err(fail(format!("{path} is not a phoihop registry (it has no agreements table)")));
    }
    Ok(())
}

/// Copies database `from` over database `to` with SQLite's online backup API, waiting (up to a
/// minute) while a server holds the write lock.
fn copy_over(from: &str, to: &str) -> Result<(), SetupError> {
    let source = Handle::open(from, ffi::SQLITE_OPEN_READONLY)?;
    let dest = Handle::open(to, ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE)?;
    let main = CString::new("main").expect("no NUL");
    // SAFETY: both handles are open connections that live until the end of this function; the
    // backup object is finished before they are closed.
    unsafe {
        let copy = ffi::sqlite3_backup_init(dest.0, main.as_ptr(), source.0, main.as_ptr());
        if copy.is_null() {
            return Err(fail(format!("cannot restore into {to}: {}", dest.message())));
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut rc = ffi::sqlite3_backup_step(copy, -1);
        while (rc == ffi::SQLITE_BUSY || rc == ffi::SQLITE_LOCKED) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
            rc = ffi::sqlite3_backup_step(copy, -1);
        }
        let finished = ffi::sqlite3_backup_finish(copy);
        if rc != ffi::SQLITE_DONE || finished != ffi::SQLITE_OK {
            return Err(fail(format!("restoring into {to} failed: {}", dest.message())));
        }
    }
    Ok(())
}

/// A raw SQLite connection, closed on drop (diesel does not expose the backup API).
struct Handle(*mut ffi::sqlite3);

impl Handle {
    fn open(path: &str, flags: i32) -> Result<Handle, SetupError> {
        let name = CString::new(path).map_err(|_| fail("a file name with a NUL byte"))?;
        let mut db = std::ptr::null_mut();
        // SAFETY: `name` is a valid C string and `db` receives the handle; a handle is returned
        // even on failure and is closed by `Handle`'s drop.
        let rc = unsafe { ffi::sqlite3_open_v2(name.as_ptr(), &mut db, flags, std::ptr::null()) };
        let handle = Handle(db);
        if rc != ffi::SQLITE_OK {
            return Err(fail(format!("cannot open {path}: {}", handle.message())));
        }
        // SAFETY: `db` is an open connection.
        unsafe { ffi::sqlite3_busy_timeout(db, 5000) };
        Ok(handle)
    }

    fn message(&self) -> String {
        if self.0.is_null() {
            return "out of memory".to_string();
        }
        // SAFETY: sqlite3_errmsg returns a NUL-terminated string owned by the open connection.
        unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(self.0)).to_string_lossy().into_owned() }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: closing a handle from sqlite3_open_v2 (NULL is a no-op); it is not used after.
        unsafe { ffi::sqlite3_close(self.0) };
    }
}
