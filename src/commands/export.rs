//! `export`: JSON Lines, one context per line (the format is `store::lines`), each stored document
//! embedded verbatim, so that `import` into an empty db reproduces every stored byte.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use crate::cli::ExportArgs;
use crate::error::{Error, Status};
use crate::output::progress::bar;
use crate::output::{emit, for_terminal, json_line};
use crate::settings::Settings;
use crate::store::walk::{self, Scope, Visit};
use crate::store::{legacy, lines};

pub async fn run(args: ExportArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let progress = bar(
        settings,
        args.quiet,
        Some(legacy::count(&mut conn).await?),
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
    let scope = Scope {
        layouts: settings.walk_layouts(),
        ids: args.pattern.clone(),
    };
    let mut unexportable = Vec::new();
    let report = walk::walk(
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
    .await?;
    out.flush()?;
    progress.finish_and_clear();
    for why in &unexportable {
        eprintln!(
            "chatsky-redis: not exported: {}",
            crate::output::terminal_safe(why)
        );
    }
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
