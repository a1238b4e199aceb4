//! Localities (địa bàn): administrative units in a tree (central ⊃ province ⊃ district ⊃ commune).

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::db::schema::{api_tokens, localities, organizations, signing_events};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldErrors};
use crate::messages::{Dependents, Entity, Msg};
use crate::models::enums::LocalityLevel;
use crate::models::page::{page_of, ListPage, Page};
use crate::models::record::{new_id, record_by_module};
use crate::models::{checked, same_name, search_patterns, validate_into};
use crate::text;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Locality {
    pub id: i64,
    pub name: String,
    pub level: LocalityLevel,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Quận 11", "level": "district", "parent_id": 2}))]
pub struct LocalityInput {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub level: LocalityLevel,
    #[serde(default)]
    pub parent_id: Option<i64>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = localities)]
struct Row {
    id: i64,
    name: String,
    level: String,
    parent_id: Option<i64>,
}

impl From<Row> for Locality {
    fn from(r: Row) -> Self {
        Locality {
            id: r.id,
            name: r.name,
            level: LocalityLevel::parse(&r.level).unwrap_or(LocalityLevel::Commune),
            parent_id: r.parent_id,
        }
    }
}

#[derive(Default)]
pub struct LocalityFilter {
    pub q: Option<String>,
    pub level: Option<LocalityLevel>,
    pub parent_id: Option<i64>,
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Locality> {
    localities::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Locality::from)
        .ok_or(ApiError::not_found(Entity::Locality, id))
}

pub fn exists(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    Ok(localities::table.find(id).count().get_result::<i64>(conn)? > 0)
}

pub fn input_of(conn: &mut DbConnection, id: i64) -> ApiResult<LocalityInput> {
    let l = get(conn, id)?;
    Ok(LocalityInput { name: l.name, level: l.level, parent_id: l.parent_id })
}

/// Creates a locality; `id` is given only to restore a deleted one under its old id.
pub fn create(conn: &mut DbConnection, id: Option<i64>, input: LocalityInput) -> ApiResult<Locality> {
    let input = checked(|errs| check(conn, None, input, errs))?;
    let id = insert_unchecked(conn, id, &input)?;
    get(conn, id)
}

/// Stores an input without checking it: for input `check` passed, and for the benchmark
/// generator, which makes only valid records. Answers the id (`id` itself, when given).
pub fn insert_unchecked(conn: &mut DbConnection, id: Option<i64>, input: &LocalityInput) -> ApiResult<i64> {
    let id = new_id(conn, Entity::Locality, id)?;
    Ok(diesel::insert_into(localities::table)
        .values((columns(input), id.map(|id| localities::id.eq(id))))
        .returning(localities::id)
        .get_result(conn)?)
}

pub fn update(conn: &mut DbConnection, id: i64, input: LocalityInput) -> ApiResult<Locality> {
    get(conn, id)?;
    let input = checked(|errs| check(conn, Some(id), input, errs))?;
    diesel::update(localities::table.find(id)).set(columns(&input)).execute(conn)?;
    get(conn, id)
}

/// The stored columns of an input, with the keys derived from its name.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = localities, treat_none_as_null = true)]
struct Columns<'a> {
    name: &'a str,
    name_key: String,
    search_text: String,
    level: &'static str,
    parent_id: Option<i64>,
}

fn columns(input: &LocalityInput) -> Columns<'_> {
    Columns {
        name: &input.name,
        name_key: text::name_key(&input.name),
        search_text: text::search_text([input.name.as_str()]),
        level: input.level.as_str(),
        parent_id: input.parent_id,
    }
}

/// Cleans and checks an input, adding every error to `errs`; `id` is the record being updated,
/// if any.
pub fn check(
    conn: &mut DbConnection,
    id: Option<i64>,
    mut input: LocalityInput,
    errs: &mut FieldErrors,
) -> QueryResult<LocalityInput> {
    input.name = text::clean(&input.name);
    validate_into(&input, errs);
    if let Some(parent_id) = input.parent_id {
        if Some(parent_id) == id {
            errs.add("parent_id", Msg::SelfReference);
        } else {
            match localities::table.find(parent_id).select(Row::as_select()).first(conn).optional()? {
                None => errs.add("parent_id", Msg::RecordNotFound(Entity::Locality, parent_id)),
                Some(parent) => {
                    // Levels strictly decrease downwards, which also rules out cycles.
                    if Locality::from(parent).level.rank() >= input.level.rank() {
                        errs.add("parent_id", Msg::ParentLevel);
                    }
                }
            }
        }
    }
    if let Some(id) = id {
        let child_levels: Vec<String> =
            localities::table.filter(localities::parent_id.eq(id)).select(localities::level).load(conn)?;
        if child_levels.iter().filter_map(|l| LocalityLevel::parse(l)).any(|l| l.rank() <= input.level.rank()) {
            errs.add("level", Msg::ChildLevel);
        }
    }
    if let Some(other) = same_name(conn, ("localities", "parent_id"), &input.name, input.parent_id, id)? {
        errs.duplicate("name", Msg::DuplicateName(other));
    }
    Ok(input)
}

pub fn delete(conn: &mut DbConnection, id: i64) -> ApiResult<()> {
    get(conn, id)?;
    let children: i64 = localities::table.filter(localities::parent_id.eq(id)).count().get_result(conn)?;
    let orgs: i64 = organizations::table.filter(organizations::locality_id.eq(id)).count().get_result(conn)?;
    let events: i64 = signing_events::table.filter(signing_events::locality_id.eq(id)).count().get_result(conn)?;
    let tokens: i64 = api_tokens::table.filter(api_tokens::locality_id.eq(id)).count().get_result(conn)?;
    ApiError::refuse_if_used(
        Entity::Locality,
        &[
            ("children", Dependents::ChildLocalities, children),
            ("organizations", Dependents::Organizations, orgs),
            ("signing_events", Dependents::SigningEvents, events),
            ("tokens", Dependents::Tokens, tokens),
        ],
    )?;
    diesel::delete(localities::table.find(id)).execute(conn)?;
    Ok(())
}

/// Ordered by name key, then id.
pub fn list(conn: &mut DbConnection, filter: &LocalityFilter, page: Page) -> ApiResult<ListPage<Locality>> {
    let query = || {
        let mut q = localities::table.into_boxed();
        if let Some(level) = filter.level {
            q = q.filter(localities::level.eq(level.as_str()));
        }
        if let Some(parent) = filter.parent_id {
            q = q.filter(localities::parent_id.eq(parent));
        }
        for pattern in filter.q.as_deref().map(search_patterns).unwrap_or_default() {
            q = q.filter(localities::search_text.like(pattern));
        }
        q
    };
    let (rows, total) = page_of!(conn, query, (localities::name_key.asc(), localities::id.asc()), page, Row);
    Ok(ListPage::new(rows.into_iter().map(Locality::from).collect(), total, page))
}

// A locality's own locality is itself; only admins write localities.
record_by_module!(Locality, LocalityInput, Entity::Locality, |l, _| Ok(Some(l.id)));
