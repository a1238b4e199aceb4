//! Ending and starting: the agreements whose period ends or starts within a window — a year,
//! or the days ahead. Periods are registered by year, so a period starts on 1 January of its
//! first year and ends on 31 December of its last.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::Serialize;

use super::{briefs, AgreementBrief};
use crate::db::schema::{agreements, organizations, parties};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::models::enums::{AgreementKind, PartyRole};
use crate::models::{directive, locality_tree, Reach};

#[derive(Debug, Clone)]
pub struct DueAsked {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Agreements of this locality and those inside it.
    pub locality: Option<i64>,
    pub directive: Option<i64>,
    pub kind: Option<AgreementKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DueEvent {
    Starts,
    Ends,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DueItem {
    pub event: DueEvent,
    pub on: NaiveDate,
    pub agreement: AgreementBrief,
    /// The name of its lead party, if it has one.
    pub lead: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DueReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// By date, then title.
    pub items: Vec<DueItem>,
}

fn first_day(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default()
}

fn last_day(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default()
}

pub fn due(c: &mut DbConnection, asked: DueAsked) -> ApiResult<DueReport> {
    let (first, last) = (asked.from.year(), asked.to.year());
    let mut q = agreements::table
        .filter(agreements::status_override.is_null())
        .filter(agreements::start_year.between(first, last).or(agreements::end_year.between(first, last)))
        .select((agreements::id, agreements::start_year, agreements::end_year))
        .into_boxed();
    if let Some(root) = asked.locality {
        q = q.filter(locality_tree::inside("agreements.locality_id", root, Reach::Lookup));
    }
    if let Some(root) = asked.directive {
        q = q.filter(directive::agreements_under(root, Reach::Lookup));
    }
    if let Some(kind) = asked.kind {
        q = q.filter(agreements::kind.eq(kind.as_str()));
    }
    let found: Vec<(i64, i32, i32)> = q.load(c)?;
    let within = |d: NaiveDate| asked.from <= d && d <= asked.to;
    let mut events: Vec<(i64, DueEvent, NaiveDate)> = Vec::new();
    for (id, start, end) in found {
        if within(first_day(start)) {
            events.push((id, DueEvent::Starts, first_day(start)));
        }
        if within(last_day(end)) {
            events.push((id, DueEvent::Ends, last_day(end)));
        }
    }
    let ids: Vec<i64> = events.iter().map(|(id, _, _)| *id).collect();
    let mut agreements: std::collections::HashMap<i64, AgreementBrief> =
        briefs(c, &ids)?.into_iter().map(|a| (a.id, a)).collect();
    let mut leads = std::collections::HashMap::new();
    for chunk in ids.chunks(10_000) {
        let rows: Vec<(i64, String)> = parties::table
            .inner_join(organizations::table)
            .filter(parties::agreement_id.eq_any(chunk))
            .filter(parties::role.eq(PartyRole::Lead.as_str()))
            .select((parties::agreement_id, organizations::name))
            .load(c)?;
        leads.extend(rows);
    }
    let mut items: Vec<DueItem> = events
        .into_iter()
        .filter_map(|(id, event, on)| {
            let agreement = match event {
                // An agreement both starting and ending in the window is listed twice.
                DueEvent::Starts => agreements.get(&id).cloned(),
                DueEvent::Ends => agreements.remove(&id),
            }?;
            Some(DueItem { event, on, lead: leads.get(&id).cloned(), agreement })
        })
        .collect();
    items.sort_by(|a, b| (a.on, &a.agreement.title, a.agreement.id).cmp(&(b.on, &b.agreement.title, b.agreement.id)));
    Ok(DueReport { from: asked.from, to: asked.to, items })
}
