//! The API's writes: HTTP around the registry service (`crate::registry`). Here are only what is
//! HTTP: the retry key (`Idempotency-Key`), the version as `ETag`/`If-Match`, the JSON body and
//! the answer. The rules, versions, audit entries and kept deletes are the service's, all in the
//! change's own transaction, the retry key's record included.

use std::io::Cursor;

use rocket::http::{ContentType, Status};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use serde::Serialize;
use serde_json::Value;

use crate::api::auth::{etag, Caller, IdempotencyKey, IfMatch};
use crate::api::body::{decode_patch, JsonBody};
use crate::api::idempotency::{self, HttpAnswer};
use crate::auth::Actor;
use crate::db::{Db, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::messages::{Entity, Msg};
use crate::models::record::Record;
use crate::registry::{self, Saved};

/// The API's answer to a read or a write: status, `ETag`, `Location` and JSON body, and whether it
/// is replayed for a retry.
pub struct Answer {
    pub answer: HttpAnswer,
    pub replayed: bool,
}

impl Answer {
    pub(crate) fn new(status: Status, body: &impl Serialize, version: Option<i64>, location: Option<String>) -> Self {
        let body = serde_json::to_string(body).unwrap_or_default().into();
        Answer { answer: HttpAnswer { status: status.code, location, etag: version.map(etag), body }, replayed: false }
    }

    /// The same answer as 204 No Content, keeping its `ETag`.
    pub fn emptied(self) -> Self {
        let answer = HttpAnswer { status: 204, body: String::new().into(), ..self.answer };
        Answer { answer, replayed: self.replayed }
    }

    pub(crate) fn created(entity: Entity, body: &impl Serialize, id: i64, version: i64) -> Self {
        Answer::new(Status::Created, body, Some(version), Some(entity.location(id)))
    }

    /// A changed record with its new version.
    pub fn saved<R: Serialize>(saved: &Saved<R>) -> Self {
        Answer::new(Status::Ok, &saved.record, Some(saved.version), None)
    }
}

impl<'r> Responder<'r, 'static> for Answer {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let a = self.answer;
        let mut response = Response::build();
        response.status(Status::new(a.status));
        if let Some(location) = a.location {
            response.raw_header("Location", location);
        }
        if let Some(tag) = a.etag {
            response.raw_header("ETag", tag);
        }
        if self.replayed {
            response.raw_header("Idempotency-Replayed", "true");
        }
        if a.status != 204 {
            response.header(ContentType::JSON).sized_body(a.body.len(), Cursor::new(a.body));
        }
        response.ok()
    }
}

/// A POST that creates: `work` runs in one write transaction, at most once per idempotency key.
async fn post<F>(db: &Db, key: IdempotencyKey, fingerprint: String, actor: Actor, work: F) -> ApiResult<Answer>
where
    F: FnOnce(&mut DbConnection, &Actor) -> ApiResult<Answer> + Send + 'static,
{
    let key = key.checked()?;
    db.write(move |c| at_most_once(c, &actor, key.as_deref(), &fingerprint, work)).await
}

/// Runs `work` unless `actor` already made this request (`fingerprint`) under retry key `key`,
/// in which case its first answer is given again; a key sent with another request is refused.
/// Runs inside the write's transaction, so the key is kept if and only if the work is.
pub fn at_most_once<F>(
    c: &mut DbConnection,
    actor: &Actor,
    key: Option<&str>,
    fingerprint: &str,
    work: F,
) -> ApiResult<Answer>
where
    F: FnOnce(&mut DbConnection, &Actor) -> ApiResult<Answer>,
{
    let retry = key.zip(actor.retry_holder());
    if let Some((k, holder)) = &retry {
        if let Some((earlier, answer)) = idempotency::find(c, holder, k)? {
            if earlier != fingerprint {
                return Err(ApiError::field("Idempotency-Key", Msg::IdempotencyKeyReused));
            }
            return Ok(Answer { answer, replayed: true });
        }
    }
    let written = work(c, actor)?;
    if let Some((k, holder)) = retry {
        idempotency::remember(c, &holder, k, fingerprint, &written.answer)?;
    }
    Ok(written)
}

/// `POST /<resource>`.
pub async fn create<R: Record>(
    db: &Db,
    caller: Caller,
    key: IdempotencyKey,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Answer> {
    let actor = caller.0;
    actor.may_write(R::ENTITY)?;
    let body = body?;
    let fingerprint = idempotency::fingerprint("POST", R::ENTITY.path(), &body.0);
    let input: R::Input = body.decode()?;
    post(db, key, fingerprint, actor, move |c, actor| {
        let made = registry::create::<R>(c, actor, input)?;
        Ok(Answer::created(R::ENTITY, &made.record, made.record.id(), made.version))
    })
    .await
}

/// `PATCH /<resource>/<id>`: a JSON merge patch on the version the client names.
pub async fn update<R: Record>(
    db: &Db,
    caller: Caller,
    id: i64,
    if_match: IfMatch,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Answer> {
    let actor = caller.0;
    actor.may_write(R::ENTITY)?;
    let patch = body?;
    let expected = if_match.expected();
    db.write(move |c| {
        let saved = registry::update::<R>(c, &actor, id, &expected, |current| decode_patch(&current, patch))?;
        Ok(Answer::saved(&saved))
    })
    .await
}

/// `DELETE /<resource>/<id>`: the record is kept among the deleted ones, restorable by an admin.
pub async fn delete<R: Record>(db: &Db, caller: Caller, id: i64, if_match: IfMatch) -> ApiResult<Answer> {
    let actor = caller.0;
    actor.may_write(R::ENTITY)?;
    let expected = if_match.expected();
    db.write(move |c| registry::delete::<R>(c, &actor, id, &expected)).await?;
    Ok(Answer { answer: HttpAnswer::no_content(), replayed: false })
}

/// `POST /deleted/<id>/restore`: an admin brings a deleted record back under its old id.
pub async fn restore(db: &Db, caller: Caller, key: IdempotencyKey, deleted_id: i64) -> ApiResult<Answer> {
    let actor = caller.0;
    actor.must_be_admin()?;
    let fingerprint = idempotency::fingerprint("POST", &format!("deleted/{deleted_id}/restore"), &Value::Null);
    post(db, key, fingerprint, actor, move |c, actor| {
        let back = registry::restore_deleted(c, actor, deleted_id)?;
        Ok(Answer::created(back.entity, &back.record, back.id, back.version))
    })
    .await
}

/// The four routes every registry resource has (`POST` on the collection; `GET`, `PATCH` and
/// `DELETE` on one record), each a call into this write path, with its OpenAPI description; the
/// resource's own file adds its list and questions. The calling module imports Rocket's `post`,
/// `get`, `patch` and `delete`: utoipa reads the route from those attributes by name.
macro_rules! record_routes {
    ($record:ty, $input:ty, $name:literal, $tag:literal, $collection:tt, $one:tt) => {
        /// Creates a record (201 with `Location` and `ETag`).
        #[utoipa::path(
            tag = $tag,
            operation_id = concat!("create_", $name),
            request_body = $input,
            params($crate::api::openapi::IdempotencyHeader),
            responses(
                (status = 201, description = "Created", body = $record, headers(("ETag" = String), ("Location" = String))),
                $crate::api::openapi::WriteProblems,
            ),
            security(("bearer" = [])),
        )]
        #[post($collection, data = "<body>")]
        async fn create(
            db: &rocket::State<$crate::db::Db>,
            caller: $crate::api::auth::Caller,
            key: $crate::api::auth::IdempotencyKey,
            body: Result<$crate::api::body::JsonBody, $crate::error::ApiError>,
        ) -> $crate::error::ApiResult<$crate::api::write::Answer> {
            $crate::api::write::create::<$record>(db, caller, key, body).await
        }

        /// One record with everything it embeds, and its version as `ETag`.
        #[utoipa::path(
            tag = $tag,
            operation_id = concat!("get_", $name),
            params(("id" = i64, Path, description = "The record's id", example = 1)),
            responses(
                (status = 200, description = "The record", body = $record, headers(("ETag" = String))),
                $crate::api::openapi::ReadProblems,
            ),
            security(("bearer" = []), ()),
        )]
        #[get($one)]
        async fn get(
            db: &rocket::State<$crate::db::Db>,
            _reader: $crate::api::auth::Reader,
            key: $crate::api::read::ReadKey<'_>,
            id: i64,
        ) -> $crate::error::ApiResult<$crate::api::write::Answer> {
            $crate::api::read::read::<$record>(db, key, id).await
        }

        /// Changes a record: a JSON merge patch (RFC 7396) of its input form, at the version `If-Match` names.
        #[utoipa::path(
            tag = $tag,
            operation_id = concat!("update_", $name),
            request_body(content = Object, description = concat!(
                "A JSON merge patch (RFC 7396) of the record's input form (",
                stringify!($input),
                "): the members to change, null to clear one. The merged record obeys the create rules."
            )),
            params(("id" = i64, Path, description = "The record's id", example = 1), $crate::api::openapi::IfMatchHeader),
            responses(
                (status = 200, description = "The changed record", body = $record, headers(("ETag" = String))),
                $crate::api::openapi::WriteProblems,
            ),
            security(("bearer" = [])),
        )]
        #[patch($one, data = "<body>")]
        async fn update(
            db: &rocket::State<$crate::db::Db>,
            caller: $crate::api::auth::Caller,
            id: i64,
            if_match: $crate::api::auth::IfMatch,
            body: Result<$crate::api::body::JsonBody, $crate::error::ApiError>,
        ) -> $crate::error::ApiResult<$crate::api::write::Answer> {
            $crate::api::write::update::<$record>(db, caller, id, if_match, body).await
        }

        /// Deletes a record, keeping it among the deleted ones (409 while others depend on it).
        #[utoipa::path(
            tag = $tag,
            operation_id = concat!("delete_", $name),
            params(("id" = i64, Path, description = "The record's id", example = 1), $crate::api::openapi::IfMatchHeader),
            responses((status = 204, description = "Deleted and kept"), $crate::api::openapi::WriteProblems),
            security(("bearer" = [])),
        )]
        #[delete($one)]
        async fn remove(
            db: &rocket::State<$crate::db::Db>,
            caller: $crate::api::auth::Caller,
            id: i64,
            if_match: $crate::api::auth::IfMatch,
        ) -> $crate::error::ApiResult<$crate::api::write::Answer> {
            $crate::api::write::delete::<$record>(db, caller, id, if_match).await
        }
    };
}
pub(crate) use record_routes;
