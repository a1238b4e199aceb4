//! `phoihop bench-data`: a realistic national registry, generated from a seed, for benchmarks.
//!
//! 34 provinces and their 3,321 communes under one central level; in each, a Front committee and
//! its member organizations; directives in implements chains (a central directive, each
//! province's Party plan implementing it, the province's Front plan implementing that); signing
//! events at which one to three agreements are signed, each with 2 to 10 parties, a period, tasks
//! and the directives it implements or cites. The same seed and size give the same registry.
//!
//! Records are stored through the models' own `insert_unchecked` functions, so every derived column (name
//! keys, search text) is the one the API would write; the checks a request passes are skipped,
//! since the generator builds valid records by construction. Nothing is written to the audit
//! trail: the data is a benchmark's, not anyone's work.

mod events;
mod names;
mod random;

use std::time::Instant;

use chrono::NaiveDate;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::db::schema::localities;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::models::directive::{self, DirectiveInput};
use crate::models::enums::{DirectiveKind, LocalityLevel};
use crate::models::locality::{self, LocalityInput};
use crate::models::organization::{self, OrganizationInput};
use crate::progress::{Progress, Stage};
use crate::symbol;
use names::*;
use random::Random;

pub const DEFAULT_SEED: u64 = 20_261_122;

/// Events are stored this many to a transaction: large enough that commits cost nothing, small
/// enough that a stopped run has written whole events only.
const EVENTS_PER_TRANSACTION: usize = 20_000;

/// What was generated.
#[derive(Debug, Default)]
pub struct Generated {
    pub localities: usize,
    pub organizations: usize,
    pub directives: usize,
    pub signing_events: usize,
    pub agreements: usize,
    pub parties: usize,
}

/// A locality with the organizations generated in it.
struct Unit {
    locality_id: i64,
    /// "xã Tân Phú", "tỉnh Lào Cai": how organization names end.
    name_in: String,
    front_id: i64,
    /// Every organization but the Front committee.
    members: Vec<i64>,
    /// The province it is or lies in (an index of `PROVINCES`); none at the central level.
    province: Option<usize>,
}

/// The generated localities: the central level first, then each province and its communes.
struct Units {
    all: Vec<Unit>,
    /// Each province's index in `all`.
    provinces: Vec<usize>,
    communes: Vec<usize>,
}

#[derive(Debug)]
pub struct GenerateError(pub String);

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<crate::error::ApiError> for GenerateError {
    fn from(e: crate::error::ApiError) -> Self {
        GenerateError(format!("{:?}", e.detail))
    }
}

impl From<diesel::result::Error> for GenerateError {
    fn from(e: diesel::result::Error) -> Self {
        GenerateError(e.to_string())
    }
}

/// Fills an empty registry with `agreements` agreements and everything around them.
pub fn generate(
    conn: &mut DbConnection,
    agreements: usize,
    seed: u64,
    progress: &mut dyn Progress,
) -> Result<Generated, GenerateError> {
    let present: i64 = localities::table.count().get_result(conn)?;
    if present > 0 {
        return Err(GenerateError("the database already holds records; bench-data fills an empty one".into()));
    }
    if let DbConnection::Sqlite(c) = conn {
        // A bigger page cache keeps the indexes being filled in memory (for this connection only).
        c.batch_execute("PRAGMA cache_size = -262144")?;
    }
    let started = Instant::now();
    let mut rng = Random::new(seed);
    let mut done = Generated::default();
    progress.stage(Stage::Places, None);
    let (units, directives) = crate::db::transaction(conn, |c| {
        let units = localities_and_organizations(c, &mut rng, &mut done)?;
        let directives = directive_chains(c, &units, &mut done)?;
        Ok((units, directives))
    })?;
    progress.stage(Stage::Agreements, Some(agreements as u64));
    while done.agreements < agreements {
        crate::db::transaction(conn, |c| {
            for event in 0..EVENTS_PER_TRANSACTION {
                if done.agreements >= agreements {
                    break;
                }
                events::signing_event(c, &mut rng, &units, &directives, agreements - done.agreements, &mut done)?;
                if event % 500 == 0 {
                    progress.advance(done.agreements as u64);
                }
            }
            Ok(())
        })?;
    }
    progress.advance(done.agreements as u64);
    progress.stage(Stage::Statistics, None);
    let analyze = match conn {
        DbConnection::Sqlite(_) => "PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);",
        DbConnection::Postgres(_) => "ANALYZE",
    };
    conn.batch_execute(analyze)?;
    progress.finish();
    tracing::info!("bench-data: {done:?} in {:.1} s", started.elapsed().as_secs_f64());
    Ok(done)
}

fn localities_and_organizations(conn: &mut DbConnection, rng: &mut Random, done: &mut Generated) -> ApiResult<Units> {
    let mut units = Units { all: Vec::new(), provinces: Vec::new(), communes: Vec::new() };
    let mut place = |conn: &mut DbConnection, name: String, level, parent_id| {
        done.localities += 1;
        locality::insert_unchecked(conn, None, &LocalityInput { name, level, parent_id })
    };
    let mut org = |conn: &mut DbConnection, name: String, kind, locality_id, parent_id| {
        done.organizations += 1;
        let input = OrganizationInput { name, short_name: None, aliases: Vec::new(), kind, locality_id, parent_id };
        organization::insert_unchecked(conn, None, &input)
    };
    // The central level: the Front's central committee and the members' central bodies.
    let central = place(conn, "Trung ương".into(), LocalityLevel::Central, None)?;
    let front = org(conn, format!("Ủy ban Trung ương {FRONT_COMMITTEE}"), FrontKind, Some(central), None)?;
    let mut central_members = Vec::new();
    for (kind, name) in COMMUNE_MEMBERS.iter().chain(&PROVINCE_ONLY_MEMBERS) {
        let name = match kind {
            PartyKind => "Ban Bí thư Trung ương Đảng".to_string(),
            PeoplesKind => continue,
            _ => format!("Trung ương {name} Việt Nam"),
        };
        central_members.push((*kind, org(conn, name, *kind, Some(central), None)?));
    }
    units.all.push(Unit {
        locality_id: central,
        name_in: "Việt Nam".into(),
        front_id: front,
        members: central_members.iter().map(|(_, id)| *id).collect(),
        province: None,
    });
    let superior = |above: &[(crate::models::enums::OrganizationKind, i64)], kind| {
        above.iter().find(|(k, _)| *k == kind).map(|(_, id)| *id)
    };
    for (p, (province, city)) in PROVINCES.iter().enumerate() {
        let (title, party) = if *city { ("thành phố", "Thành ủy") } else { ("tỉnh", "Tỉnh ủy") };
        let name_in = format!("{title} {province}");
        let locality_id = place(
            conn,
            format!("{} {province}", crate::text::capitalized(title)),
            LocalityLevel::Province,
            Some(central),
        )?;
        let front_id = org(conn, format!("{FRONT_COMMITTEE} {name_in}"), FrontKind, Some(locality_id), Some(front))?;
        let mut members = Vec::new();
        for (kind, prefix) in COMMUNE_MEMBERS.iter().chain(&PROVINCE_ONLY_MEMBERS) {
            let name = if *kind == PartyKind { format!("{party} {province}") } else { format!("{prefix} {name_in}") };
            members.push((*kind, org(conn, name, *kind, Some(locality_id), superior(&central_members, *kind))?));
        }
        units.provinces.push(units.all.len());
        units.all.push(Unit {
            locality_id,
            name_in,
            front_id,
            members: members.iter().map(|(_, id)| *id).collect(),
            province: Some(p),
        });
        // Communes spread evenly; names drawn without repeats within the province.
        let count = COMMUNES / PROVINCES.len() + usize::from(p < COMMUNES % PROVINCES.len());
        let picks: Vec<usize> = rng.sample(&(0..PLACES).collect::<Vec<_>>(), count);
        for pick in picks {
            let level_word = if *city || rng.chance(20) { "phường" } else { "xã" };
            let name_in = format!("{level_word} {}", names::place(pick));
            let commune = place(conn, crate::text::capitalized(&name_in), LocalityLevel::Commune, Some(locality_id))?;
            let commune_front =
                org(conn, format!("{FRONT_COMMITTEE} {name_in}"), FrontKind, Some(commune), Some(front_id))?;
            let mut commune_members = Vec::new();
            for (kind, prefix) in COMMUNE_MEMBERS {
                let id = org(conn, format!("{prefix} {name_in}"), kind, Some(commune), superior(&members, kind))?;
                commune_members.push(id);
            }
            units.communes.push(units.all.len());
            units.all.push(Unit {
                locality_id: commune,
                name_in,
                front_id: commune_front,
                members: commune_members,
                province: Some(p),
            });
        }
    }
    Ok(units)
}

use crate::models::enums::OrganizationKind::{
    FrontCommittee as FrontKind, PartyCommittee as PartyKind, PeoplesCommittee as PeoplesKind,
};

/// The directives of the chains: for each central directive, each province's Party plan that
/// implements it and the province's Front plan that implements that.
struct Directives {
    central: Vec<i64>,
    /// [province index][central index] → the Front plan's id.
    front_plans: Vec<Vec<i64>>,
}

/// (symbol, issued on (year, month, day), term, title).
type CentralDirective = (&'static str, Option<(i32, u32, u32)>, &'static str, &'static str);

const CENTRAL_DIRECTIVES: [CentralDirective; 3] = [
    (
        "Chỉ thị số 04-CT/TW",
        Some((2011, 7, 6)),
        "XI",
        "Về tiếp tục đổi mới, nâng cao hiệu quả công tác đối ngoại nhân dân trong tình hình mới",
    ),
    (
        "Chỉ thị số 12-CT/TW",
        Some((2022, 1, 5)),
        "XIII",
        "Về tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả công tác đối ngoại nhân dân trong tình hình mới",
    ),
    ("Chỉ thị số 38-CT/TW", None, "XIII", "Về công tác dân vận trong tình hình mới"),
];

fn directive_chains(conn: &mut DbConnection, units: &Units, done: &mut Generated) -> ApiResult<Directives> {
    let mut add =
        |conn: &mut DbConnection, symbol: String, issued_on, term: Option<&str>, title, issuer, implements| {
            done.directives += 1;
            let parsed = symbol::parse(&symbol).expect("generated symbols are well formed");
            let input = DirectiveInput {
                kind: Some(parsed.kind.unwrap_or(DirectiveKind::Other)),
                symbol,
                title: Some(title),
                issuer: Some(issuer),
                issued_on,
                term: term.map(str::to_string),
                implements,
            };
            directive::insert_unchecked(conn, None, &input, &parsed)
        };
    let mut central = Vec::new();
    for (symbol, issued, term, title) in CENTRAL_DIRECTIVES {
        let issued_on = issued.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        let id = add(conn, symbol.into(), issued_on, Some(term), title.into(), "Ban Bí thư".into(), vec![])?;
        central.push(id);
    }
    let mut front_plans = Vec::new();
    for (p, &at) in units.provinces.iter().enumerate() {
        let unit = &units.all[at];
        let mut plans = Vec::new();
        for (c, (symbol, issued, _, _)) in CENTRAL_DIRECTIVES.iter().enumerate() {
            // Numbered per province so that no two provinces' plans share a symbol.
            let number = 100 + p * 10 + c;
            let year = issued.map_or(2023, |(y, _, _)| y);
            let date = NaiveDate::from_ymd_opt(year, 3 + c as u32, 1 + p as u32 % 28);
            let party_plan = add(
                conn,
                format!("Kế hoạch số {number}-KH/TU"),
                date,
                None,
                format!("Thực hiện {symbol} của Ban Bí thư"),
                format!("Ban Thường vụ {}", party_committee_name(unit)),
                vec![central[c]],
            )?;
            let front_date = date.and_then(|d| d.checked_add_days(chrono::Days::new(30)));
            let front_plan = add(
                conn,
                format!("Kế hoạch số {}/KH-MTTQ-BTT", number + 1000),
                front_date,
                None,
                format!("Triển khai thực hiện Kế hoạch số {number}-KH/TU"),
                format!("Ban Thường trực {FRONT_COMMITTEE} {}", unit.name_in),
                vec![party_plan],
            )?;
            plans.push(front_plan);
        }
        front_plans.push(plans);
    }
    Ok(Directives { central, front_plans })
}

fn party_committee_name(unit: &Unit) -> String {
    match unit.name_in.strip_prefix("thành phố ") {
        Some(city) => format!("Thành ủy {city}"),
        None => format!("Tỉnh ủy {}", unit.name_in.trim_start_matches("tỉnh ")),
    }
}
