//! The pages that edit an organization, a directive (with what it implements) or a locality: one
//! form per kind, its fields described once ([`Editable`]), read and saved by the same steps. The
//! form carries the version it read; a change saved in between is shown, and the fields the
//! person did not change take the values saved meanwhile (as the registration's form does).

mod delete;
mod kinds;
mod page;

use std::collections::HashMap;

use rocket::form::Form;
use rocket::http::Status;
use rocket::response::Redirect;

use crate::db::{Db, DbConnection};
use crate::error::{ApiError, ApiResult, FieldErrors};
use crate::messages::form_words::F;
use crate::messages::pages::W;
use crate::models::record::{self, Record};
use crate::registry::{self, Expected};
use crate::web::form::Messages;
use crate::web::history;
use crate::web::page::{failure, Ctx, OrFailure, Page};
use crate::web::register::new_key;
use crate::web::register::picks::Sort;
use crate::web::register::read::create_once;
use crate::web::session::check_form;
use crate::web::staff::Writer;

pub use delete::{confirm, remove};
pub use kinds::{
    directive_form, directive_post, locality_form, locality_post, new_directive, new_directive_post, new_locality,
    new_locality_post, new_organization, new_organization_post, organization_form, organization_post,
};

/// A form's values by field name, as sent. A record chosen by name (a pick) has three:
/// `{base}_text` as typed, `{base}_id` once chosen, `{base}_chosen` the text it was chosen for.
pub type Values = HashMap<String, String>;

/// How a field is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Text,
    /// One value a line (aliases; the symbols a directive implements).
    Lines,
    /// One of an enumeration's values; `optional` offers none.
    Choice {
        optional: bool,
    },
    /// A record chosen by typing its name; the field's key is `{base}_id`.
    Pick(Sort),
    Date,
}

/// One field of a form: the input's key (and the name a message about it is given), its words,
/// how it is typed.
pub struct Field {
    pub key: &'static str,
    pub word: F,
    pub control: Control,
}

impl Field {
    /// The names the field's values go by in the form.
    fn names(&self) -> Vec<String> {
        match self.control {
            Control::Pick(_) => {
                let base = self.key.trim_end_matches("_id");
                ["text", "id", "chosen"].iter().map(|p| format!("{base}_{p}")).collect()
            }
            _ => vec![self.key.to_string()],
        }
    }
}

/// A kind of record the pages edit with a form of its fields.
pub trait Editable: Record + Send + 'static {
    const FIELDS: &'static [Field];
    /// The page's heading, and the new record's.
    const EDIT: F;
    const NEW: F;
    /// The list a new record joins.
    const LIST: W;

    /// The form's values for the record as it is.
    fn values(c: &mut DbConnection, id: i64) -> ApiResult<Values>;

    /// The input the form's values make; what cannot be read goes in `errs` under its field.
    fn input(c: &mut DbConnection, values: &mut Values, errs: &mut FieldErrors) -> ApiResult<Self::Input>;

    /// The values of an enumeration field, in words.
    fn options(_key: &str, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }
}

/// The form to edit record `id`, for who may change it.
pub async fn form_page<R: Editable>(db: &Db, ctx: &Ctx, writer: &Writer, id: i64) -> Result<Page, Page> {
    let actor = writer.0.user.actor();
    let values = db
        .run(move |c| {
            registry::may_change::<R>(c, &actor, id)?;
            let mut values = R::values(c, id)?;
            values.insert("version".into(), record::version(c, R::ENTITY, id)?.to_string());
            Ok(values)
        })
        .await
        .or_page(ctx)?;
    page::show::<R>(db, ctx, writer, Some(id), values, page::Shown::default(), Status::Ok).await
}

/// The form for a new record of this kind, for who may make one; it carries its own retry key,
/// so that a double click makes one record.
pub async fn new_page<R: Editable>(db: &Db, ctx: &Ctx, writer: &Writer) -> Result<Page, Page> {
    writer.0.user.actor().may_write(R::ENTITY).map_err(|e| failure(ctx, &e))?;
    let values = Values::from([("idempotency_key".to_string(), new_key(ctx)?)]);
    page::show::<R>(db, ctx, writer, None, values, page::Shown::default(), Status::Ok).await
}

/// Saves the form: record `id` at the version the form read, or a new record once per form
/// (`id` none); the record's page after, or the form again.
pub async fn save<R: Editable>(
    db: &Db,
    ctx: &Ctx,
    writer: &Writer,
    id: Option<i64>,
    form: Form<Values>,
) -> Result<Redirect, Page> {
    let mut values = form.into_inner();
    check_form(ctx, &writer.0, values.get("form_token").map_or("", String::as_str))?;
    let read: Option<i64> = values.get("version").and_then(|v| v.trim().parse().ok());
    let expected = read.map_or(Expected::Unstated, |v| Expected::OneOf(vec![v]));
    let actor = writer.0.user.actor();
    let sent = values.clone();
    let saved = db
        .write(move |c| {
            let mut errs = FieldErrors::default();
            let mut values = sent;
            let input = R::input(c, &mut values, &mut errs)?;
            match id {
                Some(id) => {
                    let changed = registry::update::<R>(c, &actor, id, &expected, |_| Ok(input));
                    crate::web::form::merged_result(changed, errs).map(|_| id)
                }
                None => create_once::<R>(c, &actor, value(&values, "idempotency_key"), input, errs),
            }
        })
        .await;
    let again = |values, shown, status| page::show::<R>(db, ctx, writer, id, values, shown, status);
    match saved {
        Ok(id) => Ok(Redirect::to(R::ENTITY.page(id))),
        Err(e) if e.status == Status::PreconditionFailed && id.is_some() => {
            let (id, read) = (id.unwrap_or_default(), read.unwrap_or_default());
            let conflict = merge::<R>(db, ctx, id, read, &mut values).await.map_err(|e| failure(ctx, &e))?;
            let shown = page::Shown { conflict: Some(conflict), ..page::Shown::default() };
            Err(again(values, shown, Status::Conflict).await.unwrap_or_else(|p| p))
        }
        Err(e) if !e.errors.is_empty() => {
            let shown = page::Shown { messages: Messages::of(&e, ctx.lang), ..page::Shown::default() };
            Err(again(values, shown, Status::UnprocessableEntity).await.unwrap_or_else(|p| p))
        }
        Err(e) => Err(failure(ctx, &e)),
    }
}

/// Someone saved the record after the form read version `read`: the fields the person did not
/// change take the values saved since, and the conflict says who changed what.
async fn merge<R: Editable>(
    db: &Db,
    ctx: &Ctx,
    id: i64,
    read: i64,
    values: &mut Values,
) -> Result<history::Conflict, ApiError> {
    let sent = values.clone();
    let (entries, was, theirs, now_values, mine, now) = db
        .run(move |c| {
            let entries = history::of(c, R::ENTITY, id, Some(read))?;
            let was = history::state_at(c, R::ENTITY, id, read)?;
            let theirs = json(&R::input_of(c, id)?);
            let now_values = R::values(c, id)?;
            let mut errs = FieldErrors::default();
            let mut sent = sent;
            let mine = json(&R::input(c, &mut sent, &mut errs)?);
            Ok((entries, was, theirs, now_values, mine, record::version(c, R::ENTITY, id)?))
        })
        .await?;
    let untouched = was.map(|was| history::untouched(&was, &mine)).unwrap_or_default();
    for field in R::FIELDS.iter().filter(|f| untouched.iter().any(|u| u == f.key)) {
        for name in field.names() {
            values.insert(name.clone(), now_values.get(&name).cloned().unwrap_or_default());
        }
    }
    values.insert("version".into(), now.to_string());
    let merged = {
        let values = values.clone();
        db.run(move |c| {
            let mut values = values;
            Ok(json(&R::input(c, &mut values, &mut FieldErrors::default())?))
        })
        .await?
    };
    Ok(history::conflict(ctx, entries, &theirs, &merged, &[]))
}

fn json(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// A form's value, empty when not sent.
pub fn value<'a>(values: &'a Values, name: &str) -> &'a str {
    values.get(name).map_or("", String::as_str)
}
