//! The one rule for an agreement's locality, and the one place that keeps it.
//!
//! An agreement's locality is its signing event's: the event's `locality_id`, else its host's
//! locality. An agreement without an event, or whose event has neither, takes its first lead
//! party's. The value is stored with the agreement (`agreements.locality_id`) and refreshed by
//! every write that can change it — an agreement's event or lead party, an event's locality or
//! host, an organization's locality — so that the `locality=` filter, the answered `locality_id`
//! and an editor's scope all read the same value. The migration that added the column fills it
//! with the same expression.

use std::collections::HashMap;

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};

use crate::db::schema::{agreements, parties, signing_events};
use crate::db::DbConnection;
use crate::models::{locality_tree, Filter, Reach};

/// [`the rule`](self) as an SQL expression over the row of `agreements` being read.
const RULE: &str = "COALESCE(\
    (SELECT COALESCE(e.locality_id, h.locality_id) FROM signing_events e \
     LEFT JOIN organizations h ON h.id = e.host_id WHERE e.id = agreements.signing_event_id), \
    (SELECT o.locality_id FROM parties p JOIN organizations o ON o.id = p.organization_id \
     WHERE p.agreement_id = agreements.id AND p.role = 'lead' ORDER BY p.seq LIMIT 1))";

/// Applies the rule to the agreements `ids` and stores it, in one statement.
pub fn refresh(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<()> {
    if !ids.is_empty() {
        diesel::update(agreements::table.filter(agreements::id.eq_any(ids)))
            .set(agreements::locality_id.eq(sql::<Nullable<BigInt>>(RULE)))
            .execute(conn)?;
    }
    Ok(())
}

/// The stored localities of the agreements `ids`.
pub fn stored(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<HashMap<i64, Option<i64>>> {
    Ok(agreements::table
        .filter(agreements::id.eq_any(ids))
        .select((agreements::id, agreements::locality_id))
        .load::<(i64, Option<i64>)>(conn)?
        .into_iter()
        .collect())
}

/// The agreements whose locality may follow the signing event `id`: those signed at it.
pub fn decided_by_event(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<i64>> {
    agreements::table.filter(agreements::signing_event_id.eq(id)).select(agreements::id).load(conn)
}

/// The agreements whose locality may follow the organization `id`: those it leads, and those
/// signed at an event it hosts.
pub fn decided_by_organization(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<i64>> {
    let mut ids: Vec<i64> = parties::table
        .filter(parties::organization_id.eq(id))
        .filter(parties::role.eq("lead"))
        .select(parties::agreement_id)
        .load(conn)?;
    ids.extend(
        agreements::table
            .inner_join(signing_events::table)
            .filter(signing_events::host_id.eq(id))
            .select(agreements::id)
            .load::<i64>(conn)?,
    );
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The agreements whose locality is `root` or lies inside it: one indexed lookup per locality,
/// or a test of each agreement met ([`Reach`]).
pub fn within<QS: 'static>(root: i64, reach: Reach) -> Filter<QS> {
    locality_tree::inside("agreements.locality_id", root, reach)
}

/// Every agreement whose stored locality is not what the rule gives now: none, unless a write
/// went around the models. For tests and checks.
pub fn out_of_date(conn: &mut DbConnection) -> QueryResult<Vec<i64>> {
    let all: Vec<(i64, Option<i64>, Option<i64>)> = agreements::table
        .select((agreements::id, agreements::locality_id, sql::<Nullable<BigInt>>(RULE)))
        .order(agreements::id)
        .load(conn)?;
    Ok(all.into_iter().filter(|(_, stored, derived)| stored != derived).map(|(id, _, _)| id).collect())
}
