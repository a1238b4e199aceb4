//! Imports: a province's spreadsheet read into the registry, a face over the registry service as
//! the API and the pages are. A file, CSV or XLSX, is read into a [`grid::Grid`] numbered as the
//! spreadsheet numbers its rows; each row is read as the resource's input in the exports'
//! columns (`export/columns.rs`: a header is known by the API's field name or by its words in
//! either language, with or without diacritics), matched by its natural key to the record it
//! already is, and created, left or changed through `registry`, in the caller's transaction.
//! [`run`] answers the [`report::Report`] of every row; the caller commits only a clean one
//! (`committed`), so an import is all or nothing.

mod agreements;
mod apply;
mod directives;
pub mod grid;
mod layout;
mod lookup;
mod organizations;
pub mod report;
pub mod values;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::auth::Actor;
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::intake::names::Names;
use crate::messages::{Lang, Msg};
use crate::progress::Progress;
use lookup::Lookup;
use report::Report;

/// The most rows a file may hold (the header aside): an import is one transaction, which holds
/// the writer for as long as it takes; a larger file is refused with the advice to split it.
pub const MAX_ROWS: usize = 10_000;

/// The most columns read: the widest sheet an export writes has 23.
pub const MAX_COLUMNS: usize = 64;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, rocket::FromFormField)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    #[field(value = "organizations")]
    Organizations,
    #[field(value = "directives")]
    Directives,
    #[field(value = "agreements")]
    Agreements,
}

/// What a row that is a registered record with other values does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnMatch {
    /// Reported, and left as it is.
    #[default]
    Skip,
    /// Changed to the file's values, through the ordinary rules.
    Update,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dry_run: bool,
    pub on_match: OnMatch,
    /// Parties that name no registered organization are made (`create_missing=organizations`).
    pub create_missing: bool,
    /// The version every changed record must be at, when the caller states it.
    pub version: Option<i64>,
    pub lang: Lang,
}

/// What the rows are read with.
pub(crate) struct Ctx<'a> {
    conn: &'a mut DbConnection,
    actor: &'a Actor,
    options: &'a Options,
    lookup: Lookup,
    /// Directives found by a symbol as written: a file names the same few thousands of times.
    directives: std::collections::HashMap<String, i64>,
    /// Who signed for each party, when an agreements workbook has its parties sheet.
    signatories: agreements::Signatories,
    report: Report,
    lang: Lang,
    progress: &'a mut dyn Progress,
}

impl Ctx<'_> {
    /// The one registered directive a symbol as written names (a directive found stays found;
    /// one not found may be made by a later row, so is asked again).
    fn directive(&mut self, written: &str) -> ApiResult<Result<i64, Msg>> {
        let written = crate::text::clean(written);
        if let Some(id) = self.directives.get(&written) {
            return Ok(Ok(*id));
        }
        let found = crate::models::directive::resolve_one(self.conn, &written)?;
        if let Ok(id) = found {
            self.directives.insert(written, id);
        }
        Ok(found)
    }
}

/// Imports the file `bytes` as `actor` in the caller's transaction, which the caller commits
/// only when the report says `committed`. A file that cannot be read at all is a 422 naming
/// why, before anything is looked at.
pub fn run(
    conn: &mut DbConnection,
    actor: &Actor,
    names: Arc<Names>,
    resource: Resource,
    bytes: &[u8],
    options: &Options,
    progress: &mut dyn Progress,
) -> ApiResult<Report> {
    actor.may_write(resource.entity())?;
    progress.stage(crate::progress::Stage::ImportRead, None);
    let file_problem = |why| crate::error::ApiError::field("file", Msg::ImportFile(why));
    let grid = grid::read(bytes).map_err(file_problem)?;
    let report = Report::new(resource, grid.rows.len(), options.dry_run);
    let signatories = match resource {
        Resource::Agreements => agreements::signatories(bytes, options.lang).map_err(file_problem)?,
        _ => Default::default(),
    };
    let (lookup, directives) = (Lookup::new(names), Default::default());
    let mut ctx = Ctx { conn, actor, options, lookup, directives, signatories, report, lang: options.lang, progress };
    match resource {
        Resource::Organizations => apply::rows::<organizations::Organizations>(&mut ctx, &grid)?,
        Resource::Directives => apply::rows::<directives::Directives>(&mut ctx, &grid)?,
        Resource::Agreements => apply::rows::<agreements::Agreements>(&mut ctx, &grid)?,
    }
    let mut report = ctx.report;
    report.committed = !options.dry_run && report.is_clean();
    report.dry_run = !report.committed;
    if report.dry_run {
        for line in report.created.iter_mut().chain(&mut report.proposed_organizations) {
            line.id = None;
        }
    }
    ctx.progress.finish();
    Ok(report)
}

/// An import on the server: a dry run always undone, else written when clean, as one write
/// among the server's others. The API and the pages both ask here.
pub async fn on_server(
    db: &crate::db::Db,
    gazetteer: Arc<crate::registry::intake::Gazetteer>,
    actor: Actor,
    (resource, bytes): (Resource, Vec<u8>),
    options: Options,
) -> ApiResult<Report> {
    let dry_run = options.dry_run;
    let work = move |c: &mut DbConnection| {
        let names = gazetteer.names(c)?;
        run(c, &actor, names, resource, &bytes, &options, &mut crate::progress::Silent)
    };
    if dry_run {
        db.rehearse(work).await
    } else {
        db.write_if(work, |report: &Report| report.committed).await
    }
}

impl Resource {
    /// The columns a file of this resource is read in, as its export writes them.
    pub fn sheet(self, lang: Lang) -> crate::export::table::Sheet {
        use crate::export::columns;
        match self {
            Resource::Organizations => columns::organization_sheet(lang),
            Resource::Directives => columns::directive_sheet(lang),
            Resource::Agreements => columns::agreement_sheets(lang).swap_remove(0),
        }
    }

    /// The records a file of this resource makes.
    pub fn entity(self) -> crate::messages::Entity {
        use crate::messages::Entity;
        match self {
            Resource::Organizations => Entity::Organization,
            Resource::Directives => Entity::Directive,
            Resource::Agreements => Entity::Agreement,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Resource::Organizations => "organizations",
            Resource::Directives => "directives",
            Resource::Agreements => "agreements",
        }
    }

    /// A template's file name, without its extension.
    pub fn template_name(self, lang: Lang) -> String {
        let vi = match self {
            Resource::Organizations => "to-chuc",
            Resource::Directives => "van-ban-chi-dao",
            Resource::Agreements => "van-ban-phoi-hop",
        };
        match lang {
            Lang::Vi => format!("mau-nhap-{vi}"),
            Lang::En => format!("import-template-{}", self.key()),
        }
    }

    pub fn parse(key: &str) -> Option<Resource> {
        [Resource::Organizations, Resource::Directives, Resource::Agreements].into_iter().find(|r| r.key() == key)
    }
}
