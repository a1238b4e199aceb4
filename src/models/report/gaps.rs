//! The gap report: under a directive, in a year, which member organizations of each Front
//! committee in a locality (and the localities inside it) are party to no agreement in force
//! implementing it, and which localities' Front committees have no such agreement at all.

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;

use super::{
    briefs, localities_covered, organizations_of, signed_in_force, AgreementBrief, DirectiveBrief, OrganizationBrief,
};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::models::enums::{LocalityLevel, OrganizationKind};
use crate::models::locality::Locality;

/// What the gap report is asked.
#[derive(Debug, Clone)]
pub struct GapsAsked {
    pub locality: Locality,
    pub directive: DirectiveBrief,
    pub year: i32,
    /// The deepest level of the localities inside covered; all when None.
    pub level: Option<LocalityLevel>,
    /// Whether the localities inside are covered (by default they are).
    pub inside: bool,
    pub member_kinds: Vec<OrganizationKind>,
}

/// One locality of the report.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LocalityGaps {
    pub locality_id: i64,
    pub locality_name: String,
    pub level: LocalityLevel,
    /// Its Front committee, if one is registered.
    pub front_committee: Option<OrganizationBrief>,
    /// Whether its Front committee is party to such an agreement.
    pub front_committee_signed: bool,
    /// Its member organizations registered, and how many of them are party to one.
    pub members: usize,
    pub members_signed: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GapReport {
    pub locality: Locality,
    pub directive: DirectiveBrief,
    pub year: i32,
    pub level: Option<LocalityLevel>,
    pub member_kinds: Vec<OrganizationKind>,
    /// The agreements in force in the year under the directive that an organization of the
    /// localities covered is party to.
    pub agreements: Vec<AgreementBrief>,
    /// Every locality covered, the one asked first, then from the top down and by name.
    pub localities: Vec<LocalityGaps>,
    /// Member organizations party to no such agreement.
    pub gaps: Vec<OrganizationBrief>,
    /// Localities whose Front committee is party to no such agreement (or that have no Front
    /// committee registered).
    pub localities_without: Vec<LocalityGaps>,
}

pub fn gaps(c: &mut DbConnection, asked: GapsAsked) -> ApiResult<GapReport> {
    let places = localities_covered(c, &asked.locality, asked.inside, asked.level)?;
    let mut kinds = asked.member_kinds.clone();
    kinds.push(OrganizationKind::FrontCommittee);
    let organizations = organizations_of(c, &places, Some(&kinds))?;
    let signed = signed_in_force(c, asked.locality.id, asked.inside, asked.year, Some(asked.directive.id), None)?;
    let party: HashSet<i64> = signed.iter().map(|(o, _, _)| *o).collect();
    let agreement_ids: BTreeSet<i64> = signed.iter().map(|(_, a, _)| *a).collect();
    let agreements = briefs(c, &agreement_ids.into_iter().collect::<Vec<_>>())?;
    let mut localities = Vec::with_capacity(places.len());
    let mut gaps = Vec::new();
    let mut of_place = organizations.into_iter().peekable();
    for place in places {
        let mut here = LocalityGaps {
            locality_id: place.id,
            locality_name: place.name,
            level: place.level,
            front_committee: None,
            front_committee_signed: false,
            members: 0,
            members_signed: 0,
        };
        while let Some(o) = of_place.next_if(|o| o.locality_id == Some(place.id)) {
            let signed = party.contains(&o.id);
            if o.kind == OrganizationKind::FrontCommittee {
                // Of two registered (a mistake, or before a merger), one that signed counts.
                if here.front_committee.is_none() || signed {
                    here.front_committee_signed |= signed;
                    here.front_committee = Some(o);
                }
                continue;
            }
            here.members += 1;
            if signed {
                here.members_signed += 1;
            } else {
                gaps.push(o);
            }
        }
        localities.push(here);
    }
    let localities_without = localities
        .iter()
        .filter(|l| !l.front_committee_signed)
        .map(|l| LocalityGaps {
            front_committee: l.front_committee.clone(),
            locality_name: l.locality_name.clone(),
            ..*l
        })
        .collect();
    Ok(GapReport {
        locality: asked.locality,
        directive: asked.directive,
        year: asked.year,
        level: asked.level,
        member_kinds: asked.member_kinds,
        agreements,
        localities,
        gaps,
        localities_without,
    })
}
