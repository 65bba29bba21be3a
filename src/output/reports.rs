//! The results commands print, with their plain-text and table forms. Their JSON form is their
//! serde serialisation and is part of the interface: field names do not change silently.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{new_table, plural, Render, Table};
use crate::settings::Settings;
use crate::store::walk::Tally;

/// `has`: one entry per key asked, in order.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct HasReport(pub Vec<Presence>);

/// Whether one key exists, and in which layout.
#[derive(Debug, Serialize)]
pub struct Presence {
    pub key: String,
    pub exists: bool,
    /// `legacy` or `0.10`, when it exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<&'static str>,
}

impl Render for HasReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        self.0.iter().try_for_each(|p| writeln!(w, "{}", p.exists))
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["key", "exists", "layout"]);
        for p in &self.0 {
            t.add_row(vec![
                p.key.clone(),
                p.exists.to_string(),
                p.layout.unwrap_or_default().to_string(),
            ]);
        }
        t
    }
}

/// `rm KEY...`: how many of the keys existed and were deleted (or would be, with `--dry-run`).
#[derive(Debug, Serialize)]
pub struct RmReport {
    pub removed: u64,
    pub keys: Vec<String>,
    /// Contexts kept because they stopped being contexts between their check and deletion.
    #[serde(skip_serializing_if = "is_zero")]
    pub kept_changed: u64,
    pub dry_run: bool,
}

impl Render for RmReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        if self.dry_run {
            writeln!(w, "would remove {}", self.removed)
        } else {
            writeln!(w, "{}", self.removed)?;
            kept_changed(w, self.kept_changed)
        }
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["removed", "of keys"]);
        t.add_row(vec![self.removed.to_string(), self.keys.len().to_string()]);
        t
    }
}

/// `count`: DBSIZE (legacy), the main hashes under a prefix (0.10), or with `--exact` the walk's
/// breakdown.
#[derive(Debug, Default, Serialize)]
pub struct CountReport {
    /// Legacy: every key of the db (Chatsky's `len`). With `--exact`: every key walked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keys: Option<u64>,
    /// The layout counted: `legacy`, `0.10`, or with `--exact` the layouts walked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<&'static str>,
    /// The 0.10 prefix counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// 0.10: main hashes under the prefix. With `--exact`: contexts of either layout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contexts: Option<u64>,
    /// With `--exact`: legacy contexts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legacy: Option<u64>,
    /// With `--exact`: 0.10 contexts by prefix.
    #[serde(rename = "v0_10", skip_serializing_if = "Option::is_none")]
    pub hashes: Option<BTreeMap<String, u64>>,
    /// With `--exact`: turn hashes counted on their own (the whole db walked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn_hashes: Option<u64>,
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

impl CountReport {
    /// Legacy: DBSIZE.
    pub fn keys(keys: u64) -> Self {
        CountReport {
            keys: Some(keys),
            layout: Some("legacy"),
            ..Default::default()
        }
    }

    /// 0.10: the contexts under a prefix.
    pub fn hashes(prefix: &str, contexts: u64) -> Self {
        CountReport {
            layout: Some("0.10"),
            prefix: Some(prefix.to_string()),
            contexts: Some(contexts),
            ..Default::default()
        }
    }

    /// `--exact`: what the walk found.
    pub fn exact(tally: Tally) -> Self {
        CountReport {
            keys: Some(tally.keys()),
            contexts: Some(tally.contexts),
            legacy: Some(tally.legacy),
            turn_hashes: Some(tally.turn_hashes),
            other: Some(tally.skipped),
            interrupted: tally.interrupted,
            other_by_kind: Some(tally.skipped_by_kind),
            hashes: Some(tally.hashes),
            ..Default::default()
        }
    }
}

impl Render for CountReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        let (Some(c), Some(o)) = (self.contexts, self.other) else {
            return writeln!(w, "{}", self.keys.or(self.contexts).unwrap_or_default());
        };
        let stop = if self.interrupted {
            " (interrupted: only the keys walked so far)"
        } else {
            ""
        };
        writeln!(
            w,
            "{}: {}, {o} other{stop}",
            plural(self.keys.unwrap_or_default(), "key", "keys"),
            plural(c, "context", "contexts")
        )?;
        let hashes = self.hashes.iter().flatten();
        if hashes.clone().next().is_some() {
            let legacy = self.legacy.unwrap_or_default();
            writeln!(
                w,
                "  {}",
                plural(legacy, "legacy context", "legacy contexts")
            )?;
            for (prefix, n) in hashes {
                let what = plural(*n, "chatsky 0.10 context", "chatsky 0.10 contexts");
                writeln!(w, "  {what} under prefix {prefix:?}")?;
            }
        }
        if let Some(t) = self.turn_hashes.filter(|t| *t > 0) {
            writeln!(
                w,
                "  {}",
                plural(t, "chatsky 0.10 turn hash", "chatsky 0.10 turn hashes")
            )?;
        }
        for (kind, n) in self.other_by_kind.iter().flatten() {
            writeln!(w, "  {n} {kind}")?;
        }
        Ok(())
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["what", "count"]);
        let mut row = |what: String, n: u64| {
            t.add_row(vec![what, n.to_string()]);
        };
        if let Some(keys) = self.keys {
            row("keys".into(), keys);
        }
        if let Some(c) = self.contexts {
            let what = match &self.prefix {
                Some(p) => format!("contexts (0.10, prefix {p})"),
                None => "contexts".into(),
            };
            row(what, c);
        }
        if let Some(l) = self.legacy {
            row("  legacy".into(), l);
        }
        for (prefix, n) in self.hashes.iter().flatten() {
            row(format!("  0.10 under {prefix}"), *n);
        }
        if let Some(turns) = self.turn_hashes.filter(|t| *t > 0) {
            row("turn hashes".into(), turns);
        }
        if let Some(o) = self.other {
            row("other".into(), o);
        }
        for (kind, n) in self.other_by_kind.iter().flatten() {
            row(format!("  {kind}"), *n);
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
                "stored {} ({}, schema {})",
                self.key,
                plural(self.bytes as u64, "byte", "bytes"),
                self.schema
            )?;
        } else {
            return writeln!(w, "kept {}: it already exists (--if-absent)", self.key);
        }
        // What was changed on the way to what is stored is worth a glance.
        self.notes
            .iter()
            .try_for_each(|note| writeln!(w, "  note: {note}"))
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["key", "written", "schema", "bytes", "notes"]);
        t.add_row(vec![
            self.key.clone(),
            self.written.to_string(),
            self.schema.clone(),
            self.bytes.to_string(),
            self.notes.join("; "),
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
    /// The `--match` glob, if any (otherwise the whole db, or the whole prefix).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The chatsky 0.10 prefix cleared, if that is what was cleared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Keys deleted, or that would be with `--dry-run`.
    pub deleted: u64,
    /// Matching keys checked as contexts but kept, because they stopped being contexts before
    /// their deletion.
    #[serde(skip_serializing_if = "is_zero")]
    pub kept_changed: u64,
    pub dry_run: bool,
    /// True when Ctrl-C stopped the deletion part-way, or the count before the question (then
    /// nothing was deleted).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

impl ClearReport {
    /// What `n` deleted things are: `3 keys`, `2 contexts matching "x*"`, `1 chatsky 0.10 context
    /// under prefix "p"`.
    pub fn what(&self, n: u64) -> String {
        match (&self.pattern, &self.prefix) {
            (Some(p), _) => format!("{} matching {p:?}", plural(n, "context", "contexts")),
            (None, Some(p)) => format!(
                "{} under prefix {p:?}",
                plural(n, "chatsky 0.10 context", "chatsky 0.10 contexts")
            ),
            (None, None) => plural(n, "key", "keys"),
        }
    }
}

impl Render for ClearReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        let what = self.what(self.deleted);
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
            "{verb} {what} from db {} at {}{stop}",
            self.db, self.server
        )?;
        kept_changed(w, self.kept_changed)
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

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The line for keys kept because they stopped being contexts between their check and deletion.
fn kept_changed(w: &mut dyn Write, kept: u64) -> io::Result<()> {
    if kept == 0 {
        return Ok(());
    }
    writeln!(
        w,
        "kept {} between their check and their deletion",
        plural(
            kept,
            "key that stopped being a context",
            "keys that stopped being contexts"
        )
    )
}

/// `get --check`: would Chatsky load the stored value?
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub key: String,
    /// The value is a context (see `model::is_context`); when false, `loads` still tells what
    /// Chatsky would do with it.
    pub context: bool,
    /// Why it is not a context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_context: Option<String>,
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
        if let Some(what) = &self.not_context {
            writeln!(w, "fails: {} is not a Chatsky context: {what}", self.key)?;
            let chatsky = if self.loads {
                "would load it anyway"
            } else {
                "cannot load it either"
            };
            writeln!(w, "  Chatsky {} {chatsky}", self.schema)?;
            return self.notes.iter().try_for_each(|n| writeln!(w, "  {n}"));
        }
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
                "context",
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
            self.context.to_string(),
            self.schema.clone(),
            self.loads.to_string(),
            self.writes_back.to_string(),
            self.rewritten.to_string(),
            self.safe.to_string(),
            self.notes.join("; "),
        ]);
        t
    }
}

/// `export` and `ls`: what was listed, and what was skipped because it is not a context.
impl Render for Tally {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        let stop = if self.interrupted {
            " (interrupted)"
        } else {
            ""
        };
        writeln!(
            w,
            "{}, {} skipped{stop}",
            plural(self.contexts, "context", "contexts"),
            plural(self.skipped, "other key", "other keys")
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
    /// Top-level keys of valid lines that are not Context fields (Chatsky drops them), one note
    /// per key name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_keys: Vec<String>,
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
            "{}: {} written, {} kept existing, {} invalid{dry}{stop}",
            plural(self.lines, "line", "lines"),
            self.written,
            self.kept_existing,
            self.invalid
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

/// `man --dir`: the files written.
#[derive(Debug, Serialize)]
pub struct WrittenReport {
    pub files: Vec<String>,
}

impl Render for WrittenReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        self.files.iter().try_for_each(|f| writeln!(w, "wrote {f}"))
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(settings, &["written"]);
        for f in &self.files {
            t.add_row([f.as_str()]);
        }
        t
    }
}

/// `export`: what the walk found, and the contexts no line could carry (named on stderr).
#[derive(Debug, Serialize)]
pub struct ExportReport {
    #[serde(flatten)]
    pub tally: Tally,
    /// Contexts found but not exported: their values are not UTF-8, or a turn key of theirs is
    /// not a hash, which no line can carry (Chatsky cannot load them either).
    #[serde(skip_serializing_if = "is_zero")]
    pub not_exported: u64,
}

impl Render for ExportReport {
    fn plain(&self, w: &mut dyn Write) -> io::Result<()> {
        self.tally.plain(w)?;
        if self.not_exported > 0 {
            writeln!(
                w,
                "  not exported: {} (named above); the export is incomplete",
                plural(self.not_exported, "context", "contexts")
            )?;
        }
        Ok(())
    }
    fn table(&self, settings: &Settings) -> Table {
        let mut t = new_table(
            settings,
            &["contexts", "not exported", "skipped", "interrupted"],
        );
        t.add_row(vec![
            self.tally.contexts.to_string(),
            self.not_exported.to_string(),
            self.tally.skipped.to_string(),
            self.tally.interrupted.to_string(),
        ]);
        t
    }
}
