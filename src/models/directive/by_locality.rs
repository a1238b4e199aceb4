//! How many agreements carry out a directive, province by province: the directive's page shows
//! where it has been taken up and where not yet.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use crate::db::DbConnection;
use crate::models::directive::in_chain;

/// A province or city (or, for `id` none, the central level and agreements with no locality)
/// and how many agreements under the directive are in it or in the localities inside it.
#[derive(Debug, QueryableByName)]
pub struct Count {
    #[diesel(sql_type = Nullable<BigInt>)]
    pub id: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub name: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub agreements: i64,
}

/// The agreements under `root` (through its chain), counted by the province or city their
/// locality lies in, most first. Localities are at most four levels deep, so the province is
/// the locality itself, its parent or its grandparent.
pub fn counted_by_province(conn: &mut DbConnection, root: i64) -> QueryResult<Vec<Count>> {
    diesel::sql_query(format!(
        "SELECT pr.id AS id, pr.name AS name, count(*) AS agreements \
         FROM agreements a \
         LEFT JOIN localities l ON l.id = a.locality_id \
         LEFT JOIN localities p ON p.id = l.parent_id \
         LEFT JOIN localities g ON g.id = p.parent_id \
         LEFT JOIN localities pr ON pr.id = CASE WHEN l.level = 'province' THEN l.id \
             WHEN p.level = 'province' THEN p.id WHEN g.level = 'province' THEN g.id END \
         WHERE a.id IN (SELECT ad.agreement_id FROM agreement_directives ad WHERE {}) \
         GROUP BY pr.id, pr.name ORDER BY count(*) DESC, pr.name",
        in_chain("ad.directive_id", "$1")
    ))
    .bind::<BigInt, _>(root)
    .load(conn)
}
