//! API tokens. A token's secret is shown once, when it is made; the registry keeps only its
//! SHA-256, so a copy of the database gives no one a way in.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use validator::Validate;

use crate::auth::Actor;
use crate::db::schema::api_tokens;
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldErrors};
use crate::messages::{Entity, Msg};
use crate::models::audit::{self, Change};
use crate::models::enums::AuditAction;
use crate::models::enums::Role;
use crate::models::page::{page_of, ListPage, Page};
use crate::models::{locality, validate_into};
use crate::text;

/// Every secret starts so, which lets secret scanners and people recognise one.
pub const SECRET_PREFIX: &str = "phk_";

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Token {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub locality_id: Option<i64>,
    #[serde(serialize_with = "crate::models::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::models::utc_opt")]
    pub revoked_at: Option<NaiveDateTime>,
}

/// A token just made, with the secret that is never shown again.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NewToken {
    #[serde(flatten)]
    pub token: Token,
    pub secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "cán bộ MTTQ quận 11", "role": "editor", "locality_id": 3}))]
pub struct TokenInput {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    pub role: Role,
    /// For an editor: the locality it may write in (with everything inside it); none for everywhere.
    #[serde(default)]
    pub locality_id: Option<i64>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = api_tokens)]
struct Row {
    id: i64,
    name: String,
    role: String,
    locality_id: Option<i64>,
    created_at: NaiveDateTime,
    revoked_at: Option<NaiveDateTime>,
}

impl From<Row> for Token {
    fn from(r: Row) -> Self {
        Token {
            id: r.id,
            name: r.name,
            role: Role::parse(&r.role).unwrap_or(Role::Viewer),
            locality_id: r.locality_id,
            created_at: r.created_at,
            revoked_at: r.revoked_at,
        }
    }
}

pub fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// 32 random bytes in hex: a token's secret, a session's, a form's CSRF token.
pub fn random_hex() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn new_secret() -> Result<String, getrandom::Error> {
    Ok(format!("{SECRET_PREFIX}{}", random_hex()?))
}

/// A locality scope is an editor's (viewers read everything, admins do everything), and names a
/// locality that exists: the rule for tokens and for users alike.
pub fn check_scope(
    conn: &mut DbConnection,
    role: Role,
    locality_id: Option<i64>,
    errs: &mut FieldErrors,
) -> ApiResult<()> {
    if let Some(l) = locality_id {
        if role != Role::Editor {
            errs.add("locality_id", Msg::LocalityForEditors);
        } else if !locality::exists(conn, l)? {
            errs.add("locality_id", Msg::RecordNotFound(Entity::Locality, l));
        }
    }
    Ok(())
}

/// Makes a token. Its name must be new (revoked tokens keep theirs), so that the audit trail's
/// names stay unambiguous.
pub fn create(conn: &mut DbConnection, actor: &Actor, mut input: TokenInput) -> ApiResult<NewToken> {
    input.name = text::clean(&input.name);
    let mut errs = FieldErrors::default();
    validate_into(&input, &mut errs);
    check_scope(conn, input.role, input.locality_id, &mut errs)?;
    errs.into_result()?;
    let taken: i64 = api_tokens::table.filter(api_tokens::name.eq(&input.name)).count().get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::duplicate("name", Msg::TokenNameTaken));
    }
    let secret = new_secret().map_err(|e| {
        tracing::error!("no randomness for a token secret: {e}");
        ApiError::new(rocket::http::Status::ServiceUnavailable, Msg::InternalError)
    })?;
    let id: i64 = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::name.eq(&input.name),
            api_tokens::role.eq(input.role.as_str()),
            api_tokens::locality_id.eq(input.locality_id),
            api_tokens::secret_hash.eq(hash(&secret)),
            api_tokens::created_at.eq(crate::models::now()),
        ))
        .returning(api_tokens::id)
        .get_result(conn)?;
    let token = get(conn, id)?;
    audit::record(conn, actor, Change::made(AuditAction::Create, TOKEN, id, 1, None, json(&token)))?;
    Ok(NewToken { token, secret })
}

/// The audit trail's name for tokens.
const TOKEN: &str = "token";

fn json(token: &Token) -> serde_json::Value {
    serde_json::to_value(token).unwrap_or_default()
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<Token> {
    api_tokens::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Token::from)
        .ok_or(ApiError::new(rocket::http::Status::NotFound, Msg::TokenNotFound(id)))
}

/// The holder of a secret, if it names a token that is not revoked.
pub fn holder(conn: &mut DbConnection, secret: &str) -> QueryResult<Option<Actor>> {
    let row: Option<Row> = api_tokens::table
        .filter(api_tokens::secret_hash.eq(hash(secret)))
        .filter(api_tokens::revoked_at.is_null())
        .select(Row::as_select())
        .first(conn)
        .optional()?;
    Ok(row.map(|r| {
        let t = Token::from(r);
        Actor { token_id: Some(t.id), user_id: None, name: t.name, role: t.role, locality: t.locality_id }
    }))
}

/// Every token, newest first.
pub fn list(conn: &mut DbConnection, page: Page) -> ApiResult<ListPage<Token>> {
    let query = || api_tokens::table.into_boxed();
    let (rows, total) = page_of!(conn, query, api_tokens::id.desc(), page, Row);
    Ok(ListPage::new(rows.into_iter().map(Token::from).collect(), total, page))
}

/// Revokes a token: it stops working at once and stays listed, with the time. Revoking a revoked
/// token changes nothing. A token cannot revoke itself, so that no admin locks themself out by a
/// slip; another admin, or `phoihop token revoke` at the command line, can.
pub fn revoke(conn: &mut DbConnection, actor: &Actor, id: i64) -> ApiResult<Token> {
    if actor.token_id == Some(id) {
        return Err(ApiError::new(rocket::http::Status::Conflict, Msg::OwnToken));
    }
    let before = get(conn, id)?;
    if before.revoked_at.is_some() {
        return Ok(before);
    }
    diesel::update(api_tokens::table.find(id)).set(api_tokens::revoked_at.eq(crate::models::now())).execute(conn)?;
    let after = get(conn, id)?;
    audit::record(conn, actor, Change::made(AuditAction::Update, TOKEN, id, 2, Some(json(&before)), json(&after)))?;
    Ok(after)
}

/// The token with this name, for the command line.
pub fn named(conn: &mut DbConnection, name: &str) -> ApiResult<Option<Token>> {
    Ok(api_tokens::table
        .filter(api_tokens::name.eq(text::clean(name)))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Token::from))
}
