//! The SQLite file a server opened, watched: a file deleted, replaced or made read-only under a
//! running server would otherwise go on taking writes into an unlinked inode, acknowledged and
//! then gone at the next restart.

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use diesel::connection::SimpleConnection;

use crate::db::DbConnection;

/// Which file a SQLite database is: its path and the device and inode it had when opened.
#[derive(Debug, Clone)]
pub struct FileIdentity {
    path: PathBuf,
    device: u64,
    inode: u64,
}

/// What is wrong with the database file now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Gone,
    Replaced,
    ReadOnly,
}

impl FileIdentity {
    /// The file behind a SQLite URL (a path, `sqlite://path` or a `file:` URI), as it is now;
    /// `None` for an in-memory database or one that does not exist.
    pub fn of(url: &str) -> Option<FileIdentity> {
        let path = super::sqlite_path(url);
        let path = path.strip_prefix("file:").map_or(path, |p| p.split('?').next().unwrap_or(p));
        let meta = std::fs::metadata(path).ok()?;
        Some(FileIdentity { path: PathBuf::from(path), device: meta.dev(), inode: meta.ino() })
    }

    /// Whether the file is still the one opened, and writable.
    pub fn check(&self) -> Result<(), FileProblem> {
        let meta = std::fs::metadata(&self.path).map_err(|_| FileProblem::Gone)?;
        if (meta.dev(), meta.ino()) != (self.device, self.inode) {
            return Err(FileProblem::Replaced);
        }
        if meta.permissions().readonly() {
            return Err(FileProblem::ReadOnly);
        }
        Ok(())
    }
}

/// Whether the connection can write its database. On SQLite, a schema change begun and rolled
/// back, which a file opened read-only (`mode=ro`, a read-only mount) refuses; on PostgreSQL,
/// whether its transactions are read-only (a standby, `default_transaction_read_only`).
pub fn can_write(conn: &mut DbConnection) -> Result<(), String> {
    let probe = match conn {
        DbConnection::Sqlite(c) => {
            c.batch_execute("BEGIN IMMEDIATE; CREATE TABLE phoihop_write_probe (x INTEGER); ROLLBACK;")
        }
        DbConnection::Postgres(c) => c.batch_execute(
            "DO $$ BEGIN IF current_setting('transaction_read_only') = 'on' THEN \
             RAISE EXCEPTION 'transactions are read-only here'; END IF; END $$;",
        ),
    };
    match probe {
        Ok(()) => Ok(()),
        // Another writer holds the lock (a server, a restore): the database is writable, just busy.
        Err(e) if e.to_string().contains("locked") => Ok(()),
        Err(e) => {
            if let DbConnection::Sqlite(c) = conn {
                let _ = c.batch_execute("ROLLBACK;");
            }
            Err(e.to_string())
        }
    }
}
