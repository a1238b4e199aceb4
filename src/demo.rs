//! The demo data: the five seed articles as registry records (data/demo.json).
//!
//! Each record in the file is an API payload in which references are readable keys rather than
//! ids. Loading resolves the keys, decodes each record into the API's input type and creates it
//! through the same model functions the API uses, so the demo obeys every rule a client does.

use std::collections::HashMap;

use diesel::prelude::*;
use serde_json::Value;

use crate::auth::Actor;
use crate::db::schema::localities;
use crate::db::DbConnection;
use crate::error::ApiError;
use crate::models::decode::decode;
use crate::models::directive::Directive;
use crate::models::locality::Locality;
use crate::models::organization::Organization;
use crate::models::record::Record;
use crate::models::signing_event::SigningEvent;
use crate::registry;

/// The demo file, built into the binary so `phoihop serve --demo` works from any directory.
pub const DEMO_JSON: &str = include_str!("../data/demo.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Table {
    Localities,
    Organizations,
    Directives,
    SigningEvents,
}

#[derive(Debug)]
pub struct DemoError(pub String);

impl std::fmt::Display for DemoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DemoError {}

impl From<diesel::result::Error> for DemoError {
    fn from(e: diesel::result::Error) -> Self {
        DemoError(format!("database error while loading the demo: {e}"))
    }
}

/// What a load created.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub localities: usize,
    pub organizations: usize,
    pub directives: usize,
    pub signing_events: usize,
}

/// Loads the demo into an empty database, in one transaction. A database that already holds
/// records is left as it is (`Ok(None)`), so `serve --demo` can be run again safely.
pub fn load(conn: &mut DbConnection) -> Result<Option<Loaded>, DemoError> {
    let present: i64 = localities::table.count().get_result(conn)?;
    if present > 0 {
        return Ok(None);
    }
    let data: Value = serde_json::from_str(DEMO_JSON).map_err(|e| DemoError(format!("data/demo.json: {e}")))?;
    conn.transaction(|conn| load_all(conn, &data)).map(Some)
}

type Keys = HashMap<(Table, String), i64>;

fn load_all(conn: &mut DbConnection, data: &Value) -> Result<Loaded, DemoError> {
    let mut keys = Keys::new();
    let demo = Actor::operator("phoihop demo");
    Ok(Loaded {
        localities: load_section::<Locality>(conn, &demo, data, "localities", Table::Localities, &mut keys)?,
        organizations: load_section::<Organization>(
            conn,
            &demo,
            data,
            "organizations",
            Table::Organizations,
            &mut keys,
        )?,
        directives: load_section::<Directive>(conn, &demo, data, "directives", Table::Directives, &mut keys)?,
        signing_events: load_section::<SigningEvent>(
            conn,
            &demo,
            data,
            "signing_events",
            Table::SigningEvents,
            &mut keys,
        )?,
    })
}

/// Creates every record of one section, as the operator (so the audit trail shows them),
/// remembering each key's id for the sections after it.
fn load_section<R: Record>(
    conn: &mut DbConnection,
    demo: &Actor,
    data: &Value,
    name: &str,
    table: Table,
    keys: &mut Keys,
) -> Result<usize, DemoError> {
    let records = section(data, name)?;
    for record in records {
        let (key, payload) = prepare(record, table, keys)?;
        let made =
            decode(payload).and_then(|input| registry::create::<R>(conn, demo, input)).map_err(|e| failed(&key, e))?;
        keys.insert((table, key), made.record.id());
    }
    Ok(records.len())
}

fn section<'a>(data: &'a Value, name: &str) -> Result<&'a Vec<Value>, DemoError> {
    data.get(name).and_then(Value::as_array).ok_or_else(|| DemoError(format!("data/demo.json has no list {name:?}")))
}

fn failed(key: &str, e: ApiError) -> DemoError {
    let fields: Vec<String> = e
        .to_problem(crate::messages::Lang::En)
        .errors
        .into_iter()
        .map(|f| format!("{}: {}", f.field, f.message))
        .collect();
    DemoError(format!(
        "demo record {key:?} was refused: {} {}",
        e.detail.text(crate::messages::Lang::En),
        fields.join("; ")
    ))
}

/// Splits off a record's `key` and turns its references into ids; a `parent_id` refers to the
/// record's own table.
fn prepare(record: &Value, parent: Table, keys: &Keys) -> Result<(String, Value), DemoError> {
    let mut payload = record.clone();
    let key = payload
        .as_object_mut()
        .and_then(|o| o.remove("key"))
        .and_then(|k| k.as_str().map(str::to_string))
        .ok_or_else(|| DemoError(format!("a demo record has no key: {record}")))?;
    resolve(&mut payload, parent, keys).map_err(|missing| DemoError(format!("demo record {key:?}: {missing}")))?;
    Ok((key, payload))
}

fn resolve(value: &mut Value, parent: Table, keys: &Keys) -> Result<(), String> {
    match value {
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                let table = match name.as_str() {
                    "locality_id" => Some(Table::Localities),
                    "host_id" | "organization_id" => Some(Table::Organizations),
                    "directive_id" | "implements" => Some(Table::Directives),
                    "parent_id" => Some(parent),
                    _ => None,
                };
                match table {
                    Some(table) => refer(member, table, keys)?,
                    None => resolve(member, parent, keys)?,
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                resolve(item, parent, keys)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn refer(value: &mut Value, table: Table, keys: &Keys) -> Result<(), String> {
    match value {
        Value::String(key) => {
            let id = keys.get(&(table, key.clone())).ok_or_else(|| format!("unknown {table:?} key {key:?}"))?;
            *value = Value::from(*id);
        }
        Value::Array(items) => {
            for item in items {
                refer(item, table, keys)?;
            }
        }
        _ => {}
    }
    Ok(())
}
