//! The database as the server holds it: the read and write pools as Rocket managed state, the
//! turns readers and writers take, and the check that the SQLite file is still the one opened.

use std::time::Duration;

use diesel::connection::TransactionManager;
use diesel::r2d2::PooledConnection;
use diesel::RunQueryDsl;

use super::{
    begin_write, connect, file, is_postgres, pool_of, transaction_if, DbConnection, DbPool, Manager, SetupError,
};
use crate::clock::Clock;
use crate::config::Config;
use crate::error::{ApiError, Unavailable};

/// The pools as Rocket managed state; `run` moves blocking database work off the async workers.
pub struct Db {
    /// Connections for reading.
    pub pool: DbPool,
    /// The connection writes use. On SQLite it is a pool of its own: WAL lets one writer commit
    /// beside any number of readers, so a registration never waits for a connection behind the
    /// officials' questions. On PostgreSQL, the same pool as readers.
    writer: DbPool,
    /// The SQLite file as opened, checked before every write is committed and by `/ready`.
    pub file: Option<file::FileIdentity>,
    /// Set by `PHOIHOP_READ_ONLY`: every write is answered 503.
    pub read_only: bool,
    /// The registry's date, entered for every piece of work.
    pub clock: Clock,
    /// Writers of this server take turns here, first come first served, before they ask the
    /// database for its write lock. Left to SQLite, waiting writers poll with growing sleeps
    /// (`busy_timeout`): the lock sits free while they sleep, and an unlucky one waits seconds.
    writers: rocket::tokio::sync::Mutex<()>,
    /// Readers take turns here for the read pool's connections, first come first served, for
    /// up to `wait`. Left to the pool, the threads waiting for a connection are woken in no
    /// order, and under load an unlucky question waits many times as long as the others.
    readers: rocket::tokio::sync::Semaphore,
    wait: Duration,
}

impl Db {
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let turn = rocket::tokio::time::timeout(self.wait, self.readers.acquire())
            .await
            .map_err(|_| ApiError::unavailable(Unavailable::NoConnection))?
            .map_err(|_| ApiError::internal())?;
        let done = self.run_on(&self.pool, work).await;
        drop(turn);
        done
    }

    /// `work` on a read connection in a thread of its own, not awaited: an export writes its
    /// rows while the answer streams them out. It waits for a connection as the pool does,
    /// outside the readers' turns, which are for questions answered in one go.
    pub fn detach<F>(&self, work: F)
    where
        F: FnOnce(Result<&mut DbConnection, ApiError>) + Send + 'static,
    {
        let (pool, clock) = (self.pool.clone(), self.clock.clone());
        rocket::tokio::task::spawn_blocking(move || match pool.get() {
            Ok(mut conn) => clock.enter(|| work(Ok(&mut conn))),
            Err(_) => work(Err(ApiError::unavailable(Unavailable::NoConnection))),
        });
    }

    /// `work` on a connection of `pool`, waiting for one up to the pool's timeout
    /// (`PHOIHOP_POOL_TIMEOUT_SECS`): past it, the request is answered 503 with `Retry-After`.
    async fn run_on<T, F>(&self, pool: &DbPool, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let (pool, clock) = (pool.clone(), self.clock.clone());
        rocket::tokio::task::spawn_blocking(move || {
            let mut conn: PooledConnection<Manager> =
                pool.get().map_err(|_| ApiError::unavailable(Unavailable::NoConnection))?;
            clock.enter(|| work(&mut conn))
        })
        .await
        .map_err(|_| ApiError::internal())?
    }

    /// `run` inside one write transaction: a failed request writes nothing, and nothing is
    /// committed (so nothing acknowledged) unless the database file is still the one opened
    /// and writable.
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.write_if(work, |_| true).await
    }

    /// `write`, committed only when `keep` says so of the answer; else undone and answered.
    pub async fn write_if<T, F, K>(&self, work: F, keep: K) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
        K: FnOnce(&T) -> bool + Send + 'static,
    {
        if self.read_only {
            return Err(ApiError::unavailable(Unavailable::ReadOnly));
        }
        let _turn = self.writers.lock().await;
        file_in_place(self.file.as_ref())?;
        let file = self.file.clone();
        self.run_on(&self.writer, move |conn| {
            let work = move |c: &mut DbConnection| {
                let done = work(c)?;
                file_in_place(file.as_ref())?;
                Ok(done)
            };
            transaction_if(conn, work, keep)
        })
        .await
    }

    /// Runs `work` as a write that is always undone, for what it would answer: a page asks what
    /// a delete would meet (the records depending on one) before anyone confirms it.
    pub async fn rehearse<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, ApiError> + Send + 'static,
    {
        if self.read_only {
            return Err(ApiError::unavailable(Unavailable::ReadOnly));
        }
        let _turn = self.writers.lock().await;
        self.run_on(&self.writer, move |conn| {
            begin_write(conn)?;
            let answer = work(conn);
            <DbConnection as TransactionManager<DbConnection>>::rollback_transaction(conn)?;
            answer
        })
        .await
    }

    /// Whether the database answers and, for SQLite, is still the file opened and writable.
    pub async fn ready(&self) -> Result<(), ApiError> {
        file_in_place(self.file.as_ref())?;
        self.run(|conn| {
            diesel::sql_query("SELECT 1").execute(conn)?;
            Ok(())
        })
        .await
    }
}

fn file_in_place(file: Option<&file::FileIdentity>) -> Result<(), ApiError> {
    match file.map(file::FileIdentity::check) {
        Some(Err(problem)) => {
            tracing::error!("the database file is {problem:?}: writes are refused until it is put back");
            Err(ApiError::unavailable(Unavailable::FileLost))
        }
        _ => Ok(()),
    }
}

/// Opens the database when Rocket ignites; a database that cannot be opened stops the launch
/// with the reason.
pub fn stage(config: Config) -> rocket::fairing::AdHoc {
    rocket::fairing::AdHoc::try_on_ignite("Database", move |rocket| async move {
        let opened = move || {
            let pool = connect(&config)?;
            let (file, writer) = if is_postgres(&config.database_url) {
                (None, pool.clone())
            } else {
                (file::FileIdentity::of(&config.database_url), pool_of(&config, 1))
            };
            let (read_only, clock) = (config.read_only, config.clock.clone());
            Ok::<_, SetupError>(Db {
                pool,
                writer,
                file,
                read_only,
                clock,
                writers: Default::default(),
                readers: rocket::tokio::sync::Semaphore::new(config.pool_size as usize),
                wait: Duration::from_secs(config.pool_timeout_secs),
            })
        };
        match rocket::tokio::task::spawn_blocking(opened).await {
            Ok(Ok(db)) => Ok(rocket.manage(db)),
            Ok(Err(e)) => {
                tracing::error!("{e}");
                Err(rocket)
            }
            Err(_) => Err(rocket),
        }
    })
}
