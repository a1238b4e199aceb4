//! "Đăng ký lễ ký kết": one form for a ceremony and the agreements signed at it, saved whole or
//! not at all through the registry service, as `POST /api/v1/signing-events` is. Organizations,
//! localities and directives are typed as people write them and resolved on the way
//! ([`picks`]); a missing organization or directive is created from inside the form, as its
//! own audited write, without losing what was typed. Every button posts the whole form back, so
//! the page works without JavaScript; htmx only spares the reload and suggests as one types.

pub mod draft;
pub mod picks;
mod read;
mod view;

use rocket::form::Form;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::api::idempotency;
use crate::api::write::{at_most_once, Answer};
use crate::db::Db;
use crate::error::{ApiError, FieldErrors};
use crate::messages::{Entity, Msg};
use crate::models::directive::{Directive, DirectiveInput};
use crate::models::enums::{DirectiveKind, OrganizationKind};
use crate::models::organization::{Organization, OrganizationInput};
use crate::models::signing_event::SigningEvent;
use crate::models::token::random_hex;
use crate::web::form::{Messages, Text};
use crate::web::page::{failure, Ctx, Page};
use crate::web::session::check_form;
use crate::web::staff::Writer;
use draft::{Act, NewDirective, NewOrganization, Registration};
use picks::{Places, Sort};
use view::Shown;

pub use view::suggestions;

/// The empty form, with its own retry key.
#[get("/signing-events/new")]
pub async fn blank(db: &State<Db>, ctx: Ctx, writer: Writer) -> Result<Page, Page> {
    let key = new_key(&ctx)?;
    let form = Registration::blank(key);
    view::show(db, &ctx, &writer, form, Shown::default()).await
}

/// A form's own retry key.
fn new_key(ctx: &Ctx) -> Result<String, Page> {
    random_hex().map_err(|_| failure(ctx, &ApiError::internal()))
}

/// Every button of the form: save, or change the form and show it again.
#[post("/signing-events/new", data = "<form>")]
pub async fn post(db: &State<Db>, ctx: Ctx, writer: Writer, form: Form<Registration>) -> Result<Redirect, Page> {
    check_form(&ctx, &writer.0, form.form_token.trimmed())?;
    let mut form = form.into_inner();
    form.drop_blank_rows();
    let act = Act::read(form.act.trimmed());
    let mut shown = Shown::default();
    match act {
        Act::Save => return save(db, &ctx, &writer, form).await,
        Act::Check => shown.check = true,
        Act::NewOrganization(slot) => {
            let typed = form.pick_mut(&slot).map(|p| p.text.clone()).unwrap_or_default();
            let mut new = NewOrganization { slot: slot.into(), name: typed, ..<NewOrganization as Default>::default() };
            new.locality = form.locality.clone();
            form.new_organization = new;
            shown.focus = "new_organization.name".into();
        }
        Act::NewDirective(slot) => {
            let typed = form.directive_mut(&slot).map(|d| d.symbol.clone()).unwrap_or_default();
            form.new_directive =
                NewDirective { slot: slot.into(), symbol: typed, ..<NewDirective as Default>::default() };
            shown.focus = "new_directive.symbol".into();
        }
        Act::CreateOrganization => {
            create_organization(db, &ctx, &writer, &mut form, &mut shown).await.map_err(|e| failure(&ctx, &e))?
        }
        Act::CreateDirective => {
            create_directive(db, &ctx, &writer, &mut form, &mut shown).await.map_err(|e| failure(&ctx, &e))?
        }
        Act::Cancel => {
            form.new_organization = <NewOrganization as Default>::default();
            form.new_directive = <NewDirective as Default>::default();
        }
        Act::Choose(slot, id) => {
            if let Some(pick) = form.pick_mut(&slot) {
                pick.id = Text(id.to_string());
                pick.chosen = pick.text.clone();
            } else if let Some(row) = form.directive_mut(&slot) {
                row.directive_id = Text(id.to_string());
                row.chosen = row.symbol.clone();
            }
        }
        other => {
            form.apply(&other);
            shown.focus = view::focus_after(&other, &form);
        }
    }
    Err(view::show(db, &ctx, &writer, form, shown).await.unwrap_or_else(|p| p))
}

/// Saves the registration: everything or nothing, once per form.
async fn save(db: &Db, ctx: &Ctx, writer: &Writer, mut form: Registration) -> Result<Redirect, Page> {
    let (resolved, looked) = db
        .run(move |c| {
            let looked = picks::look_up(c, &mut form)?;
            Ok((form, looked))
        })
        .await
        .map_err(|e| failure(ctx, &e))?;
    form = resolved;
    let mut errs = FieldErrors::default();
    picks::unresolved(&form, &looked, &mut errs);
    let input = read::input_of(&form, &mut errs);
    let fingerprint = idempotency::fingerprint(
        "POST",
        Entity::SigningEvent.path(),
        &serde_json::to_value(&input).unwrap_or_default(),
    );
    let key = Some(form.idempotency_key.trimmed().to_string()).filter(|k| !k.is_empty() && k.len() <= 255);
    let actor = writer.0.user.actor();
    let saved = db
        .write(move |c| {
            at_most_once(c, &actor, key.as_deref(), &fingerprint, |c, actor| {
                let made = read::create::<SigningEvent>(c, actor, input, errs)?;
                Ok(Answer::created(Entity::SigningEvent, &made.record, made.record.id, made.version))
            })
        })
        .await;
    match saved {
        Ok(answer) => {
            let id = answer.answer.location.as_deref().and_then(|l| l.rsplit('/').next()).unwrap_or_default();
            Ok(Redirect::to(format!("/signing-events/{id}")))
        }
        Err(e) if e.errors.iter().any(|f| f.msg == Msg::IdempotencyKeyReused) => {
            form.idempotency_key = new_key(ctx)?.into();
            let shown = Shown {
                messages: Messages::of(&ApiError::field("form", Msg::FormAlreadySaved), ctx.lang),
                ..Shown::default()
            };
            Err(view::show_with(db, ctx, writer, form, shown, Status::Conflict).await.unwrap_or_else(|p| p))
        }
        Err(e) if !e.errors.is_empty() => {
            let shown = Shown { messages: Messages::of(&e, ctx.lang), check: true, ..Shown::default() };
            Err(view::show_with(db, ctx, writer, form, shown, Status::UnprocessableEntity).await.unwrap_or_else(|p| p))
        }
        Err(e) => Err(failure(ctx, &e)),
    }
}

/// Creates the organization of the form's inner form (its own write, audited as such) and puts
/// it in the field it was for. Its messages are shown under `new_organization.`.
async fn create_organization(
    db: &Db,
    ctx: &Ctx,
    writer: &Writer,
    form: &mut Registration,
    shown: &mut Shown,
) -> Result<(), ApiError> {
    let new = form.new_organization.clone();
    let actor = writer.0.user.actor();
    let made = db
        .write(move |c| {
            let mut errs = FieldErrors::default();
            let kind = new.kind.choice("kind", OrganizationKind::parse, OrganizationKind::allowed, &mut errs);
            let mut locality = new.locality.clone();
            let look = picks::look_pick(c, &mut Places::default(), &mut locality, Sort::Locality)?;
            picks::say_unresolved(look.as_ref(), "locality_id".into(), &mut errs);
            let input = OrganizationInput {
                name: new.name.0.clone(),
                short_name: None,
                aliases: Vec::new(),
                kind: kind.unwrap_or(OrganizationKind::Other),
                locality_id: locality.chosen_id(),
                parent_id: None,
            };
            Ok(read::create::<Organization>(c, &actor, input, errs)?.record)
        })
        .await;
    match made {
        Ok(o) => {
            let slot = form.new_organization.slot.0.clone();
            if let Some(pick) = form.pick_mut(&slot) {
                pick.set(o.id, &o.name);
            }
            form.new_organization = <NewOrganization as Default>::default();
            shown.notice = Some((Msg::RecordCreated(Entity::Organization, o.name), slot));
            Ok(())
        }
        Err(e) if e.status.code < 500 => {
            shown.messages = Messages::under("new_organization", &e, ctx.lang);
            shown.focus = "new_organization.name".into();
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Creates the directive of the form's inner form and puts it in the row it was for.
async fn create_directive(
    db: &Db,
    ctx: &Ctx,
    writer: &Writer,
    form: &mut Registration,
    shown: &mut Shown,
) -> Result<(), ApiError> {
    let mut errs = FieldErrors::default();
    let new = &form.new_directive;
    let kind = if new.kind.is_blank() {
        None
    } else {
        new.kind.choice("kind", DirectiveKind::parse, DirectiveKind::allowed, &mut errs)
    };
    let input = DirectiveInput {
        symbol: new.symbol.0.clone(),
        kind,
        title: new.title.optional(),
        issuer: new.issuer.optional(),
        issued_on: new.issued_on.date("issued_on", &mut errs),
        term: None,
        implements: Vec::new(),
    };
    let actor = writer.0.user.actor();
    let made = db.write(move |c| Ok(read::create::<Directive>(c, &actor, input, errs)?.record)).await;
    match made {
        Ok(d) => {
            let slot = form.new_directive.slot.0.clone();
            if let Some(row) = form.directive_mut(&slot) {
                row.set(d.id, &d.symbol);
            }
            form.new_directive = <NewDirective as Default>::default();
            shown.notice = Some((Msg::RecordCreated(Entity::Directive, d.symbol), slot));
            Ok(())
        }
        Err(e) if e.status.code < 500 => {
            shown.messages = Messages::under("new_directive", &e, ctx.lang);
            shown.focus = "new_directive.symbol".into();
            Ok(())
        }
        Err(e) => Err(e),
    }
}
