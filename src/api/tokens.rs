//! `/api/v1/tokens`: admins make, list and revoke API tokens. A new token's secret is in the
//! answer to its POST and nowhere else.

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::Json;
use rocket::{delete, get, post, routes, Route, State};

use crate::api::auth::Caller;
use crate::api::body::JsonBody;
use crate::api::headers::NoStore;
use crate::api::openapi::{Paging, ReadProblems, WriteProblems};
use crate::api::params::Params;
use crate::api::BASE;
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::models::page::ListPage;
use crate::models::token::{self, NewToken, Token, TokenInput};

pub fn routes() -> Vec<Route> {
    routes![list, create, get, revoke]
}

/// Every token, newest first (admins).
#[utoipa::path(
    operation_id = "list_tokens",
    tag = "tokens",
    params(Paging),
    responses((status = 200, description = "A page of tokens", body = ListPage<Token>), ReadProblems),
    security(("bearer" = [])),
)]
#[get("/tokens")]
async fn list(db: &State<Db>, caller: Caller, params: Params) -> ApiResult<Json<ListPage<Token>>> {
    caller.0.must_be_admin()?;
    params.expect_query::<Paging>()?;
    let page = params.page()?;
    db.run(move |c| token::list(c, page)).await.map(Json)
}

/// Makes a token (admins); its secret is in this answer and nowhere else. Not idempotent by key:
/// its answer holds a secret, which the registry never stores.
#[utoipa::path(
    operation_id = "create_token",
    tag = "tokens",
    request_body = TokenInput,
    responses((status = 201, description = "The token and its secret", body = NewToken), WriteProblems),
    security(("bearer" = [])),
)]
#[post("/tokens", data = "<body>")]
async fn create(
    db: &State<Db>,
    caller: Caller,
    body: Result<JsonBody, ApiError>,
) -> ApiResult<NoStore<Created<Json<NewToken>>>> {
    caller.0.must_be_admin()?;
    let input: TokenInput = body?.decode()?;
    let made = db.write(move |c| token::create(c, &caller.0, input)).await?;
    Ok(NoStore::new(Created::new(format!("{BASE}/tokens/{}", made.token.id)).body(Json(made))))
}

/// One token (admins), never its secret.
#[utoipa::path(
    operation_id = "get_token",
    tag = "tokens",
    responses((status = 200, description = "The token", body = Token), ReadProblems),
    security(("bearer" = [])),
)]
#[get("/tokens/<id>")]
async fn get(db: &State<Db>, caller: Caller, id: i64) -> ApiResult<Json<Token>> {
    caller.0.must_be_admin()?;
    db.run(move |c| token::get(c, id)).await.map(Json)
}

/// Revokes a token (admins); it stays listed with the time it was revoked.
#[utoipa::path(
    operation_id = "revoke_token",
    tag = "tokens",
    responses((status = 204, description = "Revoked"), WriteProblems),
    security(("bearer" = [])),
)]
#[delete("/tokens/<id>")]
async fn revoke(db: &State<Db>, caller: Caller, id: i64) -> ApiResult<NoContent> {
    caller.0.must_be_admin()?;
    db.write(move |c| token::revoke(c, &caller.0, id)).await.map(|_| NoContent)
}
