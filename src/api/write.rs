//! The one write path of the five registry resources. Each step that makes a write trustworthy is
//! here once: the caller's role and locality, the version (`If-Match`), the retry key
//! (`Idempotency-Key`), the audit entry and the kept copy of what is deleted. It all runs in the
//! change's own transaction, so a refused or failed request writes nothing, audit entry included.

use std::io::Cursor;

use rocket::http::{ContentType, Status};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use serde::Serialize;
use serde_json::Value;

use crate::api::auth::{etag, Caller, IdempotencyKey, IfMatch};
use crate::api::body::{decode, decode_patch, JsonBody};
use crate::api::BASE;
use crate::auth::Actor;
use crate::db::{Db, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::messages::{Entity, Msg};
use crate::models::audit::{self, Change};
use crate::models::deleted::{self, Keep};
use crate::models::enums::AuditAction;
use crate::models::idempotency::{self, Answer};
use crate::models::record::{self, view_json, Record};
use crate::models::{agreement, agreement_locality, directive, locality, organization, signing_event};

/// An answer with its `ETag` and `Location`, as given or as replayed for a retry.
pub struct Written {
    pub answer: Answer,
    pub replayed: bool,
}

impl Written {
    pub(crate) fn new(status: Status, body: &impl Serialize, version: Option<i64>, location: Option<String>) -> Self {
        let body = serde_json::to_string(body).unwrap_or_default().into();
        Written { answer: Answer { status: status.code, location, etag: version.map(etag), body }, replayed: false }
    }

    fn no_content_tagged(etag: Option<String>, replayed: bool) -> Self {
        Written { answer: Answer { status: 204, location: None, etag, body: String::new().into() }, replayed }
    }

    /// The same answer as 204 No Content, keeping its `ETag`.
    pub fn emptied(self) -> Self {
        Written::no_content_tagged(self.answer.etag, self.replayed)
    }

    fn created(entity: Entity, body: &impl Serialize, id: i64, version: i64) -> Self {
        Written::new(Status::Created, body, Some(version), Some(format!("{BASE}/{}/{id}", entity.path())))
    }
}

impl<'r> Responder<'r, 'static> for Written {
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

/// Whether `actor` may create (`creating`) or change `record`, by its locality.
fn allowed<R: Record>(c: &mut DbConnection, actor: &Actor, record: &R, creating: bool) -> ApiResult<()> {
    let locality = record.locality(c)?;
    actor.may_change(c, R::ENTITY, locality, creating)
}

/// Whether `actor` may name the organizations `after` names that `before` (the record as it
/// was; none for a new one) did not, in the same role.
fn may_name<R: Record>(
    c: &mut DbConnection,
    actor: &Actor,
    before: Option<&R>,
    after: &R,
    prefix: &str,
) -> ApiResult<()> {
    let known = before.map(R::organizations_named).unwrap_or_default();
    let added: Vec<(String, i64, bool)> = after
        .organizations_named()
        .into_iter()
        .filter(|(_, org, leads)| !known.iter().any(|(_, o, l)| o == org && l == leads))
        .collect();
    actor.may_name(c, &added, prefix)
}

/// The record a change is about to be made to, and its version, once the caller may change it
/// (404, 403) and `If-Match` names that version (428 without the header, 412 when stale).
fn current<R: Record>(c: &mut DbConnection, actor: &Actor, id: i64, if_match: IfMatch) -> ApiResult<(R, i64)> {
    let found = R::get(c, id)?;
    allowed(c, actor, &found, false)?;
    let expected = if_match.required()?;
    let version = record::version(c, R::ENTITY, id)?;
    expected.check(version)?;
    Ok((found, version))
}

fn json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A POST that creates: `work` runs in one write transaction, at most once per idempotency key.
async fn post<F>(db: &Db, key: IdempotencyKey, fingerprint: String, actor: Actor, work: F) -> ApiResult<Written>
where
    F: FnOnce(&mut DbConnection, &Actor) -> ApiResult<Written> + Send + 'static,
{
    let key = key.checked()?;
    db.write(move |c| {
        let retry = match (&key, actor.token_id) {
            (Some(k), Some(token)) => Some((k.as_str(), token)),
            _ => None,
        };
        if let Some((k, token)) = retry {
            if let Some((earlier, answer)) = idempotency::find(c, token, k)? {
                if earlier != fingerprint {
                    return Err(ApiError::field("Idempotency-Key", Msg::IdempotencyKeyReused));
                }
                return Ok(Written { answer, replayed: true });
            }
        }
        let written = work(c, &actor)?;
        if let Some((k, token)) = retry {
            idempotency::remember(c, token, k, &fingerprint, &written.answer)?;
        }
        Ok(written)
    })
    .await
}

/// `POST /<resource>`.
pub async fn create<R: Record>(
    db: &Db,
    caller: Caller,
    key: IdempotencyKey,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<Written> {
    let actor = caller.0;
    actor.may_write(R::ENTITY)?;
    let body = body?;
    let fingerprint = idempotency::fingerprint("POST", R::ENTITY.path(), &body.0);
    let input: R::Input = body.decode()?;
    post(db, key, fingerprint, actor, move |c, actor| {
        let made = create_as::<R>(c, actor, input)?;
        Ok(Written::created(R::ENTITY, &made, made.id(), 1))
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
) -> ApiResult<Written> {
    caller.0.may_write(R::ENTITY)?;
    let patch = body?;
    change::<R, _>(db, caller, id, if_match, move |c| {
        let input = decode_patch(&R::input_of(c, id)?, patch)?;
        R::update(c, id, input)
    })
    .await
}

/// Any change to an existing record (`op`), checked, versioned and audited; answers the record.
pub async fn change<R: Record, F>(db: &Db, caller: Caller, id: i64, if_match: IfMatch, op: F) -> ApiResult<Written>
where
    F: FnOnce(&mut DbConnection) -> ApiResult<R> + Send + 'static,
{
    let actor = caller.0;
    actor.may_write(R::ENTITY)?;
    db.write(move |c| {
        let (before, version) = current::<R>(c, &actor, id, if_match)?;
        let located = R::locating(c, id)?;
        let was = agreement_locality::stored(c, &located)?;
        let after = op(c)?;
        allowed(c, &actor, &after, false)?;
        may_name(c, &actor, Some(&before), &after, "")?;
        // A change here may move agreements elsewhere: the writer must be allowed at both ends.
        for (agreement, now) in agreement_locality::stored(c, &located)? {
            let then = was.get(&agreement).copied().flatten();
            if then != now {
                actor.may_change(c, Entity::Agreement, then, false)?;
                actor.may_change(c, Entity::Agreement, now, false)?;
            }
        }
        let (before, after) = (json(&before), json(&after));
        if before == after {
            // Nothing changed: no new version, nothing to audit.
            return Ok(Written::new(Status::Ok, &after, Some(version), None));
        }
        record::set_version(c, R::ENTITY, id, version + 1)?;
        let entry = Change::made(AuditAction::Update, R::ENTITY.key(), id, version + 1, Some(before), after.clone());
        audit::record(c, &actor, entry)?;
        Ok(Written::new(Status::Ok, &after, Some(version + 1), None))
    })
    .await
}

/// `DELETE /<resource>/<id>`: the record is kept among the deleted ones, restorable by an admin.
pub async fn delete<R: Record>(db: &Db, caller: Caller, id: i64, if_match: IfMatch) -> ApiResult<Written> {
    let actor = caller.0;
    actor.may_write(R::ENTITY)?;
    db.write(move |c| {
        let (before, version) = current::<R>(c, &actor, id, if_match)?;
        let input = json(&R::input_of(c, id)?);
        R::delete(c, id)?;
        let record = json(&before);
        deleted::keep(c, &actor, Keep { entity: R::ENTITY, record_id: id, version, input: &input, record: &record })?;
        let entry = Change {
            action: AuditAction::Delete,
            record_type: R::ENTITY.key(),
            record_id: id,
            version: None,
            before: Some(record),
            after: None,
        };
        audit::record(c, &actor, entry)?;
        Ok(Written::no_content_tagged(None, false))
    })
    .await
}

/// `POST /deleted/<id>/restore`: an admin brings a deleted record back under its old id.
pub async fn restore(db: &Db, caller: Caller, key: IdempotencyKey, deleted_id: i64) -> ApiResult<Written> {
    let actor = caller.0;
    actor.must_be_admin()?;
    let fingerprint = idempotency::fingerprint("POST", &format!("deleted/{deleted_id}/restore"), &Value::Null);
    post(db, key, fingerprint, actor, move |c, actor| {
        let kept = deleted::take(c, deleted_id)?;
        match kept.entity {
            Entity::Locality => restore_as::<locality::Locality>(c, actor, kept),
            Entity::Organization => restore_as::<organization::Organization>(c, actor, kept),
            Entity::Directive => restore_as::<directive::Directive>(c, actor, kept),
            Entity::SigningEvent => restore_as::<signing_event::SigningEvent>(c, actor, kept),
            Entity::Agreement => restore_as::<agreement::Agreement>(c, actor, kept),
        }
    })
    .await
}

fn restore_as<R: Record>(c: &mut DbConnection, actor: &Actor, kept: deleted::Kept) -> ApiResult<Written> {
    let input: R::Input = decode(kept.input)?;
    let made = R::insert(c, Some(kept.record_id), input)?;
    let version = kept.version + 1;
    record::set_version(c, R::ENTITY, made.id(), version)?;
    audit::record(
        c,
        actor,
        Change::made(AuditAction::Restore, R::ENTITY.key(), made.id(), version, None, json(&made)),
    )?;
    Ok(Written::created(R::ENTITY, &made, made.id(), version))
}

/// Creates a record (with those made with it) as `actor`, within the actor's rights, and audits
/// each. The API's POST and the demo loader both create through here.
pub fn create_as<R: Record>(c: &mut DbConnection, actor: &Actor, input: R::Input) -> ApiResult<R> {
    let made = R::insert(c, None, input)?;
    allowed(c, actor, &made, true)?;
    may_name(c, actor, None, &made, "")?;
    for (i, (entity, id)) in made.created_with().into_iter().enumerate() {
        let with = view_json(c, entity, id)?;
        actor.may_change(c, entity, with.get("locality_id").and_then(Value::as_i64), true)?;
        if entity == Entity::Agreement && actor.scope().is_some() {
            let signed = agreement::get(c, id)?;
            may_name(c, actor, None, &signed, &format!("agreements[{i}]."))?;
        }
        audit::record(c, actor, Change::made(AuditAction::Create, entity.key(), id, 1, None, with))?;
    }
    audit::record(c, actor, Change::made(AuditAction::Create, R::ENTITY.key(), made.id(), 1, None, json(&made)))?;
    Ok(made)
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
        ) -> $crate::error::ApiResult<$crate::api::write::Written> {
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
        ) -> $crate::error::ApiResult<$crate::api::write::Written> {
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
        ) -> $crate::error::ApiResult<$crate::api::write::Written> {
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
        ) -> $crate::error::ApiResult<$crate::api::write::Written> {
            $crate::api::write::delete::<$record>(db, caller, id, if_match).await
        }
    };
}
pub(crate) use record_routes;
