//! The generated signing events, each with the agreements signed at it.

use chrono::NaiveDate;

use super::names::*;
use super::random::Random;
use super::{Directives, Generated, Unit, Units};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::models::agreement::{self, AgreementInput, DirectiveRefInput, PartyInput, Period};
use crate::models::enums::{AgreementStatus, DirectiveRelation, EventKind, PartyRole};
use crate::models::signing_event::{self, SigningEventInput};

/// One signing event with one to three agreements (no more than `left`).
pub(super) fn signing_event(
    conn: &mut DbConnection,
    rng: &mut Random,
    units: &Units,
    directives: &Directives,
    left: usize,
    done: &mut Generated,
) -> ApiResult<()> {
    // Most signings are in communes, some in provinces, a few at the central level.
    let at = match rng.below(100) {
        0 => 0,
        1..=14 => *rng.pick(&units.provinces),
        _ => *rng.pick(&units.communes),
    };
    let unit = &units.all[at];
    let year = rng.between(2016, 2026) as i32;
    let held_on = NaiveDate::from_ymd_opt(year, rng.between(1, 12) as u32, rng.between(1, 28) as u32);
    let event = SigningEventInput {
        kind: EventKind::Signing,
        title: format!("Hội nghị ký kết chương trình phối hợp {} năm {year}", unit.name_in),
        held_on,
        place: Some(format!("Hội trường Ủy ban nhân dân {}", unit.name_in)),
        locality_id: Some(unit.locality_id),
        host_id: Some(unit.front_id),
        attendees: Vec::new(),
        notes: None,
        source_url: None,
        published_on: None,
        agreements: Vec::new(),
    };
    let event_id = signing_event::insert_unchecked(conn, None, &event)?;
    done.signing_events += 1;
    // A commune's plans may also be signed by the province's organizations.
    let pool: Vec<i64> = match unit.province.map(|p| &units.all[units.provinces[p]]) {
        Some(province) if province.locality_id != unit.locality_id => {
            unit.members.iter().chain(&province.members).chain([&province.front_id]).copied().collect()
        }
        _ => unit.members.clone(),
    };
    for _ in 0..(1 + rng.below(3)).min(left) {
        let input = agreement_at(rng, unit, &pool, directives, held_on, event_id);
        done.parties += input.parties.len();
        agreement::insert_unchecked(conn, None, &input)?;
        done.agreements += 1;
    }
    Ok(())
}

fn agreement_at(
    rng: &mut Random,
    unit: &Unit,
    pool: &[i64],
    directives: &Directives,
    held_on: Option<NaiveDate>,
    event_id: i64,
) -> AgreementInput {
    let (kind, kind_words) = *rng.pick(&AGREEMENT_KINDS);
    let topic = *rng.pick(&TOPICS);
    let start_year = held_on.map_or(2024, |d| chrono::Datelike::year(&d)) + rng.below(2) as i32;
    let end_year = start_year + *rng.pick(&[3, 4, 5]);
    let others = rng.between(1, 9).min(pool.len() as i64) as usize;
    let mut parties = vec![party(rng, unit.front_id, PartyRole::Lead)];
    for id in rng.sample(pool, others) {
        parties.push(party(rng, id, PartyRole::Signatory));
    }
    // Local plans implement the province's Front plan (and so, through the chain, the central
    // directive), and some cite the central directive too; central ones implement it directly.
    let c = rng.below(directives.central.len());
    let mut refs = Vec::new();
    match unit.province {
        Some(p) => {
            refs.push(directive_ref(directives.front_plans[p][c], DirectiveRelation::Implements));
            if rng.chance(30) {
                refs.push(directive_ref(directives.central[c], DirectiveRelation::Cites));
            }
        }
        None => refs.push(directive_ref(directives.central[c], DirectiveRelation::Implements)),
    }
    let task_count = rng.below(4);
    AgreementInput {
        external_id: None,
        title: format!("{kind_words} {topic} giai đoạn {start_year}–{end_year}"),
        kind,
        topic: Some(topic.to_string()),
        period: Period { start_year, end_year },
        signed_on: held_on,
        signing_event_id: Some(event_id),
        status: rng.chance(1).then_some(AgreementStatus::Terminated),
        replaces_id: None,
        parties,
        directives: refs,
        tasks: rng.sample(&TASKS, task_count).into_iter().map(str::to_string).collect(),
        source_url: None,
        published_on: None,
    }
}

fn party(rng: &mut Random, organization_id: i64, role: PartyRole) -> PartyInput {
    let named = role == PartyRole::Lead || rng.chance(50);
    PartyInput {
        organization_id,
        role,
        signatory_name: named.then(|| person(rng.below(100), rng.below(100), rng.below(100))),
        signatory_title: named.then(|| rng.pick(&SIGNATORY_TITLES).to_string()),
    }
}

fn directive_ref(id: i64, relation: DirectiveRelation) -> DirectiveRefInput {
    DirectiveRefInput { directive_id: Some(id), symbol: None, relation }
}
