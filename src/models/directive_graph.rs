//! The implements graph between directives: links added and removed one at a time, the refusal
//! of a link that would close a cycle, and the tree around one directive, from what it implements
//! up to the agreements that carry it out.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{directive_links, directives};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::{Entity, Msg};
use crate::models::agreement::{self, AgreementSummary};
use crate::models::directive::{self, Directive};
use crate::models::enums::DirectiveKind;

/// Makes `id` implement `target`; adding a link that exists changes nothing.
pub fn link(conn: &mut DbConnection, id: i64, target: i64) -> ApiResult<Directive> {
    directive::get(conn, id)?;
    if target == id {
        return Err(ApiError::field("implements", Msg::SelfReference));
    }
    if !directive::missing(conn, &[target])?.is_empty() {
        return Err(ApiError::not_found(Entity::Directive, target));
    }
    if let Some(cycle) = cycle_through(conn, id, target)? {
        return Err(ApiError::field("implements", cycle));
    }
    let exists = directive_links::table.find((id, target)).count().get_result::<i64>(conn)? > 0;
    if !exists {
        diesel::insert_into(directive_links::table)
            .values((directive_links::directive_id.eq(id), directive_links::implements_id.eq(target)))
            .execute(conn)?;
    }
    directive::get(conn, id)
}

/// Makes `id` no longer implement `target`.
pub fn unlink(conn: &mut DbConnection, id: i64, target: i64) -> ApiResult<()> {
    directive::get(conn, id)?;
    let removed = diesel::delete(directive_links::table.find((id, target))).execute(conn)?;
    if removed == 0 {
        return Err(ApiError::new(rocket::http::Status::NotFound, Msg::NoSuchLink(id, target)));
    }
    Ok(())
}

/// Why `id` may not implement `target`: `target` already implements `id`, directly or through a
/// chain. The message shows the cycle the link would close, by symbol.
pub fn cycle_through(conn: &mut DbConnection, id: i64, target: i64) -> QueryResult<Option<Msg>> {
    let Some(chain) = chain_up(conn, target, id)? else { return Ok(None) };
    let path: Vec<i64> = std::iter::once(id).chain(chain).collect();
    let symbols: HashMap<i64, String> = directives::table
        .filter(directives::id.eq_any(&path))
        .select((directives::id, directives::symbol))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    Ok(Some(Msg::DirectiveCycle(
        path.iter().map(|d| symbols.get(d).cloned().unwrap_or_else(|| d.to_string())).collect(),
    )))
}

/// The chain `[from, …, to]` by which `from` implements `to`, if it does; the shortest.
fn chain_up(conn: &mut DbConnection, from: i64, to: i64) -> QueryResult<Option<Vec<i64>>> {
    let mut up = HashMap::new();
    if !reach(conn, from, true, &mut up)?.contains(&to) {
        return Ok(None);
    }
    // Breadth first over the links just loaded, remembering where each directive was reached from.
    let mut came_from: HashMap<i64, i64> = HashMap::new();
    let mut frontier = vec![from];
    while !frontier.contains(&to) {
        if frontier.is_empty() {
            return Ok(None);
        }
        let mut next = Vec::new();
        for lower in frontier {
            for upper in up.get(&lower).into_iter().flatten() {
                if *upper != from && !came_from.contains_key(upper) {
                    came_from.insert(*upper, lower);
                    next.push(*upper);
                }
            }
        }
        frontier = next;
    }
    let mut chain = vec![to];
    while let Some(lower) = came_from.get(chain.last().expect("never empty")) {
        chain.push(*lower);
    }
    chain.reverse();
    Ok(Some(chain))
}

/// One directive in a tree. Upwards a node lists what it implements; downwards, what implements
/// it and the agreements that refer to it. A directive met again in the same direction (two
/// paths to one document) is shown once in full and then as `repeated`, without its branches.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Node {
    pub id: i64,
    pub symbol: String,
    pub canonical_symbol: String,
    pub kind: DirectiveKind,
    pub title: Option<String>,
    pub issued_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub implements: Option<Vec<Node>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub implemented_by: Option<Vec<Node>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreements: Option<Vec<AgreementSummary>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeated: bool,
}

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = directives)]
struct NodeRow {
    id: i64,
    symbol: String,
    canonical_symbol: String,
    kind: String,
    title: Option<String>,
    issued_on: Option<NaiveDate>,
}

/// The graph around one directive, loaded in a few queries and then walked in memory.
struct Around {
    nodes: HashMap<i64, NodeRow>,
    up: HashMap<i64, Vec<i64>>,
    down: HashMap<i64, Vec<i64>>,
    agreements: HashMap<i64, Vec<AgreementSummary>>,
}

pub fn tree(conn: &mut DbConnection, id: i64) -> ApiResult<Node> {
    directive::get(conn, id)?;
    let mut up: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut down: HashMap<i64, Vec<i64>> = HashMap::new();
    let above = reach(conn, id, true, &mut up)?;
    let below = reach(conn, id, false, &mut down)?;
    let all: Vec<i64> = above.union(&below).copied().collect();
    let nodes = directives::table
        .filter(directives::id.eq_any(&all))
        .select(NodeRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|n| (n.id, n))
        .collect();
    let below: Vec<i64> = below.into_iter().collect();
    let mut agreements: HashMap<i64, Vec<AgreementSummary>> = HashMap::new();
    for (directive_id, summary) in agreement::referring_to(conn, &below)? {
        agreements.entry(directive_id).or_default().push(summary);
    }
    let around = Around { nodes, up, down, agreements };
    let gone = || ApiError::not_found(Entity::Directive, id);
    let mut root = around.node(id, true, &mut HashSet::new()).ok_or_else(gone)?;
    let below = around.node(id, false, &mut HashSet::new()).ok_or_else(gone)?;
    (root.implemented_by, root.agreements) = (below.implemented_by, below.agreements);
    Ok(root)
}

/// Every directive reachable from `start` upwards (what it implements) or downwards, `start`
/// included, with the edges walked recorded in `edges`, in id order.
fn reach(
    conn: &mut DbConnection,
    start: i64,
    upwards: bool,
    edges: &mut HashMap<i64, Vec<i64>>,
) -> QueryResult<HashSet<i64>> {
    let mut seen = HashSet::from([start]);
    let mut frontier = vec![start];
    while !frontier.is_empty() {
        let found: Vec<(i64, i64)> = if upwards {
            directive_links::table
                .filter(directive_links::directive_id.eq_any(&frontier))
                .select((directive_links::directive_id, directive_links::implements_id))
                .order((directive_links::directive_id, directive_links::implements_id))
                .load(conn)?
        } else {
            directive_links::table
                .filter(directive_links::implements_id.eq_any(&frontier))
                .select((directive_links::implements_id, directive_links::directive_id))
                .order((directive_links::implements_id, directive_links::directive_id))
                .load(conn)?
        };
        frontier.clear();
        for (from, to) in found {
            edges.entry(from).or_default().push(to);
            if seen.insert(to) {
                frontier.push(to);
            }
        }
    }
    Ok(seen)
}

impl Around {
    /// The node for `id` with its branches in one direction; `None` for a directive deleted
    /// between the queries, which is left out rather than failing the answer.
    fn node(&self, id: i64, upwards: bool, shown: &mut HashSet<i64>) -> Option<Node> {
        let row = self.nodes.get(&id)?.clone();
        let mut node = Node {
            id,
            symbol: row.symbol,
            canonical_symbol: row.canonical_symbol,
            kind: DirectiveKind::parse(&row.kind).unwrap_or(DirectiveKind::Other),
            title: row.title,
            issued_on: row.issued_on,
            implements: None,
            implemented_by: None,
            agreements: None,
            repeated: false,
        };
        if !shown.insert(id) {
            node.repeated = true;
            return Some(node);
        }
        let edges = if upwards { &self.up } else { &self.down };
        let branches: Vec<Node> =
            edges.get(&id).into_iter().flatten().filter_map(|next| self.node(*next, upwards, shown)).collect();
        if upwards {
            node.implements = Some(branches);
        } else {
            node.implemented_by = Some(branches);
            node.agreements = Some(self.agreements.get(&id).cloned().unwrap_or_default());
        }
        Some(node)
    }
}
