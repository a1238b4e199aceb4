//! References to directives found in a text, each resolved against the registry.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::db::DbConnection;
use crate::error::{ApiResult, FieldErrors};
use crate::models::{directive, validate_into};
use crate::symbol::{self, Symbol};

#[derive(Debug, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "UBND TPHCM ban hành Kế hoạch số 2722/KH-UBND triển khai Chỉ thị 38-CT/TW của Ban Bí thư."}))]
pub struct ExtractInput {
    /// At most 100,000 characters: a long article is a few tens of thousands.
    #[validate(length(max = 100_000))]
    #[schema(max_length = 100_000)]
    pub text: String,
}

/// One reference as found: where it stands (in characters, counted from 0, end exclusive), what
/// it says, and the registered directives it may name.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Cited {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub symbol: Symbol,
    pub issued_on: Option<NaiveDate>,
    pub issuing_body: Option<String>,
    pub term: Option<String>,
    /// The directive it names, when exactly one registered directive fits.
    pub directive_id: Option<i64>,
    /// Every registered directive that fits, best first.
    pub candidates: Vec<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Extracted {
    pub citations: Vec<Cited>,
}

pub fn extract(conn: &mut DbConnection, input: ExtractInput) -> ApiResult<Extracted> {
    let mut errs = FieldErrors::default();
    validate_into(&input, &mut errs);
    errs.into_result()?;
    let text = input.text;
    let found = symbol::extract(&text);
    let fits = directive::candidate_ids(conn, &found)?;
    let mut citations = Vec::new();
    // Character positions, counted on from the previous reference's.
    let (mut byte, mut chars) = (0, 0);
    for (found, candidates) in found.into_iter().zip(fits) {
        chars += text[byte..found.span.start].chars().count();
        let start = chars;
        chars += text[found.span.clone()].chars().count();
        byte = found.span.end;
        citations.push(Cited {
            text: text[found.span.clone()].to_string(),
            start,
            end: chars,
            directive_id: if candidates.len() == 1 { candidates.first().copied() } else { None },
            candidates,
            symbol: found.symbol,
            issued_on: found.issued_on,
            issuing_body: found.issuing_body,
            term: found.term,
        });
    }
    Ok(Extracted { citations })
}
