//! The forms inside the form: an organization or a directive the registry lacks, made from
//! where it was typed (its own write, audited as such, before the registration), then put in
//! the field it was for, with everything else typed kept.

use crate::db::Db;
use crate::error::{ApiError, FieldErrors};
use crate::messages::{Entity, Msg};
use crate::models::directive::{Directive, DirectiveInput};
use crate::models::enums::{DirectiveKind, OrganizationKind};
use crate::models::organization::{Organization, OrganizationInput};
use crate::web::form::Messages;
use crate::web::page::Ctx;
use crate::web::register::draft::{NewDirective, NewOrganization, Registration};
use crate::web::register::picks::{self, Places, Sort};
use crate::web::register::read;
use crate::web::register::view::Shown;
use crate::web::staff::Writer;

/// Creates the organization of the inner form and puts it in the field it was for. Its messages
/// are shown under `new_organization.`.
pub async fn create_organization(
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
    let slot = form.new_organization.slot.0.clone();
    let done = made.map(|o| {
        if let Some(pick) = form.pick_mut(&slot) {
            pick.set(o.id, &o.name);
        }
        form.new_organization = NewOrganization::default();
        Msg::RecordCreated(Entity::Organization, o.name)
    });
    said(ctx, shown, done, slot, "new_organization")
}

/// Creates the directive of the inner form and puts it in the row it was for.
pub async fn create_directive(
    db: &Db,
    ctx: &Ctx,
    writer: &Writer,
    form: &mut Registration,
    shown: &mut Shown,
) -> Result<(), ApiError> {
    let new = form.new_directive.clone();
    let actor = writer.0.user.actor();
    let made = db
        .write(move |c| {
            let mut errs = FieldErrors::default();
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
            Ok(read::create::<Directive>(c, &actor, input, errs)?.record)
        })
        .await;
    let slot = form.new_directive.slot.0.clone();
    let done = made.map(|d| {
        if let Some(row) = form.directive_mut(&slot) {
            row.set(d.id, &d.symbol);
        }
        form.new_directive = NewDirective::default();
        Msg::RecordCreated(Entity::Directive, d.symbol)
    });
    said(ctx, shown, done, slot, "new_directive")
}

/// What the form says after an inner form was sent: what was made, or the inner form's messages
/// (a failure of the server itself is the caller's to show).
fn said(ctx: &Ctx, shown: &mut Shown, done: Result<Msg, ApiError>, slot: String, inner: &str) -> Result<(), ApiError> {
    match done {
        Ok(msg) => {
            shown.focus = format!("{slot}.text");
            shown.notice = Some(msg);
            Ok(())
        }
        Err(e) if e.status.code < 500 => {
            shown.messages = Messages::under(inner, &e, ctx.lang);
            shown.focus = format!("{inner}.{}", if inner == "new_directive" { "symbol" } else { "name" });
            Ok(())
        }
        Err(e) => Err(e),
    }
}
