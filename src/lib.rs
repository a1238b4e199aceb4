//! phoihop: a registry of coordination agreements (phối hợp) for people-to-people diplomacy work.
//!
//! [`build`] makes the Rocket that `phoihop serve` runs and that every test drives.

pub mod api;
pub mod auth;
pub mod backup;
pub mod bench_data;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod export;
pub mod import;
pub mod intake;
pub mod messages;
pub mod models;
pub mod progress;
pub mod registry;
pub mod symbol;
pub mod text;
pub mod web;

use rocket::{Build, Rocket};

pub use config::Config;

/// The registry: its database (opened and migrated on ignition), its routes and its error catchers.
pub fn build(config: Config) -> Rocket<Build> {
    // The `Server` header names no framework: it tells an attacker which bugs to try.
    let mut figment = rocket::Config::figment().merge(("ident", false));
    // A registration form holds a ceremony's agreements, each with long texts; percent-encoded,
    // Vietnamese takes up to nine bytes a letter. `ROCKET_LIMITS` still decides when set.
    figment = figment.join(("limits.form", "2 MiB"));
    // An import's file: 10,000 rows of the widest sheet are a few megabytes, as a request's body
    // (the API) or as a form's file (the page).
    figment = figment.join(("limits.file", "32 MiB")).join(("limits.data-form", "33 MiB"));
    // The registry writes its own log (api::log): a line a request, refusals in words. Rocket's
    // own (its launch banner, a debug dump of every refused guard) only when asked for.
    if std::env::var_os("ROCKET_LOG_LEVEL").is_none() {
        figment = figment.merge(("log_level", rocket::config::LogLevel::Off));
    }
    let (api, web) = (api::stage(&config), web::stage(&config));
    rocket::custom(figment).attach(db::stage(config)).attach(api).attach(web)
}
