//! Rows of directives: by canonical symbol and date; the documents each implements by symbol.

use super::apply::{from_file, Kind};
use super::layout::Cells;
use super::Ctx;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::export::table::Sheet;
use crate::messages::{Lang, Msg};
use crate::models::directive::{self, Directive, DirectiveInput};
use crate::models::enums::DirectiveKind;

pub(super) struct Directives;

impl Kind for Directives {
    type R = Directive;
    const REQUIRED: &'static [&'static str] = &["symbol"];

    fn sheet(lang: Lang) -> Sheet {
        super::Resource::Directives.sheet(lang)
    }

    fn read(ctx: &mut Ctx, cells: &mut Cells) -> ApiResult<DirectiveInput> {
        let symbol = cells.required("symbol");
        let kind = cells.word("kind", DirectiveKind::ALL, DirectiveKind::as_str);
        let mut implements = Vec::new();
        for written in cells.list("implements") {
            match ctx.directive(&written)? {
                Ok(id) => implements.push(id),
                Err(msg) => cells.problem("implements", msg),
            }
        }
        Ok(DirectiveInput {
            symbol,
            kind,
            title: cells.text("title"),
            issuer: cells.text("issuer"),
            issued_on: cells.date("issued_on"),
            term: cells.text("term"),
            implements,
        })
    }

    fn key(input: &DirectiveInput) -> String {
        let canonical =
            crate::symbol::parse(&input.symbol).map(|s| s.canonical).unwrap_or_else(|_| input.symbol.clone());
        format!("{canonical}|{:?}|{:?}", input.issued_on, input.term)
    }

    fn registered(conn: &mut DbConnection, input: &DirectiveInput) -> ApiResult<Option<i64>> {
        Ok(directive::registered(conn, input)?)
    }

    fn overlay(mut registered: DirectiveInput, read: DirectiveInput, cells: &Cells) -> DirectiveInput {
        from_file!(registered, read, cells, title, issuer, implements);
        if cells.has("kind") {
            registered.kind = read.kind.or(registered.kind);
        }
        registered
    }

    fn column(field: &str) -> &str {
        field.split(['[', '.']).next().unwrap_or(field)
    }

    fn waits(key: &str, msg: &Msg) -> bool {
        key == "implements" && matches!(msg, Msg::SymbolNoMatch(_))
    }

    fn name(input: &DirectiveInput) -> String {
        input.symbol.clone()
    }
}
