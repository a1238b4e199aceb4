//! The pages that edit one signing event or one agreement: the registration's form, filled from
//! the record as it is, carrying the version it read.

use rocket::form::Form;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::db::{Db, DbConnection};
use crate::error::ApiResult;
use crate::messages::Entity;
use crate::models::agreement::Agreement;
use crate::models::record;
use crate::models::signing_event::SigningEvent;
use crate::models::{locality, organization};
use crate::registry;
use crate::web::form::{shown_date, Text};
use crate::web::page::{Ctx, OrFailure, Page};
use crate::web::register::draft::{AgreementRows, AttendeeRow, DirectiveRow, PartyRow, PeriodRow, Pick, Registration};
use crate::web::register::view::{self, Shown};
use crate::web::register::{handle, new_key, Target};
use crate::web::staff::Writer;

#[get("/agreements/<id>/edit")]
pub async fn agreement_form(db: &State<Db>, ctx: Ctx, writer: Writer, id: i64) -> Result<Page, Page> {
    let actor = writer.0.user.actor();
    let mut form = db
        .run(move |c| {
            let a = registry::may_change::<Agreement>(c, &actor, id)?;
            let version = record::version(c, Entity::Agreement, id)?;
            Ok(Registration {
                version: version.to_string().into(),
                agreements: vec![rows_of(a)],
                ..Registration::default()
            })
        })
        .await
        .or_page(&ctx)?;
    form.idempotency_key = new_key(&ctx)?.into();
    view::show(db, &ctx, &writer, form, Shown::default(), Target::Agreement(id)).await
}

#[post("/agreements/<id>/edit", data = "<form>")]
pub async fn agreement_post(
    db: &State<Db>,
    ctx: Ctx,
    writer: Writer,
    id: i64,
    form: Form<Registration>,
) -> Result<Redirect, Page> {
    handle(db, &ctx, &writer, form.into_inner(), Target::Agreement(id)).await
}

#[get("/signing-events/<id>/edit")]
pub async fn event_form(db: &State<Db>, ctx: Ctx, writer: Writer, id: i64) -> Result<Page, Page> {
    let actor = writer.0.user.actor();
    let mut form = db
        .run(move |c| {
            let e = registry::may_change::<SigningEvent>(c, &actor, id)?;
            let version = record::version(c, Entity::SigningEvent, id)?;
            let mut form = form_of_event(c, e)?;
            form.version = version.to_string().into();
            Ok(form)
        })
        .await
        .or_page(&ctx)?;
    form.idempotency_key = new_key(&ctx)?.into();
    view::show(db, &ctx, &writer, form, Shown::default(), Target::Event(id)).await
}

#[post("/signing-events/<id>/edit", data = "<form>")]
pub async fn event_post(
    db: &State<Db>,
    ctx: Ctx,
    writer: Writer,
    id: i64,
    form: Form<Registration>,
) -> Result<Redirect, Page> {
    handle(db, &ctx, &writer, form.into_inner(), Target::Event(id)).await
}

/// A pick already made: the record's name, chosen as it is shown.
fn picked(id: i64, name: &str) -> Pick {
    let mut pick = Pick::default();
    pick.set(id, name);
    pick
}

fn text_of(value: Option<&str>) -> Text {
    value.unwrap_or_default().into()
}

/// An agreement as the form's rows.
pub(super) fn rows_of(a: Agreement) -> AgreementRows {
    AgreementRows {
        title: a.title.into(),
        kind: a.kind.as_str().into(),
        topic: text_of(a.topic.as_deref()),
        period: PeriodRow {
            start_year: a.period.start_year.to_string().into(),
            end_year: a.period.end_year.to_string().into(),
        },
        signed_on: shown_date(a.signed_on),
        status: if a.status.is_decided() { a.status.as_str().into() } else { Text::default() },
        replaces_id: a.replaces_id.map(|r| r.to_string()).unwrap_or_default().into(),
        parties: a
            .parties
            .into_iter()
            .map(|p| PartyRow {
                organization: picked(p.organization_id, &p.organization_name),
                role: p.role.as_str().into(),
                signatory_name: text_of(p.signatory_name.as_deref()),
                signatory_title: text_of(p.signatory_title.as_deref()),
            })
            .collect(),
        directives: a
            .directives
            .into_iter()
            .map(|d| {
                let mut row = DirectiveRow { relation: d.relation.as_str().into(), ..DirectiveRow::default() };
                row.set(d.directive_id, &d.symbol);
                row
            })
            .collect(),
        tasks: a.tasks.join("\n").into(),
        source_url: text_of(a.source_url.as_deref()),
        published_on: shown_date(a.published_on),
    }
}

/// An event as the form's fields, its host, locality and attendees' organizations by name.
pub(super) fn form_of_event(c: &mut DbConnection, e: SigningEvent) -> ApiResult<Registration> {
    let name_of = |c: &mut DbConnection, id: Option<i64>| -> ApiResult<Pick> {
        Ok(match id {
            Some(id) => picked(id, &organization::get(c, id)?.name),
            None => Pick::default(),
        })
    };
    let host = name_of(c, e.host_id)?;
    let locality = match e.locality_id {
        Some(l) => picked(l, &locality::get(c, l)?.name),
        None => Pick::default(),
    };
    let mut attendees = Vec::new();
    for a in e.attendees {
        attendees.push(AttendeeRow {
            name: a.name.into(),
            position: text_of(a.position.as_deref()),
            organization: name_of(c, a.organization_id)?,
        });
    }
    Ok(Registration {
        kind: e.kind.as_str().into(),
        title: e.title.into(),
        held_on: shown_date(e.held_on),
        place: text_of(e.place.as_deref()),
        locality,
        host,
        attendees,
        source_url: text_of(e.source_url.as_deref()),
        published_on: shown_date(e.published_on),
        notes: text_of(e.notes.as_deref()),
        ..Registration::default()
    })
}
