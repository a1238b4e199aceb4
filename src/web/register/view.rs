//! The registration form shown: as typed, with what each name and symbol resolved to, the
//! candidates where several fit, and the messages beside their fields.

use askama::Template;
use rocket::http::Status;
use rocket::{get, State};

use crate::api::params::Params;
use crate::db::Db;
use crate::messages::form_words::F;
use crate::messages::labels::Label;
use crate::messages::pages::W;
use crate::messages::Entity;
use crate::messages::Msg;
use crate::models::enums::{
    AgreementKind, AgreementStatus, DirectiveKind, DirectiveRelation, EventKind, OrganizationKind, PartyRole,
};
use crate::web::form::Messages;
use crate::web::history::Conflict;
use crate::web::page::{failure, Crumb, Ctx, Page};
use crate::web::register::draft::{Act, DirectiveRow, Pick, Registration};
use crate::web::register::picks::{self, Look, Looked, Places, Sort};
use crate::web::register::Target;
use crate::web::staff::Writer;

/// How the form is shown after a button: the messages beside fields, whether names that fit no
/// one record are said to (after "check" and "save", not while rows are being added), the field
/// to put the cursor in, and a note of what was just made.
#[derive(Default)]
pub struct Shown {
    pub messages: Messages,
    pub check: bool,
    pub focus: String,
    pub notice: Option<Msg>,
    /// Someone saved the record after the form read it.
    pub conflict: Option<Conflict>,
}

/// An enumeration's values and words, for a select.
type Options = Vec<(&'static str, &'static str)>;

fn options<E: Label>(ctx: &Ctx, all: &[E], as_str: fn(E) -> &'static str) -> Options {
    all.iter().map(|&e| (as_str(e), e.label(ctx.lang))).collect()
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    heading: &'static str,
    /// Where the form's buttons post.
    action: String,
    /// Whether the form holds an event (a registration, or an event's edit) and may gain
    /// agreements (a registration only).
    shows_event: bool,
    adds_agreements: bool,
    /// Whether the form edits a record, and so carries the version it read.
    version_shown: bool,
    conflict: Option<Conflict>,
    form: Registration,
    looked: Looked,
    shown: Shown,
    notice: Option<String>,
    csrf_token: String,
    event_kinds: Options,
    agreement_kinds: Options,
    roles: Options,
    relations: Options,
    statuses: Options,
    organization_kinds: Options,
    directive_kinds: Options,
}

impl RegisterPage<'_> {
    fn msg(&self, field: impl AsRef<str>) -> Option<&str> {
        self.shown.messages.get(field.as_ref())
    }

    fn look(&self, slot: impl AsRef<str>) -> Option<&Look> {
        self.looked.get(slot.as_ref())
    }

    /// The messages of fields the form has no place for, said at its top.
    fn elsewhere(&self) -> Vec<&(String, String)> {
        let shown = shown_fields(&self.form);
        self.shown.messages.elsewhere(|f| f == "form" || shown.contains(f))
    }

    /// ` autofocus` on the field the cursor belongs in.
    fn focus(&self, name: impl AsRef<str>) -> &'static str {
        if self.shown.focus == name.as_ref() {
            " autofocus"
        } else {
            ""
        }
    }
}

pub async fn show(
    db: &Db,
    ctx: &Ctx,
    writer: &Writer,
    form: Registration,
    shown: Shown,
    target: Target,
) -> Result<Page, Page> {
    show_with(db, ctx, writer, form, shown, Status::Ok, target).await
}

pub async fn show_with(
    db: &Db,
    ctx: &Ctx,
    writer: &Writer,
    mut form: Registration,
    mut shown: Shown,
    status: Status,
    target: Target,
) -> Result<Page, Page> {
    form.pad(target == Target::New);
    let (form, looked) = db
        .run(move |c| {
            let looked = picks::look_up(c, &mut form)?;
            Ok((form, looked))
        })
        .await
        .map_err(|e| failure(ctx, &e))?;
    if shown.check && shown.messages.0.is_empty() {
        let mut errs = crate::error::FieldErrors::default();
        picks::unresolved(&form, &looked, &mut errs);
        if !errs.is_empty() {
            shown.messages = Messages::of(&crate::error::ApiError::invalid(errs.all().cloned().collect()), ctx.lang);
        }
    }
    beside_symbol(&mut shown.messages);
    let notice = shown.notice.as_ref().map(|m| m.text(ctx.lang));
    let heading = target.heading(ctx);
    let crumbs = match target {
        Target::New => vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(heading)],
        Target::Event(id) | Target::Agreement(id) => {
            let (entity, title) = match target {
                Target::Event(_) => (Entity::SigningEvent, form.title.trimmed()),
                _ => (Entity::Agreement, form.agreements.first().map_or("", |a| a.title.trimmed())),
            };
            let called = if title.is_empty() { format!("#{id}") } else { title.to_string() };
            vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::link(called, entity.page(id)), Crumb::here(heading)]
        }
    };
    let conflict = shown.conflict.take();
    let page = RegisterPage {
        ctx,
        crumbs,
        heading,
        action: target.action(),
        shows_event: !matches!(target, Target::Agreement(_)),
        adds_agreements: target == Target::New,
        version_shown: target != Target::New,
        conflict,
        form,
        looked,
        shown,
        notice,
        csrf_token: writer.0.csrf_token.clone(),
        event_kinds: options(ctx, EventKind::ALL, EventKind::as_str),
        agreement_kinds: options(ctx, AgreementKind::ALL, AgreementKind::as_str),
        roles: options(ctx, PartyRole::ALL, PartyRole::as_str),
        relations: options(ctx, DirectiveRelation::ALL, DirectiveRelation::as_str),
        statuses: options(ctx, &[AgreementStatus::Terminated, AgreementStatus::Superseded], AgreementStatus::as_str),
        organization_kinds: options(ctx, OrganizationKind::ALL, OrganizationKind::as_str),
        directive_kinds: options(ctx, DirectiveKind::ALL, DirectiveKind::as_str),
    };
    Ok(Page::with_status(status, ctx, &page))
}

/// The fields beside which the form shows a message, by the API's names.
fn shown_fields(form: &Registration) -> std::collections::HashSet<String> {
    let mut all: std::collections::HashSet<String> =
        ["kind", "title", "held_on", "place", "locality_id", "host_id", "source_url", "published_on", "notes"]
            .into_iter()
            .map(String::from)
            .collect();
    for i in 0..form.attendees.len() {
        all.extend(["name", "position", "organization_id"].map(|f| format!("attendees[{i}].{f}")));
    }
    for (i, a) in form.agreements.iter().enumerate() {
        let fields =
            ["title", "kind", "topic", "period.start_year", "period.end_year", "signed_on", "parties", "tasks"];
        all.extend(
            fields.iter().chain(&["replaces_id", "source_url", "published_on"]).map(|f| format!("agreements[{i}].{f}")),
        );
        for j in 0..a.parties.len() {
            let fields = ["organization_id", "role", "signatory_name", "signatory_title"];
            all.extend(fields.map(|f| format!("agreements[{i}].parties[{j}].{f}")));
        }
        for j in 0..a.directives.len() {
            all.extend(["symbol", "relation"].map(|f| format!("agreements[{i}].directives[{j}].{f}")));
        }
    }
    for f in ["name", "kind", "locality_id"] {
        all.insert(format!("new_organization.{f}"));
    }
    for f in ["symbol", "kind", "issuer", "issued_on", "title"] {
        all.insert(format!("new_directive.{f}"));
    }
    all.extend(["new_organization".to_string(), "new_directive".to_string()]);
    all
}

/// A directive row's messages go beside the one field it shows: its symbol.
fn beside_symbol(messages: &mut Messages) {
    for (field, _) in &mut messages.0 {
        if field.contains(".directives[") {
            let row = field.rsplit_once(".directive_id").map(|(row, _)| row.to_string());
            if let Some(row) = row.or_else(|| field.ends_with(']').then(|| field.clone())) {
                *field = format!("{row}.symbol");
            }
        }
    }
}

/// The field the cursor goes to after a row was added or removed: the new row's first field, or
/// the button that adds another.
pub fn focus_after(act: &Act, form: &Registration) -> String {
    let last = |n: usize| n.saturating_sub(1);
    match *act {
        Act::AddAgreement => format!("agreements[{}].title", last(form.agreements.len())),
        Act::AddParty(i) => {
            let n = form.agreements.get(i).map_or(0, |a| a.parties.len());
            format!("agreements[{i}].parties[{}].organization.text", last(n))
        }
        Act::AddDirective(i) => {
            let n = form.agreements.get(i).map_or(0, |a| a.directives.len());
            format!("agreements[{i}].directives[{}].symbol", last(n))
        }
        Act::AddAttendee => format!("attendees[{}].name", last(form.attendees.len())),
        Act::RemoveParty(i, _) => format!("add-party:{i}"),
        Act::RemoveDirective(i, _) => format!("add-directive:{i}"),
        Act::RemoveAttendee(_) => "add-attendee".to_string(),
        _ => "add-agreement".to_string(),
    }
}

#[derive(Template)]
#[template(path = "suggestions.html")]
struct Suggestions<'a> {
    ctx: &'a Ctx,
    slot: String,
    look: Option<Look>,
    /// The address of the form the candidates' buttons post.
    action: String,
}

impl Suggestions<'_> {
    /// The button that creates what was typed: an organization or a directive (a locality is an
    /// admin's to make, on its own page).
    fn creates(&self) -> &'static str {
        if self.slot.contains(".directives[") {
            "new-directive"
        } else if self.slot.ends_with("locality") {
            ""
        } else {
            "new-organization"
        }
    }
}

/// The candidates for what is being typed in one field of the form (`slot`), as htmx asks while
/// one types: the same buttons the form shows after "check".
#[get("/suggest?<slot>&<form>")]
pub async fn suggestions(
    db: &State<Db>,
    ctx: Ctx,
    _writer: Writer,
    slot: &str,
    form: Option<&str>,
    params: Params,
) -> Result<Page, Page> {
    let action = crate::web::session::local_path(form);
    let slot = slot.to_string();
    let directive = slot.contains(".directives[");
    let typed = params.text(&format!("{slot}.{}", if directive { "symbol" } else { "text" })).unwrap_or("").to_string();
    let sort = if slot.ends_with("locality") { Sort::Locality } else { Sort::Organization };
    let asked = slot.clone();
    let look = db
        .run(move |c| {
            if directive {
                let mut row = DirectiveRow { symbol: typed.into(), ..DirectiveRow::default() };
                picks::look_directive(c, &mut row)
            } else {
                let mut pick = Pick { text: typed.into(), ..Pick::default() };
                picks::look_pick(c, &mut Places::default(), &mut pick, sort)
            }
        })
        .await
        .map_err(|e| failure(&ctx, &e))?;
    Ok(Page::ok(&ctx, &Suggestions { ctx: &ctx, slot: asked, look, action }))
}
