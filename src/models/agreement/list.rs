//! The officials' questions over agreements: the filtered list, and the agreements under each
//! directive of a tree.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use super::{assemble, Agreement, Period, Row};
use crate::db::schema::{agreement_directives, agreements, organizations, parties};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::Msg;
use crate::models::enums::{AgreementKind, AgreementStatus, DirectiveRelation, OrganizationKind};
use crate::models::page::{page_of, ListPage, Page};
use crate::models::{agreement_locality, directive, search_patterns, this_year};

/// A `directive=` filter: an id, or a symbol as written.
#[derive(Debug, Clone)]
pub enum DirectiveRef {
    Id(i64),
    Symbol(String),
}

#[derive(Debug, Default)]
pub struct AgreementFilter {
    /// Agreements signed by all of these organizations.
    pub signed_by: Vec<i64>,
    /// Agreements with a party of any of these kinds.
    pub party_kind: Vec<OrganizationKind>,
    pub kind: Option<AgreementKind>,
    /// Agreements under every one of these directives, through their implements chains.
    pub directives: Vec<DirectiveRef>,
    pub active_in: Option<i32>,
    pub locality: Option<i64>,
    pub q: Option<String>,
    pub signed_from: Option<NaiveDate>,
    pub signed_to: Option<NaiveDate>,
    pub status: Option<AgreementStatus>,
    pub signing_event_id: Option<i64>,
}

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

/// Ordered by period (latest start first), then newest registration first.
pub fn list(conn: &mut DbConnection, filter: &AgreementFilter, page: Page) -> ApiResult<ListPage<Agreement>> {
    let mut directive_roots = Vec::new();
    for wanted in &filter.directives {
        directive_roots.push(match wanted {
            DirectiveRef::Id(id) => *id,
            DirectiveRef::Symbol(symbol) => {
                let found = directive::resolve(conn, symbol)?
                    .map_err(|why| ApiError::bad_param("directive", Msg::BadSymbol(why)))?;
                if found.is_empty() {
                    return Ok(ListPage::new(Vec::new(), 0, page));
                }
                directive::single_match(symbol, &found).map_err(|msg| ApiError::field("directive", msg))?
            }
        });
    }
    let year = this_year();
    let query = || {
        let mut q = agreements::table.into_boxed();
        for org in &filter.signed_by {
            q = q.filter(
                agreements::id
                    .eq_any(parties::table.filter(parties::organization_id.eq(*org)).select(parties::agreement_id)),
            );
        }
        if !filter.party_kind.is_empty() {
            let kinds: Vec<&str> = filter.party_kind.iter().map(|k| k.as_str()).collect();
            q = q.filter(
                agreements::id.eq_any(
                    parties::table
                        .inner_join(organizations::table)
                        .filter(organizations::kind.eq_any(kinds))
                        .select(parties::agreement_id),
                ),
            );
        }
        if let Some(kind) = filter.kind {
            q = q.filter(agreements::kind.eq(kind.as_str()));
        }
        for root in &directive_roots {
            q = q.filter(directive::agreements_under(*root));
        }
        if let Some(y) = filter.active_in {
            q = q.filter(agreements::start_year.le(y)).filter(agreements::end_year.ge(y));
        }
        if let Some(root) = filter.locality {
            q = q.filter(agreement_locality::within(root));
        }
        for pattern in filter.q.as_deref().map(search_patterns).unwrap_or_default() {
            q = q.filter(agreements::search_text.like(pattern));
        }
        if let Some(from) = filter.signed_from {
            q = q.filter(agreements::signed_on.ge(from));
        }
        if let Some(to) = filter.signed_to {
            q = q.filter(agreements::signed_on.le(to));
        }
        if let Some(event) = filter.signing_event_id {
            q = q.filter(agreements::signing_event_id.eq(event));
        }
        let undecided = agreements::status_override.is_null();
        q = match filter.status {
            None => q,
            Some(s) if s.is_decided() => q.filter(agreements::status_override.eq(s.as_str())),
            Some(AgreementStatus::Upcoming) => q.filter(undecided).filter(agreements::start_year.gt(year)),
            Some(AgreementStatus::Expired) => q.filter(undecided).filter(agreements::end_year.lt(year)),
            Some(_) => {
                q.filter(undecided).filter(agreements::start_year.le(year)).filter(agreements::end_year.ge(year))
            }
        };
        q
    };
    let (rows, total) = page_of!(conn, query, (agreements::start_year.desc(), agreements::id.desc()), page, Row);
    Ok(ListPage::new(assemble(conn, rows)?, total, page))
}

// An agreement's locality is derived (see agreement_locality) and answered with it.
