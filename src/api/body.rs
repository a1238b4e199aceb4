//! Request bodies: read within a size limit, parsed as JSON (400 when it is not JSON), then decoded
//! into the input type with every shape error (a missing field, an unknown enumeration value, a date
//! that is not a date, a wrong type) answered as a 422 naming the JSON path of the field.
//! PATCH bodies are JSON merge patches (RFC 7396) applied to the record's current input form and
//! decoded the same way, so that create and update share one set of rules.

use rocket::data::{self, ByteUnit, Data, FromData, ToByteUnit};
use rocket::http::Status;
use rocket::request::Request;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::messages::{Expected, Msg};
use crate::models::enums::UNKNOWN_VALUE;
use crate::models::NOT_A_DATE;
use crate::text;

/// The default body limit; Rocket's `limits.json` setting overrides it.
const DEFAULT_LIMIT: u64 = 1024 * 1024;

/// A parsed JSON body that is not yet decoded into a type (PATCH merges into it first).
pub struct JsonBody(pub Value);

#[rocket::async_trait]
impl<'r> FromData<'r> for JsonBody {
    type Error = ApiError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        let limit: ByteUnit = req.limits().get("json").unwrap_or(DEFAULT_LIMIT.bytes());
        let fail = |e: ApiError| data::Outcome::Error((e.status, e));
        let bytes = match data.open(limit).into_bytes().await {
            Ok(bytes) if bytes.is_complete() => bytes.into_inner(),
            Ok(_) => return fail(ApiError::new(Status::PayloadTooLarge, Msg::BodyTooLarge(limit.as_u64()))),
            Err(e) => return fail(ApiError::new(Status::BadRequest, Msg::NotJson(e.to_string()))),
        };
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(value) => match control_character_at(&value, "") {
                Some(field) => fail(ApiError::field(field, Msg::ControlCharacter)),
                None => data::Outcome::Success(JsonBody(value)),
            },
            Err(e) => fail(ApiError::new(Status::BadRequest, Msg::NotJson(e.to_string()))),
        }
    }
}

/// The JSON path of the first string in `value` with a control character. serde_json has already
/// bounded the nesting (128 levels), so the recursion is bounded too.
fn control_character_at(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::String(text) if text::has_control_character(text) => Some(path.to_string()),
        Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, item)| control_character_at(item, &format!("{path}[{i}]")))
        }
        Value::Object(members) => members.iter().find_map(|(key, member)| {
            if text::has_control_character(key) {
                return Some(path.to_string());
            }
            control_character_at(member, &join(path, key))
        }),
        _ => None,
    }
}

impl JsonBody {
    pub fn decode<T: DeserializeOwned>(self) -> ApiResult<T> {
        decode(self.0)
    }
}

/// Decodes a JSON value into `T`, naming the field on failure.
pub fn decode<T: DeserializeOwned>(value: Value) -> ApiResult<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        let (field, msg) = shape_error(&path, &message);
        ApiError::field(field, msg)
    })
}

/// Applies a JSON merge patch (RFC 7396) to `target`: members set to null are removed, objects
/// merge member by member, anything else (arrays included) replaces the old value.
pub fn merge_patch(target: &mut Value, patch: Value) {
    match patch {
        Value::Object(members) => {
            if !target.is_object() {
                *target = Value::Object(Default::default());
            }
            let object = target.as_object_mut().expect("made an object above");
            for (key, value) in members {
                if value.is_null() {
                    object.remove(&key);
                } else {
                    merge_patch(object.entry(key).or_insert(Value::Null), value);
                }
            }
        }
        other => *target = other,
    }
}

/// Decodes a PATCH body against the record's current input form.
pub fn decode_patch<T: Serialize + DeserializeOwned>(current: &T, patch: JsonBody) -> ApiResult<T> {
    if !patch.0.is_object() {
        return Err(ApiError::field("", Msg::WrongType(Expected::Object)));
    }
    let mut value =
        serde_json::to_value(current).map_err(|_| ApiError::new(Status::InternalServerError, Msg::InternalError))?;
    merge_patch(&mut value, patch.0);
    decode(value)
}

fn join(path: &str, field: &str) -> String {
    match path {
        "" | "." => field.to_string(),
        path => format!("{path}.{field}"),
    }
}

/// Reads serde's English message into a localized one. The messages matched are serde's and
/// serde_json's stable wording for these cases.
fn shape_error(path: &str, message: &str) -> (String, Msg) {
    let field = if path == "." { String::new() } else { path.to_string() };
    let backticked = |text: &str| -> Vec<String> { text.split('`').skip(1).step_by(2).map(str::to_string).collect() };
    if let Some(allowed) = message.strip_prefix(UNKNOWN_VALUE) {
        return (field, Msg::UnknownValue(allowed.to_string()));
    }
    if message.starts_with(NOT_A_DATE) {
        return (field, Msg::NotADate);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = backticked(rest).into_iter().next().unwrap_or_default();
        return (join(path, &name), Msg::Required);
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        // Here the path already ends with the unknown field itself.
        let known = backticked(rest).into_iter().skip(1).collect::<Vec<_>>().join(", ");
        return (field, Msg::UnknownField(known));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if rest.starts_with("null") {
            return (field, Msg::Required);
        }
        return (field, Msg::WrongType(expected(rest)));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        return (field, Msg::WrongType(expected(rest)));
    }
    (field, Msg::WrongType(Expected::Value))
}

/// The kind of value serde said it expected, from "…, expected a string" and the like.
fn expected(message: &str) -> Expected {
    let wanted = message.rsplit("expected ").next().unwrap_or("");
    if wanted.contains("string") || wanted.contains("char") {
        Expected::Text
    } else if wanted.starts_with('i') || wanted.starts_with('u') || wanted.contains("integer") {
        Expected::Integer
    } else if wanted.contains("sequence") {
        Expected::List
    } else if wanted.contains("struct") || wanted.contains("map") {
        Expected::Object
    } else {
        Expected::Value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396() {
        let mut doc = json!({"a": "b", "c": {"d": "e", "f": "g"}, "list": [1, 2]});
        merge_patch(&mut doc, json!({"a": "z", "c": {"f": null}, "list": [3]}));
        assert_eq!(doc, json!({"a": "z", "c": {"d": "e"}, "list": [3]}));
    }

    #[test]
    fn shape_errors_name_the_field() {
        assert_eq!(shape_error("period", "missing field `end_year`"), ("period.end_year".into(), Msg::Required));
        assert_eq!(
            shape_error("titel", "unknown field `titel`, expected `title` or `kind`"),
            ("titel".into(), Msg::UnknownField("title, kind".into()))
        );
        assert_eq!(
            shape_error("parties[0].organization_id", "invalid type: string \"x\", expected i64"),
            ("parties[0].organization_id".into(), Msg::WrongType(Expected::Integer))
        );
    }
}
