//! What the intake answers: a draft registration in the shape of `POST /api/v1/signing-events`,
//! with every organization, place and directive either matched in the registry or proposed, every
//! value's source in the text, and notes on what the text leaves open.

use chrono::NaiveDate;
use serde::Serialize;

use crate::models::agreement::Period;
use crate::models::enums::{
    AgreementKind, DirectiveKind, DirectiveRelation, EventKind, LocalityLevel, OrganizationKind, PartyRole,
};
use crate::models::signing_event::Attendee;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Intake {
    pub draft: Draft,
    pub findings: Vec<Finding>,
    pub notes: Vec<Note>,
}

/// The body of `POST /api/v1/signing-events` as far as the text tells it, and the directives it
/// names outside any agreement. A text that records no event (a chain of documents, or something
/// else) gives a draft whose `kind` is null and nothing else filled but those directives.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Draft {
    /// Signing, briefing or review; null when the text records no event.
    pub kind: Option<EventKind>,
    pub title: Option<String>,
    pub held_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub locality_id: Option<i64>,
    /// The locality as found: matched, or proposed when the registry does not hold it.
    pub locality: Option<PlacePick>,
    pub host_id: Option<i64>,
    pub host: Option<OrgPick>,
    pub attendees: Vec<Attendee>,
    pub agreements: Vec<DraftAgreement>,
    /// Directives the text names outside any agreement: a briefing's subject, a chain of plans
    /// with no ceremony, each with what it implements.
    pub directives: Vec<DirectivePick>,
    pub source_url: Option<String>,
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DraftAgreement {
    pub title: Option<String>,
    pub kind: AgreementKind,
    pub topic: Option<String>,
    pub period: Option<Period>,
    pub signed_on: Option<NaiveDate>,
    pub parties: Vec<DraftParty>,
    pub directives: Vec<DirectivePick>,
    pub tasks: Vec<String>,
    pub source_url: Option<String>,
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DraftParty {
    #[serde(flatten)]
    pub organization: OrgPick,
    pub role: PartyRole,
    pub signatory_name: Option<String>,
    pub signatory_title: Option<String>,
}

/// An organization named in the text: `organization_id` when the registry holds exactly the one
/// meant; else the name as written, the registered organizations it may be, and one to create.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgPick {
    pub organization_id: Option<i64>,
    /// As written in the text.
    pub name: String,
    pub candidates: Vec<OrgCandidate>,
    pub proposed: Option<ProposedOrganization>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrgCandidate {
    pub id: i64,
    pub name: String,
    pub locality_id: Option<i64>,
    pub locality: Option<String>,
    /// From 0 to 1: how well it fits what the text says.
    pub score: f32,
}

/// The body of `POST /api/v1/organizations` as far as the text tells it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposedOrganization {
    pub name: String,
    pub kind: OrganizationKind,
    pub locality_id: Option<i64>,
    /// The locality by name, also when it is itself still to be created.
    pub locality: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlacePick {
    pub locality_id: Option<i64>,
    pub name: String,
    pub proposed: Option<ProposedLocality>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposedLocality {
    pub name: String,
    pub level: LocalityLevel,
    pub parent_id: Option<i64>,
}

/// A directive named in the text: `directive_id` when exactly one registered directive fits.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DirectivePick {
    pub directive_id: Option<i64>,
    /// As written in the text.
    pub symbol: String,
    pub relation: DirectiveRelation,
    pub candidates: Vec<DirectiveCandidate>,
    pub proposed: Option<ProposedDirective>,
    /// The symbols of the documents the text says this one implements.
    pub implements: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DirectiveCandidate {
    pub id: i64,
    pub symbol: String,
    pub title: Option<String>,
    pub score: f32,
}

/// The body of `POST /api/v1/directives` as far as the text tells it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProposedDirective {
    pub symbol: String,
    pub kind: Option<DirectiveKind>,
    pub issuer: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub term: Option<String>,
    /// What the text says it is about ("về “Tăng cường …”").
    pub title: Option<String>,
    pub implements: Vec<String>,
}

/// Whether a value was read from the text or inferred from it (a year from the publication date,
/// a host from who opened the meeting): a page shows the two apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Read,
    Inferred,
}

/// One value of the draft and where it came from: characters `start..end` of the text as given
/// (counted as `/directives/extract` counts them), so that a page can highlight it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Finding {
    /// The draft field it fills, as a path: `held_on`, `agreements[0].parties[2]`, `directives[1]`.
    pub field: String,
    pub value: String,
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
    pub basis: Basis,
}

/// What the text leaves open, or what was inferred, said for a person to check.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Note {
    pub field: Option<String>,
    pub message: String,
}
