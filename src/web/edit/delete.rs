//! Deleting a record from the pages: a page that asks first and lists what depends on the
//! record (found by rehearsing the delete, undone), then the delete itself at the version the
//! page read. A deleted record is kept; an admin restores it from the deleted records' page.

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{get, post, State};

use crate::db::Db;
use crate::error::ApiError;
use crate::messages::form_words::F;
use crate::messages::pages::W;
use crate::messages::{Entity, Msg};
use crate::models::record;
use crate::models::{agreement, directive, locality, organization, signing_event};
use crate::registry::{self, Expected};
use crate::web::form::Text;
use crate::web::page::{failure, Crumb, Ctx, Page};
use crate::web::session::check_form;
use crate::web::staff::Writer;

#[derive(Template)]
#[template(path = "delete.html")]
struct Confirm<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    name: String,
    page: String,
    action: String,
    csrf_token: String,
    version: i64,
    /// What depends on the record, in words; the delete is refused while any does.
    dependents: Vec<String>,
    notice: Option<String>,
}

/// The kind of record a path names (`organizations`, `signing-events`…).
fn entity_of(kind: &str) -> Option<Entity> {
    Entity::ALL.into_iter().find(|e| e.path() == kind)
}

/// What deleting record `id` of `entity` would meet: nothing (None), or the refusal.
async fn rehearse(db: &Db, writer: &Writer, entity: Entity, id: i64) -> Result<Option<ApiError>, ApiError> {
    let actor = writer.0.user.actor();
    let tried = db
        .rehearse(move |c| match entity {
            Entity::Locality => registry::delete::<locality::Locality>(c, &actor, id, &Expected::Any),
            Entity::Organization => registry::delete::<organization::Organization>(c, &actor, id, &Expected::Any),
            Entity::Directive => registry::delete::<directive::Directive>(c, &actor, id, &Expected::Any),
            Entity::SigningEvent => registry::delete::<signing_event::SigningEvent>(c, &actor, id, &Expected::Any),
            Entity::Agreement => registry::delete::<agreement::Agreement>(c, &actor, id, &Expected::Any),
        })
        .await;
    match tried {
        Ok(()) => Ok(None),
        Err(e) if e.status == Status::Conflict => Ok(Some(e)),
        Err(e) => Err(e),
    }
}

async fn confirm_page(
    db: &Db,
    ctx: &Ctx,
    writer: &Writer,
    entity: Entity,
    id: i64,
    notice: Option<Msg>,
    status: Status,
) -> Result<Page, Page> {
    let blocked = rehearse(db, writer, entity, id).await.map_err(|e| failure(ctx, &e))?;
    let (view, version) = db
        .run(move |c| Ok((record::view_json(c, entity, id)?, record::version(c, entity, id)?)))
        .await
        .map_err(|e| failure(ctx, &e))?;
    let name = ["name", "title", "symbol"]
        .iter()
        .find_map(|k| view.get(*k).and_then(|v| v.as_str()))
        .unwrap_or_default()
        .to_string();
    let dependents =
        blocked.map(|e| e.to_problem(ctx.lang).errors.into_iter().map(|f| f.message).collect()).unwrap_or_default();
    let crumbs = vec![
        Crumb::link(ctx.t(W::Home), "/"),
        Crumb::link(name.clone(), entity.page(id)),
        Crumb::here(ctx.f(F::DeleteTitle)),
    ];
    let page = Confirm {
        ctx,
        crumbs,
        name,
        page: entity.page(id),
        action: format!("{}/delete", entity.page(id)),
        csrf_token: writer.0.csrf_token.clone(),
        version,
        dependents,
        notice: notice.map(|m| m.text(ctx.lang)),
    };
    Ok(Page::with_status(status, ctx, &page))
}

#[get("/<kind>/<id>/delete", rank = 2)]
pub async fn confirm(db: &State<Db>, ctx: Ctx, writer: Writer, kind: &str, id: i64) -> Result<Page, Page> {
    let Some(entity) = entity_of(kind) else {
        return Err(failure(&ctx, &ApiError::new(Status::NotFound, Msg::NoSuchPath)));
    };
    confirm_page(db, &ctx, &writer, entity, id, None, Status::Ok).await
}

#[derive(FromForm)]
pub struct Delete {
    form_token: Text,
    version: Text,
}

#[post("/<kind>/<id>/delete", data = "<form>", rank = 2)]
pub async fn remove(
    db: &State<Db>,
    ctx: Ctx,
    writer: Writer,
    kind: &str,
    id: i64,
    form: Form<Delete>,
) -> Result<Redirect, Page> {
    let Some(entity) = entity_of(kind) else {
        return Err(failure(&ctx, &ApiError::new(Status::NotFound, Msg::NoSuchPath)));
    };
    check_form(&ctx, &writer.0, form.form_token.trimmed())?;
    let expected = form.version.trimmed().parse().map_or(Expected::Unstated, |v| Expected::OneOf(vec![v]));
    let actor = writer.0.user.actor();
    let done = db
        .write(move |c| match entity {
            Entity::Locality => registry::delete::<locality::Locality>(c, &actor, id, &expected),
            Entity::Organization => registry::delete::<organization::Organization>(c, &actor, id, &expected),
            Entity::Directive => registry::delete::<directive::Directive>(c, &actor, id, &expected),
            Entity::SigningEvent => registry::delete::<signing_event::SigningEvent>(c, &actor, id, &expected),
            Entity::Agreement => registry::delete::<agreement::Agreement>(c, &actor, id, &expected),
        })
        .await;
    match done {
        Ok(()) => Ok(Redirect::to(after_delete(entity))),
        // Changed since the page was read, or depended on since: the page again, as it is now.
        Err(e) if e.status == Status::PreconditionFailed || e.status == Status::Conflict => {
            let notice = if e.status == Status::PreconditionFailed { Some(e.detail) } else { None };
            Err(confirm_page(db, &ctx, &writer, entity, id, notice, Status::Conflict).await.unwrap_or_else(|p| p))
        }
        Err(e) => Err(failure(&ctx, &e)),
    }
}

/// Where a delete leads: the list the record was in.
fn after_delete(entity: Entity) -> String {
    match entity {
        Entity::SigningEvent => "/agreements".to_string(),
        other => format!("/{}", other.path()),
    }
}
