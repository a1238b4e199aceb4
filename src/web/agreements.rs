//! `/agreements`: the list with every filter of the API, kept in the address; and one agreement
//! with everything about it.

use std::sync::Arc;

use askama::Template;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, Either, State};

use crate::api::agreements::agreement_filter;
use crate::api::params::Params;
use crate::db::Db;
use crate::error::ApiError;
use crate::messages::pages::W;
use crate::messages::Entity;
use crate::messages::Msg;
use crate::models::agreement::{self, Agreement};
use crate::models::enums::{AgreementKind, AgreementStatus, LocalityLevel, OrganizationKind};
use crate::models::locality::{self, Locality, LocalityFilter};
use crate::models::organization::OrganizationFilter;
use crate::models::page::{ListPage, Page as Paging};
use crate::models::signing_event::{self, SigningEvent};
use crate::models::{directive, organization};
use crate::web::history;
use crate::web::kept::{Arrived, Kept, KeptByKey};
use crate::web::page::{address, with_param, Crumb, Ctx, OrFailure, Page, PageResult, Pager};
use crate::web::staff;
use crate::web::Reader;

/// Agreements on a page of the list.
const PER_PAGE: i64 = 20;

/// The parameters the form shows a message beside.
const FIELDS: [&str; 12] = [
    "q",
    "kind",
    "status",
    "active_in",
    "locality",
    "directive",
    "signed_from",
    "signed_to",
    "party_kind",
    "signed_by",
    "signing_event_id",
    "offset",
];

/// An option of a filter's choice: its value, its words, and whether the address chose it.
pub struct Choice {
    pub value: String,
    pub text: String,
    pub chosen: bool,
}

fn choices<T: Copy + crate::messages::labels::Label>(
    ctx: &Ctx,
    all: &[T],
    value: fn(T) -> &'static str,
    chosen: &[&str],
) -> Vec<Choice> {
    all.iter()
        .map(|&v| Choice {
            value: value(v).to_string(),
            text: ctx.label(&v).to_string(),
            chosen: chosen.contains(&value(v)),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "agreements.html")]
struct List<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    params: &'a Params,
    /// Each field's message, when the address has a value that cannot be read.
    errors: Vec<(String, String)>,
    found: Option<Arc<ListPage<Agreement>>>,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    party_kinds: Vec<Choice>,
    localities: Vec<Choice>,
    /// The organizations of `signed_by`, by name.
    signers: Vec<(i64, String)>,
    pager: Option<Pager>,
}

impl List<'_> {
    /// The whole list's file: the page's filters, every page.
    fn download(&self) -> String {
        address("/agreements/download", self.params, |k, _| k != "offset" && k != "format")
    }

    fn value(&self, name: &str) -> &str {
        self.params.text(name).unwrap_or("")
    }

    fn error(&self, name: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == name).map(|(_, m)| m.as_str())
    }

    /// A message about a parameter the form has no field for (one mistyped in the address).
    fn error_elsewhere(&self) -> Option<String> {
        self.errors.iter().find(|(f, _)| !FIELDS.contains(&f.as_str())).map(|(f, m)| format!("{f}: {m}"))
    }

    /// Whether the chosen locality is among the select's options.
    fn locality_listed(&self) -> bool {
        self.localities.iter().any(|c| c.chosen)
    }

    /// The list's address without one of the chosen signers.
    fn without_signer(&self, id: &i64) -> String {
        let kept = id.to_string();
        address("/agreements", self.params, |k, v| k != "offset" && !(k == "signed_by" && v.trim() == kept))
    }
}

#[get("/agreements")]
pub async fn list(
    db: &State<Db>,
    kept: &State<Kept<Places>>,
    lists: &State<KeptByKey<ListPage<Agreement>>>,
    _reader: Reader,
    ctx: Ctx,
    params: Params,
    arrived: Arrived,
) -> Result<Either<Redirect, Page>, Page> {
    // "Add a signer": the name as typed becomes the best matching organization's id.
    let mut signer_error = None;
    let typed = params.text("signer").map(str::trim).map(str::to_string);
    // The form's own field, empty or not, is no filter of the API's.
    let params = params.without("signer");
    if let Some(typed) = typed {
        let filter = OrganizationFilter { q: Some(typed.clone()), ..OrganizationFilter::default() };
        let best = db.run(move |c| organization::list(c, &filter, Paging { limit: 1, offset: 0 })).await;
        match best.map(|found| found.items.into_iter().next()) {
            Ok(Some(o)) => {
                let base = address("/agreements", &params, |k, _| k != "offset");
                return Ok(Either::Left(Redirect::to(with_param(&base, "signed_by", &o.id.to_string()))));
            }
            _ => signer_error = Some(Msg::NoOrganizationMatches(typed).text(ctx.lang)),
        }
    }
    let asked = agreement_filter(&params).map(|(filter, page)| {
        let page = Paging { limit: PER_PAGE, offset: page.offset };
        (filter, page)
    });
    let mut errors: Vec<(String, String)> = match &asked {
        Err(e) => e.to_problem(ctx.lang).errors.into_iter().map(|f| (f.field, f.message)).collect(),
        Ok(_) => Vec::new(),
    };
    errors.extend(signer_error.map(|m| ("signer".to_string(), m)));
    let signed_by = params.ints("signed_by").unwrap_or_default();
    let work = asked.as_ref().ok().map(|(f, p)| (f.clone(), *p));
    let places = kept.get(db, arrived.0, places).await.or_page(&ctx)?;
    // The list itself is everyone's alike: kept per address, as the API keeps its answers.
    let here = ctx.here.clone();
    let known = lists.get(&here, arrived.0);
    let (found, signers) = db
        .run(move |c| {
            let found = match (known, work) {
                (Some(known), _) => Some(known),
                (None, Some((filter, page))) => Some(Arc::new(agreement::list(c, &filter, page)?)),
                (None, None) => None,
            };
            let mut signers = Vec::new();
            for id in signed_by {
                if let Ok(o) = organization::get(c, id) {
                    signers.push((o.id, o.name));
                }
            }
            Ok::<_, ApiError>((found, signers))
        })
        .await
        .or_page(&ctx)?;
    if let Some(found) = &found {
        lists.keep(here, arrived.0, found.clone());
    }
    let chosen_locality = params.text("locality").unwrap_or("").trim().to_string();
    let localities = locality_choices(&places, &chosen_locality);
    let party_kind: Vec<&str> = params.all("party_kind").into_iter().map(str::trim).collect();
    let page = List {
        ctx: &ctx,
        crumbs: vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(ctx.t(W::Agreements))],
        params: &params,
        errors,
        kinds: choices(&ctx, AgreementKind::ALL, AgreementKind::as_str, &[params.text("kind").unwrap_or("").trim()]),
        statuses: choices(
            &ctx,
            AgreementStatus::ALL,
            AgreementStatus::as_str,
            &[params.text("status").unwrap_or("").trim()],
        ),
        party_kinds: choices(&ctx, OrganizationKind::ALL, OrganizationKind::as_str, &party_kind),
        localities,
        signers,
        pager: found.as_ref().map(|f| Pager::new(&address("/agreements", &params, |k, _| k != "offset"), f)),
        found,
    };
    let status = if page.errors.is_empty() { Status::Ok } else { Status::BadRequest };
    Ok(Either::Right(Page::with_status(status, &ctx, &page)))
}

fn locality_choices(places: &Places, chosen: &str) -> Vec<Choice> {
    places
        .0
        .iter()
        .map(|l| Choice { chosen: l.id.to_string() == chosen, value: l.id.to_string(), text: l.name.clone() })
        .collect()
}

/// The localities the list's filter offers: the central level, then the provinces and cities.
pub struct Places(Vec<Locality>);

fn places(c: &mut crate::db::DbConnection) -> crate::error::ApiResult<Places> {
    let level = |level| LocalityFilter { level: Some(level), ..LocalityFilter::default() };
    let mut all = locality::list(c, &level(LocalityLevel::Central), Paging { limit: 10, offset: 0 })?.items;
    all.extend(locality::list(c, &level(LocalityLevel::Province), Paging { limit: 100, offset: 0 })?.items);
    Ok(Places(all))
}

#[derive(Template)]
#[template(path = "agreement.html")]
struct One<'a> {
    /// This record's page, when the reader may edit and delete it there.
    editable: Option<String>,
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    a: Agreement,
    event: Option<SigningEvent>,
    /// The event's host and locality, by name.
    host: Option<String>,
    place: Option<String>,
    replaces: Option<(i64, String)>,
    /// Each directive it implements or cites, with the chain above it (nearest first).
    chains: Vec<Vec<(i64, String)>>,
    /// Its changes, newest first, for those who may read the audit trail.
    history: Option<Vec<history::Change>>,
}

#[get("/agreements/<id>")]
pub async fn one(db: &State<Db>, _reader: Reader, ctx: Ctx, id: i64) -> PageResult {
    let may_read_audit = ctx.signed_in.as_ref().is_some_and(|s| s.user.actor().may_read_audit().is_ok());
    let (a, event, host, place, replaces, chains, history) = db
        .run(move |c| {
            let a = agreement::get(c, id)?;
            let event = a.signing_event_id.map(|e| signing_event::get(c, e)).transpose()?;
            let host = match event.as_ref().and_then(|e| e.host_id) {
                Some(h) => Some(organization::get(c, h)?.name),
                None => None,
            };
            let place = match event.as_ref().and_then(|e| e.locality_id) {
                Some(l) => Some(locality::get(c, l)?.name),
                None => None,
            };
            let replaces = match a.replaces_id {
                Some(r) => Some((r, agreement::get(c, r)?.title)),
                None => None,
            };
            let mut chains = Vec::new();
            for d in &a.directives {
                chains.push(directive::graph::chain_above(c, d.directive_id)?);
            }
            let history = if may_read_audit { Some(history::of(c, Entity::Agreement, id, None)?) } else { None };
            Ok::<_, ApiError>((a, event, host, place, replaces, chains, history))
        })
        .await
        .or_page(&ctx)?;
    let history = history.map(|entries| history::changes(&ctx, entries));
    let crumbs = vec![
        Crumb::link(ctx.t(W::Home), "/"),
        Crumb::link(ctx.t(W::Agreements), "/agreements"),
        Crumb::here(a.title.clone()),
    ];
    let editable = staff::editable::<Agreement>(db, &ctx, id).await;
    Ok(Page::ok(&ctx, &One { ctx: &ctx, editable, crumbs, a, event, host, place, replaces, chains, history }))
}
