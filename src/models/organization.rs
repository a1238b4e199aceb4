//! Organizations: Front committees, member organizations, Party and state bodies, with the short
//! names and aliases people use for them.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::db::schema::{
    event_attendees, organization_aliases, organizations, organizations_search, parties, signing_events,
};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldErrors};
use crate::messages::{Dependents, Entity, Msg};
use crate::models::enums::OrganizationKind;
use crate::models::page::{count_of, rows_of, ListPage, Page};
use crate::models::record::{new_id, record_by_module};
use crate::models::{agreement_locality, search, Reach};
use crate::models::{
    ancestors, check_texts, checked, clean_all, locality, locality_tree, same_name, validate_into, word_pattern,
};
use crate::text;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Organization {
    pub id: i64,
    pub name: String,
    pub short_name: Option<String>,
    pub aliases: Vec<String>,
    pub kind: OrganizationKind,
    pub locality_id: Option<i64>,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Hội Liên hiệp Phụ nữ quận 11", "short_name": "Hội LHPN quận 11", "aliases": ["LHPN Q11"], "kind": "womens_union", "locality_id": 3}))]
pub struct OrganizationInput {
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    #[serde(default)]
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub short_name: Option<String>,
    #[serde(default)]
    #[validate(length(max = 50))]
    #[schema(max_items = 50)]
    pub aliases: Vec<String>,
    pub kind: OrganizationKind,
    #[serde(default)]
    pub locality_id: Option<i64>,
    #[serde(default)]
    pub parent_id: Option<i64>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = organizations)]
struct Row {
    id: i64,
    name: String,
    short_name: Option<String>,
    kind: String,
    locality_id: Option<i64>,
    parent_id: Option<i64>,
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = organizations, treat_none_as_null = true)]
struct Columns<'a> {
    name: &'a str,
    name_key: String,
    short_name: Option<&'a str>,
    kind: &'static str,
    locality_id: Option<i64>,
    parent_id: Option<i64>,
    search_text: String,
}

fn columns(input: &OrganizationInput) -> Columns<'_> {
    let names = std::iter::once(input.name.as_str())
        .chain(input.short_name.as_deref())
        .chain(input.aliases.iter().map(String::as_str));
    Columns {
        name: &input.name,
        name_key: text::name_key(&input.name),
        short_name: input.short_name.as_deref(),
        kind: input.kind.as_str(),
        locality_id: input.locality_id,
        parent_id: input.parent_id,
        search_text: text::search_text(names),
    }
}

#[derive(Default)]
pub struct OrganizationFilter {
    pub q: Option<String>,
    pub kind: Option<OrganizationKind>,
    pub locality: Option<i64>,
    pub parent_id: Option<i64>,
}

/// Loads organizations with their aliases, in the order of `rows`.
fn assemble(conn: &mut DbConnection, rows: Vec<Row>) -> ApiResult<Vec<Organization>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
    for (org, alias) in organization_aliases::table
        .filter(organization_aliases::organization_id.eq_any(&ids))
        .order((organization_aliases::organization_id, organization_aliases::seq))
        .select((organization_aliases::organization_id, organization_aliases::alias))
        .load::<(i64, String)>(conn)?
    {
        aliases.entry(org).or_default().push(alias);
    }
    Ok(rows
        .into_iter()
        .map(|r| Organization {
            aliases: aliases.remove(&r.id).unwrap_or_default(),
            id: r.id,
            name: r.name,
            short_name: r.short_name,
            kind: OrganizationKind::parse(&r.kind).unwrap_or(OrganizationKind::Other),
            locality_id: r.locality_id,
            parent_id: r.parent_id,
        })
        .collect())
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Organization> {
    let row = organizations::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::not_found(Entity::Organization, id))?;
    Ok(assemble(conn, vec![row])?.remove(0))
}

/// The ids among `ids` that name no organization.
pub fn missing(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<i64>> {
    let found: Vec<i64> =
        organizations::table.filter(organizations::id.eq_any(ids)).select(organizations::id).load(conn)?;
    Ok(ids.iter().copied().filter(|id| !found.contains(id)).collect())
}

pub fn input_of(conn: &mut DbConnection, id: i64) -> ApiResult<OrganizationInput> {
    let o = get(conn, id)?;
    Ok(OrganizationInput {
        name: o.name,
        short_name: o.short_name,
        aliases: o.aliases,
        kind: o.kind,
        locality_id: o.locality_id,
        parent_id: o.parent_id,
    })
}

/// Creates an organization; `id` is given only to restore a deleted one under its old id.
pub fn create(conn: &mut DbConnection, id: Option<i64>, input: OrganizationInput) -> ApiResult<Organization> {
    let input = checked(|errs| check(conn, None, input, errs))?;
    let id = insert_unchecked(conn, id, &input)?;
    get(conn, id)
}

/// Stores an input without checking it: for input `check` passed, and for the benchmark
/// generator, which makes only valid records. Answers the id (`id` itself, when given).
pub fn insert_unchecked(conn: &mut DbConnection, id: Option<i64>, input: &OrganizationInput) -> ApiResult<i64> {
    let id = new_id(conn, Entity::Organization, id)?;
    let id: i64 = diesel::insert_into(organizations::table)
        .values((columns(input), id.map(|id| organizations::id.eq(id))))
        .returning(organizations::id)
        .get_result(conn)?;
    insert_aliases(conn, id, &input.aliases)?;
    Ok(id)
}

pub fn update(conn: &mut DbConnection, id: i64, input: OrganizationInput) -> ApiResult<Organization> {
    get(conn, id)?;
    let input = checked(|errs| check(conn, Some(id), input, errs))?;
    diesel::update(organizations::table.find(id)).set(columns(&input)).execute(conn)?;
    diesel::delete(organization_aliases::table.filter(organization_aliases::organization_id.eq(id))).execute(conn)?;
    insert_aliases(conn, id, &input.aliases)?;
    let led = agreement_locality::decided_by_organization(conn, id)?;
    agreement_locality::refresh(conn, &led)?;
    get(conn, id)
}

fn insert_aliases(conn: &mut DbConnection, id: i64, aliases: &[String]) -> QueryResult<()> {
    let rows: Vec<_> = aliases
        .iter()
        .enumerate()
        .map(|(seq, alias)| {
            (
                organization_aliases::organization_id.eq(id),
                organization_aliases::seq.eq(seq as i32),
                organization_aliases::alias.eq(alias),
            )
        })
        .collect();
    // One statement per row: the multi-backend connection has no portable multi-row VALUES.
    for row in rows {
        diesel::insert_into(organization_aliases::table).values(row).execute(conn)?;
    }
    Ok(())
}

/// Cleans and checks an input, adding every error to `errs`; `id` is the record being updated,
/// if any.
pub fn check(
    conn: &mut DbConnection,
    id: Option<i64>,
    mut input: OrganizationInput,
    errs: &mut FieldErrors,
) -> QueryResult<OrganizationInput> {
    input.name = text::clean(&input.name);
    input.short_name = text::clean_opt(input.short_name.as_deref());
    clean_all(&mut input.aliases);
    validate_into(&input, errs);
    check_texts("aliases", &input.aliases, 300, errs);
    if let Some(locality_id) = input.locality_id {
        if !locality::exists(conn, locality_id)? {
            errs.add("locality_id", Msg::RecordNotFound(Entity::Locality, locality_id));
        }
    }
    if let Some(parent_id) = input.parent_id {
        if Some(parent_id) == id {
            errs.add("parent_id", Msg::SelfReference);
        } else if !missing(conn, &[parent_id])?.is_empty() {
            errs.add("parent_id", Msg::RecordNotFound(Entity::Organization, parent_id));
        } else {
            let parent_of = |o: i64| -> QueryResult<Option<i64>> {
                Ok(organizations::table.find(o).select(organizations::parent_id).first(conn).optional()?.flatten())
            };
            let above = ancestors(parent_id, parent_of)?;
            if id.is_some_and(|id| above.contains(&id)) {
                errs.add("parent_id", Msg::Cycle);
            } else if above.len() + levels_from(conn, id)? > MAX_DEPTH {
                errs.add("parent_id", Msg::TreeTooDeep(MAX_DEPTH));
            }
        }
    }
    if let Some(other) = same_name(conn, ("organizations", "locality_id"), &input.name, input.locality_id, id)? {
        errs.duplicate("name", Msg::DuplicateName(other));
    }
    Ok(input)
}

/// The most levels of organizations one tree may have: a central union down to a commune's
/// branch is five. Deeper trees are refused, so that no walk of them runs long.
pub const MAX_DEPTH: usize = 10;

/// How many levels the organization `id` (a new one when `None`) and those under it span, walked
/// a layer at a time and stopped one past the bound.
fn levels_from(conn: &mut DbConnection, id: Option<i64>) -> QueryResult<usize> {
    let Some(id) = id else { return Ok(1) };
    let mut layer = vec![id];
    let mut levels = 0;
    while !layer.is_empty() && levels <= MAX_DEPTH {
        levels += 1;
        layer = organizations::table
            .filter(organizations::parent_id.eq_any(&layer))
            .select(organizations::id)
            .load(conn)?;
    }
    Ok(levels)
}

pub fn delete(conn: &mut DbConnection, id: i64) -> ApiResult<()> {
    get(conn, id)?;
    let party_of: i64 = parties::table.filter(parties::organization_id.eq(id)).count().get_result(conn)?;
    let hosted: i64 = signing_events::table.filter(signing_events::host_id.eq(id)).count().get_result(conn)?;
    let attendees: i64 =
        event_attendees::table.filter(event_attendees::organization_id.eq(id)).count().get_result(conn)?;
    let children: i64 = organizations::table.filter(organizations::parent_id.eq(id)).count().get_result(conn)?;
    ApiError::refuse_if_used(
        Entity::Organization,
        &[
            ("agreements", Dependents::Parties, party_of),
            ("signing_events", Dependents::HostedEvents, hosted),
            ("attendees", Dependents::Attendees, attendees),
            ("children", Dependents::ChildOrganizations, children),
        ],
    )?;
    diesel::delete(organizations::table.find(id)).execute(conn)?;
    Ok(())
}

/// Ordered by name (its comparison key), then id.
pub fn list(conn: &mut DbConnection, filter: &OrganizationFilter, page: Page) -> ApiResult<ListPage<Organization>> {
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    let terms = filter.q.as_deref().map(crate::text::search_terms).unwrap_or_default();
    let query = || {
        let mut q = organizations::table.into_boxed();
        if let Some(kind) = filter.kind {
            q = q.filter(organizations::kind.eq(kind.as_str()));
        }
        if let Some(root) = filter.locality {
            q = q.filter(locality_tree::inside("organizations.locality_id", root, Reach::Lookup));
        }
        if let Some(parent) = filter.parent_id {
            q = q.filter(organizations::parent_id.eq(parent));
        }
        if terms.is_empty() {
            q
        } else if sqlite {
            q.filter(search::organizations_matching(&terms))
        } else {
            terms.iter().fold(q, |q, t| q.filter(organizations::search_text.like(word_pattern(t))))
        }
    };
    let only_words = filter.kind.is_none() && filter.locality.is_none() && filter.parent_id.is_none();
    // Words alone are counted in their index without reading an organization: a name begun as
    // it is typed matches thousands.
    let total = if sqlite && only_words && !terms.is_empty() {
        count_of!(conn, || organizations_search::table
            .into_boxed()
            .filter(search::fts_matches("organizations_search", &terms)))
    } else {
        count_of!(conn, query)
    };
    let rows = rows_of!(conn, query, (organizations::name_key.asc(), organizations::id.asc()), page, Row);
    Ok(ListPage::new(assemble(conn, rows)?, total, page))
}

record_by_module!(Organization, OrganizationInput, Entity::Organization, |o, _| Ok(o.locality_id),
    locating: agreement_locality::decided_by_organization);
