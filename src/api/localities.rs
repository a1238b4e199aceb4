//! `/api/v1/localities`

use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};

use crate::api::auth::Reader;
use crate::api::params::Params;
use crate::api::write::record_routes;
use crate::db::Db;
use crate::error::ApiResult;
use crate::models::enums::LocalityLevel;
use crate::models::locality::{self, Locality, LocalityFilter};
use crate::models::page::ListPage;

record_routes!(Locality, "/localities", "/localities/<id>");

pub fn routes() -> Vec<Route> {
    routes![list, create, get, update, remove]
}

#[get("/localities")]
async fn list(db: &State<Db>, _reader: Reader, params: Params) -> ApiResult<Json<ListPage<Locality>>> {
    params.expect(&["q", "level", "parent_id"])?;
    let filter = LocalityFilter {
        q: params.text("q").map(str::to_string),
        level: params.choice("level", LocalityLevel::parse, LocalityLevel::allowed())?,
        parent_id: params.int("parent_id")?,
    };
    let page = params.page()?;
    db.run(move |c| locality::list(c, &filter, page)).await.map(Json)
}
