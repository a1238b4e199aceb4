//! The officials' questions over agreements: the filtered list.

use chrono::NaiveDate;
use diesel::dsl::exists;
use diesel::prelude::*;

use super::linked::{self, Links};
use super::places::{page_among, rows_in_order, After};
use super::{assemble, Agreement, Row};
use crate::db::explain::plan;
use crate::db::schema::{agreements, agreements_search, organizations, parties};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::Msg;
use crate::models::enums::{AgreementKind, AgreementStatus, OrganizationKind};
use crate::models::page::{count_of, ListPage, Page, TOTAL_EXACT_UP_TO};
use crate::models::{agreement_locality, directive, locality_tree, search, this_year, Reach};
use crate::text;

/// A `directive=` filter: an id, or a symbol as written.
#[derive(Debug, Clone)]
pub enum DirectiveRef {
    Id(i64),
    Symbol(String),
}

#[derive(Debug, Default, Clone)]
pub struct AgreementFilter {
    /// Agreements signed by all of these organizations.
    pub signed_by: Vec<i64>,
    /// Agreements with a party of any of these kinds.
    pub party_kind: Vec<OrganizationKind>,
    pub kind: Option<AgreementKind>,
    /// Agreements under every one of these directives, through their implements chains.
    pub directives: Vec<DirectiveRef>,
    pub active_in: Option<i32>,
    pub locality: Option<i64>,
    pub q: Option<String>,
    pub signed_from: Option<NaiveDate>,
    pub signed_to: Option<NaiveDate>,
    pub status: Option<AgreementStatus>,
    pub signing_event_id: Option<i64>,
    /// Resume after this place in the list's order (keyset paging).
    pub after: Option<After>,
}

/// How each of a list's conditions over other tables is put ([`Reach`]).
#[derive(Debug, Clone, Copy)]
struct Reaches {
    signed_by: Reach,
    party_kind: Reach,
    directive: Reach,
    locality: Reach,
}

impl Reaches {
    const LOOKUP: Reaches = Reaches {
        signed_by: Reach::Lookup,
        party_kind: Reach::Lookup,
        directive: Reach::Lookup,
        locality: Reach::Lookup,
    };
    const CHECK: Reaches =
        Reaches { signed_by: Reach::Check, party_kind: Reach::Check, directive: Reach::Check, locality: Reach::Check };

    /// For a list's matches on SQLite: an organization's or a directive's agreements are looked
    /// up when that one condition picks out few (counted in its own covering index), and tested
    /// one by one when it picks out many. Gathering n of N agreements costs about n; walking
    /// the order to find the thousand a count needs costs about 1,000 × N / n; they cross at
    /// n = √(1,000 × N). A locality is always looked up: its index holds the years too, so
    /// counting in it reads no agreement. A kind of party picks out many by nature.
    fn for_counting(conn: &mut DbConnection, filter: &AgreementFilter, directive_roots: &[i64]) -> QueryResult<Self> {
        let all: i64 =
            agreements::table.select(diesel::dsl::max(agreements::id)).first::<Option<i64>>(conn)?.unwrap_or(0);
        let crossing = ((TOTAL_EXACT_UP_TO as f64) * (all as f64)).sqrt() as i64;
        let few = |n: i64| if n <= crossing { Reach::Lookup } else { Reach::Check };
        let mut signed_by = Reach::Check;
        for org in &filter.signed_by {
            if few(linked::signed_by(conn, *org, crossing + 1)?) == Reach::Lookup {
                signed_by = Reach::Lookup;
            }
        }
        let mut directive = Reach::Check;
        for root in directive_roots {
            if few(directive::links_under(conn, *root, crossing + 1)?) == Reach::Lookup {
                directive = Reach::Lookup;
            }
        }
        Ok(Reaches { signed_by, party_kind: Reach::Check, directive, locality: Reach::Lookup })
    }
}

impl AgreementFilter {
    /// Whether the filter has a condition only an agreement's own row can answer (its kind,
    /// period, locality, dates, status, event, or a kind of party).
    fn asks_the_row(&self) -> bool {
        let AgreementFilter {
            signed_by: _,
            party_kind,
            kind,
            directives: _,
            active_in,
            locality,
            q: _,
            signed_from,
            signed_to,
            status,
            signing_event_id,
            after: _,
        } = self;
        !party_kind.is_empty()
            || kind.is_some()
            || active_in.is_some()
            || locality.is_some()
            || signed_from.is_some()
            || signed_to.is_some()
            || status.is_some()
            || signing_event_id.is_some()
    }

    /// Whether the filter asks for nothing but words (`q`), where ever it resumes.
    fn is_only_a_search(&self) -> bool {
        !self.asks_the_row() && self.signed_by.is_empty() && self.directives.is_empty()
    }

    /// Whether the filter asks, besides words, only who signed and what is implemented
    /// ([`super::linked`], when there are no words).
    fn is_only_links(&self) -> bool {
        !self.asks_the_row() && (!self.signed_by.is_empty() || !self.directives.is_empty())
    }
}

/// The filters of an [`AgreementFilter`] but `q` and `after`, on the boxed query `$base` over
/// agreements or over agreements joined to their search index (the two ways a list is read),
/// each put as `$reach` ([`Reaches`]) says.
macro_rules! narrowed {
    ($base:expr, $filter:expr, $directive_roots:expr, $inside:expr, $year:expr, $reach:expr) => {{
        let (filter, year, reach) = ($filter, $year, $reach);
        let mut q = $base;
        for org in &filter.signed_by {
            let signed = parties::table.filter(parties::organization_id.eq(*org));
            q = match reach.signed_by {
                Reach::Lookup => q.filter(agreements::id.eq_any(signed.select(parties::agreement_id))),
                Reach::Check => q.filter(exists(signed.filter(parties::agreement_id.eq(agreements::id)))),
            };
        }
        if !filter.party_kind.is_empty() {
            let kinds: Vec<&str> = filter.party_kind.iter().map(|k| k.as_str()).collect();
            let of_kind = parties::table.inner_join(organizations::table).filter(organizations::kind.eq_any(kinds));
            q = match reach.party_kind {
                Reach::Lookup => q.filter(agreements::id.eq_any(of_kind.select(parties::agreement_id))),
                Reach::Check => q.filter(exists(of_kind.filter(parties::agreement_id.eq(agreements::id)))),
            };
        }
        if let Some(kind) = filter.kind {
            q = q.filter(agreements::kind.eq(kind.as_str()));
        }
        for root in $directive_roots {
            q = q.filter(directive::agreements_under(*root, reach.directive));
        }
        if let Some(y) = filter.active_in {
            q = q.filter(agreements::start_year.le(y)).filter(agreements::end_year.ge(y));
        }
        if let Some((root, inside)) = $inside {
            q = match reach.locality {
                // The localities as values: both planners then know how many agreements each holds.
                Reach::Lookup => q.filter(agreements::locality_id.assume_not_null().eq_any(inside.to_vec())),
                Reach::Check => q.filter(agreement_locality::within(*root, Reach::Check)),
            };
        }
        if let Some(from) = filter.signed_from {
            q = q.filter(agreements::signed_on.ge(from));
        }
        if let Some(to) = filter.signed_to {
            q = q.filter(agreements::signed_on.le(to));
        }
        if let Some(event) = filter.signing_event_id {
            q = q.filter(agreements::signing_event_id.eq(event));
        }
        let undecided = agreements::status_override.is_null();
        match filter.status {
            None => q,
            Some(s) if s.is_decided() => q.filter(agreements::status_override.eq(s.as_str())),
            Some(AgreementStatus::Upcoming) => q.filter(undecided).filter(agreements::start_year.gt(year)),
            Some(AgreementStatus::Expired) => q.filter(undecided).filter(agreements::end_year.lt(year)),
            Some(_) => {
                q.filter(undecided).filter(agreements::start_year.le(year)).filter(agreements::end_year.ge(year))
            }
        }
    }};
}

/// Ordered by period (latest start first), then newest registration first. A search (`q`) is
/// answered from the word index: on SQLite the index hands out matches in this order, so a page
/// reads its own matches and stops; on PostgreSQL the planner chooses between the GIN index and
/// the order index.
pub fn list(conn: &mut DbConnection, filter: &AgreementFilter, page: Page) -> ApiResult<ListPage<Agreement>> {
    let (rows, counted) = match read(conn, filter, page, false)? {
        Read::Page(rows, counted) => (rows, counted),
        Read::Plan(_) => (Vec::new(), 0), // asked for only by `explain`
    };
    let next_after = (rows.len() as i64 == page.limit)
        .then(|| rows.last().map(|r| After { start_year: r.start_year, id: r.id }.to_string()))
        .flatten();
    let mut listed = ListPage::new(assemble(conn, rows)?, counted, page);
    listed.next_after = next_after;
    Ok(listed)
}

/// How the database means to answer [`list`]'s page: its plan, a line a step (tests show with it
/// that a search and a locality are read from their indexes).
pub fn explain(conn: &mut DbConnection, filter: &AgreementFilter, page: Page) -> ApiResult<Vec<String>> {
    match read(conn, filter, page, true)? {
        Read::Plan(lines) => Ok(lines),
        Read::Page(..) => Ok(Vec::new()),
    }
}

enum Read {
    /// A page's rows and its matches, counted up to one past [`TOTAL_EXACT_UP_TO`].
    Page(Vec<Row>, i64),
    Plan(Vec<String>),
}

/// The directives the filter names, by id; None when a symbol names no registered directive (so
/// nothing matches). A symbol that cannot be read, or names several, is refused naming
/// `directive`.
fn directive_roots(conn: &mut DbConnection, filter: &AgreementFilter) -> ApiResult<Option<Vec<i64>>> {
    let mut roots = Vec::new();
    for wanted in &filter.directives {
        roots.push(match wanted {
            DirectiveRef::Id(id) => *id,
            DirectiveRef::Symbol(symbol) => {
                let found = directive::resolve(conn, symbol)?
                    .map_err(|why| ApiError::bad_param("directive", Msg::BadSymbol(why)))?;
                if found.is_empty() {
                    return Ok(None);
                }
                directive::single_match(symbol, &found).map_err(|msg| ApiError::field("directive", msg))?
            }
        });
    }
    Ok(Some(roots))
}

mod whole;
pub use whole::{facts, ordered_ids, Fact};

/// The page of `list`, or with `explain`, the plan of its query.
fn read(conn: &mut DbConnection, filter: &AgreementFilter, page: Page, explain: bool) -> ApiResult<Read> {
    let Some(directive_roots) = directive_roots(conn, filter)? else { return Ok(Read::Page(Vec::new(), 0)) };
    let inside = match filter.locality {
        Some(root) => Some((root, locality_tree::ids_inside(conn, root)?)),
        None => None,
    };
    let year = this_year();
    let terms = filter.q.as_deref().map(text::search_terms).unwrap_or_default();
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    // `after` places the page, not the list: the total counts the whole list.
    let after = filter.after.map(|a| search::order_key(a.start_year, a.id));
    if terms.is_empty() && filter.is_only_links() {
        let links = Links::new(conn, &filter.signed_by, &directive_roots)?;
        if explain {
            return Ok(Read::Plan(links.page_plan(conn, after, page)?));
        }
        let (ids, counted) = links.page(conn, after, page)?;
        return Ok(Read::Page(rows_in_order(conn, &ids)?, counted));
    }
    if !terms.is_empty() && sqlite {
        // The index hands out matches in the list's order: every other condition is a test of
        // the agreement each match is.
        let query = |resume: bool| {
            let indexed = agreements_search::table
                .inner_join(agreements::table.on(search::entry_of_agreement()))
                .into_boxed()
                .filter(search::fts_matches("agreements_search", &terms));
            let q = narrowed!(indexed, filter, &directive_roots, &inside, year, Reaches::CHECK);
            match after.filter(|_| resume) {
                Some(key) => q.filter(search::entries_after(key)),
                None => q,
            }
        };
        // The first places of the list (keys of the index) serve the count and, mostly, the page.
        let first = TOTAL_EXACT_UP_TO + 1;
        let places: Vec<i64> = if filter.is_only_a_search() {
            let words = search::fts_matches("agreements_search", &terms);
            let q = agreements_search::table.into_boxed().filter(words);
            let q = q.select(agreements_search::rowid).order(agreements_search::rowid.asc()).limit(first);
            if explain {
                return Ok(Read::Plan(plan(conn, q)?));
            }
            q.load(conn)?
        } else {
            let q = query(false).select(agreements_search::rowid).order(agreements_search::rowid.asc()).limit(first);
            if explain {
                return Ok(Read::Plan(plan(conn, q)?));
            }
            q.load(conn)?
        };
        let rows = match page_among(&places, after, page) {
            Some(ids) => rows_in_order(conn, &ids)?,
            None => query(true)
                .order(agreements_search::rowid.asc())
                .limit(page.limit)
                .offset(page.offset)
                .select(Row::as_select())
                .load(conn)?,
        };
        return Ok(Read::Page(rows, places.len() as i64));
    }
    let query = |reach: Reaches, resume: bool| {
        let mut q = narrowed!(agreements::table.into_boxed(), filter, &directive_roots, &inside, year, reach);
        if !terms.is_empty() {
            q = q.filter(search::vector_matches(&terms));
        }
        match filter.after.filter(|_| resume) {
            Some(a) => q.filter(
                agreements::start_year
                    .lt(a.start_year)
                    .or(agreements::start_year.eq(a.start_year).and(agreements::id.lt(a.id))),
            ),
            None => q,
        }
    };
    // A page walked in the list's order, each condition put as `reach` says.
    let walked = |reach: Reaches| {
        query(reach, true)
            .order((agreements::start_year.desc(), agreements::id.desc()))
            .limit(page.limit)
            .offset(page.offset)
            .select(Row::as_select())
    };
    let (reach, counted) = if sqlite {
        // One read of where the matches stand in the order serves the count and, when they are
        // few, the page: they are sorted here and only the page's rows are read.
        let counting = Reaches::for_counting(conn, filter, &directive_roots)?;
        let places_query =
            || query(counting, false).select((agreements::start_year, agreements::id)).limit(TOTAL_EXACT_UP_TO + 1);
        let places: Vec<(i32, i64)> = places_query().load(conn)?;
        if places.len() as i64 <= TOTAL_EXACT_UP_TO {
            if explain {
                return Ok(Read::Plan(plan(conn, places_query())?));
            }
            let mut keys: Vec<i64> = places.iter().map(|(year, id)| search::order_key(*year, *id)).collect();
            keys.sort_unstable();
            let ids = page_among(&keys, after, page).unwrap_or_default();
            return Ok(Read::Page(rows_in_order(conn, &ids)?, keys.len() as i64));
        }
        // Many: walking the order finds a page's worth first.
        (Reaches { locality: Reach::Check, ..counting }, TOTAL_EXACT_UP_TO + 1)
    } else {
        // PostgreSQL's planner weighs this itself, from the statistics it keeps.
        (Reaches::LOOKUP, count_of!(conn, || query(Reaches::LOOKUP, false)))
    };
    if explain {
        return Ok(Read::Plan(plan(conn, walked(reach))?));
    }
    Ok(Read::Page(walked(reach).load(conn)?, counted))
}

// An agreement's locality is derived (see agreement_locality) and answered with it.
