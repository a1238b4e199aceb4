//! `/organizations`, `/directives` and `/localities`: each a search box over one kind of record
//! and a page of what it finds, shown by one template.

use askama::Template;
use rocket::http::Status;
use rocket::{get, State};

use crate::api::params::Params;
use crate::db::{Db, DbConnection};
use crate::error::{ApiError, ApiResult};
use crate::messages::labels::Label;
use crate::messages::pages::W;
use crate::messages::Lang;
use crate::models::directive::{self, DirectiveFilter};
use crate::models::enums::LocalityLevel;
use crate::models::locality::{self, LocalityFilter};
use crate::models::organization::{self, OrganizationFilter};
use crate::models::page::{ListPage, Page as Paging};
use crate::web::page::{encode, Crumb, Ctx, OrFailure, Page, PageResult, Pager};
use crate::web::Reader;

const PER_PAGE: i64 = 20;

/// A record as a list shows it: its link, its name and a line about it.
pub struct Item {
    pub href: String,
    pub text: String,
    pub meta: String,
}

#[derive(Template)]
#[template(path = "records.html")]
struct Listing<'a> {
    ctx: &'a Ctx,
    crumbs: Vec<Crumb>,
    title: &'static str,
    action: &'static str,
    q: String,
    q_error: Option<String>,
    found: ListPage<Item>,
    pager: Pager,
}

impl Listing<'_> {
    /// The whole list's file, as searched.
    fn download(&self) -> String {
        if self.q.is_empty() {
            format!("{}/download", self.action)
        } else {
            format!("{}/download?q={}", self.action, encode(&self.q))
        }
    }

    /// The page that adds a record to this list, for who may add one, and its words.
    fn adds(&self) -> Option<(String, &'static str)> {
        use crate::messages::form_words::F;
        use crate::messages::Entity;
        let entity = Entity::ALL.into_iter().find(|e| format!("/{}", e.path()) == self.action)?;
        let words = match entity {
            Entity::Organization => F::NewOrganization,
            Entity::Directive => F::NewDirective,
            Entity::Locality => F::NewLocality,
            _ => return None,
        };
        let actor = self.ctx.signed_in.as_ref()?.user.actor();
        actor.may_write(entity).is_ok().then(|| (format!("{}/new", self.action), self.ctx.f(words)))
    }
}

/// The list page of one kind: `find` reads a page of items for the search (or for none).
async fn listing<F>(db: &Db, ctx: Ctx, params: Params, title: W, action: &'static str, find: F) -> PageResult
where
    F: FnOnce(&mut DbConnection, Lang, Option<String>, Paging) -> ApiResult<ListPage<Item>> + Send + 'static,
{
    let checked = params.expect(&["q"]).and_then(|_| params.search("q")).and_then(|q| Ok((q, params.page()?)));
    let (q, paging, q_error) = match checked {
        Ok((q, page)) => (q, Paging { limit: PER_PAGE, offset: page.offset }, None),
        Err(e) => (None, Paging { limit: PER_PAGE, offset: 0 }, Some(e)),
    };
    let lang = ctx.lang;
    let asked = q.clone();
    let found = db.run(move |c| find(c, lang, asked, paging)).await.or_page(&ctx)?;
    let q = q.unwrap_or_default();
    let base = if q.is_empty() { action.to_string() } else { format!("{action}?q={}", encode(&q)) };
    let status = if q_error.is_some() { Status::BadRequest } else { Status::Ok };
    let q_error = q_error.map(|e: ApiError| {
        let problem = e.to_problem(ctx.lang);
        problem.errors.into_iter().next().map(|f| format!("{}: {}", f.field, f.message)).unwrap_or(problem.detail)
    });
    let crumbs = vec![Crumb::link(ctx.t(W::Home), "/"), Crumb::here(ctx.t(title))];
    let page =
        Listing { ctx: &ctx, crumbs, title: ctx.t(title), action, q, q_error, pager: Pager::new(&base, &found), found };
    Ok(Page::with_status(status, &ctx, &page))
}

#[get("/organizations")]
pub async fn organizations(db: &State<Db>, _reader: Reader, ctx: Ctx, params: Params) -> PageResult {
    listing(db, ctx, params, W::Organizations, "/organizations", |c, lang, q, page| {
        let found = organization::list(c, &OrganizationFilter { q, ..OrganizationFilter::default() }, page)?;
        Ok(found.map(|o| Item {
            href: format!("/organizations/{}", o.id),
            meta: match &o.short_name {
                Some(short) => format!("{short} · {}", Label::label(o.kind, lang)),
                None => Label::label(o.kind, lang).to_string(),
            },
            text: o.name,
        }))
    })
    .await
}

#[get("/directives")]
pub async fn directives(db: &State<Db>, _reader: Reader, ctx: Ctx, params: Params) -> PageResult {
    listing(db, ctx, params, W::Directives, "/directives", |c, lang, q, page| {
        // A symbol however it is written ("12/CT-TW") finds its directive; other text, words.
        if let Some(written) = q.as_deref() {
            if let Ok(found) = directive::resolve(c, written)? {
                if !found.is_empty() {
                    return Ok(ListPage::of_all(found, page).map(|d| directive_item(d, lang)));
                }
            }
        }
        let found = directive::list(c, &DirectiveFilter { q, kind: None }, page)?;
        Ok(found.map(|d| directive_item(d, lang)))
    })
    .await
}

fn directive_item(d: directive::Directive, lang: Lang) -> Item {
    let kind = Label::label(d.kind, lang);
    Item {
        href: format!("/directives/{}", d.id),
        meta: match (&d.title, &d.issuer) {
            (Some(t), Some(i)) => format!("{kind} · {t} · {i}"),
            (Some(t), None) => format!("{kind} · {t}"),
            _ => kind.to_string(),
        },
        text: d.symbol,
    }
}

#[get("/localities")]
pub async fn localities(db: &State<Db>, _reader: Reader, ctx: Ctx, params: Params) -> PageResult {
    listing(db, ctx, params, W::Localities, "/localities", |c, lang, q, page| {
        // Without a search, the provinces and cities (and the central level) to start from.
        let filter = match q {
            Some(q) => LocalityFilter { q: Some(q), ..LocalityFilter::default() },
            None => LocalityFilter { level: Some(LocalityLevel::Province), ..LocalityFilter::default() },
        };
        let found = locality::list(c, &filter, page)?;
        Ok(found.map(|l| Item {
            href: format!("/localities/{}", l.id),
            meta: Label::label(l.level, lang).to_string(),
            text: l.name,
        }))
    })
    .await
}
