//! A filter's whole result at once, in no order or in the list's: for the counts report and
//! for exports, which read every match rather than a page.

use chrono::NaiveDate;
use diesel::dsl::exists;
use diesel::prelude::*;

// What `narrowed!` names where it expands.
use super::{directive_roots, AgreementFilter, Reaches};
use crate::db::schema::{agreements, agreements_search, organizations, parties};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::models::enums::AgreementStatus;
use crate::models::{agreement_locality, directive, locality_tree, search, this_year, Reach};
use crate::text;

/// What the counts report reads of an agreement: id, kind, date signed, locality.
pub type Fact = (i64, String, Option<NaiveDate>, Option<i64>);

/// Every agreement the filter matches, `columns` of each, in no order (`after` is not read).
macro_rules! matching {
    ($conn:expr, $filter:expr, $columns:expr) => {{
        let (conn, filter) = ($conn, $filter);
        match directive_roots(conn, filter)? {
            None => Vec::new(),
            Some(roots) => {
                let inside = match filter.locality {
                    Some(root) => Some((root, locality_tree::ids_inside(conn, root)?)),
                    None => None,
                };
                let (year, reach) = (this_year(), Reaches::LOOKUP);
                let terms = filter.q.as_deref().map(text::search_terms).unwrap_or_default();
                if !terms.is_empty() && matches!(conn, DbConnection::Sqlite(_)) {
                    let indexed = agreements_search::table
                        .inner_join(agreements::table.on(search::entry_of_agreement()))
                        .into_boxed()
                        .filter(search::fts_matches("agreements_search", &terms));
                    narrowed!(indexed, filter, &roots, &inside, year, reach).select($columns).load(conn)?
                } else {
                    let mut q = narrowed!(agreements::table.into_boxed(), filter, &roots, &inside, year, reach);
                    if !terms.is_empty() {
                        q = q.filter(search::vector_matches(&terms));
                    }
                    q.select($columns).load(conn)?
                }
            }
        }
    }};
}

/// The [`Fact`]s of every agreement the filter matches, in no order (`after` is not read).
pub fn facts(conn: &mut DbConnection, filter: &AgreementFilter) -> ApiResult<Vec<Fact>> {
    Ok(matching!(conn, filter, (agreements::id, agreements::kind, agreements::signed_on, agreements::locality_id)))
}

/// The ids of every agreement the filter matches, in the list's order (`after` is not read):
/// a whole list read at once, 16 bytes an agreement, for an export to fetch in pages by id
/// ([`super::in_order`]) instead of walking the list's query page after page.
pub fn ordered_ids(conn: &mut DbConnection, filter: &AgreementFilter) -> ApiResult<Vec<i64>> {
    let places: Vec<(i32, i64)> = matching!(conn, filter, (agreements::start_year, agreements::id));
    let mut keys: Vec<i64> = places.into_iter().map(|(year, id)| search::order_key(year, id)).collect();
    keys.sort_unstable();
    Ok(keys.into_iter().map(|key| search::place_of(key).1).collect())
}
