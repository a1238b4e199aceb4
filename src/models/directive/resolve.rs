//! Finding the directive a reference names, however it is written ("Chỉ thị số 12-CT/TW",
//! "12/CT-TW", "Chỉ thị 04 ngày 06/7/2011 của Ban Bí thư"): the candidates, best first.

use diesel::prelude::*;

use super::{assemble, Directive, Row};
use crate::db::schema::directives;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::messages::Msg;
use crate::symbol::{self, Citation};

/// The directives a reference as written may name ("Chỉ thị số 12-CT/TW", "Chỉ thị 04 ngày
/// 06/7/2011 của Ban Bí thư"), best first.
pub fn resolve(conn: &mut DbConnection, written: &str) -> ApiResult<Result<Vec<Directive>, symbol::SymbolError>> {
    match symbol::read_reference(written) {
        Ok(wanted) => Ok(Ok(candidates(conn, &wanted)?)),
        Err(why) => Ok(Err(why)),
    }
}

/// The directives a citation fits, best first: the same canonical symbol before a partial match
/// (a symbol that leaves out its issuer), then the newest.
pub fn candidates(conn: &mut DbConnection, wanted: &Citation) -> ApiResult<Vec<Directive>> {
    let rows = matching_rows(conn, wanted)?;
    assemble(conn, rows)
}

/// The ids of [`candidates`] for each citation, in one query for them all.
pub fn candidate_ids(conn: &mut DbConnection, wanted: &[Citation]) -> QueryResult<Vec<Vec<i64>>> {
    Ok(candidate_rows(conn, wanted)?.into_iter().map(|rows| rows.into_iter().map(|(id, _, _)| id).collect()).collect())
}

/// A registered directive a reference may name: id, symbol and title.
pub type Candidate = (i64, String, Option<String>);

/// For each reference, the registered directives it may name, best first.
pub fn candidate_rows(conn: &mut DbConnection, wanted: &[Citation]) -> QueryResult<Vec<Vec<Candidate>>> {
    let mut numbers: Vec<String> = wanted.iter().map(|c| c.symbol.number.clone()).collect();
    numbers.sort();
    numbers.dedup();
    let rows = by_numbers(conn, &numbers)?;
    let named = |r: &Row| (r.id, r.symbol.clone(), r.title.clone());
    Ok(wanted.iter().map(|c| rank(rows.iter(), c).into_iter().map(named).collect()).collect())
}

fn matching_rows(conn: &mut DbConnection, wanted: &Citation) -> QueryResult<Vec<Row>> {
    let rows = by_numbers(conn, std::slice::from_ref(&wanted.symbol.number))?;
    Ok(rank(rows.iter(), wanted).into_iter().cloned().collect())
}

/// The directives whose number is one of `numbers`, in id order: every candidate for a symbol.
pub(super) fn by_numbers(conn: &mut DbConnection, numbers: &[String]) -> QueryResult<Vec<Row>> {
    directives::table
        .filter(directives::number.eq_any(numbers))
        .order(directives::id)
        .select(Row::as_select())
        .load(conn)
}

/// The rows a citation fits, best first.
fn rank<'r>(rows: impl Iterator<Item = &'r Row>, wanted: &Citation) -> Vec<&'r Row> {
    let mut rows: Vec<&Row> = rows.filter(|r| wanted.fits(&r.parsed(), r.issued_on, r.term.as_deref())).collect();
    // A date or term the text gives, that some fit exactly, leaves out those that only do not contradict it.
    if wanted.issued_on.is_some() && rows.iter().any(|r| r.issued_on == wanted.issued_on) {
        rows.retain(|r| r.issued_on == wanted.issued_on);
    }
    if wanted.term.is_some() && rows.iter().any(|r| r.term == wanted.term) {
        rows.retain(|r| r.term == wanted.term);
    }
    rows.sort_by_key(|r| (r.canonical_symbol != wanted.symbol.canonical, std::cmp::Reverse(r.issued_on), r.id));
    rows
}

/// The one directive a symbol names, for a reference in an agreement; the message says why not.
pub fn resolve_one(conn: &mut DbConnection, written: &str) -> ApiResult<Result<i64, Msg>> {
    Ok(match resolve(conn, written)? {
        Err(why) => Err(Msg::BadSymbol(why)),
        Ok(found) => single_match(written, &found),
    })
}

/// The id of the one directive `written` was resolved to, or why there is not exactly one.
pub fn single_match(written: &str, found: &[Directive]) -> Result<i64, Msg> {
    match found {
        [] => Err(Msg::SymbolNoMatch(written.to_string())),
        [one] => Ok(one.id),
        several => Err(Msg::SymbolAmbiguous(several.iter().map(describe).collect())),
    }
}

/// "4 12-CT/TW (2022-01-05, khóa XIII)": enough to tell candidates apart.
fn describe(d: &Directive) -> String {
    let known: Vec<String> = [d.issued_on.map(|date| date.to_string()), d.term.as_ref().map(|t| format!("khóa {t}"))]
        .into_iter()
        .flatten()
        .collect();
    if known.is_empty() {
        format!("{} {}", d.id, d.symbol)
    } else {
        format!("{} {} ({})", d.id, d.symbol, known.join(", "))
    }
}
