//! `phoihop import FILE --resource …`: a spreadsheet into the registry as the command line's
//! operator, all or nothing, or its dry run; the report as lines for a person, or as JSON.

use std::path::PathBuf;

use super::connection;
use super::progress::Shown;
use crate::auth::Actor;
use crate::db;
use crate::import::report::Report;
use crate::import::{self, OnMatch, Options, Resource};
use crate::messages::Lang;
use crate::registry::intake::Gazetteer;
use crate::Config;

#[derive(clap::Args)]
pub(super) struct ImportArgs {
    /// The CSV or XLSX file.
    file: PathBuf,
    #[arg(long, value_parser = ["organizations", "directives", "agreements"])]
    resource: String,
    #[arg(long)]
    dry_run: bool,
    #[arg(long, value_parser = ["skip", "update"], default_value = "skip")]
    on_match: String,
    #[arg(long, value_parser = ["organizations"])]
    create_missing: Option<String>,
    #[arg(long)]
    json: bool,
}

/// The operator at the command line, as the audit trail names them.
const OPERATOR: &str = "phoihop import (command line)";

pub(super) fn run(config: &Config, args: ImportArgs, lang: Lang) -> Result<bool, db::SetupError> {
    let bytes = std::fs::read(&args.file).map_err(|e| db::SetupError(format!("{}: {e}", args.file.display())))?;
    let resource = Resource::parse(&args.resource).unwrap_or(Resource::Agreements);
    let options = Options {
        dry_run: args.dry_run,
        on_match: if args.on_match == "update" { OnMatch::Update } else { OnMatch::Skip },
        create_missing: args.create_missing.is_some(),
        version: None,
        lang,
    };
    let mut conn = connection(config)?;
    let operator = Actor::operator(OPERATOR);
    let mut progress = Shown::new(lang);
    let work = |c: &mut db::DbConnection| {
        let names = Gazetteer::default().names(c)?;
        import::run(c, &operator, names, resource, &bytes, &options, &mut progress)
    };
    let report =
        db::transaction_if(&mut conn, work, |r: &Report| r.committed).map_err(|e| db::SetupError(e.summary()))?;
    if args.json {
        put!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        put!("{}", summary(&report, lang));
    }
    Ok(report.is_clean())
}

/// The report for a person: the counts, then every error by row.
fn summary(report: &Report, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let (read, rows, new, same, differing, added, errors) = if vi {
        ("Đã đọc", "dòng", "tạo mới", "không đổi", "khác với sổ đăng ký", "tổ chức tạo thêm", "lỗi")
    } else {
        ("Read", "rows", "new", "unchanged", "differing from the registry", "organizations added", "errors")
    };
    let mut lines = vec![format!(
        "{read} {} {rows}: {} {new}, {} {same}, {} {differing}, {} {added}, {} {errors}.",
        report.rows,
        report.created.len(),
        report.unchanged.len(),
        report.differing.len(),
        report.proposed_organizations.len(),
        report.errors.len()
    )];
    for e in &report.errors {
        let column =
            e.column.as_deref().map(|c| format!(", {} \u{201c}{c}\u{201d}", if vi { "cột" } else { "column" }));
        lines.push(format!(
            "  {} {}{}: {}",
            if vi { "Dòng" } else { "Row" },
            e.row,
            column.unwrap_or_default(),
            e.message
        ));
    }
    lines.push(
        match (report.committed, vi) {
            (true, true) => "Đã ghi vào sổ đăng ký.",
            (true, false) => "Written to the registry.",
            (false, true) => "Chưa ghi gì vào sổ đăng ký.",
            (false, false) => "Nothing was written to the registry.",
        }
        .to_string(),
    );
    lines.join("\n")
}
