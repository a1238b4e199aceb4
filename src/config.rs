//! Settings from the environment. Rocket reads its own (`ROCKET_PORT`, `ROCKET_ADDRESS`, …) from
//! the environment and Rocket.toml; these are the registry's.

/// The database file used when `DATABASE_URL` is not set: in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "phoihop.db";

#[derive(Debug, Clone)]
pub struct Config {
    /// A SQLite file path (or `sqlite://path`); created with its tables on first start.
    pub database_url: String,
    pub pool_size: u32,
    pub pool_timeout_secs: u64,
}

impl Config {
    pub fn new(database_url: impl Into<String>) -> Self {
        Config { database_url: database_url.into(), pool_size: 8, pool_timeout_secs: 5 }
    }

    /// `DATABASE_URL`, `PHOIHOP_POOL_SIZE` and `PHOIHOP_POOL_TIMEOUT_SECS`, with defaults.
    pub fn from_env() -> Result<Self, String> {
        let mut config =
            Config::new(std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string()));
        if let Ok(size) = std::env::var("PHOIHOP_POOL_SIZE") {
            config.pool_size = size
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("PHOIHOP_POOL_SIZE must be a positive integer, not {size:?}"))?;
        }
        if let Ok(secs) = std::env::var("PHOIHOP_POOL_TIMEOUT_SECS") {
            config.pool_timeout_secs = secs
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("PHOIHOP_POOL_TIMEOUT_SECS must be a positive integer, not {secs:?}"))?;
        }
        Ok(config)
    }
}
