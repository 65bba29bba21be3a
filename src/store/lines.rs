//! The export/import line format: JSON Lines, one context per line, the stored document embedded
//! verbatim so that an import into an empty db reproduces every stored byte.
//!
//! | context | line |
//! |---|---|
//! | legacy | `{"key":KEY,"value":DOCUMENT}` |
//! | legacy, not strict one-line JSON (line breaks, `NaN`, a lone surrogate) | `{"key":KEY,"raw":"<stored text>"}` |
//! | chatsky 0.10 | `{"key":ID,"prefix":P,"value":DOCUMENT}` (the document form, `model::v010::compose`) |
//! | chatsky 0.10, not strict one-line JSON | `{"key":ID,"prefix":P,"raw":"<document form>"}` |
//! | chatsky 0.10 that no document holds | `{"key":ID,"prefix":P,"hashes":{"main":{…},"labels":{…},…}}` |

use std::io::{self, Write};

use crate::model::v010::{self, Composed, Stored};

/// One legacy context's line. The document is copied verbatim when it is one line of strict JSON.
pub fn write_legacy(out: &mut dyn Write, key: &str, raw: &[u8], strict: bool) -> io::Result<()> {
    out.write_all(b"{\"key\":")?;
    serde_json::to_writer(&mut *out, key)?;
    document(out, raw, strict)?;
    out.write_all(b"}\n")
}

/// One chatsky 0.10 context's line: its document form, or its hashes when no document holds them.
/// `Ok(Err(why))` when not even the hashes form does (a name or value that is not UTF-8): nothing
/// is written then.
pub fn write_hashes(
    out: &mut dyn Write,
    prefix: &str,
    id: &str,
    stored: &Stored,
    doc: &Result<Composed, String>,
) -> io::Result<Result<(), String>> {
    // Made before anything is written, so that a context no line holds writes nothing.
    let body = match doc {
        Ok(doc) => Body::Document(doc),
        Err(_) => match v010::fields_form(stored) {
            Ok(hashes) => Body::Hashes(hashes),
            Err(why) => return Ok(Err(why)),
        },
    };
    out.write_all(b"{\"key\":")?;
    serde_json::to_writer(&mut *out, id)?;
    out.write_all(b",\"prefix\":")?;
    serde_json::to_writer(&mut *out, prefix)?;
    match body {
        Body::Document(doc) => document(out, doc.text.as_bytes(), doc.strict)?,
        Body::Hashes(hashes) => {
            out.write_all(b",\"hashes\":")?;
            out.write_all(hashes.as_bytes())?;
        }
    }
    out.write_all(b"}\n")?;
    Ok(Ok(()))
}

/// What follows a 0.10 line's key and prefix.
enum Body<'a> {
    Document(&'a Composed),
    Hashes(String),
}

/// `,"value":DOC` when the document can stand as it is, else `,"raw":"<text>"`.
fn document(out: &mut dyn Write, raw: &[u8], strict: bool) -> io::Result<()> {
    // JSON strings cannot hold raw line breaks, so any in `raw` are whitespace between tokens.
    if strict && memchr::memchr2(b'\n', b'\r', raw).is_none() {
        out.write_all(b",\"value\":")?;
        out.write_all(raw)
    } else {
        out.write_all(b",\"raw\":")?;
        serde_json::to_writer(&mut *out, &String::from_utf8_lossy(raw))?;
        Ok(())
    }
}

/// One export line, read: its key, the 0.10 prefix it names (only 0.10 lines have one), and the
/// context in the form it is given.
pub struct Line<'l> {
    pub key: String,
    pub prefix: Option<String>,
    pub context: Given<'l>,
}

/// A line's context as given.
pub enum Given<'l> {
    /// The document embedded as it is (`"value"`).
    Value(&'l str),
    /// The stored text, as a JSON string (`"raw"`).
    Raw(String),
    /// A 0.10 context's hashes (`"hashes"`).
    Hashes(&'l str),
}

/// Read an export line; only its key, prefix and `raw` text are built, the document is checked as
/// JSON and given as the text it is in the line.
pub fn read(line: &str) -> Result<Line<'_>, String> {
    let members = crate::model::parse_members(line, |k| matches!(k, "key" | "prefix" | "raw"))
        .map_err(|e| format!("not an export line {{\"key\", \"value\"}}: {e}"))?;
    let (mut key, mut prefix, mut given) = (None, None, Vec::new());
    for m in members {
        match m.key.as_str() {
            "key" => key = Some(m.value),
            "prefix" => prefix = Some(m.value),
            "value" => given.push(Ok(Given::Value(m.text))),
            "raw" => given.push(match m.value {
                crate::model::Value::String(s) => Ok(Given::Raw(s.to_string())),
                other => Err(format!("`raw` is {other}, not a string")),
            }),
            "hashes" => given.push(Ok(Given::Hashes(m.text))),
            _ => {}
        }
    }
    let key = match key {
        Some(crate::model::Value::String(k)) => k.to_string(),
        Some(other) => return Err(format!("`key` is {other}, not a string")),
        None => return Err("not an export line {\"key\", \"value\"}: no `key`".into()),
    };
    let prefix = match prefix {
        None => None,
        Some(crate::model::Value::String(p)) => Some(p.to_string()),
        Some(other) => return Err(format!("`prefix` is {other}, not a string")),
    };
    if given.len() != 1 {
        return Err("a line needs exactly one of `value`, `raw` and `hashes`".into());
    }
    let context = given.remove(0)?;
    if matches!(context, Given::Hashes(_)) && prefix.is_none() {
        return Err("`hashes` (a chatsky 0.10 context) needs a `prefix`".into());
    }
    Ok(Line {
        key,
        prefix,
        context,
    })
}
