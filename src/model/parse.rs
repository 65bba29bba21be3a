//! Reading stored bytes the way Chatsky's `json.loads(value.decode("utf-8"))` does.
//!
//! serde_json does the parsing. Python's parser also accepts the bare tokens `NaN`, `Infinity` and
//! `-Infinity`, so a pre-pass rewrites them (outside strings) into number literals that serde_json
//! accepts and that the canonicaliser recognises, and error positions are mapped back.

use std::fmt;

use serde_json::Value;

/// The literal `Infinity` becomes: Python itself reads this literal as `inf` too.
const INF_LITERAL: &str = "1e999999";
/// The literal `-Infinity` becomes.
const NEG_INF_LITERAL: &str = "-1e999999";
/// The literal `NaN` becomes. A genuine input literal with this exact text means `-0.0` to
/// Python, so the pre-pass rewrites such a literal to `-0.0` to keep the sentinel unambiguous.
pub(crate) const NAN_LITERAL: &str = "-0.0e-999999999";

/// Why stored bytes are not a document Chatsky could read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line in the input.
    pub line: usize,
    /// 1-based column in the input, counted in characters like Python's `colno`.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// Parse stored bytes as Python's `json.loads` would.
///
/// Accepts `NaN`/`Infinity`/`-Infinity`; duplicate keys keep the last value at the position of
/// the first; integers of any size stay exact. Rejects a UTF-8 BOM, invalid UTF-8 and lone
/// surrogates (Chatsky reads those but can never write them back).
pub fn parse(raw: &[u8]) -> Result<Value, ParseError> {
    if raw.starts_with(b"\xEF\xBB\xBF") {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "starts with a UTF-8 byte-order mark (Python's json.loads refuses it)".into(),
        });
    }
    let text = std::str::from_utf8(raw).map_err(|e| utf8_error(raw, e))?;
    // Fast path: without the text `NaN` or `Infinity` there is no token to rewrite. (Testing for
    // single `N`/`I` bytes is not enough: ordinary dialog text like "Hi" is full of them.)
    let specials = memchr::memmem::find(raw, b"NaN").is_some()
        || memchr::memmem::find(raw, b"Infinity").is_some();
    if !specials {
        return serde_json::from_str(text).map_err(|e| json_error(text, &e, &[]));
    }
    let (rewritten, edits) = rewrite_specials(text);
    serde_json::from_str(&rewritten).map_err(|e| json_error(text, &e, &edits))
}

fn utf8_error(raw: &[u8], e: std::str::Utf8Error) -> ParseError {
    let offset = e.valid_up_to();
    // The prefix up to `offset` is valid UTF-8 by definition.
    let prefix = std::str::from_utf8(&raw[..offset]).unwrap_or("");
    let (line, column) = line_col(prefix);
    ParseError {
        line,
        column,
        message: format!(
            "invalid UTF-8 at byte offset {offset} (byte 0x{:02x}); Chatsky fails with UnicodeDecodeError",
            raw[offset]
        ),
    }
}

/// 1-based line and character column of the position just after `prefix`.
fn line_col(prefix: &str) -> (usize, usize) {
    let line = prefix.matches('\n').count() + 1;
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    (line, prefix[line_start..].chars().count() + 1)
}

/// One token replaced by the pre-pass: byte offsets in the original and rewritten text.
#[derive(Debug, Clone, Copy)]
struct Edit {
    orig_start: usize,
    new_start: usize,
    orig_len: usize,
    new_len: usize,
}

/// Replace `NaN`, `Infinity`, `-Infinity` outside strings by number literals.
fn rewrite_specials(text: &str) -> (String, Vec<Edit>) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut edits = Vec::new();
    let (mut i, mut copied, mut in_string) = (0, 0, false);
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        // Compare bytes: `i` walks byte by byte and may sit inside a multi-byte character, where
        // slicing the str would panic. Tokens only ever start at ASCII bytes, so the slices of
        // `text` taken below (at `copied` and at a token) are on character boundaries.
        let rest = &bytes[i..];
        let replacement = if rest.starts_with(b"NaN") {
            Some(("NaN", NAN_LITERAL))
        } else if rest.starts_with(b"Infinity") {
            Some(("Infinity", INF_LITERAL))
        } else if rest.starts_with(b"-Infinity") {
            Some(("-Infinity", NEG_INF_LITERAL))
        } else if rest.starts_with(NAN_LITERAL.as_bytes())
            && !followed_by_digit(rest, NAN_LITERAL.len())
        {
            Some((NAN_LITERAL, "-0.0"))
        } else {
            None
        };
        match replacement {
            Some((orig, new)) => {
                out.push_str(&text[copied..i]);
                edits.push(Edit {
                    orig_start: i,
                    new_start: out.len(),
                    orig_len: orig.len(),
                    new_len: new.len(),
                });
                out.push_str(new);
                i += orig.len();
                copied = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    (out, edits)
}

fn followed_by_digit(rest: &[u8], at: usize) -> bool {
    rest.get(at).is_some_and(u8::is_ascii_digit)
}

/// Turn a serde_json error into a ParseError pointing into the original text.
fn json_error(orig: &str, e: &serde_json::Error, edits: &[Edit]) -> ParseError {
    if e.line() == 0 {
        return ParseError {
            line: 1,
            column: 1,
            message: json_message(e, false),
        };
    }
    // serde_json reports a byte column in the text it saw; find that byte offset, map it back.
    let rewritten_offset = offset_of(orig, edits, e.line(), e.column());
    let orig_offset = map_back(rewritten_offset, edits).min(orig.len());
    let mut cut = orig_offset;
    while !orig.is_char_boundary(cut) {
        cut -= 1;
    }
    let (line, column) = line_col(&orig[..cut]);
    let message = json_message(e, after_surrogate_escape(&orig[..cut]));
    ParseError {
        line,
        column,
        message,
    }
}

/// Whether the text just before an error ends in a `\uD800`–`\uDFFF` escape.
fn after_surrogate_escape(before: &str) -> bool {
    let tail = &before.as_bytes()[before.len().saturating_sub(12)..];
    tail.windows(4).any(|w| {
        w[0] == b'\\'
            && w[1] == b'u'
            && w[2].eq_ignore_ascii_case(&b'd')
            && matches!(w[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
    })
}

fn json_message(e: &serde_json::Error, after_surrogate: bool) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C"; we print our own position.
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    if text.contains("surrogate") || (after_surrogate && text.contains("escape")) {
        format!(
            "{text}: Chatsky reads a lone surrogate but cannot write it back \
             (PydanticSerializationError)"
        )
    } else {
        format!("not JSON that Chatsky can read: {text}")
    }
}

/// Byte offset in the rewritten text of serde_json's (line, column).
///
/// Lines are the same in both texts (the rewrite never touches a newline), so the line start
/// comes from the original text shifted by the edits before it.
fn offset_of(orig: &str, edits: &[Edit], line: usize, column: usize) -> usize {
    let line_start_orig = orig
        .match_indices('\n')
        .nth(line.wrapping_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let line_start_orig = if line <= 1 { 0 } else { line_start_orig };
    let shift: isize = edits
        .iter()
        .filter(|ed| ed.orig_start < line_start_orig)
        .map(|ed| ed.new_len as isize - ed.orig_len as isize)
        .sum();
    (line_start_orig as isize + shift) as usize + column.saturating_sub(1)
}

/// Map a byte offset in the rewritten text back to the original text.
fn map_back(offset: usize, edits: &[Edit]) -> usize {
    let mut shift: isize = 0;
    for ed in edits {
        if offset < ed.new_start {
            break;
        }
        if offset < ed.new_start + ed.new_len {
            return ed.orig_start; // inside a rewritten token: point at its start
        }
        shift += ed.new_len as isize - ed.orig_len as isize;
    }
    (offset as isize - shift).max(0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_python_specials_and_keeps_big_ints() {
        let v =
            parse(br#"{"a":NaN,"b":[Infinity,-Infinity],"c":"NaN","d":2361183241434822606848}"#)
                .unwrap();
        assert_eq!(v["a"].to_string(), NAN_LITERAL);
        let neg = match &v["b"][1] {
            Value::Number(n) => super::super::json::classify(n),
            _ => unreachable!(),
        };
        assert_eq!(neg, super::super::json::Num::Float(f64::NEG_INFINITY));
        assert_eq!(v["c"], "NaN");
        assert_eq!(v["d"].to_string(), "2361183241434822606848");
    }

    #[test]
    fn duplicate_keys_last_wins_first_position() {
        let v = parse(br#"{"id":1,"x":0,"id":2}"#).unwrap();
        assert_eq!(v.to_string(), r#"{"id":2,"x":0}"#);
    }

    #[test]
    fn errors_point_at_input() {
        let e = parse(b"{\"a\": NaN,\n  \"b\": tru}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 11), "{e}");
        let e = parse("{\"é\": NaN, x}".as_bytes()).unwrap_err();
        assert_eq!((e.line, e.column), (1, 12), "{e}");
        let e = parse(b"\xEF\xBB\xBF{}").unwrap_err();
        assert!(e.message.contains("byte-order mark"));
        let e = parse(b"{\"a\":\"\xff\"}").unwrap_err();
        assert!(e.message.contains("byte offset 6"), "{e}");
        for lone in [
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\udc00x"}"#,
            r#"{"a":"\uD800\u0041"}"#,
        ] {
            let e = parse(lone.as_bytes()).unwrap_err();
            assert!(e.message.contains("cannot write it back"), "{lone}: {e}");
        }
    }

    #[test]
    fn sentinel_literal_in_input_is_not_nan() {
        let v = parse(format!("[{NAN_LITERAL}, NaN]").as_bytes()).unwrap();
        assert_eq!(v[0].to_string(), "-0.0");
        assert_eq!(v[1].to_string(), NAN_LITERAL);
    }

    #[test]
    fn non_ascii_outside_strings_next_to_nan_is_an_error_not_a_panic() {
        // Invalid JSON, but it must come back as a ParseError (it used to slice inside `é`).
        for text in [
            "{\"misc\": NaN, \u{e9}}",
            "[Infinity,\u{20ac}]",
            "\u{e9}NaN",
        ] {
            let err = parse(text.as_bytes()).unwrap_err();
            assert!(err.line >= 1, "{text}: {err}");
        }
    }
}
