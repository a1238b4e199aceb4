//! `phoihop user …`: the people who sign in to the web pages, made and managed at the command
//! line (the first admin is made here; later ones also on the admins' page). A password is read
//! from the terminal without echo, or, when standard input is not a terminal, from its first
//! line, so that scripts can make users; it is never printed or logged.

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;

use super::{connection, refusal, Holder};
use crate::auth::Actor;
use crate::messages::cli::Say;
use crate::messages::Lang;
use crate::models::user;
use crate::{db, Config};

/// Who the audit trail says acted, for these commands.
const OPERATOR: &str = "phoihop user (command line)";

#[derive(Subcommand)]
pub(super) enum UserCommand {
    Create {
        #[command(flatten)]
        holder: Holder,
    },
    Password {
        name: String,
    },
    Disable {
        name: String,
    },
    List,
}

pub(super) fn run(config: &Config, action: UserCommand, lang: Lang) -> Result<(), db::SetupError> {
    let mut conn = connection(config)?;
    let operator = Actor::operator(OPERATOR);
    match action {
        UserCommand::Create { holder } => {
            let role = holder.role(lang)?;
            let password = read_password(lang)?;
            let (name, locality) = (holder.name, holder.locality);
            let made = db::transaction(&mut conn, |c| user::create(c, &operator, &name, &password, role, locality))
                .map_err(|e| refusal(e, lang))?;
            put!("{}", Say::UserMade(made.name, made.role.as_str().to_string()).text(lang));
        }
        UserCommand::Password { name } => {
            let password = read_password(lang)?;
            let changed = db::transaction(&mut conn, |c| user::set_password(c, &operator, &name, &password))
                .map_err(|e| refusal(e, lang))?;
            put!("{}", Say::PasswordSet(changed.name).text(lang));
        }
        UserCommand::Disable { name } => {
            let done =
                db::transaction(&mut conn, |c| user::disable(c, &operator, &name)).map_err(|e| refusal(e, lang))?;
            put!("{}", Say::UserDisabled(done.name).text(lang));
        }
        UserCommand::List => {
            put!("{}", Say::UsersHeader.text(lang));
            for u in user::list(&mut conn).map_err(|e| refusal(e, lang))? {
                let scope = u.locality_id.map_or(Say::Everywhere, Say::InLocality).text(lang);
                let state = u.disabled_at.map_or(Say::Active, |at| Say::DisabledAt(at.to_string())).text(lang);
                put!("{}\t{}\t{}\t{scope}\t{state}", u.id, u.name, u.role.as_str());
            }
        }
    }
    Ok(())
}

/// The password: typed at a terminal (not shown), or the first line of standard input.
fn read_password(lang: Lang) -> Result<String, db::SetupError> {
    let read = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(Say::PasswordPrompt.text(lang))
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map(|_| line.trim_end_matches(['\r', '\n']).to_string())
    };
    read.map_err(|e| db::SetupError(e.to_string()))
}

/// At start-up, when no one can sign in yet: how to make the first admin (in the log, which may
/// be JSON lines).
pub(super) fn tell_first_user(config: &Config, lang: Lang) {
    let none = connection(config).ok().and_then(|mut c| user::any(&mut c).ok()).is_some_and(|any| !any);
    if none {
        tracing::warn!("{}", Say::FirstUser.text(lang));
    }
}
