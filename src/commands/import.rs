//! `import [FILE|-]`: JSON Lines as `export` writes them (`store::lines`), or bare documents with
//! `--key-field`; each line's form says its layout (legacy, or chatsky 0.10 with a prefix). Every
//! line is validated with the document model before anything is written; by default one invalid
//! line means nothing is written. Writes go out as atomic batches (one MSET of legacy contexts,
//! one MULTI/EXEC of 0.10 ones), several in flight, so no context is ever half-written.
//!
//! Memory stays flat: the input is streamed twice (validate, then write); stdin is spooled to a
//! temporary file for the second pass.

pub(super) mod chunks;

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Seek};

use roaring::RoaringTreemap;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::cli::ImportArgs;
use crate::error::{Error, Status};
use crate::model::v010::{self, Fields, Form};
use crate::model::{self, Options, Schema, Value};
use crate::output::progress::bar;
use crate::output::reports::ImportReport;
use crate::output::{emit, plural};
use crate::settings::Settings;

use crate::connection::Connection;
use crate::interrupt;
use crate::store::detect::Asked;
use crate::store::schema::{self, Source};
use crate::store::{hashes, legacy, Prefix};
use chunks::{Chunk, Chunks};

/// Contexts per write (one MSET of about 256 KB for 4 KB contexts: larger ones doubled the
/// peak RSS for no gain).
const BATCH: usize = 64;
/// Writes in flight at once.
const IN_FLIGHT: usize = 4;
/// Invalid lines listed in the report (all are counted).
const MAX_ERRORS: usize = 100;
/// Validation threads at most: more would only hold more blocks in memory, as eight cores
/// already validate faster than a server stores.
const MAX_WORKERS: usize = 8;

/// How an export line starts, and what comes between its key and its document, when the key
/// comes first and the document last (as `export` writes them).
const EXPORT_KEY: &str = "{\"key\":";
const EXPORT_VALUE: &str = ",\"value\":";

/// What pass 1 found about a valid line.
struct Checked {
    /// Laid out for [`Reader::positional`] (always, for a 0.10 line, which never takes it).
    positional: bool,
    /// A chatsky 0.10 context.
    hashes: bool,
    /// Top-level keys of a legacy document that its Context does not have.
    unknown: Vec<String>,
}

/// A legacy line ready to store: its key and the bytes to store (as given, or canonical).
type Item<'l> = (Cow<'l, str>, Cow<'l, str>);

/// A line's context ready to store, in its layout's form.
enum Ready<'l> {
    Legacy(Item<'l>),
    Hashes(Prefix, String, Fields),
}

/// How lines are read and checked; shared by both passes.
struct Reader {
    key_field: Option<String>,
    /// The schema to write; `None` lets each document's own shape decide (`--schema auto` with
    /// nothing in the database to go by).
    schema: Option<Schema>,
    exponent: model::ExponentStyle,
    allow_unsafe_pickles: bool,
    canonical: bool,
    /// `--layout`: a line of the other layout is invalid.
    layout: Asked,
    /// Where 0.10 contexts go: `--prefix` when given, else each line's own (default: this).
    prefix: Prefix,
    prefix_given: bool,
    /// Refuse top-level keys the target Context does not have, instead of noting them.
    strict: bool,
}

/// Chatsky's key for an id: `str(id)` of a string or an integer (the int 42 is the key "42").
/// Any other value is given back.
fn id_key(id: Value<'_>) -> Result<Cow<'_, str>, Value<'_>> {
    match id {
        Value::String(s) => Ok(s.into_cow()),
        Value::Number(n) => match n.as_int().map(str::to_string) {
            Some(int) => Ok(Cow::Owned(int)),
            None => Err(Value::Number(n)),
        },
        other => Err(other),
    }
}

/// A parse error of a line, already named by its number: `column 7: …`. (A line holds no line
/// break, so the parser's own line is always 1.)
fn in_line(e: &model::ParseError) -> String {
    match e.line {
        1 => format!("column {}: {}", e.column, e.message),
        _ => e.to_string(),
    }
}

/// A line's document as given: parsed in place, the text of a `raw` field still to parse, or a 0.10
/// context's `hashes`.
enum Given<'l> {
    Parsed { text: &'l str, doc: Value<'l> },
    Raw(String),
    Hashes(&'l str),
}

/// A line split into its parts: the key, the document, and the 0.10 prefix it names.
struct Split<'l> {
    key: String,
    given: Given<'l>,
    prefix: Option<String>,
}

impl Reader {
    /// Key and document of a line, as given. Without `build` the document is checked as JSON
    /// but not built (the write pass, after validation): it is then `null`.
    fn split<'l>(&self, line: &'l str, build: bool) -> Result<Split<'l>, String> {
        match &self.key_field {
            Some(field) => {
                // The write pass only needs the key; a repeated field counts by its last value,
                // as in the parsed document (a Python dict).
                let (doc, id) = if build {
                    let doc = model::parse_str(line).map_err(|e| in_line(&e))?;
                    let id = doc.get(field).cloned();
                    (doc, id)
                } else {
                    let members =
                        model::parse_members(line, |k| k == field).map_err(|e| in_line(&e))?;
                    let id = members.into_iter().rev().find(|m| m.key == field.as_str());
                    (Value::Null, id.map(|m| m.value))
                };
                let key = match id.map(id_key) {
                    Some(Ok(key)) => key.into_owned(),
                    Some(Err(other)) => {
                        return Err(format!(
                            "field `{field}` is {other}, not a string or integer key"
                        ))
                    }
                    None if doc.as_object().map(model::resembles)
                        == Some(model::Resembles::ExportLine) =>
                    {
                        return Err(format!(
                            "no `{field}` field to take the key from: this is an export line, \
                             which `import` takes without --key-field"
                        ))
                    }
                    None => return Err(format!("no `{field}` field to take the key from")),
                };
                Ok(Split {
                    key,
                    given: Given::Parsed { text: line, doc },
                    prefix: None,
                })
            }
            None => {
                let members =
                    model::parse_members(line, |k| (build || k != "value") && k != "hashes")
                        .map_err(|e| {
                            format!("not an export line {{\"key\", \"value\"}}: {}", in_line(&e))
                        })?;
                let (mut key, mut given, mut raw, mut hashes, mut prefix) =
                    (None, None, None, None, None);
                for m in members {
                    match m.key.as_str() {
                        "key" => key = Some(m.value),
                        "value" => given = Some((m.text, m.value)),
                        "raw" => raw = Some(m.value),
                        "hashes" => hashes = Some(m.text),
                        "prefix" => prefix = Some(m.value),
                        _ => {}
                    }
                }
                let prefix = match prefix {
                    None => None,
                    Some(Value::String(p)) => Some(p.to_string()),
                    Some(other) => return Err(format!("`prefix` is {other}, not a string")),
                };
                let key = match key {
                    Some(Value::String(k)) => k.to_string(),
                    Some(other) => return Err(format!("`key` is {other}, not a string")),
                    None => return Err("not an export line {\"key\", \"value\"}: no `key`".into()),
                };
                let given = match (given, raw, hashes) {
                    (Some((text, doc)), None, None) => Given::Parsed { text, doc },
                    (None, Some(Value::String(raw)), None) => Given::Raw(raw.to_string()),
                    (None, Some(other), None) => {
                        return Err(format!("`raw` is {other}, not a string"))
                    }
                    (None, None, Some(text)) if prefix.is_some() => Given::Hashes(text),
                    (None, None, Some(_)) => {
                        return Err("`hashes` (a chatsky 0.10 context) needs a `prefix`".into())
                    }
                    _ => {
                        return Err("a line needs exactly one of `value`, `raw` and `hashes`".into())
                    }
                };
                Ok(Split { key, given, prefix })
            }
        }
    }

    /// Parse a line and check it as a context; `then` gets the document with the options for it.
    /// `writes`: `then` writes bytes (only then does the float spelling matter). Returns the key,
    /// what `then` made, and the document's text when it is part of the line (not `raw`).
    fn checked<'l, T>(
        &self,
        line: &'l str,
        writes: bool,
        then: impl FnOnce(&Value<'_>, &Options) -> Result<T, model::ModelError>,
    ) -> Result<(String, T, Option<&'l str>), String> {
        let Split { key, given, .. } = self.split(line, true)?;
        let raw;
        let (text, doc, in_line) = match given {
            Given::Parsed { text, doc } => (text, doc, Some(text)),
            Given::Raw(text) => {
                raw = text;
                let doc = model::parse_str(&raw).map_err(|e| format!("key {key:?}: raw: {e}"))?;
                (raw.as_str(), doc, None)
            }
            Given::Hashes(_) => return Err(format!("key {key:?}: a chatsky 0.10 context")),
        };
        if !doc.is_object() {
            return Err(format!(
                "key {key:?}: value: a Chatsky context is a JSON object"
            ));
        }
        if let Some(map) = doc.as_object().filter(|_| !model::is_context(&doc)) {
            let looks = model::resembles(map);
            let advice = match (looks, &self.key_field) {
                (model::Resembles::ExportLine, None) => "the value is itself an export line",
                (model::Resembles::ExportLine, Some(_)) => {
                    "this is an export line, which `import` takes without --key-field"
                }
                _ => model::advice(looks),
            };
            return Err(format!(
                "key {key:?}: not a Chatsky context: {}; {advice}",
                model::no_context_field(map)
            ));
        }
        let options = Options {
            schema: self
                .schema
                .unwrap_or_else(|| model::detect(&doc).schema.unwrap_or(Schema::V09)),
            exponent: if writes {
                model::exponent_for(self.exponent, text.as_bytes())
            } else {
                self.exponent
            },
            allow_unsafe_pickles: self.allow_unsafe_pickles,
        };
        let made = then(&doc, &options).map_err(|e| {
            format!(
                "key {key:?}: not a valid Chatsky {} context {e}",
                options.schema
            )
        })?;
        Ok((key, made, in_line))
    }

    /// Validate a line (pass 1). Returns whether [`Self::positional`] finds the same key and
    /// document in it as parsing does, so that the write pass may take them by position (true
    /// for a 0.10 line, which never is), whether it is a chatsky 0.10 context, and the legacy
    /// document's top-level keys that are not fields of its target Context (refused with
    /// `--strict`).
    fn check(&self, line: &str) -> Result<Checked, String> {
        if self.hashes(line, false)?.is_some() {
            return Ok(Checked {
                positional: true,
                hashes: true,
                unknown: Vec::new(),
            });
        }
        let (positional, unknown) = self.check_legacy(line)?;
        Ok(Checked {
            positional,
            hashes: false,
            unknown,
        })
    }

    fn check_legacy(&self, line: &str) -> Result<(bool, Vec<String>), String> {
        if self.layout == Asked::V010 {
            return Err(
                "a legacy context, and --layout is 0.10: `chatsky-redis convert --to 0.10` turns \
                 it into a 0.10 one"
                    .into(),
            );
        }
        let (key, unknown, text) = self.checked(line, false, |doc, options| {
            model::validate(doc, options)?;
            let unknown = doc
                .as_object()
                .map(|map| model::unknown_fields(map, options.schema))
                .unwrap_or_default();
            if self.strict && !unknown.is_empty() {
                return Err(model::ModelError {
                    path: unknown[0].to_string(),
                    message: format!(
                        "top-level {} (--strict refuses what Chatsky would drop)",
                        super::put::unknown_keys(&unknown, options.schema)
                    ),
                    reads: false,
                });
            }
            Ok(unknown.into_iter().map(str::to_string).collect())
        })?;
        let laid_out = match (self.positional(line), text) {
            (Some((k, doc)), Some(text)) => k == key && std::ptr::eq(doc.as_ref(), text),
            _ => false,
        };
        Ok((laid_out, unknown))
    }

    /// The key and the document of a line by where they stand, without parsing the line: in an
    /// export line with the key first and the document last, `{"key":KEY,"value":DOC}`; with
    /// `--key-field`, the key field as the document's first member (the whole line is stored).
    /// Only the key is parsed; `None` when the line is not laid out so.
    fn positional<'l>(&self, line: &'l str) -> Option<Item<'l>> {
        let rest = match &self.key_field {
            Some(field) => line
                .strip_prefix("{\"")?
                .strip_prefix(field.as_str())?
                .strip_prefix("\":")?,
            None => line.strip_prefix(EXPORT_KEY)?,
        };
        let (key, end) = model::scalar_at(line, line.len() - rest.len())?;
        let key = match (key, &self.key_field) {
            (Value::String(s), None) => s.into_cow(),
            (id, Some(_)) => id_key(id).ok()?,
            _ => return None,
        };
        let doc = match &self.key_field {
            Some(_) => line,
            None => line[end..].strip_prefix(EXPORT_VALUE)?.strip_suffix('}')?,
        };
        Some((key, Cow::Borrowed(doc)))
    }

    /// A 0.10 line's context checked as chatsky 0.10 reads it, with the fields to write
    /// (canonical with `--canonical` when `write`): `Ok(None)` for a legacy line.
    fn hashes(&self, line: &str, write: bool) -> Result<Option<Ready<'static>>, String> {
        if !self.may_be_010(line) {
            return Ok(None);
        }
        // Only the key and the prefix are built: the document is read value by value below.
        let split = self.split(line, false)?;
        let (text, form) = match &split.given {
            Given::Hashes(text) => (Cow::Borrowed(*text), Form::Hashes),
            Given::Parsed { text, .. } if split.prefix.is_some() || self.key_field.is_some() => {
                (Cow::Borrowed(*text), Form::Document)
            }
            Given::Raw(raw) if split.prefix.is_some() => (Cow::Owned(raw.clone()), Form::Document),
            _ => return Ok(None),
        };
        let key = split.key;
        if self.layout == Asked::Legacy {
            return Err(format!(
                "key {key:?}: a chatsky 0.10 context, and --layout is legacy: `chatsky-redis \
                 convert --to legacy` turns it into a legacy one"
            ));
        }
        let prefix = match split.prefix.filter(|_| !self.prefix_given) {
            Some(p) => Prefix::new(&p).map_err(|e| format!("key {key:?}: prefix: {e}"))?,
            None => self.prefix.clone(),
        };
        let options = Options {
            schema: Schema::V010,
            exponent: if write {
                model::exponent_for(self.exponent, text.as_bytes())
            } else {
                self.exponent
            },
            allow_unsafe_pickles: self.allow_unsafe_pickles,
        };
        // The write pass takes the values as pass 1 checked them, unless they are to be
        // written in canonical form.
        let fields = if write && !self.canonical {
            v010::fields(&text, form)
        } else {
            v010::decompose(&text, form, &options, write).map(|(fields, _)| fields)
        };
        let fields =
            fields.map_err(|e| format!("key {key:?}: not a valid chatsky 0.10 context {e}"))?;
        Ok(Some(Ready::Hashes(prefix, key, fields)))
    }

    /// Whether a line may hold a 0.10 context, cheaply: an export line whose key is followed by
    /// `value` or `raw` holds a legacy one, and so does a bare document (`--key-field`) with
    /// none of the main fields only 0.10 has at its top level.
    fn may_be_010(&self, line: &str) -> bool {
        if self.key_field.is_some() {
            const ONLY_010: [&str; 3] = ["current_turn_id", "created_at", "updated_at"];
            let named = |k: &str| memchr::memmem::find(line.as_bytes(), k.as_bytes()).is_some();
            if !ONLY_010.iter().any(|k| named(k)) {
                return false;
            }
            let mut top_level = false;
            let keys = model::object_keys(line.as_bytes(), |k| top_level |= ONLY_010.contains(&k));
            return keys.is_ok() && top_level;
        }
        let after_key = line
            .strip_prefix(EXPORT_KEY)
            .and_then(|rest| model::scalar_at(line, line.len() - rest.len()))
            .map(|(_, end)| &line[end..]);
        !after_key
            .is_some_and(|rest| rest.starts_with(EXPORT_VALUE) || rest.starts_with(",\"raw\":"))
    }

    /// What to store for a line already validated (the write pass). `positional`: pass 1 found
    /// every valid legacy line laid out for [`Self::positional`]; `hashes`: this line is a 0.10
    /// context.
    fn ready<'l>(
        &self,
        line: &'l str,
        positional: bool,
        hashes: bool,
    ) -> Result<Ready<'l>, String> {
        if hashes {
            return self
                .hashes(line, true)?
                .ok_or_else(|| "no longer a chatsky 0.10 context".into());
        }
        self.item(line, positional).map(Ready::Legacy)
    }

    /// Key and bytes to store of a legacy line already validated.
    fn item<'l>(&self, line: &'l str, positional: bool) -> Result<Item<'l>, String> {
        if self.canonical {
            let (key, canonical, _) = self.checked(line, true, model::canonicalize)?;
            return Ok((Cow::Owned(key), Cow::Owned(canonical.json)));
        }
        if let Some(item) = positional.then(|| self.positional(line)).flatten() {
            return Ok(item);
        }
        let Split { key, given, .. } = self.split(line, false)?;
        let stored = match given {
            Given::Parsed { text, .. } => Cow::Borrowed(text),
            Given::Raw(text) => Cow::Owned(text),
            Given::Hashes(_) => return Err("a chatsky 0.10 context".into()),
        };
        Ok((Cow::Owned(key), stored))
    }
}

pub async fn run(args: ImportArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut input = open_input(args.file.as_deref(), settings.stdin_tty)?;
    let size = input.metadata().map(|m| m.len()).ok();
    let stamp = file_stamp(&input);
    let mut conn = super::connect(settings).await?;
    let target = schema::resolve(&mut conn, args.write.schema, None).await?;
    if let Some(why) = &target.unsampled {
        eprintln!("chatsky-redis: note: {why}; each document's own shape decides its schema");
    }
    let reader = Reader {
        key_field: args.key_field.clone(),
        // With auto and nothing in the db to go by, each document's own shape decides.
        schema: (target.source != Source::Default).then_some(target.schema),
        exponent: args.write.float_exponent.into(),
        allow_unsafe_pickles: args.write.allow_unsafe_pickles,
        canonical: args.canonical,
        layout: settings.layout,
        prefix: settings.prefix.clone(),
        prefix_given: settings.prefix_given,
        strict: args.write.strict,
    };
    let mut report = ImportReport {
        dry_run: args.dry_run,
        ..ImportReport::default()
    };
    let _ctrl_c = interrupt::handle();
    let progress = bar(settings, args.quiet, size, "validating", true);
    let valid = validate_all(&reader, &mut input, &mut report, |n| progress.inc(n))?;
    progress.finish_and_clear();
    if report.interrupted {
        crate::output::say("interrupted while validating; nothing was written");
        emit(settings, &report)?;
        return Ok(Status::Interrupted);
    }
    for e in &report.errors {
        crate::output::say(&format!("invalid: {e}"));
    }
    for note in &report.unknown_keys {
        crate::output::note(note);
    }
    for hint in &valid.hints {
        crate::output::say(&format!("hint: {hint}"));
    }
    if report.invalid > 0 && !args.skip_invalid {
        crate::output::say(&format!(
            "{}; nothing was written (--skip-invalid writes the valid ones)",
            plural(report.invalid, "invalid line", "invalid lines")
        ));
    }
    if report.lines == 0 && !args.allow_empty {
        return Err(Error::Input(
            "no contexts in the input (it is empty or blank); nothing was written \
             (--allow-empty accepts that)"
                .into(),
        )
        .into());
    }
    if args.dry_run || (report.invalid > 0 && !args.skip_invalid) {
        emit(settings, &report)?;
        return Ok(if report.invalid > 0 {
            Status::Invalid
        } else {
            Status::Ok
        });
    }
    // The write pass reads the file again: refuse if it changed since it was validated.
    if file_stamp(&input) != stamp {
        return Err(Error::Input(
            "the input file changed while it was being validated; nothing was written".into(),
        )
        .into());
    }
    input.rewind()?;
    let progress = bar(settings, args.quiet, size, "writing", true);
    let sink = Sink {
        conn,
        if_absent: args.write.if_absent,
    };
    let written = write_all(reader, input, valid, sink, &mut report, &progress).await;
    progress.finish_and_clear();
    // Say how far it got before failing: those contexts are stored (each one whole).
    emit(settings, &report)?;
    written?;
    Ok(if report.interrupted {
        Status::Interrupted
    } else if report.invalid > 0 {
        Status::Invalid
    } else {
        Status::Ok
    })
}

/// Size and modification time, to notice a file that changes between the two passes.
fn file_stamp(file: &File) -> Option<(u64, std::time::SystemTime)> {
    let meta = file.metadata().ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The input as a seekable file: the named file, or stdin spooled to a temporary file.
fn open_input(path: Option<&std::path::Path>, stdin_tty: bool) -> Result<File, Error> {
    match path {
        Some(p) if p != std::path::Path::new("-") => {
            File::open(p).map_err(|e| Error::Input(format!("cannot read {}: {e}", p.display())))
        }
        _ => {
            if stdin_tty {
                crate::output::note("reading from stdin (Ctrl-D to end)");
            }
            let mut spool = tempfile::tempfile()
                .map_err(|e| Error::Input(format!("cannot spool stdin: {e}")))?;
            io::copy(&mut io::stdin().lock(), &mut spool)
                .map_err(|e| Error::Input(format!("cannot read stdin: {e}")))?;
            spool
                .rewind()
                .map_err(|e| Error::Input(format!("cannot spool stdin: {e}")))?;
            Ok(spool)
        }
    }
}

/// A line as text, or why it is not UTF-8 (which Chatsky could not decode either).
fn text(line: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(line).map_err(|e| {
        let at = e.valid_up_to();
        format!(
            "invalid UTF-8 at byte offset {at} of the line (byte 0x{:02x})",
            line[at]
        )
    })
}

/// Pass 1: validate every line.
///
/// This thread reads blocks of whole lines and hands them to one worker per core (at most
/// `MAX_WORKERS`) through a bounded queue, so reading overlaps checking and no worker waits for
/// another. Each worker keeps the message of its first `MAX_ERRORS` failures only (the first
/// `MAX_ERRORS` of the file are among them), and the number of every one in a compressed
/// bitmap: at most about a bit per line however many are invalid, so memory stays flat.
fn validate_all(
    reader: &Reader,
    input: &mut File,
    report: &mut ImportReport,
    progress: impl Fn(u64) + Sync,
) -> anyhow::Result<Valid> {
    /// Every failing line's number, and the first `MAX_ERRORS` with their message; and the
    /// numbers of the valid 0.10 lines, and the top-level keys that valid lines have beyond their
    /// Context's fields.
    #[derive(Default)]
    struct Failures {
        lines: RoaringTreemap,
        first: Vec<(usize, String)>,
        hashes: RoaringTreemap,
        unknown: UnknownKeys,
        /// What the first failing lines look like, for a hint.
        shapes: Shapes,
    }
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(MAX_WORKERS));
    let (send, queue) = std::sync::mpsc::sync_channel::<Chunk>(workers);
    let queue = std::sync::Mutex::new(queue);
    let (queue, progress) = (&queue, &progress);
    let scoped = std::thread::scope(|s| -> anyhow::Result<(u64, Failures, bool)> {
        let mut handles = Vec::with_capacity(workers);
        for _ in 0..workers {
            let spawned = std::thread::Builder::new().spawn_scoped(s, move || {
                let (mut lines, mut failures, mut positional) = (0u64, Failures::default(), true);
                loop {
                    // The lock is held only to take the next chunk.
                    let next = queue.lock().map_or(None, |q| q.recv().ok());
                    let Some(chunk) = next else {
                        return (lines, failures, positional);
                    };
                    for (n, line) in chunk.lines() {
                        lines += 1;
                        // A panic is a bug in this tool, not in the line; still, the line
                        // was not checked, so it must not be written.
                        let checked = std::panic::catch_unwind(|| reader.check(text(line)?))
                            .unwrap_or_else(|_| {
                                Err("internal error while validating this line".into())
                            });
                        match checked {
                            Ok(checked) => {
                                positional &= checked.positional;
                                if checked.hashes {
                                    failures.hashes.insert(n as u64);
                                }
                                failures.unknown.add(n, checked.unknown);
                            }
                            Err(e) => {
                                failures.lines.insert(n as u64);
                                if failures.first.len() < MAX_ERRORS {
                                    failures.shapes.see(reader, line);
                                    failures.first.push((n, e));
                                }
                            }
                        }
                    }
                    progress(chunk.bytes());
                }
            });
            match spawned {
                Ok(handle) => handles.push(handle),
                // Short of threads (a process or memory limit): fewer workers still check every
                // line.
                Err(_) if !handles.is_empty() => break,
                Err(e) => {
                    return Err(Error::Input(format!(
                        "cannot start a validation thread: {e}; nothing was written"
                    ))
                    .into())
                }
            }
        }
        let mut result = Ok(());
        for chunk in Chunks::new(&mut *input) {
            if interrupt::requested() {
                break;
            }
            match chunk {
                Ok(chunk) => {
                    if send.send(chunk).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    result = Err(Error::Input(format!("cannot read the input: {e}")).into());
                    break;
                }
            }
        }
        drop(send);
        let (mut lines, mut failures, mut positional) = (0, Failures::default(), true);
        for handle in handles {
            // A worker that died left lines unchecked: nothing may be written.
            let (n, failed, laid_out) = handle.join().map_err(|_| {
                anyhow::anyhow!("internal error: a validation worker stopped; nothing was written")
            })?;
            lines += n;
            failures.lines |= failed.lines;
            failures.hashes |= failed.hashes;
            failures.first.extend(failed.first);
            failures.unknown.merge(failed.unknown);
            failures.shapes.pretty |= failed.shapes.pretty;
            failures.shapes.bare |= failed.shapes.bare;
            positional &= laid_out;
        }
        result.map(|()| (lines, failures, positional))
    });
    let (lines, mut failures, positional) = scoped?;
    if interrupt::requested() {
        report.interrupted = true;
    }
    report.lines += lines;
    report.invalid += failures.lines.len();
    failures.first.sort_unstable_by_key(|(n, _)| *n);
    // The first MAX_ERRORS by line number all kept their message.
    report.errors.extend(
        failures
            .first
            .iter()
            .take(MAX_ERRORS)
            .map(|(n, e)| format!("line {n}: {e}")),
    );
    report.unknown_keys = failures.unknown.notes();
    Ok(Valid {
        invalid: failures.lines,
        hashes: failures.hashes,
        positional,
        hints: failures.shapes.hints(),
    })
}

/// What invalid lines look like when the input is not JSON Lines as `import` reads them.
#[derive(Default)]
struct Shapes {
    /// A document spread over lines (`{` alone, an indented member).
    pretty: bool,
    /// A bare context, given without `--key-field`.
    bare: bool,
}

impl Shapes {
    fn see(&mut self, reader: &Reader, line: &[u8]) {
        let Ok(line) = std::str::from_utf8(line) else {
            return;
        };
        let trimmed = line.trim();
        let opens = matches!(trimmed, "{" | "}" | "[" | "]" | "}," | "],");
        if opens || (line.starts_with([' ', '\t']) && trimmed.starts_with('"')) {
            self.pretty = true;
        } else if reader.key_field.is_none() && !self.bare {
            self.bare = model::parse_str(line)
                .is_ok_and(|doc| model::is_context(&doc) && doc.get("key").is_none());
        }
    }

    fn hints(&self) -> Vec<&'static str> {
        let mut hints = Vec::new();
        if self.pretty {
            hints.push(
                "import reads one document per line (JSON Lines, as `export` writes them); this \
                 input looks pretty-printed: put each document on one line, e.g. `jq -c .`",
            );
        }
        if self.bare {
            hints.push(
                "these lines look like bare contexts rather than export lines: `--key-field id` \
                 takes each one's key from its `id`",
            );
        }
        hints
    }
}

/// Top-level keys of valid lines that their Context does not have, by name: how many lines have
/// each, and the first. At most `MAX_UNKNOWN` names are kept, so memory stays flat.
#[derive(Default)]
struct UnknownKeys(std::collections::BTreeMap<String, (u64, usize)>);

/// Names of unknown top-level keys noted at most.
const MAX_UNKNOWN: usize = 20;

impl UnknownKeys {
    fn add(&mut self, line: usize, keys: Vec<String>) {
        for key in keys {
            self.count(key, 1, line);
        }
    }

    fn count(&mut self, key: String, lines: u64, first: usize) {
        let full = self.0.len() >= MAX_UNKNOWN;
        match self.0.get_mut(&key) {
            Some((n, at)) => {
                *n += lines;
                *at = (*at).min(first);
            }
            None if full => {}
            None => {
                self.0.insert(key, (lines, first));
            }
        }
    }

    fn merge(&mut self, other: UnknownKeys) {
        for (key, (lines, first)) in other.0 {
            self.count(key, lines, first);
        }
    }

    /// One note per key, for stderr.
    fn notes(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|(key, (n, first))| {
                let lines = if *n == 1 {
                    format!("line {first}")
                } else {
                    format!("{n} lines (the first: line {first})")
                };
                format!(
                    "top-level key {key:?} on {lines} is not a field of the target Chatsky \
                     Context: Chatsky drops it when it reads the context; stored as given \
                     (--canonical drops it, --strict refuses such lines)"
                )
            })
            .collect()
    }
}

/// What pass 1 found out about the lines, for pass 2.
struct Valid {
    /// The numbers of the invalid lines.
    invalid: RoaringTreemap,
    /// The numbers of the valid chatsky 0.10 lines.
    hashes: RoaringTreemap,
    /// Every valid line is laid out for [`Reader::positional`].
    positional: bool,
    /// What to say about the input's shape when lines were invalid.
    hints: Vec<&'static str>,
}

/// Where pass 2 writes, and when it must stop.
struct Sink {
    conn: Connection,
    if_absent: bool,
}

/// Pass 2: read the valid lines again and write them in batches, several in flight.
/// Ctrl-C stops sending new batches; the ones in flight finish, and the report says what was written.
async fn write_all(
    reader: Reader,
    mut input: File,
    lines: Valid,
    sink: Sink,
    report: &mut ImportReport,
    progress: &indicatif::ProgressBar,
) -> anyhow::Result<()> {
    let if_absent = sink.if_absent;
    let (tx, mut rx) = mpsc::channel::<anyhow::Result<(Writes, u64)>>(IN_FLIGHT);
    // Reading lines, finding their keys and values (canonicalising them with --canonical) and
    // encoding the commands is CPU work: keep it off the async threads.
    let producer = tokio::task::spawn_blocking(move || {
        let send = |batch| tx.blocking_send(batch).map_err(drop);
        // Input bytes read since the last batch, for progress.
        let mut bytes = 0;
        for chunk in Chunks::new(&mut input) {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => return send(Err(e.into())),
            };
            bytes += chunk.bytes();
            // A batch ends with its chunk, whose lines it borrows.
            let mut items: Vec<Ready> = Vec::with_capacity(BATCH);
            let mut valid = chunk
                .lines()
                .filter(|(n, _)| !lines.invalid.contains(*n as u64))
                .peekable();
            while let Some((n, line)) = valid.next() {
                let hashes = lines.hashes.contains(n as u64);
                match text(line).and_then(|line| reader.ready(line, lines.positional, hashes)) {
                    Ok(item) => items.push(item),
                    Err(e) => {
                        return send(Err(anyhow::anyhow!(
                            "line {n} changed while importing: {e}"
                        )))
                    }
                }
                if items.len() == BATCH || valid.peek().is_none() {
                    send(Ok((encode(&items, if_absent), std::mem::take(&mut bytes))))?;
                    items.clear();
                }
            }
        }
        Ok(())
    });
    let mut in_flight: JoinSet<anyhow::Result<(u64, u64)>> = JoinSet::new();
    // After a failure no batch is sent, but every batch already sent is waited for, so that the
    // report counts each one the server stored; then the first failure is returned.
    let mut failed = None;
    while let Some(batch) = rx.recv().await {
        if interrupt::requested() {
            report.interrupted = true;
            break;
        }
        let (writes, bytes) = match batch {
            Ok(batch) => batch,
            Err(e) => {
                failed = Some(e);
                break;
            }
        };
        if in_flight.len() >= IN_FLIGHT {
            if let Err(e) = settle(in_flight.join_next().await, report) {
                failed = Some(e);
                break;
            }
        }
        let mut conn = sink.conn.clone();
        in_flight.spawn(async move {
            let written = legacy::store(&mut conn, &writes.legacy).await?
                + hashes::store(&mut conn, &writes.hashes, if_absent).await?;
            Ok((written, writes.len() - written))
        });
        progress.inc(bytes);
    }
    drop(rx);
    while let Some(done) = in_flight.join_next().await {
        if let Err(e) = settle(Some(done), report) {
            failed.get_or_insert(e);
        }
    }
    let _ = producer.await;
    failed.map_or(Ok(()), Err)
}

/// One batch's writes: the legacy contexts in one command, the 0.10 ones in one transaction.
struct Writes {
    legacy: legacy::Batch,
    hashes: hashes::Batch,
}

impl Writes {
    fn len(&self) -> u64 {
        (self.legacy.len() + self.hashes.len()) as u64
    }
}

/// One batch's commands, the legacy one sized to hold it without growing.
fn encode(items: &[Ready], if_absent: bool) -> Writes {
    let legacy_items = || {
        items.iter().filter_map(|r| match r {
            Ready::Legacy(item) => Some(item),
            Ready::Hashes(..) => None,
        })
    };
    let bytes = legacy_items().map(|(k, v)| k.len() + v.len()).sum();
    let mut legacy = legacy::Batch::new(if_absent, legacy_items().count(), bytes);
    for (key, stored) in legacy_items() {
        legacy.push(key.as_bytes(), stored.as_bytes());
    }
    let mut hashes = hashes::Batch::new();
    for ready in items {
        if let Ready::Hashes(prefix, id, fields) = ready {
            hashes.push(prefix, id, fields);
        }
    }
    Writes { legacy, hashes }
}

fn settle(
    done: Option<Result<anyhow::Result<(u64, u64)>, tokio::task::JoinError>>,
    report: &mut ImportReport,
) -> anyhow::Result<()> {
    if let Some(done) = done {
        let (written, kept) = done??;
        report.written += written;
        report.kept_existing += kept;
    }
    Ok(())
}
