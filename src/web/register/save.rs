//! Saving the form: a registration created once per form, an event or an agreement changed at
//! the version the form read. A change someone saved in between is shown beside the form's
//! values (who, what, theirs and yours), never silently overwritten.

use rocket::http::Status;
use rocket::response::Redirect;
use serde::Serialize;

use crate::db::Db;
use crate::error::{ApiError, FieldErrors};
use crate::messages::{Entity, Msg};
use crate::models::agreement::{self, Agreement, AgreementInput};
use crate::models::record::{self, Record};
use crate::models::signing_event::{self, SigningEvent};
use crate::registry::{self, Expected};
use crate::web::form::{self, Messages};
use crate::web::history;
use crate::web::page::{failure, Ctx, Page};
use crate::web::register::draft::Registration;
use crate::web::register::view::{self, Shown};
use crate::web::register::{edit, new_key, picks, read, Target};
use crate::web::staff::Writer;

/// Saves what the form holds for `target`; success leads to the record's page.
pub async fn save(db: &Db, ctx: &Ctx, writer: &Writer, form: Registration, target: Target) -> Result<Redirect, Page> {
    let (form, looked) = db
        .run(move |c| {
            let mut form = form;
            let looked = picks::look_up(c, &mut form)?;
            Ok((form, looked))
        })
        .await
        .map_err(|e| failure(ctx, &e))?;
    let mut errs = FieldErrors::default();
    picks::unresolved(&form, &looked, &mut errs);
    let saved = match target {
        Target::New => register(db, writer, &form, errs).await,
        Target::Event(id) => {
            let input = read::input_of(&form, &mut errs);
            change::<SigningEvent>(db, writer, &form, id, errs, "", move |_| Ok(input)).await
        }
        Target::Agreement(id) => {
            let Some(rows) = form.agreements.first() else { return Err(failure(ctx, &ApiError::internal())) };
            let mine = read::agreement_of(rows, 0, &mut errs);
            let edit = move |current: AgreementInput| {
                Ok(AgreementInput {
                    signing_event_id: current.signing_event_id,
                    external_id: current.external_id,
                    ..mine
                })
            };
            change::<Agreement>(db, writer, &form, id, errs, "agreements[0].", edit).await
        }
    };
    answer(db, ctx, writer, form, target, saved).await
}

/// What a save came to: the record's page, or the form again with why not.
async fn answer(
    db: &Db,
    ctx: &Ctx,
    writer: &Writer,
    mut form: Registration,
    target: Target,
    saved: Result<String, ApiError>,
) -> Result<Redirect, Page> {
    let again = |form, shown, status| view::show_with(db, ctx, writer, form, shown, status, target);
    match saved {
        Ok(page) => Ok(Redirect::to(page)),
        Err(e) if e.errors.iter().any(|f| f.msg == Msg::IdempotencyKeyReused) => {
            form.idempotency_key = new_key(ctx)?.into();
            let messages = Messages::of(&ApiError::field("form", Msg::FormAlreadySaved), ctx.lang);
            Err(again(form, Shown { messages, ..Shown::default() }, Status::Conflict).await.unwrap_or_else(|p| p))
        }
        Err(e) if e.status == Status::PreconditionFailed => {
            let read: i64 = form.version.trimmed().parse().unwrap_or_default();
            let (conflict, now) = conflict(db, ctx, &mut form, target, read).await.map_err(|e| failure(ctx, &e))?;
            form.version = now.to_string().into();
            let shown = Shown { conflict: Some(conflict), ..Shown::default() };
            Err(again(form, shown, Status::Conflict).await.unwrap_or_else(|p| p))
        }
        Err(e) if !e.errors.is_empty() => {
            let messages = Messages::of(&e, ctx.lang);
            // The cursor goes to the first field in error (a record's field is its pick's).
            let focus =
                messages.0.first().map(|(f, _)| f.strip_suffix("_id").unwrap_or(f).to_string()).unwrap_or_default();
            let shown = Shown { messages, check: true, focus, ..Shown::default() };
            Err(again(form, shown, Status::UnprocessableEntity).await.unwrap_or_else(|p| p))
        }
        Err(e) => Err(failure(ctx, &e)),
    }
}

/// Registers the ceremony of a new form, once per form (its retry key, kept per account).
async fn register(db: &Db, writer: &Writer, form: &Registration, mut errs: FieldErrors) -> Result<String, ApiError> {
    let input = read::input_of(form, &mut errs);
    let key = form.idempotency_key.0.clone();
    let actor = writer.0.user.actor();
    let id = db.write(move |c| read::create_once::<SigningEvent>(c, &actor, &key, input, errs)).await?;
    Ok(Entity::SigningEvent.page(id))
}

/// Changes record `id` as `edit` says, at the version the form read; the registry's messages
/// are put under `prefix`, where the form shows the record's fields.
async fn change<R: Record>(
    db: &Db,
    writer: &Writer,
    form: &Registration,
    id: i64,
    errs: FieldErrors,
    prefix: &'static str,
    edit: impl FnOnce(R::Input) -> Result<R::Input, ApiError> + Send + 'static,
) -> Result<String, ApiError> {
    let expected = match form.version.trimmed().parse::<i64>() {
        Ok(v) => Expected::OneOf(vec![v]),
        Err(_) => Expected::Unstated,
    };
    let actor = writer.0.user.actor();
    db.write(move |c| {
        let changed = registry::update::<R>(c, &actor, id, &expected, edit);
        form::merged_result(changed.map_err(|e| form::prefixed(e, prefix)), errs)
    })
    .await?;
    Ok(R::ENTITY.page(id))
}

/// Who changed the record since version `read`, and where it now differs from the form. The
/// fields the person did not change take the record's values as they are now, so that saving
/// again applies only theirs on top.
async fn conflict(
    db: &Db,
    ctx: &Ctx,
    form: &mut Registration,
    target: Target,
    read: i64,
) -> Result<(history::Conflict, i64), ApiError> {
    let mut errs = FieldErrors::default();
    let (entity, id, yours) = match target {
        Target::Agreement(id) => {
            let rows = form.agreements.first().cloned().unwrap_or_default();
            (Entity::Agreement, id, json(&read::agreement_of(&rows, 0, &mut errs)))
        }
        Target::Event(id) => (Entity::SigningEvent, id, json(&read::input_of(form, &mut errs))),
        Target::New => return Err(ApiError::internal()),
    };
    let (entries, was, theirs, now_form, now) = db
        .run(move |c| {
            let entries = history::of(c, entity, id, Some(read))?;
            let was = history::state_at(c, entity, id, read)?;
            let (theirs, now_form) = match entity {
                Entity::Agreement => {
                    let rows = edit::rows_of(agreement::get(c, id)?);
                    (
                        json(&agreement::input_of(c, id)?),
                        Registration { agreements: vec![rows], ..Registration::default() },
                    )
                }
                _ => {
                    let event = signing_event::get(c, id)?;
                    (json(&signing_event::input_of(c, id)?), edit::form_of_event(c, event)?)
                }
            };
            Ok((entries, was, theirs, now_form, record::version(c, entity, id)?))
        })
        .await?;
    let untouched = was.map(|was| history::untouched(&was, &yours)).unwrap_or_default();
    form.take_fields(now_form, &untouched, entity == Entity::Agreement);
    // What saving now would change: the form's values, theirs where the person changed nothing.
    let mut errs = FieldErrors::default();
    let merged = match target {
        Target::Agreement(_) => {
            let rows = form.agreements.first().cloned().unwrap_or_default();
            json(&read::agreement_of(&rows, 0, &mut errs))
        }
        _ => json(&read::input_of(form, &mut errs)),
    };
    let hidden = ["signing_event_id", "agreements"];
    Ok((history::conflict(ctx, entries, &theirs, &merged, &hidden), now))
}

fn json(value: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}
