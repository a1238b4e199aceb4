//! The registration form read into the registry's input, the same `POST /signing-events` body
//! the API takes: what cannot be read (a date like 30/02/2024, a year that is no number, a name
//! that fits no organization) is a message beside its field, and the rest is still read so that
//! the registry's rules speak about it too.

use crate::api::idempotency;
use crate::api::write::{at_most_once, Answer};
use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::{ApiResult, FieldErrors};
use crate::models::agreement::{AgreementInput, DirectiveRefInput, PartyInput, Period};
use crate::models::enums::{AgreementKind, AgreementStatus, DirectiveRelation, EventKind, PartyRole};
use crate::models::record::Record;
use crate::models::signing_event::{Attendee, SigningEventInput};
use crate::registry::{self, Saved};
use crate::web::form::merged_result;
use crate::web::register::draft::{AgreementRows, Registration};

/// The registry's input the form holds; what could not be read is in `errs`.
pub fn input_of(form: &Registration, errs: &mut FieldErrors) -> SigningEventInput {
    let kind = form.kind.choice("kind", EventKind::parse, EventKind::allowed, errs).unwrap_or(EventKind::Signing);
    let attendees = form
        .attendees
        .iter()
        .map(|a| Attendee {
            name: a.name.0.clone(),
            position: a.position.optional(),
            organization_id: a.organization.chosen_id(),
        })
        .collect();
    SigningEventInput {
        kind,
        title: form.title.0.clone(),
        held_on: form.held_on.date("held_on", errs),
        place: form.place.optional(),
        locality_id: form.locality.chosen_id(),
        host_id: form.host.chosen_id(),
        attendees,
        notes: form.notes.optional(),
        source_url: form.source_url.optional(),
        published_on: form.published_on.date("published_on", errs),
        agreements: form.agreements.iter().enumerate().map(|(i, a)| agreement_of(a, i, errs)).collect(),
    }
}

pub fn agreement_of(a: &AgreementRows, i: usize, errs: &mut FieldErrors) -> AgreementInput {
    let at = |field: &str| format!("agreements[{i}].{field}");
    let year = |text: &crate::web::form::Text, field: &str, errs: &mut FieldErrors| {
        if text.is_blank() {
            errs.add(at(field), crate::messages::Msg::Required);
            return None;
        }
        text.int(&at(field), errs).map(|y| i32::try_from(y).unwrap_or(i32::MAX))
    };
    let start = year(&a.period.start_year, "period.start_year", errs);
    let end = year(&a.period.end_year, "period.end_year", errs);
    // A year that could not be read is said once, beside its field; the other stands in for it.
    let fallback = start.or(end).unwrap_or(crate::models::FIRST_YEAR);
    let parties = a
        .parties
        .iter()
        .enumerate()
        .map(|(j, p)| PartyInput {
            organization_id: p.organization.chosen_id().unwrap_or(0),
            role: p
                .role
                .choice(&at(&format!("parties[{j}].role")), PartyRole::parse, PartyRole::allowed, errs)
                .unwrap_or(PartyRole::Signatory),
            signatory_name: p.signatory_name.optional(),
            signatory_title: p.signatory_title.optional(),
        })
        .collect();
    let directives = a
        .directives
        .iter()
        .enumerate()
        .map(|(j, d)| {
            let directive_id = d.chosen_id();
            DirectiveRefInput {
                directive_id,
                symbol: directive_id.is_none().then(|| d.symbol.0.clone()),
                relation: d
                    .relation
                    .choice(
                        &at(&format!("directives[{j}].relation")),
                        DirectiveRelation::parse,
                        DirectiveRelation::allowed,
                        errs,
                    )
                    .unwrap_or(DirectiveRelation::Implements),
            }
        })
        .collect();
    AgreementInput {
        external_id: None,
        title: a.title.0.clone(),
        kind: a
            .kind
            .choice(&at("kind"), AgreementKind::parse, AgreementKind::allowed, errs)
            .unwrap_or(AgreementKind::Other),
        topic: a.topic.optional(),
        period: Period { start_year: start.unwrap_or(fallback), end_year: end.unwrap_or(fallback) },
        signed_on: a.signed_on.date(&at("signed_on"), errs),
        signing_event_id: None,
        status: if a.status.is_blank() {
            None
        } else {
            a.status.choice(&at("status"), AgreementStatus::parse, AgreementStatus::allowed, errs)
        },
        replaces_id: a.replaces_id.int(&at("replaces_id"), errs),
        parties,
        directives,
        tasks: a.tasks.0.lines().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect(),
        source_url: a.source_url.optional(),
        published_on: a.published_on.date(&at("published_on"), errs),
    }
}

/// Creates what a form holds as `actor`, unless the form has messages of its own (`errs`): then
/// nothing is kept, and the registry's messages about the other fields join the form's, so that
/// one answer says everything that is wrong.
pub fn create<R: Record>(
    c: &mut DbConnection,
    actor: &Actor,
    input: R::Input,
    errs: FieldErrors,
) -> ApiResult<Saved<R>> {
    merged_result(registry::create::<R>(c, actor, input), errs)
}

/// Creates what a new record's form holds, once per form: a second post of the same form (a
/// double click, a reload) answers the record the first made. `key` is the form's retry key,
/// kept per account as the API keeps them per token. Answers the record's id.
pub fn create_once<R: Record>(
    c: &mut DbConnection,
    actor: &Actor,
    key: &str,
    input: R::Input,
    errs: FieldErrors,
) -> ApiResult<i64> {
    let body = serde_json::to_value(&input).unwrap_or_default();
    let fingerprint = idempotency::fingerprint("POST", R::ENTITY.path(), &body);
    let key = Some(key.trim()).filter(|k| !k.is_empty() && k.len() <= 255);
    let answer = at_most_once(c, actor, key, &fingerprint, |c, actor| {
        let made = create::<R>(c, actor, input, errs)?;
        Ok(Answer::created(R::ENTITY, &made.record, made.record.id(), made.version))
    })?;
    Ok(answer.answer.location.as_deref().and_then(|l| l.rsplit('/').next()?.parse().ok()).unwrap_or_default())
}
