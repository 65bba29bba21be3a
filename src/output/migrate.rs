//! The reports of `migrate` and `convert`, and the tally of conversion notes they share. Their
//! JSON form is part of the interface: field names do not change silently.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{new_table, plural, Render, Table};
use crate::settings::Settings;

/// Failures listed in a report (all are counted).
pub const MAX_LISTED: usize = 100;
/// Different notes kept at most (each with its count); the rest are only counted.
const MAX_NOTES: usize = 50;

/// One kind of note, and the contexts it was made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Noted {
    pub note: String,
    /// How many contexts it was made for.
    pub contexts: u64,
    /// The key (legacy) or id (0.10) of the first one.
    pub first: String,
}

/// Notes of many contexts, counted by their text: at most [`MAX_NOTES`] different ones are kept.
#[derive(Debug, Default, Clone, Serialize)]
#[serde(transparent)]
pub struct Notes(Vec<Noted>);

impl Notes {
    /// The notes made for one context (each counted once for it).
    pub fn add(&mut self, key: &str, notes: &[String]) {
        for (i, note) in notes.iter().enumerate() {
            if notes[..i].contains(note) {
                continue;
            }
            self.count(note, 1, key);
        }
    }

    fn count(&mut self, note: &str, contexts: u64, first: &str) {
        if let Some(n) = self.0.iter_mut().find(|n| n.note == note) {
            n.contexts += contexts;
        } else if self.0.len() < MAX_NOTES {
            self.0.push(Noted {
                note: note.to_string(),
                contexts,
                first: first.to_string(),
            });
        }
    }

    /// Another tally's notes added to these (theirs came later).
    pub fn merge(&mut self, other: Notes) {
        for n in other.0 {
            self.count(&n.note, n.contexts, &n.first);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Noted> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One line per note, for stderr.
    pub fn lines(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|n| {
                let which = if n.contexts == 1 {
                    format!("{:?}", n.first)
                } else {
                    format!("{} contexts (the first: {:?})", n.contexts, n.first)
                };
                format!("{which}: {}", n.note)
            })
            .collect()
    }
}

/// `migrate`: what was written, kept, skipped and failed.
#[derive(Debug, Default, Serialize)]
pub struct MigrateReport {
    /// The layout read: `legacy` or `0.10`.
    pub from: &'static str,
    /// The layout written: `0.10` or `legacy`.
    pub to: &'static str,
    /// The version written for: `0.10`, `0.9` or `0.8`.
    pub schema: String,
    /// The chatsky 0.10 key prefix (of the source or the target).
    pub prefix: String,
    /// The source database, password redacted.
    pub source: String,
    /// The target database, password redacted (the source's, unless --target-url).
    pub target: String,
    /// Source contexts found.
    pub contexts: u64,
    /// Contexts written in the target layout (with --dry-run: that would be).
    pub migrated: u64,
    /// Contexts not written because the id already has one in the target layout (no --replace).
    pub kept_existing: u64,
    /// Contexts not written, for the reasons counted in `skipped_by_reason`.
    pub skipped: u64,
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// Contexts that cannot be converted: listed in `failures`.
    pub failed: u64,
    /// The first failures: `KEY: why`.
    pub failures: Vec<String>,
    /// With --delete-source: sources deleted once their copy was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources_deleted: Option<u64>,
    /// With --delete-source: sources kept although their copy was written, as they changed (or
    /// went) after they were read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources_kept: Option<u64>,
    /// Keys that are not contexts of the source layout, by what they are.
    pub other_keys: BTreeMap<String, u64>,
    /// What was set or could not be carried, per kind of note.
    pub notes: Notes,
    pub dry_run: bool,
    /// True when Ctrl-C stopped it: the counts say how far it got.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

impl MigrateReport {
    /// Count a context that was not written, and why.
    pub fn skip(&mut self, reason: &str) {
        self.skipped += 1;
        *self
            .skipped_by_reason
            .entry(reason.to_string())
            .or_default() += 1;
    }

    /// Count a context that cannot be converted.
    pub fn fail(&mut self, key: &str, why: &str) {
        self.failed += 1;
        if self.failures.len() < MAX_LISTED {
            self.failures.push(format!("{key:?}: {why}"));
        }
    }

    /// The layouts, and where: `legacy → chatsky 0.10 (prefix "p")`.
    fn direction(&self) -> String {
        let prefix = format!("(prefix {:?})", self.prefix);
        match self.to {
            "0.10" => format!("legacy → chatsky 0.10 {prefix}"),
            _ => format!("chatsky 0.10 {prefix} → legacy chatsky {}", self.schema),
        }
    }
}

impl Render for MigrateReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        let dry = if self.dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        };
        let stop = if self.interrupted {
            " (interrupted)"
        } else {
            ""
        };
        let verb = if self.dry_run {
            "would be migrated"
        } else {
            "migrated"
        };
        writeln!(
            w,
            "{}, {}: {} {verb}, {} kept existing, {} skipped, {} failed{dry}{stop}",
            plural(self.contexts, "context", "contexts"),
            self.direction(),
            self.migrated,
            self.kept_existing,
            self.skipped,
            self.failed
        )?;
        if let Some(deleted) = self.sources_deleted {
            let kept = self.sources_kept.unwrap_or_default();
            writeln!(
                w,
                "  {} deleted, {kept} kept (changed after they were read)",
                plural(deleted, "source", "sources")
            )?;
        }
        for (reason, n) in &self.skipped_by_reason {
            writeln!(w, "  skipped {n}: {reason}")?;
        }
        for (kind, n) in &self.other_keys {
            writeln!(
                w,
                "  {n} other {}: {kind}",
                if *n == 1 { "key" } else { "keys" }
            )?;
        }
        Ok(())
    }

    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["what", "count"]);
        let mut row = |what: String, n: u64| {
            t.add_row(vec![what, n.to_string()]);
        };
        row(format!("contexts, {}", self.direction()), self.contexts);
        row(
            if self.dry_run {
                "would be migrated".into()
            } else {
                "migrated".into()
            },
            self.migrated,
        );
        row("kept existing".into(), self.kept_existing);
        row("skipped".into(), self.skipped);
        for (reason, n) in &self.skipped_by_reason {
            row(format!("  {reason}"), *n);
        }
        row("failed".into(), self.failed);
        if let Some(deleted) = self.sources_deleted {
            row("sources deleted".into(), deleted);
            row(
                "sources kept (changed)".into(),
                self.sources_kept.unwrap_or(0),
            );
        }
        for (kind, n) in &self.other_keys {
            row(format!("other keys: {kind}"), *n);
        }
        for n in self.notes.iter() {
            row(format!("note: {}", n.note), n.contexts);
        }
        if self.interrupted {
            t.add_row(["interrupted", "true"]);
        }
        t
    }
}

/// `convert`: the lines converted, copied and refused.
#[derive(Debug, Default, Serialize)]
pub struct ConvertReport {
    /// The layout written: `0.10` or `legacy`.
    pub to: &'static str,
    /// The version written for: `0.10`, `0.9` or `0.8`.
    pub schema: String,
    /// Lines read.
    pub lines: u64,
    /// Lines converted into the other layout.
    pub converted: u64,
    /// Lines already in the target layout, copied as they are.
    pub copied: u64,
    /// Lines that cannot be converted.
    pub invalid: u64,
    /// True when nothing was written because lines were invalid (no --skip-invalid).
    pub nothing_written: bool,
    /// The first invalid lines: `line N (key K): why`.
    pub errors: Vec<String>,
    /// What was set or could not be carried, per kind of note.
    pub notes: Notes,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

impl Render for ConvertReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        let target = match self.to {
            "0.10" => "chatsky 0.10".to_string(),
            _ => format!("legacy chatsky {}", self.schema),
        };
        let nothing = if self.nothing_written {
            " (nothing written)"
        } else {
            ""
        };
        let stop = if self.interrupted {
            " (interrupted)"
        } else {
            ""
        };
        writeln!(
            w,
            "{}: {} converted to {target}, {} already in that layout (copied), {} invalid{nothing}{stop}",
            plural(self.lines, "line", "lines"),
            self.converted,
            self.copied,
            self.invalid
        )
    }

    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["lines", "converted", "copied", "invalid", "to"]);
        t.add_row(vec![
            self.lines.to_string(),
            self.converted.to_string(),
            self.copied.to_string(),
            self.invalid.to_string(),
            self.schema.clone(),
        ]);
        t
    }
}
