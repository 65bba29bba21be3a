//! `put KEY [FILE]`: SET, Chatsky's `set_item`. The document is validated and written in the exact
//! form Chatsky's `model_dump_json` would give it; nothing is written when it is invalid.

use std::io::Read;
use std::path::Path;

use crate::cli::PutArgs;
use crate::connection::Failure;
use crate::error::{Error, Status};
use crate::model::{self, Options, Schema};
use crate::output::emit;
use crate::output::reports::PutReport;
use crate::settings::Settings;
use crate::store::{legacy, schema};

pub async fn run(args: PutArgs, settings: &Settings) -> anyhow::Result<Status> {
    let (source, input) = read_input(args.file.as_deref(), settings.stdin_tty)?;
    let doc = model::parse(&input).map_err(|e| Error::Input(format!("{source}: {e}")))?;
    if !doc.is_object() {
        return Err(Error::Input(format!(
            "{source}: a Chatsky context is a JSON object, not {}",
            json_kind(&doc)
        ))
        .into());
    }
    if let Some(map) = doc.as_object().filter(|_| !model::is_context(&doc)) {
        return Err(Error::Input(format!(
            "{source}: not a Chatsky context: {}; {}",
            model::no_context_field(map),
            model::advice(model::resembles(map))
        ))
        .into());
    }
    let mut conn = super::connect(settings).await?;
    let target = schema::resolve(&mut conn, args.write.schema, Some(&doc)).await?;
    unknown_fields(&source, &doc, target.schema, args.write.strict)?;
    let options = Options {
        schema: target.schema,
        exponent: model::exponent_for(args.write.float_exponent.into(), &input),
        allow_unsafe_pickles: args.write.allow_unsafe_pickles,
    };
    let canonical = model::canonicalize_sized(&doc, &options, input.len()).map_err(|e| {
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
    // Only the bytes to store are needed from here: a large document is then held once.
    drop(doc);
    drop(input);
    let size = canonical.json.len();
    // Asked only when it could matter (no server takes less than a piece), and only if this user
    // may ask: so a value over the limit is refused before it is sent.
    let limit = match size > legacy::PIECE {
        true => legacy::max_value_size(&mut conn).await,
        false => None,
    };
    if limit.is_some_and(|limit| size as u64 > limit) {
        return Err(too_large(size, limit).into());
    }
    let written = legacy::save(
        &mut conn,
        args.key.as_bytes(),
        canonical.json.as_bytes(),
        args.write.if_absent,
    )
    .await
    .map_err(|failure| refused_as_too_large(failure, size))?;
    let mut notes = canonical.notes;
    if args.write.schema.fixed().is_none() {
        notes.insert(0, format!("schema {}: {}", target.schema, target.reason));
    }
    emit(
        settings,
        &PutReport {
            key: args.key,
            written,
            schema: target.schema.to_string(),
            bytes: canonical.json.len(),
            notes,
        },
    )?;
    Ok(if written { Status::Ok } else { Status::Kept })
}

/// A document larger than the server takes in one value.
fn too_large(size: usize, limit: Option<u64>) -> Error {
    let limit = limit.map_or_else(String::new, |l| {
        format!(" {}", crate::output::human_size(l))
    });
    Error::Input(format!(
        "the document is {} once written, more than the server takes in one value \
         (proto-max-bulk-len{limit}); nothing was written",
        crate::output::human_size(size as u64)
    ))
}

/// The server's refusal of a value over its `proto-max-bulk-len` (when this user may not read
/// it), told as such: a large value goes in pieces no server refuses, and the server says
/// `string exceeds maximum allowed size` when their sum is over its limit.
fn refused_as_too_large(failure: Failure, size: usize) -> Error {
    let said = ["maximum allowed size", "invalid bulk length"]
        .iter()
        .any(|s| failure.message.contains(s));
    if said {
        too_large(size, None)
    } else {
        Error::Redis(failure)
    }
}

/// Top-level keys that are not fields of the target Context: Chatsky drops them, and so does the
/// canonical form stored, with a note on stderr naming them; `--strict` refuses them instead.
fn unknown_fields(
    source: &str,
    doc: &model::Value<'_>,
    schema: Schema,
    strict: bool,
) -> Result<(), Error> {
    let Some(map) = doc.as_object() else {
        return Ok(());
    };
    let unknown = model::unknown_fields(map, schema);
    if unknown.is_empty() {
        return Ok(());
    }
    let named = unknown_keys(&unknown, schema);
    if strict {
        return Err(Error::Input(format!(
            "{source}: top-level {named} (--strict refuses what Chatsky would drop); nothing was \
             written"
        )));
    }
    crate::output::note(&format!(
        "top-level {named}: not stored, as Chatsky drops them (--strict refuses such a document)"
    ));
    Ok(())
}

/// `key "x" is not a field of a Chatsky 0.9 Context`, or `keys "x", "y" are not fields …`.
pub fn unknown_keys(keys: &[&str], schema: Schema) -> String {
    let named = keys.iter().map(|k| format!("{k:?}")).collect::<Vec<_>>();
    let (what, are) = match named.len() {
        1 => ("key", "is not a field"),
        _ => ("keys", "are not fields"),
    };
    format!(
        "{what} {} {are} of a Chatsky {schema} Context",
        named.join(", ")
    )
}

/// Read the whole input: a file, or stdin for `-` or no file. Returns a name for messages too.
fn read_input(file: Option<&Path>, stdin_tty: bool) -> Result<(String, Vec<u8>), Error> {
    let mut buf = Vec::new();
    match file {
        None => read_stdin(&mut buf, stdin_tty)?,
        Some(p) if p == Path::new("-") => read_stdin(&mut buf, stdin_tty)?,
        Some(path) => {
            buf = std::fs::read(path)
                .map_err(|e| Error::Input(format!("cannot read {}: {e}", path.display())))?;
            return Ok((path.display().to_string(), buf));
        }
    }
    Ok(("stdin".into(), buf))
}

fn read_stdin(buf: &mut Vec<u8>, tty: bool) -> Result<(), Error> {
    if tty {
        crate::output::note("reading from stdin (Ctrl-D to end)");
    }
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
