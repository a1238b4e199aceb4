//! `/api/v1/directives`

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::Json;
use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::agreements::agreement_filter;
use crate::api::body::{decode_patch, JsonBody};
use crate::api::created;
use crate::api::params::Params;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::messages::Msg;
use crate::models::agreement::{self, Agreement, DirectiveRef};
use crate::models::directive::{self, Directive, DirectiveFilter, DirectiveInput};
use crate::models::enums::DirectiveKind;
use crate::models::page::ListPage;

pub fn routes() -> Vec<Route> {
    routes![list, resolve, create, get, update, remove, agreements]
}

#[get("/directives")]
async fn list(db: &State<Db>, params: Params) -> ApiResult<Json<ListPage<Directive>>> {
    params.expect(&["q", "kind"])?;
    let filter = DirectiveFilter {
        q: params.text("q").map(str::to_string),
        kind: params.choice("kind", DirectiveKind::parse, DirectiveKind::allowed())?,
    };
    let page = params.page()?;
    db.run(move |c| directive::list(c, &filter, page)).await.map(Json)
}

/// Finds a directive however its symbol is written ("Chỉ thị số 12-CT/TW", "12/CT-TW", …).
#[get("/directives/resolve")]
async fn resolve(db: &State<Db>, params: Params) -> ApiResult<Json<ListPage<Directive>>> {
    params.expect(&["symbol"])?;
    let page = params.page()?;
    let symbol = params.text("symbol").unwrap_or_default().to_string();
    let found = db.run(move |c| directive::resolve(c, &symbol)).await?;
    let found = found.map_err(|why| ApiError::field("symbol", Msg::BadSymbol(why)))?;
    Ok(Json(ListPage::of_all(found, page)))
}

#[post("/directives", data = "<body>")]
async fn create(db: &State<Db>, body: Result<JsonBody, ApiError>) -> ApiResult<Created<Json<Directive>>> {
    let input: DirectiveInput = body?.decode()?;
    let made = db.write(move |c| directive::create(c, input)).await?;
    Ok(created("directives", made.id, made))
}

#[get("/directives/<id>")]
async fn get(db: &State<Db>, id: i64) -> ApiResult<Json<Directive>> {
    db.run(move |c| directive::get(c, id)).await.map(Json)
}

#[patch("/directives/<id>", data = "<body>")]
async fn update(db: &State<Db>, id: i64, body: Result<JsonBody, ApiError>) -> ApiResult<Json<Directive>> {
    let patch = body?;
    db.write(move |c| {
        let input = decode_patch(&directive::input_of(c, id)?, patch)?;
        directive::update(c, id, input)
    })
    .await
    .map(Json)
}

#[delete("/directives/<id>")]
async fn remove(db: &State<Db>, id: i64) -> ApiResult<NoContent> {
    db.write(move |c| directive::delete(c, id)).await.map(|_| NoContent)
}

/// The agreements under a directive, through the whole implements chain.
#[get("/directives/<id>/agreements")]
async fn agreements(db: &State<Db>, id: i64, params: Params) -> ApiResult<Json<ListPage<Agreement>>> {
    let (mut filter, page) = agreement_filter(&params)?;
    filter.directive = Some(DirectiveRef::Id(id));
    db.run(move |c| {
        directive::get(c, id)?;
        agreement::list(c, &filter, page)
    })
    .await
    .map(Json)
}
