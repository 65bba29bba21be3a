//! pydantic's lax ("python mode") coercions for the scalar field types Chatsky declares.

use super::tree::Value;

use super::json::{classify, Num};

/// The most digits Python's `int()` of a str, and pydantic's str -> int, take (CPython's
/// `sys.get_int_max_str_digits()` default; pydantic-core keeps the same bound).
const MAX_INT_DIGITS: usize = 4300;

/// `int(s)` as pydantic's `str -> int` does it: surrounding whitespace, a sign, `_` between
/// digits, leading zeros and a zero fraction (`"1.0"`) are accepted. Returns canonical decimal.
/// More than 4,300 digits after the leading zeros are refused, as pydantic refuses them.
pub(crate) fn int_from_str(s: &str) -> Option<String> {
    let s = s.trim();
    let int = python_int_literal(s).or_else(|| {
        let (int_part, frac) = s.split_once('.')?;
        // pydantic strips a fractional part made only of zeros before parsing again.
        if !frac.is_empty() && frac.bytes().all(|b| b == b'0') {
            python_int_literal(int_part)
        } else {
            None
        }
    })?;
    (int.trim_start_matches('-').len() <= MAX_INT_DIGITS).then_some(int)
}

/// Python's `int(s)` of a str: surrounding whitespace, a sign, `_` between digits, leading zeros;
/// no fraction. Returns canonical decimal. More than 4,300 digits, leading zeros included, are
/// refused, as Python refuses them (`ValueError: Exceeds the limit (4300 digits)`).
pub(crate) fn python_int(s: &str) -> Option<String> {
    let s = s.trim();
    (s.bytes().filter(u8::is_ascii_digit).count() <= MAX_INT_DIGITS)
        .then(|| python_int_literal(s))
        .flatten()
}

/// Canonical decimal text of a Python base-10 int literal (sign, digits, single `_` separators).
fn python_int_literal(s: &str) -> Option<String> {
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let bytes = digits.as_bytes();
    let valid_digit_run = !bytes.is_empty()
        && bytes.first().is_some_and(u8::is_ascii_digit)
        && bytes.last().is_some_and(u8::is_ascii_digit)
        && bytes.iter().all(|&b| b.is_ascii_digit() || b == b'_')
        && !digits.contains("__");
    if !valid_digit_run {
        return None;
    }
    let plain: String = digits.chars().filter(|&c| c != '_').collect();
    let trimmed = plain.trim_start_matches('0');
    if trimmed.is_empty() {
        return Some("0".into());
    }
    Some(if negative {
        format!("-{trimmed}")
    } else {
        trimmed.to_string()
    })
}

/// pydantic's lax int: ints, integral floats inside the i64 range, bools, numeric strings.
/// Returns the canonical decimal text and whether the input was not already an int.
pub(crate) fn lax_int(v: &Value) -> Option<(String, bool)> {
    match v {
        Value::Number(n) => match classify(n) {
            Num::Int(text) => Some((text.to_string(), text != n.as_str())),
            Num::Float(x) => float_as_int(x).map(|i| (i.to_string(), true)),
        },
        Value::Bool(b) => Some((u8::from(*b).to_string(), true)),
        Value::String(s) => int_from_str(s).map(|i| (i, true)),
        _ => None,
    }
}

/// pydantic-core's `float_as_int`: finite, integral, strictly inside the i64 range.
fn float_as_int(x: f64) -> Option<i64> {
    let inside = (i64::MIN as f64) < x && x < (i64::MAX as f64);
    // The range check makes the cast exact for integral values.
    (x.is_finite() && x.fract() == 0.0 && inside).then_some(x as i64)
}

/// pydantic's lax float: numbers, bools and numeric strings (`str::trim` + Rust's parser, as
/// pydantic-core does, so `"inf"`/`"nan"` are accepted too).
pub(crate) fn lax_float(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => Some(match classify(n) {
            Num::Int(text) => text.parse().unwrap_or(f64::INFINITY),
            Num::Float(x) => x,
        }),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// pydantic's lax bool: bools, 0/1, 0.0/1.0 and the usual yes/no words.
#[allow(clippy::redundant_guards)] // a float literal pattern would not match -0.0 as clearly
pub(crate) fn lax_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match classify(n) {
            Num::Int("0") => Some(false),
            Num::Int("1") => Some(true),
            // -0.0 == 0.0 as well, like Python's `0.0 == -0.0`.
            Num::Float(x) if x == 0.0 => Some(false),
            Num::Float(x) if x == 1.0 => Some(true),
            _ => None,
        },
        Value::String(s) => match s.to_lowercase().as_str() {
            "0" | "off" | "f" | "false" | "n" | "no" => Some(false),
            "1" | "on" | "t" | "true" | "y" | "yes" => Some(true),
            _ => None,
        },
        _ => None,
    }
}

/// Python truthiness of a JSON value (used by Chatsky's `bool(values.get(...))` checks).
pub(crate) fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => match classify(n) {
            Num::Int(text) => text != "0",
            Num::Float(x) => x != 0.0,
        },
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_keys_canonicalised() {
        for (input, want) in [
            ("01", Some("1")),
            ("1.0", Some("1")),
            ("2.00", Some("2")),
            ("1.", None),
            (" 1", Some("1")),
            ("+3", Some("3")),
            ("1_0", Some("10")),
            ("-0", Some("0")),
            ("-1", Some("-1")),
            ("18446744073709551617", Some("18446744073709551617")),
            ("000", Some("0")),
            ("1.5", None),
            ("1__0", None),
            ("_1", None),
            ("1e3", None),
            ("", None),
            ("-", None),
            ("abc", None),
        ] {
            assert_eq!(int_from_str(input).as_deref(), want, "{input:?}");
        }
    }

    #[test]
    fn more_than_4300_digits_are_refused_as_python_and_pydantic_refuse_them() {
        let ones = |n: usize| "1".repeat(n);
        // pydantic counts the digits after the leading zeros; `+`, `_` and `.0` do not count.
        assert!(int_from_str(&ones(4300)).is_some());
        assert!(int_from_str(&format!("{}{}", "0".repeat(10), ones(4300))).is_some());
        assert!(int_from_str(&format!("+{}.0", ones(4300))).is_some());
        assert!(int_from_str(&ones(4301)).is_none());
        assert!(int_from_str(&format!("-{}", ones(4301))).is_none());
        assert!(int_from_str(&format!("{}.0", ones(4301))).is_none());
        // Python's int() counts every digit, leading zeros too, but not `_` or the sign.
        assert!(python_int(&format!("-{}", ones(4300))).is_some());
        assert!(python_int(&format!("1{}", "_1".repeat(4299))).is_some());
        assert!(python_int(&ones(4301)).is_none());
        assert!(python_int(&format!("{}{}", "0".repeat(10), ones(4295))).is_none());
        assert!(python_int(&"0".repeat(4301)).is_none());
    }

    #[test]
    fn lax_scalars() {
        let p = |s: &'static str| crate::model::parse(s.as_bytes()).unwrap();
        assert_eq!(lax_int(&p("5.0")), Some(("5".into(), true)));
        assert_eq!(lax_int(&p("true")), Some(("1".into(), true)));
        assert_eq!(lax_int(&p("7")), Some(("7".into(), false)));
        assert_eq!(lax_int(&p("5.5")), None);
        assert_eq!(lax_int(&p("1e20")), None);
        assert_eq!(lax_int(&p("null")), None);
        assert_eq!(lax_float(&p("2")), Some(2.0));
        assert_eq!(lax_float(&p(r#"" 1.5 ""#)), Some(1.5));
        assert_eq!(lax_bool(&p(r#""YES""#)), Some(true));
        assert_eq!(lax_bool(&p("2")), None);
        assert!(!truthy(Some(&p("0.0"))));
        assert!(truthy(Some(&p(r#""x""#))));
    }
}
