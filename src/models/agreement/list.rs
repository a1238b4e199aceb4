//! The officials' questions over agreements: the filtered list, and the agreements under each
//! directive of a tree.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::dsl::{exists, sql};
use diesel::prelude::*;
use diesel::sql_types::Integer;
use serde::Serialize;

use super::{assemble, Agreement, Period, Row};
use crate::db::explain::plan;
use crate::db::schema::{agreement_directives, agreements, agreements_search, organizations, parties};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::Msg;
use crate::models::enums::{AgreementKind, AgreementStatus, DirectiveRelation, OrganizationKind};
use crate::models::page::{count_of, ListPage, Page, TOTAL_EXACT_UP_TO};
use crate::models::{agreement_locality, directive, locality_tree, search, this_year, Reach};
use crate::text;

/// A `directive=` filter: an id, or a symbol as written.
#[derive(Debug, Clone)]
pub enum DirectiveRef {
    Id(i64),
    Symbol(String),
}

#[derive(Debug, Default)]
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
            let n: i64 = parties::table
                .filter(parties::organization_id.eq(*org))
                .select(parties::agreement_id)
                .limit(crossing + 1)
                .load::<i64>(conn)?
                .len() as i64;
            if few(n) == Reach::Lookup {
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
    /// Whether the filter asks for nothing but words (`q`), where ever it resumes.
    fn is_only_a_search(&self) -> bool {
        let AgreementFilter {
            signed_by,
            party_kind,
            kind,
            directives,
            active_in,
            locality,
            q: _,
            signed_from,
            signed_to,
            status,
            signing_event_id,
            after: _,
        } = self;
        signed_by.is_empty()
            && party_kind.is_empty()
            && directives.is_empty()
            && kind.is_none()
            && active_in.is_none()
            && locality.is_none()
            && signed_from.is_none()
            && signed_to.is_none()
            && status.is_none()
            && signing_event_id.is_none()
    }
}

/// An agreement in brief, as a leaf of a directive's tree.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgreementSummary {
    pub id: i64,
    pub title: String,
    pub kind: AgreementKind,
    pub period: Period,
    pub status: AgreementStatus,
    pub relation: DirectiveRelation,
}

/// The agreements that refer to each of `directive_ids`, newest period first, at most `limit` of
/// them per directive, as (directive id, agreement, how many refer to that directive in all).
pub fn referring_to(
    conn: &mut DbConnection,
    directive_ids: &[i64],
    limit: i64,
) -> QueryResult<Vec<(i64, AgreementSummary, i64)>> {
    let totals: HashMap<i64, i64> = agreement_directives::table
        .filter(agreement_directives::directive_id.eq_any(directive_ids))
        .group_by(agreement_directives::directive_id)
        .select((agreement_directives::directive_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    // The directives with few agreements in one query; each of those with many in its own, limited.
    let (many, few): (Vec<i64>, Vec<i64>) = totals.keys().copied().partition(|d| totals[d] > limit);
    let query = |ids: Vec<i64>| {
        agreement_directives::table
            .inner_join(agreements::table)
            .filter(agreement_directives::directive_id.eq_any(ids))
            .order((agreement_directives::directive_id, agreements::start_year.desc(), agreements::id.desc()))
            .select((agreement_directives::directive_id, agreement_directives::relation, Row::as_select()))
    };
    let mut rows: Vec<(i64, String, Row)> = query(few).load(conn)?;
    for directive_id in many {
        rows.extend(query(vec![directive_id]).limit(limit).load::<(i64, String, Row)>(conn)?);
    }
    rows.sort_by_key(|(d, _, r)| (*d, std::cmp::Reverse(r.start_year), std::cmp::Reverse(r.id)));
    let year = this_year();
    Ok(rows
        .into_iter()
        .map(|(directive_id, relation, r)| {
            let summary = AgreementSummary {
                id: r.id,
                kind: AgreementKind::parse(&r.kind).unwrap_or(AgreementKind::Other),
                period: Period { start_year: r.start_year, end_year: r.end_year },
                status: r.status(year),
                relation: DirectiveRelation::parse(&relation).unwrap_or(DirectiveRelation::Cites),
                title: r.title,
            };
            (directive_id, summary, totals.get(&directive_id).copied().unwrap_or_default())
        })
        .collect())
}

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
    /// A page's rows and its matches counted (see `page_of!`).
    Page(Vec<Row>, i64),
    Plan(Vec<String>),
}

/// The page of `list`, or with `explain`, the plan of its query.
fn read(conn: &mut DbConnection, filter: &AgreementFilter, page: Page, explain: bool) -> ApiResult<Read> {
    let mut directive_roots = Vec::new();
    for wanted in &filter.directives {
        directive_roots.push(match wanted {
            DirectiveRef::Id(id) => *id,
            DirectiveRef::Symbol(symbol) => {
                let found = directive::resolve(conn, symbol)?
                    .map_err(|why| ApiError::bad_param("directive", Msg::BadSymbol(why)))?;
                if found.is_empty() {
                    return Ok(Read::Page(Vec::new(), 0));
                }
                directive::single_match(symbol, &found).map_err(|msg| ApiError::field("directive", msg))?
            }
        });
    }
    let inside = match filter.locality {
        Some(root) => Some((root, locality_tree::ids_inside(conn, root)?)),
        None => None,
    };
    let year = this_year();
    let terms = filter.q.as_deref().map(text::search_terms).unwrap_or_default();
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    // `after` places the page, not the list: the total counts the whole list.
    if !terms.is_empty() && sqlite {
        // The index hands out matches in the list's order: every other condition is a test of
        // the agreement each match is.
        let query = |resume: bool| {
            let indexed = agreements_search::table
                .inner_join(agreements::table.on(search::entry_of_agreement()))
                .into_boxed()
                .filter(search::fts_matches(&terms));
            let q = narrowed!(indexed, filter, &directive_roots, &inside, year, Reaches::CHECK);
            match filter.after.filter(|_| resume) {
                Some(a) => q.filter(search::entries_after(search::order_key(a.start_year, a.id))),
                None => q,
            }
        };
        let counted = if filter.is_only_a_search() {
            count_of!(conn, || agreements_search::table.into_boxed().filter(search::fts_matches(&terms)))
        } else {
            count_of!(conn, || query(false))
        };
        let page_query = || query(true).order(agreements_search::rowid.asc()).limit(page.limit).offset(page.offset);
        if explain {
            return Ok(Read::Plan(plan(conn, page_query().select(Row::as_select()))?));
        }
        return Ok(Read::Page(page_query().select(Row::as_select()).load(conn)?, counted));
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
    // PostgreSQL's planner weighs this itself, from the statistics it keeps.
    let counting = if sqlite { Reaches::for_counting(conn, filter, &directive_roots)? } else { Reaches::LOOKUP };
    let counted = count_of!(conn, || query(counting, false));
    // Many matches: walking the list's order finds a page's worth first. Few: they are gathered
    // from the conditions' indexes and sorted, which SQLite is told by an order it cannot read
    // from the order index (`+ 0`); left to itself, it guesses how many a subquery picks out,
    // and walks the whole list for a commune's handful.
    let many = counted > TOTAL_EXACT_UP_TO;
    let reach = if sqlite && many { Reaches { locality: Reach::Check, ..counting } } else { counting };
    let newest_first = if sqlite && !many {
        "agreements.start_year + 0 DESC, agreements.id DESC"
    } else {
        "agreements.start_year DESC, agreements.id DESC"
    };
    let page_query = || {
        query(reach, true)
            .order(sql::<Integer>(newest_first))
            .limit(page.limit)
            .offset(page.offset)
            .select(Row::as_select())
    };
    if explain {
        return Ok(Read::Plan(plan(conn, page_query())?));
    }
    let rows: Vec<Row> = page_query().load(conn)?;
    Ok(Read::Page(rows, counted))
}

// An agreement's locality is derived (see agreement_locality) and answered with it.
