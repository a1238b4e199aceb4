//! "Đăng ký lễ ký kết": one form for a ceremony and the agreements signed at it, saved whole or
//! not at all through the registry service, as `POST /api/v1/signing-events` is; and the same
//! form editing one event or one agreement at the version it read. Organizations, localities
//! and directives are typed as people write them and resolved on the way ([`picks`]); a
//! missing organization or directive is created from inside the form ([`inner`]) without losing
//! what was typed. Every button posts the whole form back, so the pages work without
//! JavaScript; htmx only spares the reload and suggests as one types.

mod act;
pub mod draft;
mod edit;
mod inner;
pub mod intake;
pub mod picks;
pub mod read;
mod save;
mod theirs;
mod view;

use rocket::form::Form;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::db::Db;
use crate::error::ApiError;
use crate::messages::form_words::F;
use crate::models::token::random_hex;
use crate::web::form::Text;
use crate::web::page::{failure, Ctx, Page};
use crate::web::session::check_form;
use crate::web::staff::Writer;
use draft::{Act, NewDirective, NewOrganization, Registration};
use view::Shown;

pub use edit::{agreement_form, agreement_post, event_form, event_post};
pub use view::suggestions;

/// What a form is for: a new registration, or a change to one event or one agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    New,
    Event(i64),
    Agreement(i64),
}

impl Target {
    /// Where the form posts (the address of its page).
    pub fn action(self) -> String {
        match self {
            Target::New => "/signing-events/new".to_string(),
            Target::Event(id) => format!("/signing-events/{id}/edit"),
            Target::Agreement(id) => format!("/agreements/{id}/edit"),
        }
    }

    fn heading(self, ctx: &Ctx) -> &'static str {
        ctx.f(match self {
            Target::New => F::Register,
            Target::Event(_) => F::EditEvent,
            Target::Agreement(_) => F::EditAgreement,
        })
    }
}

/// The empty form, with its own retry key.
#[get("/signing-events/new")]
pub async fn blank(db: &State<Db>, ctx: Ctx, writer: Writer) -> Result<Page, Page> {
    let form = Registration::blank(new_key(&ctx)?);
    view::show(db, &ctx, &writer, form, Shown::default(), Target::New).await
}

#[post("/signing-events/new", data = "<form>")]
pub async fn post(db: &State<Db>, ctx: Ctx, writer: Writer, form: Form<Registration>) -> Result<Redirect, Page> {
    handle(db, &ctx, &writer, form.into_inner(), Target::New).await
}

/// A form's own retry key.
pub(crate) fn new_key(ctx: &Ctx) -> Result<String, Page> {
    random_hex().map_err(|_| failure(ctx, &ApiError::internal()))
}

/// Every button of a form: save, or change the form and show it again.
async fn handle(db: &Db, ctx: &Ctx, writer: &Writer, mut form: Registration, target: Target) -> Result<Redirect, Page> {
    check_form(ctx, &writer.0, form.form_token.trimmed())?;
    form.drop_blank_rows();
    if target != Target::New {
        // An edit is of one record: rows for others are not its to add.
        form.agreements.truncate(usize::from(matches!(target, Target::Agreement(_))));
    }
    let act = Act::read(form.act.trimmed());
    let mut shown = Shown::default();
    match act {
        Act::Save => {
            if target == Target::New {
                form.drop_untouched_agreements();
            }
            return save::save(db, ctx, writer, form, target).await;
        }
        Act::Check => shown.check = true,
        Act::NewOrganization(slot) => {
            let typed = form.pick_mut(&slot).map(|p| p.text.clone()).unwrap_or_default();
            let locality = form.locality.clone();
            form.new_organization =
                NewOrganization { slot: slot.into(), name: typed, locality, ..NewOrganization::default() };
            shown.focus = "new_organization.name".into();
        }
        Act::NewDirective(slot) => {
            let typed = form.directive_mut(&slot).map(|d| d.symbol.clone()).unwrap_or_default();
            form.new_directive = NewDirective { slot: slot.into(), symbol: typed, ..NewDirective::default() };
            shown.focus = "new_directive.symbol".into();
        }
        Act::CreateOrganization => {
            inner::create_organization(db, ctx, writer, &mut form, &mut shown).await.map_err(|e| failure(ctx, &e))?
        }
        Act::CreateDirective => {
            inner::create_directive(db, ctx, writer, &mut form, &mut shown).await.map_err(|e| failure(ctx, &e))?
        }
        Act::Cancel => {
            form.new_organization = NewOrganization::default();
            form.new_directive = NewDirective::default();
        }
        Act::Choose(slot, id) => {
            if let Some(pick) = form.pick_mut(&slot) {
                pick.id = Text(id.to_string());
                pick.chosen = pick.text.clone();
            } else if let Some(row) = form.directive_mut(&slot) {
                row.directive_id = Text(id.to_string());
                row.chosen = row.symbol.clone();
            }
            shown.focus = slot;
        }
        other if target == Target::New || !matches!(other, Act::AddAgreement | Act::RemoveAgreement(_)) => {
            form.apply(&other);
            shown.focus = view::focus_after(&other, &form);
        }
        _ => {}
    }
    Err(view::show(db, ctx, writer, form, shown, target).await.unwrap_or_else(|p| p))
}
