//! A record's changes as pages show them: who changed which fields, from what to what. An
//! agreement's page shows its history; a form saved over someone else's change shows theirs
//! beside the values being saved.

use serde_json::Value;

use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::messages::Entity;
use crate::models::audit::{self, AuditEntry, AuditFilter};
use crate::models::enums::AuditAction;
use crate::models::page::Page;
use crate::web::page::Ctx;

/// How many changes a record's page shows, newest first.
pub const SHOWN: i64 = 50;

/// One change in a record's history: when, by whom, what, and each field as it was and became.
pub struct Change {
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    pub fields: Vec<(String, String, String)>,
}

/// What a form meets when someone saved the record after it was read: their changes since, and
/// each field in which the record now differs from the form (theirs, then the form's).
pub struct Conflict {
    pub changes: Vec<Change>,
    pub differences: Vec<(String, String, String)>,
}

/// The conflict of a form read at version `read` whose values are `yours`, with the record as
/// it is now (`theirs`); fields in `hidden` are not the form's to show.
pub fn conflict(ctx: &Ctx, entries: Vec<AuditEntry>, theirs: &Value, yours: &Value, hidden: &[&str]) -> Conflict {
    let differences =
        changed_fields(theirs, Some(yours)).into_iter().filter(|(f, _, _)| !hidden.contains(&f.as_str())).collect();
    Conflict { changes: changes(ctx, entries), differences }
}

/// The latest changes of a record, newest first; with `after`, only those that made a version
/// past it (what someone else saved since a form was read).
pub fn of(c: &mut DbConnection, entity: Entity, id: i64, after: Option<i64>) -> ApiResult<Vec<AuditEntry>> {
    let filter =
        AuditFilter { record_type: Some(entity.key().to_string()), record_id: Some(id), ..AuditFilter::default() };
    let entries = audit::list(c, &filter, Page { limit: SHOWN, offset: 0 })?.items;
    Ok(entries.into_iter().filter(|e| after.is_none_or(|v| e.version.is_some_and(|n| n > v))).collect())
}

/// The record as it was at `version`, as its audit entry keeps it (none when that entry is gone
/// from the latest ones).
pub fn state_at(c: &mut DbConnection, entity: Entity, id: i64, version: i64) -> ApiResult<Option<Value>> {
    Ok(of(c, entity, id, None)?.into_iter().find(|e| e.version == Some(version)).and_then(|e| e.after))
}

/// The fields of a form's values (`yours`, the input a save sends) that are as the form read
/// them (`read`, the record as its audit entry keeps it): those the person did not change, and
/// so takes as they are now. The record's own fields that the input has not (names beside ids)
/// are left out of the comparison, and a status the period gives counts as none chosen.
pub fn untouched(read: &Value, yours: &Value) -> Vec<String> {
    let Some(fields) = yours.as_object() else { return Vec::new() };
    fields
        .iter()
        .filter(|(k, v)| {
            let was = read.get(k.as_str()).map(|r| if k.as_str() == "status" { decided(r) } else { r.clone() });
            was.is_some_and(|was| &project(&was, v) == *v)
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// `value` with only what `shape` has: the keys of its objects, the items of its lists.
fn project(value: &Value, shape: &Value) -> Value {
    match (value, shape) {
        (Value::Object(v), Value::Object(s)) => {
            Value::Object(s.keys().map(|k| (k.clone(), v.get(k).map_or(Value::Null, |x| project(x, &s[k])))).collect())
        }
        (Value::Array(v), Value::Array(s)) if v.len() == s.len() => {
            Value::Array(v.iter().zip(s).map(|(x, y)| project(x, y)).collect())
        }
        _ => value.clone(),
    }
}

/// An agreement's status as a person decides it: a derived one is none.
fn decided(status: &Value) -> Value {
    let decided =
        status.as_str().and_then(crate::models::enums::AgreementStatus::parse).is_some_and(|s| s.is_decided());
    if decided {
        status.clone()
    } else {
        Value::Null
    }
}

/// Entries as the page shows them.
pub fn changes(ctx: &Ctx, entries: Vec<AuditEntry>) -> Vec<Change> {
    entries
        .into_iter()
        .map(|e| Change {
            at: format!("{} {}", ctx.date(&e.at.date()), e.at.format("%H:%M")),
            // A record made has no "before": its first state is the page itself.
            fields: match e.before {
                Some(before) => changed_fields(&before, e.after.as_ref()),
                None => Vec::new(),
            },
            actor: e.actor,
            action: e.action,
        })
        .collect()
}

/// The fields in which two states of a record differ, each as short text in both.
pub fn changed_fields(before: &Value, after: Option<&Value>) -> Vec<(String, String, String)> {
    let empty = serde_json::Map::new();
    let (b, a) = (before.as_object().unwrap_or(&empty), after.and_then(|v| v.as_object()).unwrap_or(&empty));
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| ((*k).clone(), short(b.get(k)), short(a.get(k))))
        .collect()
}

fn short(v: Option<&Value>) -> String {
    let text = match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > 160 {
        format!("{}…", text.chars().take(160).collect::<String>())
    } else {
        text
    }
}
