//! The database: the connection type, the pool, per-connection setup and migrations.
//!
//! One binary serves both backends: `DATABASE_URL` chooses, a `postgres://` (or `postgresql://`)
//! URL for PostgreSQL, anything else a SQLite file. The connection is a diesel `MultiConnection`,
//! so every query is written once against `schema.rs`; what differs per backend is here and in
//! the two migrations folders, which hold migrations of the same names.

pub mod explain;
pub mod file;
pub mod schema;
mod served;
pub mod watch;

pub use served::{stage, Db};

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{CustomizeConnection, ManageConnection, Pool, PooledConnection, R2D2Connection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::config::Config;
use crate::error::ApiError;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Every PostgreSQL write transaction takes this lock (`pg_advisory_xact_lock`), so writers run
/// one at a time as they do on SQLite: the checks a write makes before it writes (a duplicate
/// name, a cycle) stay true until it commits. Readers never wait for it.
const WRITE_LOCK: i64 = 0x7068_6f69_686f_7001;
/// Held while migrating, so that several servers starting at once migrate one after the other.
const MIGRATION_LOCK: i64 = 0x7068_6f69_686f_7002;

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

pub type DbPool = Pool<Manager>;
/// A connection taken from the pool.
pub type PooledConn = PooledConnection<Manager>;

/// Whether a database URL names a PostgreSQL server.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The URL with its password hidden, for messages and logs.
pub fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => match url[scheme + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
            None => url.to_string(),
        },
        _ => url.to_string(),
    }
}

/// Opens connections of the backend the URL names. (diesel's generic manager would try each
/// backend in turn, and a PostgreSQL that is down would be retried as a SQLite file name.)
#[derive(Debug)]
pub struct Manager {
    url: String,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        let conn = if is_postgres(&self.url) {
            PgConnection::establish(&self.url).map(DbConnection::Postgres)
        } else {
            SqliteConnection::establish(sqlite_path(&self.url)).map(DbConnection::Sqlite)
        };
        conn.map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        std::thread::panicking() || conn.is_broken()
    }
}

/// Settings every SQLite connection needs: the schema's foreign keys are only enforced with
/// `foreign_keys = ON`; WAL lets readers run beside a writer; `synchronous = FULL` syncs the WAL
/// at every commit, so that an acknowledged write survives a power cut as well as a killed
/// process (NORMAL would survive only the latter; FULL cost about 0.05 ms a commit on the
/// project's machine); `busy_timeout` makes a writer wait for another instead of failing at
/// once; `cache_size` is the connection's page cache (`PHOIHOP_PAGE_CACHE_MB`). PostgreSQL needs
/// none.
#[derive(Debug)]
struct ConnectionSetup {
    page_cache_kib: u64,
}

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        match conn {
            DbConnection::Sqlite(c) => c
                .batch_execute(&format!(
                    "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                     PRAGMA busy_timeout = 5000; PRAGMA cache_size = -{};",
                    self.page_cache_kib
                ))
                .map_err(diesel::r2d2::Error::QueryError),
            DbConnection::Postgres(_) => Ok(()),
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

/// Opens the pool for the configured database and brings its schema up to date. A PostgreSQL
/// server that is not reachable yet is waited for, saying so, up to `startup_wait_secs`.
pub fn connect(config: &Config) -> Result<DbPool, SetupError> {
    let url = redacted(&config.database_url);
    let pool = pool_of(config, config.pool_size);
    // A server may be starting or restarting; a SQLite file that cannot be opened will not become openable.
    let wait = if is_postgres(&config.database_url) { config.startup_wait_secs } else { 0 };
    let deadline = Instant::now() + Duration::from_secs(wait);
    let mut conn = loop {
        match pool.get() {
            Ok(conn) => break conn,
            Err(e) if Instant::now() < deadline => {
                tracing::warn!("database {url} is not reachable ({e}); trying again");
                std::thread::sleep(Duration::from_secs(1));
            }
            Err(e) => return Err(SetupError(format!("cannot open database {url}: {e}"))),
        }
    };
    migrate(&mut conn)?;
    refresh_statistics(&mut conn);
    let unwritable = match (file::can_write(&mut conn), file::FileIdentity::of(&config.database_url)) {
        (Err(why), _) => Some(why),
        (Ok(()), Some(found)) => found.check().err().map(|p| format!("{p:?}").to_lowercase()),
        (Ok(()), None) => None,
    };
    match unwritable {
        Some(why) if !config.read_only => Err(SetupError(format!(
            "database {url} cannot be written ({why}); to serve it read-only, set PHOIHOP_READ_ONLY=true"
        ))),
        _ => Ok(pool),
    }
}

/// A pool of `size` connections to the configured database, opened at once (a SQLite file is
/// then held open: one removed under the server is not silently made anew by a late connection).
pub(crate) fn pool_of(config: &Config, size: u32) -> DbPool {
    Pool::builder()
        .max_size(size)
        .connection_timeout(Duration::from_secs(config.pool_timeout_secs))
        .connection_customizer(Box::new(ConnectionSetup { page_cache_kib: u64::from(config.page_cache_mb) * 1024 }))
        .build_unchecked(Manager { url: config.database_url.clone() })
}

/// Applies every pending migration of the connection's backend.
pub fn migrate(conn: &mut DbConnection) -> Result<(), SetupError> {
    let failed = |e: &dyn std::fmt::Display| SetupError(format!("migration failed: {e}"));
    match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()).map_err(|e| failed(&e)),
        DbConnection::Postgres(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).map_err(|e| failed(&e))?;
            let done = c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()).map_err(|e| failed(&e));
            let unlocked = c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"));
            done.and(unlocked.map_err(|e| failed(&e)))
        }
    }
}

/// Brings SQLite's statistics for the query planner up to date where the tables changed much
/// since they were taken (`PRAGMA optimize`):
/// without them it takes a condition over six kinds for one that picks out a handful. Left
/// alone when the file cannot be written; PostgreSQL keeps its own (autovacuum).
fn refresh_statistics(conn: &mut DbConnection) {
    if let DbConnection::Sqlite(c) = conn {
        if let Err(e) = c.batch_execute("PRAGMA optimize = 0x10002;") {
            tracing::debug!("planner statistics not refreshed: {e}");
        }
    }
}

/// `sqlite://path` and `sqlite:path` are accepted besides a plain path.
pub(crate) fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url)
}

/// Runs `work` in one write transaction, committed only when it succeeds.
pub fn transaction<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    transaction_if(conn, work, |_| true)
}

/// Runs `work` in one write transaction, committed only when it succeeds and `keep` says so of
/// its answer (an import whose report lists errors is answered, and undone).
pub fn transaction_if<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, ApiError>,
    keep: impl FnOnce(&T) -> bool,
) -> Result<T, ApiError> {
    begin_write(conn)?;
    match work(conn) {
        Ok(done) if !keep(&done) => {
            <DbConnection as TransactionManager<DbConnection>>::rollback_transaction(conn)?;
            Ok(done)
        }
        Ok(done) => {
            <DbConnection as TransactionManager<DbConnection>>::commit_transaction(conn)?;
            Ok(done)
        }
        Err(e) => {
            <DbConnection as TransactionManager<DbConnection>>::rollback_transaction(conn)?;
            Err(e)
        }
    }
}

/// Opens a transaction that takes the write lock at once. SQLite's default deferred BEGIN would
/// take it at the first write, and two such writers can each hold a read lock and wait on the
/// other: one fails with SQLITE_BUSY at once, which no busy_timeout waits out. On PostgreSQL the
/// transaction takes [`WRITE_LOCK`] for the same one-writer-at-a-time order.
pub(crate) fn begin_write(conn: &mut DbConnection) -> diesel::QueryResult<()> {
    match conn {
        DbConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE"),
        DbConnection::Postgres(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN")?;
            let locked = c.batch_execute(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"));
            if locked.is_err() {
                let _ = <PgConnection as Connection>::TransactionManager::rollback_transaction(c);
            }
            locked
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend_and_hide_passwords() {
        assert!(is_postgres("postgres://phoihop@db/phoihop") && is_postgres("postgresql://db/phoihop"));
        assert!(!is_postgres("phoihop.db") && !is_postgres("sqlite://phoihop.db"));
        assert_eq!(redacted("postgres://phoihop:s3cr:et@db:5432/phoihop"), "postgres://phoihop:***@db:5432/phoihop");
        assert_eq!(redacted("postgres://phoihop@db/phoihop"), "postgres://phoihop@db/phoihop");
        assert_eq!(redacted("/srv/phoihop.db"), "/srv/phoihop.db");
    }

    #[test]
    fn a_sqlite_file_that_cannot_be_opened_fails_at_once() {
        let started = Instant::now();
        let mut config = Config::new("/nonexistent/dir/phoihop.db");
        config.pool_timeout_secs = 1;
        let refused = connect(&config).expect_err("no such directory");
        assert!(refused.0.starts_with("cannot open database /nonexistent/dir/phoihop.db"), "{refused}");
        assert!(started.elapsed() < Duration::from_secs(5), "not the 30 s a PostgreSQL server is waited for");
    }
}
