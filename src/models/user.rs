//! People who sign in to the web pages. Each has a name, a password (only its Argon2id hash is
//! kept), and the role and locality scope a token has; a disabled user cannot sign in, and their
//! sessions end at once.

use std::sync::Mutex;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::auth::Actor;
use crate::db::schema::{sessions, users};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult, FieldErrors};
use crate::messages::Msg;
use crate::models::audit::{self, Change};
use crate::models::enums::{AuditAction, Role};
use crate::models::token::check_scope;
use crate::text;

/// The shortest password accepted: NIST SP 800-63B's floor for one a person chooses.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The longest: enough for a pass phrase, bounded so that hashing one costs what it should.
pub const MAX_PASSWORD_CHARS: usize = 256;

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub locality_id: Option<i64>,
    #[serde(serialize_with = "crate::models::utc")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::models::utc_opt")]
    pub disabled_at: Option<NaiveDateTime>,
}

impl User {
    /// The user as the one who acts, in the audit trail and in every permission check.
    pub fn actor(&self) -> Actor {
        Actor {
            token_id: None,
            user_id: Some(self.id),
            name: self.name.clone(),
            role: self.role,
            locality: self.locality_id,
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct Row {
    id: i64,
    name: String,
    role: String,
    locality_id: Option<i64>,
    created_at: NaiveDateTime,
    disabled_at: Option<NaiveDateTime>,
}

impl From<Row> for User {
    fn from(r: Row) -> Self {
        User {
            id: r.id,
            name: r.name,
            role: Role::parse(&r.role).unwrap_or(Role::Viewer),
            locality_id: r.locality_id,
            created_at: r.created_at,
            disabled_at: r.disabled_at,
        }
    }
}

/// Argon2id with its default cost (19 MiB, two passes: OWASP's first recommendation). One hash at
/// a time in the whole server, so that a burst of sign-ins costs time, not memory.
static HASHING: Mutex<()> = Mutex::new(());

fn hash_password(password: &str) -> ApiResult<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| {
        tracing::error!("no randomness for a password's salt: {e}");
        ApiError::internal()
    })?;
    let salt = SaltString::encode_b64(&bytes).map_err(|_| ApiError::internal())?;
    let _turn = HASHING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!("a password could not be hashed: {e}");
        ApiError::internal()
    })
}

fn password_matches(password: &str, stored: &str) -> bool {
    let _turn = HASHING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A password's length in characters, checked; its content is the person's choice.
fn check_password(password: &str, errs: &mut FieldErrors) {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        errs.add("password", Msg::TooShort(MIN_PASSWORD_CHARS as u64));
    } else if chars > MAX_PASSWORD_CHARS {
        errs.add("password", Msg::TooLong(MAX_PASSWORD_CHARS as u64));
    }
}

/// Makes a user. The name must be new; the scope follows the tokens' rule.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    name: &str,
    password: &str,
    role: Role,
    locality_id: Option<i64>,
) -> ApiResult<User> {
    actor.must_be_admin()?;
    let name = text::clean(name);
    let mut errs = FieldErrors::default();
    if name.is_empty() {
        errs.add("name", Msg::Required);
    } else if name.chars().count() > 100 {
        errs.add("name", Msg::TooLong(100));
    }
    check_password(password, &mut errs);
    check_scope(conn, role, locality_id, &mut errs)?;
    errs.into_result()?;
    if find(conn, &name)?.is_some() {
        return Err(ApiError::duplicate("name", Msg::UserNameTaken));
    }
    let hash = hash_password(password)?;
    let id: i64 = diesel::insert_into(users::table)
        .values((
            users::name.eq(&name),
            users::password_hash.eq(hash),
            users::role.eq(role.as_str()),
            users::locality_id.eq(locality_id),
            users::created_at.eq(crate::models::now()),
        ))
        .returning(users::id)
        .get_result(conn)?;
    let user = get(conn, id)?;
    audit::record(conn, actor, Change::made(AuditAction::Create, USER, id, 1, None, json(&user)))?;
    Ok(user)
}

/// The audit trail's name for users.
const USER: &str = "user";

fn json(user: &User) -> serde_json::Value {
    serde_json::to_value(user).unwrap_or_default()
}

pub fn get(conn: &mut DbConnection, id: i64) -> ApiResult<User> {
    users::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(User::from)
        .ok_or(ApiError::new(rocket::http::Status::NotFound, Msg::UserNotFound))
}

/// The user of this name, disabled or not.
pub fn find(conn: &mut DbConnection, name: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::name.eq(text::clean(name)))
        .select(Row::as_select())
        .first(conn)
        .optional()
        .map(|r| r.map(User::from))
}

fn named(conn: &mut DbConnection, name: &str) -> ApiResult<User> {
    find(conn, name)?.ok_or(ApiError::new(rocket::http::Status::NotFound, Msg::UserNotFound))
}

/// Every user, by name.
pub fn list(conn: &mut DbConnection) -> ApiResult<Vec<User>> {
    Ok(users::table.order(users::name).select(Row::as_select()).load(conn)?.into_iter().map(User::from).collect())
}

/// The user whose name and password these are, if they may sign in. An unknown name costs the
/// same hashing as a known one, so that the time of an answer does not tell which names exist.
pub fn check_password_of(conn: &mut DbConnection, name: &str, password: &str) -> QueryResult<Option<User>> {
    let stored: Option<(i64, String)> = users::table
        .filter(users::name.eq(text::clean(name)))
        .filter(users::disabled_at.is_null())
        .select((users::id, users::password_hash))
        .first(conn)
        .optional()?;
    match stored {
        Some((id, hash)) if password_matches(password, &hash) => Ok(get(conn, id).ok()),
        Some(_) => Ok(None),
        None => {
            password_matches(password, &NO_ONES_HASH);
            Ok(None)
        }
    }
}

/// A hash of no one's password (made once), checked against when the name is unknown.
static NO_ONES_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("no one's password, never used").unwrap_or_default());

/// Changes what a user may do and where (the tokens' rule of scope). An admin cannot take their
/// own admin role away: someone must remain to give it back.
pub fn set_access(
    conn: &mut DbConnection,
    actor: &Actor,
    name: &str,
    role: Role,
    locality_id: Option<i64>,
) -> ApiResult<User> {
    actor.must_be_admin()?;
    let before = named(conn, name)?;
    if actor.user_id == Some(before.id) && role != before.role {
        return Err(ApiError::field("role", Msg::CannotChangeOwnRole));
    }
    let mut errs = FieldErrors::default();
    check_scope(conn, role, locality_id, &mut errs)?;
    errs.into_result()?;
    diesel::update(users::table.find(before.id))
        .set((users::role.eq(role.as_str()), users::locality_id.eq(locality_id)))
        .execute(conn)?;
    audited_change(conn, actor, before)
}

/// Sets a user's password; their other sessions end.
pub fn set_password(conn: &mut DbConnection, actor: &Actor, name: &str, password: &str) -> ApiResult<User> {
    actor.must_be_admin()?;
    let user = named(conn, name)?;
    let mut errs = FieldErrors::default();
    check_password(password, &mut errs);
    errs.into_result()?;
    let hash = hash_password(password)?;
    diesel::update(users::table.find(user.id)).set(users::password_hash.eq(hash)).execute(conn)?;
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user.id))).execute(conn)?;
    audit::record(conn, actor, Change::made(AuditAction::Update, USER, user.id, 1, None, json(&user)))?;
    Ok(user)
}

/// Disables a user: they cannot sign in, and their sessions end now. Disabling a disabled user
/// changes nothing.
pub fn disable(conn: &mut DbConnection, actor: &Actor, name: &str) -> ApiResult<User> {
    actor.must_be_admin()?;
    let before = named(conn, name)?;
    if before.disabled_at.is_some() {
        return Ok(before);
    }
    if actor.user_id == Some(before.id) {
        return Err(ApiError::new(rocket::http::Status::Conflict, Msg::CannotDisableSelf));
    }
    diesel::update(users::table.find(before.id)).set(users::disabled_at.eq(crate::models::now())).execute(conn)?;
    diesel::delete(sessions::table.filter(sessions::user_id.eq(before.id))).execute(conn)?;
    audited_change(conn, actor, before)
}

/// The user as a change left them, written in the audit trail beside how they were (`before`),
/// when anything changed.
fn audited_change(conn: &mut DbConnection, actor: &Actor, before: User) -> ApiResult<User> {
    let after = get(conn, before.id)?;
    if json(&after) != json(&before) {
        let change = Change::made(AuditAction::Update, USER, after.id, 1, Some(json(&before)), json(&after));
        audit::record(conn, actor, change)?;
    }
    Ok(after)
}

/// Whether any user exists (the first one is made at the command line).
pub fn any(conn: &mut DbConnection) -> QueryResult<bool> {
    Ok(users::table.count().get_result::<i64>(conn)? > 0)
}
