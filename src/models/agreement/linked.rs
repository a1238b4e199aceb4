//! The lists that ask only which organizations signed and which directives are implemented (an
//! organization's agreements, two signers together, a directive's chain), read from the link
//! tables alone. Each party and each directive reference carries its agreement's place in the
//! lists' order (migration 000008, [`search::order_key`]): an organization's page is the start
//! of one index range, its count a walk of that range, and the other conditions are tests of the
//! same place in the other links' indexes. No agreement is read but the page's own.

use diesel::prelude::*;
use diesel::query_builder::BoxedSqlQuery;
use diesel::sql_types::BigInt;

use super::places::page_among;
use crate::db::{DbConnection, MultiBackend};
use crate::models::page::{Page, TOTAL_EXACT_UP_TO};
use crate::models::{directive, search};

#[derive(QueryableByName)]
struct Place {
    #[diesel(sql_type = BigInt)]
    place: i64,
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// SQL text with its parameters, numbered in the order they appear (`$1`, `$2`, …, which both
/// backends read positionally).
#[derive(Default)]
struct Text {
    sql: String,
    binds: Vec<i64>,
}

impl Text {
    fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder for `value`.
    fn bind(&mut self, value: i64) -> &mut Self {
        self.binds.push(value);
        let placeholder = format!("${}", self.binds.len());
        self.sql.push_str(&placeholder);
        self
    }

    /// Appends "`column` is one of `ids`".
    fn in_ids(&mut self, column: &str, ids: &[i64]) -> &mut Self {
        match ids {
            // A directive that is not in the registry: nothing is under it.
            [] => self.push("1 = 0"),
            [one] => self.push(column).push(" = ").bind(*one),
            _ => {
                self.push(column).push(" IN (");
                for (i, id) in ids.iter().enumerate() {
                    self.push(if i == 0 { "" } else { ", " }).bind(*id);
                }
                self.push(")")
            }
        }
    }

    fn query(&self) -> BoxedSqlQuery<'static, MultiBackend, diesel::query_builder::SqlQuery> {
        let mut q = diesel::sql_query(self.sql.clone()).into_boxed::<MultiBackend>();
        for value in &self.binds {
            q = q.bind::<BigInt, _>(*value);
        }
        q
    }
}

/// How many agreements the organization `org` signed, counted up to `limit` in its range of the
/// parties' index (no agreement is read).
pub(super) fn signed_by(conn: &mut DbConnection, org: i64, limit: i64) -> QueryResult<i64> {
    let mut text = Text::default();
    text.push("SELECT count(*) AS n FROM (SELECT 1 FROM parties WHERE organization_id = ")
        .bind(org)
        .push(" LIMIT ")
        .bind(limit)
        .push(") t");
    Ok(text.query().get_result::<Counted>(conn)?.n)
}

/// What such a list asks: agreements signed by every one of `signed_by` and under every one of
/// `directive_roots` (at least one of either).
pub(super) struct Links<'a> {
    pub signed_by: &'a [i64],
    /// Each directive asked for, with every document under it.
    chains: Vec<Vec<i64>>,
}

impl<'a> Links<'a> {
    pub(super) fn new(conn: &mut DbConnection, signed_by: &'a [i64], directive_roots: &[i64]) -> QueryResult<Self> {
        let mut chains = Vec::new();
        for root in directive_roots {
            // The chain's text places its root itself: the one parameter, $1.
            let text = Text {
                sql: format!("SELECT id AS place FROM directives WHERE {}", directive::in_chain("id", "$1")),
                binds: vec![*root],
            };
            chains.push(text.query().load::<Place>(conn)?.into_iter().map(|p| p.place).collect());
        }
        Ok(Links { signed_by, chains })
    }

    /// The ids of the page after `after`, in order, and how many match in all, counted up to
    /// one past [`TOTAL_EXACT_UP_TO`]. The first places read for the count hold most pages.
    pub(super) fn page(&self, conn: &mut DbConnection, after: Option<i64>, page: Page) -> QueryResult<(Vec<i64>, i64)> {
        let driver = self.driver(conn)?;
        let places = self.first_places(conn, driver, None, TOTAL_EXACT_UP_TO + 1)?;
        let ids = match page_among(&places, after, page) {
            Some(ids) => ids,
            None => {
                let placed = self.first_places(conn, driver, after, page.offset.saturating_add(page.limit))?;
                placed.into_iter().skip(page.offset as usize).map(|key| search::place_of(key).1).collect()
            }
        };
        Ok((ids, places.len() as i64))
    }

    /// The plan of the query that reads the first places (of the first range, for a chain).
    pub(super) fn page_plan(
        &self,
        conn: &mut DbConnection,
        after: Option<i64>,
        page: Page,
    ) -> QueryResult<Vec<String>> {
        let driver = self.driver(conn)?;
        let mut text = self.matches(driver, 0, after);
        text.push(" ORDER BY place LIMIT ").bind(page.offset.saturating_add(page.limit));
        crate::db::explain::plan(conn, text.query())
    }

    /// The first `n` places after `after`. The driver's ranges are each read in order, as far as
    /// `n`, and merged: a central directive's chain holds a third of the registry, which sorting
    /// whole would read entirely.
    fn first_places(
        &self,
        conn: &mut DbConnection,
        driver: Driver,
        after: Option<i64>,
        n: i64,
    ) -> QueryResult<Vec<i64>> {
        let ranges = match driver {
            Driver::Signer(_) => 1,
            Driver::Chain(i) => self.chains[i].len().max(1),
        };
        let mut places = Vec::new();
        for range in 0..ranges {
            let mut text = self.matches(driver, range, after);
            text.push(" ORDER BY place LIMIT ").bind(n);
            places.extend(text.query().load::<Place>(conn)?.into_iter().map(|p| p.place));
        }
        if ranges > 1 {
            // An agreement may refer to two documents of one chain: it is listed once.
            places.sort_unstable();
            places.dedup();
            places.truncate(n as usize);
        }
        Ok(places)
    }

    /// Which links are walked: the organization with the fewest agreements (its range is
    /// walked in order, the others tested), else the first directive's chain (a range for each
    /// of its documents).
    fn driver(&self, conn: &mut DbConnection) -> QueryResult<Driver> {
        if self.signed_by.len() < 2 {
            return Ok(self.signed_by.first().map_or(Driver::Chain(0), |_| Driver::Signer(0)));
        }
        let mut fewest = (i64::MAX, 0);
        for (i, org) in self.signed_by.iter().enumerate() {
            let n = signed_by(conn, *org, TOTAL_EXACT_UP_TO + 1)?;
            if n < fewest.0 {
                fewest = (n, i);
            }
        }
        Ok(Driver::Signer(fewest.1))
    }

    /// `SELECT place FROM <the driver's links> WHERE <every condition>`: for a chain, the links to
    /// its document at `range`, one range of the index.
    fn matches(&self, driver: Driver, range: usize, after: Option<i64>) -> Text {
        let mut text = Text::default();
        match driver {
            Driver::Signer(i) => {
                text.push("SELECT link.agreement_order AS place FROM parties link WHERE link.organization_id = ")
                    .bind(self.signed_by[i]);
            }
            Driver::Chain(i) => {
                let document = self.chains[i].get(range).map(std::slice::from_ref).unwrap_or_default();
                text.push("SELECT link.agreement_order AS place FROM agreement_directives link WHERE ")
                    .in_ids("link.directive_id", document);
            }
        }
        for (i, org) in self.signed_by.iter().enumerate() {
            if driver != Driver::Signer(i) {
                text.push(" AND EXISTS (SELECT 1 FROM parties p WHERE p.organization_id = ")
                    .bind(*org)
                    .push(" AND p.agreement_order = link.agreement_order)");
            }
        }
        for (i, chain) in self.chains.iter().enumerate() {
            if driver != Driver::Chain(i) {
                text.push(" AND EXISTS (SELECT 1 FROM agreement_directives ad WHERE ad.agreement_order = link.agreement_order AND ")
                    .in_ids("ad.directive_id", chain)
                    .push(")");
            }
        }
        if let Some(key) = after {
            text.push(" AND link.agreement_order > ").bind(key);
        }
        text
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Driver {
    /// The organization of `signed_by` at this index.
    Signer(usize),
    /// The directive asked for at this index, with the documents under it.
    Chain(usize),
}
