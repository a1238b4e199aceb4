//! The implements graph between directives: links added and removed one at a time, the refusal
//! of a link that would close a cycle or make a chain longer than [`MAX_CHAIN`], and the tree
//! around one directive, from what it implements up to the agreements that carry it out.
//!
//! Nothing here recurses on the data: the graph is walked a layer at a time and the tree is built
//! with an explicit stack, and both stop at documented bounds. A chain as deep as an editor could
//! make would otherwise overflow a worker's stack and take the server down.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use crate::db::schema::{directive_links, directives};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::{Entity, Msg};
use crate::models::agreement::{self, AgreementSummary};
use crate::models::directive::tree::{Around, Node};
use crate::models::directive::{self, Directive};

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
    if let Some(too_long) = chain_too_long(conn, Some(id), &[target])? {
        return Err(ApiError::field("implements", too_long));
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

/// The most directives one implements chain may hold, from a document down to the last that
/// implements it through others. Real chains hold five or six (a central directive, a province's
/// circular, its plan, a district's, a commune's); a link that would make a longer one is refused.
pub const MAX_CHAIN: usize = 16;

/// Why `id` (a new directive when `None`) may not implement `targets`: the longest chain through
/// the new links would hold more than [`MAX_CHAIN`] directives.
pub fn chain_too_long(conn: &mut DbConnection, id: Option<i64>, targets: &[i64]) -> QueryResult<Option<Msg>> {
    let below = match id {
        Some(id) => longest(conn, id, false)?,
        None => 1,
    };
    let mut above = 0;
    for target in targets {
        above = above.max(longest(conn, *target, true)?);
    }
    Ok((below + above > MAX_CHAIN).then_some(Msg::ChainTooLong(MAX_CHAIN)))
}

/// How many directives the longest chain from `start` upwards (what it implements) or downwards
/// holds, `start` included. Walked a layer at a time: in a graph without cycles the number of
/// layers is the longest chain. It stops one past the bound, so that data made before the bound
/// (or damaged into a cycle) cannot make it run long.
fn longest(conn: &mut DbConnection, start: i64, upwards: bool) -> QueryResult<usize> {
    let mut layer = vec![start];
    let mut depth = 0;
    while !layer.is_empty() && depth <= MAX_CHAIN {
        depth += 1;
        let mut next: Vec<i64> = neighbours(conn, &layer, upwards)?.into_iter().map(|(_, to)| to).collect();
        next.sort_unstable();
        next.dedup();
        layer = next;
    }
    Ok(depth)
}

/// The links from each of `from` upwards or downwards, as (from, to), in id order.
fn neighbours(conn: &mut DbConnection, from: &[i64], upwards: bool) -> QueryResult<Vec<(i64, i64)>> {
    if upwards {
        directive_links::table
            .filter(directive_links::directive_id.eq_any(from))
            .select((directive_links::directive_id, directive_links::implements_id))
            .order((directive_links::directive_id, directive_links::implements_id))
            .load(conn)
    } else {
        directive_links::table
            .filter(directive_links::implements_id.eq_any(from))
            .select((directive_links::implements_id, directive_links::directive_id))
            .order((directive_links::implements_id, directive_links::directive_id))
            .load(conn)
    }
}

/// The directive `id` as the root of its tree: what it implements above it, what implements it
/// below, and the agreements under each directive below. Bounded as [`crate::models::directive::tree`] says.
pub fn tree(conn: &mut DbConnection, id: i64) -> ApiResult<Node> {
    directive::get(conn, id)?;
    let mut up: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut down: HashMap<i64, Vec<i64>> = HashMap::new();
    let above = reach(conn, id, true, &mut up)?;
    let below = reach(conn, id, false, &mut down)?;
    let all: Vec<i64> = above.iter().chain(&below).copied().collect::<HashSet<i64>>().into_iter().collect();
    let mut agreements: HashMap<i64, (Vec<AgreementSummary>, i64)> = HashMap::new();
    for (directive_id, summary, total) in agreement::referring_to(conn, &below, MAX_TREE_AGREEMENTS)? {
        let entry = agreements.entry(directive_id).or_insert_with(|| (Vec::new(), total));
        entry.0.push(summary);
    }
    let around = Around::load(conn, &all, up, down, agreements)?;
    around.tree(id).ok_or_else(|| ApiError::not_found(Entity::Directive, id))
}

/// The most agreements a tree lists under one directive; `agreements_total` counts them all, and
/// `/directives/{id}/agreements` pages through them.
pub const MAX_TREE_AGREEMENTS: i64 = 50;

/// What a directive carries out, nearest first: what it implements, then what those implement,
/// to the top of its chain, each once, with its symbol as written.
pub fn chain_above(conn: &mut DbConnection, id: i64) -> ApiResult<Vec<(i64, String)>> {
    let above = reach(conn, id, true, &mut HashMap::new())?;
    let symbols: HashMap<i64, String> = directives::table
        .filter(directives::id.eq_any(&above))
        .select((directives::id, directives::symbol))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect();
    Ok(above.into_iter().skip(1).filter_map(|d| symbols.get(&d).map(|s| (d, s.clone()))).collect())
}

/// Every directive reachable from `start` upwards (what it implements) or downwards, `start`
/// first and then layer by layer, with the edges walked recorded in `edges`, in id order.
/// Iterative, and each directive is visited once, so neither depth nor a damaged cycle makes it
/// run away.
fn reach(
    conn: &mut DbConnection,
    start: i64,
    upwards: bool,
    edges: &mut HashMap<i64, Vec<i64>>,
) -> QueryResult<Vec<i64>> {
    let mut seen = HashSet::from([start]);
    let mut order = vec![start];
    let mut frontier = vec![start];
    while !frontier.is_empty() {
        let found = neighbours(conn, &frontier, upwards)?;
        frontier.clear();
        for (from, to) in found {
            edges.entry(from).or_default().push(to);
            if seen.insert(to) {
                frontier.push(to);
                order.push(to);
            }
        }
    }
    Ok(order)
}
