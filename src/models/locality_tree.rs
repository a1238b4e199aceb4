//! The locality tree, in one place: which localities lie inside one (for the `locality=` lists,
//! an agreement's derived locality and reports), and which contain one (for an editor's scope and
//! the organizations it may name). Levels strictly decrease downwards (central, province,
//! district, commune), so a chain holds at most four and no walk can loop. When localities get
//! validity dates (the 2025 restructuring), "inside, as of a date" is asked here.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};

use crate::db::schema::localities;
use crate::db::DbConnection;
use crate::models::{ancestors, Filter, Reach};

/// `<locality_sql> IN (the locality `root` and every locality inside it)`, for any table: the
/// caller gives the SQL of the locality column it filters on, and whether the database should
/// start from that column's index or test each row it meets ([`Reach`]).
pub fn inside<QS: 'static>(locality_sql: &str, root: i64, reach: Reach) -> Filter<QS> {
    // A unary plus leaves the value alone and keeps the column's index out of the plan.
    let column = match reach {
        Reach::Lookup => locality_sql.to_string(),
        Reach::Check => format!("+{locality_sql}"),
    };
    Box::new(
        sql::<Bool>(&format!("{column} IN (WITH RECURSIVE inside(id) AS (SELECT "))
            .bind::<BigInt, _>(root)
            .sql(" UNION SELECT l.id FROM localities l JOIN inside ON l.parent_id = inside.id) SELECT id FROM inside)"),
    )
}

/// The locality `root` and every locality inside it.
pub fn ids_inside(conn: &mut DbConnection, root: i64) -> QueryResult<Vec<i64>> {
    localities::table
        .filter(inside::<localities::table>("localities.id", root, crate::models::Reach::Lookup))
        .select(localities::id)
        .load(conn)
}

/// The locality `l` and every locality that contains it, `l` first.
pub fn chain_up(conn: &mut DbConnection, l: i64) -> QueryResult<Vec<i64>> {
    ancestors(l, |id| {
        localities::table
            .find(id)
            .select(localities::parent_id)
            .first::<Option<i64>>(conn)
            .optional()
            .map(Option::flatten)
    })
}

/// Whether locality `l` is `root` or lies inside it.
pub fn contains(conn: &mut DbConnection, root: i64, l: i64) -> QueryResult<bool> {
    Ok(chain_up(conn, l)?.contains(&root))
}
