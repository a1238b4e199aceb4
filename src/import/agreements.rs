//! Rows of agreements with their parties: by external id, else by title, period and lead party.
//! Parties are named as written, found in the row's locality; one that the registry does not
//! hold is made with the import when the caller asks (`create_missing=organizations`).

use std::collections::HashMap;

use super::apply::{from_file, Kind};
use super::grid::{second_sheet, FileProblem};
use super::layout::Cells;
use super::layout::Layout;
use super::lookup::Found;
use super::report::Line;
use super::Ctx;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::export::columns::agreement_sheets;
use crate::export::table::Sheet;
use crate::intake::draft::ProposedOrganization;
use crate::messages::{Lang, Msg};
use crate::models::agreement::Period;
use crate::models::agreement::{self, Agreement, AgreementInput, DirectiveRefInput, PartyInput};
use crate::models::enums::{AgreementKind, AgreementStatus, DirectiveRelation, OrganizationKind, PartyRole};
use crate::models::organization::{Organization, OrganizationInput};
use crate::registry;

pub(super) struct Agreements;

impl Kind for Agreements {
    type R = Agreement;
    const ALIASES: &'static [(&'static str, &'static str)] =
        &[("period.start_year", "start_year"), ("period.end_year", "end_year")];
    const REQUIRED: &'static [&'static str] = &["title", "kind", "start_year", "end_year", "parties"];

    fn sheet(lang: Lang) -> Sheet {
        super::Resource::Agreements.sheet(lang)
    }

    fn read(ctx: &mut Ctx, cells: &mut Cells) -> ApiResult<AgreementInput> {
        let title = cells.required("title");
        let kind = cells.word("kind", AgreementKind::ALL, AgreementKind::as_str);
        if kind.is_none() {
            cells.missing("kind");
        }
        let (start, end) = (cells.year("start_year"), cells.year("end_year"));
        for (key, year) in [("start_year", start), ("end_year", end)] {
            if year.is_none() {
                cells.missing(key);
            }
        }
        let start_year = start.or(end).unwrap_or(crate::models::FIRST_YEAR);
        // A status the period gives (in force, expired) is the registry's to derive.
        let status = cells.word("status", AgreementStatus::ALL, AgreementStatus::as_str).filter(|s| s.is_decided());
        let locality = super::organizations::locality_of(ctx, cells);
        let parties = parties(ctx, cells, locality)?;
        let directives = directives(ctx, cells)?;
        Ok(AgreementInput {
            external_id: cells.text("external_id"),
            title,
            kind: kind.unwrap_or(AgreementKind::Other),
            topic: cells.text("topic"),
            period: Period { start_year, end_year: end.unwrap_or(start_year) },
            signed_on: cells.date("signed_on"),
            signing_event_id: None,
            status,
            replaces_id: None,
            parties,
            directives,
            tasks: cells.lines("tasks"),
            source_url: cells.text("source_url"),
            published_on: cells.date("published_on"),
        })
    }

    fn key(input: &AgreementInput) -> String {
        match &input.external_id {
            Some(external) => format!("#{external}"),
            None => {
                let lead = input.parties.iter().find(|p| p.role == PartyRole::Lead).map(|p| p.organization_id);
                let title = crate::text::name_key(&input.title);
                format!("{title}|{}|{}|{lead:?}", input.period.start_year, input.period.end_year)
            }
        }
    }

    fn registered(conn: &mut DbConnection, input: &AgreementInput) -> ApiResult<Option<i64>> {
        Ok(agreement::registered(conn, input)?)
    }

    fn overlay(mut registered: AgreementInput, read: AgreementInput, cells: &Cells) -> AgreementInput {
        from_file!(
            registered,
            read,
            cells,
            title,
            kind,
            topic,
            signed_on,
            status,
            tasks,
            source_url,
            published_on,
            external_id
        );
        let has = |key: &str| cells.has(key);
        if has("start_year") && has("end_year") {
            registered.period = read.period;
        }
        if has("parties") {
            // Who signed for a party is on a workbook's second sheet, if the file has one: else it
            // stays as registered.
            let signed: Vec<PartyInput> = std::mem::take(&mut registered.parties);
            registered.parties = read
                .parties
                .into_iter()
                .map(|mut p| {
                    let told = p.signatory_name.is_some() || p.signatory_title.is_some();
                    if let Some(was) = signed.iter().find(|s| !told && s.organization_id == p.organization_id) {
                        p.signatory_name.clone_from(&was.signatory_name);
                        p.signatory_title.clone_from(&was.signatory_title);
                    }
                    p
                })
                .collect();
        }
        // An agreement's directives are a set: the file's order is not a change.
        let key = |d: &DirectiveRefInput| (d.directive_id, d.relation.as_str());
        let mut was: Vec<_> = registered.directives.iter().map(key).collect();
        let mut now: Vec<_> = read.directives.iter().map(key).collect();
        was.sort_unstable();
        now.sort_unstable();
        if has("directives") && was != now {
            registered.directives = read.directives;
        }
        registered
    }

    fn column(field: &str) -> &str {
        match field.split(['[', '.']).next().unwrap_or(field) {
            "period" if field.ends_with("start_year") => "start_year",
            "period" => "end_year",
            other => other,
        }
    }

    fn name(input: &AgreementInput) -> String {
        input.title.clone()
    }
}

/// The parties a row names: the `parties` list with the `party_roles` beside it, or, without
/// roles, the `lead` as lead and the others as signatories.
fn parties(ctx: &mut Ctx, cells: &mut Cells, locality: Option<i64>) -> ApiResult<Vec<PartyInput>> {
    let mut names = cells.list("parties");
    let roles = cells.words("party_roles", PartyRole::ALL, PartyRole::as_str);
    let lead = cells.text("lead");
    if !roles.is_empty() && roles.len() != names.len() {
        let other = cells.header("parties");
        cells.problem("party_roles", Msg::ListLengths(other));
    }
    let lead_key = lead.as_deref().map(crate::text::name_key);
    let mut lead_added = false;
    if let Some(lead) = &lead {
        if !names.iter().any(|n| Some(crate::text::name_key(n)) == lead_key) {
            names.insert(0, lead.clone());
            lead_added = true;
        }
    }
    let file_id = cells.text("id").unwrap_or_default();
    let mut parties: Vec<PartyInput> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let column = if lead_added && i == 0 { "lead" } else { "parties" };
        let Some(organization_id) = organization(ctx, cells, column, name, locality)? else { continue };
        let given = if lead_added { i.checked_sub(1).and_then(|i| roles.get(i)) } else { roles.get(i) };
        let role = match given.copied().flatten() {
            Some(role) if lead_added || roles.len() == names.len() => role,
            _ if Some(crate::text::name_key(name)) == lead_key => PartyRole::Lead,
            _ => PartyRole::Signatory,
        };
        let (signatory_name, signatory_title) =
            ctx.signatories.get(&(file_id.clone(), crate::text::name_key(name))).cloned().unwrap_or_default();
        parties.push(PartyInput { organization_id, role, signatory_name, signatory_title });
    }
    Ok(parties)
}

/// The organization a party's name is, or, when the caller asks, one made for it.
fn organization(
    ctx: &mut Ctx,
    cells: &mut Cells,
    column: &str,
    written: &str,
    locality: Option<i64>,
) -> ApiResult<Option<i64>> {
    match ctx.lookup.organization(written, locality) {
        Found::One(id) => Ok(Some(id)),
        Found::Several(fits) => {
            cells.problem(column, Msg::SeveralNamed(written.to_string(), fits));
            Ok(None)
        }
        Found::None(proposed) if ctx.options.create_missing => make(ctx, cells, column, written, locality, proposed),
        Found::None(_) => {
            cells.problem(column, Msg::NoOrganizationMatches(written.to_string()));
            Ok(None)
        }
    }
}

/// Makes the organization a party names, as the intake would propose it (its kind read from the
/// name, at the place it names or the row's), through the registry's rules.
fn make(
    ctx: &mut Ctx,
    cells: &mut Cells,
    column: &str,
    written: &str,
    locality: Option<i64>,
    proposed: Option<ProposedOrganization>,
) -> ApiResult<Option<i64>> {
    let (kind, at) = match &proposed {
        Some(p) => (p.kind, p.locality_id.or(locality)),
        None => (OrganizationKind::Other, locality),
    };
    let input = OrganizationInput {
        name: written.to_string(),
        short_name: None,
        aliases: Vec::new(),
        kind,
        locality_id: at,
        parent_id: None,
    };
    match registry::create::<Organization>(ctx.conn, ctx.actor, input) {
        Ok(saved) => {
            ctx.lookup.made([written], locality, saved.record.id, &saved.record.name);
            let line =
                Line { row: cells.row.number, id: Some(saved.record.id), name: saved.record.name, fields: Vec::new() };
            ctx.report.proposed_organizations.push(line);
            Ok(Some(saved.record.id))
        }
        Err(e) if e.status.code >= 500 => Err(e),
        Err(e) => {
            let msg = e.errors.into_iter().next().map_or(e.detail, |f| f.msg);
            cells.problem(column, msg);
            Ok(None)
        }
    }
}

/// The directives a row names by symbol, each found as a registered one, with the relation
/// beside it (implements when not given).
fn directives(ctx: &mut Ctx, cells: &mut Cells) -> ApiResult<Vec<DirectiveRefInput>> {
    let symbols = cells.list("directives");
    let relations = cells.words("directive_relations", DirectiveRelation::ALL, DirectiveRelation::as_str);
    if !relations.is_empty() && relations.len() != symbols.len() {
        let other = cells.header("directives");
        cells.problem("directive_relations", Msg::ListLengths(other));
    }
    let mut refs = Vec::new();
    for (i, symbol) in symbols.into_iter().enumerate() {
        match ctx.directive(&symbol)? {
            Ok(id) => refs.push(DirectiveRefInput {
                directive_id: Some(id),
                symbol: None,
                relation: relations.get(i).copied().flatten().unwrap_or(DirectiveRelation::Implements),
            }),
            Err(msg) => cells.problem("directives", msg),
        }
    }
    Ok(refs)
}

/// Who signed for each party, from an export's second sheet: by the file's agreement id and the
/// organization's name as written there (`name_key`).
pub(super) type Signatories = HashMap<(String, String), (Option<String>, Option<String>)>;

/// The signatories of a workbook whose second sheet is an export's parties; none otherwise.
pub(super) fn signatories(bytes: &[u8], lang: Lang) -> Result<Signatories, FileProblem> {
    let mut found = Signatories::new();
    let Some(sheet) = second_sheet(bytes)? else { return Ok(found) };
    let layout = Layout::new(&sheet.headers, |l| agreement_sheets(l).swap_remove(1), &[], lang);
    if !(layout.has("agreement_id") && layout.has("organization_name")) {
        return Ok(found);
    }
    for row in &sheet.rows {
        let mut cells = Cells::new(row, &layout);
        let (Some(id), Some(name)) = (cells.text("agreement_id"), cells.text("organization_name")) else { continue };
        let signed = (cells.text("signatory_name"), cells.text("signatory_title"));
        if signed.0.is_some() || signed.1.is_some() {
            found.insert((id, crate::text::name_key(&name)), signed);
        }
    }
    Ok(found)
}
