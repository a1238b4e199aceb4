//! What a long job (generating a registry, a backup, a restore; imports and exports to come)
//! tells as it goes: the stage it is in and, where it can count, how far along it is. The job
//! only reports; a face shows it (the command line draws a bar on a terminal and writes a line
//! per stage otherwise).

/// The stages of the long jobs, each with its words in `messages::labels`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Localities, organizations and directives of a generated registry.
    Places,
    /// Signing events and agreements of a generated registry (counted in agreements).
    Agreements,
    /// The statistics the query planner reads.
    Statistics,
    /// A consistent copy of the database.
    Snapshot,
    /// Reading a backup through, to see that it is whole and is a registry.
    Check,
    /// Bringing a copy of the backup up to this version's schema.
    Migrate,
    /// Bringing the database's schema up to this version (a large registry's can take minutes).
    Schema,
    /// Putting the registry back, table by table (counted in tables).
    Replace,
    /// Reading an import's file.
    ImportRead,
    /// An import's rows, read, matched and written (counted in rows).
    ImportRows,
}

pub trait Progress {
    /// A stage begins; `total` is how many units it counts, when it can know.
    fn stage(&mut self, stage: Stage, total: Option<u64>);
    /// So many units of the stage are done.
    fn advance(&mut self, done: u64);
    /// The job is over.
    fn finish(&mut self) {}
}

/// Tells no one: for tests and callers that need no progress.
pub struct Silent;

impl Progress for Silent {
    fn stage(&mut self, _: Stage, _: Option<u64>) {}
    fn advance(&mut self, _: u64) {}
}
