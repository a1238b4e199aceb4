//! A record's changes as pages show them: who changed which fields, from what to what. An
//! agreement's page shows its history; a form saved over someone else's change shows theirs
//! beside the values being saved.

use serde_json::Value;

use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::messages::form_words::F;
use crate::messages::pages::W;
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
    /// The record changed, in words (`Thỏa thuận #12`), and its page while it has one.
    pub record: String,
    pub href: Option<String>,
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
    let differences = changed_fields(theirs, Some(yours))
        .into_iter()
        .filter(|(f, _, _)| !hidden.contains(&f.as_str()))
        .map(|(f, a, b)| (field_words(ctx, &f), a, b))
        .collect();
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
            record: format!(
                "{} #{} {}",
                record_kind(ctx, &e.record_type),
                e.record_id,
                e.after.as_ref().or(e.before.as_ref()).map(called).unwrap_or_default()
            )
            .trim_end()
            .to_string(),
            href: (e.action != AuditAction::Delete).then(|| record_page(&e.record_type, e.record_id)).flatten(),
            // A record made or deleted is shown whole on its page, not field by field here.
            fields: match (&e.before, &e.after) {
                (Some(before), Some(after)) => changed_fields(before, Some(after))
                    .into_iter()
                    .map(|(f, a, b)| (field_words(ctx, &f), a, b))
                    .collect(),
                _ => Vec::new(),
            },
            actor: e.actor,
            action: e.action,
        })
        .collect()
}

/// A kind of record of the trail, in words: the five of the registry, tokens and accounts.
pub fn record_kind(ctx: &Ctx, key: &str) -> String {
    match (Entity::parse(key), key) {
        (Some(e), _) => crate::text::capitalized(e.name(ctx.lang)),
        (None, "token") => ctx.f(F::Token).to_string(),
        (None, "user") => ctx.f(F::Account).to_string(),
        _ => String::new(),
    }
}

/// What a record is called, as it was answered: its title, name or symbol.
pub fn called(record: &Value) -> String {
    ["title", "name", "symbol"].iter().find_map(|k| record[*k].as_str()).unwrap_or_default().to_string()
}

/// The page that shows a record of the trail (tokens are listed together).
fn record_page(key: &str, id: i64) -> Option<String> {
    match (Entity::parse(key), key) {
        (Some(e), _) => Some(e.page(id)),
        (None, "token") => Some("/tokens".to_string()),
        (None, "user") => Some(format!("/users/{id}")),
        _ => None,
    }
}

/// A record's field, as the forms name it (the API's name when no form shows it).
pub fn field_words(ctx: &Ctx, field: &str) -> String {
    let form = |w: F| Some(ctx.f(w));
    let page = |w: W| Some(ctx.t(w));
    let words = match field {
        "title" => form(F::Title),
        "kind" => form(F::Kind),
        "topic" => form(F::Topic),
        "period" => page(W::Period),
        "status" => form(F::Status),
        "signed_on" => page(W::SignedOn),
        "parties" => form(F::Parties),
        "directives" => page(W::Directives),
        "tasks" => form(F::Tasks),
        "notes" => form(F::Notes),
        "source_url" => form(F::SourceUrl),
        "published_on" => form(F::PublishedOn),
        "replaces_id" => form(F::Replaces),
        "name" => form(F::Name),
        "short_name" => form(F::ShortName),
        "aliases" => form(F::Aliases),
        "locality_id" => form(F::Locality),
        "parent_id" => form(F::Parent),
        "term" => form(F::Term),
        "held_on" => form(F::HeldOn),
        "place" => form(F::Place),
        "host_id" => form(F::Host),
        "attendees" => form(F::Attendees),
        "symbol" => form(F::DirectiveSymbol),
        "issuer" => form(F::Issuer),
        "issued_on" => form(F::IssuedOn),
        "implements" => form(F::Implements),
        "level" => form(F::Level),
        "role" => form(F::Role),
        _ => None,
    };
    words.map_or_else(|| field.to_string(), str::to_string)
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
    let text = v.map(words).unwrap_or_default();
    if text.chars().count() > 160 {
        format!("{}…", text.chars().take(160).collect::<String>())
    } else {
        text
    }
}

/// A field's value as a person reads it: a period as its years, a party or a directive by its
/// name or symbol, a list as its items.
fn words(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(words).collect::<Vec<_>>().join("; "),
        Value::Object(o) => match (o.get("start_year"), o.get("end_year")) {
            (Some(start), Some(end)) => format!("{}–{}", words(start), words(end)),
            _ => ["organization_name", "symbol", "name", "title"]
                .iter()
                .find_map(|k| o.get(*k).and_then(Value::as_str))
                .map_or_else(|| v.to_string(), str::to_string),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_read_as_people_write_them() {
        assert_eq!(words(&json!({"start_year": 2017, "end_year": 2019})), "2017–2019");
        let parties = json!([{"organization_id": 13, "organization_name": "UB.MTTQ quận 11", "role": "lead"},
                             {"organization_id": 16, "organization_name": "Hội LHPN quận 11", "role": "signatory"}]);
        assert_eq!(words(&parties), "UB.MTTQ quận 11; Hội LHPN quận 11");
        assert_eq!(words(&json!([{"directive_id": 4, "symbol": "12-CT/TW"}])), "12-CT/TW");
        assert_eq!(words(&json!({"x": 1})), "{\"x\":1}", "what has no name is shown as it is");
        assert_eq!(short(Some(&json!("a".repeat(200)))).chars().count(), 161);
    }
}
