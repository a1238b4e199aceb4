//! The report pages (`/reports`, `/reports/coverage`, `/reports/gaps`, `/reports/due`): a form
//! asking the question in the API's own grammar (`api::reports::Question`), the answer as
//! tables and SVG charts, and the same answer as a file (`?format=xlsx|csv|json`).

use askama::Template;
use diesel::prelude::*;
use rocket::http::Status;
use rocket::{get, Either, State};

use crate::api::params::Params;
use crate::api::reports::Question;
use crate::db::schema::localities;
use crate::db::{Db, DbConnection};
use crate::error::ApiResult;
use crate::export::stream::{Download, Wants};
use crate::messages::labels::Label;
use crate::messages::pages::W;
use crate::messages::Lang;
use crate::models::enums::{AgreementKind, LocalityLevel};
use crate::models::report::MemberKinds;
use crate::web::page::{address, with_param, Crumb, Ctx, OrFailure, Page};
use crate::web::Reader;

/// Rows a page's table shows at most; the file holds them all.
const ROWS: usize = 300;
/// Agreement columns the coverage matrix shows at most on a page.
const COLUMNS: usize = 25;

/// One field of a report's form.
pub struct Field {
    pub name: &'static str,
    pub label: String,
    /// "number", "text", "select" or "checkbox".
    pub input: &'static str,
    pub value: String,
    pub options: Vec<(String, String)>,
}

pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Rows left out of the page (in the file).
    pub more: usize,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    title: String,
    action: &'static str,
    fields: Vec<Field>,
    errors: Vec<(String, String)>,
    summary: Option<String>,
    charts: Vec<String>,
    tables: Vec<Table>,
    /// The answer's address, to which a format is added for its download.
    download: Option<String>,
}

impl ReportPage<'_> {
    /// The title of another report, for the links to it.
    fn named(&self, which: &str) -> String {
        views::title(which, self.ctx.lang)
    }

    /// Errors of parameters the form has no field for.
    fn stray(&self) -> Vec<&(String, String)> {
        self.errors.iter().filter(|(f, _)| !self.fields.iter().any(|x| x.name == f)).collect()
    }

    fn file(&self, format: &str) -> String {
        self.download.as_deref().map(|d| with_param(d, "format", format)).unwrap_or_default()
    }
}

fn say(lang: Lang, vi: &str, en: &str) -> String {
    if lang == Lang::Vi { vi } else { en }.to_string()
}

/// The localities a report may be asked of: the central level, provinces and districts.
fn locality_options(c: &mut DbConnection) -> ApiResult<Vec<(String, String)>> {
    let levels = [LocalityLevel::Central, LocalityLevel::Province, LocalityLevel::District].map(LocalityLevel::as_str);
    let rows: Vec<(i64, String, String)> = localities::table
        .filter(localities::level.eq_any(levels))
        .select((localities::id, localities::name, localities::level))
        .order((localities::level.ne("central"), localities::name))
        .limit(2_000)
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, level)| (id.to_string(), if level == "district" { format!("— {name}") } else { name }))
        .collect())
}

fn field(name: &'static str, label: String, input: &'static str, params: &Params) -> Field {
    Field { name, label, input, value: params.text(name).unwrap_or("").trim().to_string(), options: Vec::new() }
}

/// The form of report `which`, its values as asked.
fn fields(which: &str, lang: Lang, params: &Params, places: Vec<(String, String)>) -> Vec<Field> {
    let kinds: Vec<(String, String)> =
        AgreementKind::ALL.iter().map(|k| (k.as_str().to_string(), k.label(lang).to_string())).collect();
    let mut locality = field("locality", say(lang, "Địa bàn", "Locality"), "select", params);
    locality.options = places;
    let mut kind = field("kind", say(lang, "Loại văn bản phối hợp", "Kind of agreement"), "select", params);
    kind.options = kinds;
    let year = field("year", say(lang, "Năm", "Year"), "number", params);
    let directive =
        field("directive", say(lang, "Văn bản chỉ đạo (số, ký hiệu)", "Directive (symbol)"), "text", params);
    match which {
        "gaps" => {
            let mut level = field("level", say(lang, "Đến cấp", "Down to level"), "select", params);
            level.options =
                LocalityLevel::ALL.iter().map(|l| (l.as_str().to_string(), l.label(lang).to_string())).collect();
            vec![locality, directive, year, level]
        }
        "coverage" => {
            let inside = field(
                "inside",
                say(lang, "Gồm cả các địa bàn trực thuộc", "With the localities inside"),
                "checkbox",
                params,
            );
            vec![locality, year, directive, kind, inside]
        }
        "due" => {
            let within =
                field("within_days", say(lang, "Hoặc trong số ngày tới", "Or within the days ahead"), "number", params);
            vec![year, within, locality, directive, kind]
        }
        _ => {
            let active = field("active_in", say(lang, "Có hiệu lực trong năm", "In force in"), "number", params);
            vec![locality, directive, kind, active]
        }
    }
}

fn table(caption: String, headers: Vec<String>, rows: impl Iterator<Item = Vec<String>>) -> Table {
    let all: Vec<Vec<String>> = rows.collect();
    let more = all.len().saturating_sub(ROWS);
    Table { caption, headers, rows: all.into_iter().take(ROWS).collect(), more }
}

mod views;

/// A report page, or with `format=`, its file.
async fn report(
    db: &Db,
    ctx: Ctx,
    params: Params,
    which: &'static str,
    member_kinds: &MemberKinds,
) -> Result<Either<Download, Page>, Page> {
    let lang = ctx.lang;
    let title = views::title(which, lang);
    // A page opened without a question shows its form; the counts need none.
    let asked = which == "counts" || params.pairs().next().is_some();
    let question = match which {
        "coverage" => Question::coverage(&params),
        "gaps" => Question::gaps(&params, member_kinds),
        "due" => Question::due(&params),
        _ => Question::counts(&params),
    };
    let wants = Wants { accept: None, lang };
    if let (Ok(Some(format)), Ok(_)) = (wants.format(&params), &question) {
        let question = question.or_page(&ctx)?;
        return wants.report_file(db, format, move |c| question.answer(c)).await.map(Either::Left).or_page(&ctx);
    }
    let mut errors: Vec<(String, String)> = Vec::new();
    if let Err(e) = wants.format(&params) {
        errors.extend(e.to_problem(lang).errors.into_iter().map(|f| (f.field, f.message)));
    }
    let question = match question {
        Ok(q) if asked => Some(q),
        Err(e) if asked => {
            errors.extend(e.to_problem(lang).errors.into_iter().map(|f| (f.field, f.message)));
            None
        }
        _ => None,
    };
    let (places, answer) = db
        .run(move |c| {
            let places = locality_options(c)?;
            let answer = question.map(|q| q.answer(c));
            Ok((places, answer))
        })
        .await
        .or_page(&ctx)?;
    let report = match answer {
        Some(Ok(report)) => Some(report),
        Some(Err(e)) => {
            errors.extend(e.to_problem(lang).errors.into_iter().map(|f| (f.field, f.message)));
            None
        }
        None => None,
    };
    let action = match which {
        "coverage" => "/reports/coverage",
        "gaps" => "/reports/gaps",
        "due" => "/reports/due",
        _ => "/reports",
    };
    let (summary, charts, tables) = report.as_ref().map(|r| views::show(r, lang)).unwrap_or_default();
    let download = report.as_ref().map(|_| address(action, &params, |k, _| k != "format"));
    let mut crumbs = vec![Crumb::link(ctx.t(W::Home), "/")];
    if which != "counts" {
        crumbs.push(Crumb::link(views::title("counts", lang), "/reports"));
    }
    crumbs.push(Crumb::here(title.clone()));
    let status = if errors.is_empty() { Status::Ok } else { Status::BadRequest };
    let page = ReportPage {
        ctx: &ctx,
        crumbs,
        title,
        action,
        fields: fields(which, lang, &params, places),
        errors,
        summary,
        charts,
        tables,
        download,
    };
    Ok(Either::Right(Page::with_status(status, &ctx, &page)))
}

#[get("/reports")]
pub async fn counts(
    db: &State<Db>,
    _r: Reader,
    ctx: Ctx,
    params: Params,
    kinds: &State<MemberKinds>,
) -> Result<Either<Download, Page>, Page> {
    report(db, ctx, params, "counts", kinds).await
}

#[get("/reports/coverage")]
pub async fn coverage(
    db: &State<Db>,
    _r: Reader,
    ctx: Ctx,
    params: Params,
    kinds: &State<MemberKinds>,
) -> Result<Either<Download, Page>, Page> {
    report(db, ctx, params, "coverage", kinds).await
}

#[get("/reports/gaps")]
pub async fn gaps(
    db: &State<Db>,
    _r: Reader,
    ctx: Ctx,
    params: Params,
    kinds: &State<MemberKinds>,
) -> Result<Either<Download, Page>, Page> {
    report(db, ctx, params, "gaps", kinds).await
}

#[get("/reports/due")]
pub async fn due(
    db: &State<Db>,
    _r: Reader,
    ctx: Ctx,
    params: Params,
    kinds: &State<MemberKinds>,
) -> Result<Either<Download, Page>, Page> {
    report(db, ctx, params, "due", kinds).await
}
