//! The coverage report: for the organizations of a locality (and, by choice, those inside it),
//! which agreements in force in a year each is party to, and in what role — a matrix of
//! organizations by agreements, with a count per organization.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::{
    briefs, localities_covered, organizations_of, signed_in_force, AgreementBrief, DirectiveBrief, OrganizationBrief,
};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::models::enums::{AgreementKind, PartyRole};
use crate::models::locality::Locality;

#[derive(Debug, Clone)]
pub struct CoverageAsked {
    pub locality: Locality,
    pub year: i32,
    pub directive: Option<DirectiveBrief>,
    pub kind: Option<AgreementKind>,
    /// Whether the organizations of the localities inside are covered too.
    pub inside: bool,
}

/// An organization's role in one agreement.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Signed {
    pub agreement_id: i64,
    pub role: PartyRole,
}

/// A row of the matrix.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CoverageRow {
    #[serde(flatten)]
    pub organization: OrganizationBrief,
    /// How many of the agreements it is party to.
    pub count: usize,
    /// Its role in each, in the order of the report's `agreements`.
    pub signed: Vec<Signed>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CoverageReport {
    pub locality: Locality,
    pub year: i32,
    pub directive: Option<DirectiveBrief>,
    pub kind: Option<AgreementKind>,
    pub inside: bool,
    /// The matrix's columns: agreements in force that an organization covered is party to,
    /// latest period first.
    pub agreements: Vec<AgreementBrief>,
    /// Its rows: every organization covered, by locality, kind and name, those with no
    /// agreement included.
    pub organizations: Vec<CoverageRow>,
}

pub fn coverage(c: &mut DbConnection, asked: CoverageAsked) -> ApiResult<CoverageReport> {
    let places = localities_covered(c, &asked.locality, asked.inside, None)?;
    let organizations = organizations_of(c, &places, None)?;
    let directive = asked.directive.as_ref().map(|d| d.id);
    let signed = signed_in_force(c, asked.locality.id, asked.inside, asked.year, directive, asked.kind)?;
    let ids: BTreeSet<i64> = signed.iter().map(|(_, a, _)| *a).collect();
    let agreements = briefs(c, &ids.into_iter().collect::<Vec<_>>())?;
    let column: HashMap<i64, usize> = agreements.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let mut by_organization: HashMap<i64, Vec<Signed>> = HashMap::new();
    for (organization, agreement_id, role) in signed {
        by_organization.entry(organization).or_default().push(Signed { agreement_id, role });
    }
    let rows = organizations
        .into_iter()
        .map(|organization| {
            let mut signed = by_organization.remove(&organization.id).unwrap_or_default();
            signed.sort_by_key(|s| column.get(&s.agreement_id).copied().unwrap_or(usize::MAX));
            CoverageRow { count: signed.len(), signed, organization }
        })
        .collect();
    Ok(CoverageReport {
        locality: asked.locality,
        year: asked.year,
        directive: asked.directive,
        kind: asked.kind,
        inside: asked.inside,
        agreements,
        organizations: rows,
    })
}
