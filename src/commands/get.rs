//! `get KEY`: one stored context. Legacy: GET, Chatsky's `get_item`, the stored document byte for
//! byte. 0.10: the four hashes in one round trip, as the document form. Printed as JSON (`json`),
//! indented (`pretty`), or as a dialog (`table`); `--check` tells whether Chatsky would load it.

use std::io::Write;

use crate::cli::{Format, GetArgs};
use crate::error::{Error, Status};
use crate::model::view::{classify, view, Classified};
use crate::model::{self, v010, Options, Schema, Verdict};
use crate::output::context::context_tables;
use crate::output::reports::CheckReport;
use crate::output::{emit, for_terminal, pretty_json};
use crate::settings::Settings;
use crate::store::{self, Found, Layout};

pub async fn run(args: GetArgs, settings: &Settings) -> anyhow::Result<Status> {
    let mut conn = super::connect(settings).await?;
    let found = match super::layout_of(&mut conn, settings, &args.key).await? {
        Some(layout) => (store::load(&mut conn, &layout, &args.key).await?, layout),
        None => (Found::Missing, Layout::Legacy),
    };
    let (raw, schema) = match found {
        (Found::Missing, _) => {
            crate::output::say(&format!(
                "no context at key {:?} in {}",
                args.key, settings.endpoint
            ));
            return Ok(Status::Absent);
        }
        (Found::Other(what), layout) => {
            let chatsky = match layout {
                Layout::Legacy => "Chatsky's get_item fails with WRONGTYPE",
                Layout::Hashes(_) => "chatsky 0.10 cannot load it",
            };
            return Err(Error::NotAContext(format!(
                "key {:?} holds {what}, not a Chatsky context ({chatsky})",
                args.key
            ))
            .into());
        }
        (Found::Hashes(stored), _) if args.check => return check_010(&args, settings, &stored),
        (Found::Legacy(raw), _) if args.check => return check(&args, settings, &raw),
        (Found::Hashes(stored), _) => {
            let doc = v010::compose(&args.key, &stored).map_err(|why| {
                let carried = match v010::fields_form(&stored) {
                    Ok(_) => " (`export` carries it as its hashes)",
                    Err(_) => "",
                };
                Error::NotAContext(format!(
                    "the chatsky 0.10 context {:?} has no document form: {why}{carried}",
                    args.key
                ))
            })?;
            (doc.text.into_bytes(), format!("0.10 ({})", settings.prefix))
        }
        (Found::Legacy(raw), _) => (raw, String::new()),
    };
    print(&args.key, settings, &raw, schema)
}

/// Print a document: as stored, indented, or as a dialog. `schema` names the layout's version
/// for a 0.10 document form; empty, it is a legacy document, which says its version itself.
fn print(key: &str, settings: &Settings, raw: &[u8], schema: String) -> anyhow::Result<Status> {
    let classified = if schema.is_empty() {
        classify(raw)
    } else {
        // A document form made here from the hashes, as Chatsky reads its values.
        match model::parse_as_read(raw) {
            Ok((doc, _)) => Classified::Context(doc),
            Err(e) => Classified::NotContext(format!("a document that is not JSON ({e})")),
        }
    };
    let doc = match classified {
        Classified::Context(doc) => doc,
        Classified::NotContext(what) => {
            return Err(Error::NotAContext(format!(
                "key {key:?}: its value is not a Chatsky context: {what}"
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
            out.write_all(raw)?;
            out.write_all(b"\n")?;
        }
        // Indent the stored text itself (parsed strictly, numbers kept verbatim). A document
        // only Python reads (NaN, Infinity, a lone surrogate) is printed as stored: serde_json,
        // which indents, refuses those, and indented output must stay strict JSON.
        Format::Pretty => match serde_json::from_slice::<serde_json::Value>(raw) {
            Ok(strict) => pretty_json(&mut out, &strict)?,
            Err(_) => {
                crate::output::note(
                    "not strict JSON (NaN, Infinity or a lone surrogate); printed as stored",
                );
                out.write_all(raw)?;
                out.write_all(b"\n")?;
            }
        },
        Format::Table => {
            let schema = match (schema.is_empty(), model::detect(&doc).schema) {
                (false, _) => schema,
                (true, Some(schema)) => schema.to_string(),
                (true, None) => "0.8 or 0.9".to_string(),
            };
            for table in context_tables(settings, key, raw.len(), &schema, &view(&doc)) {
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
    // What Chatsky does with it is told either way; whether it is a context at all is the one
    // predicate every command uses.
    let not_context = match classify(raw) {
        Classified::Context(_) => None,
        Classified::NotContext(what) => Some(what),
    };
    report_check(
        args,
        settings,
        schema,
        model::check(raw, schema),
        not_context,
    )
}

/// What chatsky 0.10's `Context.connected` would do with the stored hashes.
fn check_010(args: &GetArgs, settings: &Settings, stored: &v010::Stored) -> anyhow::Result<Status> {
    let verdict = v010::check(stored, &Options::new(Schema::V010));
    report_check(args, settings, Schema::V010, verdict, None)
}

fn report_check(
    args: &GetArgs,
    settings: &Settings,
    schema: Schema,
    verdict: Verdict,
    not_context: Option<String>,
) -> anyhow::Result<Status> {
    let (loads, writes_back, rewritten, notes) = match verdict {
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
        context: not_context.is_none(),
        not_context,
        loads,
        writes_back,
        schema: schema.to_string(),
        rewritten,
        safe,
        notes,
    };
    emit(settings, &report)?;
    Ok(if writes_back && safe && report.context {
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
