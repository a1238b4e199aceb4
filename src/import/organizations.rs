//! Rows of organizations: by name and locality, the parent by name within the locality.

use super::apply::{from_file, Kind};
use super::layout::Cells;
use super::lookup::Found;
use super::Ctx;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::export::table::Sheet;
use crate::messages::{Lang, Msg};
use crate::models::enums::OrganizationKind;
use crate::models::organization::{Organization, OrganizationInput};
use crate::models::same_name;

pub(super) struct Organizations;

impl Kind for Organizations {
    type R = Organization;
    const REQUIRED: &'static [&'static str] = &["name"];

    fn sheet(lang: Lang) -> Sheet {
        super::Resource::Organizations.sheet(lang)
    }

    fn read(ctx: &mut Ctx, cells: &mut Cells) -> ApiResult<OrganizationInput> {
        let name = cells.required("name");
        let locality_id = locality_of(ctx, cells);
        // A kind left blank is read from the name, as the intake reads one.
        let mut kind = cells.word("kind", OrganizationKind::ALL, OrganizationKind::as_str);
        if kind.is_none() && !cells.problems.iter().any(|(k, _)| k == "kind") {
            kind = ctx.lookup.kind_named(&name, locality_id).filter(|k| *k != OrganizationKind::Other);
            if kind.is_none() {
                cells.missing("kind");
            }
        }
        let parent_id = match cells.text("parent") {
            Some(parent) => match ctx.lookup.organization(&parent, locality_id) {
                Found::One(id) => Some(id),
                Found::Several(fits) => {
                    cells.problem("parent", Msg::SeveralNamed(parent, fits));
                    None
                }
                Found::None(_) => {
                    cells.problem("parent", Msg::NoOrganizationMatches(parent));
                    None
                }
            },
            None => None,
        };
        Ok(OrganizationInput {
            name,
            short_name: cells.text("short_name"),
            aliases: cells.list("aliases"),
            kind: kind.unwrap_or(OrganizationKind::Other),
            locality_id,
            parent_id,
        })
    }

    fn key(input: &OrganizationInput) -> String {
        format!("{}|{:?}", crate::text::name_key(&input.name), input.locality_id)
    }

    fn registered(conn: &mut DbConnection, input: &OrganizationInput) -> ApiResult<Option<i64>> {
        let name = crate::text::clean(&input.name);
        Ok(same_name(conn, ("organizations", "locality_id"), &name, input.locality_id, None)?)
    }

    fn overlay(mut registered: OrganizationInput, read: OrganizationInput, cells: &Cells) -> OrganizationInput {
        from_file!(registered, read, cells, short_name, aliases, kind);
        if cells.has("parent") {
            registered.parent_id = read.parent_id;
        }
        registered
    }

    fn column(field: &str) -> &str {
        match field.split(['[', '.']).next().unwrap_or(field) {
            "locality_id" => "locality",
            "parent_id" => "parent",
            other => other,
        }
    }

    fn waits(key: &str, msg: &Msg) -> bool {
        key == "parent" && matches!(msg, Msg::NoOrganizationMatches(_))
    }

    fn made(ctx: &mut Ctx, id: i64, input: &OrganizationInput) {
        let names = std::iter::once(input.name.as_str())
            .chain(input.short_name.as_deref())
            .chain(input.aliases.iter().map(String::as_str));
        ctx.lookup.made(names, input.locality_id, id, &input.name);
    }

    fn name(input: &OrganizationInput) -> String {
        input.name.clone()
    }
}

/// The row's locality: by the name in its `locality` column, else by a `locality_id` the
/// registry holds.
pub(super) fn locality_of(ctx: &Ctx, cells: &mut Cells) -> Option<i64> {
    if let Some(written) = cells.text("locality") {
        return match ctx.lookup.locality(&written) {
            Ok(id) => Some(id),
            Err(msg) => {
                cells.problem("locality", msg);
                None
            }
        };
    }
    let id = cells.text("locality_id")?;
    match id.parse::<i64>().ok().filter(|id| ctx.lookup.has_locality(*id)) {
        Some(id) => Some(id),
        None => {
            cells.problem("locality_id", Msg::NoLocalityMatches(id));
            None
        }
    }
}
