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
use crate::models::decode::{decode, join};
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
}
