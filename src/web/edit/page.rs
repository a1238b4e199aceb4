//! A record's form as the page shows it: each field with its value, its options or what its
//! name resolved to, and its message.

use askama::Template;
use rocket::http::Status;

use crate::db::Db;
use crate::messages::form_words::F;
use crate::messages::pages::W;
use crate::web::form::Messages;
use crate::web::history::Conflict;
use crate::web::page::{failure, Crumb, Ctx, Page};
use crate::web::register::draft::Pick;
use crate::web::register::picks::{self, Look, Places};
use crate::web::staff::Writer;

use super::{value, Control, Editable, Values};

#[derive(Default)]
pub struct Shown {
    pub messages: Messages,
    pub conflict: Option<Conflict>,
}

/// A field as shown.
pub struct Row {
    /// The control's name (a pick's `{base}`), and the field's key for its message.
    pub name: String,
    pub key: &'static str,
    pub label: &'static str,
    /// `text`, `lines`, `choice`, `pick` or `date`.
    pub control: &'static str,
    pub value: String,
    pub options: Vec<(&'static str, &'static str)>,
    pub optional: bool,
    pub pick: Pick,
    pub look: Option<Look>,
    pub message: Option<String>,
}

#[derive(Template)]
#[template(path = "record_form.html")]
struct RecordForm<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    heading: &'static str,
    action: String,
    /// Where "cancel" goes: the record's page, or the list a new one joins.
    cancel: String,
    idempotency_key: String,
    csrf_token: String,
    version: String,
    rows: Vec<Row>,
    elsewhere: Vec<(String, String)>,
    conflict: Option<Conflict>,
}

pub async fn show<R: Editable>(
    db: &Db,
    ctx: &Ctx,
    writer: &Writer,
    id: Option<i64>,
    values: Values,
    shown: Shown,
    status: Status,
) -> Result<Page, Page> {
    let looks = {
        let values = values.clone();
        db.run(move |c| {
            let mut looks = Vec::new();
            for field in R::FIELDS {
                if let Control::Pick(sort) = field.control {
                    let base = field.key.trim_end_matches("_id");
                    let at = |p: &str| value(&values, &format!("{base}_{p}")).into();
                    let mut pick = Pick { text: at("text"), id: at("id"), chosen: at("chosen") };
                    let look = picks::look_pick(c, &mut Places::default(), &mut pick, sort)?;
                    looks.push((field.key, pick, look));
                }
            }
            Ok(looks)
        })
        .await
        .map_err(|e| failure(ctx, &e))?
    };
    let rows: Vec<Row> = R::FIELDS
        .iter()
        .map(|f| {
            let (control, optional) = match f.control {
                Control::Text => ("text", false),
                Control::Lines => ("lines", false),
                Control::Choice { optional } => ("choice", optional),
                Control::Pick(_) => ("pick", false),
                Control::Date => ("date", false),
            };
            let found = looks.iter().find(|(k, _, _)| *k == f.key);
            Row {
                name: if control == "pick" { f.key.trim_end_matches("_id").to_string() } else { f.key.to_string() },
                key: f.key,
                label: ctx.f(f.word),
                control,
                value: value(&values, f.key).to_string(),
                options: if control == "choice" { R::options(f.key, ctx) } else { Vec::new() },
                optional,
                pick: found.map(|(_, p, _)| p.clone()).unwrap_or_default(),
                look: found.and_then(|(_, _, l)| l.clone()),
                message: shown.messages.get(f.key).map(str::to_string),
            }
        })
        .collect();
    let elsewhere = shown.messages.elsewhere(|f| R::FIELDS.iter().any(|x| x.key == f)).into_iter().cloned().collect();
    let (heading, action, back) = match id {
        Some(id) => {
            let called = ["name", "symbol"].iter().map(|k| value(&values, k)).find(|v| !v.trim().is_empty());
            let called = called.map_or_else(|| format!("#{id}"), str::to_string);
            (ctx.f(R::EDIT), format!("{}/edit", R::ENTITY.page(id)), (called, R::ENTITY.page(id)))
        }
        None => {
            let list = format!("/{}", R::ENTITY.path());
            (ctx.f(R::NEW), format!("{list}/new"), (ctx.t(R::LIST).to_string(), list))
        }
    };
    let crumbs = vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::link(back.0, back.1.clone()), Crumb::here(heading)];
    let page = RecordForm {
        ctx,
        crumbs,
        heading,
        cancel: back.1,
        idempotency_key: value(&values, "idempotency_key").to_string(),
        action,
        csrf_token: writer.0.csrf_token.clone(),
        version: value(&values, "version").to_string(),
        rows,
        elsewhere,
        conflict: shown.conflict,
    };
    Ok(Page::with_status(status, ctx, &page))
}
