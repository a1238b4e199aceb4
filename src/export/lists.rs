//! The lists as files: each list's columns and the rows of its records. The columns are the
//! ones an import reads back: the API's field names as keys, headers in words, enumerations in
//! words, organizations, localities and directives by name beside their id.

use std::collections::HashMap;
use std::io::Write;

use diesel::prelude::*;

use super::columns::{agreement_sheets, directive_sheet, event_sheet, locality_sheet, organization_sheet};
use super::table::{joined, Cell};
use super::write::{pages, Sink};
use super::Format;
use crate::db::schema::{localities, organizations};
use crate::db::DbConnection;
use crate::error::ApiResult;
use crate::messages::labels::Label;
use crate::messages::Lang;
use crate::models::agreement::{self, Agreement, AgreementFilter};
use crate::models::directive::{self, DirectiveFilter};
use crate::models::enums::PartyRole;
use crate::models::locality::{self, LocalityFilter};
use crate::models::organization::{self, OrganizationFilter};
use crate::models::page::Page;
use crate::models::signing_event::{self, SigningEventFilter};

/// Records read per page of an export.
const PAGE: i64 = 2_000;

/// A list as asked, with its filter.
pub enum Listing {
    Agreements(AgreementFilter),
    Organizations(OrganizationFilter),
    Directives(DirectiveFilter),
    Localities(LocalityFilter),
    SigningEvents(SigningEventFilter),
}

/// Names of localities (all, read once: a country has a few thousand) and of organizations
/// (read as the rows need them).
pub struct Names {
    localities: HashMap<i64, String>,
    organizations: HashMap<i64, String>,
}

impl Names {
    pub fn read(c: &mut DbConnection) -> ApiResult<Names> {
        let localities = localities::table.select((localities::id, localities::name)).load(c)?.into_iter().collect();
        Ok(Names { localities, organizations: HashMap::new() })
    }

    pub fn locality(&self, id: Option<i64>) -> Cell<'_> {
        id.and_then(|id| self.localities.get(&id)).into()
    }

    /// Reads the names of `ids` not read yet; the cache is emptied past 50,000 names.
    pub fn want_organizations(&mut self, c: &mut DbConnection, ids: impl IntoIterator<Item = i64>) -> ApiResult<()> {
        let missing: Vec<i64> = ids.into_iter().filter(|id| !self.organizations.contains_key(id)).collect();
        if missing.is_empty() {
            return Ok(());
        }
        if self.organizations.len() > 50_000 {
            self.organizations.clear();
        }
        let found: Vec<(i64, String)> = organizations::table
            .filter(organizations::id.eq_any(&missing))
            .select((organizations::id, organizations::name))
            .load(c)?;
        self.organizations.extend(found);
        Ok(())
    }

    pub fn organization(&self, id: Option<i64>) -> Cell<'_> {
        id.and_then(|id| self.organizations.get(&id)).into()
    }
}

/// An agreement's rows: one on the agreements sheet, one per party on the parties sheet.
pub fn agreement_rows<W: Write + Send>(a: &Agreement, names: &Names, lang: Lang, sink: &mut Sink<W>) -> ApiResult<()> {
    let lead = a.parties.iter().find(|p| p.role == PartyRole::Lead).map(|p| p.organization_name.as_str());
    let row = [
        Cell::Int(a.id),
        a.title.as_str().into(),
        a.kind.label(lang).into(),
        a.topic.as_deref().into(),
        a.period.start_year.into(),
        a.period.end_year.into(),
        a.signed_on.into(),
        a.status.label(lang).into(),
        a.locality_id.into(),
        names.locality(a.locality_id),
        a.signing_event_id.into(),
        lead.into(),
        joined(a.parties.iter().map(|p| &p.organization_name)),
        joined(a.parties.iter().map(|p| p.organization_id.to_string())),
        joined(a.parties.iter().map(|p| p.role.label(lang))),
        joined(a.directives.iter().map(|d| &d.symbol)),
        joined(a.directives.iter().map(|d| d.directive_id.to_string())),
        joined(a.directives.iter().map(|d| d.relation.label(lang))),
        if a.tasks.is_empty() { Cell::Empty } else { a.tasks.join("\n").into() },
        a.replaces_id.into(),
        a.source_url.as_deref().into(),
        a.published_on.into(),
        a.external_id.as_deref().into(),
    ];
    sink.row(0, &row)?;
    if !sink.holds(1) {
        return Ok(());
    }
    for p in &a.parties {
        let party = [
            Cell::Int(a.id),
            a.title.as_str().into(),
            Cell::Int(p.organization_id),
            p.organization_name.as_str().into(),
            p.role.label(lang).into(),
            p.signatory_name.as_deref().into(),
            p.signatory_title.as_deref().into(),
        ];
        sink.row(1, &party)?;
    }
    Ok(())
}

impl Listing {
    /// The file's name, without its extension.
    pub fn name(&self, lang: Lang) -> &'static str {
        let vi = lang == Lang::Vi;
        match self {
            Listing::Agreements(_) => {
                if vi {
                    "van-ban-phoi-hop"
                } else {
                    "agreements"
                }
            }
            Listing::Organizations(_) => {
                if vi {
                    "to-chuc"
                } else {
                    "organizations"
                }
            }
            Listing::Directives(_) => {
                if vi {
                    "van-ban-chi-dao"
                } else {
                    "directives"
                }
            }
            Listing::Localities(_) => {
                if vi {
                    "dia-ban"
                } else {
                    "localities"
                }
            }
            Listing::SigningEvents(_) => {
                if vi {
                    "le-ky-ket"
                } else {
                    "signing-events"
                }
            }
        }
    }

    /// What refuses the export before its first byte: the first page's own refusal (a symbol
    /// that cannot be read, several directives for one symbol).
    pub fn check(&self, c: &mut DbConnection) -> ApiResult<()> {
        let one = Page { limit: 1, offset: 0 };
        match self {
            Listing::Agreements(f) => agreement::list(c, f, one).map(drop),
            Listing::Organizations(f) => organization::list(c, f, one).map(drop),
            Listing::Directives(f) => directive::list(c, f, one).map(drop),
            Listing::Localities(f) => locality::list(c, f, one).map(drop),
            Listing::SigningEvents(f) => signing_event::list(c, f, one).map(drop),
        }
    }

    /// The whole list in `format`, to `out`.
    pub fn write<W: Write + Send>(self, c: &mut DbConnection, format: Format, lang: Lang, out: W) -> ApiResult<()> {
        let mut names = Names::read(c)?;
        let about = vec![(about_label(lang), self.name(lang).to_string())];
        let c = std::cell::RefCell::new(c);
        let mut offset = 0;
        let mut paged = |n: usize| {
            let page = Page { limit: PAGE, offset };
            offset += n as i64;
            page
        };
        macro_rules! by_offset {
            ($list:path, $filter:expr, $sheets:expr, $row:expr) => {{
                let sink = Sink::open(format, $sheets, lang, out)?;
                let mut last = PAGE as usize;
                pages(
                    sink,
                    &about,
                    || {
                        if last < PAGE as usize {
                            return Ok(Vec::new());
                        }
                        let found = $list(&mut **c.borrow_mut(), &$filter, paged(last))?.items;
                        last = found.len();
                        Ok(found)
                    },
                    |items, sink| {
                        let c = &mut **c.borrow_mut();
                        for item in items {
                            $row(c, &mut names, item, sink)?;
                        }
                        Ok(())
                    },
                )
            }};
        }
        match self {
            Listing::Agreements(filter) => {
                let sink = Sink::open(format, agreement_sheets(lang), lang, out)?;
                let c = c.into_inner();
                // The order is read once; the records are then read by id, a page at a time.
                let ids = agreement::ordered_ids(c, &filter)?;
                let mut chunks = ids.chunks(PAGE as usize);
                let next = || match chunks.next() {
                    Some(chunk) => agreement::in_order(c, chunk),
                    None => Ok(Vec::new()),
                };
                pages(sink, &about, next, |items, sink| {
                    items.iter().try_for_each(|a| agreement_rows(a, &names, lang, sink))
                })
            }
            Listing::Organizations(filter) => {
                by_offset!(
                    organization::list,
                    filter,
                    vec![organization_sheet(lang)],
                    |c, names: &mut Names, o: &organization::Organization, sink: &mut Sink<W>| {
                        names.want_organizations(c, o.parent_id)?;
                        sink.row(
                            0,
                            &[
                                Cell::Int(o.id),
                                o.name.as_str().into(),
                                o.short_name.as_deref().into(),
                                joined(&o.aliases),
                                o.kind.label(lang).into(),
                                o.locality_id.into(),
                                names.locality(o.locality_id),
                                o.parent_id.into(),
                                names.organization(o.parent_id),
                            ],
                        )
                    }
                )
            }
            Listing::Directives(filter) => {
                by_offset!(
                    directive::list,
                    filter,
                    vec![directive_sheet(lang)],
                    |c: &mut DbConnection, _: &mut Names, d: &directive::Directive, sink: &mut Sink<W>| {
                        let implemented = directive::symbols_of(c, &d.implements)?;
                        sink.row(
                            0,
                            &[
                                Cell::Int(d.id),
                                d.symbol.as_str().into(),
                                d.kind.label(lang).into(),
                                d.title.as_deref().into(),
                                d.issuer.as_deref().into(),
                                d.issued_on.into(),
                                d.term.as_deref().into(),
                                joined(implemented),
                                joined(d.implements.iter().map(i64::to_string)),
                            ],
                        )
                    }
                )
            }
            Listing::Localities(filter) => {
                by_offset!(
                    locality::list,
                    filter,
                    vec![locality_sheet(lang)],
                    |_: &mut DbConnection, names: &mut Names, l: &locality::Locality, sink: &mut Sink<W>| {
                        sink.row(
                            0,
                            &[
                                Cell::Int(l.id),
                                l.name.as_str().into(),
                                l.level.label(lang).into(),
                                l.parent_id.into(),
                                names.locality(l.parent_id),
                            ],
                        )
                    }
                )
            }
            Listing::SigningEvents(filter) => {
                by_offset!(
                    signing_event::list,
                    filter,
                    vec![event_sheet(lang)],
                    |c, names: &mut Names, e: &signing_event::SigningEvent, sink: &mut Sink<W>| {
                        names.want_organizations(c, e.host_id)?;
                        sink.row(
                            0,
                            &[
                                Cell::Int(e.id),
                                e.kind.label(lang).into(),
                                e.title.as_str().into(),
                                e.held_on.into(),
                                e.place.as_deref().into(),
                                e.locality_id.into(),
                                names.locality(e.locality_id),
                                e.host_id.into(),
                                names.organization(e.host_id),
                                joined(e.agreement_ids.iter().map(i64::to_string)),
                                e.source_url.as_deref().into(),
                                e.published_on.into(),
                            ],
                        )
                    }
                )
            }
        }
    }
}

fn about_label(lang: Lang) -> String {
    if lang == Lang::Vi { "Danh sách" } else { "List" }.to_string()
}

pub fn agreement_brief_row<'a>(
    a: &'a crate::models::report::AgreementBrief,
    names: &'a Names,
    lang: Lang,
) -> Vec<Cell<'a>> {
    vec![
        Cell::Int(a.id),
        a.title.as_str().into(),
        a.kind.label(lang).into(),
        a.start_year.into(),
        a.end_year.into(),
        a.locality_id.into(),
        names.locality(a.locality_id),
    ]
}
