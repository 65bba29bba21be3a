//! `ls`: list stored contexts of either layout through SCAN, streaming one JSON line per context
//! (key, layout, id, turns, last label, size); `--format table` for people; `--all` also lists
//! other keys with their type.

use std::io::{self, Write};

use crate::cli::{Format, LsArgs};
use crate::error::Status;
use crate::model::view::{classify, view, Classified};
use crate::model::{self, v010};
use crate::output::listing::{self, Row};
use crate::output::progress::bar;
use crate::output::{for_terminal, json_line};
use crate::settings::Settings;
use crate::store::walk::{self, Scope, Visit};

/// The id for JSON output; an id that is not strict JSON (`NaN`) is given as its text.
fn id_json(id: &model::Value<'_>) -> serde_json::Value {
    let text = id.to_string();
    serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
}

fn legacy_row(key: &str, raw: &[u8]) -> Row {
    let (id, turns, last_label) = match classify(raw) {
        Classified::Context(doc) => {
            let v = view(&doc);
            let last = v.turns.iter().rev().find_map(|t| t.label.clone());
            (doc.get("id").map(id_json), Some(v.turns.len()), last)
        }
        Classified::NotContext(_) => (None, None, None),
    };
    Row {
        key: key.to_string(),
        kind: "context".into(),
        layout: Some("legacy"),
        id,
        turns,
        last_label,
        bytes: Some(raw.len()),
        ..Row::default()
    }
}

fn hashes_row(
    prefix: &str,
    id: &str,
    stored: &v010::Stored,
    doc: &Result<v010::Composed, String>,
) -> Row {
    let (turns, last_label) = match doc
        .as_ref()
        .map(|d| model::parse_as_read(d.text.as_bytes()))
    {
        Ok(Ok((doc, _))) => {
            let v = view(&doc);
            let last = v.turns.iter().rev().find_map(|t| t.label.clone());
            (v.turns.len(), last)
        }
        // No document form: the turns are still counted.
        _ => (stored.turns[0].len(), None),
    };
    Row {
        key: id.to_string(),
        kind: "context".into(),
        layout: Some("0.10"),
        prefix: Some(prefix.to_string()),
        id: Some(serde_json::Value::String(id.to_string())),
        turns: Some(turns),
        last_label,
        bytes: Some(stored.bytes()),
    }
}

/// A key that is not a context, with what it is (`hash`, `string: not JSON`).
fn other_row(key: &[u8], kind: &str) -> Row {
    Row {
        key: String::from_utf8_lossy(key).into_owned(),
        kind: kind.to_string(),
        ..Row::default()
    }
}

pub async fn run(args: LsArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    // The db's size bounds a walk of every key; a pattern's share of it is unknown, so a
    // walk with --match counts without a total.
    let total = match args.pattern {
        None => super::progress_total(settings, args.quiet, &mut conn).await?,
        Some(_) => None,
    };
    let progress = bar(settings, args.quiet, total, "listing", false);
    let table_mode = settings.format == Some(Format::Table);
    let mut rows: Vec<Row> = Vec::new();
    let stdout = io::BufWriter::new(io::stdout().lock());
    let mut out = if table_mode {
        Box::new(stdout)
    } else {
        for_terminal(settings, stdout)
    };
    let mut print = |row: Row| -> anyhow::Result<()> {
        match settings.format {
            // A table needs every row before it can size its columns.
            Some(Format::Table) => rows.push(row),
            Some(Format::Pretty) => crate::output::pretty_json(&mut out, &row)?,
            _ => json_line(&mut out, &row)?,
        }
        Ok(())
    };
    let scope = Scope {
        layouts: settings.walk_layouts(),
        ids: args.pattern.clone(),
    };
    let report = walk::walk(
        &mut conn,
        &scope,
        &mut |visit: Visit<'_>| match visit {
            Visit::Legacy { key, raw, .. } => print(legacy_row(key, raw)),
            Visit::Hashes {
                prefix,
                id,
                stored,
                doc,
            } => print(hashes_row(prefix, id, stored, doc)),
            Visit::Other { key, kind } if args.all => print(other_row(key, kind)),
            Visit::Turns { .. } | Visit::Other { .. } => Ok(()),
        },
        |n| progress.inc(n),
    )
    .await?;
    progress.finish_and_clear();
    out.flush()?;
    if table_mode {
        writeln!(out, "{}", listing::table(settings, &rows))?;
    }
    out.flush()?;
    if report.skipped > 0 || report.interrupted {
        // A summary for people: a stderr that cannot be written loses it, nothing more.
        let _ = crate::output::plain(&mut io::stderr().lock(), &report);
    }
    Ok(super::finished(report.interrupted))
}
