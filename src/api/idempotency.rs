//! Safe retries: the first successful answer to a POST that carried an `Idempotency-Key` is kept
//! (per holder, a token or a person signed in, for a day) and given again to a retry of the same request, which writes nothing.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::schema::idempotency_keys;
use crate::db::DbConnection;

/// How long a key is remembered.
pub const KEPT_HOURS: i64 = 24;

/// An HTTP answer as it was given: kept for retries and in the answer cache. The body is shared,
/// so that an answer kept in memory is sent again without a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpAnswer {
    pub status: u16,
    pub location: Option<String>,
    pub etag: Option<String>,
    pub body: Body,
}

/// JSON text, shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body(pub std::sync::Arc<str>);

impl HttpAnswer {
    pub fn no_content() -> Self {
        HttpAnswer { status: 204, location: None, etag: None, body: String::new().into() }
    }
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl Body {
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body(text.into())
    }
}

/// What a request is, for telling a retry from another request under the same key.
pub fn fingerprint(method: &str, path: &str, body: &serde_json::Value) -> String {
    let text = format!("{method} {path}\n{body}");
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The earlier answer under this key, with the fingerprint of the request it answered.
pub fn find(conn: &mut DbConnection, holder: &str, key: &str) -> QueryResult<Option<(String, HttpAnswer)>> {
    type Row = (String, i32, Option<String>, Option<String>, String);
    let row: Option<Row> = idempotency_keys::table
        .find((holder, key))
        .filter(idempotency_keys::created_at.ge(oldest_kept()))
        .select((
            idempotency_keys::request_hash,
            idempotency_keys::status,
            idempotency_keys::location,
            idempotency_keys::etag,
            idempotency_keys::body,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(hash, status, location, etag, body)| {
        (hash, HttpAnswer { status: u16::try_from(status).unwrap_or(200), location, etag, body: body.into() })
    }))
}

/// Keeps an answer under its key, forgetting keys older than [`KEPT_HOURS`] on the way.
pub fn remember(conn: &mut DbConnection, holder: &str, key: &str, hash: &str, answer: &HttpAnswer) -> QueryResult<()> {
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(oldest_kept()))).execute(conn)?;
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::holder.eq(holder),
            idempotency_keys::idempotency_key.eq(key),
            idempotency_keys::request_hash.eq(hash),
            idempotency_keys::status.eq(i32::from(answer.status)),
            idempotency_keys::location.eq(&answer.location),
            idempotency_keys::etag.eq(&answer.etag),
            idempotency_keys::body.eq(&*answer.body.0),
            idempotency_keys::created_at.eq(crate::models::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

fn oldest_kept() -> NaiveDateTime {
    crate::models::now() - Duration::hours(KEPT_HOURS)
}
