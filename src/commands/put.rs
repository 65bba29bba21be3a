//! `put KEY [FILE]`: SET, Chatsky's `set_item`. The document is validated and written in the exact
//! form Chatsky's `model_dump_json` would give it; nothing is written when it is invalid.

use std::io::Read;
use std::path::Path;

use crate::cli::PutArgs;
use crate::error::{Error, Status};
use crate::model::{self, Options};
use crate::output::emit;
use crate::output::reports::PutReport;
use crate::settings::Settings;

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
    let mut storage = super::connect(settings).await?;
    let target = super::schema::resolve(&mut storage, args.write.schema, Some(&doc)).await?;
    let options = Options {
        schema: target.schema,
        exponent: model::exponent_for(args.write.float_exponent.into(), &input),
        allow_unsafe_pickles: args.write.allow_unsafe_pickles,
        pickle_globals: args.write.pickle_globals(),
    };
    let canonical = model::canonicalize(&doc, &options).map_err(|e| {
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
    let written = storage
        .set(
            args.key.as_bytes(),
            canonical.json.as_bytes(),
            args.write.if_absent,
        )
        .await?;
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
