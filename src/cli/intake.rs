//! `phoihop intake FILE`: an article read into a draft registration against the registry, printed
//! as the API answers it (JSON) or as a few lines for a person (`--summary`). Writes nothing.

use std::io::Read;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::connection;
use crate::db;
use crate::intake::draft::{DirectivePick, Intake, OrgPick};
use crate::messages::Lang;
use crate::registry::intake::{draft, Gazetteer, IntakeInput};
use crate::Config;

#[derive(clap::Args)]
pub(super) struct IntakeArgs {
    /// The article: a text or HTML file, or - for standard input.
    file: PathBuf,
    #[arg(long)]
    published_on: Option<NaiveDate>,
    #[arg(long)]
    source_url: Option<String>,
    #[arg(long)]
    summary: bool,
}

pub(super) fn run(config: &Config, args: IntakeArgs, lang: Lang) -> Result<(), db::SetupError> {
    let mut bytes = Vec::new();
    let read = if args.file.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(&args.file).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|e| db::SetupError(format!("{}: {e}", args.file.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| db::SetupError(format!("{}: not UTF-8", args.file.display())))?;
    let mut conn = connection(config)?;
    let input = IntakeInput { text, published_on: args.published_on, source_url: args.source_url };
    let intake = draft(&mut conn, &Gazetteer::default(), input).map_err(|e| db::SetupError(e.summary()))?;
    if args.summary {
        put!("{}", summary(&intake, lang));
    } else {
        put!("{}", serde_json::to_string_pretty(&intake).unwrap_or_default());
    }
    Ok(())
}

fn org(pick: &OrgPick, lang: Lang) -> String {
    match (pick.organization_id, &pick.proposed) {
        (Some(id), _) => format!("#{id} {}", pick.name),
        (None, Some(p)) => format!("{} → {} {}", pick.name, if lang == Lang::Vi { "tạo mới:" } else { "new:" }, p.name),
        (None, None) => format!("{} ({} ?)", pick.name, pick.candidates.len()),
    }
}

fn directive(pick: &DirectivePick, lang: Lang) -> String {
    let what = match pick.directive_id {
        Some(id) => format!("#{id} {}", pick.symbol),
        None => format!("{} ({})", pick.symbol, if lang == Lang::Vi { "chưa có trong sổ" } else { "not registered" }),
    };
    if pick.implements.is_empty() {
        what
    } else {
        format!("{what} ⇒ {}", pick.implements.join(", "))
    }
}

/// A few lines a person reads at a terminal: the event, each agreement with its parties and
/// directives, the directives on their own, and the notes.
fn summary(intake: &Intake, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut lines = Vec::new();
    let none = if vi { "—" } else { "-" };
    let d = &intake.draft;
    match d.kind {
        None => lines.push(if vi { "Không có sự kiện.".to_string() } else { "No event.".to_string() }),
        Some(kind) => {
            lines.push(format!("{} {}", kind.as_str(), d.title.as_deref().unwrap_or(none)));
            let held = d.held_on.map_or(none.to_string(), |h| h.to_string());
            let place = d.locality.as_ref().map_or(none.to_string(), |l| l.name.clone());
            lines.push(format!("  {held} · {place} · {}", d.host.as_ref().map_or(none.to_string(), |h| org(h, lang))));
            for (i, a) in d.agreements.iter().enumerate() {
                let period = a.period.map_or(none.to_string(), |p| format!("{}–{}", p.start_year, p.end_year));
                lines.push(format!("  [{}] {} {period}", i + 1, a.kind.as_str()));
                lines.extend(a.parties.iter().map(|p| format!("      {}", org(&p.organization, lang))));
                lines.extend(a.directives.iter().map(|p| format!("      § {}", directive(p, lang))));
            }
        }
    }
    lines.extend(d.directives.iter().map(|p| format!("  § {}", directive(p, lang))));
    lines.extend(intake.notes.iter().map(|n| format!("  ! {}", n.message)));
    lines.join("\n")
}
