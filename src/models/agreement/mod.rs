//! Agreements: the signed plans, programs and regulations, with their parties, the directives
//! they implement or cite, and their main tasks. What they are made from and the rules they
//! follow are in `input`; the officials' lists in `list` (and `linked`, `places`), the
//! agreements under a directive's tree in `referring`.

mod input;
mod linked;
mod list;
mod places;
mod referring;

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::db::schema::{agreement_directives, agreement_tasks, agreements, directives, organizations, parties};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::{Dependents, Entity};
use crate::models::enums::{AgreementKind, AgreementStatus, DirectiveRelation, PartyRole};
use crate::models::record::{new_id, record_by_module};
use crate::models::{agreement_locality, checked, search, this_year};
use crate::text;

pub use input::{check, registered, AgreementInput, DirectiveRefInput, PartyInput};
pub use list::{explain, facts, list, ordered_ids, AgreementFilter, DirectiveRef, Fact};
pub use places::After;
pub use referring::{referring_to, AgreementSummary};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[validate(range(min = 1945, max = 2100))]
    #[schema(minimum = 1945, maximum = 2100)]
    pub start_year: i32,
    #[validate(range(min = 1945, max = 2100))]
    #[schema(minimum = 1945, maximum = 2100)]
    pub end_year: i32,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Agreement {
    pub id: i64,
    /// The agreement's number where it came from (a province's spreadsheet, an office's register).
    pub external_id: Option<String>,
    pub title: String,
    pub kind: AgreementKind,
    pub topic: Option<String>,
    pub period: Period,
    pub signed_on: Option<NaiveDate>,
    pub signing_event_id: Option<i64>,
    pub status: AgreementStatus,
    pub replaces_id: Option<i64>,
    pub locality_id: Option<i64>,
    pub parties: Vec<Party>,
    pub directives: Vec<AgreementDirective>,
    pub tasks: Vec<String>,
    pub source_url: Option<String>,
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Party {
    pub organization_id: i64,
    pub organization_name: String,
    pub role: PartyRole,
    pub signatory_name: Option<String>,
    pub signatory_title: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgreementDirective {
    pub directive_id: i64,
    pub symbol: String,
    pub relation: DirectiveRelation,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = agreements)]
pub(crate) struct Row {
    pub(crate) id: i64,
    title: String,
    kind: String,
    topic: Option<String>,
    start_year: i32,
    end_year: i32,
    signed_on: Option<NaiveDate>,
    signing_event_id: Option<i64>,
    /// The status a person decided (terminated, superseded), if any; the column's name is older.
    #[diesel(column_name = status_override)]
    decided_status: Option<String>,
    replaces_id: Option<i64>,
    source_url: Option<String>,
    published_on: Option<NaiveDate>,
    locality_id: Option<i64>,
    external_id: Option<String>,
}

impl Row {
    /// The status in `year`: the one decided, else the one the period gives.
    pub(crate) fn status(&self, year: i32) -> AgreementStatus {
        let decided = self.decided_status.as_deref().and_then(AgreementStatus::parse);
        AgreementStatus::derive(decided, self.start_year, self.end_year, year)
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = agreements, treat_none_as_null = true)]
struct Columns<'a> {
    title: &'a str,
    kind: &'static str,
    topic: Option<&'a str>,
    start_year: i32,
    end_year: i32,
    signed_on: Option<NaiveDate>,
    signing_event_id: Option<i64>,
    #[diesel(column_name = status_override)]
    decided_status: Option<&'static str>,
    replaces_id: Option<i64>,
    source_url: Option<&'a str>,
    published_on: Option<NaiveDate>,
    search_text: String,
    external_id: Option<&'a str>,
}

fn columns(input: &AgreementInput) -> Columns<'_> {
    Columns {
        title: &input.title,
        kind: input.kind.as_str(),
        topic: input.topic.as_deref(),
        start_year: input.period.start_year,
        end_year: input.period.end_year,
        signed_on: input.signed_on,
        signing_event_id: input.signing_event_id,
        decided_status: input.status.map(AgreementStatus::as_str),
        replaces_id: input.replaces_id,
        source_url: input.source_url.as_deref(),
        published_on: input.published_on,
        search_text: text::search_text([Some(input.title.as_str()), input.topic.as_deref()].into_iter().flatten()),
        external_id: input.external_id.as_deref(),
    }
}

fn assemble(conn: &mut DbConnection, rows: Vec<Row>) -> ApiResult<Vec<Agreement>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut party_map: HashMap<i64, Vec<Party>> = HashMap::new();
    // Put in order here rather than by the query: SQLite would sort every column of every row
    // in a temporary b-tree, which cost a third of an export's read.
    let mut found = parties::table
        .inner_join(organizations::table)
        .filter(parties::agreement_id.eq_any(&ids))
        .select((
            (parties::agreement_id, parties::seq),
            parties::organization_id,
            organizations::name,
            parties::role,
            parties::signatory_name,
            parties::signatory_title,
        ))
        .load::<((i64, i32), i64, String, String, Option<String>, Option<String>)>(conn)?;
    found.sort_by_key(|row| row.0);
    for ((agreement_id, _), organization_id, organization_name, role, signatory_name, signatory_title) in found {
        party_map.entry(agreement_id).or_default().push(Party {
            organization_id,
            organization_name,
            role: PartyRole::parse(&role).unwrap_or(PartyRole::Signatory),
            signatory_name,
            signatory_title,
        });
    }
    let mut directive_map: HashMap<i64, Vec<AgreementDirective>> = HashMap::new();
    for (agreement_id, directive_id, symbol, relation) in agreement_directives::table
        .inner_join(directives::table)
        .filter(agreement_directives::agreement_id.eq_any(&ids))
        .order((
            agreement_directives::agreement_id,
            directives::issued_on.is_null(),
            directives::issued_on,
            directives::id,
        ))
        .select((
            agreement_directives::agreement_id,
            directives::id,
            directives::symbol,
            agreement_directives::relation,
        ))
        .load::<(i64, i64, String, String)>(conn)?
    {
        directive_map.entry(agreement_id).or_default().push(AgreementDirective {
            directive_id,
            symbol,
            relation: DirectiveRelation::parse(&relation).unwrap_or(DirectiveRelation::Cites),
        });
    }
    let mut task_map: HashMap<i64, Vec<String>> = HashMap::new();
    for (agreement_id, task) in agreement_tasks::table
        .filter(agreement_tasks::agreement_id.eq_any(&ids))
        .order((agreement_tasks::agreement_id, agreement_tasks::seq))
        .select((agreement_tasks::agreement_id, agreement_tasks::task))
        .load::<(i64, String)>(conn)?
    {
        task_map.entry(agreement_id).or_default().push(task);
    }
    let year = this_year();
    Ok(rows
        .into_iter()
        .map(|r| Agreement {
            parties: party_map.remove(&r.id).unwrap_or_default(),
            directives: directive_map.remove(&r.id).unwrap_or_default(),
            tasks: task_map.remove(&r.id).unwrap_or_default(),
            status: r.status(year),
            kind: AgreementKind::parse(&r.kind).unwrap_or(AgreementKind::Other),
            period: Period { start_year: r.start_year, end_year: r.end_year },
            locality_id: r.locality_id,
            id: r.id,
            title: r.title,
            topic: r.topic,
            signed_on: r.signed_on,
            signing_event_id: r.signing_event_id,
            replaces_id: r.replaces_id,
            source_url: r.source_url,
            published_on: r.published_on,
            external_id: r.external_id,
        })
        .collect())
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Agreement> {
    let row = agreements::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::not_found(Entity::Agreement, id))?;
    Ok(assemble(conn, vec![row])?.remove(0))
}

/// The `n` agreements registered last (highest ids first): what the home page shows as new.
/// The agreements of `ids`, in that order.
pub fn in_order(conn: &mut DbConnection, ids: &[i64]) -> ApiResult<Vec<Agreement>> {
    let rows = places::rows_in_order(conn, ids)?;
    assemble(conn, rows)
}

pub fn latest(conn: &mut DbConnection, n: i64) -> ApiResult<Vec<Agreement>> {
    let rows = agreements::table.order(agreements::id.desc()).limit(n).select(Row::as_select()).load(conn)?;
    assemble(conn, rows)
}

pub fn exists(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    Ok(agreements::table.find(id).count().get_result::<i64>(conn)? > 0)
}

pub fn input_of(conn: &mut DbConnection, id: i64) -> ApiResult<AgreementInput> {
    let a = get(conn, id)?;
    Ok(AgreementInput {
        external_id: a.external_id,
        title: a.title,
        kind: a.kind,
        topic: a.topic,
        period: a.period,
        signed_on: a.signed_on,
        signing_event_id: a.signing_event_id,
        status: Some(a.status).filter(|s| s.is_decided()),
        replaces_id: a.replaces_id,
        parties: a
            .parties
            .into_iter()
            .map(|p| PartyInput {
                organization_id: p.organization_id,
                role: p.role,
                signatory_name: p.signatory_name,
                signatory_title: p.signatory_title,
            })
            .collect(),
        directives: a
            .directives
            .into_iter()
            .map(|d| DirectiveRefInput { directive_id: Some(d.directive_id), symbol: None, relation: d.relation })
            .collect(),
        tasks: a.tasks,
        source_url: a.source_url,
        published_on: a.published_on,
    })
}

/// Creates an agreement; `id` is given only to restore a deleted one under its old id.
pub fn create(conn: &mut DbConnection, id: Option<i64>, input: AgreementInput) -> ApiResult<Agreement> {
    let input = checked(|errs| check(conn, None, input, false, errs))?;
    let id = insert_unchecked(conn, id, &input)?;
    get(conn, id)
}

pub fn update(conn: &mut DbConnection, id: i64, input: AgreementInput) -> ApiResult<Agreement> {
    get(conn, id)?;
    let input = checked(|errs| check(conn, Some(id), input, false, errs))?;
    diesel::update(agreements::table.find(id)).set(columns(&input)).execute(conn)?;
    diesel::delete(parties::table.filter(parties::agreement_id.eq(id))).execute(conn)?;
    diesel::delete(agreement_directives::table.filter(agreement_directives::agreement_id.eq(id))).execute(conn)?;
    diesel::delete(agreement_tasks::table.filter(agreement_tasks::agreement_id.eq(id))).execute(conn)?;
    insert_children(conn, id, &input)?;
    agreement_locality::refresh(conn, &[id])?;
    get(conn, id)
}

/// Stores an input without checking it: for input `check` passed, and for the benchmark
/// generator, which makes only valid records. Answers the id (`id` itself, when given).
pub fn insert_unchecked(conn: &mut DbConnection, id: Option<i64>, input: &AgreementInput) -> ApiResult<i64> {
    let id = new_id(conn, Entity::Agreement, id)?;
    let id: i64 = diesel::insert_into(agreements::table)
        .values((columns(input), id.map(|id| agreements::id.eq(id))))
        .returning(agreements::id)
        .get_result(conn)?;
    insert_children(conn, id, input)?;
    agreement_locality::refresh(conn, &[id])?;
    Ok(id)
}

fn insert_children(conn: &mut DbConnection, id: i64, input: &AgreementInput) -> QueryResult<()> {
    // The links carry their agreement's place in the lists' order (migration 000008); they are
    // written anew with every change of the agreement, so the place follows its period.
    let place = search::order_key(input.period.start_year, id);
    let party_rows: Vec<_> = input
        .parties
        .iter()
        .enumerate()
        .map(|(seq, p)| {
            (
                parties::agreement_id.eq(id),
                parties::organization_id.eq(p.organization_id),
                parties::seq.eq(seq as i32),
                parties::role.eq(p.role.as_str()),
                parties::signatory_name.eq(p.signatory_name.as_deref()),
                parties::signatory_title.eq(p.signatory_title.as_deref()),
                parties::agreement_order.eq(place),
            )
        })
        .collect();
    // One statement per row: the multi-backend connection has no portable multi-row VALUES.
    for row in party_rows {
        diesel::insert_into(parties::table).values(row).execute(conn)?;
    }
    let directive_rows: Vec<_> = input
        .directives
        .iter()
        .filter_map(|d| {
            d.directive_id.map(|directive_id| {
                (
                    agreement_directives::agreement_id.eq(id),
                    agreement_directives::directive_id.eq(directive_id),
                    agreement_directives::relation.eq(d.relation.as_str()),
                    agreement_directives::agreement_order.eq(place),
                )
            })
        })
        .collect();
    // One statement per row: the multi-backend connection has no portable multi-row VALUES.
    for row in directive_rows {
        diesel::insert_into(agreement_directives::table).values(row).execute(conn)?;
    }
    let task_rows: Vec<_> = input
        .tasks
        .iter()
        .enumerate()
        .map(|(seq, task)| {
            (agreement_tasks::agreement_id.eq(id), agreement_tasks::seq.eq(seq as i32), agreement_tasks::task.eq(task))
        })
        .collect();
    // One statement per row: the multi-backend connection has no portable multi-row VALUES.
    for row in task_rows {
        diesel::insert_into(agreement_tasks::table).values(row).execute(conn)?;
    }
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: i64) -> ApiResult<()> {
    get(conn, id)?;
    let replaced_by: i64 = agreements::table.filter(agreements::replaces_id.eq(id)).count().get_result(conn)?;
    ApiError::refuse_if_used(Entity::Agreement, &[("replaced_by", Dependents::Replacements, replaced_by)])?;
    diesel::delete(agreements::table.find(id)).execute(conn)?;
    Ok(())
}

pub fn parties_of(conn: &mut DbConnection, id: i64) -> ApiResult<Vec<Party>> {
    Ok(get(conn, id)?.parties)
}

record_by_module!(Agreement, AgreementInput, Entity::Agreement, |a, _| Ok(a.locality_id), named: |a| a
    .parties
    .iter()
    .enumerate()
    .map(|(i, p)| (format!("parties[{i}].organization_id"), p.organization_id, p.role == PartyRole::Lead))
    .collect());
