//! Progress of a long job at the command line: on a terminal a bar with counts and rate (a
//! spinner where the job cannot count); elsewhere (a script, CI, a log) one line per stage, so
//! that no wait is silent and no log fills with redrawn bars.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::messages::labels::Label;
use crate::messages::Lang;
use crate::progress::{Progress, Stage};

pub struct Shown {
    lang: Lang,
    terminal: bool,
    bar: Option<ProgressBar>,
    stage: Option<(Stage, Instant)>,
    /// Off a terminal: the stage's total, and the last tenth of it written.
    total: Option<u64>,
    tenths: u64,
}

impl Shown {
    /// Progress on standard error, drawn when it is a terminal.
    pub fn new(lang: Lang) -> Self {
        Shown { lang, terminal: std::io::stderr().is_terminal(), bar: None, stage: None, total: None, tenths: 0 }
    }

    fn end_stage(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish();
        }
        if let Some((stage, started)) = self.stage.take() {
            if !self.terminal {
                let took = started.elapsed().as_secs_f64();
                let done = if self.lang == Lang::Vi { "xong" } else { "done" };
                eprintln!("  {}: {done} ({took:.1} s)", stage.label(self.lang));
            }
        }
    }
}

impl Progress for Shown {
    fn stage(&mut self, stage: Stage, total: Option<u64>) {
        self.end_stage();
        self.stage = Some((stage, Instant::now()));
        let name = stage.label(self.lang);
        if !self.terminal {
            eprintln!("{name}…");
            (self.total, self.tenths) = (total, 0);
            return;
        }
        let bar = match total {
            Some(total) => {
                let bar = ProgressBar::new(total);
                let style = ProgressStyle::with_template("{msg} [{bar:30}] {human_pos}/{human_len} ({per_sec}, {eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> ");
                bar.set_style(style);
                bar
            }
            None => {
                let bar = ProgressBar::new_spinner();
                let style = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner());
                bar.set_style(style);
                bar.enable_steady_tick(Duration::from_millis(120));
                bar
            }
        };
        bar.set_message(name);
        self.bar = Some(bar);
    }

    fn advance(&mut self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
        // Off a terminal, a line at each tenth: a long stage never looks stuck in a log.
        if let (Some(total), Some((_, started))) = (self.total.filter(|t| *t > 0), self.stage) {
            let tenths = done.saturating_mul(10) / total;
            if tenths > self.tenths && tenths < 10 {
                self.tenths = tenths;
                let rate = done as f64 / started.elapsed().as_secs_f64().max(0.001);
                eprintln!("  {done}/{total} ({rate:.0}/s)");
            }
        }
    }

    fn finish(&mut self) {
        self.end_stage();
    }
}
