//! Paging shared by every list endpoint.

use serde::Serialize;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

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

/// `{"items": [...], "total": <all matching>, "limit": n, "offset": n}`
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

impl<T> ListPage<T> {
    pub fn new(items: Vec<T>, total: i64, page: Page) -> Self {
        ListPage { items, total, limit: page.limit, offset: page.offset }
    }

    /// Pages a list that is already whole in memory (a record's own parties, say).
    pub fn of_all(all: Vec<T>, page: Page) -> Self {
        let total = all.len() as i64;
        let items = all.into_iter().skip(page.offset as usize).take(page.limit as usize).collect();
        ListPage::new(items, total, page)
    }
}

/// One page of the boxed query `$query()` in `$order`, as rows of `$row`, with the total of all
/// it matches: the skeleton every list shares. Evaluates to `(rows, total)`, for the caller to
/// assemble; a database error returns from the calling function.
macro_rules! page_of {
    ($conn:expr, $query:expr, $order:expr, $page:expr, $row:ty) => {{
        let total: i64 = $query().count().get_result($conn)?;
        let rows: Vec<$row> =
            $query().order($order).limit($page.limit).offset($page.offset).select(<$row>::as_select()).load($conn)?;
        (rows, total)
    }};
}
pub(crate) use page_of;
