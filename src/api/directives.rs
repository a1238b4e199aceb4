//! `/api/v1/directives`

use crate::export::lists::Listing;
use crate::export::stream::{Download, Wants};
use rocket::serde::json::Json;
use rocket::Either;
use rocket::{delete, get, patch, post, put, routes, Route, State};

use crate::api::agreements::{agreement_filter, AgreementQuery};
use crate::api::auth::{Caller, IfMatch, Reader};
use crate::api::body::JsonBody;
use crate::api::openapi::{IfMatchHeader, Paging, ReadProblems, WriteProblems};
use crate::api::params::Params;
use crate::api::read::{cached, ReadKey};
use crate::api::write::{record_routes, Answer};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::messages::Msg;
use crate::models::agreement::{self, Agreement, DirectiveRef};
use crate::models::citation::{self, ExtractInput, Extracted};
use crate::models::directive::graph;
use crate::models::directive::tree::Node;
use crate::models::directive::{self, Directive, DirectiveFilter};
use crate::models::enums::DirectiveKind;
use crate::models::page::ListPage;
use crate::registry;

record_routes!(
    Directive,
    crate::models::directive::DirectiveInput,
    "directive",
    "directives",
    "/directives",
    "/directives/<id>"
);

pub fn routes() -> Vec<Route> {
    routes![list, resolve, extract, create, get, update, remove, agreements, tree, link, unlink]
}

/// The filters of the directives list.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct DirectiveQuery {
    /// Words of the symbol, title or issuer, with or without diacritics.
    q: Option<String>,
    kind: Option<DirectiveKind>,
    /// `csv`, `xlsx` or `json`: the whole filtered list as a file (docs/reports.md).
    format: Option<crate::api::openapi::ExportFormat>,
}

/// A reference as written.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
struct SymbolQuery {
    /// "Chỉ thị số 12-CT/TW", "12/CT-TW", "Chỉ thị 04 ngày 06/7/2011 của Ban Bí thư"…
    symbol: String,
}

/// Directives, newest first.
#[utoipa::path(
    operation_id = "list_directives",
    tag = "directives",
    params(DirectiveQuery, Paging),
    responses((status = 200, description = "A page of directives, or all of them as a file", content((ListPage<Directive> = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/directives")]
async fn list(
    db: &State<Db>,
    _reader: Reader,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    params.expect_query::<DirectiveQuery>()?;
    let filter = DirectiveFilter {
        q: params.search("q")?,
        kind: params.choice("kind", DirectiveKind::parse, DirectiveKind::allowed())?,
    };
    if let Some(format) = wants.format(&params)? {
        return wants.list_file(db, format, Listing::Directives(filter)).await.map(Either::Left);
    }
    let page = params.page()?;
    cached(db, key, move |c| directive::list(c, &filter, page)).await.map(Either::Right)
}

/// Finds a directive however its symbol is written ("Chỉ thị số 12-CT/TW", "12/CT-TW", …), best first.
#[utoipa::path(
    operation_id = "resolve_directive",
    tag = "directives",
    params(SymbolQuery, Paging),
    responses((status = 200, description = "The directives it may name", body = ListPage<Directive>), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/directives/resolve")]
async fn resolve(db: &State<Db>, _reader: Reader, params: Params, key: ReadKey<'_>) -> ApiResult<Answer> {
    params.expect_query::<SymbolQuery>()?;
    let page = params.page()?;
    let symbol = params.text("symbol").unwrap_or_default().to_string();
    cached(db, key, move |c| {
        let found = directive::resolve(c, &symbol)?.map_err(|why| ApiError::field("symbol", Msg::BadSymbol(why)))?;
        Ok(ListPage::of_all(found, page))
    })
    .await
}

/// Every reference to a directive in a text, with where it stands and what it resolves to. Writes nothing.
#[utoipa::path(
    operation_id = "extract_directives",
    tag = "directives",
    request_body = ExtractInput,
    responses(
        (status = 200, description = "The citations, in order", body = Extracted),
        (status = 413, description = "The body is larger than the limit", body = crate::error::Problem,
            content_type = "application/problem+json"),
        ReadProblems,
    ),
    security(("bearer" = []), ()),
)]
#[post("/directives/extract", data = "<body>")]
async fn extract(db: &State<Db>, _reader: Reader, body: Result<JsonBody, ApiError>) -> ApiResult<Json<Extracted>> {
    let input: ExtractInput = body?.decode()?;
    db.run(move |c| citation::extract(c, input)).await.map(Json)
}

/// The agreements under a directive, through the whole implements chain.
#[utoipa::path(
    operation_id = "list_directive_agreements",
    tag = "directives",
    params(AgreementQuery, Paging),
    responses((status = 200, description = "A page of agreements, or all of them as a file", content((ListPage<Agreement> = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/directives/<id>/agreements")]
async fn agreements(
    db: &State<Db>,
    _reader: Reader,
    id: i64,
    params: Params,
    key: ReadKey<'_>,
    wants: Wants,
) -> ApiResult<Either<Download, Answer>> {
    let (mut filter, page) = agreement_filter(&params)?;
    filter.directives.push(DirectiveRef::Id(id));
    if let Some(format) = wants.format(&params)? {
        db.run(move |c| directive::get(c, id)).await?;
        return wants.list_file(db, format, Listing::Agreements(filter)).await.map(Either::Left);
    }
    cached(db, key, move |c| {
        directive::get(c, id)?;
        agreement::list(c, &filter, page)
    })
    .await
    .map(Either::Right)
}

/// What a directive implements (upwards) and what implements it (downwards), with the agreements
/// under each.
#[utoipa::path(
    operation_id = "get_directive_tree",
    tag = "directives",
    responses((status = 200, description = "The directive as the root of its tree", body = Node), ReadProblems),
    security(("bearer" = []), ()),
)]
#[get("/directives/<id>/tree")]
async fn tree(db: &State<Db>, _reader: Reader, id: i64, key: ReadKey<'_>) -> ApiResult<Answer> {
    cached(db, key, move |c| graph::tree(c, id)).await
}

/// Records that directive `id` implements directive `target` (a change to directive `id`).
#[utoipa::path(
    operation_id = "link_directive",
    tag = "directives",
    params(IfMatchHeader),
    responses(
        (status = 200, description = "The implementing directive", body = Directive, headers(("ETag" = String))),
        WriteProblems,
    ),
    security(("bearer" = [])),
)]
#[put("/directives/<id>/implements/<target>")]
async fn link(db: &State<Db>, caller: Caller, id: i64, target: i64, if_match: IfMatch) -> ApiResult<Answer> {
    let (actor, expected) = (caller.0, if_match.expected());
    let saved = db.write(move |c| registry::link(c, &actor, (id, target), true, &expected)).await?;
    Ok(Answer::saved(&saved))
}

/// Removes the link (a change to directive `id`).
#[utoipa::path(
    operation_id = "unlink_directive",
    tag = "directives",
    params(IfMatchHeader),
    responses((status = 204, description = "Removed", headers(("ETag" = String))), WriteProblems),
    security(("bearer" = [])),
)]
#[delete("/directives/<id>/implements/<target>")]
async fn unlink(db: &State<Db>, caller: Caller, id: i64, target: i64, if_match: IfMatch) -> ApiResult<Answer> {
    let (actor, expected) = (caller.0, if_match.expected());
    let saved = db.write(move |c| registry::link(c, &actor, (id, target), false, &expected)).await?;
    Ok(Answer::saved(&saved).emptied())
}
