//! Reads of the registry, answered from memory while nothing has changed (see `db::cache`).

use rocket::http::Status;
use rocket::request::{FromRequest, Outcome, Request};
use serde::Serialize;

use crate::api::write::Written;
use crate::db::cache::Stamp;
use crate::db::{Db, DbConnection};
use crate::error::ApiResult;
use crate::models::record::{self, Record};

/// What identifies a read's answer: its path and query, as sent; and the database's stamp when
/// the request arrived.
pub struct ReadKey {
    key: String,
    stamp: Option<Stamp>,
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ReadKey {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(ReadKey { key: req.uri().to_string(), stamp: stamp(req) })
    }
}

struct RequestStamp(Option<Stamp>);

/// The database's stamp, asked once per request: the token check and the answer share it. Asked
/// before either looks at the database, so whatever they find is at least that fresh.
pub fn stamp(req: &Request<'_>) -> Option<Stamp> {
    req.local_cache(|| RequestStamp(req.rocket().state::<Db>().and_then(|db| db.cache.stamp()))).0
}

/// `work`'s answer as JSON, or the same answer kept from an identical earlier read.
pub async fn cached<T, F>(db: &Db, key: ReadKey, work: F) -> ApiResult<Written>
where
    T: Serialize,
    F: FnOnce(&mut DbConnection) -> ApiResult<T> + Send + 'static,
{
    let answer =
        db.read(key.key, key.stamp, move |c| Ok(Written::new(Status::Ok, &work(c)?, None, None).answer)).await?;
    Ok(Written { answer, replayed: false })
}

/// One record with its `ETag`.
pub async fn read<R: Record>(db: &Db, key: ReadKey, id: i64) -> ApiResult<Written> {
    let answer = db
        .read(key.key, key.stamp, move |c| {
            let found = R::get(c, id)?;
            let version = record::version(c, R::ENTITY, id)?;
            Ok(Written::new(Status::Ok, &found, Some(version), None).answer)
        })
        .await?;
    Ok(Written { answer, replayed: false })
}
