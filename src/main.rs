//! The `phoihop` command: serve the registry, bring a database's schema up to date, load the demo.

use std::process::ExitCode;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use phoihop::auth::Actor;
use phoihop::messages::Lang;
use phoihop::models::enums::Role;
use phoihop::models::page::Page;
use phoihop::models::token::{self, TokenInput};
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
    /// Manage API tokens (the first admin token is made here).
    Token {
        #[command(subcommand)]
        action: TokenCommand,
    },
    /// Write a consistent copy of the (SQLite) database to a new file, while the server runs.
    Backup { file: PathBuf },
    /// Put the (SQLite) registry back as a backup holds it, keeping tokens, the audit trail and
    /// id floors; safe while servers run, and audited.
    Restore { file: PathBuf },
    /// Fill an empty database with a generated national registry, for benchmarks (bench/run).
    BenchData {
        /// How many agreements (with their events, parties and directives).
        #[arg(long)]
        agreements: usize,
        /// The same seed and size give the same registry.
        #[arg(long, default_value_t = phoihop::bench_data::DEFAULT_SEED)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Make a token and print its secret (shown this once; only its hash is stored).
    Create {
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["viewer", "editor", "admin"])]
        role: String,
        /// For an editor: the id of the locality it may write in (and everything inside it).
        #[arg(long)]
        locality: Option<i64>,
    },
    /// List every token (never their secrets).
    List,
    /// Revoke a token by name: it stops working at once.
    Revoke {
        #[arg(long)]
        name: String,
    },
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
        Command::Token { action } => tokens(&config, action),
        Command::Backup { file } => phoihop::backup::backup(&config.database_url, &file)
            .map(|()| println!("backup of {} written to {}", db::redacted(&config.database_url), file.display())),
        Command::Restore { file } => phoihop::backup::restore(&config.database_url, &file).map(|done| {
            println!("{} restored from {}", db::redacted(&config.database_url), file.display());
            if !done.kept_localities.is_empty() {
                println!("localities kept because tokens are limited to them: {:?}", done.kept_localities);
            }
            if done.dropped_keys > 0 {
                println!("idempotency keys dropped with the records they created: {}", done.dropped_keys);
            }
        }),
        Command::BenchData { agreements, seed } => bench_data(&config, agreements, seed),
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

fn bench_data(config: &Config, agreements: usize, seed: u64) -> Result<(), db::SetupError> {
    let pool = db::connect(config)?;
    let mut conn = pool.get().map_err(|e| db::SetupError(e.to_string()))?;
    let started = std::time::Instant::now();
    let made = phoihop::bench_data::generate(&mut conn, agreements, seed).map_err(|e| db::SetupError(e.0))?;
    println!(
        "{}: {} localities, {} organizations, {} directives, {} signing events, {} agreements, {} parties in {:.1} s",
        db::redacted(&config.database_url),
        made.localities,
        made.organizations,
        made.directives,
        made.signing_events,
        made.agreements,
        made.parties,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The operator at the command line, as the audit trail names them.
const OPERATOR: &str = "phoihop token (command line)";

fn tokens(config: &Config, action: TokenCommand) -> Result<(), db::SetupError> {
    let pool = db::connect(config)?;
    let mut conn = pool.get().map_err(|e| db::SetupError(e.to_string()))?;
    let refused = |e: phoihop::error::ApiError| {
        let problem = e.to_problem(Lang::En);
        let fields: Vec<String> = problem.errors.iter().map(|f| format!("{}: {}", f.field, f.message)).collect();
        db::SetupError(format!("{} {}", problem.detail, fields.join("; ")))
    };
    let operator = Actor::operator(OPERATOR);
    match action {
        TokenCommand::Create { name, role, locality } => {
            let role = Role::parse(&role).ok_or_else(|| db::SetupError(format!("no role {role}")))?;
            let input = TokenInput { name, role, locality_id: locality };
            let made = db::transaction(&mut conn, |c| token::create(c, &operator, input)).map_err(refused)?;
            eprintln!(
                "token {:?} ({}) made; its secret follows, shown this once. Send it as Authorization: Bearer <secret>.",
                made.token.name, made.token.role
            );
            println!("{}", made.secret);
        }
        TokenCommand::List => {
            let all = token::list(&mut conn, Page { limit: i64::MAX, offset: 0 }).map_err(refused)?;
            for t in all.items {
                let scope = t.locality_id.map_or("everywhere".to_string(), |l| format!("locality {l}"));
                let state = t.revoked_at.map_or("active".to_string(), |at| format!("revoked {at}"));
                println!("{}\t{}\t{}\t{scope}\t{state}", t.id, t.name, t.role);
            }
        }
        TokenCommand::Revoke { name } => {
            let found = token::named(&mut conn, &name).map_err(refused)?;
            let found = found.ok_or_else(|| db::SetupError(format!("no token named {name:?}")))?;
            db::transaction(&mut conn, |c| token::revoke(c, &operator, found.id)).map_err(refused)?;
            println!("token {name:?} revoked");
        }
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
