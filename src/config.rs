//! Settings from the environment. Rocket reads its own (`ROCKET_PORT`, `ROCKET_ADDRESS`, …) from
//! the environment and Rocket.toml; these are the registry's.

/// The database file used when `DATABASE_URL` is not set: in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "phoihop.db";

#[derive(Debug, Clone)]
pub struct Config {
    /// A SQLite file path (or `sqlite://path`), created with its tables on first start; or a
    /// PostgreSQL URL (`postgres://user:password@host:port/database`), whose tables are created
    /// on first start in an existing database.
    pub database_url: String,
    /// Connections for reading (`PHOIHOP_POOL_SIZE`). On SQLite, twice the cores the server may
    /// run on: its readers work on this machine's cores, and more of them only split the cores
    /// and the page cache thinner. On PostgreSQL, 8: its work is on the server's side.
    pub pool_size: u32,
    /// Megabytes of page cache for each SQLite connection (`PHOIHOP_PAGE_CACHE_MB`).
    pub page_cache_mb: u32,
    /// How long a request waits for a free connection before it is answered 503.
    pub pool_timeout_secs: u64,
    /// How long start-up waits for a database server that is not reachable yet.
    pub startup_wait_secs: u64,
    /// Whether reads need no token (`PHOIHOP_PUBLIC_READ=true`, or `public_read = true` in
    /// Rocket.toml). Writes always need one.
    pub public_read: bool,
    /// Megabytes of answers kept in memory between changes (`PHOIHOP_CACHE_MB`; 0 keeps none).
    pub cache_mb: u64,
    /// Serve a database that cannot be written, answering every write 503 (`PHOIHOP_READ_ONLY`).
    /// Without it, start-up refuses such a database rather than fail each write later.
    pub read_only: bool,
    /// The registry's date: Vietnam's, unless `PHOIHOP_TODAY` (or a test) sets one.
    pub clock: crate::clock::Clock,
    /// Proxies in front of the server whose `X-Forwarded-For` names the client
    /// (`PHOIHOP_TRUSTED_PROXIES`, addresses separated by commas). Without one, the client is
    /// the connection's address, whatever a header says: a header is anyone's to write.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The kinds of organization a Front committee's member organizations are, for the gap
    /// report (`PHOIHOP_MEMBER_KINDS`, kinds separated by commas; docs/reports.md).
    pub member_kinds: Vec<crate::models::enums::OrganizationKind>,
}

impl Config {
    pub fn new(database_url: impl Into<String>) -> Self {
        let database_url = database_url.into();
        let pool_size = if crate::db::is_postgres(&database_url) { 8 } else { 2 * cores() };
        Config {
            database_url,
            pool_size,
            page_cache_mb: 4,
            trusted_proxies: Vec::new(),
            pool_timeout_secs: 30,
            startup_wait_secs: 30,
            public_read: false,
            cache_mb: 32,
            read_only: false,
            clock: crate::clock::Clock::system(),
            member_kinds: crate::models::report::MEMBER_KINDS.to_vec(),
        }
    }

    /// `DATABASE_URL`, `PHOIHOP_POOL_SIZE`, `PHOIHOP_PAGE_CACHE_MB`, `PHOIHOP_POOL_TIMEOUT_SECS`, `PHOIHOP_DB_WAIT_SECS`,
    /// `PHOIHOP_PUBLIC_READ`, `PHOIHOP_CACHE_MB`, `PHOIHOP_READ_ONLY`, `PHOIHOP_MEMBER_KINDS` and `PHOIHOP_TODAY`, with
    /// defaults.
    pub fn from_env() -> Result<Self, String> {
        let mut config =
            Config::new(std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string()));
        if let Some(size) = positive("PHOIHOP_POOL_SIZE")? {
            config.pool_size = u32::try_from(size).map_err(|_| "PHOIHOP_POOL_SIZE is too large".to_string())?;
        }
        if let Some(mb) = positive("PHOIHOP_PAGE_CACHE_MB")? {
            config.page_cache_mb = u32::try_from(mb).map_err(|_| "PHOIHOP_PAGE_CACHE_MB is too large".to_string())?;
        }
        if let Some(secs) = positive("PHOIHOP_POOL_TIMEOUT_SECS")? {
            config.pool_timeout_secs = secs;
        }
        if let Some(secs) = positive("PHOIHOP_DB_WAIT_SECS")? {
            config.startup_wait_secs = secs;
        }
        if let Ok(text) = std::env::var("PHOIHOP_CACHE_MB") {
            config.cache_mb = text
                .trim()
                .parse()
                .map_err(|_| format!("PHOIHOP_CACHE_MB must be a number of megabytes, not {text:?}"))?;
        }
        config.public_read = flag("PHOIHOP_PUBLIC_READ")?;
        if let Ok(text) = std::env::var("PHOIHOP_TRUSTED_PROXIES") {
            config.trusted_proxies = text
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| a.parse().map_err(|_| format!("PHOIHOP_TRUSTED_PROXIES: {a:?} is not an IP address")))
                .collect::<Result<_, _>>()?;
        }
        config.read_only = flag("PHOIHOP_READ_ONLY")?;
        if let Ok(text) = std::env::var("PHOIHOP_MEMBER_KINDS") {
            use crate::models::enums::OrganizationKind;
            config.member_kinds = text
                .split(',')
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .map(|k| {
                    OrganizationKind::parse(k).ok_or_else(|| {
                        format!("PHOIHOP_MEMBER_KINDS: {k:?} is not one of {}", OrganizationKind::allowed())
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        if let Ok(text) = std::env::var("PHOIHOP_TODAY") {
            let date = crate::models::iso_date(text.trim())
                .ok_or_else(|| format!("PHOIHOP_TODAY must be a date as YYYY-MM-DD, not {text:?}"))?;
            config.clock = crate::clock::Clock::fixed(date);
        }
        Ok(config)
    }
}

/// The cores this process may run on (its CPU affinity), at least one.
fn cores() -> u32 {
    std::thread::available_parallelism().map_or(1, |n| u32::try_from(n.get()).unwrap_or(u32::MAX))
}

/// A true/false setting from the environment variable `name`; false when it is not set.
fn flag(name: &str) -> Result<bool, String> {
    match std::env::var(name) {
        Err(_) => Ok(false),
        Ok(v) => match v.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Ok(true),
            "false" | "0" | "no" | "" => Ok(false),
            _ => Err(format!("{name} must be true or false, not {v:?}")),
        },
    }
}

/// A positive integer from the environment variable `name`, if it is set.
fn positive(name: &str) -> Result<Option<u64>, String> {
    match std::env::var(name) {
        Err(_) => Ok(None),
        Ok(text) => text
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .map(Some)
            .ok_or_else(|| format!("{name} must be a positive integer, not {text:?}")),
    }
}
