//! Answers and token holders kept in memory for as long as the registry has not changed.
//!
//! Officials ask the same questions of a registry that changes a few times a day, so a read is
//! answered from memory when nothing was committed since its answer was made. Whether anything
//! was committed is asked of SQLite itself on every request: `PRAGMA data_version` on a
//! connection of the cache's own changes whenever any other connection commits, in this process
//! or another (the command line, a restore). A cached answer is therefore never older than the
//! database: a write is seen by the very next read. Derived statuses depend on the year, which is
//! part of the stamp too.
//!
//! On PostgreSQL nothing is cached: several servers may write, and no change counter is that
//! cheap to read there.

use std::collections::HashMap;
use std::sync::Mutex;

use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};

use crate::auth::Actor;
use crate::db::{is_postgres, sqlite_path};
use crate::models::idempotency::Answer;

/// What a cached value was made from: the database's change counter and the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    data_version: i64,
    year: i32,
}

pub struct Cache {
    /// The connection asked for `data_version`; none on PostgreSQL, where nothing is kept.
    watcher: Option<Mutex<SqliteConnection>>,
    answers: Mutex<Kept<Answer>>,
    holders: Mutex<Kept<Actor>>,
}

/// Values by key, all of one stamp, within a byte budget.
struct Kept<T> {
    stamp: Option<Stamp>,
    entries: HashMap<String, T>,
    bytes: usize,
    budget: usize,
}

impl<T: Clone> Kept<T> {
    fn new(budget: usize) -> Self {
        Kept { stamp: None, entries: HashMap::new(), bytes: 0, budget }
    }

    fn get(&self, key: &str, stamp: Stamp) -> Option<T> {
        if self.stamp != Some(stamp) {
            return None;
        }
        self.entries.get(key).cloned()
    }

    /// Keeps a value made at `stamp`; a newer stamp drops everything older. When the budget is
    /// spent, everything is dropped and filling starts again: simple, bounded, and rare, since the
    /// answers officials ask for repeatedly are far fewer than the budget holds.
    fn keep(&mut self, key: String, stamp: Stamp, value: T, size: usize) {
        if self.stamp.is_some_and(|kept| kept.data_version > stamp.data_version) {
            return; // made before a change that newer answers already show
        }
        if self.stamp != Some(stamp) || self.bytes + size > self.budget {
            self.entries.clear();
            self.bytes = 0;
            self.stamp = Some(stamp);
        }
        if size <= self.budget {
            self.bytes += size + key.len();
            self.entries.insert(key, value);
        }
    }
}

#[derive(QueryableByName)]
struct DataVersion {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    data_version: i64,
}

impl Cache {
    /// A cache for the database at `url`, holding up to `budget` bytes of answers.
    pub fn open(url: &str, budget: usize) -> Self {
        let watcher = if is_postgres(url) || budget == 0 {
            None
        } else {
            SqliteConnection::establish(sqlite_path(url)).ok().map(Mutex::new)
        };
        Cache { watcher, answers: Mutex::new(Kept::new(budget)), holders: Mutex::new(Kept::new(budget / 64 + 1)) }
    }

    /// The stamp of the database as it is now, or none when nothing may be cached.
    pub fn stamp(&self) -> Option<Stamp> {
        let mut watcher = self.watcher.as_ref()?.lock().ok()?;
        let found = diesel::sql_query("PRAGMA data_version").get_result::<DataVersion>(&mut *watcher).ok()?;
        Some(Stamp { data_version: found.data_version, year: crate::models::this_year() })
    }

    pub fn answer(&self, key: &str, stamp: Stamp) -> Option<Answer> {
        self.answers.lock().ok()?.get(key, stamp)
    }

    pub fn keep_answer(&self, key: String, stamp: Stamp, answer: &Answer) {
        if let Ok(mut kept) = self.answers.lock() {
            let size = answer.body.len() + answer.etag.as_ref().map_or(0, String::len);
            kept.keep(key, stamp, answer.clone(), size);
        }
    }

    /// The holder of a token, by the hash of its secret.
    pub fn holder(&self, hash: &str, stamp: Stamp) -> Option<Actor> {
        self.holders.lock().ok()?.get(hash, stamp)
    }

    pub fn keep_holder(&self, hash: String, stamp: Stamp, actor: &Actor) {
        if let Ok(mut kept) = self.holders.lock() {
            kept.keep(hash, stamp, actor.clone(), actor.name.len() + 64);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::connection::SimpleConnection;

    fn at(data_version: i64) -> Stamp {
        Stamp { data_version, year: 2026 }
    }

    #[test]
    fn a_value_is_answered_only_for_the_stamp_it_was_made_at() {
        let mut kept = Kept::new(1000);
        kept.keep("a".into(), at(1), 7, 10);
        assert_eq!(kept.get("a", at(1)), Some(7));
        assert_eq!(kept.get("a", at(2)), None);
        assert_eq!(kept.get("a", Stamp { data_version: 1, year: 2027 }), None, "a new year derives new statuses");
        kept.keep("b".into(), at(2), 8, 10);
        assert_eq!(kept.get("a", at(1)), None, "a newer stamp drops the older values");
        assert_eq!(kept.get("b", at(2)), Some(8));
        kept.keep("c".into(), at(1), 9, 10);
        assert_eq!((kept.get("b", at(2)), kept.get("c", at(1))), (Some(8), None), "a late, older answer is not kept");
    }

    #[test]
    fn the_budget_bounds_what_is_kept() {
        let mut kept = Kept::new(100);
        for i in 0..50 {
            kept.keep(format!("k{i}"), at(1), i, 20);
            assert!(kept.bytes <= 100);
        }
        kept.keep("huge".into(), at(1), 99, 1000);
        assert_eq!(kept.get("huge", at(1)), None);
    }

    #[test]
    fn any_commit_by_another_connection_changes_the_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let url = dir.path().join("r.db").to_string_lossy().into_owned();
        let mut writer = SqliteConnection::establish(&url).unwrap();
        writer.batch_execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER)").unwrap();
        let cache = Cache::open(&url, 1 << 20);
        let before = cache.stamp().expect("SQLite is cached");
        assert_eq!(cache.stamp(), Some(before), "nothing committed");
        writer.batch_execute("INSERT INTO t VALUES (1)").unwrap();
        assert_ne!(cache.stamp(), Some(before));
        assert!(Cache::open("postgres://x@localhost/y", 1 << 20).stamp().is_none());
        assert!(Cache::open(&url, 0).stamp().is_none(), "a budget of 0 turns the cache off");
    }
}
