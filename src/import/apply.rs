//! Each row of a file through the registry service, in the caller's one transaction: read,
//! matched to the record it is by its natural key, then created, left, or changed. A row's own
//! work is undone when it fails (a savepoint), so that the rows after it meet the registry as
//! the file would leave it; every problem of every row is kept for the report.

use std::collections::HashMap;

use diesel::Connection;
use serde::Serialize;
use serde_json::Value;

use super::grid::{Grid, Row};
use super::layout::{Cells, Layout};
use super::report::Line;
use super::{Ctx, OnMatch};
use crate::db::DbConnection;
use crate::error::{ApiError, ApiResult};
use crate::export::table::Sheet;
use crate::messages::{Lang, Msg};
use crate::models::record::Record;
use crate::progress::Stage;
use crate::registry::{self, Expected};

/// Puts the file's value of each field over the registered one, where the file has the field's
/// column (a column and its field share their name).
macro_rules! from_file {
    ($registered:ident, $read:ident, $cells:ident, $($field:ident),+ $(,)?) => {
        $(if $cells.has(stringify!($field)) {
            $registered.$field = $read.$field;
        })+
    };
}
pub(super) use from_file;

/// What an import of one resource knows of its rows.
pub(super) trait Kind {
    type R: Record;
    /// The columns, as the resource's export writes them.
    fn sheet(lang: Lang) -> Sheet;
    /// Other names of columns (the API's nested field names).
    const ALIASES: &'static [(&'static str, &'static str)] = &[];
    /// The columns without which no row can be read.
    const REQUIRED: &'static [&'static str];
    /// The row as an input; what cannot be read is kept in `cells`.
    fn read(ctx: &mut Ctx, cells: &mut Cells) -> ApiResult<<Self::R as Record>::Input>;
    /// What makes two rows the same record, for the rows of one file.
    fn key(input: &<Self::R as Record>::Input) -> String;
    /// The registered record the input is, by the registry's rule for a duplicate.
    fn registered(conn: &mut DbConnection, input: &<Self::R as Record>::Input) -> ApiResult<Option<i64>>;
    /// A registered record's input with the values of the file's columns put over it.
    fn overlay(
        registered: <Self::R as Record>::Input,
        read: <Self::R as Record>::Input,
        cells: &Cells,
    ) -> <Self::R as Record>::Input;
    /// The column an error of the service's field is about.
    fn column(field: &str) -> &str;
    /// Whether a row's problem may be a record a later row makes (a parent named before it is
    /// made): the row waits for the next pass rather than fail.
    fn waits(_key: &str, _msg: &Msg) -> bool {
        false
    }
    /// A record this import made from a clean row, which later rows may name.
    fn made(_ctx: &mut Ctx, _id: i64, _input: &<Self::R as Record>::Input) {}
    /// What the record is called in the report.
    fn name(input: &<Self::R as Record>::Input) -> String;
}

type Input<K> = <<K as Kind>::R as Record>::Input;

enum Outcome {
    Created(i64),
    Unchanged(i64),
    Differing(i64, Vec<String>),
}

/// A row's work: kept when it succeeds and the row has no problem of its own; else undone.
enum Step {
    Failed(ApiError),
    Undone,
}

impl From<diesel::result::Error> for Step {
    fn from(e: diesel::result::Error) -> Self {
        Step::Failed(e.into())
    }
}

/// The most passes over the rows that wait: a tree of organizations is at most ten deep
/// (`organization::MAX_DEPTH`), and a chain of directives shorter, so a file in any order is read
/// in a few; the bound keeps a file made to wait from being read over and over.
const MAX_PASSES: usize = 16;

pub(super) fn rows<K: Kind>(ctx: &mut Ctx, grid: &Grid) -> ApiResult<()> {
    let layout = Layout::new(&grid.headers, K::sheet, K::ALIASES, ctx.lang);
    ctx.report.ignored_columns.clone_from(&layout.ignored);
    let missing: Vec<String> = K::REQUIRED.iter().filter(|k| !layout.has(k)).map(|k| layout.header(k)).collect();
    if !missing.is_empty() {
        for header in missing {
            ctx.report.error(1, Some(header.clone()), &Msg::MissingColumn(header), ctx.lang);
        }
        return Ok(());
    }
    ctx.progress.stage(Stage::ImportRows, Some(grid.rows.len() as u64));
    let mut seen: HashMap<String, u32> = HashMap::new();
    // A row may name a record a later row makes (a parent, a directive implemented): it waits
    // for another pass, for as long as each pass makes something it waited for.
    let mut pending: Vec<&Row> = grid.rows.iter().collect();
    let mut done = 0;
    for pass in 1.. {
        let mut waiting = Vec::new();
        let last = ctx.report.created.len();
        for row in &pending {
            if one_row::<K>(ctx, &layout, row, &mut seen, true)? {
                waiting.push(*row);
                continue;
            }
            done += 1;
            if done % 100 == 0 {
                ctx.progress.advance(done);
            }
        }
        if waiting.is_empty() {
            break;
        }
        if ctx.report.created.len() == last || pass == MAX_PASSES {
            for row in waiting {
                one_row::<K>(ctx, &layout, row, &mut seen, false)?;
            }
            break;
        }
        pending = waiting;
    }
    ctx.report.errors.sort_by_key(|e| e.row);
    for lines in [&mut ctx.report.created, &mut ctx.report.unchanged, &mut ctx.report.differing] {
        lines.sort_by_key(|l| l.row);
    }
    ctx.progress.advance(grid.rows.len() as u64);
    Ok(())
}

/// One row, read, matched and written; true when it waits (`may_wait`) for a record that
/// another row may make.
fn one_row<K: Kind>(
    ctx: &mut Ctx,
    layout: &Layout,
    row: &Row,
    seen: &mut HashMap<String, u32>,
    may_wait: bool,
) -> ApiResult<bool> {
    let mut cells = Cells::new(row, layout);
    let input = K::read(ctx, &mut cells)?;
    if may_wait && !cells.problems.is_empty() && cells.problems.iter().all(|(key, msg)| K::waits(key, msg)) {
        return Ok(true);
    }
    let key = K::key(&input);
    if let Some(first) = seen.get(&key) {
        ctx.report.error(row.number, None, &Msg::DuplicateRow(*first), ctx.lang);
        return Ok(false);
    }
    seen.insert(key, row.number);
    let name = K::name(&input);
    let clean = cells.problems.is_empty();
    let outcome = one::<K>(ctx, input, &cells, clean);
    if let Ok(Some((Outcome::Created(id), input))) = &outcome {
        K::made(ctx, *id, input);
    }
    for (key, msg) in &cells.problems {
        ctx.report.error(row.number, Some(layout.header(key)), msg, ctx.lang);
    }
    match outcome {
        Ok(Some((outcome, _))) => {
            let line = |id: i64, fields: Vec<String>| Line { row: row.number, id: Some(id), name, fields };
            match outcome {
                Outcome::Created(id) => ctx.report.created.push(line(id, Vec::new())),
                Outcome::Unchanged(id) => ctx.report.unchanged.push(line(id, Vec::new())),
                Outcome::Differing(id, fields) => ctx.report.differing.push(line(id, fields)),
            }
        }
        Ok(None) => {}
        Err(e) if e.status.code >= 500 => return Err(e),
        Err(e) => {
            for field in &e.errors {
                let column = K::column(&field.field);
                if !cells.problems.iter().any(|(k, _)| k == column) {
                    let header = (layout.has(column) || K::REQUIRED.contains(&column)).then(|| layout.header(column));
                    ctx.report.error(row.number, header, &field.msg, ctx.lang);
                }
            }
            if e.errors.is_empty() {
                ctx.report.error(row.number, None, &e.detail, ctx.lang);
            }
        }
    }
    Ok(false)
}

/// One row through the service in a savepoint; None when it was undone for the row's own
/// problems (its service errors, if any, still answered).
fn one<K: Kind>(
    ctx: &mut Ctx,
    input: <K::R as Record>::Input,
    cells: &Cells,
    clean: bool,
) -> Result<Option<(Outcome, Input<K>)>, ApiError> {
    let (actor, update) = (ctx.actor, ctx.options.on_match == OnMatch::Update);
    let expected = match ctx.options.version {
        Some(v) => Expected::OneOf(vec![v]),
        None => Expected::Any,
    };
    let mut outcome = None;
    let step = ctx.conn.transaction::<(), Step, _>(|c| {
        let done = match K::registered(c, &input).map_err(Step::Failed)? {
            None => {
                let kept = input.clone();
                let made = registry::create::<K::R>(c, actor, input).map_err(Step::Failed)?;
                (Outcome::Created(made.record.id()), kept)
            }
            Some(id) => {
                let current = K::R::input_of(c, id).map_err(Step::Failed)?;
                let before = serde_json::to_value(&current).unwrap_or(Value::Null);
                let merged = K::overlay(current, input, cells);
                let fields = differing(&before, &merged);
                if fields.is_empty() {
                    (Outcome::Unchanged(id), merged)
                } else {
                    if update {
                        let changed = merged.clone();
                        registry::update::<K::R>(c, actor, id, &expected, |_| Ok(changed)).map_err(Step::Failed)?;
                    }
                    (Outcome::Differing(id, fields), merged)
                }
            }
        };
        outcome = Some(done);
        if clean {
            Ok(())
        } else {
            Err(Step::Undone)
        }
    });
    match step {
        Ok(()) => Ok(outcome),
        Err(Step::Undone) => Ok(None),
        Err(Step::Failed(e)) => Err(e),
    }
}

/// The fields whose values differ, by their names in the API.
fn differing<T: Serialize>(registered: &Value, file: &T) -> Vec<String> {
    match (registered, serde_json::to_value(file)) {
        (Value::Object(a), Ok(Value::Object(b))) => {
            b.iter().filter(|(k, v)| a.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect()
        }
        _ => Vec::new(),
    }
}
