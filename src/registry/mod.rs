//! The registry service: every change to the registry, whichever face asks for it (the API, the
//! command line, the demo loader; the web pages, imports and intake to come). Each step that
//! makes a write trustworthy is here once: the principal's role and locality (and, for agreements
//! it moves or organizations it names, theirs), the version the change was based on, the audit
//! entry and the kept copy of what is deleted.
//!
//! Functions take a connection inside the caller's write transaction (`Db::write`,
//! `db::transaction`), so that a face can add its own step to the same transaction (the API's
//! idempotency key) and a refused or failed change writes nothing, audit entry included. They
//! take typed inputs and answer the record with its version; a face only translates.

pub mod intake;
mod scope;

use serde::Serialize;
use serde_json::Value;

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::Entity;
use crate::models::audit::{self, Change};
use crate::models::decode::decode;
use crate::models::deleted::{self, Keep, Taken};
use crate::models::directive::graph;
use crate::models::enums::AuditAction;
use crate::models::record::{self, Record};
use crate::models::{agreement, agreement_locality, directive, locality, organization, signing_event};

use scope::{allowed, may_name};

/// A record as a change left it, with its version (1 when made, one more with every change).
#[derive(Debug)]
pub struct Saved<R> {
    pub record: R,
    pub version: i64,
}

/// The version a change was based on: any (the command line, `If-Match: *`), one of these, or
/// not stated (refused: a change must say what it was based on, so that none overwrites another
/// unseen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    Any,
    OneOf(Vec<i64>),
    Unstated,
}

impl Expected {
    /// 428 when unstated; 412, naming the current version, unless `current` is expected.
    fn check(&self, current: i64) -> ApiResult<()> {
        match self {
            Expected::Unstated => Err(ApiError::version_unstated()),
            Expected::OneOf(versions) if !versions.contains(&current) => Err(ApiError::stale(current)),
            _ => Ok(()),
        }
    }
}

fn json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Creates a record (with those made with it, an event's agreements) as `actor`, within the
/// actor's rights, and audits each.
pub fn create<R: Record>(c: &mut DbConnection, actor: &Actor, input: R::Input) -> ApiResult<Saved<R>> {
    actor.may_write(R::ENTITY)?;
    let made = R::create(c, None, input)?;
    allowed(c, actor, &made, true)?;
    may_name(c, actor, None, &made, "")?;
    for (i, (entity, id)) in made.created_with().into_iter().enumerate() {
        let with = record::view_json(c, entity, id)?;
        actor.may_change(c, entity, with.get("locality_id").and_then(Value::as_i64), true)?;
        if entity == Entity::Agreement && actor.scope().is_some() {
            let signed = agreement::get(c, id)?;
            may_name(c, actor, None, &signed, &format!("agreements[{i}]."))?;
        }
        audit::record(c, actor, Change::made(AuditAction::Create, entity.key(), id, 1, None, with))?;
    }
    audit::record(c, actor, Change::made(AuditAction::Create, R::ENTITY.key(), made.id(), 1, None, json(&made)))?;
    Ok(Saved { record: made, version: 1 })
}

/// Whether `actor` may change record `id` where it is (404, 403): asked before a form to change
/// it is shown, and before a page offers to.
pub fn may_change<R: Record>(c: &mut DbConnection, actor: &Actor, id: i64) -> ApiResult<R> {
    actor.may_write(R::ENTITY)?;
    let found = R::get(c, id)?;
    allowed(c, actor, &found, false)?;
    Ok(found)
}

/// The record a change is about to be made to, and its version, once the actor may change it
/// (404, 403) and the version is the one expected (412).
fn current<R: Record>(c: &mut DbConnection, actor: &Actor, id: i64, expected: &Expected) -> ApiResult<(R, i64)> {
    let found = may_change::<R>(c, actor, id)?;
    let version = record::version(c, R::ENTITY, id)?;
    expected.check(version)?;
    Ok((found, version))
}

/// Any change to an existing record (`op`), checked, versioned and audited. A change that
/// changes nothing keeps the version and writes no entry.
pub fn change<R: Record>(
    c: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected: &Expected,
    op: impl FnOnce(&mut DbConnection) -> ApiResult<R>,
) -> ApiResult<Saved<R>> {
    let (before, version) = current::<R>(c, actor, id, expected)?;
    let located = R::locating(c, id)?;
    let was = agreement_locality::stored(c, &located)?;
    let after = op(c)?;
    allowed(c, actor, &after, false)?;
    may_name(c, actor, Some(&before), &after, "")?;
    // A change here may move agreements elsewhere: the actor must be allowed at both ends.
    for (agreement, now) in agreement_locality::stored(c, &located)? {
        let then = was.get(&agreement).copied().flatten();
        if then != now {
            actor.may_change(c, Entity::Agreement, then, false)?;
            actor.may_change(c, Entity::Agreement, now, false)?;
        }
    }
    let (was, now) = (json(&before), json(&after));
    if was == now {
        return Ok(Saved { record: after, version });
    }
    record::set_version(c, R::ENTITY, id, version + 1)?;
    audit::record(c, actor, Change::made(AuditAction::Update, R::ENTITY.key(), id, version + 1, Some(was), now))?;
    Ok(Saved { record: after, version: version + 1 })
}

/// Changes a record's fields: `edit` turns its current input form into the new one, which obeys
/// the create rules.
pub fn update<R: Record>(
    c: &mut DbConnection,
    actor: &Actor,
    id: i64,
    expected: &Expected,
    edit: impl FnOnce(R::Input) -> ApiResult<R::Input>,
) -> ApiResult<Saved<R>> {
    change(c, actor, id, expected, |c| {
        let input = edit(R::input_of(c, id)?)?;
        R::update(c, id, input)
    })
}

/// Deletes a record, keeping it among the deleted ones, restorable by an admin (409 while
/// others depend on it).
pub fn delete<R: Record>(c: &mut DbConnection, actor: &Actor, id: i64, expected: &Expected) -> ApiResult<()> {
    let (before, version) = current::<R>(c, actor, id, expected)?;
    let input = json(&R::input_of(c, id)?);
    R::delete(c, id)?;
    let record = json(&before);
    deleted::keep(c, actor, Keep { entity: R::ENTITY, record_id: id, version, input: &input, record: &record })?;
    let entry = Change {
        action: AuditAction::Delete,
        record_type: R::ENTITY.key(),
        record_id: id,
        version: None,
        before: Some(record),
        after: None,
    };
    audit::record(c, actor, entry)?;
    Ok(())
}

/// A deleted record brought back under its old id, with its kind and version.
#[derive(Debug)]
pub struct Restored {
    pub entity: Entity,
    pub id: i64,
    pub version: i64,
    pub record: Value,
}

/// An admin brings a deleted record back under its old id, through the create rules; a record
/// that no longer fits (409, 422) stays kept.
pub fn restore_deleted(c: &mut DbConnection, actor: &Actor, deleted_id: i64) -> ApiResult<Restored> {
    actor.must_be_admin()?;
    let kept = deleted::take(c, deleted_id)?;
    match kept.entity {
        Entity::Locality => restore_as::<locality::Locality>(c, actor, kept),
        Entity::Organization => restore_as::<organization::Organization>(c, actor, kept),
        Entity::Directive => restore_as::<directive::Directive>(c, actor, kept),
        Entity::SigningEvent => restore_as::<signing_event::SigningEvent>(c, actor, kept),
        Entity::Agreement => restore_as::<agreement::Agreement>(c, actor, kept),
    }
}

fn restore_as<R: Record>(c: &mut DbConnection, actor: &Actor, kept: Taken) -> ApiResult<Restored> {
    let input: R::Input = decode(kept.input)?;
    let made = R::create(c, Some(kept.record_id), input)?;
    let version = kept.version + 1;
    record::set_version(c, R::ENTITY, made.id(), version)?;
    let record = json(&made);
    audit::record(
        c,
        actor,
        Change::made(AuditAction::Restore, R::ENTITY.key(), made.id(), version, None, record.clone()),
    )?;
    Ok(Restored { entity: R::ENTITY, id: made.id(), version, record })
}

/// Records that directive `id` implements `target` (`linked`), or that it no longer does: a
/// change to directive `id`.
pub fn link(
    c: &mut DbConnection,
    actor: &Actor,
    (id, target): (i64, i64),
    linked: bool,
    expected: &Expected,
) -> ApiResult<Saved<directive::Directive>> {
    change(c, actor, id, expected, |c| {
        if linked {
            graph::link(c, id, target)
        } else {
            graph::unlink(c, id, target)?;
            directive::get(c, id)
        }
    })
}
