//! `import [FILE|-]`: JSON Lines as `export` writes them (`store::lines`), or bare documents with
//! `--key-field`; each line's form says its layout (legacy, or chatsky 0.10 with a prefix). Every
//! line is validated with the document model before anything is written; by default one invalid
//! line means nothing is written. Writes go out as atomic batches (one MSET of legacy contexts,
//! one MULTI/EXEC of 0.10 ones), several in flight, so no context is ever half-written.
//!
//! Memory stays flat: the input is streamed twice (validate, then write); stdin, a pipe or any
//! other input that is not a regular file is spooled to a temporary file for the second pass.
//! The write pass checks each block against the digest the validation pass took of it, so that
//! a file rewritten in between is not written unchecked.

pub(super) mod chunks;
mod line;
mod validate;
mod write;

use std::fs::File;
use std::io::{self, Seek};

use crate::cli::ImportArgs;
use crate::error::{Error, Status};
use crate::interrupt;
use crate::output::progress::bar;
use crate::output::reports::ImportReport;
use crate::output::{emit, plural};
use crate::settings::Settings;
use crate::store::schema::{self, Source};
use line::Reader;
use validate::validate_all;
use write::{write_all, Sink};

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
        allow_unsafe_pickles: args.write.pickles.allow_unsafe_pickles,
        pickle_globals: args.write.pickles.pickle_globals(),
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

/// The input as a seekable file: the named regular file, or anything else (stdin, a pipe,
/// `/dev/stdin`, `<(…)`) spooled to a temporary file.
fn open_input(path: Option<&std::path::Path>, stdin_tty: bool) -> Result<File, Error> {
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
        _ => {
            if stdin_tty {
                crate::output::note("reading from stdin (Ctrl-D to end)");
            }
            spool(io::stdin().lock(), "stdin")
        }
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
