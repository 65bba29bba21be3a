//! `put KEY [FILE]`: store one context. Legacy: SET, Chatsky's `set_item`. 0.10: the main hash and
//! turn hashes in one MULTI/EXEC, the id's old hashes replaced. The document is validated and
//! written in the exact form Chatsky would give it; nothing is written when it is invalid.

use std::io::Read;
use std::path::Path;

use crate::cli::PutArgs;
use crate::connection::Connection;
use crate::error::{Error, Status};
use crate::model::v010::{self, Form};
use crate::model::{self, Options, Schema};
use crate::output::emit;
use crate::output::reports::PutReport;
use crate::settings::Settings;
use crate::store::detect::{self, Kind};
use crate::store::{self, schema, Layout, Writable};

pub async fn run(args: PutArgs, settings: &Settings) -> anyhow::Result<Status> {
    let (source, input) = read_input(args.file.as_deref())?;
    let doc = model::parse(&input).map_err(|e| Error::Input(format!("{source}: {e}")))?;
    if !doc.is_object() {
        return Err(Error::Input(format!(
            "{source}: a Chatsky context is a JSON object, not {}",
            json_kind(&doc)
        ))
        .into());
    }
    let mut conn = super::connect(settings).await?;
    let form = detect::document(&doc);
    let (layout, why) = match super::layout_of(&mut conn, settings, &args.key).await? {
        Some(layout) if settings.layout == detect::Asked::Auto => (layout, "the key holds one"),
        Some(layout) => (layout, "--layout"),
        None => match settings.layout.fixed(&settings.prefix) {
            Some(layout) => (layout, "--layout"),
            None if form == Kind::V010 => (Layout::Hashes(settings.prefix.clone()), "its form"),
            None => (Layout::Legacy, "its form"),
        },
    };
    match (&layout, form) {
        (Layout::Legacy, Kind::Legacy) => {
            legacy(&args, settings, &mut conn, &source, &input, &doc).await
        }
        (Layout::Hashes(prefix), Kind::V010) => {
            let text =
                std::str::from_utf8(&input).map_err(|e| Error::Input(format!("{source}: {e}")))?;
            hashes(&args, settings, &mut conn, prefix, &source, text).await
        }
        (Layout::Legacy, Kind::V010) => Err(Error::Input(format!(
            "{source}: a chatsky 0.10 context (it has current_turn_id, created_at, updated_at), \
             but {:?} is in the legacy layout ({why}); `chatsky-redis convert --to legacy` turns \
             it into a legacy one",
            args.key
        ))
        .into()),
        (Layout::Hashes(_), Kind::Legacy) => Err(Error::Input(format!(
            "{source}: a legacy context (no current_turn_id, created_at, updated_at), but {:?} is \
             in chatsky 0.10's layout ({why}); `chatsky-redis convert --to 0.10` turns it into a \
             0.10 one",
            args.key
        ))
        .into()),
    }
}

/// A legacy document: validated as its Chatsky version reads it, stored as that version writes it.
async fn legacy(
    args: &PutArgs,
    settings: &Settings,
    conn: &mut Connection,
    source: &str,
    input: &[u8],
    doc: &model::Value<'_>,
) -> anyhow::Result<Status> {
    let target = schema::resolve(conn, args.write.schema, Some(doc)).await?;
    let options = Options {
        schema: target.schema,
        exponent: model::exponent_for(args.write.float_exponent.into(), input),
        allow_unsafe_pickles: args.write.allow_unsafe_pickles,
    };
    let canonical = model::canonicalize(doc, &options).map_err(|e| {
        let why = match args.write.schema.fixed() {
            Some(_) => String::new(),
            None => format!(
                " (schema {} because {}; --schema overrides)",
                target.schema, target.reason
            ),
        };
        Error::Input(format!(
            "{source}: not a valid Chatsky {} context {e}{why}",
            target.schema
        ))
    })?;
    let written = store::save(
        conn,
        &args.key,
        Writable::Legacy(canonical.json.as_bytes()),
        args.write.if_absent,
    )
    .await?;
    let mut notes = canonical.notes;
    if args.write.schema.fixed().is_none() {
        notes.insert(0, format!("schema {}: {}", target.schema, target.reason));
    }
    report(
        settings,
        &args.key,
        written,
        target.schema,
        canonical.json.len(),
        notes,
    )
}

/// A 0.10 document: every value validated as chatsky 0.10 reads it and written as it writes it,
/// the four hashes at once.
async fn hashes(
    args: &PutArgs,
    settings: &Settings,
    conn: &mut Connection,
    prefix: &store::Prefix,
    source: &str,
    text: &str,
) -> anyhow::Result<Status> {
    let options = Options {
        schema: Schema::V010,
        exponent: model::exponent_for(args.write.float_exponent.into(), text.as_bytes()),
        allow_unsafe_pickles: args.write.allow_unsafe_pickles,
    };
    let (fields, id) = v010::decompose(text, Form::Document, &options, true)
        .map_err(|e| Error::Input(format!("{source}: not a valid chatsky 0.10 context {e}")))?;
    let mut notes = fields.notes.clone();
    if let Some(id) = id.filter(|id| *id != args.key) {
        notes.insert(
            0,
            format!(
                "the document's id {id:?} is not stored: chatsky 0.10 keeps the id only in key \
                 names, so this is context {:?}",
                args.key
            ),
        );
    }
    let bytes = fields.main.iter().map(|(_, v)| v.len()).sum::<usize>()
        + fields
            .turns
            .iter()
            .flatten()
            .map(|(k, v)| k.len() + v.len())
            .sum::<usize>();
    let written = store::save(
        conn,
        &args.key,
        Writable::Hashes(prefix, &fields),
        args.write.if_absent,
    )
    .await?;
    report(settings, &args.key, written, Schema::V010, bytes, notes)
}

fn report(
    settings: &Settings,
    key: &str,
    written: bool,
    schema: Schema,
    bytes: usize,
    notes: Vec<String>,
) -> anyhow::Result<Status> {
    emit(
        settings,
        &PutReport {
            key: key.to_string(),
            written,
            schema: schema.to_string(),
            bytes,
            notes,
        },
    )?;
    Ok(Status::Ok)
}

/// Read the whole input: a file, or stdin for `-` or no file. Returns a name for messages too.
fn read_input(file: Option<&Path>) -> Result<(String, Vec<u8>), Error> {
    let mut buf = Vec::new();
    match file {
        None => read_stdin(&mut buf)?,
        Some(p) if p == Path::new("-") => read_stdin(&mut buf)?,
        Some(path) => {
            buf = std::fs::read(path)
                .map_err(|e| Error::Input(format!("cannot read {}: {e}", path.display())))?;
            return Ok((path.display().to_string(), buf));
        }
    }
    Ok(("stdin".into(), buf))
}

fn read_stdin(buf: &mut Vec<u8>) -> Result<(), Error> {
    std::io::stdin()
        .read_to_end(buf)
        .map(drop)
        .map_err(|e| Error::Input(format!("cannot read stdin: {e}")))
}

/// `an array`, `a string`, … for messages.
pub fn json_kind(v: &model::Value<'_>) -> &'static str {
    match v {
        model::Value::Null => "null",
        model::Value::Bool(_) => "a boolean",
        model::Value::Number(_) => "a number",
        model::Value::String(_) => "a string",
        model::Value::Array(_) => "an array",
        model::Value::Object(_) => "an object",
    }
}
