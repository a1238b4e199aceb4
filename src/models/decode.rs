//! Typed inputs from JSON values (an API body, a merged PATCH, a deleted record's kept input),
//! with every shape error (a missing field, an unknown enumeration value, a date that is not a
//! date, a wrong type) answered as a 422 naming the JSON path of the field.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::messages::{Expected, Msg};
use crate::models::enums::UNKNOWN_VALUE;
use crate::models::NOT_A_DATE;

/// Decodes a JSON value into `T`, naming the field on failure.
pub fn decode<T: DeserializeOwned>(value: Value) -> ApiResult<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        let (field, msg) = shape_error(&path, &message);
        ApiError::field(field, msg)
    })
}

pub fn join(path: &str, field: &str) -> String {
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
