//! The word indexes behind `q=` (migration 000006), over the search text of `crate::text`:
//! agreements' in FTS5 on SQLite and a `tsvector` with a GIN index on PostgreSQL; organizations'
//! in FTS5 on SQLite (on PostgreSQL their trigram index serves, over far fewer rows). Each word
//! typed is asked for as a prefix, and quoted, so that what a user types is always words to
//! find, never the index's own operators (`AND`, `NEAR`, `*`, `"`, `-`).

use diesel::dsl::sql;
use diesel::expression::SqlLiteral;
use diesel::sql_types::{BigInt, Bool, Text};

use crate::models::Filter;

/// Ids stay below 2^44 (17.6 trillion) so that a start year fits above them in one key.
const ID_MASK: i64 = (1 << 44) - 1;
/// The latest start year the schema allows; later years give smaller keys.
const LAST_YEAR: i64 = 2100;

/// The index's key of an agreement: ascending keys are the lists' order (latest start year
/// first, then the newest registration). The migration's triggers compute the same.
pub fn order_key(start_year: i32, id: i64) -> i64 {
    ((LAST_YEAR - i64::from(start_year)) << 44) | (ID_MASK - (id & ID_MASK))
}

/// The start year and id of the agreement at the key `key` ([`order_key`]).
pub fn place_of(key: i64) -> (i32, i64) {
    ((LAST_YEAR - (key >> 44)) as i32, ID_MASK - (key & ID_MASK))
}

/// Joins an index entry to its agreement.
pub fn entry_of_agreement() -> SqlLiteral<Bool> {
    sql::<Bool>(&format!("agreements.id = {ID_MASK} - (agreements_search.rowid & {ID_MASK})"))
}

/// An FTS5 query for every term as the start of a word.
fn fts_query(terms: &[String]) -> String {
    terms.iter().map(|t| format!("\"{}\"*", t.replace('"', "\"\""))).collect::<Vec<_>>().join(" AND ")
}

/// The entries of the FTS5 table `index` holding every term as the start of a word (SQLite).
pub fn fts_matches<QS: 'static>(index: &'static str, terms: &[String]) -> Filter<QS> {
    Box::new(sql::<Bool>(&format!("{index} MATCH ")).bind::<Text, _>(fts_query(terms)))
}

/// The organizations whose names hold every term as the start of a word, from their FTS5 index
/// (SQLite), whose rowid is the organization's id.
pub fn organizations_matching<QS: 'static>(terms: &[String]) -> Filter<QS> {
    Box::new(
        sql::<Bool>("organizations.id IN (SELECT rowid FROM organizations_search WHERE organizations_search MATCH ")
            .bind::<Text, _>(fts_query(terms))
            .sql(")"),
    )
}

/// The agreements whose words include every term as the start of a word (PostgreSQL).
pub fn vector_matches<QS: 'static>(terms: &[String]) -> Filter<QS> {
    let quoted = |t: &String| format!("'{}':*", t.replace('\\', "\\\\").replace('\'', "''"));
    let query = terms.iter().map(quoted).collect::<Vec<_>>().join(" & ");
    Box::new(sql::<Bool>("agreements.search_vector @@ to_tsquery('simple', ").bind::<Text, _>(query).sql(")"))
}

/// Index entries after the key `key` (SQLite's resumed pages).
pub fn entries_after<QS: 'static>(key: i64) -> Filter<QS> {
    Box::new(sql::<Bool>("agreements_search.rowid > ").bind::<BigInt, _>(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_as_the_list_does() {
        let mut listed = vec![(2024, 7), (2026, 3), (2024, 9), (1945, 1), (2100, 1 << 40)];
        listed.sort_by_key(|&(year, id)| order_key(year, id));
        assert_eq!(listed, vec![(2100, 1 << 40), (2026, 3), (2024, 9), (2024, 7), (1945, 1)]);
        assert!(order_key(1945, 1) < i64::MAX / 2, "keys stay well inside SQLite's integers");
        for (year, id) in listed {
            assert_eq!(place_of(order_key(year, id)), (year, id));
        }
    }
}
