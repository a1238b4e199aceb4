//! Where an agreement stands in the lists' order, and the pages cut from it: the key of
//! [`search::order_key`] (latest start year first, then the newest), which the word index and
//! the links carry, and the `after=` a resumed page starts from.

use std::collections::HashMap;

use diesel::prelude::*;

use super::Row;
use crate::db::schema::agreements;
use crate::db::DbConnection;
use crate::models::page::{Page, TOTAL_EXACT_UP_TO};
use crate::models::search;

/// Where a resumed page starts: after the agreement of this start year and id, in the lists'
/// order. Written `<start_year>.<id>` (the `next_after` of the page before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    pub start_year: i32,
    pub id: i64,
}

impl After {
    pub fn parse(text: &str) -> Option<After> {
        let (year, id) = text.trim().split_once('.')?;
        let (start_year, id) = (year.parse().ok()?, id.parse().ok()?);
        (1945..=2100).contains(&start_year).then_some(After { start_year, id })
    }
}

impl std::fmt::Display for After {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.start_year, self.id)
    }
}

/// The ids of the page, when it lies among `places`: the first keys of a list in its order (see
/// [`search::order_key`]), as many as a count reads (one past [`TOTAL_EXACT_UP_TO`]). None when
/// the page reaches past them, to be read from where it starts.
pub(super) fn page_among(places: &[i64], after: Option<i64>, page: Page) -> Option<Vec<i64>> {
    let whole = places.len() as i64 <= TOTAL_EXACT_UP_TO;
    let start = after.map_or(0, |key| places.partition_point(|p| *p <= key)) as i64;
    let end = start.saturating_add(page.offset).saturating_add(page.limit);
    (whole || end <= places.len() as i64).then(|| {
        let taken = places.iter().skip((start + page.offset) as usize).take(page.limit as usize);
        taken.map(|key| search::place_of(*key).1).collect()
    })
}

/// The agreements of `ids`, in that order.
pub(super) fn rows_in_order(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<Row>> {
    let mut rows: Vec<Row> =
        agreements::table.filter(agreements::id.eq_any(ids)).select(Row::as_select()).load(conn)?;
    let place: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    rows.sort_by_key(|r| place.get(&r.id).copied().unwrap_or(usize::MAX));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys of agreements 1..=n of one start year, in the list's order (newest first).
    fn places(n: i64) -> Vec<i64> {
        (1..=n).rev().map(|id| search::order_key(2024, id)).collect()
    }

    #[test]
    fn a_page_among_the_first_places_is_cut_from_them() {
        let page = |offset, limit| Page { offset, limit };
        assert_eq!(page_among(&places(5), None, page(1, 2)), Some(vec![4, 3]));
        assert_eq!(page_among(&places(5), None, page(4, 20)), Some(vec![1]), "the whole list was read");
        assert_eq!(page_among(&places(5), None, page(9, 20)), Some(vec![]));
        let after = Some(search::order_key(2024, 3));
        assert_eq!(page_among(&places(5), after, page(0, 20)), Some(vec![2, 1]));
        let read = places(TOTAL_EXACT_UP_TO + 1);
        assert_eq!(page_among(&read, None, page(0, 2)), Some(vec![1001, 1000]));
        assert_eq!(page_among(&read, None, page(1000, 20)), None, "past what was read: read from where it starts");
        assert_eq!(page_among(&read, Some(search::order_key(2024, 2)), page(0, 20)), None);
    }
}
