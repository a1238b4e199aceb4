//! Agreements: the signed plans, programs and regulations, with their parties, the directives
//! they implement or cite, and their main tasks.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::db::schema::{
    agreement_directives, agreement_tasks, agreements, directives, organizations, parties, signing_events,
};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldErrors};
use crate::messages::{Dependents, Entity, Msg};
use crate::models::enums::{AgreementKind, AgreementStatus, DirectiveRelation, EventKind, OrganizationKind, PartyRole};
use crate::models::page::{ListPage, Page};
use crate::models::record::{new_id, record_by_module};
use crate::models::{
    agreement_locality, check_texts, clean_all, directive, opt_date, organization, search_patterns, this_year,
    validate_into,
};
use crate::text;

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

#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Quy chế phối hợp công tác đối ngoại nhân dân giai đoạn 2022–2025", "kind": "coordination_regulation", "period": {"start_year": 2022, "end_year": 2025}, "parties": [{"organization_id": 19, "role": "lead"}, {"organization_id": 20, "role": "signatory"}], "directives": [{"symbol": "12-CT/TW", "relation": "implements"}]}))]
pub struct AgreementInput {
    #[validate(length(min = 1, max = 1000))]
    #[schema(min_length = 1, max_length = 1000)]
    pub title: String,
    pub kind: AgreementKind,
    #[serde(default)]
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub topic: Option<String>,
    #[validate(nested)]
    pub period: Period,
    #[serde(default, deserialize_with = "opt_date")]
    pub signed_on: Option<NaiveDate>,
    #[serde(default)]
    pub signing_event_id: Option<i64>,
    /// Only a status a person decides (terminated, superseded); the others are derived.
    #[serde(default)]
    pub status: Option<AgreementStatus>,
    #[serde(default)]
    pub replaces_id: Option<i64>,
    #[validate(length(max = 200), nested)]
    #[schema(min_items = 2, max_items = 200)]
    pub parties: Vec<PartyInput>,
    #[serde(default)]
    #[validate(length(max = 100), nested)]
    #[schema(max_items = 100)]
    pub directives: Vec<DirectiveRefInput>,
    #[serde(default)]
    #[validate(length(max = 100))]
    #[schema(max_items = 100)]
    pub tasks: Vec<String>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub source_url: Option<String>,
    #[serde(default, deserialize_with = "opt_date")]
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyInput {
    pub organization_id: i64,
    #[serde(default = "signatory")]
    pub role: PartyRole,
    #[serde(default)]
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub signatory_name: Option<String>,
    /// The capacity in which the person signed (TM., KT., Chủ tịch…).
    #[serde(default)]
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub signatory_title: Option<String>,
}

fn signatory() -> PartyRole {
    PartyRole::Signatory
}

/// A reference to a directive, by id or by its symbol as a person writes it.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DirectiveRefInput {
    #[serde(default)]
    pub directive_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub symbol: Option<String>,
    #[serde(default = "implements")]
    pub relation: DirectiveRelation,
}

fn implements() -> DirectiveRelation {
    DirectiveRelation::Implements
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = agreements)]
struct Row {
    id: i64,
    title: String,
    kind: String,
    topic: Option<String>,
    start_year: i32,
    end_year: i32,
    signed_on: Option<NaiveDate>,
    signing_event_id: Option<i64>,
    status_override: Option<String>,
    replaces_id: Option<i64>,
    source_url: Option<String>,
    published_on: Option<NaiveDate>,
    locality_id: Option<i64>,
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
    status_override: Option<&'static str>,
    replaces_id: Option<i64>,
    source_url: Option<&'a str>,
    published_on: Option<NaiveDate>,
    search_text: String,
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
        status_override: input.status.map(AgreementStatus::as_str),
        replaces_id: input.replaces_id,
        source_url: input.source_url.as_deref(),
        published_on: input.published_on,
        search_text: text::search_text([Some(input.title.as_str()), input.topic.as_deref()].into_iter().flatten()),
    }
}

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
    pub directive: Option<DirectiveRef>,
    pub active_in: Option<i32>,
    pub locality: Option<i64>,
    pub q: Option<String>,
    pub signed_from: Option<NaiveDate>,
    pub signed_to: Option<NaiveDate>,
    pub status: Option<AgreementStatus>,
    pub signing_event_id: Option<i64>,
}

fn assemble(conn: &mut DbConnection, rows: Vec<Row>) -> ApiResult<Vec<Agreement>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut party_map: HashMap<i64, Vec<Party>> = HashMap::new();
    for (agreement_id, organization_id, organization_name, role, signatory_name, signatory_title) in parties::table
        .inner_join(organizations::table)
        .filter(parties::agreement_id.eq_any(&ids))
        .order((parties::agreement_id, parties::seq))
        .select((
            parties::agreement_id,
            parties::organization_id,
            organizations::name,
            parties::role,
            parties::signatory_name,
            parties::signatory_title,
        ))
        .load::<(i64, i64, String, String, Option<String>, Option<String>)>(conn)?
    {
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
        .map(|r| {
            let decided = r.status_override.as_deref().and_then(AgreementStatus::parse);
            Agreement {
                parties: party_map.remove(&r.id).unwrap_or_default(),
                directives: directive_map.remove(&r.id).unwrap_or_default(),
                tasks: task_map.remove(&r.id).unwrap_or_default(),
                status: AgreementStatus::derive(decided, r.start_year, r.end_year, year),
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
            }
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
            let decided = r.status_override.as_deref().and_then(AgreementStatus::parse);
            let summary = AgreementSummary {
                id: r.id,
                kind: AgreementKind::parse(&r.kind).unwrap_or(AgreementKind::Other),
                period: Period { start_year: r.start_year, end_year: r.end_year },
                status: AgreementStatus::derive(decided, r.start_year, r.end_year, year),
                relation: DirectiveRelation::parse(&relation).unwrap_or(DirectiveRelation::Cites),
                title: r.title,
            };
            (directive_id, summary, totals.get(&directive_id).copied().unwrap_or_default())
        })
        .collect())
}

pub fn exists(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    Ok(agreements::table.find(id).count().get_result::<i64>(conn)? > 0)
}

pub fn input_of(conn: &mut DbConnection, id: i64) -> ApiResult<AgreementInput> {
    let a = get(conn, id)?;
    Ok(AgreementInput {
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
    let mut errs = FieldErrors::default();
    let input = check(conn, None, input, false, &mut errs)?;
    errs.into_result()?;
    let id = insert_unchecked(conn, id, &input)?;
    get(conn, id)
}

pub fn update(conn: &mut DbConnection, id: i64, input: AgreementInput) -> ApiResult<Agreement> {
    get(conn, id)?;
    let mut errs = FieldErrors::default();
    let input = check(conn, Some(id), input, false, &mut errs)?;
    errs.into_result()?;
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

/// Cleans and checks an agreement, adding what is wrong to `errs`; answers the input with every
/// directive reference resolved to an id. `in_event`: registered inside a new signing event,
/// which then sets `signing_event_id` itself.
pub fn check(
    conn: &mut DbConnection,
    id: Option<i64>,
    mut input: AgreementInput,
    in_event: bool,
    errs: &mut FieldErrors,
) -> ApiResult<AgreementInput> {
    input.title = text::clean(&input.title);
    input.topic = text::clean_opt(input.topic.as_deref());
    input.source_url = text::clean_opt(input.source_url.as_deref());
    clean_all(&mut input.tasks);
    for party in &mut input.parties {
        party.signatory_name = text::clean_opt(party.signatory_name.as_deref());
        party.signatory_title = text::clean_opt(party.signatory_title.as_deref());
    }
    validate_into(&input, errs);
    check_texts("tasks", &input.tasks, 2000, errs);
    crate::models::check_web_address("source_url", input.source_url.as_deref(), errs);
    if input.period.end_year < input.period.start_year {
        errs.add("period.end_year", Msg::PeriodOrder);
    }
    if input.status.is_some_and(|s| !s.is_decided()) {
        errs.add("status", Msg::StatusDerived);
    }
    if let Some(replaces) = input.replaces_id {
        if Some(replaces) == id {
            errs.add("replaces_id", Msg::SelfReference);
        } else if !exists(conn, replaces)? {
            errs.add("replaces_id", Msg::RecordNotFound(Entity::Agreement, replaces));
        }
    }
    match (in_event, input.signing_event_id) {
        (true, Some(_)) => errs.add("signing_event_id", Msg::SetByEvent),
        (false, Some(event)) => {
            let kind: Option<String> =
                signing_events::table.find(event).select(signing_events::kind).first(conn).optional()?;
            match kind {
                None => errs.add("signing_event_id", Msg::RecordNotFound(Entity::SigningEvent, event)),
                Some(kind) if kind != EventKind::Signing.as_str() => {
                    errs.add("signing_event_id", Msg::NotASigningEvent)
                }
                Some(_) => {}
            }
        }
        (_, None) => {}
    }
    check_parties(conn, &input.parties, errs)?;
    resolve_directives(conn, &mut input.directives, errs)?;
    Ok(input)
}

fn check_parties(conn: &mut DbConnection, parties: &[PartyInput], errs: &mut FieldErrors) -> ApiResult<()> {
    if parties.len() < 2 {
        errs.add("parties", Msg::TooFewParties);
    }
    let ids: Vec<i64> = parties.iter().map(|p| p.organization_id).collect();
    let missing = organization::missing(conn, &ids)?;
    for (i, party) in parties.iter().enumerate() {
        let field = format!("parties[{i}].organization_id");
        if ids[..i].contains(&party.organization_id) {
            errs.add(field, Msg::DuplicateParty);
        } else if missing.contains(&party.organization_id) {
            errs.add(field, Msg::RecordNotFound(Entity::Organization, party.organization_id));
        }
    }
    Ok(())
}

fn resolve_directives(
    conn: &mut DbConnection,
    refs: &mut [DirectiveRefInput],
    errs: &mut FieldErrors,
) -> ApiResult<()> {
    let given: Vec<i64> = refs.iter().filter_map(|r| r.directive_id).collect();
    let absent = directive::missing(conn, &given)?;
    let mut seen: Vec<i64> = Vec::new();
    for (i, reference) in refs.iter_mut().enumerate() {
        let resolved = match (reference.directive_id, reference.symbol.take()) {
            (Some(id), None) if absent.contains(&id) => {
                Err(("directive_id", Msg::RecordNotFound(Entity::Directive, id)))
            }
            (Some(id), None) => Ok(id),
            (None, Some(symbol)) => directive::resolve_one(conn, &text::clean(&symbol))?.map_err(|msg| ("symbol", msg)),
            _ => Err(("directive_id", Msg::DirectiveOrSymbol)),
        };
        match resolved {
            Ok(id) if seen.contains(&id) => errs.add(format!("directives[{i}]"), Msg::Repeated),
            Ok(id) => {
                seen.push(id);
                reference.directive_id = Some(id);
            }
            Err((field, msg)) => errs.add(format!("directives[{i}].{field}"), msg),
        }
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

/// Ordered by period (latest start first), then newest registration first.
pub fn list(conn: &mut DbConnection, filter: &AgreementFilter, page: Page) -> ApiResult<ListPage<Agreement>> {
    let directive_root = match &filter.directive {
        None => None,
        Some(DirectiveRef::Id(id)) => Some(*id),
        Some(DirectiveRef::Symbol(symbol)) => {
            let found = directive::resolve(conn, symbol)?
                .map_err(|why| ApiError::bad_param("directive", Msg::BadSymbol(why)))?;
            if found.is_empty() {
                return Ok(ListPage::new(Vec::new(), 0, page));
            }
            Some(directive::the_one(symbol, &found).map_err(|msg| ApiError::field("directive", msg))?)
        }
    };
    let year = this_year();
    let query = || {
        let mut q = agreements::table.into_boxed();
        for org in &filter.signed_by {
            q = q.filter(
                agreements::id
                    .eq_any(parties::table.filter(parties::organization_id.eq(*org)).select(parties::agreement_id)),
            );
        }
        if !filter.party_kind.is_empty() {
            let kinds: Vec<&str> = filter.party_kind.iter().map(|k| k.as_str()).collect();
            q = q.filter(
                agreements::id.eq_any(
                    parties::table
                        .inner_join(organizations::table)
                        .filter(organizations::kind.eq_any(kinds))
                        .select(parties::agreement_id),
                ),
            );
        }
        if let Some(kind) = filter.kind {
            q = q.filter(agreements::kind.eq(kind.as_str()));
        }
        if let Some(root) = directive_root {
            q = q.filter(directive::under(root));
        }
        if let Some(y) = filter.active_in {
            q = q.filter(agreements::start_year.le(y)).filter(agreements::end_year.ge(y));
        }
        if let Some(root) = filter.locality {
            q = q.filter(agreement_locality::within(root));
        }
        for pattern in filter.q.as_deref().map(search_patterns).unwrap_or_default() {
            q = q.filter(agreements::search_text.like(pattern));
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
        q = match filter.status {
            None => q,
            Some(s) if s.is_decided() => q.filter(agreements::status_override.eq(s.as_str())),
            Some(AgreementStatus::Upcoming) => q.filter(undecided).filter(agreements::start_year.gt(year)),
            Some(AgreementStatus::Expired) => q.filter(undecided).filter(agreements::end_year.lt(year)),
            Some(_) => {
                q.filter(undecided).filter(agreements::start_year.le(year)).filter(agreements::end_year.ge(year))
            }
        };
        q
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows: Vec<Row> = query()
        .order((agreements::start_year.desc(), agreements::id.desc()))
        .limit(page.limit)
        .offset(page.offset)
        .select(Row::as_select())
        .load(conn)?;
    Ok(ListPage::new(assemble(conn, rows)?, total, page))
}

// An agreement's locality is derived (see agreement_locality) and answered with it.
record_by_module!(Agreement, AgreementInput, Entity::Agreement, |a, _| Ok(a.locality_id), named: |a| a
    .parties
    .iter()
    .enumerate()
    .map(|(i, p)| (format!("parties[{i}].organization_id"), p.organization_id, p.role == PartyRole::Lead))
    .collect());
