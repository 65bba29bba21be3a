//! Base64 pickles inside Chatsky documents (spec 2.2): decoding, and a walk over the opcodes
//! that executes nothing but predicts exactly what CPython's unpickler does with them.
//!
//! Chatsky reads these fields with `pickle.loads` (the C unpickler of `Modules/_pickle.c`,
//! CPython 3.11 here), so a pickle that names `os.system` runs code inside the bot. The walk is
//! a model of that `load()` loop, not a scan for suspicious names:
//!
//! * **Modelled exactly** (protocols 0–5): every opcode's effect on the object stack, on the
//!   mark stack (nothing below the topmost mark may be popped: "unexpected MARK found"), and on
//!   the memo (PUT/BINPUT/LONG_BINPUT at their index, MEMOIZE at the number of entries it holds,
//!   so an overwritten index counts once; GET of a missing index raises). Objects live in one
//!   arena, so what the memo or DUP hands out twice is one object, and a container mutated after
//!   it was memoised is seen mutated through every reference. READONLY_BUFFER leaves bytes as
//!   they are and turns a bytearray into a read-only memoryview; FRAME only checks that its
//!   length is there; PROTO above 5 raises; text arguments are parsed as `_pickle.c` parses them
//!   (`strtol`, `PyLong_FromString`, `PyOS_string_to_double`, the STRING escapes, ASCII for
//!   Python 2 strings, UTF-8 with `surrogatepass`); dict keys and set members hash and compare
//!   as Python's do (`1 == 1.0 == True`, NaN only equals itself, lists are unhashable).
//! * **Globals**: each GLOBAL/STACK_GLOBAL/INST resolves, after CPython's Python 2 renames below
//!   protocol 3, to a `module.name`. Those of [`ALLOWED_GLOBALS`] are modelled (see
//!   `globals.rs` for why each is harmless, and `calls.rs` for what each does with the arguments
//!   CPython's own pickler writes). Globals matched by `--allow-pickle-global` patterns are
//!   vouched for by the user: the walk goes on without modelling what they do. Any other global
//!   makes the pickle [`Verdict::Unsafe`], named by its first such global.
//! * **Refused as certain failures** ([`Verdict::Fails`], CPython raises): truncated data, a
//!   FRAME longer than the data, protocol 6 and above, stack underflow, a missing MARK, an
//!   unknown opcode, out-of-band buffers (NEXT_BUFFER: `pickle.loads` gets no buffers),
//!   persistent ids (PERSID/BINPERSID: no `persistent_load`), a memo index not found, unhashable
//!   keys, calls and BUILDs of allowed globals that raise (`range(0, 1, 0)`, a
//!   `SlotNotExtracted` state that is not a dict…).
//! * **Refused as not modelled** ([`Verdict::Unknown`]): anything whose outcome the walk cannot
//!   know for certain: allowed globals called in ways CPython's pickler never writes, memo
//!   indices above 2^20 (CPython first allocates an array twice that size), frozensets and
//!   allowed objects as dict keys, attributes a pickle set and later opcodes would call.
//! * **Unsafe** as well: extension codes (EXT1/2/4 resolve through the loading process's
//!   `copyreg` registry, which cannot be seen from here), and STACK_GLOBAL of names that are not
//!   plain strs the walk knows.
//!
//! The value is rebuilt as a [`Simple`] when it is made only of JSON-shaped builtins; that is
//! what `get` shows and how Chatsky's JSON-pickle writer is reproduced.
//!
//! Versions: modelled on CPython 3.11 (the bots' and the tests' Python), checked against it by
//! `tests/pickle_differential.rs`. The load functions of the later `_pickle.c` read for this
//! (3.12 era) behave the same; 3.14 makes protocol 5 the pickler's default (read here as any
//! other) and writes nested names at protocols below 4 as `builtins.getattr` calls, which are
//! not allowed here.

mod calls;
mod compat;
mod globals;
mod machine;
mod objects;
mod simple;
mod text;

use std::fmt;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

pub use globals::{Patterns, ALLOWED_GLOBALS};
pub use simple::Simple;

use machine::{End, Machine};

/// Why a pickle field cannot be read as base64 (Chatsky raises binascii.Error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickleError(pub String);

impl fmt::Display for PickleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PickleError {}

/// What CPython's `pickle.loads` does with a pickle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It loads it, resolving only allowed globals.
    Loads,
    /// It raises (nothing outside the allow-list was resolved before): the message says what.
    Fails(String),
    /// It resolves this global, which is outside the allow-list (or one the walk cannot name):
    /// the bot imports it, and may call it.
    Unsafe(String),
    /// The walk cannot tell what it does from here (nothing unsafe before): the reason.
    Unknown(String),
}

/// What the walk over a pickle found.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// The protocol of the first PROTO opcode (0 when there is none).
    pub protocol: u8,
    /// Every global the unpickler resolves, as `module.name` after its renames, in order,
    /// without repeats. After an unsafe global the walk goes on to name the others, as far as
    /// it can.
    pub globals: Vec<String>,
    /// Those of [`Self::globals`] outside the allow-list and the user's patterns.
    pub unsafe_globals: Vec<String>,
    /// What CPython does with it.
    pub verdict: Verdict,
    /// The value, when it loads and is made only of JSON-shaped builtins.
    pub simple: Option<Simple>,
    /// The value holds a memoryview, which pickle cannot write again (Chatsky's next write of
    /// the context raises TypeError).
    pub holds_view: bool,
}

/// Decode like Python's `base64.decodebytes`: characters outside the alphabet (newlines) are
/// skipped, padding is required.
pub fn decode_b64(s: &str) -> Result<Vec<u8>, PickleError> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
    );
    let clean: Vec<u8> = s
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
        .collect();
    LENIENT
        .decode(&clean)
        .map_err(|e| PickleError(format!("not valid base64 (binascii.Error): {e}")))
}

/// Encode like Python's `base64.encodebytes`: a newline after every 76 characters and at the end.
pub fn encode_b64_lines(bytes: &[u8]) -> String {
    let flat = base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut out = String::with_capacity(flat.len() + flat.len() / 76 + 1);
    for chunk in flat.as_bytes().chunks(76) {
        // Base64 output is ASCII, so any chunking is valid UTF-8.
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Whether `module.name` is on the built-in allow-list.
pub fn builtin_allowed(global: &str) -> bool {
    ALLOWED_GLOBALS.contains(&global)
}

/// Decode a base64 pickle and walk it, with the built-in allow-list and `extra` patterns.
pub fn inspect(b64: &str, extra: &Patterns) -> Result<Inspection, PickleError> {
    Ok(inspect_bytes(&decode_b64(b64)?, extra))
}

/// Walk raw pickle bytes.
pub fn inspect_bytes(data: &[u8], extra: &Patterns) -> Inspection {
    let mut machine = Machine::new(data, extra);
    let end = machine.run();
    let unsafe_globals = std::mem::take(&mut machine.unsafe_globals);
    let (verdict, value) = match (unsafe_globals.first().cloned(), end) {
        (Some(global), _) => (Verdict::Unsafe(global), None),
        (None, End::Value(id)) => (Verdict::Loads, Some(id)),
        (None, End::Fails(why)) => (Verdict::Fails(why), None),
        (None, End::Unknown(why)) => (Verdict::Unknown(why), None),
    };
    let simple = value.and_then(|id| simple::simple(&machine.heap, id));
    let holds_view = value.is_some_and(|id| machine.heap.reaches_view(id));
    Inspection {
        protocol: machine.first_proto.unwrap_or(0),
        globals: machine.globals,
        unsafe_globals,
        verdict,
        simple,
        holds_view,
    }
}

#[cfg(test)]
mod tests;
