//! `put KEY [FILE]`: store one context. Legacy: SET, Chatsky's `set_item`. 0.10: the main hash and
//! turn hashes in one MULTI/EXEC, the id's old hashes replaced. The document is validated and
//! written in the exact form Chatsky would give it; nothing is written when it is invalid.

use std::io::Read;
use std::path::Path;

use crate::cli::PutArgs;
use crate::connection::{Connection, Failure};
use crate::error::{Error, Status};
use crate::model::v010::{self, Fields, Form};
use crate::model::{self, Canonical, Options, Schema};
use crate::output::emit;
use crate::output::reports::PutReport;
use crate::settings::Settings;
use crate::store::detect::{self, Kind};
use crate::store::{self, legacy, schema, Layout, Prefix, Writable};

/// A document validated and ready to store, in the form of the layout it goes to.
enum Ready {
    Legacy(Canonical),
    Hashes(Prefix, Fields),
}

pub async fn run(args: PutArgs, settings: &Settings) -> anyhow::Result<Status> {
    let (source, input) = read_input(args.file.as_deref(), settings.stdin_tty)?;
    let mut conn = super::connect(settings).await?;
    let (ready, mut notes) = {
        let doc = model::parse(&input).map_err(|e| Error::Input(format!("{source}: {e}")))?;
        prepare(&args, settings, &mut conn, &source, &input, &doc).await?
    };
    // Only the bytes to store are needed from here: a large document is then held once.
    drop(input);
    let (written, schema, size) = match &ready {
        Ready::Legacy(canonical) => {
            let size = canonical.json.len();
            let written = save_legacy(&mut conn, &args, canonical).await?;
            (written, canonical.schema, size)
        }
        Ready::Hashes(prefix, fields) => {
            let size = fields.main.iter().map(|(_, v)| v.len()).sum::<usize>()
                + fields
                    .turns
                    .iter()
                    .flatten()
                    .map(|(k, v)| k.len() + v.len())
                    .sum::<usize>();
            let to = Writable::Hashes(prefix, fields);
            let written = store::save(&mut conn, &args.key, to, args.write.if_absent).await?;
            (written, Schema::V010, size)
        }
    };
    if let Ready::Legacy(canonical) = ready {
        notes.extend(canonical.notes);
    }
    emit(
        settings,
        &PutReport {
            key: args.key,
            written,
            schema: schema.to_string(),
            bytes: size,
            notes,
        },
    )?;
    Ok(if written { Status::Ok } else { Status::Kept })
}

/// Check the document and make what to store: in the layout the key is in (with `--layout auto`,
/// the one that holds it, else the document's own form). Also the notes to report first.
async fn prepare(
    args: &PutArgs,
    settings: &Settings,
    conn: &mut Connection,
    source: &str,
    input: &[u8],
    doc: &model::Value<'_>,
) -> anyhow::Result<(Ready, Vec<String>)> {
    if !doc.is_object() {
        return Err(Error::Input(format!(
            "{source}: a Chatsky context is a JSON object, not {}",
            json_kind(doc)
        ))
        .into());
    }
    let form = detect::document(doc);
    if let Some(map) = doc
        .as_object()
        .filter(|_| form == Kind::Legacy && !model::is_context(doc))
    {
        return Err(Error::Input(format!(
            "{source}: not a Chatsky context: {}; {}",
            model::no_context_field(map),
            model::advice(model::resembles(map))
        ))
        .into());
    }
    let (layout, why) = match super::layout_of(conn, settings, &args.key).await? {
        Some(layout) if settings.layout == detect::Asked::Auto => (layout, "the key holds one"),
        Some(layout) => (layout, "--layout"),
        None => match settings.layout.fixed(&settings.prefix) {
            Some(layout) => (layout, "--layout"),
            None if form == Kind::V010 => (Layout::Hashes(settings.prefix.clone()), "its form"),
            None => (Layout::Legacy, "its form"),
        },
    };
    match (layout, form) {
        (Layout::Legacy, Kind::Legacy) => prepare_legacy(args, conn, source, input, doc).await,
        (Layout::Hashes(prefix), Kind::V010) => {
            let text =
                std::str::from_utf8(input).map_err(|e| Error::Input(format!("{source}: {e}")))?;
            prepare_hashes(args, prefix, source, text)
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
async fn prepare_legacy(
    args: &PutArgs,
    conn: &mut Connection,
    source: &str,
    input: &[u8],
    doc: &model::Value<'_>,
) -> anyhow::Result<(Ready, Vec<String>)> {
    let target = schema::resolve(conn, args.write.schema, Some(doc)).await?;
    unknown_fields(source, doc, target.schema, args.write.strict)?;
    let options = Options {
        schema: target.schema,
        exponent: model::exponent_for(args.write.float_exponent.into(), input),
        allow_unsafe_pickles: args.write.pickles.allow_unsafe_pickles,
        pickle_globals: args.write.pickles.pickle_globals(),
    };
    let canonical = model::canonicalize_sized(doc, &options, input.len()).map_err(|e| {
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
    let mut notes = Vec::new();
    if args.write.schema.fixed().is_none() {
        notes.push(format!("schema {}: {}", target.schema, target.reason));
    }
    Ok((Ready::Legacy(canonical), notes))
}

/// Store a legacy context; a value over the server's limit is refused before it is sent.
async fn save_legacy(
    conn: &mut Connection,
    args: &PutArgs,
    canonical: &Canonical,
) -> anyhow::Result<bool> {
    let size = canonical.json.len();
    // Asked only when it could matter (no server takes less than a piece), and only if this user
    // may ask: so a value over the limit is refused before it is sent.
    let limit = match size > legacy::PIECE {
        true => legacy::max_value_size(conn).await,
        false => None,
    };
    if limit.is_some_and(|limit| size as u64 > limit) {
        return Err(too_large(size, limit).into());
    }
    let to = Writable::Legacy(canonical.json.as_bytes());
    Ok(store::save(conn, &args.key, to, args.write.if_absent)
        .await
        .map_err(|failure| refused_as_too_large(failure, size))?)
}

/// A 0.10 document: every value validated as chatsky 0.10 reads it and written as it writes it.
fn prepare_hashes(
    args: &PutArgs,
    prefix: Prefix,
    source: &str,
    text: &str,
) -> anyhow::Result<(Ready, Vec<String>)> {
    let options = Options {
        schema: Schema::V010,
        exponent: model::exponent_for(args.write.float_exponent.into(), text.as_bytes()),
        allow_unsafe_pickles: args.write.pickles.allow_unsafe_pickles,
        pickle_globals: args.write.pickles.pickle_globals(),
    };
    let (mut fields, id) = v010::decompose(text, Form::Document, &options, true)
        .map_err(|e| Error::Input(format!("{source}: not a valid chatsky 0.10 context {e}")))?;
    let mut notes = std::mem::take(&mut fields.notes);
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
    Ok((Ready::Hashes(prefix, fields), notes))
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
