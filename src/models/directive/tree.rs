//! The tree around one directive as answered: nodes built with an explicit stack, never by
//! recursion, and bounded. A branch deeper than [`MAX_CHAIN`] levels is cut and its node marked
//! `truncated`; so is a node whose branches would take the answer past [`MAX_TREE_DIRECTIVES`]
//! nodes. Each node lists at most [`MAX_TREE_AGREEMENTS`] agreements, with `agreements_total`
//! counting them all.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::directives;
use crate::db::DbConnection;
use crate::models::agreement::AgreementSummary;
pub use crate::models::directive::graph::{MAX_CHAIN, MAX_TREE_AGREEMENTS};
use crate::models::enums::DirectiveKind;

/// The most directives one tree answer holds, in both directions together.
pub const MAX_TREE_DIRECTIVES: usize = 1000;

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
    /// At most [`MAX_TREE_AGREEMENTS`], newest period first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreements: Option<Vec<AgreementSummary>>,
    /// How many agreements refer to the directive, listed or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreements_total: Option<i64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub repeated: bool,
    /// Branches were left out: the tree is deeper than a chain may be, or larger than an answer
    /// shows. `/directives/{id}/tree` of this node shows on from it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
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
pub struct Around {
    nodes: HashMap<i64, NodeRow>,
    up: HashMap<i64, Vec<i64>>,
    down: HashMap<i64, Vec<i64>>,
    /// Per directive, the agreements listed and how many there are in all.
    agreements: HashMap<i64, (Vec<AgreementSummary>, i64)>,
}

/// A node whose branches are still being built, on the explicit stack.
struct Frame {
    node: Node,
    depth: usize,
    /// The ids still to visit, last first.
    pending: Vec<i64>,
    branches: Vec<Node>,
}

impl Around {
    pub fn load(
        conn: &mut DbConnection,
        ids: &[i64],
        up: HashMap<i64, Vec<i64>>,
        down: HashMap<i64, Vec<i64>>,
        agreements: HashMap<i64, (Vec<AgreementSummary>, i64)>,
    ) -> QueryResult<Around> {
        let nodes = directives::table
            .filter(directives::id.eq_any(ids))
            .select(NodeRow::as_select())
            .load(conn)?
            .into_iter()
            .map(|n| (n.id, n))
            .collect();
        Ok(Around { nodes, up, down, agreements })
    }

    /// The tree with `id` at its root: upwards and downwards from it. `None` when `id` was
    /// deleted between the queries.
    pub fn tree(&self, id: i64) -> Option<Node> {
        // The root is one node, shown in both directions.
        let mut budget = MAX_TREE_DIRECTIVES - 1;
        let mut root = self.walk(id, true, &mut budget)?;
        let below = self.walk(id, false, &mut budget)?;
        (root.implemented_by, root.agreements, root.agreements_total) =
            (below.implemented_by, below.agreements, below.agreements_total);
        root.truncated |= below.truncated;
        Some(root)
    }

    fn leaf(&self, id: i64) -> Option<Node> {
        let row = self.nodes.get(&id)?.clone();
        Some(Node {
            id,
            symbol: row.symbol,
            canonical_symbol: row.canonical_symbol,
            kind: DirectiveKind::parse(&row.kind).unwrap_or(DirectiveKind::Other),
            title: row.title,
            issued_on: row.issued_on,
            implements: None,
            implemented_by: None,
            agreements: None,
            agreements_total: None,
            repeated: false,
            truncated: false,
        })
    }

    /// The node for `id` with its branches in one direction, depth first in id order, as a
    /// recursive walk would give it but on a stack of its own. A directive deleted between the
    /// queries is left out rather than failing the answer.
    fn walk(&self, id: i64, upwards: bool, budget: &mut usize) -> Option<Node> {
        let mut shown = HashSet::new();
        let mut stack = vec![self.open(self.leaf(id)?, 1, upwards, &mut shown)];
        loop {
            let top = stack.last_mut().expect("a frame until the root is closed");
            if let Some(next) = top.pending.pop() {
                if *budget == 0 {
                    top.node.truncated = true;
                    top.pending.clear();
                    continue;
                }
                let depth = top.depth + 1;
                let Some(mut node) = self.leaf(next) else { continue };
                *budget -= 1;
                if shown.contains(&next) {
                    node.repeated = true;
                    top.branches.push(node);
                } else if depth > MAX_CHAIN {
                    node.truncated = true;
                    top.branches.push(node);
                } else {
                    let frame = self.open(node, depth, upwards, &mut shown);
                    stack.push(frame);
                }
                continue;
            }
            let done = stack.pop().expect("the frame just looked at");
            let node = self.close(done, upwards);
            match stack.last_mut() {
                Some(parent) => parent.branches.push(node),
                None => return Some(node),
            }
        }
    }

    /// Starts the frame of a node shown with its branches.
    fn open(&self, node: Node, depth: usize, upwards: bool, shown: &mut HashSet<i64>) -> Frame {
        shown.insert(node.id);
        let edges = if upwards { &self.up } else { &self.down };
        let mut pending = edges.get(&node.id).cloned().unwrap_or_default();
        pending.reverse();
        Frame { node, depth, pending, branches: Vec::new() }
    }

    fn close(&self, frame: Frame, upwards: bool) -> Node {
        let mut node = frame.node;
        if upwards {
            node.implements = Some(frame.branches);
        } else {
            node.implemented_by = Some(frame.branches);
            let (listed, total) = self.agreements.get(&node.id).cloned().unwrap_or_default();
            node.agreements = Some(listed);
            node.agreements_total = Some(total);
        }
        node
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> NodeRow {
        NodeRow {
            id,
            symbol: format!("{id}/KH"),
            canonical_symbol: format!("{id}/KH"),
            kind: "plan".into(),
            title: None,
            issued_on: None,
        }
    }

    /// A graph as a registry older than the bound, or a damaged one, could hold.
    fn around(links: &[(i64, i64)]) -> Around {
        let (mut up, mut down) = (HashMap::<i64, Vec<i64>>::new(), HashMap::<i64, Vec<i64>>::new());
        let mut nodes = HashMap::new();
        for &(from, to) in links {
            up.entry(from).or_default().push(to);
            down.entry(to).or_default().push(from);
            nodes.insert(from, row(from));
            nodes.insert(to, row(to));
        }
        Around { nodes, up, down, agreements: HashMap::new() }
    }

    fn depth(mut node: &Node, upwards: bool) -> usize {
        let mut levels = 1;
        while let Some(next) =
            if upwards { &node.implements } else { &node.implemented_by }.as_ref().and_then(|b| b.first())
        {
            node = next;
            levels += 1;
        }
        levels
    }

    #[test]
    fn a_chain_of_a_hundred_thousand_is_cut_at_the_bound_without_recursion() {
        let links: Vec<(i64, i64)> = (1..100_000).map(|i| (i + 1, i)).collect();
        let graph = around(&links);
        let tree = graph.tree(1).expect("the root exists");
        assert_eq!(depth(&tree, false), MAX_CHAIN + 1, "the cut node is shown, marked");
        let mut node = &tree;
        while let Some(next) = node.implemented_by.as_ref().and_then(|b| b.first()) {
            node = next;
        }
        assert!(node.truncated && node.implemented_by.is_none());
        let from_bottom = graph.tree(100_000).expect("the root exists");
        assert_eq!(depth(&from_bottom, true), MAX_CHAIN + 1);
    }

    #[test]
    fn a_cycle_in_damaged_data_ends() {
        let graph = around(&[(1, 2), (2, 3), (3, 1)]);
        let tree = graph.tree(1).expect("the root exists");
        assert!(
            tree.implements.as_ref().unwrap()[0].implements.as_ref().unwrap()[0].implements.as_ref().unwrap()[0]
                .repeated
        );
    }

    #[test]
    fn a_wide_tree_stops_at_the_answer_bound() {
        let links: Vec<(i64, i64)> = (2..5_000).map(|i| (i, 1)).collect();
        let tree = around(&links).tree(1).expect("the root exists");
        let below = tree.implemented_by.as_ref().unwrap();
        assert_eq!(below.len(), MAX_TREE_DIRECTIVES - 1);
        assert!(tree.truncated);
    }
}
