//! The results commands print, with their plain-text and table forms. Their JSON form is their
//! serde serialisation and is part of the interface: field names do not change silently.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{new_table, Render, Table};
use crate::settings::Settings;

/// `has`: one entry per key asked, in order.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct HasReport(pub Vec<Presence>);

/// Whether one key exists.
#[derive(Debug, Serialize)]
pub struct Presence {
    pub key: String,
    pub exists: bool,
}

impl Render for HasReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        self.0.iter().try_for_each(|p| writeln!(w, "{}", p.exists))
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["key", "exists"]);
        for p in &self.0 {
            t.add_row(vec![p.key.clone(), p.exists.to_string()]);
        }
        t
    }
}

/// `rm KEY...`: how many of the keys existed and were deleted (or would be, with `--dry-run`).
#[derive(Debug, Serialize)]
pub struct RmReport {
    pub removed: u64,
    pub keys: Vec<String>,
    pub dry_run: bool,
}

impl Render for RmReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        if self.dry_run {
            writeln!(w, "would remove {}", self.removed)
        } else {
            writeln!(w, "{}", self.removed)
        }
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["removed", "of keys"]);
        t.add_row(vec![self.removed.to_string(), self.keys.len().to_string()]);
        t
    }
}

/// `count`: DBSIZE, and with `--exact` the walk's breakdown.
#[derive(Debug, Serialize)]
pub struct CountReport {
    /// Every key of the db (Chatsky's `len`).
    pub keys: u64,
    /// With `--exact`: string keys whose value is a Chatsky context document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contexts: Option<u64>,
    /// With `--exact`: every other key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<u64>,
    /// With `--exact`: the other keys by what they are (`hash`, `string: not JSON`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_by_kind: Option<BTreeMap<String, u64>>,
    /// True when Ctrl-C stopped `--exact`'s walk: the counts are only of the keys walked so far.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

impl Render for CountReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        match (self.contexts, self.other) {
            (Some(c), Some(o)) => {
                let stop = if self.interrupted {
                    " (interrupted: only the keys walked so far)"
                } else {
                    ""
                };
                writeln!(w, "{} keys: {c} contexts, {o} other{stop}", self.keys)?;
                for (kind, n) in self.other_by_kind.iter().flatten() {
                    writeln!(w, "  {n} {kind}")?;
                }
                Ok(())
            }
            _ => writeln!(w, "{}", self.keys),
        }
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["what", "count"]);
        t.add_row(vec!["keys".to_string(), self.keys.to_string()]);
        if let (Some(c), Some(o)) = (self.contexts, self.other) {
            t.add_row(vec!["contexts".to_string(), c.to_string()]);
            t.add_row(vec!["other".to_string(), o.to_string()]);
            for (kind, n) in self.other_by_kind.iter().flatten() {
                t.add_row(vec![format!("  {kind}"), n.to_string()]);
            }
        }
        if self.interrupted {
            t.add_row(["interrupted", "true"]);
        }
        t
    }
}

/// `put`: what was stored.
#[derive(Debug, Serialize)]
pub struct PutReport {
    pub key: String,
    /// False when `--if-absent` kept an existing key.
    pub written: bool,
    /// The schema the document was validated and written as.
    pub schema: String,
    /// Size of the stored document.
    pub bytes: usize,
    /// Normalisations applied (what Chatsky itself would have changed).
    pub notes: Vec<String>,
}

impl Render for PutReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        if self.written {
            writeln!(
                w,
                "stored {} ({} bytes, schema {})",
                self.key, self.bytes, self.schema
            )
        } else {
            writeln!(w, "kept {}: it already exists (--if-absent)", self.key)
        }
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["key", "written", "schema", "bytes", "notes"]);
        t.add_row(vec![
            self.key.clone(),
            self.written.to_string(),
            self.schema.clone(),
            self.bytes.to_string(),
            self.notes.join("\n"),
        ]);
        t
    }
}

/// `clear` and deletion by pattern: what was (or would be) deleted, and where.
#[derive(Debug, Serialize)]
pub struct ClearReport {
    /// The server, password redacted.
    pub server: String,
    pub db: i64,
    /// The `--match` glob, if any (otherwise the whole db).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Keys deleted, or that would be with `--dry-run`.
    pub deleted: u64,
    pub dry_run: bool,
    /// True when Ctrl-C stopped the deletion part-way, or the count before the question (then
    /// nothing was deleted).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

impl Render for ClearReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        let what = match &self.pattern {
            Some(p) => format!("contexts matching {p:?}"),
            None => "keys".to_string(),
        };
        let verb = if self.dry_run {
            "would delete"
        } else {
            "deleted"
        };
        let stop = if self.interrupted {
            " (interrupted)"
        } else {
            ""
        };
        writeln!(
            w,
            "{verb} {} {what} from db {} at {}{stop}",
            self.deleted, self.db, self.server
        )
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(
            settings,
            &["server", "db", "match", "deleted", "dry run", "interrupted"],
        );
        t.add_row(vec![
            self.server.clone(),
            self.db.to_string(),
            self.pattern.clone().unwrap_or_else(|| "*".into()),
            self.deleted.to_string(),
            self.dry_run.to_string(),
            self.interrupted.to_string(),
        ]);
        t
    }
}

/// `get --check`: would Chatsky load the stored value?
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub key: String,
    pub loads: bool,
    /// Chatsky's next write of what it loaded succeeds (false when it does not load).
    pub writes_back: bool,
    /// The schema checked against.
    pub schema: String,
    /// Loads, but Chatsky would write it back differently (non-canonical).
    pub rewritten: bool,
    /// Its pickles resolve only allowed globals, and what they do on load was predicted.
    pub safe: bool,
    /// Why it would not load or not be written back, or what Chatsky would change.
    pub notes: Vec<String>,
}

impl Render for CheckReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        if self.loads && !self.writes_back {
            writeln!(
                w,
                "fails: Chatsky {} loads {}, but its next write of it fails",
                self.schema, self.key
            )?;
        } else if self.loads && !self.safe {
            writeln!(
                w,
                "unsafe: Chatsky {} loads {}, and a pickle in it resolves globals outside the \
                 allow-list (or cannot be checked)",
                self.schema, self.key
            )?;
        } else if self.loads {
            let how = if self.rewritten {
                ", but would rewrite it differently"
            } else {
                ""
            };
            writeln!(w, "ok: Chatsky {} loads {}{how}", self.schema, self.key)?;
        } else {
            writeln!(w, "fails: Chatsky {} cannot load {}", self.schema, self.key)?;
        }
        self.notes.iter().try_for_each(|n| writeln!(w, "  {n}"))
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(
            settings,
            &[
                "key",
                "schema",
                "loads",
                "writes back",
                "rewritten",
                "safe",
                "notes",
            ],
        );
        t.add_row(vec![
            self.key.clone(),
            self.schema.clone(),
            self.loads.to_string(),
            self.writes_back.to_string(),
            self.rewritten.to_string(),
            self.safe.to_string(),
            self.notes.join("\n"),
        ]);
        t
    }
}

/// `export` and `ls`: what was listed, and what was skipped because it is not a context.
#[derive(Debug, Default, Serialize)]
pub struct WalkReport {
    /// Contexts exported or listed.
    pub contexts: u64,
    /// Keys skipped because they are not contexts.
    pub skipped: u64,
    /// The skipped keys by what they are (`hash`, `string: not JSON`, …).
    pub skipped_by_kind: BTreeMap<String, u64>,
    /// True when Ctrl-C stopped the walk.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

impl WalkReport {
    /// Count one key that is not a context.
    pub fn skip(&mut self, kind: &str) {
        self.skipped += 1;
        *self.skipped_by_kind.entry(kind.to_string()).or_default() += 1;
    }
}

impl Render for WalkReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        let stop = if self.interrupted {
            " (interrupted)"
        } else {
            ""
        };
        writeln!(
            w,
            "{} contexts, {} other keys skipped{stop}",
            self.contexts, self.skipped
        )?;
        for (kind, n) in &self.skipped_by_kind {
            writeln!(w, "  skipped {n} {kind}")?;
        }
        Ok(())
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["contexts", "skipped", "interrupted"]);
        t.add_row(vec![
            self.contexts.to_string(),
            self.skipped.to_string(),
            self.interrupted.to_string(),
        ]);
        t
    }
}

/// `import`: what was written, kept, and refused.
#[derive(Debug, Default, Serialize)]
pub struct ImportReport {
    /// Lines read.
    pub lines: u64,
    /// Contexts written.
    pub written: u64,
    /// Valid lines not written because the key existed (`--if-absent`).
    pub kept_existing: u64,
    /// Invalid lines (not written).
    pub invalid: u64,
    /// True with `--dry-run`: nothing was written.
    pub dry_run: bool,
    /// True when Ctrl-C stopped the import; `written` says how far it got.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
    /// The first invalid lines: `line N (key K): what is wrong`.
    pub errors: Vec<String>,
}

impl Render for ImportReport {
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
        writeln!(
            w,
            "{} lines: {} written, {} kept existing, {} invalid{dry}{stop}",
            self.lines, self.written, self.kept_existing, self.invalid
        )
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(
            settings,
            &["lines", "written", "kept existing", "invalid", "dry run"],
        );
        t.add_row(vec![
            self.lines.to_string(),
            self.written.to_string(),
            self.kept_existing.to_string(),
            self.invalid.to_string(),
            self.dry_run.to_string(),
        ]);
        t
    }
}
