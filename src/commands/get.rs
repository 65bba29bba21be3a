//! `get KEY`: GET, Chatsky's `get_item`. Prints the stored document byte for byte (`json`),
//! indented (`pretty`), or as a dialog (`table`); `--check` tells whether Chatsky would load it.

use std::io::Write;

use crate::cli::{Format, GetArgs};
use crate::error::{Error, Status};
use crate::model::view::{classify, view, Classified};
use crate::model::{self, Schema, Verdict};
use crate::output::context::context_tables;
use crate::output::reports::CheckReport;
use crate::output::{emit, for_terminal, pretty_json};
use crate::settings::Settings;
use crate::storage::Stored;

pub async fn run(args: GetArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut storage = super::connect(settings).await?;
    let raw = match storage.get(args.key.as_bytes()).await? {
        Stored::Missing => {
            eprintln!("chatsky-redis: no context at key {:?} in {}", args.key, settings.endpoint);
            return Ok(Status::Absent);
        }
        Stored::OtherType(kind) => {
            return Err(Error::NotAContext(format!(
                "key {:?} holds a Redis {kind}, not a Chatsky context (Chatsky's get_item fails with WRONGTYPE)",
                args.key
            ))
            .into())
        }
        Stored::Value(raw) => raw,
    };
    if args.check {
        return check(&args, settings, &raw);
    }
    let doc = match classify(&raw) {
        Classified::Context(doc) => doc,
        Classified::NotContext(what) => {
            return Err(Error::NotAContext(format!(
                "key {:?} holds {what}, not a Chatsky context",
                args.key
            ))
            .into())
        }
    };
    let stdout = std::io::stdout();
    let format = settings.document_format();
    let mut out = match format {
        Format::Table => Box::new(stdout.lock()),
        Format::Json | Format::Pretty => for_terminal(settings, stdout.lock()),
    };
    match format {
        Format::Json => {
            out.write_all(&raw)?;
            out.write_all(b"\n")?;
        }
        // Indent the stored text itself (parsed strictly, numbers kept verbatim). A document
        // only Python reads (NaN, Infinity, a lone surrogate) is printed as stored: serde_json,
        // which indents, refuses those, and indented output must stay strict JSON.
        Format::Pretty => match serde_json::from_slice::<serde_json::Value>(&raw) {
            Ok(strict) => pretty_json(&mut out, &strict)?,
            Err(_) => {
                eprintln!(
                    "chatsky-redis: note: not strict JSON (NaN, Infinity or a lone surrogate); \
                     printed as stored"
                );
                out.write_all(&raw)?;
                out.write_all(b"\n")?;
            }
        },
        Format::Table => {
            let schema = match model::detect(&doc).schema {
                Some(schema) => schema.to_string(),
                None => "0.8 or 0.9".to_string(),
            };
            for table in context_tables(settings, &args.key, raw.len(), &schema, &view(&doc)) {
                writeln!(out, "{table}")?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}

/// What Chatsky's read path of the chosen (or detected) version would do with the stored bytes.
/// Exit 2 when it would not load it, not write it back, or when its pickles are unsafe.
fn check(args: &GetArgs, settings: &Settings, raw: &[u8]) -> anyhow::Result<Status> {
    let schema = args.schema.fixed().unwrap_or_else(|| detected_schema(raw));
    let (loads, writes_back, rewritten, notes) = match model::check(raw, schema) {
        Verdict::Loads {
            rewritten, notes, ..
        } => (true, true, rewritten, notes),
        Verdict::LoadsButNotWritable { why, .. } => (true, false, false, vec![why]),
        Verdict::Missing { why } | Verdict::Fails { why } => (false, false, false, vec![why]),
    };
    // The model notes every pickle that resolves a global outside the allow-list ("unsafe:")
    // or whose loading it cannot predict ("unchecked:").
    let safe = !notes
        .iter()
        .any(|n| n.starts_with("unsafe: ") || n.starts_with("unchecked: "));
    let report = CheckReport {
        key: args.key.clone(),
        loads,
        writes_back,
        schema: schema.to_string(),
        rewritten,
        safe,
        notes,
    };
    emit(settings, &report)?;
    Ok(if writes_back && safe {
        Status::Ok
    } else {
        Status::Invalid
    })
}

/// The schema a stored document looks like, read as Chatsky reads it (a lone surrogate does not
/// stop it); 0.9 when it cannot be told.
fn detected_schema(raw: &[u8]) -> Schema {
    model::parse_as_read(raw)
        .ok()
        .and_then(|(doc, _)| model::detect(&doc).schema)
        .unwrap_or(Schema::V09)
}
