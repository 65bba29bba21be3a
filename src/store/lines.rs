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
