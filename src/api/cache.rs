//! HTTP answers and token holders kept in memory for as long as the registry has not changed.
//!
//! Officials ask the same questions of a registry that changes a few times a day, so a read is
//! answered from memory when nothing was committed since its answer was made. Whether anything
//! was committed is asked of SQLite itself on every request (`db::watch`), so a kept answer is
//! never older than the database: a write is seen by the very next read. Derived statuses depend
//! on the registry's date (Vietnam's), which is part of the stamp too, so an answer made
//! yesterday is not given today.
//!
//! An answer is kept under everything it varies by ([`CacheKey`]): method, path and query,
//! negotiated language and format. On PostgreSQL nothing is kept: several servers may write,
//! and no change counter is that cheap to read there.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use rocket::Request;

use crate::api::idempotency::HttpAnswer;
use crate::auth::Actor;
use crate::clock::Clock;
use crate::db::watch::ChangeCounter;
use crate::messages::Lang;

/// What a cached value was made from: the database's change counter and the registry's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    data_version: i64,
    today: NaiveDate,
}

/// Everything an answer varies by. Pages and exports will answer one path in several languages
/// and formats, and answers scoped to a caller will add the scope here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheKey(String);

impl CacheKey {
    pub fn new(method: &str, uri: &str, lang: Lang, format: &str) -> CacheKey {
        CacheKey(format!("{method} {uri} {lang:?} {format}"))
    }

    pub fn of(req: &Request<'_>) -> CacheKey {
        let lang = Lang::negotiate(req.headers().get_one("Accept-Language"));
        let format = req.accept().map(|a| a.preferred().media_type().to_string()).unwrap_or_default();
        CacheKey::new(req.method().as_str(), &req.uri().to_string(), lang, &format)
    }
}

pub struct Cache {
    counter: ChangeCounter,
    clock: Clock,
    answers: Mutex<Store<HttpAnswer>>,
    holders: Mutex<Store<Actor>>,
    in_flight: Mutex<HashMap<(String, Stamp), Making>>,
}

/// An answer being made: identical reads that arrive meanwhile wait for it rather than make it
/// again. `None` when the making failed (each waiter then makes its own, to give its own error).
pub type Making = Arc<rocket::tokio::sync::OnceCell<Option<HttpAnswer>>>;

/// A read's share in an answer being made; the first to take part is its maker, and the entry
/// leaves the table when the maker is done (or gone: a waiter then makes it, see `OnceCell`).
pub struct Share<'c> {
    pub making: Making,
    pub maker: bool,
    cache: &'c Cache,
    entry: (String, Stamp),
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        if self.maker {
            if let Ok(mut table) = self.cache.in_flight.lock() {
                table.remove(&self.entry);
            }
        }
    }
}

/// Values by key, all of one stamp, within a byte budget.
struct Store<T> {
    stamp: Option<Stamp>,
    entries: HashMap<String, T>,
    bytes: usize,
    budget: usize,
}

impl<T: Clone> Store<T> {
    fn new(budget: usize) -> Self {
        Store { stamp: None, entries: HashMap::new(), bytes: 0, budget }
    }

    fn get(&self, key: &str, stamp: Stamp) -> Option<T> {
        if self.stamp != Some(stamp) {
            return None;
        }
        self.entries.get(key).cloned()
    }

    /// Keeps a value of `size` bytes made at `stamp`, its key counted too; a newer stamp drops
    /// everything older. When the budget is spent, everything is dropped and filling starts
    /// again: simple, bounded, and rare, since the answers officials ask for repeatedly are far
    /// fewer than the budget holds.
    fn keep(&mut self, key: String, stamp: Stamp, value: T, size: usize) {
        if self.stamp.is_some_and(|kept| kept.data_version > stamp.data_version) {
            return; // made before a change that newer answers already show
        }
        let size = size + key.len();
        if self.stamp != Some(stamp) || self.bytes + size > self.budget {
            self.entries.clear();
            self.bytes = 0;
            self.stamp = Some(stamp);
        }
        if size <= self.budget {
            self.bytes += size;
            self.entries.insert(key, value);
        }
    }
}

impl Cache {
    /// A cache for the database at `url`, holding up to `budget` bytes of answers (0: none),
    /// stamped with the server's `clock`.
    pub fn open(url: &str, budget: usize, clock: Clock) -> Self {
        let counter = if budget == 0 { ChangeCounter::open("postgres://none") } else { ChangeCounter::open(url) };
        Cache {
            counter,
            clock,
            answers: Mutex::new(Store::new(budget)),
            holders: Mutex::new(Store::new(budget / 64 + 1)),
            in_flight: Mutex::new(HashMap::new()),
        }
    }

    /// The stamp of the database as it is now, or none when nothing may be cached.
    pub fn stamp(&self) -> Option<Stamp> {
        Some(Stamp { data_version: self.counter.read()?, today: self.clock.today() })
    }

    pub fn answer(&self, key: &CacheKey, stamp: Stamp) -> Option<HttpAnswer> {
        self.answers.lock().ok()?.get(&key.0, stamp)
    }

    pub fn keep_answer(&self, key: CacheKey, stamp: Stamp, answer: &HttpAnswer) {
        if let Ok(mut kept) = self.answers.lock() {
            let size = answer.body.len() + answer.etag.as_ref().map_or(0, String::len);
            kept.keep(key.0, stamp, answer.clone(), size);
        }
    }

    /// The answer to `key` at `stamp` being made now, to wait for; or, when none is, a new one for
    /// this read to make. Only reads of one stamp share, so a read never gets an answer made
    /// before a change it could have seen.
    pub fn share(&self, key: &CacheKey, stamp: Stamp) -> Share<'_> {
        let entry = (key.0.clone(), stamp);
        let mut table = self.in_flight.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match table.get(&entry) {
            Some(making) => Share { making: making.clone(), maker: false, cache: self, entry },
            None => {
                let making = Making::default();
                table.insert(entry.clone(), making.clone());
                Share { making, maker: true, cache: self, entry }
            }
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

    fn at(data_version: i64) -> Stamp {
        Stamp { data_version, today: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap() }
    }

    #[test]
    fn a_value_is_answered_only_for_the_stamp_it_was_made_at() {
        let mut kept = Store::new(1000);
        kept.keep("a".into(), at(1), 7, 10);
        assert_eq!(kept.get("a", at(1)), Some(7));
        assert_eq!(kept.get("a", at(2)), None);
        let tomorrow = Stamp { data_version: 1, today: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap() };
        assert_eq!(kept.get("a", tomorrow), None, "a new day may derive new statuses");
        kept.keep("b".into(), at(2), 8, 10);
        assert_eq!(kept.get("a", at(1)), None, "a newer stamp drops the older values");
        assert_eq!(kept.get("b", at(2)), Some(8));
        kept.keep("c".into(), at(1), 9, 10);
        assert_eq!((kept.get("b", at(2)), kept.get("c", at(1))), (Some(8), None), "a late, older answer is not kept");
    }

    #[test]
    fn the_budget_bounds_what_is_kept_keys_included() {
        let mut kept = Store::new(100);
        for i in 0..50 {
            kept.keep(format!("k{i}"), at(1), i, 20);
            assert!(kept.bytes <= 100);
        }
        kept.keep("huge".into(), at(1), 99, 1000);
        assert_eq!(kept.get("huge", at(1)), None);
        kept.keep("k".repeat(95), at(1), 1, 10);
        assert_eq!(kept.get(&"k".repeat(95), at(1)), None, "a long key counts against the budget");
    }

    #[test]
    fn answers_that_differ_in_language_or_format_have_different_keys() {
        let vi = CacheKey::new("GET", "/api/v1/agreements?q=x", Lang::Vi, "application/json");
        assert_eq!(vi, CacheKey::new("GET", "/api/v1/agreements?q=x", Lang::Vi, "application/json"));
        assert_ne!(vi, CacheKey::new("GET", "/api/v1/agreements?q=x", Lang::En, "application/json"));
        assert_ne!(vi, CacheKey::new("GET", "/api/v1/agreements?q=x", Lang::Vi, "text/csv"));
        assert_ne!(vi, CacheKey::new("HEAD", "/api/v1/agreements?q=x", Lang::Vi, "application/json"));
    }
}
