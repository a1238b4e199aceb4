//! Whether anything was committed to a SQLite database, read cheaply enough to ask on every
//! request: `PRAGMA data_version` on a connection of its own changes whenever any other
//! connection commits, in this process or another (the command line, a restore).

use std::sync::Mutex;

use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};

use crate::db::{is_postgres, sqlite_path};

/// The change counter of one SQLite database; none on PostgreSQL, where no counter is that cheap.
pub struct ChangeCounter(Option<Mutex<SqliteConnection>>);

#[derive(QueryableByName)]
struct DataVersion {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    data_version: i64,
}

impl ChangeCounter {
    pub fn open(url: &str) -> Self {
        let watcher = if is_postgres(url) { None } else { SqliteConnection::establish(sqlite_path(url)).ok() };
        ChangeCounter(watcher.map(Mutex::new))
    }

    /// A number that changes with every commit by any other connection; none on PostgreSQL.
    pub fn read(&self) -> Option<i64> {
        let mut watcher = self.0.as_ref()?.lock().ok()?;
        diesel::sql_query("PRAGMA data_version").get_result::<DataVersion>(&mut *watcher).ok().map(|d| d.data_version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;

    #[test]
    fn any_commit_by_another_connection_changes_the_counter() {
        let dir = tempfile::tempdir().unwrap();
        let url = dir.path().join("r.db").to_string_lossy().into_owned();
        let mut writer = SqliteConnection::establish(&url).unwrap();
        writer.batch_execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER)").unwrap();
        let counter = ChangeCounter::open(&url);
        let before = counter.read().expect("SQLite has one");
        assert_eq!(counter.read(), Some(before), "nothing committed");
        writer.batch_execute("INSERT INTO t VALUES (1)").unwrap();
        assert_ne!(counter.read(), Some(before));
        assert!(ChangeCounter::open("postgres://x@localhost/y").read().is_none());
    }
}
