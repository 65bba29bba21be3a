//! Legacy (dff 0.7, chatsky 0.8, 0.9) ⇄ chatsky 0.10, one context at a time, pure: what `migrate`
//! writes into Redis and `convert` into files. Each side is first read exactly as its own version
//! reads it (the legacy document through [`super::canonicalize`], the 0.10 hashes through
//! [`super::v010::decompose`]), converted, then read again as the target version reads it, and
//! what that read writes is the result: nothing is stored that the target would not load.
//!
//! The mapping, pinned against the released packages (spec 2.3–2.7, 3, 4):
//!
//! | legacy | chatsky 0.10 |
//! |---|---|
//! | the key (`str(ctx_id)`) | the id (in the key names only; an integer `id` becomes its string) |
//! | 0.7/0.8 labels `[flow, node]`; 0.9 `{flow_name, node_name}` | `{flow_name, node_name}` |
//! | 0.7/0.8 turns numbered from 0, no start label | turns from 1, start label at `labels["0"]` (`--start-label`; else a note) |
//! | 0.9 numbering (start label at `"0"`, turns from 1) | the same |
//! | – | `current_turn_id`: the highest turn |
//! | – | `created_at`, `updated_at`: the migration time (a note) |
//! | `misc` | `misc` |
//! | 0.8/0.9 `framework_data` (0.8's pickled `None` slot values) | `framework_data` (`null` for `None`) |
//! | 0.7 `validation`, `framework_states` | – (a note when they hold anything) |
//! | 0.8/0.9 Message `original_message` | `origin: {"message": …, "interface": null}` |
//! | 0.7 Message `commands` | the extra field `commands` |
//! | 0.7 attachments `{"files": [f…]}` | `[{"chatsky_attachment_type": "document", …f}]` (a note: 0.7 kept no type) |
//!
//! Back to legacy (0.9, or 0.8 with its own shapes: arrays, turns from 0, `None` slot values
//! pickled) the same in reverse; `origin.interface`, the timestamps, `current_turn_id` when it is
//! not the highest turn, and for 0.8 the start label have no legacy home: notes. A field the
//! target would read as something else (a Message extra named `origin`, or `original_message`
//! going back) cannot be carried: the context fails, it is never silently changed.

mod to_legacy;
mod to_v010;

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::pickle::Patterns;
use super::{ModelError, Schema};

pub use to_legacy::{v010_stored_to_legacy, v010_to_legacy};
pub use to_v010::legacy_to_v010;

/// A chatsky 0.10 start label, `FLOW:NODE` on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartLabel {
    pub flow: String,
    pub node: String,
}

impl FromStr for StartLabel {
    type Err = String;

    /// `FLOW:NODE`, split at the first `:` (a node name may hold more).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once(':') {
            Some((flow, node)) if !flow.is_empty() && !node.is_empty() => Ok(StartLabel {
                flow: flow.to_string(),
                node: node.to_string(),
            }),
            _ => Err(format!(
                "expected FLOW:NODE (e.g. greeting_flow:start_node), found {s:?}"
            )),
        }
    }
}

impl fmt::Display for StartLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.flow, self.node)
    }
}

/// How legacy contexts become chatsky 0.10 ones.
#[derive(Debug, Clone, Copy)]
pub struct ToV010<'a> {
    /// The start label to give contexts that have none (0.7 and 0.8 never stored one).
    pub start_label: Option<&'a StartLabel>,
    /// `created_at` and `updated_at` of the new contexts: nanoseconds since the epoch.
    pub now: u128,
    /// Carry pickles that reference Python globals outside Chatsky's own.
    pub allow_unsafe_pickles: bool,
    /// More globals pickles may resolve (`--allow-pickle-global`).
    pub pickle_globals: &'a Patterns,
}

/// How chatsky 0.10 contexts become legacy ones.
#[derive(Debug, Clone, Copy)]
pub struct ToLegacy<'a> {
    /// chatsky 0.8 or 0.9.
    pub schema: Schema,
    /// Carry pickles that reference Python globals outside Chatsky's own.
    pub allow_unsafe_pickles: bool,
    /// More globals pickles may resolve (`--allow-pickle-global`).
    pub pickle_globals: &'a Patterns,
}

/// Why a context cannot be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed {
    /// The source is not a context its own version loads and writes back (`None`: not a legacy
    /// context at all).
    Source {
        schema: Option<Schema>,
        err: ModelError,
    },
    /// It holds something the target version would read as something else.
    Carry(ModelError),
    /// The converted context is not one the target version loads.
    Target { schema: Schema, err: ModelError },
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failed::Source { schema: None, err } => write!(f, "not a legacy context: {err}"),
            Failed::Source {
                schema: Some(s),
                err,
            } if err.reads => write!(
                f,
                "{} loads it but cannot write it back, so it cannot be carried: {err}",
                release(*s)
            ),
            Failed::Source {
                schema: Some(s),
                err,
            } => write!(f, "{} does not load it: {err}", release(*s)),
            Failed::Carry(err) => write!(f, "cannot be carried: {err}"),
            Failed::Target { schema, err } => write!(
                f,
                "chatsky {schema} would not load the converted context: {err}"
            ),
        }
    }
}

impl std::error::Error for Failed {}

/// A version as its package names it: `dff 0.7`, `chatsky 0.9`.
pub(crate) fn release(schema: Schema) -> String {
    match schema {
        Schema::V07 => "dff 0.7".into(),
        other => format!("chatsky {other}"),
    }
}

/// A failure at `path` (dotted) with `message`.
fn at(path: &str, message: impl Into<String>) -> ModelError {
    ModelError {
        path: path.to_string(),
        message: message.into(),
        reads: false,
    }
}

/// Text this module made itself failed to parse: a bug here, reported as the target refusing it.
fn internal(schema: Schema, e: impl fmt::Display) -> Failed {
    Failed::Target {
        schema,
        err: at("", format!("internal error while converting: {e}")),
    }
}

/// A turn dict's or an object's members, `(key, value text)`, of canonical JSON this module
/// holds (canonical output of the model, so keys are unique and texts exact).
fn members(text: &str, schema: Schema) -> Result<Vec<(Cow<'_, str>, &str)>, Failed> {
    super::parse::parse_members(text, |_| false)
        .map(|ms| ms.into_iter().map(|m| (m.key.into_cow(), m.text)).collect())
        .map_err(|e| internal(schema, e))
}

/// Write `{"k":v,…}` of members whose values are JSON texts.
fn write_object<K: AsRef<str>, V: AsRef<str>>(out: &mut String, entries: &[(K, V)]) {
    out.push('{');
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        super::json::write_str(out, k.as_ref());
        out.push(':');
        out.push_str(v.as_ref());
    }
    out.push('}');
}

/// Canonical decimal ints (Python's `str(int)`, any size) in numeric order.
fn cmp_int(a: &str, b: &str) -> std::cmp::Ordering {
    let magnitude = |x: &str, y: &str| x.len().cmp(&y.len()).then_with(|| x.cmp(y));
    match (a.strip_prefix('-'), b.strip_prefix('-')) {
        (Some(x), Some(y)) => magnitude(y, x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => magnitude(a, b),
    }
}

/// `n + 1` (`up`) or `n - 1` of a canonical decimal int of any size.
fn step(n: &str, up: bool) -> String {
    if let Ok(x) = n.parse::<i64>() {
        if let Some(y) = if up {
            x.checked_add(1)
        } else {
            x.checked_sub(1)
        } {
            return y.to_string();
        }
    }
    // Beyond i64: the magnitude grows when the sign and the direction agree.
    let (negative, digits) = match n.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, n),
    };
    let mut bytes = digits.as_bytes().to_vec();
    if up != negative {
        let mut i = bytes.len();
        loop {
            if i == 0 {
                bytes.insert(0, b'1');
                break;
            }
            i -= 1;
            if bytes[i] == b'9' {
                bytes[i] = b'0';
            } else {
                bytes[i] += 1;
                break;
            }
        }
    } else {
        // Beyond i64 the magnitude is at least 2**63, so it stays above zero.
        let mut i = bytes.len();
        while i > 0 {
            i -= 1;
            if bytes[i] == b'0' {
                bytes[i] = b'9';
            } else {
                bytes[i] -= 1;
                break;
            }
        }
        if bytes.len() > 1 && bytes[0] == b'0' {
            bytes.remove(0);
        }
    }
    let magnitude = String::from_utf8(bytes).unwrap_or_default();
    if negative {
        format!("-{magnitude}")
    } else {
        magnitude
    }
}

/// The highest turn number among the turn dicts' keys (canonical ints), if any.
fn highest<'k>(keys: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    keys.max_by(|a, b| cmp_int(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_of_any_size() {
        for (n, up, down) in [
            ("0", "1", "-1"),
            ("-1", "0", "-2"),
            ("9", "10", "8"),
            (
                "9223372036854775807",
                "9223372036854775808",
                "9223372036854775806",
            ),
            (
                "-9223372036854775808",
                "-9223372036854775807",
                "-9223372036854775809",
            ),
            (
                "99999999999999999999",
                "100000000000000000000",
                "99999999999999999998",
            ),
            (
                "100000000000000000000",
                "100000000000000000001",
                "99999999999999999999",
            ),
            (
                "-100000000000000000000",
                "-99999999999999999999",
                "-100000000000000000001",
            ),
        ] {
            assert_eq!(step(n, true), up, "{n} + 1");
            assert_eq!(step(n, false), down, "{n} - 1");
        }
    }

    #[test]
    fn order_and_highest() {
        let keys = ["10", "-3", "2", "100000000000000000000", "0"];
        assert_eq!(highest(keys.iter().copied()), Some("100000000000000000000"));
        assert_eq!(highest(["-3", "-10"].iter().copied()), Some("-3"));
        assert_eq!(highest(std::iter::empty()), None);
    }

    #[test]
    fn start_labels() {
        let label: StartLabel = "greeting_flow:start:node".parse().unwrap();
        assert_eq!(
            (label.flow.as_str(), label.node.as_str()),
            ("greeting_flow", "start:node")
        );
        assert!("no-colon".parse::<StartLabel>().is_err());
        assert!(":node".parse::<StartLabel>().is_err());
        assert!("flow:".parse::<StartLabel>().is_err());
    }
}
