//! What pages show everyone alike (the home page's overview, the localities a filter offers),
//! kept until the registry changes or the day does, as the API keeps its answers. Made by one
//! request at a time: the others that need it meanwhile wait for it rather than make it again.

use std::sync::Arc;

use rocket::request::{FromRequest, Outcome, Request};
use rocket::tokio::sync::Mutex;

use crate::api::cache::Stamp;
use crate::db::{Db, DbConnection};
use crate::error::ApiResult;

pub struct Kept<T>(Mutex<Option<(Stamp, Arc<T>)>>);

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Kept(Mutex::new(None))
    }
}

impl<T: Send + Sync + 'static> Kept<T> {
    /// The value as of `stamp`, made by `make` when the one kept is older (or there is no stamp:
    /// answers are not kept at all, `PHOIHOP_CACHE_MB=0`).
    pub async fn get(
        &self,
        db: &Db,
        stamp: Option<Stamp>,
        make: fn(&mut DbConnection) -> ApiResult<T>,
    ) -> ApiResult<Arc<T>> {
        let Some(stamp) = stamp else { return db.run(make).await.map(Arc::new) };
        let mut kept = self.0.lock().await;
        if let Some((at, value)) = kept.as_ref() {
            if *at == stamp {
                return Ok(value.clone());
            }
        }
        let made = Arc::new(db.run(make).await?);
        *kept = Some((stamp, made.clone()));
        Ok(made)
    }
}

/// The database's stamp when the request arrived.
pub struct Arrived(pub Option<Stamp>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Arrived {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(Arrived(crate::api::read::stamp(req)))
    }
}

/// Values kept per key (a list's address), each as of its stamp; at most `CAPACITY` of them,
/// all let go at once when a new one would pass that, so memory stays bounded without
/// bookkeeping. Several requests for one missing key may each make it: the page's own
/// question is what the API would ask, and as cheap.
pub struct KeptByKey<T>(std::sync::Mutex<std::collections::HashMap<String, (Stamp, Arc<T>)>>);

/// A list page's data is 20 agreements, 30 to 40 KB: 128 of them stay under 5 MB.
const CAPACITY: usize = 128;

impl<T> Default for KeptByKey<T> {
    fn default() -> Self {
        KeptByKey(std::sync::Mutex::new(std::collections::HashMap::new()))
    }
}

impl<T: Send + Sync + 'static> KeptByKey<T> {
    pub fn get(&self, key: &str, stamp: Option<Stamp>) -> Option<Arc<T>> {
        let kept = self.0.lock().ok()?;
        kept.get(key).filter(|(at, _)| Some(*at) == stamp).map(|(_, v)| v.clone())
    }

    pub fn keep(&self, key: String, stamp: Option<Stamp>, value: Arc<T>) {
        let (Some(stamp), Ok(mut kept)) = (stamp, self.0.lock()) else { return };
        if kept.len() >= CAPACITY && !kept.contains_key(&key) {
            kept.clear();
        }
        kept.insert(key, (stamp, value));
    }
}
