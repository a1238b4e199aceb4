//! How the database means to answer a query: its plan, as lines of text, on either backend. For
//! tests and for whoever needs to see which index a question uses (`models::agreement::explain`).

use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Text, Untyped};
use diesel::{QueryResult, QueryableByName, RunQueryDsl};

use super::{DbConnection, MultiBackend};

/// `EXPLAIN QUERY PLAN <query>` on SQLite, `EXPLAIN <query>` on PostgreSQL, with the query's own
/// bound values.
struct Explained<Q>(Q);

impl<Q> QueryId for Explained<Q> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q> Query for Explained<Q> {
    type SqlType = Untyped;
}

impl<Q: QueryFragment<MultiBackend>> QueryFragment<MultiBackend> for Explained<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        match out.backend() {
            MultiBackend::Sqlite(_) => out.push_sql("EXPLAIN QUERY PLAN "),
            MultiBackend::Postgres(_) => out.push_sql("EXPLAIN "),
        }
        self.0.walk_ast(out.reborrow())
    }
}

impl<Q> RunQueryDsl<DbConnection> for Explained<Q> {}

#[derive(QueryableByName)]
struct SqliteLine {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PostgresLine {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    line: String,
}

/// The plan of `query`, a line a step.
pub fn plan<Q: QueryFragment<MultiBackend>>(conn: &mut DbConnection, query: Q) -> QueryResult<Vec<String>> {
    let explained = Explained(query);
    Ok(match conn {
        DbConnection::Sqlite(_) => explained.load::<SqliteLine>(conn)?.into_iter().map(|l| l.detail).collect(),
        DbConnection::Postgres(_) => explained.load::<PostgresLine>(conn)?.into_iter().map(|l| l.line).collect(),
    })
}
