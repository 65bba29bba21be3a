//! Which globals a pickle may name, and what the allowed ones do when the pickle calls them.
//!
//! Allowing a global means allowing whatever the pickle can do with it: REDUCE calls it with any
//! arguments it builds, NEWOBJ/INST/OBJ call its `__new__`, BUILD calls `__setstate__` on what
//! it made (or fills its `__dict__`), APPEND/SETITEM/ADDITEMS call `extend`/`append`,
//! `__setitem__`, `add` on it. Every entry below was chosen because none of that reaches code
//! outside it, and its arguments can only be objects a pickle can build (other allowed globals
//! included). Each entry says why; each is modelled for the arguments CPython's own pickler
//! writes (protocols 0–5, checked with `pickle.dumps` and `pickletools`), and any other use is
//! refused as not modelled, or predicted to fail where CPython certainly raises.

use std::sync::Arc;

use super::compat::{IMPORT_MAPPING, NAME_MAPPING};

/// A global of the built-in allow-list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Global {
    /// `builtins.range`: makes a lazy range of ints; any arguments either make a range or raise
    /// TypeError/ValueError. Immutable, no `__setstate__`, no `__dict__`.
    Range,
    /// `builtins.complex`: a number from numbers (or a string it parses); nothing else runs.
    Complex,
    /// `builtins.set`: protocols 0–3 write a set as `set([...])`. It iterates its argument,
    /// which can only be a pickle-built container here.
    Set,
    /// `builtins.frozenset`: as `set`.
    FrozenSet,
    /// `builtins.bytearray`: protocols 0–4 write `bytearray(bytes)`. `bytearray(n)` would
    /// allocate n bytes in the bot, so only the forms the pickler writes are accepted.
    ByteArray,
    /// `datetime.datetime`: built from its 10-byte state (C code, only the month is checked);
    /// the optional tzinfo must be a tzinfo.
    Datetime,
    /// `datetime.date`: from its 4-byte state.
    Date,
    /// `datetime.time`: from its 6-byte state and an optional tzinfo.
    Time,
    /// `datetime.timedelta`: from (days, seconds, microseconds) ints, range-checked.
    Timedelta,
    /// `datetime.timezone`: from a timedelta offset and an optional name str.
    Timezone,
    /// `decimal.Decimal`: parses a string; no code of the pickle's choosing runs.
    Decimal,
    /// `uuid.UUID`: protocols 2+ write `UUID.__new__(UUID)` then BUILD, whose `__setstate__`
    /// only sets the `int` and `is_safe` slots (`SafeUUID(...)` of a value).
    Uuid,
    /// `_codecs.encode`: protocols 0–2 write bytes as `_codecs.encode(str, 'latin1')`. With any
    /// arguments it encodes a str with a codec looked up by name; codec modules are only
    /// imported from the `encodings` package, and the result is bytes or str.
    CodecsEncode,
    /// `chatsky.slots.slots.SlotNotExtracted`, an `Exception` subclass with no code of its own:
    /// it stores its args; BUILD is `BaseException.__setstate__`, which only sets attributes.
    Sne,
    /// `copyreg._reconstructor`: protocols 0–1 write a UUID as
    /// `_reconstructor(UUID, object, None)`. With other arguments it calls `__new__`/`__init__`
    /// of classes the pickle hands it, which can only be allowed ones; only the UUID form is
    /// modelled.
    Reconstructor,
    /// `builtins.object`: the `base` argument of that `_reconstructor` call. `object()` takes no
    /// arguments.
    Object,
}

/// The built-in allow-list, by the name CPython's unpickler resolves (after its Python 2
/// renames): `module.name`.
pub const ALLOWED_GLOBALS: &[&str] = &[
    "builtins.range",
    "builtins.complex",
    "builtins.set",
    "builtins.frozenset",
    "builtins.bytearray",
    "datetime.datetime",
    "datetime.date",
    "datetime.time",
    "datetime.timedelta",
    "datetime.timezone",
    "decimal.Decimal",
    "uuid.UUID",
    "_codecs.encode",
    "chatsky.slots.slots.SlotNotExtracted",
    "copyreg._reconstructor",
    "builtins.object",
];

const ALL: [Global; 16] = [
    Global::Range,
    Global::Complex,
    Global::Set,
    Global::FrozenSet,
    Global::ByteArray,
    Global::Datetime,
    Global::Date,
    Global::Time,
    Global::Timedelta,
    Global::Timezone,
    Global::Decimal,
    Global::Uuid,
    Global::CodecsEncode,
    Global::Sne,
    Global::Reconstructor,
    Global::Object,
];

impl Global {
    /// The allowed global `module.name` resolves to, if any.
    pub fn lookup(module: &str, name: &str) -> Option<Global> {
        ALLOWED_GLOBALS
            .iter()
            .zip(ALL)
            .find(|(full, _)| full.rsplit_once('.') == Some((module, name)))
            .map(|(_, g)| g)
    }

    /// Whether it is a class (NEWOBJ needs one; INST/OBJ with no arguments call `__new__`).
    pub fn is_type(self) -> bool {
        !matches!(self, Global::CodecsEncode | Global::Reconstructor)
    }
}

/// The `(module, name)` CPython's `find_class` resolves for what a pickle names: protocols
/// below 3 rename Python 2 names first.
pub(super) fn effective(module: &str, name: &str, proto: u8) -> (String, String) {
    if proto < 3 {
        if let Some((_, (m, n))) = NAME_MAPPING
            .iter()
            .find(|((m, n), _)| *m == module && *n == name)
        {
            return ((*m).to_string(), (*n).to_string());
        }
        if let Some((_, m)) = IMPORT_MAPPING.iter().find(|(m, _)| *m == module) {
            return ((*m).to_string(), name.to_string());
        }
    }
    (module.to_string(), name.to_string())
}

/// Globals the user allows for one run (`--allow-pickle-global`): glob patterns over
/// `module.name`, `*` any run of characters, `?` one.
///
/// A pattern with a wildcard never matches a dotted name (protocol 4 resolves `a.b` as
/// attribute `b` of `a`, which reaches anything `a` refers to, e.g. a module it imported) nor a
/// dunder part (`__init__`, `__globals__`…); such a global must be spelled out in full.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patterns(Arc<Vec<String>>);

impl Patterns {
    /// Patterns as given (empty ones are dropped).
    pub fn new(patterns: impl IntoIterator<Item = String>) -> Patterns {
        Patterns(Arc::new(
            patterns.into_iter().filter(|p| !p.is_empty()).collect(),
        ))
    }

    /// Patterns from one string, separated by commas or whitespace (the environment variable).
    pub fn parse_list(list: &str) -> Patterns {
        Patterns::new(
            list.split(|c: char| c == ',' || c.is_whitespace())
                .map(str::to_string),
        )
    }

    /// Both lists together (the command line's and the environment's).
    pub fn merged(&self, other: &Patterns) -> Patterns {
        Patterns::new(self.0.iter().chain(other.0.iter()).cloned())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `module.name` is allowed by a pattern.
    pub fn allows(&self, module: &str, name: &str) -> bool {
        let full = format!("{module}.{name}");
        self.0.iter().any(|p| {
            if !p.contains(['*', '?']) {
                return *p == full;
            }
            let dunder = full
                .split('.')
                .any(|part| part.len() > 4 && part.starts_with("__") && part.ends_with("__"));
            !name.contains('.') && !dunder && glob(p.as_bytes(), full.as_bytes())
        })
    }
}

/// `*` and `?` glob matching.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python2_names_are_renamed_below_protocol_3() {
        assert_eq!(
            effective("__builtin__", "xrange", 2),
            ("builtins".into(), "range".into())
        );
        assert_eq!(
            effective("copy_reg", "_reconstructor", 0),
            ("copyreg".into(), "_reconstructor".into())
        );
        assert_eq!(
            effective("__builtin__", "xrange", 3),
            ("__builtin__".into(), "xrange".into())
        );
        assert_eq!(Global::lookup("builtins", "range"), Some(Global::Range));
        assert_eq!(
            Global::lookup("chatsky.slots.slots", "SlotNotExtracted"),
            Some(Global::Sne)
        );
        assert_eq!(Global::lookup("builtins", "eval"), None);
    }

    #[test]
    fn patterns_match_plain_names_only() {
        let p = Patterns::parse_list("telegram.*, datetime.tzinfo");
        assert!(p.allows("telegram", "Update"));
        assert!(p.allows("telegram._update", "Update"));
        assert!(p.allows("datetime", "tzinfo"));
        assert!(!p.allows("datetime", "tzinfo2"));
        assert!(!p.allows("telegram._bot", "pickle.loads"), "dotted");
        assert!(!p.allows("telegram", "Update.__init__"), "dotted");
        assert!(!p.allows("telegram.__init__", "x"), "dunder");
        assert!(!p.allows("telegramx", "Update"));
        assert!(Patterns::new(["a.b.C".to_string()]).allows("a.b", "C"));
        assert!(glob(b"a?c*", b"abcdef") && !glob(b"a?c", b"abcd"));
    }
}
