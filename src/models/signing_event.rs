//! Signing events (lễ / hội nghị ký kết) and other recorded events (briefings, reviews), with
//! their attendees. A signing event is registered together with the agreements signed at it.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::db::schema::{agreements, event_attendees, organizations, signing_events};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldErrors};
use crate::messages::{Dependents, Entity, Msg};
use crate::models::agreement::{self, AgreementInput};
use crate::models::enums::EventKind;
use crate::models::page::{page_of, ListPage, Page};
use crate::models::record::{new_id, record_by_module};
use crate::models::{agreement_locality, Reach};
use crate::models::{locality, locality_tree, opt_date, organization, search_patterns, validate_into};
use crate::text;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SigningEvent {
    pub id: i64,
    pub kind: EventKind,
    pub title: String,
    pub held_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub locality_id: Option<i64>,
    pub host_id: Option<i64>,
    pub attendees: Vec<Attendee>,
    pub agreement_ids: Vec<i64>,
    /// What the source leaves open, e.g. "29/7; the article gives no year".
    pub notes: Option<String>,
    pub source_url: Option<String>,
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub position: Option<String>,
    #[serde(default)]
    pub organization_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "signing", "title": "Hội nghị ký kết chương trình phối hợp 2025–2030", "held_on": "2025-03-26", "locality_id": 3, "host_id": 13, "agreements": [{"title": "Chương trình phối hợp công tác đối ngoại nhân dân giai đoạn 2025–2030", "kind": "coordination_program", "period": {"start_year": 2025, "end_year": 2030}, "parties": [{"organization_id": 13, "role": "lead"}, {"organization_id": 16}], "directives": [{"symbol": "Chỉ thị số 12-CT/TW"}]}]}))]
pub struct SigningEventInput {
    #[serde(default = "signing")]
    pub kind: EventKind,
    #[validate(length(min = 1, max = 500))]
    #[schema(min_length = 1, max_length = 500)]
    pub title: String,
    #[serde(default, deserialize_with = "opt_date")]
    pub held_on: Option<NaiveDate>,
    #[serde(default)]
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub place: Option<String>,
    #[serde(default)]
    pub locality_id: Option<i64>,
    #[serde(default)]
    pub host_id: Option<i64>,
    #[serde(default)]
    #[validate(length(max = 500), nested)]
    #[schema(max_items = 500)]
    pub attendees: Vec<Attendee>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub source_url: Option<String>,
    #[serde(default, deserialize_with = "opt_date")]
    pub published_on: Option<NaiveDate>,
    /// The agreements signed at the event, registered with it in one transaction (create only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[validate(length(max = 100))]
    #[schema(max_items = 100)]
    pub agreements: Vec<AgreementInput>,
}

fn signing() -> EventKind {
    EventKind::Signing
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = signing_events)]
struct Row {
    id: i64,
    kind: String,
    title: String,
    held_on: Option<NaiveDate>,
    place: Option<String>,
    locality_id: Option<i64>,
    host_id: Option<i64>,
    notes: Option<String>,
    source_url: Option<String>,
    published_on: Option<NaiveDate>,
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = signing_events, treat_none_as_null = true)]
struct Columns<'a> {
    kind: &'static str,
    title: &'a str,
    held_on: Option<NaiveDate>,
    place: Option<&'a str>,
    locality_id: Option<i64>,
    host_id: Option<i64>,
    notes: Option<&'a str>,
    source_url: Option<&'a str>,
    published_on: Option<NaiveDate>,
    search_text: String,
}

fn columns(input: &SigningEventInput) -> Columns<'_> {
    Columns {
        kind: input.kind.as_str(),
        title: &input.title,
        held_on: input.held_on,
        place: input.place.as_deref(),
        locality_id: input.locality_id,
        host_id: input.host_id,
        notes: input.notes.as_deref(),
        source_url: input.source_url.as_deref(),
        published_on: input.published_on,
        search_text: text::search_text([Some(input.title.as_str()), input.place.as_deref()].into_iter().flatten()),
    }
}

#[derive(Default)]
pub struct SigningEventFilter {
    pub kind: Option<EventKind>,
    pub locality: Option<i64>,
    pub host_id: Option<i64>,
    pub held_from: Option<NaiveDate>,
    pub held_to: Option<NaiveDate>,
    pub q: Option<String>,
}

fn assemble(conn: &mut DbConnection, rows: Vec<Row>) -> ApiResult<Vec<SigningEvent>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut attendees: HashMap<i64, Vec<Attendee>> = HashMap::new();
    for (event, name, position, organization_id) in event_attendees::table
        .filter(event_attendees::signing_event_id.eq_any(&ids))
        .order((event_attendees::signing_event_id, event_attendees::seq))
        .select((
            event_attendees::signing_event_id,
            event_attendees::name,
            event_attendees::position,
            event_attendees::organization_id,
        ))
        .load::<(i64, String, Option<String>, Option<i64>)>(conn)?
    {
        attendees.entry(event).or_default().push(Attendee { name, position, organization_id });
    }
    let mut signed: HashMap<i64, Vec<i64>> = HashMap::new();
    for (event, agreement) in agreements::table
        .filter(agreements::signing_event_id.eq_any(&ids))
        .order(agreements::id)
        .select((agreements::signing_event_id.assume_not_null(), agreements::id))
        .load::<(i64, i64)>(conn)?
    {
        signed.entry(event).or_default().push(agreement);
    }
    Ok(rows
        .into_iter()
        .map(|r| SigningEvent {
            attendees: attendees.remove(&r.id).unwrap_or_default(),
            agreement_ids: signed.remove(&r.id).unwrap_or_default(),
            kind: EventKind::parse(&r.kind).unwrap_or(EventKind::Signing),
            id: r.id,
            title: r.title,
            held_on: r.held_on,
            place: r.place,
            locality_id: r.locality_id,
            host_id: r.host_id,
            notes: r.notes,
            source_url: r.source_url,
            published_on: r.published_on,
        })
        .collect())
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<SigningEvent> {
    let row = signing_events::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::not_found(Entity::SigningEvent, id))?;
    Ok(assemble(conn, vec![row])?.remove(0))
}

pub fn input_of(conn: &mut DbConnection, id: i64) -> ApiResult<SigningEventInput> {
    let e = get(conn, id)?;
    Ok(SigningEventInput {
        kind: e.kind,
        title: e.title,
        held_on: e.held_on,
        place: e.place,
        locality_id: e.locality_id,
        host_id: e.host_id,
        attendees: e.attendees,
        notes: e.notes,
        source_url: e.source_url,
        published_on: e.published_on,
        agreements: Vec::new(),
    })
}

/// Registers an event with the agreements signed at it: all of it is checked first, every
/// problem reported at once (`agreements[1].parties`, …), and only then is anything stored.
/// `id` is given only to restore a deleted event under its old id.
pub fn create(conn: &mut DbConnection, id: Option<i64>, input: SigningEventInput) -> ApiResult<SigningEvent> {
    let mut errs = FieldErrors::default();
    let mut input = check(conn, input, &mut errs)?;
    let mut signed = Vec::new();
    for (i, agreement) in std::mem::take(&mut input.agreements).into_iter().enumerate() {
        let mut found = FieldErrors::default();
        signed.push(agreement::check(conn, None, agreement, true, &mut found)?);
        errs.absorb(&format!("agreements[{i}]."), found);
    }
    if !signed.is_empty() && input.kind != EventKind::Signing {
        errs.add("kind", Msg::NotASigningEvent);
    }
    errs.into_result()?;
    let id = insert_unchecked(conn, id, &input)?;
    for mut agreement in signed {
        agreement.signing_event_id = Some(id);
        // Signed at the event, so on its date unless the agreement says otherwise.
        agreement.signed_on = agreement.signed_on.or(input.held_on);
        agreement::insert_unchecked(conn, None, &agreement)?;
    }
    get(conn, id)
}

pub fn update(conn: &mut DbConnection, id: i64, input: SigningEventInput) -> ApiResult<SigningEvent> {
    let current = get(conn, id)?;
    let mut errs = FieldErrors::default();
    if !input.agreements.is_empty() {
        errs.add("agreements", Msg::CreateOnly);
    }
    let input = check(conn, input, &mut errs)?;
    if input.kind != EventKind::Signing && !current.agreement_ids.is_empty() {
        errs.add("kind", Msg::NotASigningEvent);
    }
    errs.into_result()?;
    diesel::update(signing_events::table.find(id)).set(columns(&input)).execute(conn)?;
    diesel::delete(event_attendees::table.filter(event_attendees::signing_event_id.eq(id))).execute(conn)?;
    insert_attendees(conn, id, &input.attendees)?;
    let signed = agreement_locality::decided_by_event(conn, id)?;
    agreement_locality::refresh(conn, &signed)?;
    get(conn, id)
}

/// Stores an event (its agreements apart) without checking it: for input `check` passed, and for
/// the benchmark generator. Answers the id (`id` itself, when given).
pub fn insert_unchecked(conn: &mut DbConnection, id: Option<i64>, input: &SigningEventInput) -> ApiResult<i64> {
    let id = new_id(conn, Entity::SigningEvent, id)?;
    let id: i64 = diesel::insert_into(signing_events::table)
        .values((columns(input), id.map(|id| signing_events::id.eq(id))))
        .returning(signing_events::id)
        .get_result(conn)?;
    insert_attendees(conn, id, &input.attendees)?;
    Ok(id)
}

fn insert_attendees(conn: &mut DbConnection, id: i64, attendees: &[Attendee]) -> QueryResult<()> {
    for (seq, a) in attendees.iter().enumerate() {
        diesel::insert_into(event_attendees::table)
            .values((
                event_attendees::signing_event_id.eq(id),
                event_attendees::seq.eq(seq as i32),
                event_attendees::name.eq(&a.name),
                event_attendees::position.eq(a.position.as_deref()),
                event_attendees::organization_id.eq(a.organization_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn check(
    conn: &mut DbConnection,
    mut input: SigningEventInput,
    errs: &mut FieldErrors,
) -> ApiResult<SigningEventInput> {
    input.title = text::clean(&input.title);
    input.place = text::clean_opt(input.place.as_deref());
    input.notes = text::clean_opt(input.notes.as_deref());
    input.source_url = text::clean_opt(input.source_url.as_deref());
    for a in &mut input.attendees {
        a.name = text::clean(&a.name);
        a.position = text::clean_opt(a.position.as_deref());
    }
    validate_into(&input, errs);
    crate::models::check_web_address("source_url", input.source_url.as_deref(), errs);
    if let Some(locality_id) = input.locality_id {
        if !locality::exists(conn, locality_id)? {
            errs.add("locality_id", Msg::RecordNotFound(Entity::Locality, locality_id));
        }
    }
    let mut org_refs: Vec<(String, i64)> = input.host_id.map(|h| ("host_id".to_string(), h)).into_iter().collect();
    for (i, a) in input.attendees.iter().enumerate() {
        if let Some(org) = a.organization_id {
            org_refs.push((format!("attendees[{i}].organization_id"), org));
        }
    }
    let missing = organization::missing(conn, &org_refs.iter().map(|(_, id)| *id).collect::<Vec<_>>())?;
    for (field, org) in org_refs {
        if missing.contains(&org) {
            errs.add(field, Msg::RecordNotFound(Entity::Organization, org));
        }
    }
    Ok(input)
}

pub fn delete(conn: &mut DbConnection, id: i64) -> ApiResult<()> {
    let event = get(conn, id)?;
    ApiError::refuse_if_used(
        Entity::SigningEvent,
        &[("agreements", Dependents::Agreements, event.agreement_ids.len() as i64)],
    )?;
    diesel::delete(signing_events::table.find(id)).execute(conn)?;
    Ok(())
}

/// Ordered by date (newest first, undated last), then newest registration first.
pub fn list(conn: &mut DbConnection, filter: &SigningEventFilter, page: Page) -> ApiResult<ListPage<SigningEvent>> {
    let query = || {
        let mut q = signing_events::table.into_boxed();
        if let Some(kind) = filter.kind {
            q = q.filter(signing_events::kind.eq(kind.as_str()));
        }
        if let Some(root) = filter.locality {
            q = q.filter(locality_tree::inside("signing_events.locality_id", root, Reach::Lookup));
        }
        if let Some(host) = filter.host_id {
            q = q.filter(signing_events::host_id.eq(host));
        }
        if let Some(from) = filter.held_from {
            q = q.filter(signing_events::held_on.ge(from));
        }
        if let Some(to) = filter.held_to {
            q = q.filter(signing_events::held_on.le(to));
        }
        for pattern in filter.q.as_deref().map(search_patterns).unwrap_or_default() {
            q = q.filter(signing_events::search_text.like(pattern));
        }
        q
    };
    let (rows, total) = page_of!(
        conn,
        query,
        (signing_events::held_on.is_null(), signing_events::held_on.desc(), signing_events::id.desc()),
        page,
        Row
    );
    Ok(ListPage::new(assemble(conn, rows)?, total, page))
}

/// Where an event was held; failing that, its host's locality.
fn held_in(event: &SigningEvent, conn: &mut DbConnection) -> QueryResult<Option<i64>> {
    match (event.locality_id, event.host_id) {
        (Some(l), _) => Ok(Some(l)),
        (None, Some(host)) => organizations::table
            .find(host)
            .select(organizations::locality_id)
            .first(conn)
            .optional()
            .map(Option::flatten),
        (None, None) => Ok(None),
    }
}

record_by_module!(SigningEvent, SigningEventInput, Entity::SigningEvent, held_in,
    created_with: |e| e.agreement_ids.iter().map(|id| (Entity::Agreement, *id)).collect(),
    locating: agreement_locality::decided_by_event,
    named: |e| e
        .host_id
        .map(|h| ("host_id".to_string(), h, false))
        .into_iter()
        .chain(e.attendees.iter().enumerate().filter_map(|(i, a)| {
            a.organization_id.map(|o| (format!("attendees[{i}].organization_id"), o, false))
        }))
        .collect());
