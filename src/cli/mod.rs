//! The `phoihop` command: serve the registry, bring a database's schema up to date, load the
//! demo, manage tokens, back up and restore. It speaks the registry's language: Vietnamese by
//! default, English when `LC_ALL` or `LANG` names an English locale or `--lang en` is given.

mod help;
mod progress;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::auth::Actor;
use crate::messages::cli::Say;
use crate::messages::Lang;
use crate::models::enums::Role;
use crate::models::page::Page;
use crate::models::token::{self, TokenInput};
use crate::progress::{Progress, Stage};
use crate::{build, db, demo, Config};
use progress::Shown;

#[derive(Parser)]
#[command(
    name = "phoihop",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub(crate) struct Cli {
    #[arg(long, env = "DATABASE_URL", default_value = crate::config::DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    lang: Option<String>,
    #[arg(short, long, action = ArgAction::Help, global = true)]
    help: Option<bool>,
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Serve {
        #[arg(long)]
        demo: bool,
    },
    Migrate,
    Demo,
    Token {
        #[command(subcommand)]
        action: TokenCommand,
    },
    User {
        #[command(subcommand)]
        action: users::UserCommand,
    },
    Backup {
        file: PathBuf,
    },
    Restore {
        file: PathBuf,
    },
    Intake(intake::IntakeArgs),
    Import(import::ImportArgs),
    BenchData {
        #[arg(long)]
        agreements: usize,
        #[arg(long, default_value_t = crate::bench_data::DEFAULT_SEED)]
        seed: u64,
    },
}

/// Who a token or a user is: a name, a role and, for an editor, a locality.
#[derive(clap::Args)]
struct Holder {
    #[arg(long)]
    name: String,
    #[arg(long, value_parser = ["viewer", "editor", "admin"])]
    role: String,
    #[arg(long)]
    locality: Option<i64>,
}

impl Holder {
    fn role(&self, lang: Lang) -> Result<Role, db::SetupError> {
        Role::parse(&self.role).ok_or_else(|| db::SetupError(Say::NoSuchRole(self.role.clone()).text(lang)))
    }
}

#[derive(Subcommand)]
enum TokenCommand {
    Create {
        #[command(flatten)]
        holder: Holder,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Revoke {
        #[arg(long)]
        name: String,
    },
}

/// A line on standard output; a reader that went away (`phoihop token list | head`) is no error.
macro_rules! put {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod import;
mod intake;
mod users;

/// The language to speak: `--lang` if given, else the locale's (`LC_ALL`, then `LC_MESSAGES`,
/// then `LANG`): English for `en_*`, Vietnamese otherwise (`C` and `C.UTF-8` included).
fn language(args: &[String]) -> Lang {
    let flag = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_string),
        None => None,
    });
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|v| std::env::var(v).ok().filter(|l| !l.is_empty()));
    match flag.or(locale) {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// Runs the command line.
pub fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let lang = language(&args);
    let matches = help::localize(Cli::command(), "", lang).get_matches_from(&args);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let mut config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => return fail(&e),
    };
    config.database_url = cli.database_url;
    let url = db::redacted(&config.database_url);
    let say = |s: Say| put!("{}", s.text(lang));
    let result = match cli.command {
        Command::Migrate => {
            let mut progress = Shown::new(lang);
            progress.stage(Stage::Schema, None);
            let done = db::connect(&config);
            progress.finish();
            done.map(|_| say(Say::UpToDate(url)))
        }
        Command::Demo => load_demo(&config, lang),
        Command::Token { action } => tokens(&config, action, lang),
        Command::User { action } => users::run(&config, action, lang),
        Command::Backup { file } => crate::backup::backup(&config.database_url, &file, &mut Shown::new(lang))
            .map(|()| say(Say::BackupWritten(url, file.display().to_string()))),
        Command::Restore { file } => {
            crate::backup::restore(&config.database_url, &file, &mut Shown::new(lang)).map(|done| {
                say(Say::Restored(url, file.display().to_string()));
                if !done.kept_localities.is_empty() {
                    say(Say::KeptLocalities(format!("{:?}", done.kept_localities)));
                }
                if done.dropped_keys > 0 {
                    say(Say::DroppedKeys(done.dropped_keys));
                }
            })
        }
        Command::Intake(args) => intake::run(&config, args, lang),
        Command::Import(args) => match import::run(&config, args, lang) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
        Command::BenchData { agreements, seed } => bench_data(&config, agreements, seed, lang),
        Command::Serve { demo } => {
            if demo {
                if let Err(e) = load_demo(&config, lang) {
                    return fail(&e.to_string());
                }
                // The demo is there to be looked at: its pages and answers are public unless
                // PHOIHOP_PUBLIC_READ says otherwise.
                if std::env::var_os("PHOIHOP_PUBLIC_READ").is_none() {
                    config.public_read = true;
                }
            }
            return serve(config, lang);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e.to_string()),
    }
}

fn connection(config: &Config) -> Result<db::PooledConn, db::SetupError> {
    db::connect(config)?.get().map_err(|e| db::SetupError(e.to_string()))
}

fn load_demo(config: &Config, lang: Lang) -> Result<(), db::SetupError> {
    let mut conn = connection(config)?;
    let url = db::redacted(&config.database_url);
    let said = match demo::load(&mut conn).map_err(|e| db::SetupError(e.to_string()))? {
        Some(loaded) => Say::DemoLoaded {
            url,
            localities: loaded.localities,
            organizations: loaded.organizations,
            directives: loaded.directives,
            events: loaded.signing_events,
        },
        None => Say::DemoPresent(url),
    };
    put!("{}", said.text(lang));
    Ok(())
}

fn bench_data(config: &Config, agreements: usize, seed: u64, lang: Lang) -> Result<(), db::SetupError> {
    let mut conn = connection(config)?;
    let started = std::time::Instant::now();
    let made = crate::bench_data::generate(&mut conn, agreements, seed, &mut Shown::new(lang))
        .map_err(|e| db::SetupError(e.0))?;
    let summary = format!(
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
    put!("{}", Say::Generated(summary).text(lang));
    Ok(())
}

/// The operator at the command line, as the audit trail names them.
const OPERATOR: &str = "phoihop token (command line)";

fn tokens(config: &Config, action: TokenCommand, lang: Lang) -> Result<(), db::SetupError> {
    let mut conn = connection(config)?;
    let refused = |e| refusal(e, lang);
    let operator = Actor::operator(OPERATOR);
    match action {
        TokenCommand::Create { holder } => {
            let input = TokenInput { role: holder.role(lang)?, name: holder.name, locality_id: holder.locality };
            let made = db::transaction(&mut conn, |c| token::create(c, &operator, input)).map_err(refused)?;
            eprintln!("{}", Say::TokenMade(made.token.name.clone(), made.token.role.as_str().to_string()).text(lang));
            put!("{}", made.secret);
        }
        TokenCommand::List { json } => {
            let all = token::list(&mut conn, Page { limit: i64::MAX, offset: 0 }).map_err(refused)?;
            if json {
                put!("{}", serde_json::to_string_pretty(&all.items).unwrap_or_default());
                return Ok(());
            }
            put!("{}", Say::TokensHeader.text(lang));
            for t in all.items {
                let scope = t.locality_id.map_or(Say::Everywhere, Say::InLocality).text(lang);
                let state = t.revoked_at.map_or(Say::Active, |at| Say::RevokedAt(at.to_string())).text(lang);
                put!("{}\t{}\t{}\t{scope}\t{state}", t.id, t.name, t.role.as_str());
            }
        }
        TokenCommand::Revoke { name } => {
            let found = token::named(&mut conn, &name).map_err(refused)?;
            let found = found.ok_or_else(|| db::SetupError(Say::NoSuchToken(name.clone()).text(lang)))?;
            db::transaction(&mut conn, |c| token::revoke(c, &operator, found.id)).map_err(refused)?;
            put!("{}", Say::TokenRevoked(name).text(lang));
        }
    }
    Ok(())
}

/// A refused change, as the command line says it: the detail, then what each field adds to it
/// (a duplicate's field says the same again).
fn refusal(e: crate::error::ApiError, lang: Lang) -> db::SetupError {
    let problem = e.to_problem(lang);
    let mut lines = vec![problem.detail.clone()];
    lines.extend(
        problem.errors.iter().filter(|f| f.message != problem.detail).map(|f| format!("{}: {}", f.field, f.message)),
    );
    db::SetupError(lines.join(" "))
}

fn serve(config: Config, lang: Lang) -> ExitCode {
    crate::api::log::start();
    users::tell_first_user(&config, lang);
    // Database work runs on blocking threads, each holding a connection or waiting for one: a
    // few more threads than connections keep every connection busy. Rocket's default (512) lets
    // a burst of questions start hundreds of threads, each with its own memory, that only wait.
    let blocking = config.pool_size as usize + 8;
    let runtime = rocket::tokio::runtime::Builder::new_multi_thread()
        .thread_name("phoihop")
        .max_blocking_threads(blocking)
        .enable_all()
        .build();
    match runtime.map_err(|e| e.to_string()).and_then(|r| r.block_on(build(config).launch()).map_err(|e| e.to_string()))
    {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("phoihop: {message}");
    ExitCode::FAILURE
}
