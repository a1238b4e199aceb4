//! Signed-in browsers, and the brake on guessing passwords. A session lives in the database, so
//! signing out ends it everywhere and several servers behind one proxy share it; its cookie holds
//! a random secret of which only the SHA-256 is stored.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::{sessions, sign_in_failures, users};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::models::token::{hash, random_hex};
use crate::models::user::{self, User};

/// A session unused this long ends: a desk left for a long lunch asks for the password again.
pub const IDLE_MINUTES: i64 = 120;
/// A session ends this long after it began, however busy: a working day.
pub const LONGEST_HOURS: i64 = 12;
/// How often a session's last use is written: more often would be a write per page.
const TOUCH_SECONDS: i64 = 60;

/// Failed sign-ins allowed at once before each further one waits.
pub const FREE_TRIES: i32 = 3;
/// The longest wait between two tries, however many failed.
pub const LONGEST_WAIT_SECONDS: i64 = 15 * 60;

/// A signed-in user and the token their forms carry.
pub struct Signed {
    pub user: User,
    pub csrf_token: String,
}

fn unavailable(e: getrandom::Error) -> ApiError {
    tracing::error!("no randomness for a session: {e}");
    ApiError::internal()
}

/// Starts a session for a user: the cookie's secret (shown once, here) and the forms' token.
pub fn start(conn: &mut DbConnection, user_id: i64) -> ApiResult<(String, String)> {
    let secret = random_hex().map_err(unavailable)?;
    let csrf_token = random_hex().map_err(unavailable)?;
    let now = crate::models::now();
    diesel::insert_into(sessions::table)
        .values((
            sessions::secret_hash.eq(hash(&secret)),
            sessions::user_id.eq(user_id),
            sessions::csrf_token.eq(&csrf_token),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok((secret, csrf_token))
}

/// What a cookie's secret finds.
pub enum Found {
    /// A live session; `touch` says its last use should be written ([`touch`]).
    Alive { signed: Signed, touch: bool },
    /// A session past its idle or absolute end, to be removed ([`end`]).
    Over,
    /// No session (never made, ended, or its user disabled).
    Nothing,
}

/// The session of a cookie's secret. Reads only: a reader's connection may ask it.
pub fn find(conn: &mut DbConnection, secret: &str) -> ApiResult<Found> {
    let key = hash(secret);
    let found: Option<(i64, String, NaiveDateTime, NaiveDateTime)> = sessions::table
        .inner_join(users::table)
        .filter(sessions::secret_hash.eq(&key))
        .filter(users::disabled_at.is_null())
        .select((sessions::user_id, sessions::csrf_token, sessions::created_at, sessions::last_seen_at))
        .first(conn)
        .optional()?;
    let Some((user_id, csrf_token, created_at, last_seen_at)) = found else { return Ok(Found::Nothing) };
    let now = crate::models::now();
    if now - last_seen_at > Duration::minutes(IDLE_MINUTES) || now - created_at > Duration::hours(LONGEST_HOURS) {
        return Ok(Found::Over);
    }
    let touch = now - last_seen_at > Duration::seconds(TOUCH_SECONDS);
    Ok(Found::Alive { signed: Signed { user: user::get(conn, user_id)?, csrf_token }, touch })
}

/// Writes that a session was used now, so that its idle end moves on.
pub fn touch(conn: &mut DbConnection, secret: &str) -> QueryResult<()> {
    diesel::update(sessions::table.find(hash(secret)))
        .set(sessions::last_seen_at.eq(crate::models::now()))
        .execute(conn)
        .map(|_| ())
}

/// Ends the session of a cookie's secret (signing out); an unknown secret changes nothing.
pub fn end(conn: &mut DbConnection, secret: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.find(hash(secret))).execute(conn).map(|_| ())
}

/// The keys a sign-in is braked by: the name tried and the address it came from.
pub fn brake_keys(name: &str, address: &str) -> [String; 2] {
    [format!("user:{}", crate::text::clean(name).to_lowercase()), format!("address:{address}")]
}

/// How long to wait after `failures` failed tries in a row: nothing for the first few, then a
/// doubling, up to [`LONGEST_WAIT_SECONDS`].
pub fn wait_after(failures: i32) -> i64 {
    if failures < FREE_TRIES {
        return 0;
    }
    let doublings = u32::try_from(failures - FREE_TRIES).unwrap_or(0).min(20);
    (1i64 << (doublings + 1)).min(LONGEST_WAIT_SECONDS)
}

/// The seconds still to wait before another try under any of `keys`, if any.
pub fn wait_before(conn: &mut DbConnection, keys: &[String]) -> QueryResult<Option<u64>> {
    let rows: Vec<(i32, NaiveDateTime)> = sign_in_failures::table
        .filter(sign_in_failures::key.eq_any(keys))
        .select((sign_in_failures::failures, sign_in_failures::last_at))
        .load(conn)?;
    let now = crate::models::now();
    let left = rows
        .into_iter()
        .map(|(failures, last)| wait_after(failures) - (now - last).num_seconds())
        .max()
        .filter(|left| *left > 0);
    Ok(left.map(|s| s as u64))
}

/// Counts a failed try under each key.
pub fn failed(conn: &mut DbConnection, keys: &[String]) -> QueryResult<()> {
    let now = crate::models::now();
    for key in keys {
        // The same upsert on both backends (diesel's own is PostgreSQL's alone).
        diesel::sql_query(
            "INSERT INTO sign_in_failures (key, failures, last_at) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, last_at = excluded.last_at",
        )
        .bind::<diesel::sql_types::Text, _>(key)
        .bind::<diesel::sql_types::Timestamp, _>(now)
        .execute(conn)?;
    }
    Ok(())
}

/// Forgets the failed tries under each key (after a good sign-in).
pub fn succeeded(conn: &mut DbConnection, keys: &[String]) -> QueryResult<()> {
    diesel::delete(sign_in_failures::table.filter(sign_in_failures::key.eq_any(keys))).execute(conn).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_after_the_free_tries_and_stops_growing() {
        assert_eq!((0..FREE_TRIES).map(wait_after).collect::<Vec<_>>(), vec![0; FREE_TRIES as usize]);
        assert_eq!(wait_after(FREE_TRIES), 2);
        assert_eq!(wait_after(FREE_TRIES + 1), 4);
        assert_eq!(wait_after(FREE_TRIES + 3), 16);
        assert_eq!(wait_after(1000), LONGEST_WAIT_SECONDS);
    }
}
