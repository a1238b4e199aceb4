//! The database: the connection type, the pool, per-connection setup and migrations.
//!
//! The connection is a diesel `MultiConnection` so that a second backend (PostgreSQL) is one more
//! variant and one more migrations folder, with every query written once against `schema.rs`.

pub mod schema;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use rocket::http::Status;

use crate::config::Config;
use crate::error::ApiError;
use crate::messages::Msg;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager<DbConnection>>;

/// Settings every SQLite connection needs: the schema's foreign keys are only enforced with
/// `foreign_keys = ON`; WAL lets readers run beside a writer; `busy_timeout` makes a writer wait
/// for another instead of failing at once.
#[derive(Debug)]
struct ConnectionSetup;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        match conn {
            DbConnection::Sqlite(c) => c
                .batch_execute(
                    "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;",
                )
                .map_err(diesel::r2d2::Error::QueryError),
        }
    }
}

#[derive(Debug)]
pub struct SetupError(pub String);

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SetupError {}

/// Opens the pool for the configured database and brings its schema up to date.
pub fn connect(config: &Config) -> Result<DbPool, SetupError> {
    let manager = ConnectionManager::<DbConnection>::new(sqlite_path(&config.database_url));
    let pool = Pool::builder()
        .max_size(config.pool_size)
        .connection_timeout(Duration::from_secs(config.pool_timeout_secs))
        .connection_customizer(Box::new(ConnectionSetup))
        .build(manager)
        .map_err(|e| SetupError(format!("cannot open database {}: {e}", config.database_url)))?;
    let mut conn = pool.get().map_err(|e| SetupError(format!("cannot open database: {e}")))?;
    migrate(&mut conn)?;
    Ok(pool)
}

/// Applies every pending migration of the connection's backend.
pub fn migrate(conn: &mut DbConnection) -> Result<(), SetupError> {
    match conn {
        DbConnection::Sqlite(c) => c
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map(|_| ())
            .map_err(|e| SetupError(format!("migration failed: {e}"))),
    }
}

/// `sqlite://path` and `sqlite:path` are accepted besides a plain path.
fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url)
}

/// The pool as Rocket managed state; `run` moves blocking database work off the async workers.
pub struct Db(pub DbPool);

impl Db {
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.0.clone();
        rocket::tokio::task::spawn_blocking(move || {
            let mut conn: PooledConnection<_> =
                pool.get().map_err(|_| ApiError::new(Status::ServiceUnavailable, Msg::DatabaseUnavailable))?;
            work(&mut conn)
        })
        .await
        .map_err(|_| ApiError::new(Status::InternalServerError, Msg::InternalError))?
    }

    /// `run` inside one write transaction: a failed request writes nothing.
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.run(move |conn| {
            begin_write(conn)?;
            match work(conn) {
                Ok(done) => {
                    <DbConnection as TransactionManager<DbConnection>>::commit_transaction(conn)?;
                    Ok(done)
                }
                Err(e) => {
                    <DbConnection as TransactionManager<DbConnection>>::rollback_transaction(conn)?;
                    Err(e)
                }
            }
        })
        .await
    }
}

/// Opens a transaction that takes the write lock at once. SQLite's default deferred BEGIN would
/// take it at the first write, and two such writers can each hold a read lock and wait on the
/// other: one fails with SQLITE_BUSY at once, which no busy_timeout waits out.
fn begin_write(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE"),
    }
}

/// Opens the database when Rocket ignites; a database that cannot be opened stops the launch
/// with the reason.
pub fn stage(config: Config) -> rocket::fairing::AdHoc {
    rocket::fairing::AdHoc::try_on_ignite("Database", move |rocket| async move {
        match rocket::tokio::task::spawn_blocking(move || connect(&config)).await {
            Ok(Ok(pool)) => Ok(rocket.manage(Db(pool))),
            Ok(Err(e)) => {
                rocket::error!("{e}");
                Err(rocket)
            }
            Err(_) => Err(rocket),
        }
    })
}
