//! `import [FILE|-]`: JSON Lines as `export` writes them (`{"key", "value"}` or `{"key", "raw"}`),
//! or bare documents with `--key-field`. Every line is validated with the document model before
//! anything is written; by default one invalid line means nothing is written. Writes go out as
//! atomic batches (one MSET each), several in flight, so no context is ever half-written.
//!
//! Memory stays flat: the input is streamed twice (validate, then write); stdin, a pipe or any
//! other input that is not a regular file is spooled to a temporary file for the second pass.
//! The write pass checks each block against the digest the validation pass took of it, so that
//! a file rewritten in between is not written unchecked.

mod chunks;

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Seek};
use std::sync::atomic::{AtomicBool, Ordering};

use roaring::RoaringTreemap;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::cli::ImportArgs;
use crate::error::{Error, Status};
use crate::model::{self, Options, Schema, Value};
use crate::output::progress::bar;
use crate::output::reports::ImportReport;
use crate::output::{emit, terminal_safe};
use crate::settings::Settings;

use super::schema::Source;
use crate::storage::{Storage, Writes};
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

/// A line ready to store: its key and the bytes to store (as given, or canonical).
type Item<'l> = (Cow<'l, str>, Cow<'l, str>);

/// How lines are read and checked; shared by both passes.
struct Reader {
    key_field: Option<String>,
    /// The schema to write; `None` lets each document's own shape decide (`--schema auto` with
    /// nothing in the database to go by).
    schema: Option<Schema>,
    exponent: model::ExponentStyle,
    allow_unsafe_pickles: bool,
    pickle_globals: model::pickle::Patterns,
    canonical: bool,
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

/// A line's document as given: parsed in place, or the text of a `raw` field still to parse.
enum Given<'l> {
    Parsed { text: &'l str, doc: Value<'l> },
    Raw(String),
}

impl Reader {
    /// Key and document of a line, as given. Without `build` the document is checked as JSON
    /// but not built (the write pass, after validation): it is then `null`.
    fn split<'l>(&self, line: &'l str, build: bool) -> Result<(String, Given<'l>), String> {
        match &self.key_field {
            Some(field) => {
                // The write pass only needs the key; a repeated field counts by its last value,
                // as in the parsed document (a Python dict).
                let (doc, id) = if build {
                    let doc = model::parse_str(line).map_err(|e| e.to_string())?;
                    let id = doc.get(field).cloned();
                    (doc, id)
                } else {
                    let members =
                        model::parse_members(line, |k| k == field).map_err(|e| e.to_string())?;
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
                    None => return Err(format!("no `{field}` field to take the key from")),
                };
                Ok((key, Given::Parsed { text: line, doc }))
            }
            None => {
                let members = model::parse_members(line, |k| build || k != "value")
                    .map_err(|e| format!("not an export line {{\"key\", \"value\"}}: {e}"))?;
                let (mut key, mut given, mut raw) = (None, None, None);
                for m in members {
                    match m.key.as_str() {
                        "key" => key = Some(m.value),
                        "value" => given = Some((m.text, m.value)),
                        "raw" => raw = Some(m.value),
                        _ => {}
                    }
                }
                let key = match key {
                    Some(Value::String(k)) => k.to_string(),
                    Some(other) => return Err(format!("`key` is {other}, not a string")),
                    None => return Err("not an export line {\"key\", \"value\"}: no `key`".into()),
                };
                match (given, raw) {
                    (Some((text, doc)), None) => Ok((key, Given::Parsed { text, doc })),
                    (None, Some(Value::String(raw))) => Ok((key, Given::Raw(raw.to_string()))),
                    (None, Some(other)) => Err(format!("`raw` is {other}, not a string")),
                    _ => Err("a line needs exactly one of `value` and `raw`".into()),
                }
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
        let (key, given) = self.split(line, true)?;
        let raw;
        let (text, doc, in_line) = match given {
            Given::Parsed { text, doc } => (text, doc, Some(text)),
            Given::Raw(text) => {
                raw = text;
                let doc = model::parse_str(&raw).map_err(|e| format!("key {key:?}: raw: {e}"))?;
                (raw.as_str(), doc, None)
            }
        };
        if !doc.is_object() {
            return Err(format!(
                "key {key:?}: value: a Chatsky context is a JSON object"
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
            pickle_globals: self.pickle_globals.clone(),
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
    /// document in it as parsing does, so that the write pass may take them by position.
    fn check(&self, line: &str) -> Result<bool, String> {
        let (key, (), text) = self.checked(line, false, |doc, options| {
            model::validate(doc, options).map(drop)
        })?;
        Ok(match (self.positional(line), text) {
            (Some((k, doc)), Some(text)) => k == key && std::ptr::eq(doc.as_ref(), text),
            _ => false,
        })
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

    /// Key and bytes to store of a line already validated (the write pass). `positional`: pass
    /// 1 found every valid line laid out for [`Self::positional`].
    fn item<'l>(&self, line: &'l str, positional: bool) -> Result<Item<'l>, String> {
        if self.canonical {
            let (key, canonical, _) = self.checked(line, true, model::canonicalize)?;
            return Ok((Cow::Owned(key), Cow::Owned(canonical.json)));
        }
        if let Some(item) = positional.then(|| self.positional(line)).flatten() {
            return Ok(item);
        }
        let (key, given) = self.split(line, false)?;
        let stored = match given {
            Given::Parsed { text, .. } => Cow::Borrowed(text),
            Given::Raw(text) => Cow::Owned(text),
        };
        Ok((Cow::Owned(key), stored))
    }
}

pub async fn run(args: ImportArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut input = open_input(args.file.as_deref())?;
    let size = input.metadata().map(|m| m.len()).ok();
    let stamp = file_stamp(&input);
    let mut storage = super::connect(settings).await?;
    let target = super::schema::resolve(&mut storage, args.write.schema, None).await?;
    let reader = Reader {
        key_field: args.key_field.clone(),
        // With auto and nothing in the db to go by, each document's own shape decides.
        schema: (target.source != Source::Default).then_some(target.schema),
        exponent: args.write.float_exponent.into(),
        allow_unsafe_pickles: args.write.allow_unsafe_pickles,
        pickle_globals: args.write.pickle_globals(),
        canonical: args.canonical,
    };
    let mut report = ImportReport {
        dry_run: args.dry_run,
        ..ImportReport::default()
    };
    let stop = super::stop_on_ctrl_c();
    let progress = bar(settings, args.quiet, size, "validating", true);
    let valid = validate_all(&reader, &mut input, &mut report, &stop, |n| progress.inc(n))?;
    progress.finish_and_clear();
    if report.interrupted {
        eprintln!("chatsky-redis: interrupted while validating; nothing was written");
        emit(settings, &report)?;
        return Ok(Status::Interrupted);
    }
    for e in &report.errors {
        eprintln!("chatsky-redis: invalid: {}", terminal_safe(e));
    }
    if report.invalid > 0 && !args.skip_invalid {
        eprintln!("chatsky-redis: {} invalid line(s); nothing was written (--skip-invalid writes the valid ones)", report.invalid);
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
        storage,
        if_absent: args.write.if_absent,
        stop: &stop,
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

/// The input as a seekable file: the named regular file, or anything else (stdin, a pipe,
/// `/dev/stdin`, `<(…)`) spooled to a temporary file.
fn open_input(path: Option<&std::path::Path>) -> Result<File, Error> {
    match path {
        Some(p) if p != std::path::Path::new("-") => {
            let file = File::open(p)
                .map_err(|e| Error::Input(format!("cannot read {}: {e}", p.display())))?;
            if file.metadata().is_ok_and(|m| m.file_type().is_file()) {
                Ok(file)
            } else {
                spool(file, &p.display().to_string())
            }
        }
        _ => spool(io::stdin().lock(), "stdin"),
    }
}

/// A copy of a stream in a temporary file, rewound.
fn spool(mut from: impl io::Read, name: &str) -> Result<File, Error> {
    let mut spool =
        tempfile::tempfile().map_err(|e| Error::Input(format!("cannot spool {name}: {e}")))?;
    io::copy(&mut from, &mut spool)
        .map_err(|e| Error::Input(format!("cannot read {name}: {e}")))?;
    spool
        .rewind()
        .map_err(|e| Error::Input(format!("cannot spool {name}: {e}")))?;
    Ok(spool)
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
    stop: &AtomicBool,
    progress: impl Fn(u64) + Sync,
) -> anyhow::Result<Valid> {
    /// Every failing line's number, and the first `MAX_ERRORS` with their message.
    #[derive(Default)]
    struct Failures {
        lines: RoaringTreemap,
        first: Vec<(usize, String)>,
    }
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(MAX_WORKERS));
    let (send, queue) = std::sync::mpsc::sync_channel::<Chunk>(workers);
    let queue = std::sync::Mutex::new(queue);
    let (queue, progress) = (&queue, &progress);
    let mut digests = Vec::new();
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
                            Ok(laid_out) => positional &= laid_out,
                            Err(e) => {
                                failures.lines.insert(n as u64);
                                if failures.first.len() < MAX_ERRORS {
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
            if stop.load(Ordering::SeqCst) {
                break;
            }
            match chunk {
                Ok(chunk) => {
                    digests.push(chunk.digest());
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
            failures.first.extend(failed.first);
            positional &= laid_out;
        }
        result.map(|()| (lines, failures, positional))
    });
    let (lines, mut failures, positional) = scoped?;
    if stop.load(Ordering::SeqCst) {
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
    Ok(Valid {
        invalid: failures.lines,
        positional,
        digests,
    })
}

/// What pass 1 found out about the lines, for pass 2.
struct Valid {
    /// The numbers of the invalid lines.
    invalid: RoaringTreemap,
    /// Every valid line is laid out for [`Reader::positional`].
    positional: bool,
    /// Each block's digest, in order.
    digests: Vec<blake3::Hash>,
}

/// Where pass 2 writes, and when it must stop.
struct Sink<'a> {
    storage: Storage,
    if_absent: bool,
    stop: &'a AtomicBool,
}

/// Pass 2: read the valid lines again and write them in batches, several in flight.
/// Ctrl-C stops sending new batches; the ones in flight finish, and the report says what was written.
async fn write_all(
    reader: Reader,
    mut input: File,
    lines: Valid,
    sink: Sink<'_>,
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
        let blocks = lines.digests.len();
        let mut read = 0;
        for (k, chunk) in Chunks::new(&mut input).enumerate() {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => return send(Err(e.into())),
            };
            read = k + 1;
            // Nothing of a block that differs from what was validated is sent.
            if lines.digests.get(k) != Some(&chunk.digest()) {
                return send(Err(changed(k, blocks)));
            }
            bytes += chunk.bytes();
            // A batch ends with its chunk, whose lines it borrows.
            let mut items: Vec<Item> = Vec::with_capacity(BATCH);
            let mut valid = chunk
                .lines()
                .filter(|(n, _)| !lines.invalid.contains(*n as u64))
                .peekable();
            while let Some((n, line)) = valid.next() {
                match text(line).and_then(|line| reader.item(line, lines.positional)) {
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
        if read != blocks {
            return send(Err(changed(read, blocks)));
        }
        Ok(())
    });
    let mut in_flight: JoinSet<anyhow::Result<(u64, u64)>> = JoinSet::new();
    // After a failure no batch is sent, but every batch already sent is waited for, so that the
    // report counts each one the server stored; then the first failure is returned.
    let mut failed = None;
    while let Some(batch) = rx.recv().await {
        if sink.stop.load(Ordering::SeqCst) {
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
        let mut storage = sink.storage.clone();
        in_flight.spawn(async move {
            let written = storage.store(&writes).await?;
            Ok((written, writes.len() as u64 - written))
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

/// The input no longer holds what was validated, from block `k` (0-based) on.
fn changed(k: usize, blocks: usize) -> anyhow::Error {
    Error::Input(format!(
        "the input changed while it was imported: from block {} of {blocks} (1 MiB each) it is \
         not what was validated; nothing from there on was written",
        k + 1
    ))
    .into()
}

/// One batch's command, sized to hold it without growing.
fn encode(items: &[Item], if_absent: bool) -> Writes {
    let bytes = items.iter().map(|(k, v)| k.len() + v.len()).sum();
    let mut writes = Writes::new(if_absent, items.len(), bytes);
    for (key, stored) in items {
        writes.push(key.as_bytes(), stored.as_bytes());
    }
    writes
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
