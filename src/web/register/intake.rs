//! "Nhập từ bài báo": an article pasted (with its address and date), read by the intake service,
//! shown with every finding marked in the text and the proposed registration beside it; then
//! carried into the registration form with everything filled in, where every organization or
//! directive the registry does not hold is left to a person to pick or create, and saving goes
//! through the form's ordinary rules.

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::response::Redirect;
use rocket::{get, post, State};

use super::draft::{AgreementRows, DirectiveRow, PartyRow, PeriodRow, Pick, Registration};
use super::view::{self, Shown};
use super::{new_key, Target};
use crate::db::Db;
use crate::error::{ApiError, FieldErrors};
use crate::intake::draft::{DirectivePick, Intake, OrgPick};
use crate::messages::form_words::F;
use crate::messages::pages::W;
use crate::registry::intake::{draft, Gazetteer, IntakeInput};
use crate::web::form::{shown_date, Messages, Text};
use crate::web::page::{failure, Crumb, Ctx, Page};
use crate::web::session::check_form;
use crate::web::staff::Writer;

#[derive(FromForm, Default, Clone)]
pub struct Article {
    form_token: Text,
    text: Text,
    source_url: Text,
    published_on: Text,
    /// `read` shows what was read; `continue` carries it into the registration form.
    act: Text,
}

/// A piece of the article as shown: marked when a finding came from it.
struct Piece {
    text: String,
    field: Option<String>,
}

/// One line of the proposal: what it is, the value, and whether a person must decide.
struct Line {
    label: String,
    value: String,
    flag: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "intake.html")]
struct IntakePage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    sent: Article,
    messages: Messages,
    pieces: Vec<Piece>,
    lines: Vec<Line>,
    read: bool,
    event: bool,
    csrf_token: String,
}

impl IntakePage<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.messages.get(field)
    }
}

#[get("/intake")]
pub async fn blank(ctx: Ctx, writer: Writer) -> Page {
    page(&ctx, &writer, <Article as Default>::default(), Err(None))
}

#[post("/intake", data = "<form>")]
pub async fn post(
    db: &State<Db>,
    gazetteer: &State<std::sync::Arc<Gazetteer>>,
    ctx: Ctx,
    writer: Writer,
    form: Form<Article>,
) -> Result<Redirect, Page> {
    let sent = form.into_inner();
    check_form(&ctx, &writer.0, sent.form_token.trimmed())?;
    let mut errs = FieldErrors::default();
    let published_on = sent.published_on.date("published_on", &mut errs);
    let read = match errs.into_result() {
        Err(e) => Err(e),
        Ok(()) => {
            let input = IntakeInput {
                text: sent.text.0.clone(),
                published_on,
                source_url: crate::text::clean_opt(Some(sent.source_url.trimmed())),
            };
            let gazetteer = gazetteer.inner().clone();
            db.run(move |c| draft(c, &gazetteer, input)).await
        }
    };
    let intake = match read {
        Ok(intake) => intake,
        Err(e) if e.status.code == 422 => return Err(page(&ctx, &writer, sent, Err(Some(e)))),
        Err(e) => return Err(failure(&ctx, &e)),
    };
    if sent.act.trimmed() == "continue" && intake.draft.kind.is_some() {
        let form = registration(&intake, new_key(&ctx)?);
        let shown = Shown { check: true, ..Shown::default() };
        return Err(view::show(db, &ctx, &writer, form, shown, Target::New).await.unwrap_or_else(|p| p));
    }
    Err(page(&ctx, &writer, sent, Ok(intake)))
}

fn page(ctx: &Ctx, writer: &Writer, sent: Article, read: Result<Intake, Option<ApiError>>) -> Page {
    let crumbs = vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(ctx.f(F::Intake))];
    let (messages, pieces, lines, event, was_read) = match &read {
        Ok(intake) => {
            (Messages::default(), pieces(&sent.text.0, intake), lines(ctx, intake), intake.draft.kind.is_some(), true)
        }
        Err(Some(e)) => (Messages::of(e, ctx.lang), Vec::new(), Vec::new(), false, false),
        Err(None) => (Messages::default(), Vec::new(), Vec::new(), false, false),
    };
    let status = match &read {
        Err(Some(e)) => e.status,
        _ => rocket::http::Status::Ok,
    };
    let csrf_token = writer.0.csrf_token.clone();
    let page = IntakePage { ctx, crumbs, sent, messages, pieces, lines, read: was_read, event, csrf_token };
    Page::with_status(status, ctx, &page)
}

/// The article cut where findings start and end, each marked piece named by its field.
fn pieces(text: &str, intake: &Intake) -> Vec<Piece> {
    let mut spans: Vec<(usize, usize, &str)> =
        intake.findings.iter().filter(|f| f.end > f.start).map(|f| (f.start, f.end, f.field.as_str())).collect();
    spans.sort_by_key(|(s, e, _)| (*s, std::cmp::Reverse(*e)));
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, field) in spans {
        if start < at || end > chars.len() {
            continue; // inside a span already marked
        }
        if start > at {
            out.push(Piece { text: chars[at..start].iter().collect(), field: None });
        }
        out.push(Piece { text: chars[start..end].iter().collect(), field: Some(field.to_string()) });
        at = end;
    }
    if at < chars.len() {
        out.push(Piece { text: chars[at..].iter().collect(), field: None });
    }
    out
}

fn org_line(ctx: &Ctx, label: String, pick: &OrgPick) -> Line {
    match (&pick.organization_id, &pick.proposed) {
        (Some(id), _) => Line { label, value: format!("{} (#{id})", pick.name), flag: None },
        (None, Some(p)) => {
            Line { label, value: format!("{} → {}", pick.name, p.name), flag: Some(ctx.f(F::ToCreate)) }
        }
        (None, None) => Line { label, value: pick.name.clone(), flag: Some(ctx.f(F::Unresolved)) },
    }
}

fn directive_line(ctx: &Ctx, label: String, pick: &DirectivePick) -> Line {
    let flag = pick
        .directive_id
        .is_none()
        .then(|| ctx.f(if pick.candidates.is_empty() { F::ToCreate } else { F::Unresolved }));
    let implements =
        if pick.implements.is_empty() { String::new() } else { format!(" ⇒ {}", pick.implements.join(", ")) };
    Line { label, value: format!("{}{implements}", pick.symbol), flag }
}

/// The proposal in lines a person reads down: the event, each agreement, its parties and
/// directives, the directives on their own, and the notes.
fn lines(ctx: &Ctx, intake: &Intake) -> Vec<Line> {
    let line = |label: &str, value: String| Line { label: label.to_string(), value, flag: None };
    let mut out = Vec::new();
    let d = &intake.draft;
    if let Some(kind) = &d.kind {
        out.push(line(ctx.f(F::EventKind), ctx.label(kind).to_string()));
        out.extend(d.title.clone().map(|t| line(ctx.f(F::Title), t)));
        out.extend(d.held_on.map(|h| line(ctx.f(F::HeldOn), shown_date(Some(h)).0)));
        out.extend(d.place.clone().map(|p| line(ctx.f(F::Place), p)));
        if let Some(l) = &d.locality {
            let flag = l.locality_id.is_none().then(|| ctx.f(F::ToCreate));
            out.push(Line { label: ctx.t(W::Locality).to_string(), value: l.name.clone(), flag });
        }
        out.extend(d.host.as_ref().map(|h| org_line(ctx, ctx.f(F::Host).to_string(), h)));
        for (i, a) in d.agreements.iter().enumerate() {
            let period = a.period.map(|p| format!(" {}–{}", p.start_year, p.end_year)).unwrap_or_default();
            out.push(line(
                &format!("{} {}", ctx.f(F::AgreementKind), i + 1),
                format!("{}{period}", ctx.label(&a.kind)),
            ));
            out.extend(a.parties.iter().map(|p| org_line(ctx, ctx.f(F::Parties).to_string(), &p.organization)));
            out.extend(a.directives.iter().map(|p| directive_line(ctx, ctx.f(F::DirectiveSymbol).to_string(), p)));
        }
    }
    out.extend(d.directives.iter().map(|p| directive_line(ctx, ctx.f(F::DirectiveSymbol).to_string(), p)));
    out.extend(intake.notes.iter().map(|n| line("!", n.message.clone())));
    out
}

fn pick_of(pick: &OrgPick) -> Pick {
    match (pick.organization_id, &pick.proposed) {
        (Some(id), _) => {
            Pick { text: pick.name.as_str().into(), id: Text(id.to_string()), chosen: pick.name.as_str().into() }
        }
        // The name to create, so that "Thêm tổ chức" starts from it.
        (None, Some(p)) => Pick { text: p.name.as_str().into(), ..<Pick as Default>::default() },
        (None, None) => Pick { text: pick.name.as_str().into(), ..<Pick as Default>::default() },
    }
}

fn directive_row(pick: &DirectivePick) -> DirectiveRow {
    let symbol = pick.proposed.as_ref().map_or(pick.symbol.as_str(), |p| p.symbol.as_str());
    let mut row = DirectiveRow {
        symbol: symbol.into(),
        relation: pick.relation.as_str().into(),
        ..<DirectiveRow as Default>::default()
    };
    if let Some(id) = pick.directive_id {
        row.set(id, &pick.symbol);
    }
    row
}

/// The registration form as the article fills it.
fn registration(intake: &Intake, key: String) -> Registration {
    let mut form = Registration::blank(key);
    let d = &intake.draft;
    let Some(kind) = d.kind else { return form };
    form.kind = kind.as_str().into();
    form.title = d.title.clone().unwrap_or_default().as_str().into();
    form.held_on = shown_date(d.held_on);
    form.place = d.place.clone().unwrap_or_default().as_str().into();
    if let Some(l) = &d.locality {
        form.locality = match l.locality_id {
            Some(id) => Pick { text: l.name.as_str().into(), id: Text(id.to_string()), chosen: l.name.as_str().into() },
            None => Pick { text: l.name.as_str().into(), ..<Pick as Default>::default() },
        };
    }
    form.host = d.host.as_ref().map(pick_of).unwrap_or_default();
    form.source_url = d.source_url.clone().unwrap_or_default().as_str().into();
    form.published_on = shown_date(d.published_on);
    form.agreements = d
        .agreements
        .iter()
        .map(|a| AgreementRows {
            title: a.title.clone().unwrap_or_default().as_str().into(),
            kind: a.kind.as_str().into(),
            period: a.period.map_or_else(<PeriodRow as Default>::default, |p| PeriodRow {
                start_year: Text(p.start_year.to_string()),
                end_year: Text(p.end_year.to_string()),
            }),
            parties: a
                .parties
                .iter()
                .map(|p| PartyRow {
                    organization: pick_of(&p.organization),
                    role: p.role.as_str().into(),
                    ..<PartyRow as Default>::default()
                })
                .collect(),
            directives: a.directives.iter().map(directive_row).collect(),
            source_url: form.source_url.clone(),
            published_on: form.published_on.clone(),
            ..<AgreementRows as Default>::default()
        })
        .collect();
    form
}
