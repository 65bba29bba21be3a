//! The text arguments of protocol 0 opcodes, decoded as CPython 3.11's `_pickle.c` decodes them:
//! `strtol` then `PyLong_FromString` for INT, `PyLong_FromString` for LONG/GET/PUT,
//! `PyOS_string_to_double` for FLOAT, `PyBytes_DecodeEscape` for STRING and
//! `raw_unicode_escape` for UNICODE, and UTF-8 with `surrogatepass` for the binary strings.
//!
//! Each returns `Err(Why::Fails)` where CPython raises, and `Err(Why::Unknown)` for the few
//! spellings whose outcome is not modelled (they are refused, never guessed).

use super::objects::{Int, PyStr};

/// Why a text argument gives no value.
#[derive(Debug)]
pub(super) enum Why {
    /// CPython raises this.
    Fails(String),
    /// Not modelled: refuse.
    Unknown(String),
}

/// Python's `Py_ISSPACE` (and C's `isspace` in the "C" locale).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// The line as C sees it: up to the first NUL (the line keeps its `\n`).
fn c_string(line: &[u8]) -> &[u8] {
    match memchr::memchr(0, line) {
        Some(nul) => &line[..nul],
        None => line,
    }
}

/// INT: `strtol(s, &end, 0)`, accepted when it stops at the newline or a NUL; otherwise (or on
/// overflow) `PyLong_FromString(s, NULL, 0)`. A 3-byte line holding 0 or 1 is a bool.
pub(super) fn int_line(line: &[u8]) -> Result<(Int, bool), Why> {
    if let Some((value, end)) = strtol(line) {
        if matches!(line.get(end), None | Some(b'\n' | b'\0')) {
            let boolean = line.len() == 3 && (value == 0 || value == 1);
            return Ok((Int::from_i128(i128::from(value)), boolean));
        }
    }
    long_from_string(c_string(line), 0)
        .map(|i| (i, false))
        .map_err(|_| Why::Fails("could not convert string to int (ValueError)".into()))
}

/// LONG: a trailing `L` before the newline is dropped, then `PyLong_FromString(s, NULL, 0)`.
pub(super) fn long_line(line: &[u8]) -> Result<Int, Why> {
    let mut owned = line.to_vec();
    let n = owned.len();
    if n >= 2 && owned[n - 2] == b'L' {
        owned[n - 2] = 0;
    }
    long_from_string(c_string(&owned), 0)
}

/// GET/PUT: `PyLong_FromString(s, NULL, 10)` then `PyLong_AsSsize_t`.
pub(super) fn index_line(line: &[u8]) -> Result<i64, Why> {
    let i = long_from_string(c_string(line), 10)?;
    i.to_i64().ok_or_else(|| {
        Why::Fails("Python int too large to convert to C ssize_t (OverflowError)".into())
    })
}

/// glibc `strtol(s, &end, 0)`: the value and where it stopped (0 when it read no digit), or
/// `None` when the value overflows a C long (CPython then falls back to `PyLong_FromString`).
fn strtol(s: &[u8]) -> Option<(i64, usize)> {
    let mut i = 0;
    while s.get(i).copied().is_some_and(is_space) {
        i += 1;
    }
    let negative = s.get(i) == Some(&b'-');
    if matches!(s.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    let hex = s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
    let base: u32 = if hex {
        i += 2;
        16
    } else if s.get(i) == Some(&b'0') {
        8
    } else {
        10
    };
    let start = i;
    let mut value: i128 = 0;
    while let Some(d) = s.get(i).and_then(|&b| (b as char).to_digit(base)) {
        value = value * i128::from(base) + i128::from(d);
        if value > i128::from(i64::MAX) + 1 {
            return None;
        }
        i += 1;
    }
    if i == start {
        // No digits: `end` is the start of the string.
        return Some((0, 0));
    }
    let value = if negative { -value } else { value };
    i64::try_from(value).ok().map(|v| (v, i))
}

/// `PyLong_FromString(s, NULL, base)` with base 0 or 10, on a NUL-free C string.
fn long_from_string(s: &[u8], base: u32) -> Result<Int, Why> {
    let bad = || Why::Fails("invalid literal for int() (ValueError)".into());
    let mut i = 0;
    while s.get(i).copied().is_some_and(is_space) {
        i += 1;
    }
    let negative = s.get(i) == Some(&b'-');
    if matches!(s.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    let (radix, zero_lead) = match (base, s.get(i), s.get(i + 1)) {
        (0, Some(b'0'), Some(b'x' | b'X')) => (16, false),
        (0, Some(b'0'), Some(b'o' | b'O')) => (8, false),
        (0, Some(b'0'), Some(b'b' | b'B')) => (2, false),
        (0, Some(b'0'), _) => (10, true),
        _ => (10, false),
    };
    if radix != 10 {
        i += 2;
        // One underscore may follow the base prefix.
        if s.get(i) == Some(&b'_') {
            i += 1;
        }
    }
    let mut digits = Vec::new();
    let mut last_underscore = false;
    while let Some(&b) = s.get(i) {
        if b == b'_' {
            if last_underscore || digits.is_empty() {
                return Err(bad());
            }
            last_underscore = true;
        } else if let Some(d) = (b as char).to_digit(radix) {
            digits.push(d as u8);
            last_underscore = false;
        } else {
            break;
        }
        i += 1;
    }
    if digits.is_empty() || last_underscore {
        return Err(bad());
    }
    while s.get(i).copied().is_some_and(is_space) {
        i += 1;
    }
    if i != s.len() {
        return Err(bad());
    }
    // Base 0 takes a decimal literal with a leading zero only when it is all zeros.
    if zero_lead && digits.iter().any(|&d| d != 0) {
        return Err(bad());
    }
    if radix == 10 && digits.len() > 4300 {
        return Err(Why::Fails(
            "Exceeds the limit (4300 digits) for integer string conversion (ValueError)".into(),
        ));
    }
    Ok(Int::from_digits(negative, &digits, radix))
}

/// FLOAT: `PyOS_string_to_double` (no leading space; `inf`/`nan` spelled out), then the next
/// byte must end the line. Overflow raises OverflowError.
pub(super) fn float_line(line: &[u8]) -> Result<f64, Why> {
    let s = line;
    let mut i = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    let special = [&b"infinity"[..], b"inf", b"nan"]
        .into_iter()
        .find(|w| s.len() >= i + w.len() && s[i..i + w.len()].eq_ignore_ascii_case(w));
    let end = match special {
        Some(word) => i + word.len(),
        None => {
            let int_start = i;
            while s.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let mut digits = i - int_start;
            if s.get(i) == Some(&b'.') {
                let frac = i + 1;
                i = frac;
                while s.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                digits += i - frac;
            }
            if digits == 0 {
                return Err(Why::Fails(
                    "could not convert string to float (ValueError)".into(),
                ));
            }
            if matches!(s.get(i), Some(b'e' | b'E')) {
                let mut j = i + 1;
                if matches!(s.get(j), Some(b'+' | b'-')) {
                    j += 1;
                }
                let exp_start = j;
                while s.get(j).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                }
                if j > exp_start {
                    i = j;
                }
            }
            i
        }
    };
    if !matches!(s.get(end), Some(b'\n' | b'\0')) {
        return Err(Why::Fails(
            "could not convert string to float (ValueError)".into(),
        ));
    }
    let text = std::str::from_utf8(&s[..end]).map_err(|_| Why::Unknown("FLOAT text".into()))?;
    let value: f64 = text
        .parse()
        .map_err(|_| Why::Unknown(format!("FLOAT {text:?} not modelled")))?;
    if value.is_infinite() && special.is_none() {
        return Err(Why::Fails(
            "value too large to convert to float (OverflowError)".into(),
        ));
    }
    Ok(value)
}

/// STRING: the quoted line, escapes decoded like `PyBytes_DecodeEscape`, then decoded as
/// ASCII (pickle.loads' default encoding).
pub(super) fn string_line(line: &[u8]) -> Result<PyStr, Why> {
    let body = &line[..line.len() - 1];
    let quoted =
        body.len() >= 2 && body[0] == body[body.len() - 1] && matches!(body[0], b'\'' | b'"');
    if !quoted {
        return Err(Why::Fails(
            "the STRING opcode argument must be quoted (UnpicklingError)".into(),
        ));
    }
    let bytes = unescape(&body[1..body.len() - 1])?;
    ascii(&bytes)
}

/// `PyBytes_DecodeEscape` (unknown escapes stay as they are, with only a warning).
fn unescape(s: &[u8]) -> Result<Vec<u8>, Why> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = s.get(i) else {
            return Err(Why::Fails("Trailing \\ in string (ValueError)".into()));
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(e),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match s.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let hex = |j: usize| s.get(j).and_then(|&b| (b as char).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(a), Some(b)) => {
                        out.push((a * 16 + b) as u8);
                        i += 2;
                    }
                    _ => return Err(Why::Fails("invalid \\x escape (ValueError)".into())),
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Bytes decoded as ASCII, strictly (BINSTRING, SHORT_BINSTRING, STRING).
pub(super) fn ascii(bytes: &[u8]) -> Result<PyStr, Why> {
    if bytes.is_ascii() {
        Ok(PyStr::from_utf8(bytes.to_vec()))
    } else {
        Err(Why::Fails(
            "'ascii' codec can't decode byte (UnicodeDecodeError)".into(),
        ))
    }
}

/// UNICODE: `raw_unicode_escape` of the line without its newline. A backslash escapes only
/// `\uXXXX` and `\UXXXXXXXX`; a backslash before anything else stays, with what follows.
pub(super) fn unicode_line(line: &[u8]) -> Result<PyStr, Why> {
    let s = &line[..line.len() - 1];
    let mut out: Vec<u32> = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != b'\\' || i >= s.len() {
            out.push(u32::from(c));
            continue;
        }
        let width = match s[i] {
            b'u' => 4,
            b'U' => 8,
            other => {
                out.push(u32::from(b'\\'));
                out.push(u32::from(other));
                i += 1;
                continue;
            }
        };
        i += 1;
        let hex = s
            .get(i..i + width)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit));
        let Some(hex) = hex else {
            return Err(Why::Fails(
                "truncated \\uXXXX escape (UnicodeDecodeError)".into(),
            ));
        };
        let code = hex.iter().fold(0u32, |acc, &h| {
            acc * 16 + (h as char).to_digit(16).unwrap_or(0)
        });
        if code > 0x10ffff {
            return Err(Why::Fails(
                "\\Uxxxxxxxx out of range (UnicodeDecodeError)".into(),
            ));
        }
        out.push(code);
        i += width;
    }
    Ok(PyStr::from_code_points(&out))
}

/// UTF-8 with `surrogatepass` (BINUNICODE, SHORT_BINUNICODE, BINUNICODE8): encoded surrogates
/// pass, everything else must be valid UTF-8.
pub(super) fn utf8_surrogatepass(bytes: &[u8]) -> Result<PyStr, Why> {
    let bad = || Why::Fails("'utf-8' codec can't decode (UnicodeDecodeError)".into());
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(PyStr::from_utf8(bytes.to_vec()));
    }
    // Valid UTF-8 but for three-byte sequences ED A0..BF xx (the surrogates).
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            0x00..=0x7f => 1,
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => return Err(bad()),
        };
        let seq = bytes.get(i..i + len).ok_or_else(bad)?;
        let surrogate = len == 3 && b == 0xed && (0xa0..=0xbf).contains(&seq[1]);
        let ok = surrogate && seq[2] & 0xc0 == 0x80 || std::str::from_utf8(seq).is_ok();
        if !ok {
            return Err(bad());
        }
        i += len;
    }
    Ok(PyStr::from_generalized(bytes.to_vec()))
}

/// Strict UTF-8 (GLOBAL's module and name).
pub(super) fn utf8_strict(bytes: &[u8]) -> Result<String, Why> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| Why::Fails("'utf-8' codec can't decode (UnicodeDecodeError)".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(line: &str) -> Option<(String, bool)> {
        int_line(line.as_bytes())
            .ok()
            .map(|(i, b)| (i.to_decimal(), b))
    }

    #[test]
    fn int_lines_as_python_reads_them() {
        let ok = |l: &str, v: &str| assert_eq!(int(l), Some((v.into(), false)), "{l:?}");
        ok(" 5\n", "5");
        ok("0x1f\n", "31");
        ok("017\n", "15");
        ok("1_000\n", "1000");
        ok("5\0x\n", "5");
        ok("99999999999999999999\n", "99999999999999999999");
        ok("0o17\n", "15");
        ok("0b101\n", "5");
        ok("00000\n", "0");
        assert_eq!(int("01\n"), Some(("1".into(), true)));
        assert_eq!(int("+1\n"), Some(("1".into(), true)));
        assert_eq!(int("-0\n"), Some(("0".into(), true)));
        for bad in [
            "0x\n",
            " \n",
            "1__0\n",
            "0_1\n",
            "099999999999999999999\n",
            "1e3\n",
            "+\n",
        ] {
            assert!(int(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn long_float_and_index_lines() {
        let long = |l: &str| long_line(l.as_bytes()).ok().map(|i| i.to_decimal());
        assert_eq!(long("5L\n").as_deref(), Some("5"));
        assert_eq!(long("5\0L\n").as_deref(), Some("5"));
        assert_eq!(long("L\n"), None);
        assert_eq!(long("017L\n"), None);
        let float = |l: &str| float_line(l.as_bytes()).ok();
        assert_eq!(float("1.5\n"), Some(1.5));
        assert_eq!(float(".5\n"), Some(0.5));
        assert_eq!(float("5.\n"), Some(5.0));
        assert_eq!(float("INF\n"), Some(f64::INFINITY));
        for bad in [
            " 1.5\n",
            "1e999\n",
            "1_0\n",
            "0x10\n",
            "1.5 \n",
            "infinit\n",
        ] {
            assert!(float(bad).is_none(), "{bad:?}");
        }
        assert_eq!(index_line(b" +1_0\n").ok(), Some(10));
        assert!(index_line(b"99999999999999999999999\n").is_err());
    }

    #[test]
    fn strings_as_python_decodes_them() {
        let s = |l: &[u8]| string_line(l).ok().map(|s| s.to_string_lossy());
        assert_eq!(s(b"'a\\x41\\q'\n").as_deref(), Some("aA\\q"));
        assert_eq!(s(b"\"a\"\n").as_deref(), Some("a"));
        for bad in [
            &b"'a\\x4'\n"[..],
            b"'a\\'\n",
            b"'\\777'\n",
            b"'\n",
            b"'a\"\n",
        ] {
            assert!(s(bad).is_none(), "{bad:?}");
        }
        let u = |l: &[u8]| unicode_line(l).ok().map(|s| s.to_string_lossy());
        assert_eq!(u(b"\\\\u0041\n").as_deref(), Some("\\\\u0041"));
        assert_eq!(u(b"\\\\\\u0041\n").as_deref(), Some("\\\\A"));
        assert_eq!(u(b"\xe9\n").as_deref(), Some("\u{e9}"));
        assert!(u(b"\\u004\n").is_none() && u(b"\\U00110000\n").is_none());
        assert!(utf8_surrogatepass(b"\xed\xa0\x80").is_ok());
        assert!(utf8_surrogatepass(b"\xc0\x80").is_err());
    }
}
