//! Redis glob patterns (`SCAN … MATCH`, `KEYS`): matching a name here exactly as the server's
//! `stringmatchlen` does, and escaping a literal (an id, a prefix) so that it matches only itself.
//! Chatsky 0.10 builds its `KEYS` patterns from ids unescaped, which is how its `delete_context`
//! of `user-1` also deletes `user-10`; every pattern built here escapes.

/// `text` with every character the server's glob treats specially (`*?[]\`) escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `name` matches `pattern` as Redis matches keys (byte-wise, case-sensitive): `*` any
/// run, `?` one byte, `[abc]`, `[^abc]`, `[a-z]` one byte of a set, `\x` a literal `x`.
pub fn matches(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    // Where to resume after the last `*`: the pattern just after it, and the name position it
    // has swallowed up to.
    let mut star: Option<(usize, usize)> = None;
    loop {
        if p < pattern.len() {
            match pattern[p] {
                b'*' => {
                    while p < pattern.len() && pattern[p] == b'*' {
                        p += 1;
                    }
                    if p == pattern.len() {
                        return true;
                    }
                    star = Some((p, n));
                    continue;
                }
                _ if n < name.len() => {
                    if let Some(next) = one(pattern, p, name[n]) {
                        p = next;
                        n += 1;
                        continue;
                    }
                }
                _ => {}
            }
        } else if n == name.len() {
            return true;
        }
        // A mismatch: let the last `*` swallow one more byte, or fail.
        match star {
            Some((sp, sn)) if sn < name.len() => {
                star = Some((sp, sn + 1));
                p = sp;
                n = sn + 1;
            }
            _ => return false,
        }
    }
}

/// Match one pattern element at `p` (not `*`) against byte `c`; the position after the element
/// when it matches.
fn one(pattern: &[u8], p: usize, c: u8) -> Option<usize> {
    match pattern[p] {
        b'?' => Some(p + 1),
        b'\\' if p + 1 < pattern.len() => (pattern[p + 1] == c).then_some(p + 2),
        b'[' => class(pattern, p + 1, c),
        literal => (literal == c).then_some(p + 1),
    }
}

/// A `[…]` class starting after the `[`; as in Redis, an unclosed class runs to the end.
fn class(pattern: &[u8], mut p: usize, c: u8) -> Option<usize> {
    let negate = pattern.get(p) == Some(&b'^');
    if negate {
        p += 1;
    }
    let mut hit = false;
    while p < pattern.len() && pattern[p] != b']' {
        if pattern[p] == b'\\' && p + 1 < pattern.len() {
            hit |= pattern[p + 1] == c;
            p += 2;
        } else if p + 2 < pattern.len() && pattern[p + 1] == b'-' {
            let (lo, hi) = (
                pattern[p].min(pattern[p + 2]),
                pattern[p].max(pattern[p + 2]),
            );
            hit |= (lo..=hi).contains(&c);
            p += 3;
        } else {
            hit |= pattern[p] == c;
            p += 1;
        }
    }
    // Past the `]` (or at the end of an unclosed class).
    let next = (p + 1).min(pattern.len());
    (hit != negate).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_like_redis() {
        let m = |p: &str, n: &str| matches(p.as_bytes(), n.as_bytes());
        assert!(m("*", "") && m("*", "abc") && m("a*", "a") && m("a*c", "abbbc"));
        assert!(!m("a*c", "abcd") && !m("user-1", "user-10"));
        assert!(m("user-1*", "user-10") && m("h?llo", "hello") && !m("h?llo", "hllo"));
        assert!(m("h[ae]llo", "hallo") && !m("h[ae]llo", "hillo"));
        assert!(m("h[^e]llo", "hallo") && !m("h[^e]llo", "hello"));
        assert!(m("h[a-c]llo", "hbllo") && m("h[c-a]llo", "hbllo") && !m("h[a-c]llo", "hdllo"));
        assert!(m("a\\*b", "a*b") && !m("a\\*b", "axb"));
        assert!(m("*:main:*", "chatsky_keys:main:u") && !m("*:main:*", "k:turns:u:labels"));
        assert!(m("-100*", "-1001234567890"));
        assert!(m("a*b*c", "a-b-b-c") && !m("a*b*c", "a-b-b-"));
    }

    #[test]
    fn an_escaped_literal_matches_only_itself() {
        for id in ["user-1", "a*b", "[x]", "q?", "back\\slash", "plain"] {
            let pattern = escape(id);
            assert!(matches(pattern.as_bytes(), id.as_bytes()), "{id}");
            for other in ["user-10", "a-b", "x", "q!", "backslash", "plainer"] {
                if other != id {
                    assert!(
                        !matches(pattern.as_bytes(), other.as_bytes()),
                        "{id} vs {other}"
                    );
                }
            }
        }
    }
}
