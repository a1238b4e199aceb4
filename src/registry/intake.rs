//! Article intake as a service: the input checked, the registry's names read into a gazetteer
//! (kept until the registry changes), and the text read against it. Nothing is written.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;
use validator::Validate;

use crate::db::schema::{localities, organization_aliases, organizations};
use crate::db::DbConnection;
use crate::error::{ApiResult, FieldErrors};
use crate::intake::draft::{DirectiveCandidate, Intake};
use crate::intake::names::{LocalityRow, Names, OrgRow};
use crate::intake::{self, Given};
use crate::messages::Msg;
use crate::models::enums::{LocalityLevel, OrganizationKind};
use crate::models::{check_web_address, directive, validate_into};

/// The most characters a text may have: a long article is a few tens of thousands.
pub const MAX_TEXT: u64 = 100_000;

#[derive(Debug, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Ngày 6/1/2020, UB.MTTQ quận 11 và các tổ chức thành viên gồm: Hội CCB, LĐLĐ, Hội LHPN, Đoàn TN và Hội CTĐ quận đã ký kế hoạch phối hợp thực hiện công tác đối ngoại nhân dân giai đoạn 2020 - 2024.", "published_on": "2020-01-08"}))]
pub struct IntakeInput {
    /// The article as pasted: plain text or HTML (tags are read as breaks, and spans count them).
    #[validate(length(max = 100_000))]
    #[schema(max_length = 100_000)]
    pub text: String,
    /// When the article was published: a date written without its year takes the year from it.
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    #[serde(default)]
    pub source_url: Option<String>,
}

/// The gazetteer of the registry as it was at a fingerprint, rebuilt when the registry changes.
#[derive(Default)]
pub struct Gazetteer(Mutex<Option<(Fingerprint, Arc<Names>)>>);

/// What changes whenever a name could: every change is audited, and the counts catch records
/// loaded without the audit trail (the demo, bench data, a restore).
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct Fingerprint {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    audit: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    organizations: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    organization_top: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    localities: i64,
}

fn fingerprint(conn: &mut DbConnection) -> QueryResult<Fingerprint> {
    diesel::sql_query(
        "SELECT COALESCE((SELECT MAX(id) FROM audit_log), 0) AS audit, \
         (SELECT COUNT(*) FROM organizations) AS organizations, \
         COALESCE((SELECT MAX(id) FROM organizations), 0) AS organization_top, \
         (SELECT COUNT(*) FROM localities) AS localities",
    )
    .get_result(conn)
}

impl Gazetteer {
    /// The names of the registry as it is now.
    pub fn names(&self, conn: &mut DbConnection) -> ApiResult<Arc<Names>> {
        let now = fingerprint(conn)?;
        if let Some((at, names)) = self.0.lock().ok().as_deref().and_then(Option::as_ref) {
            if *at == now {
                return Ok(names.clone());
            }
        }
        let names = Arc::new(load(conn)?);
        if let Ok(mut kept) = self.0.lock() {
            *kept = Some((now, names.clone()));
        }
        Ok(names)
    }
}

fn load(conn: &mut DbConnection) -> ApiResult<Names> {
    type Named = (i64, String, Option<String>, String, Option<i64>);
    let rows: Vec<Named> = organizations::table
        .select((
            organizations::id,
            organizations::name,
            organizations::short_name,
            organizations::kind,
            organizations::locality_id,
        ))
        .order(organizations::id)
        .load(conn)?;
    let aliases: Vec<(i64, String)> = organization_aliases::table
        .select((organization_aliases::organization_id, organization_aliases::alias))
        .order((organization_aliases::organization_id, organization_aliases::seq))
        .load(conn)?;
    let mut orgs: Vec<OrgRow> = rows
        .into_iter()
        .map(|(id, name, short_name, kind, locality_id)| OrgRow {
            id,
            name,
            short_name,
            aliases: Vec::new(),
            kind: OrganizationKind::parse(&kind).unwrap_or(OrganizationKind::Other),
            locality_id,
        })
        .collect();
    for (id, alias) in aliases {
        if let Ok(at) = orgs.binary_search_by_key(&id, |o| o.id) {
            orgs[at].aliases.push(alias);
        }
    }
    let places: Vec<(i64, String, String, Option<i64>)> = localities::table
        .select((localities::id, localities::name, localities::level, localities::parent_id))
        .order(localities::id)
        .load(conn)?;
    let places = places
        .into_iter()
        .map(|(id, name, level, parent_id)| LocalityRow {
            id,
            name,
            level: LocalityLevel::parse(&level).unwrap_or(LocalityLevel::Commune),
            parent_id,
        })
        .collect();
    Ok(Names::new(orgs, places))
}

/// The draft registration a text records, read against the registry. Writes nothing.
pub fn draft(conn: &mut DbConnection, gazetteer: &Gazetteer, input: IntakeInput) -> ApiResult<Intake> {
    let mut errs = FieldErrors::default();
    validate_into(&input, &mut errs);
    if crate::text::clean(&input.text).chars().all(char::is_control) {
        errs.add("text", Msg::Blank);
    }
    check_web_address("source_url", input.source_url.as_deref(), &mut errs);
    errs.into_result()?;
    let names = gazetteer.names(conn)?;
    let given = Given { published_on: input.published_on, source_url: input.source_url };
    let mut failure = None;
    let mut resolve = |wanted: &[crate::symbol::Citation]| match directive::candidate_rows(conn, wanted) {
        Ok(found) => found
            .into_iter()
            .map(|rows| {
                let best = rows.len();
                rows.into_iter()
                    .enumerate()
                    .map(|(i, (id, symbol, title))| DirectiveCandidate { id, symbol, title, score: score(i, best) })
                    .collect()
            })
            .collect(),
        Err(e) => {
            failure = Some(e);
            wanted.iter().map(|_| Vec::new()).collect()
        }
    };
    let intake = intake::read(&input.text, &given, &names, &mut resolve);
    match failure {
        Some(e) => Err(e.into()),
        None => Ok(intake),
    }
}

/// A candidate's score by its rank among `of`: the only one fits for certain.
fn score(rank: usize, of: usize) -> f32 {
    if of == 1 {
        1.0
    } else {
        0.8 / (rank as f32 + 1.0)
    }
}
