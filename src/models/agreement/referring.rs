//! The agreements under each directive of a tree, in brief.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;

use super::{Period, Row};
use crate::db::schema::{agreement_directives, agreements};
use crate::db::DbConnection;
use crate::models::enums::{AgreementKind, AgreementStatus, DirectiveRelation};
use crate::models::this_year;

/// An agreement in brief, as a leaf of a directive's tree.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgreementSummary {
    pub id: i64,
    pub title: String,
    pub kind: AgreementKind,
    pub period: Period,
    pub status: AgreementStatus,
    pub relation: DirectiveRelation,
}

/// The agreements that refer to each of `directive_ids`, newest period first, at most `limit` of
/// them per directive, as (directive id, agreement, how many refer to that directive in all).
pub fn referring_to(
    conn: &mut DbConnection,
    directive_ids: &[i64],
    limit: i64,
) -> QueryResult<Vec<(i64, AgreementSummary, i64)>> {
    let totals: HashMap<i64, i64> = agreement_directives::table
        .filter(agreement_directives::directive_id.eq_any(directive_ids))
        .group_by(agreement_directives::directive_id)
        .select((agreement_directives::directive_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    // The directives with few agreements in one query; each of those with many in its own, limited.
    let (many, few): (Vec<i64>, Vec<i64>) = totals.keys().copied().partition(|d| totals[d] > limit);
    let query = |ids: Vec<i64>| {
        agreement_directives::table
            .inner_join(agreements::table)
            .filter(agreement_directives::directive_id.eq_any(ids))
            .order((agreement_directives::directive_id, agreements::start_year.desc(), agreements::id.desc()))
            .select((agreement_directives::directive_id, agreement_directives::relation, Row::as_select()))
    };
    let mut rows: Vec<(i64, String, Row)> = query(few).load(conn)?;
    for directive_id in many {
        rows.extend(query(vec![directive_id]).limit(limit).load::<(i64, String, Row)>(conn)?);
    }
    rows.sort_by_key(|(d, _, r)| (*d, std::cmp::Reverse(r.start_year), std::cmp::Reverse(r.id)));
    let year = this_year();
    Ok(rows
        .into_iter()
        .map(|(directive_id, relation, r)| {
            let summary = AgreementSummary {
                id: r.id,
                kind: AgreementKind::parse(&r.kind).unwrap_or(AgreementKind::Other),
                period: Period { start_year: r.start_year, end_year: r.end_year },
                status: r.status(year),
                relation: DirectiveRelation::parse(&relation).unwrap_or(DirectiveRelation::Cites),
                title: r.title,
            };
            (directive_id, summary, totals.get(&directive_id).copied().unwrap_or_default())
        })
        .collect())
}
