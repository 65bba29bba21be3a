//! `export`: JSON Lines, one context of either layout per line (the format is `store::lines`),
//! each stored document embedded verbatim, so that `import` into an empty db reproduces every
//! stored byte.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use tempfile::NamedTempFile;

use crate::cli::ExportArgs;
use crate::error::{Error, Status};
use crate::interrupt;
use crate::output::progress::bar;
use crate::output::reports::ExportReport;
use crate::output::{emit, for_terminal, json_line};
use crate::settings::Settings;

use crate::store::lines;
use crate::store::walk::{self, Scope, Visit};

/// Buffer of the output, so that writes are few and large.
const BUFFER: usize = 1 << 20;

pub async fn run(args: ExportArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    // The db's size bounds a walk of every key; a pattern's share of it is unknown, so a
    // walk with --match counts without a total.
    let total = match args.pattern {
        None => super::progress_total(settings, args.quiet, &mut conn).await?,
        Some(_) => None,
    };
    let progress = bar(settings, args.quiet, total, "exporting", false);
    // From the temporary file's creation to its rename, Ctrl-C is heard here (it stops the
    // walk) rather than ending the process, which would leave the temporary file behind.
    let _ctrl_c = interrupt::handle();
    let mut out = Output::open(args.output.as_deref(), args.private, settings)?;
    let scope = Scope {
        layouts: settings.walk_layouts(),
        ids: args.pattern.clone(),
    };
    let mut unexportable = Vec::new();
    let walked = walk::walk(
        &mut conn,
        &scope,
        &mut |visit: Visit<'_>| match visit {
            Visit::Legacy { key, raw, strict } => {
                Ok(lines::write_legacy(&mut out, key, raw, strict)?)
            }
            Visit::Hashes {
                prefix,
                id,
                stored,
                doc,
            } => {
                if let Err(why) = lines::write_hashes(&mut out, prefix, id, stored, doc)? {
                    unexportable.push(format!("{prefix}:main:{id}: {why}"));
                }
                Ok(())
            }
            Visit::Turns { .. } | Visit::Other { .. } => Ok(()),
        },
        |n| progress.inc(n),
    )
    .await;
    progress.finish_and_clear();
    for why in &unexportable {
        crate::output::say(&format!("not exported: {why}"));
    }
    let report = ExportReport {
        tally: out.finish(walked)?,
        not_exported: unexportable.len() as u64,
    };
    if args.output.is_some() {
        emit(settings, &report)?;
    } else {
        // stdout carries the data: the summary goes to stderr, as JSON when asked for. A stderr
        // that cannot be written loses it, nothing more.
        let mut err = io::stderr().lock();
        let _ = match settings.format {
            Some(_) => json_line(&mut err, &report),
            None => crate::output::plain(&mut err, &report),
        };
    }
    // A backup that lacks a context must not pass for whole in a script.
    if report.not_exported > 0 && !report.tally.interrupted {
        return Ok(Status::Invalid);
    }
    Ok(super::finished(report.tally.interrupted))
}

/// Where the lines go. `-o FILE` writes a temporary file beside FILE (`.FILE.XXXXXX.partial`),
/// renamed over FILE only once the export is complete: an export cut short (Ctrl-C, a lost
/// connection, a full disk) leaves nothing, and an earlier FILE stays as it was. A FILE that is not
/// a regular file (`/dev/null`, a FIFO) is written directly: it cannot be replaced.
enum Output {
    Stdout(Box<dyn Write>),
    Direct(BufWriter<File>),
    Temp {
        file: BufWriter<NamedTempFile>,
        path: PathBuf,
    },
}

impl Output {
    fn open(path: Option<&Path>, private: bool, settings: &Settings) -> Result<Output, Error> {
        let Some(path) = path else {
            let stdout = BufWriter::with_capacity(BUFFER, io::stdout().lock());
            return Ok(Output::Stdout(for_terminal(settings, stdout)));
        };
        let cannot = |e: io::Error| Error::Usage(format!("cannot create {}: {e}", path.display()));
        match std::fs::metadata(path) {
            // Found out now, not after the whole walk, when the rename would fail.
            Ok(m) if m.is_dir() => {
                return Err(Error::Usage(format!("{} is a directory", path.display())))
            }
            Ok(m) if !m.is_file() => {
                let file = File::create(path).map_err(cannot)?;
                return Ok(Output::Direct(BufWriter::with_capacity(BUFFER, file)));
            }
            _ => {}
        }
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .map_or_else(|| std::ffi::OsString::from("export"), |n| n.to_os_string());
        let mut prefix = std::ffi::OsString::from(".");
        prefix.push(&name);
        prefix.push(".");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".partial");
        #[cfg(unix)]
        builder.permissions(mode(private));
        #[cfg(not(unix))]
        let _ = private;
        let temp = builder.tempfile_in(dir).map_err(cannot)?;
        Ok(Output::Temp {
            file: BufWriter::with_capacity(BUFFER, temp),
            path: path.to_path_buf(),
        })
    }

    /// After the walk: the complete export renamed into place, or nothing left behind.
    fn finish(self, walked: anyhow::Result<walk::Tally>) -> anyhow::Result<walk::Tally> {
        match self {
            Output::Stdout(mut out) => {
                let report = walked?;
                out.flush()?;
                Ok(report)
            }
            Output::Direct(mut out) => {
                let report = walked?;
                out.flush()?;
                Ok(report)
            }
            Output::Temp { file, path } => {
                let nothing = || format!("nothing was written to {}", path.display());
                let report = walked.with_context(|| format!("export stopped; {}", nothing()))?;
                if report.interrupted {
                    // Dropping the temporary file deletes it.
                    crate::output::note(&format!("interrupted: {}", nothing()));
                    return Ok(report);
                }
                let temp = file
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(nothing)?;
                temp.as_file().sync_all().with_context(nothing)?;
                temp.persist(&path).map_err(|e| e.error).with_context(|| {
                    format!("cannot rename the export into place; {}", nothing())
                })?;
                Ok(report)
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::Direct(out) => out.write(buf),
            Output::Temp { file, .. } => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::Direct(out) => out.write_all(buf),
            Output::Temp { file, .. } => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::Direct(out) => out.flush(),
            Output::Temp { file, .. } => file.flush(),
        }
    }
}

/// The export file's mode: what the umask leaves of 0666, as for any file the user creates, or
/// 0600 with `--private` (contexts hold what users said).
#[cfg(unix)]
fn mode(private: bool) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(if private { 0o600 } else { 0o666 })
}
