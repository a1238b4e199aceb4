//! Directives: the documents agreements implement or cite (Chỉ thị, Thông tri, Kế hoạch, …),
//! stored with their symbol as written and as parsed, and linked in an implements graph.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::db::schema::{agreement_directives, directive_links, directives};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::{Dependents, Entity};
use crate::models::enums::{DirectiveKind, SymbolSystem};
use crate::models::page::{page_of, ListPage, Page};
use crate::models::record::{new_id, record_by_module};
use crate::models::{opt_date, search_patterns, Filter, Reach};
use crate::symbol::{self, Symbol};

pub mod by_locality;
mod check;
pub mod graph;
mod resolve;
pub mod tree;
use crate::text;
use check::checked_input;
pub use check::{check, registered};
pub use resolve::{candidate_ids, candidate_rows, candidates, resolve, resolve_one, single_match};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Directive {
    pub id: i64,
    pub symbol: String,
    pub canonical_symbol: String,
    pub number: String,
    pub type_code: Option<String>,
    pub issuer_code: Option<String>,
    /// The numbering layout, read from the canonical symbol; absent when it names no issuer.
    pub system: Option<SymbolSystem>,
    pub kind: DirectiveKind,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub term: Option<String>,
    /// The documents this one implements.
    pub implements: Vec<i64>,
    /// The documents that implement this one.
    pub implemented_by: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"symbol": "Chỉ thị số 12-CT/TW", "kind": "directive", "title": "Tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới", "issuer": "Ban Bí thư", "issued_on": "2022-01-05", "term": "XIII"}))]
pub struct DirectiveInput {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub symbol: String,
    /// Read from the symbol when not given ("Chỉ thị", CT → directive).
    #[serde(default)]
    pub kind: Option<DirectiveKind>,
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub title: Option<String>,
    #[serde(default)]
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub issuer: Option<String>,
    #[serde(default, deserialize_with = "opt_date")]
    pub issued_on: Option<NaiveDate>,
    /// The committee term (khóa), e.g. "XI": Party numbering restarts each term.
    #[serde(default)]
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub term: Option<String>,
    #[serde(default)]
    #[validate(length(max = 100))]
    #[schema(max_items = 100)]
    pub implements: Vec<i64>,
}

#[derive(Queryable, Selectable, Clone)]
#[diesel(table_name = directives)]
pub(crate) struct Row {
    pub(crate) id: i64,
    symbol: String,
    pub(crate) canonical_symbol: String,
    number: String,
    type_code: Option<String>,
    issuer_code: Option<String>,
    doc_year: Option<i32>,
    kind: String,
    title: Option<String>,
    issuer: Option<String>,
    pub(crate) issued_on: Option<NaiveDate>,
    pub(crate) term: Option<String>,
}

impl Row {
    pub(crate) fn parsed(&self) -> Symbol {
        Symbol {
            number: self.number.clone(),
            type_code: self.type_code.clone(),
            issuer_code: self.issuer_code.clone(),
            year: self.doc_year,
            kind: None,
            system: None,
            canonical: self.canonical_symbol.clone(),
        }
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = directives, treat_none_as_null = true)]
struct Columns<'a> {
    symbol: &'a str,
    canonical_symbol: &'a str,
    number: &'a str,
    type_code: Option<&'a str>,
    issuer_code: Option<&'a str>,
    doc_year: Option<i32>,
    kind: &'static str,
    title: Option<&'a str>,
    issuer: Option<&'a str>,
    issued_on: Option<NaiveDate>,
    term: Option<&'a str>,
    search_text: String,
}

fn columns<'a>(input: &'a DirectiveInput, parsed: &'a Symbol) -> Columns<'a> {
    let texts =
        [Some(input.symbol.as_str()), Some(parsed.canonical.as_str()), input.title.as_deref(), input.issuer.as_deref()];
    Columns {
        symbol: &input.symbol,
        canonical_symbol: &parsed.canonical,
        number: &parsed.number,
        type_code: parsed.type_code.as_deref(),
        issuer_code: parsed.issuer_code.as_deref(),
        doc_year: parsed.year,
        kind: input.kind.or(parsed.kind).unwrap_or(DirectiveKind::Other).as_str(),
        title: input.title.as_deref(),
        issuer: input.issuer.as_deref(),
        issued_on: input.issued_on,
        term: input.term.as_deref(),
        search_text: text::search_text(texts.into_iter().flatten()),
    }
}

#[derive(Default)]
pub struct DirectiveFilter {
    pub q: Option<String>,
    pub kind: Option<DirectiveKind>,
}

pub(crate) fn assemble(conn: &mut DbConnection, rows: Vec<Row>) -> ApiResult<Vec<Directive>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let links: Vec<(i64, i64)> = directive_links::table
        .filter(directive_links::directive_id.eq_any(&ids).or(directive_links::implements_id.eq_any(&ids)))
        .order((directive_links::directive_id, directive_links::implements_id))
        .select((directive_links::directive_id, directive_links::implements_id))
        .load(conn)?;
    let mut implements: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut implemented_by: HashMap<i64, Vec<i64>> = HashMap::new();
    for (from, to) in links {
        implements.entry(from).or_default().push(to);
        implemented_by.entry(to).or_default().push(from);
    }
    Ok(rows
        .into_iter()
        .map(|r| Directive {
            implements: implements.remove(&r.id).unwrap_or_default(),
            implemented_by: implemented_by.remove(&r.id).unwrap_or_default(),
            kind: DirectiveKind::parse(&r.kind).unwrap_or(DirectiveKind::Other),
            system: symbol::parse(&r.canonical_symbol).ok().and_then(|s| s.system),
            id: r.id,
            symbol: r.symbol,
            canonical_symbol: r.canonical_symbol,
            number: r.number,
            type_code: r.type_code,
            issuer_code: r.issuer_code,
            title: r.title,
            issuer: r.issuer,
            issued_on: r.issued_on,
            term: r.term,
        })
        .collect())
}

/// The symbols of directives `ids`, in that order (an id with no directive is left out).
pub fn symbols_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<String>> {
    let found: std::collections::HashMap<i64, String> = directives::table
        .filter(directives::id.eq_any(ids))
        .select((directives::id, directives::symbol))
        .load(conn)?
        .into_iter()
        .collect();
    Ok(ids.iter().filter_map(|id| found.get(id).cloned()).collect())
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Directive> {
    let row = directives::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::not_found(Entity::Directive, id))?;
    Ok(assemble(conn, vec![row])?.remove(0))
}

/// The ids among `ids` that name no directive.
pub fn missing(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<i64>> {
    let found: Vec<i64> = directives::table.filter(directives::id.eq_any(ids)).select(directives::id).load(conn)?;
    Ok(ids.iter().copied().filter(|id| !found.contains(id)).collect())
}

pub fn input_of(conn: &mut DbConnection, id: i64) -> ApiResult<DirectiveInput> {
    let d = get(conn, id)?;
    Ok(DirectiveInput {
        symbol: d.symbol,
        kind: Some(d.kind),
        title: d.title,
        issuer: d.issuer,
        issued_on: d.issued_on,
        term: d.term,
        implements: d.implements,
    })
}

/// Creates a directive; `id` is given only to restore a deleted one under its old id.
pub fn create(conn: &mut DbConnection, id: Option<i64>, input: DirectiveInput) -> ApiResult<Directive> {
    let (input, parsed) = checked_input(conn, None, input)?;
    let id = insert_unchecked(conn, id, &input, &parsed)?;
    get(conn, id)
}

/// Stores an input without checking it: for input `check` passed, and for the benchmark
/// generator, which makes only valid records. The symbol comes as parsed; answers the id
/// (`id` itself, when given).
pub fn insert_unchecked(
    conn: &mut DbConnection,
    id: Option<i64>,
    input: &DirectiveInput,
    parsed: &Symbol,
) -> ApiResult<i64> {
    let id = new_id(conn, Entity::Directive, id)?;
    let id: i64 = diesel::insert_into(directives::table)
        .values((columns(input, parsed), id.map(|id| directives::id.eq(id))))
        .returning(directives::id)
        .get_result(conn)?;
    insert_links(conn, id, &input.implements)?;
    Ok(id)
}

pub fn update(conn: &mut DbConnection, id: i64, input: DirectiveInput) -> ApiResult<Directive> {
    get(conn, id)?;
    let (input, parsed) = checked_input(conn, Some(id), input)?;
    diesel::update(directives::table.find(id)).set(columns(&input, &parsed)).execute(conn)?;
    diesel::delete(directive_links::table.filter(directive_links::directive_id.eq(id))).execute(conn)?;
    insert_links(conn, id, &input.implements)?;
    get(conn, id)
}

fn insert_links(conn: &mut DbConnection, id: i64, implements: &[i64]) -> QueryResult<()> {
    let rows: Vec<_> = implements
        .iter()
        .map(|to| (directive_links::directive_id.eq(id), directive_links::implements_id.eq(*to)))
        .collect();
    // One statement per row: the multi-backend connection has no portable multi-row VALUES.
    for row in rows {
        diesel::insert_into(directive_links::table).values(row).execute(conn)?;
    }
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: i64) -> ApiResult<()> {
    get(conn, id)?;
    let referenced: i64 =
        agreement_directives::table.filter(agreement_directives::directive_id.eq(id)).count().get_result(conn)?;
    let implemented: i64 =
        directive_links::table.filter(directive_links::implements_id.eq(id)).count().get_result(conn)?;
    ApiError::refuse_if_used(
        Entity::Directive,
        &[
            ("agreements", Dependents::AgreementReferences, referenced),
            ("implemented_by", Dependents::ImplementingDirectives, implemented),
        ],
    )?;
    diesel::delete(directives::table.find(id)).execute(conn)?;
    Ok(())
}

/// Ordered by issue date (newest first, undated last), then id.
pub fn list(conn: &mut DbConnection, filter: &DirectiveFilter, page: Page) -> ApiResult<ListPage<Directive>> {
    let query = || {
        let mut q = directives::table.into_boxed();
        if let Some(kind) = filter.kind {
            q = q.filter(directives::kind.eq(kind.as_str()));
        }
        for pattern in filter.q.as_deref().map(search_patterns).unwrap_or_default() {
            q = q.filter(directives::search_text.like(pattern));
        }
        q
    };
    let (rows, total) = page_of!(
        conn,
        query,
        (directives::issued_on.is_null(), directives::issued_on.desc(), directives::id.asc()),
        page,
        Row
    );
    Ok(ListPage::new(assemble(conn, rows)?, total, page))
}

/// Agreements that refer to `root` or to any document that implements it, through the whole
/// chain: gathered from the links ([`Reach::Lookup`]), or tested agreement by agreement.
pub fn agreements_under<QS: 'static>(root: i64, reach: Reach) -> Filter<QS> {
    let start = match reach {
        Reach::Lookup => "agreements.id IN (SELECT ad.agreement_id FROM agreement_directives ad WHERE ad.directive_id",
        Reach::Check => {
            "EXISTS (SELECT 1 FROM agreement_directives ad WHERE ad.agreement_id = agreements.id AND ad.directive_id"
        }
    };
    Box::new(sql::<Bool>(start).sql(CHAIN_FROM).bind::<BigInt, _>(root).sql(CHAIN_TO).sql(")"))
}

/// `<a directive id> IN (<the directive bound between these two> and every document under it)`.
const CHAIN_FROM: &str = " IN (WITH RECURSIVE chain(id) AS (SELECT ";
const CHAIN_TO: &str = " UNION SELECT l.directive_id FROM directive_links l JOIN chain ON l.implements_id = chain.id) \
     SELECT id FROM chain)";

/// SQL text: whether the directive id `column` is `root` (the parameter placeholder given) or
/// a document under it, for queries written as text.
pub fn in_chain(column: &str, root: &str) -> String {
    format!("{column}{CHAIN_FROM}{root}{CHAIN_TO}")
}

/// How many references agreements make to `root` and the documents under it, counted up to
/// `limit`: at most that many agreements are under it, found without reading one.
pub fn links_under(conn: &mut DbConnection, root: i64, limit: i64) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Links {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    let counted = diesel::sql_query(format!(
        "SELECT count(*) AS n FROM (SELECT 1 FROM agreement_directives ad WHERE {} LIMIT $2) t",
        in_chain("ad.directive_id", "$1")
    ))
    .bind::<BigInt, _>(root)
    .bind::<BigInt, _>(limit)
    .get_result::<Links>(conn)?;
    Ok(counted.n)
}

// Directives belong to no locality: they are shared by all (see `auth`).
record_by_module!(Directive, DirectiveInput, Entity::Directive, |_, _| Ok(None));
