//! "Nhập bảng tính": a spreadsheet uploaded, checked (the import's dry run, every problem in a
//! table of row, column and message), fixed and uploaded again, then imported, all or nothing,
//! with links to what was made. The file checked is kept for its uploader for an hour, so that
//! "Nhập" writes the very file whose report was read.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::fs::TempFile;
use rocket::tokio::io::AsyncReadExt;
use rocket::{get, post, State};

use crate::db::Db;
use crate::error::ApiError;
use crate::import::report::{Line, Report, RowError};
use crate::import::{self, OnMatch, Options, Resource};
use crate::messages::form_words::F;
use crate::messages::pages::W;
use crate::messages::{Entity, Msg};
use crate::models::token::random_hex;
use crate::registry::intake::Gazetteer;
use crate::web::form::{Messages, Text};
use crate::web::page::{failure, Crumb, Ctx, Page};
use crate::web::session::check_form;
use crate::web::staff::Writer;

/// How long a checked file waits for its "Nhập", and how many bytes all of them may hold.
const KEPT_FOR: Duration = Duration::from_secs(3600);
const KEPT_BYTES: usize = 256 * 1024 * 1024;

struct Checked {
    user_id: i64,
    resource: Resource,
    options: Options,
    bytes: Vec<u8>,
    at: Instant,
    /// Its import has begun.
    taken: bool,
}

/// Files checked and not yet imported, by a key the report's page carries.
#[derive(Default)]
pub struct CheckedFiles(Mutex<HashMap<String, Checked>>);

impl CheckedFiles {
    fn keep(&self, key: String, checked: Checked) {
        let Ok(mut kept) = self.0.lock() else { return };
        kept.retain(|_, c| c.at.elapsed() < KEPT_FOR && c.user_id != checked.user_id);
        // The oldest go first when the files held would pass the bound.
        while kept.values().map(|c| c.bytes.len()).sum::<usize>() + checked.bytes.len() > KEPT_BYTES {
            let Some(oldest) = kept.iter().min_by_key(|(_, c)| c.at).map(|(k, _)| k.clone()) else { break };
            kept.remove(&oldest);
        }
        kept.insert(key, checked);
    }

    /// The checked file for its import. Its key stays, emptied, so that the same "Nhập" sent
    /// twice (a double click) is told that the file is being or was imported, not written twice.
    fn take(&self, key: &str, user_id: i64) -> Result<Checked, Msg> {
        let mut kept = self.0.lock().map_err(|_| Msg::CheckedFileGone)?;
        match kept.get_mut(key) {
            Some(c) if c.user_id == user_id && c.at.elapsed() < KEPT_FOR => {
                if c.taken {
                    return Err(Msg::CheckedFileTaken);
                }
                c.taken = true;
                let bytes = std::mem::take(&mut c.bytes);
                Ok(Checked { bytes, options: c.options.clone(), taken: true, ..*c })
            }
            _ => Err(Msg::CheckedFileGone),
        }
    }
}

#[derive(FromForm)]
pub struct Upload<'r> {
    form_token: Text,
    resource: Text,
    file: Option<TempFile<'r>>,
    on_match: Text,
    create_missing: Text,
    /// The key of a checked file, when "Nhập" imports it.
    checked: Text,
}

/// What a report's page shows of it.
struct Shown {
    report: Report,
    /// (name, address) of each record made.
    made: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "imports.html")]
struct ImportPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    csrf_token: String,
    resource: String,
    on_match: bool,
    create_missing: bool,
    messages: Messages,
    shown: Option<Shown>,
    /// The key of the file checked clean, for "Nhập".
    checked: Option<String>,
}

impl ImportPage<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.messages.get(field)
    }

    fn resources(&self) -> [(&'static str, &'static str); 3] {
        [
            ("agreements", self.ctx.t(W::Agreements)),
            ("organizations", self.ctx.t(W::Organizations)),
            ("directives", self.ctx.t(W::Directives)),
        ]
    }

    fn errors(&self) -> &[RowError] {
        self.shown.as_ref().map_or(&[], |s| &s.report.errors)
    }

    fn counts(&self) -> Vec<(&'static str, i64)> {
        let Some(s) = &self.shown else { return Vec::new() };
        let r = &s.report;
        [
            (F::RowsRead, r.rows),
            (F::RowsCreated, r.created.len()),
            (F::RowsUnchanged, r.unchanged.len()),
            (F::RowsDiffering, r.differing.len()),
            (F::OrganizationsAdded, r.proposed_organizations.len()),
            (F::Problems, r.errors.len()),
        ]
        .into_iter()
        .map(|(word, n)| (self.ctx.f(word), n as i64))
        .collect()
    }

    fn differing(&self) -> &[Line] {
        self.shown.as_ref().map_or(&[], |s| &s.report.differing)
    }
}

#[get("/imports")]
pub async fn blank(ctx: Ctx, writer: Writer) -> Page {
    let page = ImportPage {
        ctx: &ctx,
        crumbs: crumbs(&ctx),
        csrf_token: writer.0.csrf_token.clone(),
        resource: "agreements".into(),
        on_match: false,
        create_missing: false,
        messages: Messages::default(),
        shown: None,
        checked: None,
    };
    Page::ok(&ctx, &page)
}

fn crumbs(ctx: &Ctx) -> Vec<Crumb> {
    vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(ctx.f(F::Import))]
}

#[post("/imports", data = "<form>")]
pub async fn post(
    db: &State<Db>,
    gazetteer: &State<std::sync::Arc<Gazetteer>>,
    files: &State<CheckedFiles>,
    ctx: Ctx,
    writer: Writer,
    form: Form<Upload<'_>>,
) -> Page {
    let mut sent = form.into_inner();
    if let Err(page) = check_form(&ctx, &writer.0, sent.form_token.trimmed()) {
        return page;
    }
    let user_id = writer.0.user.id;
    let mut options = Options {
        dry_run: true,
        on_match: if sent.on_match.trimmed() == "update" { OnMatch::Update } else { OnMatch::Skip },
        create_missing: sent.create_missing.trimmed() == "organizations",
        version: None,
        lang: ctx.lang,
    };
    let mut page = ImportPage {
        ctx: &ctx,
        crumbs: crumbs(&ctx),
        csrf_token: writer.0.csrf_token.clone(),
        resource: sent.resource.trimmed().to_string(),
        on_match: options.on_match == OnMatch::Update,
        create_missing: options.create_missing,
        messages: Messages::default(),
        shown: None,
        checked: None,
    };
    let asked = if sent.checked.is_blank() {
        let resource = Resource::parse(sent.resource.trimmed());
        match (resource, read(sent.file.as_mut()).await) {
            (None, _) => Err(ApiError::field("resource", Msg::Required)),
            (_, None) => Err(ApiError::field("file", Msg::Required)),
            (Some(resource), Some(bytes)) => Ok((resource, bytes)),
        }
    } else {
        match files.take(sent.checked.trimmed(), user_id) {
            Ok(checked) => {
                options = Options { dry_run: false, lang: ctx.lang, ..checked.options };
                page.resource = checked.resource.key().to_string();
                Ok((checked.resource, checked.bytes))
            }
            Err(msg) => Err(ApiError::field("file", msg)),
        }
    };
    let (resource, bytes) = match asked {
        Ok(asked) => asked,
        Err(e) => return refused(page, &e),
    };
    let kept = options.dry_run.then(|| (bytes.clone(), options.clone()));
    let actor = writer.0.user.actor();
    let report = match import::on_server(db, gazetteer.inner().clone(), actor, (resource, bytes), options).await {
        Ok(report) => report,
        Err(e) if e.status.code < 500 => return refused(page, &e),
        Err(e) => return failure(&ctx, &e),
    };
    if let Some((bytes, options)) = kept.filter(|_| report.is_clean()) {
        if let Ok(key) = random_hex() {
            files.keep(key.clone(), Checked { user_id, resource, options, bytes, at: Instant::now(), taken: false });
            page.checked = Some(key);
        }
    }
    let entity = resource.entity();
    let made = report
        .created
        .iter()
        .filter_map(|l| l.id.map(|id| (l.name.clone(), entity.page(id))))
        .chain(
            report
                .proposed_organizations
                .iter()
                .filter_map(|l| l.id.map(|id| (l.name.clone(), Entity::Organization.page(id)))),
        )
        .collect();
    let status = if report.is_clean() { rocket::http::Status::Ok } else { rocket::http::Status::UnprocessableEntity };
    page.shown = Some(Shown { report, made });
    Page::with_status(status, &ctx, &page)
}

/// The form again, with the problem beside its field.
fn refused(mut page: ImportPage<'_>, e: &ApiError) -> Page {
    page.messages = Messages::of(e, page.ctx.lang);
    Page::with_status(e.status, page.ctx, &page)
}

/// The uploaded file's bytes; None when none was chosen.
async fn read(file: Option<&mut TempFile<'_>>) -> Option<Vec<u8>> {
    let file = file?;
    let mut bytes = Vec::new();
    file.open().await.ok()?.read_to_end(&mut bytes).await.ok()?;
    (!bytes.is_empty()).then_some(bytes)
}
