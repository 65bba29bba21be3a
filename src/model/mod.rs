//! The Chatsky Context document model (pure: no Redis, no printing).
//!
//! Legacy documents of dff 0.7, chatsky 0.8 and chatsky 0.9 (spec sections 2.1–2.8 and 4):
//! [`parse`] reads stored bytes like Python's `json.loads`, [`canonicalize`] validates a document
//! with a version's accept/reject decisions and writes the exact bytes that version's
//! `model_dump_json()` would store, [`detect`] guesses the writing version and [`check`] predicts
//! what Chatsky's `get_item_async` does with stored bytes.

mod attach;
mod coerce;
mod context;
pub mod convert;
mod detect;
mod json;
mod message;
mod parse;
pub mod pickle;
mod pickled;
pub mod tree;
pub mod v010;
pub mod view;
mod writer;

use std::fmt;
use std::str::FromStr;

pub use context::{canonicalize, canonicalize_sized, unknown_fields, validate};
pub use detect::{
    advice, check, detect, is_context, no_context_field, resembles, Detection, Resembles, Verdict,
};
pub use parse::{
    check as check_json, object_keys, parse, parse_as_read, parse_members, parse_str,
    parse_strictness, scalar_at, spans, Member, ParseError, Span,
};
pub use tree::{Map, Number, Str, Value};

/// The document rules of a Chatsky (dff) release. Releases are ordered: `>= Schema::V09` means
/// "0.9 and later".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Schema {
    /// dff 0.7.x
    V07,
    /// chatsky 0.8.0
    V08,
    /// chatsky 0.9.0
    V09,
    /// chatsky 0.10.0: a Message's `origin` replaces `original_message`; labels, messages and
    /// `framework_data` are otherwise read and written as 0.9 does (spec 2.7). Its contexts are
    /// not one document but hashes: see [`v010`].
    V010,
}

impl Schema {
    /// The version string: `"0.7"`, `"0.8"` or `"0.9"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Schema::V07 => "0.7",
            Schema::V08 => "0.8",
            Schema::V09 => "0.9",
            Schema::V010 => "0.10",
        }
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Schema {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "0.7" => Ok(Schema::V07),
            "0.8" => Ok(Schema::V08),
            "0.9" => Ok(Schema::V09),
            "0.10" => Ok(Schema::V010),
            other => Err(format!(
                "unknown schema {other:?}: expected 0.7, 0.8, 0.9 or 0.10"
            )),
        }
    }
}

impl serde::Serialize for Schema {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How a float exponent is spelled (spec 2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExponentStyle {
    /// The spelling of the input document's own float literals if it has any positive
    /// exponent; otherwise `Plain` for 0.7/0.8 and `Plus` for 0.9 (the corpus pydantic versions).
    ///
    /// The spelling is a property of the whole document (the first such literal decides), so it
    /// is resolved from the raw bytes with [`exponent_for`] before calling [`canonicalize`];
    /// given `Auto`, `canonicalize` uses the version default.
    #[default]
    Auto,
    /// pydantic <= 2.12: `1e16`.
    Plain,
    /// pydantic >= 2.13: `1e+16`.
    Plus,
}

/// Resolve [`ExponentStyle::Auto`] against the document's own bytes: the spelling its floats
/// already use, else `Auto` (the schema's usual pydantic).
pub fn exponent_for(asked: ExponentStyle, raw: &[u8]) -> ExponentStyle {
    match asked {
        ExponentStyle::Auto => exponent_style(raw).unwrap_or(ExponentStyle::Auto),
        fixed => fixed,
    }
}

/// The exponent spelling of the first float literal with a positive exponent in stored bytes
/// (`1e+16` → `Plus`, `1e16` → `Plain`), or `None` when there is none.
pub fn exponent_style(raw: &[u8]) -> Option<ExponentStyle> {
    json::raw_exponent_style(raw).map(|plus| {
        if plus {
            ExponentStyle::Plus
        } else {
            ExponentStyle::Plain
        }
    })
}

/// Why a document is not one that Chatsky would accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// Dotted path to the offending value (`requests.3.attachments.0.source`); empty = top level.
    pub path: String,
    /// What was expected and what was found.
    pub message: String,
    /// Chatsky reads the document: only its next write fails (a value nested deeper than
    /// pydantic serializes, or a lone surrogate).
    pub reads: bool,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for ModelError {}

/// A document in the exact form Chatsky would store it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    /// The bytes `model_dump_json()` would produce.
    pub json: String,
    /// The version it was validated and written for.
    pub schema: Schema,
    /// Human-readable normalisations that were applied.
    pub notes: Vec<String>,
}

/// Settings of [`canonicalize`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Target version.
    pub schema: Schema,
    /// Float exponent spelling.
    pub exponent: ExponentStyle,
    /// Accept pickles that resolve globals outside [`pickle::ALLOWED_GLOBALS`] and
    /// [`Self::pickle_globals`], or whose loading cannot be predicted.
    pub allow_unsafe_pickles: bool,
    /// More globals pickles may resolve (`--allow-pickle-global`).
    pub pickle_globals: pickle::Patterns,
}

impl Options {
    /// Defaults for a schema: automatic exponent style, unsafe pickles refused.
    pub fn new(schema: Schema) -> Self {
        Options {
            schema,
            exponent: ExponentStyle::Auto,
            allow_unsafe_pickles: false,
            pickle_globals: pickle::Patterns::default(),
        }
    }
}
