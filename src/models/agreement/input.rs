//! What an agreement is made from, and the rules it must follow before it is stored.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::{exists, Period};
use crate::db::schema::signing_events;
use crate::db::DbConnection;
use crate::error::{ApiResult, FieldErrors};
use crate::messages::{Entity, Msg};
use crate::models::enums::{AgreementKind, AgreementStatus, DirectiveRelation, EventKind, PartyRole};
use crate::models::{check_texts, clean_all, directive, opt_date, organization, validate_into};
use crate::text;

#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "Quy chế phối hợp công tác đối ngoại nhân dân giai đoạn 2022–2025", "kind": "coordination_regulation", "period": {"start_year": 2022, "end_year": 2025}, "parties": [{"organization_id": 19, "role": "lead"}, {"organization_id": 20, "role": "signatory"}], "directives": [{"symbol": "12-CT/TW", "relation": "implements"}]}))]
pub struct AgreementInput {
    /// The agreement's number where it came from ("KH-07/2023"): an import matches by it.
    #[serde(default)]
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub external_id: Option<String>,
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
    input.external_id = text::clean_opt(input.external_id.as_deref());
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

/// The registered agreement an input is the same as, by its natural key: its external id when
/// it has one, else its title, period and lead party (an import matches a row to it).
pub fn registered(conn: &mut DbConnection, input: &AgreementInput) -> QueryResult<Option<i64>> {
    use crate::db::schema::{agreements, parties};
    if let Some(external) = &input.external_id {
        return agreements::table
            .filter(agreements::external_id.eq(external))
            .order(agreements::id)
            .select(agreements::id)
            .first(conn)
            .optional();
    }
    let Some(lead) = input.parties.iter().find(|p| p.role == PartyRole::Lead) else { return Ok(None) };
    agreements::table
        .inner_join(parties::table)
        .filter(agreements::title.eq(text::clean(&input.title)))
        .filter(agreements::start_year.eq(input.period.start_year))
        .filter(agreements::end_year.eq(input.period.end_year))
        .filter(parties::organization_id.eq(lead.organization_id))
        .filter(parties::role.eq(PartyRole::Lead.as_str()))
        .order(agreements::id)
        .select(agreements::id)
        .first(conn)
        .optional()
}
