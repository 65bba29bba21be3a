//! `convert --to 0.10|legacy [FILE|-]`: export lines of one layout as export lines of the other,
//! with no Redis; each context goes through `model::convert`, as `migrate` does. Lines already in
//! the target layout are copied as they are. The output is written to a temporary file (beside
//! `-o FILE`, or spooled for stdout) and put in place only once every line converted: an invalid
//! line (without `--skip-invalid`), Ctrl-C or a full disk leaves nothing half-written.
//!
//! Lines are read in blocks and converted on every core (at most 8), and written in input order.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use tempfile::NamedTempFile;

use crate::cli::{ConversionOpts, ConvertArgs, ToLayout};
use crate::error::{Error, Status};
use crate::interrupt;
use crate::model::convert::{self, StartLabel, ToLegacy, ToV010};
use crate::model::pickle::Patterns;
use crate::model::v010::{self, Fields, Form, Stored};
use crate::model::Schema;
use crate::output::migrate::{ConvertReport, Notes, MAX_LISTED};
use crate::output::progress::bar;
use crate::output::{emit, json_line};
use crate::settings::Settings;
use crate::store::lines::{self, Given};
use crate::store::Prefix;

use super::import::chunks::{Chunk, Chunks};

/// Threads converting at most.
const MAX_WORKERS: usize = 8;
/// Buffer of the output.
const BUFFER: usize = 1 << 20;

/// What `migrate` and `convert` convert into, resolved from their flags.
pub(super) struct Plan {
    pub to: ToLayout,
    /// The version written for: 0.10, or the legacy one.
    pub schema: Schema,
    /// The 0.10 prefix: written into with `--to 0.10`, read from with `--to legacy`.
    pub prefix: Prefix,
    /// `--prefix` as given (with `--to legacy`, `convert` takes only that prefix's lines).
    pub prefix_given: bool,
    pub start_label: Option<StartLabel>,
    /// The migration time, nanoseconds since the epoch.
    pub now: u128,
    pub allow_unsafe_pickles: bool,
    pub pickle_globals: Patterns,
}

impl Plan {
    pub fn new(opts: &ConversionOpts, settings: &Settings) -> Result<Plan, Error> {
        let schema = match (opts.to, opts.schema) {
            (ToLayout::V010, Some(_)) => {
                return Err(Error::Usage(
                    "--schema is for --to legacy (0.8 or 0.9); --to 0.10 writes chatsky 0.10"
                        .into(),
                ))
            }
            (ToLayout::V010, None) => Schema::V010,
            (ToLayout::Legacy, schema) => schema.map_or(Schema::V09, Schema::from),
        };
        if opts.to == ToLayout::Legacy && opts.start_label.is_some() {
            return Err(Error::Usage(
                "--start-label is for --to 0.10: legacy contexts of 0.9 keep the one they have, \
                 and 0.8 stores none"
                    .into(),
            ));
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Ok(Plan {
            to: opts.to,
            schema,
            prefix: settings.prefix.clone(),
            prefix_given: settings.prefix_given,
            start_label: opts.start_label.clone(),
            now,
            allow_unsafe_pickles: opts.pickles.allow_unsafe_pickles,
            pickle_globals: opts.pickles.pickle_globals(),
        })
    }

    pub fn to_v010(&self) -> ToV010<'_> {
        ToV010 {
            start_label: self.start_label.as_ref(),
            now: self.now,
            allow_unsafe_pickles: self.allow_unsafe_pickles,
            pickle_globals: &self.pickle_globals,
        }
    }

    pub fn to_legacy(&self) -> ToLegacy<'_> {
        ToLegacy {
            schema: self.schema,
            allow_unsafe_pickles: self.allow_unsafe_pickles,
            pickle_globals: &self.pickle_globals,
        }
    }

    /// `0.10` or `legacy`.
    pub fn target_name(&self) -> &'static str {
        match self.to {
            ToLayout::V010 => "0.10",
            ToLayout::Legacy => "legacy",
        }
    }
}

/// Fields as the hashes that hold them, for `v010::compose`.
pub(super) fn stored(fields: &Fields) -> Stored {
    let hash = |pairs: &mut dyn Iterator<Item = (&str, &str)>| {
        pairs
            .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
            .collect()
    };
    Stored {
        main: hash(&mut fields.main.iter().map(|(k, v)| (*k, v.as_str()))),
        turns: [0, 1, 2].map(|i| {
            hash(
                &mut fields.turns[i]
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            )
        }),
        ..Stored::default()
    }
}

pub async fn run(args: ConvertArgs, settings: &Settings) -> anyhow::Result<Status> {
    let plan = Plan::new(&args.conversion, settings)?;
    let (input, size) = open_input(args.file.as_deref(), settings.stdin_tty)?;
    let mut sink = Sink::open(args.output.as_deref(), args.private)?;
    let _ctrl_c = interrupt::handle();
    let progress = bar(settings, args.quiet, size, "converting", true);
    let skip_invalid = args.skip_invalid;
    let (sink_back, report) = tokio::task::spawn_blocking(move || {
        let mut report = ConvertReport {
            to: plan.target_name(),
            schema: plan.schema.to_string(),
            ..ConvertReport::default()
        };
        let done = convert_all(&plan, input, &mut sink, skip_invalid, &mut report, |n| {
            progress.inc(n)
        });
        progress.finish_and_clear();
        done.map(|()| (sink, report))
    })
    .await??;
    finish(args, settings, sink_back, report)
}

/// After converting: say what was wrong, then put the output in place or leave nothing.
fn finish(
    args: ConvertArgs,
    settings: &Settings,
    sink: Sink,
    mut report: ConvertReport,
) -> anyhow::Result<Status> {
    for e in &report.errors {
        crate::output::say(&format!("invalid: {e}"));
    }
    for note in report.notes.lines() {
        crate::output::note(&note);
    }
    if report.lines == 0 && !args.allow_empty && !report.interrupted {
        return Err(Error::Input(
            "no contexts in the input (it is empty or blank); nothing was written \
             (--allow-empty accepts that)"
                .into(),
        )
        .into());
    }
    let refused = report.invalid > 0 && !args.skip_invalid;
    if refused || report.interrupted {
        report.nothing_written = true;
        let why = match report.interrupted {
            true => "interrupted".to_string(),
            false => format!(
                "{} invalid; nothing was written (--skip-invalid writes the others)",
                crate::output::plural(report.invalid, "line is", "lines are")
            ),
        };
        crate::output::say(&why);
    } else {
        sink.finish()?;
    }
    tell(args.output.is_some(), settings, &report)?;
    Ok(if report.interrupted {
        Status::Interrupted
    } else if report.invalid > 0 {
        Status::Invalid
    } else {
        Status::Ok
    })
}

/// The report: on stdout with `-o`; on stderr when stdout carries the lines.
fn tell(to_file: bool, settings: &Settings, report: &ConvertReport) -> io::Result<()> {
    if to_file {
        return emit(settings, report);
    }
    let mut err = io::stderr().lock();
    let _ = match settings.format {
        Some(_) => json_line(&mut err, report),
        None => crate::output::plain(&mut err, report),
    };
    Ok(())
}

/// The input and its size (for progress): the named file, or stdin.
fn open_input(
    path: Option<&Path>,
    stdin_tty: bool,
) -> Result<(Box<dyn Read + Send>, Option<u64>), Error> {
    match path {
        Some(p) if p != Path::new("-") => {
            let file = File::open(p)
                .map_err(|e| Error::Input(format!("cannot read {}: {e}", p.display())))?;
            let size = file.metadata().map(|m| m.len()).ok();
            Ok((Box::new(file), size))
        }
        _ => {
            if stdin_tty {
                crate::output::note("reading from stdin (Ctrl-D to end)");
            }
            Ok((Box::new(io::stdin()), None))
        }
    }
}

/// One block of lines, converted.
#[derive(Default)]
struct Block {
    out: Vec<u8>,
    lines: u64,
    converted: u64,
    copied: u64,
    invalid: Vec<(usize, String)>,
    invalid_count: u64,
    notes: Notes,
}

/// Convert every line: blocks go to one worker per core, and come back written in input order.
fn convert_all(
    plan: &Plan,
    input: Box<dyn Read + Send>,
    sink: &mut Sink,
    skip_invalid: bool,
    report: &mut ConvertReport,
    progress: impl Fn(u64),
) -> anyhow::Result<()> {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(MAX_WORKERS));
    let (work, queue) = mpsc::sync_channel::<(usize, Chunk)>(workers);
    let queue = std::sync::Mutex::new(queue);
    let (done_tx, done) = mpsc::channel::<(usize, Block)>();
    std::thread::scope(|s| -> anyhow::Result<()> {
        for _ in 0..workers {
            let (queue, done_tx) = (&queue, done_tx.clone());
            s.spawn(move || loop {
                let next = queue.lock().map_or(None, |q| q.recv().ok());
                let Some((seq, chunk)) = next else {
                    return;
                };
                if done_tx.send((seq, block(plan, &chunk))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let mut order = InOrder::default();
        let mut result = Ok(());
        for (seq, chunk) in Chunks::new(input).enumerate() {
            if interrupt::requested() {
                report.interrupted = true;
                break;
            }
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => {
                    result = Err(Error::Input(format!("cannot read the input: {e}")).into());
                    break;
                }
            };
            progress(chunk.bytes());
            if work.send((seq, chunk)).is_err() {
                break;
            }
            // Bound what waits to be written: a few blocks per worker.
            while seq + 1 - order.next > 2 * workers {
                let Ok((n, b)) = done.recv() else { break };
                order.put(n, b, sink, skip_invalid, report)?;
            }
        }
        drop(work);
        for (n, b) in done.iter() {
            order.put(n, b, sink, skip_invalid, report)?;
        }
        result
    })
}

/// Blocks that came back early wait here for those before them.
#[derive(Default)]
struct InOrder {
    next: usize,
    waiting: BTreeMap<usize, Block>,
}

impl InOrder {
    fn put(
        &mut self,
        seq: usize,
        block: Block,
        sink: &mut Sink,
        skip_invalid: bool,
        report: &mut ConvertReport,
    ) -> anyhow::Result<()> {
        self.waiting.insert(seq, block);
        while let Some(b) = self.waiting.remove(&self.next) {
            self.next += 1;
            report.lines += b.lines;
            report.converted += b.converted;
            report.copied += b.copied;
            report.invalid += b.invalid_count;
            for (n, e) in b.invalid {
                if report.errors.len() < MAX_LISTED {
                    report.errors.push(format!("line {n}: {e}"));
                }
            }
            report.notes.merge(b.notes);
            // Output that will be thrown away is not written.
            if report.invalid == 0 || skip_invalid {
                sink.write_all(&b.out).context("cannot write the output")?;
            }
        }
        Ok(())
    }
}

/// Convert the lines of one block.
fn block(plan: &Plan, chunk: &Chunk) -> Block {
    let mut b = Block::default();
    for (n, line) in chunk.lines() {
        b.lines += 1;
        let before = b.out.len();
        let converted = std::str::from_utf8(line)
            .map_err(|e| {
                format!(
                    "invalid UTF-8 at byte offset {} of the line",
                    e.valid_up_to()
                )
            })
            .and_then(|line| {
                // A panic is a bug in this tool, not in the line; still, the line is not written.
                let out = std::panic::AssertUnwindSafe(&mut b.out);
                std::panic::catch_unwind(move || {
                    let out = out;
                    one_line(plan, line, out.0)
                })
                .unwrap_or_else(|_| Err("internal error while converting this line".into()))
            });
        if converted.is_err() {
            b.out.truncate(before);
        }
        match converted {
            Ok(Done::Converted(key, notes)) => {
                b.converted += 1;
                b.notes.add(&key, &notes);
            }
            Ok(Done::Copied) => b.copied += 1,
            Err(e) => {
                b.invalid_count += 1;
                if b.invalid.len() < MAX_LISTED {
                    b.invalid.push((n, e));
                }
            }
        }
    }
    b
}

/// What became of one line.
enum Done {
    /// Converted: the key, and the notes.
    Converted(String, Vec<String>),
    /// Already in the target layout: copied.
    Copied,
}

/// Convert one line, appending its output line to `out` (nothing when it fails).
fn one_line(plan: &Plan, line: &str, out: &mut Vec<u8>) -> Result<Done, String> {
    let read = lines::read(line)?;
    let key = read.key;
    let is_010 = read.prefix.is_some();
    if is_010 == (plan.to == ToLayout::V010) {
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
        return Ok(Done::Copied);
    }
    let failed = |e: convert::Failed| format!("key {key:?}: {e}");
    match plan.to {
        ToLayout::V010 => {
            let raw = match &read.context {
                Given::Value(text) => *text,
                Given::Raw(text) => text.as_str(),
                Given::Hashes(_) => unreachable!("a line with hashes has a prefix"),
            };
            let fields =
                convert::legacy_to_v010(&key, raw.as_bytes(), &plan.to_v010()).map_err(failed)?;
            let stored = stored(&fields);
            let doc = v010::compose(&key, &stored);
            let written = lines::write_hashes(out, plan.prefix.as_str(), &key, &stored, &doc)
                .map_err(|e| e.to_string())?;
            written.map_err(|why| format!("key {key:?}: {why}"))?;
            Ok(Done::Converted(key, fields.notes))
        }
        ToLayout::Legacy => {
            let prefix = read.prefix.unwrap_or_default();
            if plan.prefix_given && prefix != plan.prefix.as_str() {
                return Err(format!(
                    "key {key:?}: under prefix {prefix:?}, and --prefix is {:?}",
                    plan.prefix.as_str()
                ));
            }
            let (text, form) = match &read.context {
                Given::Value(text) => (*text, Form::Document),
                Given::Raw(text) => (text.as_str(), Form::Document),
                Given::Hashes(text) => (*text, Form::Hashes),
            };
            let legacy =
                convert::v010_to_legacy(&key, text, form, &plan.to_legacy()).map_err(failed)?;
            lines::write_legacy(out, &key, legacy.json.as_bytes(), true)
                .map_err(|e| e.to_string())?;
            Ok(Done::Converted(key, legacy.notes))
        }
    }
}

/// Where the output goes until it is complete: a temporary file beside `-o FILE`, renamed over
/// it at the end; or a spool copied at the end to stdout (or to a FILE that is not a regular
/// file, such as a FIFO, which cannot be replaced).
enum Sink {
    Temp {
        file: BufWriter<NamedTempFile>,
        path: PathBuf,
    },
    Spool {
        file: BufWriter<File>,
        to: Option<PathBuf>,
    },
}

impl Sink {
    fn open(path: Option<&Path>, private: bool) -> Result<Sink, Error> {
        let spool = |to: Option<PathBuf>| -> Result<Sink, Error> {
            let file = tempfile::tempfile()
                .map_err(|e| Error::Usage(format!("cannot create a temporary file: {e}")))?;
            Ok(Sink::Spool {
                file: BufWriter::with_capacity(BUFFER, file),
                to,
            })
        };
        let Some(path) = path else {
            return spool(None);
        };
        let cannot = |e: io::Error| Error::Usage(format!("cannot create {}: {e}", path.display()));
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(Error::Usage(format!("{} is a directory", path.display())))
            }
            Ok(m) if !m.is_file() => return spool(Some(path.to_path_buf())),
            _ => {}
        }
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let mut prefix = std::ffi::OsString::from(".");
        prefix.push(path.file_name().unwrap_or_default());
        prefix.push(".");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".partial");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(if private {
                0o600
            } else {
                0o666
            }));
        }
        #[cfg(not(unix))]
        let _ = private;
        let temp = builder.tempfile_in(dir).map_err(cannot)?;
        Ok(Sink::Temp {
            file: BufWriter::with_capacity(BUFFER, temp),
            path: path.to_path_buf(),
        })
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Sink::Temp { file, .. } => file.write_all(bytes),
            Sink::Spool { file, .. } => file.write_all(bytes),
        }
    }

    /// Put the complete output in place.
    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Temp { file, path } => {
                let nothing = || format!("nothing was written to {}", path.display());
                let temp = file
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(nothing)?;
                temp.as_file().sync_all().with_context(nothing)?;
                temp.persist(&path).map_err(|e| e.error).with_context(|| {
                    format!("cannot rename the output into place; {}", nothing())
                })?;
                Ok(())
            }
            Sink::Spool { file, to } => {
                let mut spool = file.into_inner().map_err(|e| e.into_error())?;
                spool.rewind()?;
                match to {
                    None => {
                        let mut stdout = io::stdout().lock();
                        io::copy(&mut spool, &mut stdout)?;
                        stdout.flush()?;
                    }
                    Some(path) => {
                        let mut dest = File::create(&path)
                            .with_context(|| format!("cannot write {}", path.display()))?;
                        io::copy(&mut spool, &mut dest)?;
                    }
                }
                Ok(())
            }
        }
    }
}
