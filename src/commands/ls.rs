//! `ls`: list stored contexts through SCAN, streaming one JSON line per context (key, id, turns,
//! last label, size); `--format table` for people; `--all` also lists other keys with their type.

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::{Format, LsArgs};
use crate::error::Status;
use crate::model::view::{classify, view, Classified};
use crate::output::progress::bar;
use crate::output::{for_terminal, human_size, json_line, new_table};
use crate::settings::Settings;

use crate::store::walk::{self, Visit};

/// One line of `ls`.
#[derive(Debug, Serialize)]
struct Entry {
    key: String,
    /// `context`, or the Redis type / what the string holds.
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    turns: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<usize>,
}

/// The id for JSON output; an id that is not strict JSON (`NaN`) is given as its text.
fn id_json(id: &crate::model::Value<'_>) -> serde_json::Value {
    let text = id.to_string();
    serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
}

fn context_entry(key: &str, raw: &[u8]) -> Entry {
    let (id, turns, last_label) = match classify(raw) {
        Classified::Context(doc) => {
            let v = view(&doc);
            let last = v.turns.iter().rev().find_map(|t| t.label.clone());
            (doc.get("id").map(id_json), Some(v.turns.len()), last)
        }
        Classified::NotContext(_) => (None, None, None),
    };
    Entry {
        key: key.to_string(),
        kind: "context".into(),
        id,
        turns,
        last_label,
        bytes: Some(raw.len()),
    }
}

/// A key that is not a context, with what it is (`hash`, `string: not JSON`).
fn other_entry(key: &[u8], kind: String) -> Entry {
    Entry {
        key: String::from_utf8_lossy(key).into_owned(),
        kind,
        id: None,
        turns: None,
        last_label: None,
        bytes: None,
    }
}

pub async fn run(args: LsArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let progress = bar(
        settings,
        args.quiet,
        super::progress_total(settings, args.quiet, &mut conn).await?,
        "listing",
        false,
    );
    let table_mode = settings.format == Some(Format::Table);
    let mut rows: Vec<Entry> = Vec::new();
    let stdout = io::BufWriter::new(io::stdout().lock());
    let mut out = if table_mode {
        Box::new(stdout)
    } else {
        for_terminal(settings, stdout)
    };
    let mut print = |entry: Entry| -> anyhow::Result<()> {
        match settings.format {
            // A table needs every row before it can size its columns.
            Some(Format::Table) => rows.push(entry),
            Some(Format::Pretty) => crate::output::pretty_json(&mut out, &entry)?,
            _ => json_line(&mut out, &entry)?,
        }
        Ok(())
    };
    let report = walk::walk(
        &mut conn,
        args.pattern.as_deref(),
        &mut |visit: Visit<'_>| match visit {
            Visit::Context { key, raw, .. } => print(context_entry(key, raw)),
            Visit::Other { key, kind } if args.all => print(other_entry(key, kind)),
            Visit::Other { .. } => Ok(()),
        },
        |n| progress.inc(n),
    )
    .await?;
    progress.finish_and_clear();
    out.flush()?;
    if table_mode {
        let mut table = new_table(settings, &["key", "id", "turns", "last label", "size"]);
        for e in &rows {
            table.add_row(vec![
                e.key.clone(),
                e.id.as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| e.kind.clone()),
                e.turns.map(|t| t.to_string()).unwrap_or_default(),
                e.last_label.clone().unwrap_or_default(),
                e.bytes.map(|b| human_size(b as u64)).unwrap_or_default(),
            ]);
        }
        writeln!(out, "{table}")?;
    }
    out.flush()?;
    if report.skipped > 0 || report.interrupted {
        crate::output::plain(&mut io::stderr().lock(), &report)?;
    }
    Ok(super::finished(report.interrupted))
}
