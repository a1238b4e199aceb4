//! Request guards for who is asking (`Authorization: Bearer …`) and the headers that make writes
//! safe (`If-Match`, `Idempotency-Key`). A guard that refuses leaves its reason in the request's
//! cache, and the 401 catcher answers it as problem+json.

use rocket::http::Status;
use rocket::outcome::Outcome as Out;
use rocket::request::{FromRequest, Outcome, Request};

use crate::api::cache::Cache;
use crate::api::log::LoggedCaller;
use crate::auth::Actor;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::messages::Msg;
use crate::models::token;
use crate::registry::Expected;

/// Whether reads need a token (set by `PHOIHOP_PUBLIC_READ` or `public_read` in Rocket.toml).
pub struct Access {
    pub public_read: bool,
}

/// Why a guard refused a request (no token, a bad one, the database away), for the catcher.
pub struct Refusal(pub Option<Msg>);

/// The holder of a valid token: every write needs one.
pub struct Caller(pub Actor);

/// A request allowed to read: any valid token, or none when reads are public.
pub struct Reader;

/// The token a request carries: none, or its holder; a token that is malformed, unknown or
/// revoked is refused rather than ignored, so a client never mistakes it for a working one.
async fn authenticate(req: &Request<'_>) -> ApiResult<Option<Actor>> {
    let Some(header) = req.headers().get_one("Authorization") else { return Ok(None) };
    let secret = match header.split_once(' ') {
        Some((scheme, secret)) if scheme.eq_ignore_ascii_case("bearer") && !secret.trim().is_empty() => {
            secret.trim().to_string()
        }
        _ => return Err(ApiError::new(Status::Unauthorized, Msg::NotBearer)),
    };
    let Some(db) = req.rocket().state::<Db>() else {
        return Err(ApiError::new(Status::ServiceUnavailable, Msg::DatabaseUnavailable));
    };
    // Holders are kept like answers: until the database changes (a revocation is a change).
    let hash = token::hash(&secret);
    let kept = req.rocket().state::<Cache>().zip(crate::api::read::stamp(req));
    if let Some(actor) = kept.and_then(|(cache, stamp)| cache.holder(&hash, stamp)) {
        req.local_cache(|| LoggedCaller(actor.name.clone()));
        return Ok(Some(actor));
    }
    match db.run(move |c| token::holder(c, &secret).map_err(ApiError::from)).await? {
        Some(actor) => {
            req.local_cache(|| LoggedCaller(actor.name.clone()));
            if let Some((cache, stamp)) = kept {
                cache.keep_holder(hash, stamp, &actor);
            }
            Ok(Some(actor))
        }
        None => Err(ApiError::new(Status::Unauthorized, Msg::BadToken)),
    }
}

fn refuse<T>(req: &Request<'_>, e: ApiError) -> Outcome<T, ApiError> {
    let status = e.status;
    req.local_cache(|| Refusal(Some(e.detail.clone())));
    Out::Error((status, e))
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Caller {
    type Error = ApiError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ApiError> {
        match authenticate(req).await {
            Ok(Some(actor)) => Out::Success(Caller(actor)),
            Ok(None) => refuse(req, ApiError::new(Status::Unauthorized, Msg::NoToken)),
            Err(e) => refuse(req, e),
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Reader {
    type Error = ApiError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, ApiError> {
        let public = req.rocket().state::<Access>().is_some_and(|a| a.public_read);
        match authenticate(req).await {
            Ok(Some(_)) => Out::Success(Reader),
            Ok(None) if public => Out::Success(Reader),
            Ok(None) => refuse(req, ApiError::new(Status::Unauthorized, Msg::NoToken)),
            Err(e) => refuse(req, e),
        }
    }
}

/// The `If-Match` header of a change: the version the client last saw.
pub struct IfMatch(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for IfMatch {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Out::Success(IfMatch(req.headers().get_one("If-Match").map(str::to_string)))
    }
}

/// A record version as an entity tag.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

impl IfMatch {
    /// The version a change names: none (a missing or empty header), any (`*`), or those of its
    /// entity tags. Tags compare strongly (RFC 9110 §13.1.1): a weak tag names none.
    pub fn expected(self) -> Expected {
        let Some(header) = self.0.filter(|h| !h.trim().is_empty()) else { return Expected::Unstated };
        if header.trim() == "*" {
            return Expected::Any;
        }
        let named = header.split(',').filter_map(|tag| {
            let tag = tag.trim();
            tag.strip_prefix('"')?.strip_suffix('"')?.parse().ok().filter(|v: &i64| etag(*v) == tag)
        });
        Expected::OneOf(named.collect())
    }
}

/// The `Idempotency-Key` of a POST, if any.
pub struct IdempotencyKey(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for IdempotencyKey {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Out::Success(IdempotencyKey(req.headers().get_one("Idempotency-Key").map(str::to_string)))
    }
}

impl IdempotencyKey {
    /// The key, checked: 1 to 255 visible ASCII characters (a UUID fits).
    pub fn checked(self) -> ApiResult<Option<String>> {
        match self.0 {
            None => Ok(None),
            Some(k) if !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| b.is_ascii_graphic()) => Ok(Some(k)),
            Some(_) => Err(ApiError::bad_header("Idempotency-Key", Msg::BadIdempotencyKey)),
        }
    }
}
