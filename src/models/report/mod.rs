//! Reports: the officials' questions about coverage, asked of a locality (and the localities
//! inside it) and a year. Who signed what is in force (`coverage`), which member organizations
//! and Front committees have not signed under a directive (`gaps`), what ends or starts
//! (`due`), and how many agreements there are by year, kind, province and directive
//! (`counts`). Each is read in a few queries whatever the size of the registry; the faces
//! render them as pages, charts and files.

pub mod counts;
pub mod coverage;
pub mod due;
pub mod gaps;

use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{agreements, localities, organizations, parties};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::messages::{Entity, Msg};
use crate::models::agreement::DirectiveRef;
use crate::models::enums::{AgreementKind, LocalityLevel, OrganizationKind, PartyRole};
use crate::models::locality::{self, Locality};
use crate::models::{directive, locality_tree, Reach};

/// The member organizations of a Front committee, by kind, unless the setting says otherwise
/// (`PHOIHOP_MEMBER_KINDS`, docs/reports.md).
pub const MEMBER_KINDS: [OrganizationKind; 7] = [
    OrganizationKind::WomensUnion,
    OrganizationKind::YouthUnion,
    OrganizationKind::VeteransAssociation,
    OrganizationKind::FarmersUnion,
    OrganizationKind::LabourFederation,
    OrganizationKind::RedCross,
    OrganizationKind::FriendshipUnion,
];

/// The member kinds the gap report reads, as the server is set ([`MEMBER_KINDS`] by default).
pub struct MemberKinds(pub Vec<OrganizationKind>);

/// A directive as a report names it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DirectiveBrief {
    pub id: i64,
    pub symbol: String,
}

/// An agreement as a report lists it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AgreementBrief {
    pub id: i64,
    pub title: String,
    pub kind: AgreementKind,
    pub start_year: i32,
    pub end_year: i32,
    pub locality_id: Option<i64>,
}

/// An organization as a report lists it, with its locality's name.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganizationBrief {
    pub id: i64,
    pub name: String,
    pub kind: OrganizationKind,
    pub locality_id: Option<i64>,
    pub locality_name: Option<String>,
}

/// The locality a report is asked of (`locality=`): a 404-like refusal naming the parameter
/// when there is none of that id.
pub fn locality_asked(c: &mut DbConnection, id: i64) -> ApiResult<Locality> {
    locality::get(c, id).map_err(|_| ApiError::bad_param("locality", Msg::RecordNotFound(Entity::Locality, id)))
}

/// The directive a report is asked of (`directive=`, an id or a symbol as written): refused
/// naming the parameter when none or several fit.
pub fn directive_asked(c: &mut DbConnection, wanted: DirectiveRef) -> ApiResult<DirectiveBrief> {
    let id = match &wanted {
        DirectiveRef::Id(id) => *id,
        DirectiveRef::Symbol(written) => {
            directive::resolve_one(c, written)?.map_err(|why| ApiError::bad_param("directive", why))?
        }
    };
    let found = directive::get(c, id)
        .map_err(|_| ApiError::bad_param("directive", Msg::RecordNotFound(Entity::Directive, id)))?;
    Ok(DirectiveBrief { id: found.id, symbol: found.symbol })
}

/// The localities a report covers: `root`, and with `inside` those inside it down to `level`
/// (all levels when none is given), ordered from the top down and by name.
pub fn localities_covered(
    c: &mut DbConnection,
    root: &Locality,
    inside: bool,
    level: Option<LocalityLevel>,
) -> ApiResult<Vec<Locality>> {
    let ids = if inside { locality_tree::ids_inside(c, root.id)? } else { vec![root.id] };
    let mut found: Vec<Locality> = Vec::new();
    for chunk in ids.chunks(10_000) {
        let rows: Vec<(i64, String, String, Option<i64>)> = localities::table
            .filter(localities::id.eq_any(chunk))
            .select((localities::id, localities::name, localities::level, localities::parent_id))
            .load(c)?;
        found.extend(rows.into_iter().map(|(id, name, level, parent_id)| Locality {
            id,
            name,
            level: LocalityLevel::parse(&level).unwrap_or(LocalityLevel::Commune),
            parent_id,
        }));
    }
    let deepest = level.map_or(u8::MAX, LocalityLevel::rank);
    found.retain(|l| l.id == root.id || l.level.rank() <= deepest);
    found.sort_by(|a, b| (a.id != root.id, a.level.rank(), &a.name).cmp(&(b.id != root.id, b.level.rank(), &b.name)));
    Ok(found)
}

/// The organizations of `places` (of `kinds`, when given), with their localities' names, by
/// locality in `places`' order, then kind, then name.
pub fn organizations_of(
    c: &mut DbConnection,
    places: &[Locality],
    kinds: Option<&[OrganizationKind]>,
) -> ApiResult<Vec<OrganizationBrief>> {
    let order: std::collections::HashMap<i64, (usize, &str)> =
        places.iter().enumerate().map(|(i, l)| (l.id, (i, l.name.as_str()))).collect();
    let ids: Vec<i64> = places.iter().map(|l| l.id).collect();
    let mut found = Vec::new();
    for chunk in ids.chunks(10_000) {
        let mut q = organizations::table
            .filter(organizations::locality_id.eq_any(chunk))
            .select((organizations::id, organizations::name, organizations::kind, organizations::locality_id))
            .into_boxed();
        if let Some(kinds) = kinds {
            q = q.filter(organizations::kind.eq_any(kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>()));
        }
        let rows: Vec<(i64, String, String, Option<i64>)> = q.load(c)?;
        found.extend(rows.into_iter().map(|(id, name, kind, locality_id)| OrganizationBrief {
            id,
            name,
            kind: OrganizationKind::parse(&kind).unwrap_or(OrganizationKind::Other),
            locality_name: locality_id.and_then(|l| order.get(&l)).map(|(_, n)| n.to_string()),
            locality_id,
        }));
    }
    let place = |o: &OrganizationBrief| o.locality_id.and_then(|l| order.get(&l)).map_or(usize::MAX, |(i, _)| *i);
    found.sort_by(|a, b| (place(a), a.kind as u8, &a.name).cmp(&(place(b), b.kind as u8, &b.name)));
    Ok(found)
}

/// Which agreements in force in `year` the organizations of `root` (and, with `inside`, of the
/// localities inside it) are party to, with their roles: (organization, agreement, role).
/// Narrowed to the agreements under `directive` (through its chain) and of `kind` when given.
/// In force: the period covers the year and no one has decided it ended (terminated,
/// superseded).
pub fn signed_in_force(
    c: &mut DbConnection,
    root: i64,
    inside: bool,
    year: i32,
    directive: Option<i64>,
    kind: Option<AgreementKind>,
) -> ApiResult<Vec<(i64, i64, PartyRole)>> {
    let mut q = parties::table
        .inner_join(agreements::table)
        .inner_join(organizations::table)
        .filter(agreements::start_year.le(year))
        .filter(agreements::end_year.ge(year))
        .filter(agreements::status_override.is_null())
        .select((parties::organization_id, parties::agreement_id, parties::role))
        .into_boxed();
    q = if inside {
        q.filter(locality_tree::inside("organizations.locality_id", root, Reach::Lookup))
    } else {
        q.filter(organizations::locality_id.eq(root))
    };
    if let Some(root) = directive {
        q = q.filter(directive::agreements_under(root, Reach::Lookup));
    }
    if let Some(kind) = kind {
        q = q.filter(agreements::kind.eq(kind.as_str()));
    }
    let rows: Vec<(i64, i64, String)> = q.load(c)?;
    Ok(rows.into_iter().map(|(o, a, role)| (o, a, PartyRole::parse(&role).unwrap_or(PartyRole::Signatory))).collect())
}

/// The agreements of `ids`, as reports list them, latest period first.
pub fn briefs(c: &mut DbConnection, ids: &[i64]) -> ApiResult<Vec<AgreementBrief>> {
    let mut found = Vec::new();
    for chunk in ids.chunks(10_000) {
        let rows: Vec<(i64, String, String, i32, i32, Option<i64>)> = agreements::table
            .filter(agreements::id.eq_any(chunk))
            .select((
                agreements::id,
                agreements::title,
                agreements::kind,
                agreements::start_year,
                agreements::end_year,
                agreements::locality_id,
            ))
            .load(c)?;
        found.extend(rows.into_iter().map(|(id, title, kind, start_year, end_year, locality_id)| AgreementBrief {
            id,
            title,
            kind: AgreementKind::parse(&kind).unwrap_or(AgreementKind::Other),
            start_year,
            end_year,
            locality_id,
        }));
    }
    found.sort_by_key(|a| std::cmp::Reverse((a.start_year, a.id)));
    Ok(found)
}
