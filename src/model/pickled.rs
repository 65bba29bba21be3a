//! Fields that Chatsky 0.8/0.9 unpickles on read and pickles again on write (spec 2.2).
//!
//! The pickle bytes are carried verbatim (a Rust tool cannot re-pickle arbitrary objects), but
//! what Chatsky does with the *unpickled value* is reproduced where it is visible in the output:
//! a pickled `None` is written as `null`, and in JSON-pickle dicts a simple value comes back as
//! plain JSON.

use super::pickle::{self, Inspection, Simple, Verdict};
use super::writer::{Res, Writer};

/// Validate a pickle string at the current path like Chatsky's `pickle_validator` would (a
/// pickle CPython cannot load fails the read), and enforce the global allow-list.
pub(crate) fn check(w: &mut Writer<'_>, b64: &str) -> Res<Inspection> {
    let found = pickle::inspect(b64, &w.opts.pickle_globals)
        .map_err(|e| w.fatal(format!("not a readable pickle: {e}")))?;
    match &found.verdict {
        Verdict::Loads => {}
        Verdict::Fails(why) => {
            return Err(w.fatal(format!("a pickle Chatsky cannot load: {why}")));
        }
        Verdict::Unsafe(global) if !w.opts.allow_unsafe_pickles => {
            return Err(w.fatal(format!(
                "pickle resolves global `{global}`, which runs code in the bot when Chatsky reads \
                 this context; pass --allow-pickle-global '{global}' to allow it, or \
                 --allow-unsafe-pickles to store the pickle anyway"
            )));
        }
        Verdict::Unknown(why) if !w.opts.allow_unsafe_pickles => {
            return Err(w.fatal(format!(
                "cannot tell what Chatsky does when it loads this pickle ({why}); pass \
                 --allow-unsafe-pickles to store it anyway"
            )));
        }
        Verdict::Unsafe(_) => note_unsafe(w, &found),
        Verdict::Unknown(why) => {
            let path = w.path_string();
            w.note(format!(
                "unchecked: cannot tell what Chatsky does when it loads the pickle at {path} ({why})"
            ));
        }
    }
    note_vouched(w, &found);
    if found.holds_view {
        w.cannot_write_back(|| {
            "holds a memoryview (READONLY_BUFFER of a bytearray): Chatsky reads it but its next \
             write fails (TypeError: cannot pickle 'memoryview' object)"
                .into()
        });
    }
    if found.protocol != 4 {
        let path = w.path_string();
        w.note(format!(
            "pickle at {path} uses protocol {}; Chatsky re-pickles it with its own default \
             protocol on its next write, here it is stored verbatim",
            found.protocol
        ));
    }
    Ok(found)
}

/// The notes for a pickle stored with --allow-unsafe-pickles: every unsafe global it names.
fn note_unsafe(w: &mut Writer<'_>, found: &Inspection) {
    let path = w.path_string();
    for global in &found.unsafe_globals {
        w.note(format!(
            "unsafe: pickle at {path} references global `{global}`, which Chatsky imports and \
             may call when it reads this context"
        ));
    }
}

/// A note naming the globals let through by --allow-pickle-global (vouched for, not modelled).
fn note_vouched(w: &mut Writer<'_>, found: &Inspection) {
    let vouched: Vec<&str> = found
        .globals
        .iter()
        .filter(|g| !pickle::builtin_allowed(g) && !found.unsafe_globals.contains(g))
        .map(String::as_str)
        .collect();
    if !vouched.is_empty() {
        let path = w.path_string();
        w.note(format!(
            "pickle at {path} resolves {}, allowed by --allow-pickle-global: what it does on \
             load is not checked",
            vouched.join(", ")
        ));
    }
}

/// Write a pickle string as Chatsky's `base64.encodebytes` lays it out (76-character lines, a
/// final newline). The pickle bytes themselves are not changed.
pub(crate) fn write_b64(w: &mut Writer<'_>, b64: &str) {
    if is_encodebytes_layout(b64) {
        w.str(b64);
        return;
    }
    let canonical = pickle::decode_b64(b64).map(|bytes| pickle::encode_b64_lines(&bytes));
    match canonical {
        Ok(c) if c != b64 => {
            let path = w.path_string();
            w.note(format!(
                "pickle at {path} re-wrapped as base64.encodebytes writes it"
            ));
            w.str(&c);
        }
        _ => w.str(b64),
    }
}

/// Cheap check that `b64` already has `encodebytes`' shape: full 76-character lines of the
/// base64 alphabet, each ending in a newline (so no re-encoding is needed).
fn is_encodebytes_layout(b64: &str) -> bool {
    let Some(body) = b64.strip_suffix('\n') else {
        return false;
    };
    let mut lines = body.split('\n').peekable();
    while let Some(line) = lines.next() {
        let last = lines.peek().is_none();
        let len_ok = if last {
            !line.is_empty() && line.len() <= 76 && line.len() % 4 == 0
        } else {
            line.len() == 76
        };
        if !len_ok
            || !line
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        {
            return false;
        }
    }
    true
}

/// Whether the pickle is a plain `None`.
pub(crate) fn is_none(found: &Inspection) -> bool {
    matches!(found.simple, Some(Simple::None))
}

/// How Chatsky's JSON-pickle serialiser treats an unpickled value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// pydantic serialises it: written as plain JSON.
    Json,
    /// Top-level bytes, or something pydantic cannot serialise: pickled again.
    Pickle,
    /// Nested bytes that are not UTF-8: pydantic raises UnicodeDecodeError, which Chatsky does
    /// not catch, so the write fails.
    Unwritable,
}

/// Classify a simple unpickled value.
pub(crate) fn shape(v: &Simple) -> Shape {
    if matches!(v, Simple::Bytes(_)) {
        return Shape::Pickle;
    }
    nested_shape(v)
}

fn nested_shape(v: &Simple) -> Shape {
    let worst = |a: Shape, b: Shape| match (a, b) {
        (Shape::Unwritable, _) | (_, Shape::Unwritable) => Shape::Unwritable,
        (Shape::Pickle, _) | (_, Shape::Pickle) => Shape::Pickle,
        _ => Shape::Json,
    };
    match v {
        Simple::Bytes(b) if std::str::from_utf8(b).is_err() => Shape::Unwritable,
        Simple::List(items) | Simple::Tuple(items) => {
            items.iter().map(nested_shape).fold(Shape::Json, worst)
        }
        Simple::Dict(pairs) => pairs.iter().fold(Shape::Json, |acc, (k, v)| {
            // str and int keys are what pydantic writes as JSON keys the way modelled here.
            let key = if matches!(k, Simple::Str(_) | Simple::Int(_)) {
                Shape::Json
            } else {
                Shape::Pickle
            };
            worst(worst(acc, key), nested_shape(v))
        }),
        _ => Shape::Json,
    }
}

/// Write the JSON form pydantic gives a value of [`Shape::Json`].
pub(crate) fn write_json(w: &mut Writer<'_>, v: &Simple) {
    write_simple(w, v);
}

fn write_simple(w: &mut Writer<'_>, v: &Simple) {
    match v {
        Simple::None => w.raw("null"),
        Simple::Bool(b) => w.raw(if *b { "true" } else { "false" }),
        Simple::Int(i) => w.raw(i),
        Simple::Float(x) => w.float(*x),
        Simple::Str(s) => w.str(s),
        Simple::Bytes(b) => w.str(std::str::from_utf8(b).unwrap_or_default()),
        Simple::List(items) | Simple::Tuple(items) => {
            w.raw("[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    w.raw(",");
                }
                write_simple(w, item);
            }
            w.raw("]");
        }
        Simple::Dict(pairs) => {
            w.raw("{");
            for (i, (k, item)) in pairs.iter().enumerate() {
                match k {
                    Simple::Str(k) | Simple::Int(k) => w.key(k, i == 0),
                    _ => {}
                }
                write_simple(w, item);
            }
            w.raw("}");
        }
    }
}
