//! Counts: the agreements a filter matches, by year signed, by kind, by province (the
//! province-level locality their own lies in) and by directive (each directive counts the
//! agreements implementing it or a document under it).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Datelike;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::{agreement_directives, directive_links, directives, localities};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::models::agreement::{self, AgreementFilter};
use crate::models::enums::{AgreementKind, DirectiveRelation, LocalityLevel};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct YearCount {
    /// None: the date signed is not known.
    pub year: Option<i32>,
    pub count: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct KindCount {
    pub kind: AgreementKind,
    pub count: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProvinceCount {
    /// The province-level locality (or the central level); None for agreements with no locality.
    pub locality_id: Option<i64>,
    pub locality_name: Option<String>,
    pub count: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DirectiveCount {
    pub directive_id: i64,
    pub symbol: String,
    pub count: usize,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CountsReport {
    pub total: usize,
    /// By year, oldest first, the unknown last.
    pub by_year: Vec<YearCount>,
    /// Most first.
    pub by_kind: Vec<KindCount>,
    pub by_province: Vec<ProvinceCount>,
    pub by_directive: Vec<DirectiveCount>,
}

/// Most first; equal counts in the order of `tie` (a name), so that the answer is the same each time.
fn most_first<T, K: Ord>(mut counted: Vec<T>, count: impl Fn(&T) -> usize, tie: impl Fn(&T) -> K) -> Vec<T> {
    counted.sort_by_key(|c| (std::cmp::Reverse(count(c)), tie(c)));
    counted
}

pub fn counts(c: &mut DbConnection, filter: &AgreementFilter) -> ApiResult<CountsReport> {
    let facts = agreement::facts(c, filter)?;
    let mut years: BTreeMap<(bool, i32), usize> = BTreeMap::new();
    let mut kinds: HashMap<String, usize> = HashMap::new();
    let mut places: HashMap<Option<i64>, usize> = HashMap::new();
    for (_, kind, signed_on, locality) in &facts {
        *years.entry(signed_on.map_or((true, 0), |d| (false, d.year()))).or_default() += 1;
        *kinds.entry(kind.clone()).or_default() += 1;
        *places.entry(*locality).or_default() += 1;
    }
    let by_year =
        years.into_iter().map(|((unknown, y), count)| YearCount { year: (!unknown).then_some(y), count }).collect();
    let by_kind = kinds
        .into_iter()
        .map(|(k, count)| KindCount { kind: AgreementKind::parse(&k).unwrap_or(AgreementKind::Other), count })
        .collect();
    let ids: Vec<i64> = facts.iter().map(|f| f.0).collect();
    Ok(CountsReport {
        total: facts.len(),
        by_year,
        by_kind: most_first(by_kind, |k| k.count, |k| k.kind as u8),
        by_province: most_first(by_province(c, places)?, |p| p.count, |p| p.locality_name.clone()),
        by_directive: most_first(by_directive(c, &ids)?, |d| d.count, |d| d.symbol.clone()),
    })
}

/// Counts by locality summed into the province-level locality (or the central level) above each.
fn by_province(c: &mut DbConnection, places: HashMap<Option<i64>, usize>) -> ApiResult<Vec<ProvinceCount>> {
    let all: Vec<(i64, String, String, Option<i64>)> = localities::table
        .select((localities::id, localities::name, localities::level, localities::parent_id))
        .load(c)?;
    let by_id: HashMap<i64, (&str, u8, Option<i64>)> = all
        .iter()
        .map(|(id, name, level, parent)| {
            (*id, (name.as_str(), LocalityLevel::parse(level).map_or(u8::MAX, LocalityLevel::rank), *parent))
        })
        .collect();
    let province = LocalityLevel::Province.rank();
    let mut sums: HashMap<Option<i64>, usize> = HashMap::new();
    for (place, count) in places {
        // Levels strictly decrease upwards, so this climbs at most four steps.
        let mut at = place;
        while let Some((_, rank, parent)) = at.and_then(|id| by_id.get(&id)) {
            if *rank <= province || parent.is_none() {
                break;
            }
            at = *parent;
        }
        *sums.entry(at).or_default() += count;
    }
    Ok(sums
        .into_iter()
        .map(|(id, count)| ProvinceCount {
            locality_id: id,
            locality_name: id.and_then(|id| by_id.get(&id)).map(|(n, _, _)| n.to_string()),
            count,
        })
        .collect())
}

/// Each directive with the agreements (of `ids`) implementing it or a document under it.
fn by_directive(c: &mut DbConnection, ids: &[i64]) -> ApiResult<Vec<DirectiveCount>> {
    let links: Vec<(i64, i64)> =
        directive_links::table.select((directive_links::directive_id, directive_links::implements_id)).load(c)?;
    let mut above: HashMap<i64, Vec<i64>> = HashMap::new();
    for (lower, upper) in links {
        above.entry(lower).or_default().push(upper);
    }
    // A directive and every document above it (what it implements, through the chain): walked
    // with a list, not recursion, and each document once, whatever the graph holds.
    let closure = |start: i64| {
        let (mut seen, mut todo) = (HashSet::from([start]), vec![start]);
        while let Some(d) = todo.pop() {
            for up in above.get(&d).into_iter().flatten() {
                if seen.insert(*up) {
                    todo.push(*up);
                }
            }
        }
        seen
    };
    let mut closures: HashMap<i64, HashSet<i64>> = HashMap::new();
    let mut counted: HashMap<i64, usize> = HashMap::new();
    for chunk in ids.chunks(10_000) {
        let rows: Vec<(i64, i64)> = agreement_directives::table
            .filter(agreement_directives::agreement_id.eq_any(chunk))
            .filter(agreement_directives::relation.eq(DirectiveRelation::Implements.as_str()))
            .select((agreement_directives::agreement_id, agreement_directives::directive_id))
            .order(agreement_directives::agreement_id)
            .load(c)?;
        for group in rows.chunk_by(|a, b| a.0 == b.0) {
            let mut under: HashSet<i64> = HashSet::new();
            for (_, d) in group {
                under.extend(closures.entry(*d).or_insert_with(|| closure(*d)).iter().copied());
            }
            for d in under {
                *counted.entry(d).or_default() += 1;
            }
        }
    }
    let wanted: Vec<i64> = counted.keys().copied().collect();
    let symbols: HashMap<i64, String> = directives::table
        .filter(directives::id.eq_any(&wanted))
        .select((directives::id, directives::symbol))
        .load(c)?
        .into_iter()
        .collect();
    Ok(counted
        .into_iter()
        .filter_map(|(id, count)| Some(DirectiveCount { directive_id: id, symbol: symbols.get(&id)?.clone(), count }))
        .collect())
}
