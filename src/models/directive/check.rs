//! The rules a directive follows before it is stored: its symbol reads, its links close no cycle
//! and make no chain too long, and it is not a document already registered.

use diesel::prelude::*;

use super::{graph, missing, resolve, DirectiveInput};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldErrors};
use crate::messages::{Entity, Msg};
use crate::models::{checked, validate_into};
use crate::symbol::{self, Symbol};
use crate::text;

/// Cleans and checks an input, adding every error to `errs`; answers it with its symbol as
/// parsed (none when the symbol does not parse, which is among the errors). `id` is the record
/// being updated, if any.
pub fn check(
    conn: &mut DbConnection,
    id: Option<i64>,
    mut input: DirectiveInput,
    errs: &mut FieldErrors,
) -> QueryResult<(DirectiveInput, Option<Symbol>)> {
    input.symbol = text::clean(&input.symbol);
    input.title = text::clean_opt(input.title.as_deref());
    input.issuer = text::clean_opt(input.issuer.as_deref());
    input.term = text::clean_opt(input.term.as_deref()).map(|t| symbol::term(&t).unwrap_or(t));
    validate_into(&input, errs);
    let parsed = match symbol::parse(&input.symbol) {
        Ok(parsed) => Some(parsed),
        Err(why) => {
            if !input.symbol.is_empty() {
                errs.add("symbol", Msg::BadSymbol(why));
            }
            None
        }
    };
    let absent = missing(conn, &input.implements)?;
    for (i, target) in input.implements.iter().enumerate() {
        let field = format!("implements[{i}]");
        if Some(*target) == id {
            errs.add(field, Msg::SelfReference);
        } else if input.implements[..i].contains(target) {
            errs.add(field, Msg::Repeated);
        } else if absent.contains(target) {
            errs.add(field, Msg::RecordNotFound(Entity::Directive, *target));
        } else if let Some(id) = id {
            if let Some(cycle) = graph::cycle_through(conn, id, *target)? {
                errs.add(field, cycle);
            }
        }
    }
    if errs.is_empty() {
        if let Some(too_long) = graph::chain_too_long(conn, id, &input.implements)? {
            errs.add("implements", too_long);
        }
    }
    if let Some(parsed) = &parsed {
        if let Some(other) = same_document(conn, id, &input, parsed)? {
            errs.duplicate("symbol", Msg::DuplicateDirective(other));
        }
    }
    Ok((input, parsed))
}

/// The input `check` passed, with its symbol as parsed, or every error it found.
pub(super) fn checked_input(
    conn: &mut DbConnection,
    id: Option<i64>,
    input: DirectiveInput,
) -> ApiResult<(DirectiveInput, Symbol)> {
    match checked(|errs| check(conn, id, input, errs))? {
        (input, Some(parsed)) => Ok((input, parsed)),
        // A symbol that does not parse is among the errors, so it never comes here.
        (_, None) => Err(ApiError::internal()),
    }
}

/// A directive already registered as this one: the same canonical symbol, issue date and term;
/// or the same issue date and a symbol that names the same document more or less fully
/// ("Chỉ thị 04" and "04-CT/TW", both of 06/7/2011).
/// The registered directive an input is the same document as (an import matches a row to it).
pub fn registered(conn: &mut DbConnection, input: &DirectiveInput) -> QueryResult<Option<i64>> {
    let mut input = input.clone();
    input.symbol = text::clean(&input.symbol);
    input.term = text::clean_opt(input.term.as_deref()).map(|t| symbol::term(&t).unwrap_or(t));
    match symbol::parse(&input.symbol) {
        Ok(parsed) => same_document(conn, None, &input, &parsed),
        Err(_) => Ok(None),
    }
}

fn same_document(
    conn: &mut DbConnection,
    id: Option<i64>,
    input: &DirectiveInput,
    parsed: &Symbol,
) -> QueryResult<Option<i64>> {
    Ok(resolve::by_numbers(conn, std::slice::from_ref(&parsed.number))?
        .into_iter()
        .filter(|r| Some(r.id) != id)
        .find(|r| {
            let identical =
                r.canonical_symbol == parsed.canonical && r.issued_on == input.issued_on && r.term == input.term;
            identical || (input.issued_on.is_some() && r.issued_on == input.issued_on && parsed.matches(&r.parsed()))
        })
        .map(|r| r.id))
}
