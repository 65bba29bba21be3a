//! JSON output rules of pydantic's `model_dump_json` (spec 2.1): string escaping, Python number
//! semantics of JSON literals, and float spelling.

use super::tree::Number;

/// Append `s` as a JSON string literal, escaped exactly as serde_json and pydantic do.
pub(crate) fn write_str(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // Every escaped byte is ASCII, so these slice points are char boundaries.
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 0xf)] as char);
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// What Python's `json.loads` makes of a JSON number literal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num<'a> {
    /// An `int`, as its canonical decimal text.
    Int(&'a str),
    /// A `float` (possibly infinite or NaN).
    Float(f64),
}

/// Classify a number literal the way Python's parser does: a fraction or exponent makes a float,
/// and so do the tokens `NaN`, `Infinity` and `-Infinity`.
pub(crate) fn classify<'n>(n: &'n Number<'_>) -> Num<'n> {
    let text = n.as_str();
    match text.as_bytes() {
        [b'N', ..] => return Num::Float(f64::NAN),
        [b'I', ..] => return Num::Float(f64::INFINITY),
        [b'-', b'I', ..] => return Num::Float(f64::NEG_INFINITY),
        _ => {}
    }
    if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        // Rust's parser rounds correctly like Python's; overflow gives ±inf like Python.
        return Num::Float(text.parse().unwrap_or(f64::NAN));
    }
    if text == "-0" {
        return Num::Int("0");
    }
    Num::Int(text)
}

/// Name of a non-finite float for notes.
pub(crate) fn non_finite_name(x: f64) -> &'static str {
    if x.is_nan() {
        "NaN"
    } else if x > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

/// Append a finite float as pydantic writes it: shortest round-trip digits, plain notation for
/// 1e-5 <= |x| < 1e16 (with `.0` when integral), otherwise an exponent whose positive sign is
/// written only when `plus` (pydantic >= 2.13).
pub(crate) fn write_float(out: &mut String, x: f64, plus: bool) {
    let mut buf = ryu::Buffer::new();
    // ryu's own thresholds are exactly pydantic-core's (serde_json's): 1e-5 and 1e16.
    let s = buf.format_finite(x);
    match s.find('e') {
        Some(pos) if plus && s.as_bytes().get(pos + 1) != Some(&b'-') => {
            out.push_str(&s[..=pos]);
            out.push('+');
            out.push_str(&s[pos + 1..]);
        }
        _ => out.push_str(s),
    }
}

/// The exponent spelling of the first float literal in `raw` (outside strings) that has a
/// positive exponent: `Some(true)` for `1e+16`, `Some(false)` for `1e16`.
pub(crate) fn raw_exponent_style(raw: &[u8]) -> Option<bool> {
    let mut in_string = false;
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'e' | b'E'
                if !in_string && i > 0 && (raw[i - 1].is_ascii_digit() || raw[i - 1] == b'.') =>
            {
                match raw.get(i + 1) {
                    Some(b'+') => return Some(true),
                    Some(d) if d.is_ascii_digit() => return Some(false),
                    _ => {}
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64, plus: bool) -> String {
        let mut s = String::new();
        write_float(&mut s, x, plus);
        s
    }

    #[test]
    fn floats_like_pydantic() {
        let cases = [
            (1e16, "1e16", "1e+16"),
            (
                1.2345678901234568e16,
                "1.2345678901234568e16",
                "1.2345678901234568e+16",
            ),
            (1e-7, "1e-7", "1e-7"),
            (0.00001, "0.00001", "0.00001"),
            (
                9999000000000000.0,
                "9999000000000000.0",
                "9999000000000000.0",
            ),
            (2.0, "2.0", "2.0"),
            (-0.0, "-0.0", "-0.0"),
            (3.916667, "3.916667", "3.916667"),
            (1.5e300, "1.5e300", "1.5e+300"),
            (5e-324, "5e-324", "5e-324"),
        ];
        for (x, plain, plus) in cases {
            assert_eq!(f(x, false), plain);
            assert_eq!(f(x, true), plus);
        }
    }

    #[test]
    fn escapes_like_serde_json() {
        let s = "a\"\\\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}/\u{2028}\u{feff}é";
        let mut out = String::new();
        write_str(&mut out, s);
        assert_eq!(out, serde_json::to_string(s).unwrap());
        assert_eq!(
            out,
            "\"a\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\u{7f}/\u{2028}\u{feff}é\""
        );
    }

    #[test]
    fn classifies_python_numbers() {
        let n = |s: &'static str| Number(s.into());
        assert_eq!(classify(&n("-0")), Num::Int("0"));
        assert_eq!(
            classify(&n("18446744073709551617")),
            Num::Int("18446744073709551617")
        );
        assert_eq!(classify(&n("5.0")), Num::Float(5.0));
        assert_eq!(classify(&n("1E2")), Num::Float(100.0));
        assert!(matches!(classify(&n("1e999")), Num::Float(x) if x.is_infinite()));
        assert!(matches!(classify(&n("NaN")), Num::Float(x) if x.is_nan()));
        assert_eq!(classify(&n("-Infinity")), Num::Float(f64::NEG_INFINITY));
        assert_eq!(
            raw_exponent_style(br#"{"a":"1e+5","b":1e-7,"c":2E16}"#),
            Some(false)
        );
        assert_eq!(raw_exponent_style(br#"[1.5e+300]"#), Some(true));
        assert_eq!(raw_exponent_style(br#"{"e+1":"\"1e5"}"#), None);
    }
}
