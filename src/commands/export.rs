//! `export`: JSON Lines, one context per line as `{"key": KEY, "value": DOCUMENT}` with the stored
//! document embedded verbatim, so that `import` into an empty db reproduces every stored byte.
//! A stored document that cannot sit verbatim on one strict-JSON line (it has line breaks, or
//! NaN/Infinity that Python reads) is exported as `{"key": KEY, "raw": "<the stored text>"}`.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use crate::cli::ExportArgs;
use crate::error::{Error, Status};
use crate::output::progress::bar;
use crate::output::{emit, for_terminal, json_line};
use crate::settings::Settings;

use crate::store::walk::{self, Visit};

pub async fn run(args: ExportArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let progress = bar(
        settings,
        args.quiet,
        super::progress_total(settings, args.quiet, &mut conn).await?,
        "exporting",
        false,
    );
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::with_capacity(
            1 << 20,
            File::create(path)
                .map_err(|e| Error::Usage(format!("cannot create {}: {e}", path.display())))?,
        )),
        None => for_terminal(
            settings,
            BufWriter::with_capacity(1 << 20, io::stdout().lock()),
        ),
    };
    let report = walk::walk(
        &mut conn,
        args.pattern.as_deref(),
        &mut |visit: Visit<'_>| match visit {
            Visit::Context { key, raw, strict } => Ok(write_line(&mut out, key, raw, strict)?),
            Visit::Other { .. } => Ok(()),
        },
        |n| progress.inc(n),
    )
    .await?;
    out.flush()?;
    progress.finish_and_clear();
    if args.output.is_some() {
        emit(settings, &report)?;
    } else {
        // stdout carries the data: the summary goes to stderr, as JSON when asked for.
        let mut err = io::stderr().lock();
        match settings.format {
            Some(_) => json_line(&mut err, &report)?,
            None => crate::output::plain(&mut err, &report)?,
        }
    }
    Ok(super::finished(report.interrupted))
}

/// One export line. The document is copied verbatim when it is one line of strict JSON.
fn write_line(out: &mut dyn Write, key: &str, raw: &[u8], strict: bool) -> io::Result<()> {
    out.write_all(b"{\"key\":")?;
    serde_json::to_writer(&mut *out, key)?;
    // JSON strings cannot hold raw line breaks, so any in `raw` are whitespace between tokens.
    if strict && memchr::memchr2(b'\n', b'\r', raw).is_none() {
        out.write_all(b",\"value\":")?;
        out.write_all(raw)?;
    } else {
        out.write_all(b",\"raw\":")?;
        serde_json::to_writer(&mut *out, &String::from_utf8_lossy(raw))?;
    }
    out.write_all(b"}\n")
}
