//! Paging shared by every list endpoint.

use serde::Serialize;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;
/// Up to this many, a list's `total` is exact; past it, counting would read every match of a
/// question that matches hundreds of thousands, and the answer says `total_is_lower_bound`.
pub const TOTAL_EXACT_UP_TO: i64 = 1_000;

#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub limit: i64,
    pub offset: i64,
}

impl Default for Page {
    fn default() -> Self {
        Page { limit: DEFAULT_LIMIT, offset: 0 }
    }
}

/// `{"items": [...], "total": <all matching, up to TOTAL_EXACT_UP_TO>, "total_is_lower_bound":
/// <whether there are more>, "limit": n, "offset": n}`, and for lists that can resume from a
/// place, `next_after`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    /// How many match: exact up to 1,000; past that, 1,000 and `total_is_lower_bound`.
    pub total: i64,
    /// Whether more than `total` match.
    pub total_is_lower_bound: bool,
    pub limit: i64,
    pub offset: i64,
    /// The `after=` that asks for the next page, on a full page of a list that takes `after`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_after: Option<String>,
}

impl<T> ListPage<T> {
    /// A page of a list whose matches were counted up to one past [`TOTAL_EXACT_UP_TO`].
    pub fn new(items: Vec<T>, counted: i64, page: Page) -> Self {
        ListPage {
            items,
            total: counted.min(TOTAL_EXACT_UP_TO),
            total_is_lower_bound: counted > TOTAL_EXACT_UP_TO,
            limit: page.limit,
            offset: page.offset,
            next_after: None,
        }
    }

    /// Pages a list that is already whole in memory (a record's own parties, say).
    /// The same page with each item made into another (as a face shows it).
    pub fn map<U>(self, item: impl FnMut(T) -> U) -> ListPage<U> {
        ListPage {
            items: self.items.into_iter().map(item).collect(),
            total: self.total,
            total_is_lower_bound: self.total_is_lower_bound,
            limit: self.limit,
            offset: self.offset,
            next_after: self.next_after,
        }
    }

    pub fn of_all(all: Vec<T>, page: Page) -> Self {
        let total = all.len() as i64;
        let items = all.into_iter().skip(page.offset as usize).take(page.limit as usize).collect();
        ListPage::new(items, total, page)
    }
}

/// One page of the boxed query `$query()` in `$order`, as rows of `$row`, with its matches
/// counted up to one past [`TOTAL_EXACT_UP_TO`]: the skeleton every list shares. Evaluates to
/// `(rows, counted)`, for the caller to assemble; a database error returns from the calling
/// function.
macro_rules! page_of {
    ($conn:expr, $query:expr, $order:expr, $page:expr, $row:ty) => {{
        let counted = $crate::models::page::count_of!($conn, $query);
        ($crate::models::page::rows_of!($conn, $query, $order, $page, $row), counted)
    }};
}
pub(crate) use page_of;

/// The rows of `$row` on one page of the boxed query `$query()` in `$order` (for a list that
/// counts its matches its own way).
macro_rules! rows_of {
    ($conn:expr, $query:expr, $order:expr, $page:expr, $row:ty) => {{
        let rows: Vec<$row> =
            $query().order($order).limit($page.limit).offset($page.offset).select(<$row>::as_select()).load($conn)?;
        rows
    }};
}
pub(crate) use rows_of;

/// How many rows the boxed query `$query()` matches, counted up to one past [`TOTAL_EXACT_UP_TO`].
macro_rules! count_of {
    ($conn:expr, $query:expr) => {
        $query()
            .select(diesel::dsl::sql::<diesel::sql_types::Integer>("1"))
            .limit($crate::models::page::TOTAL_EXACT_UP_TO + 1)
            .load::<i32>($conn)?
            .len() as i64
    };
}
pub(crate) use count_of;
