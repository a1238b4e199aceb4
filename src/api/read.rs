//! Reads of the registry, answered from memory while nothing has changed (see `api::cache`).

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use serde::Serialize;

use crate::api::cache::{Cache, CacheKey, Stamp};
use crate::api::idempotency::HttpAnswer;
use crate::api::write::Answer;
use crate::db::{Db, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::models::record::{self, Record};

/// What identifies a read's answer ([`CacheKey`]), and the database's stamp when the request
/// arrived; the cache rides along, so that a read needs one guard.
pub struct ReadKey<'r> {
    key: CacheKey,
    stamp: Option<Stamp>,
    cache: Option<&'r Cache>,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ReadKey<'r> {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(ReadKey { key: CacheKey::of(req), stamp: stamp(req), cache: req.rocket().state::<Cache>() })
    }
}

struct RequestStamp(Option<Stamp>);

/// The database's stamp, asked once per request: the token check and the answer share it. Asked
/// before either looks at the database, so whatever they find is at least that fresh.
pub fn stamp(req: &Request<'_>) -> Option<Stamp> {
    req.local_cache(|| RequestStamp(req.rocket().state::<Cache>().and_then(Cache::stamp))).0
}

/// A kept answer to the read `key`, or `work`'s answer, kept for the next identical read while
/// the database stays as the stamp (taken before) found it. Only successful answers are kept.
/// Identical reads at the same moment are answered by one piece of work: many people opening
/// the same page as it is announced cost one query.
async fn answer<F>(db: &Db, key: ReadKey<'_>, work: F) -> Result<HttpAnswer, ApiError>
where
    F: FnOnce(&mut DbConnection) -> Result<HttpAnswer, ApiError> + Send + 'static,
{
    let Some((cache, stamp)) = key.cache.zip(key.stamp) else { return db.run(work).await };
    if let Some(found) = cache.answer(&key.key, stamp) {
        return Ok(found);
    }
    let share = cache.share(&key.key, stamp);
    let mut work = Some(work);
    let mut failed = None;
    let shared = share
        .making
        .get_or_init(|| async {
            let made = match work.take() {
                Some(work) => db.run(work).await,
                None => Err(ApiError::internal()),
            };
            made.map_err(|e| failed = Some(e)).ok()
        })
        .await
        .clone();
    if let Some(e) = failed {
        return Err(e);
    }
    match (shared, work) {
        (Some(made), _) => {
            if share.maker {
                cache.keep_answer(key.key, stamp, &made);
            }
            Ok(made)
        }
        // The maker failed: this read makes its own answer, to give its own error.
        (None, Some(work)) => db.run(work).await,
        (None, None) => Err(ApiError::internal()),
    }
}

/// `work`'s answer as JSON, or the same answer kept from an identical earlier read.
pub async fn cached<T, F>(db: &Db, key: ReadKey<'_>, work: F) -> ApiResult<Answer>
where
    T: Serialize,
    F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
{
    let answer = answer(db, key, move |c| Ok(Answer::new(Status::Ok, &work(c)?, None, None).answer)).await?;
    Ok(Answer { answer, replayed: false })
}

/// One record with its `ETag`.
pub async fn read<R: Record>(db: &Db, key: ReadKey<'_>, id: i64) -> ApiResult<Answer> {
    let answer = answer(db, key, move |c| {
        let found = R::get(c, id)?;
        let version = record::version(c, R::ENTITY, id)?;
        Ok(Answer::new(Status::Ok, &found, Some(version), None).answer)
    })
    .await?;
    Ok(Answer { answer, replayed: false })
}
