//! `/api/v1/localities`

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::Json;
use rocket::{delete, get, patch, post, routes, Route, State};

use crate::api::body::{decode_patch, JsonBody};
use crate::api::created;
use crate::api::params::Params;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::models::enums::LocalityLevel;
use crate::models::locality::{self, Locality, LocalityFilter, LocalityInput};
use crate::models::page::ListPage;

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove]
}

#[get("/localities")]
async fn list(db: &State<Db>, params: Params) -> ApiResult<Json<ListPage<Locality>>> {
    params.expect(&["q", "level", "parent_id"])?;
    let filter = LocalityFilter {
        q: params.text("q").map(str::to_string),
        level: params.choice("level", LocalityLevel::parse, LocalityLevel::allowed())?,
        parent_id: params.int("parent_id")?,
    };
    let page = params.page()?;
    db.run(move |c| locality::list(c, &filter, page)).await.map(Json)
}

#[post("/localities", data = "<body>")]
async fn create(db: &State<Db>, body: Result<JsonBody, ApiError>) -> ApiResult<Created<Json<Locality>>> {
    let input: LocalityInput = body?.decode()?;
    let made = db.write(move |c| locality::create(c, input)).await?;
    Ok(created("localities", made.id, made))
}

#[get("/localities/<id>")]
async fn get(db: &State<Db>, id: i64) -> ApiResult<Json<Locality>> {
    db.run(move |c| locality::get(c, id)).await.map(Json)
}

#[patch("/localities/<id>", data = "<body>")]
async fn update(db: &State<Db>, id: i64, body: Result<JsonBody, ApiError>) -> ApiResult<Json<Locality>> {
    let patch = body?;
    db.write(move |c| {
        let input = decode_patch(&locality::input_of(c, id)?, patch)?;
        locality::update(c, id, input)
    })
    .await
    .map(Json)
}

#[delete("/localities/<id>")]
async fn remove(db: &State<Db>, id: i64) -> ApiResult<NoContent> {
    db.write(move |c| locality::delete(c, id)).await.map(|_| NoContent)
}
