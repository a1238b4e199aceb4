//! The `phoihop` command: serve the registry, bring a database's schema up to date, load the demo.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use phoihop::{build, db, demo, Config};

#[derive(Parser)]
#[command(name = "phoihop", version, about = "A registry of coordination agreements (phối hợp)")]
struct Cli {
    /// The database: a SQLite file path. Created with its tables on first use.
    #[arg(long, env = "DATABASE_URL", default_value = phoihop::config::DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the REST API (address and port from ROCKET_ADDRESS / ROCKET_PORT, default 127.0.0.1:8000).
    Serve {
        /// Load the demo data (the five seed articles) first, if the database is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Create the database or apply pending migrations, then exit.
    Migrate,
    /// Load the demo data into an empty database, then exit.
    Demo,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => return fail(&e),
    };
    config.database_url = cli.database_url;
    let result = match cli.command {
        Command::Migrate => db::connect(&config).map(|_| println!("database {} is up to date", config.database_url)),
        Command::Demo => load_demo(&config),
        Command::Serve { demo } => {
            if demo {
                if let Err(e) = load_demo(&config) {
                    return fail(&e.to_string());
                }
            }
            return serve(config);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}

fn load_demo(config: &Config) -> Result<(), db::SetupError> {
    let pool = db::connect(config)?;
    let mut conn = pool.get().map_err(|e| db::SetupError(e.to_string()))?;
    match demo::load(&mut conn).map_err(|e| db::SetupError(e.to_string()))? {
        Some(loaded) => println!(
            "demo loaded into {}: {} localities, {} organizations, {} directives, {} events",
            config.database_url, loaded.localities, loaded.organizations, loaded.directives, loaded.signing_events
        ),
        None => println!("{} already holds records; demo not loaded again", config.database_url),
    }
    Ok(())
}

fn serve(config: Config) -> ExitCode {
    match rocket::execute(build(config).launch()) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("phoihop: {message}");
    ExitCode::FAILURE
}
