//! What the opcodes that call into objects do (REDUCE, NEWOBJ, INST/OBJ, BUILD, APPEND,
//! SETITEM, ADDITEMS, READONLY_BUFFER), on the builtin containers and on what the allowed
//! globals make. `Why::Fails` where CPython certainly raises, `Why::Unknown` where the outcome
//! is not modelled.

use super::globals::Global;
use super::objects::{Heap, Id, Int, Made, Obj};
use super::text::Why;

fn fails(msg: impl Into<String>) -> Why {
    Why::Fails(msg.into())
}

fn unknown(msg: impl Into<String>) -> Why {
    Why::Unknown(msg.into())
}

/// One day, in microseconds.
const DAY_US: i128 = 86_400_000_000;

/// REDUCE: `callable(*args)`.
pub(super) fn reduce(heap: &mut Heap, callable: Id, args: Id) -> Result<Obj, Why> {
    let items = match heap.get(args) {
        Obj::Tuple(items) => items.clone(),
        Obj::Trusted => return trusted_or_unknown(heap, callable),
        _ => return Err(fails("argument list must be a tuple (TypeError)")),
    };
    match heap.get(callable) {
        &Obj::Global(g) => call(heap, g, &items),
        Obj::Trusted => Ok(Obj::Trusted),
        other => Err(fails(format!(
            "'{}' object is not callable (TypeError)",
            other.type_name()
        ))),
    }
}

fn trusted_or_unknown(heap: &Heap, callable: Id) -> Result<Obj, Why> {
    if heap.is_trusted(callable) {
        Ok(Obj::Trusted)
    } else {
        Err(unknown(
            "an allowed global called with an object it cannot model",
        ))
    }
}

/// INST and OBJ: `cls(*args)`, or `cls.__new__(cls)` for a class and no arguments.
pub(super) fn instantiate(heap: &mut Heap, cls: Id, args: &[Id]) -> Result<Obj, Why> {
    match heap.get(cls) {
        &Obj::Global(g) if args.is_empty() && g.is_type() => new_obj(heap, g, &[], false),
        &Obj::Global(g) => call(heap, g, args),
        Obj::Trusted => Ok(Obj::Trusted),
        other => Err(fails(format!(
            "'{}' object is not callable (TypeError)",
            other.type_name()
        ))),
    }
}

/// NEWOBJ/NEWOBJ_EX: `cls.__new__(cls, *args, **kwargs)` after CPython's type checks.
pub(super) fn newobj(heap: &mut Heap, cls: Id, args: Id, kwargs: Option<Id>) -> Result<Obj, Why> {
    let g = match heap.get(cls) {
        Obj::Global(g) if g.is_type() => Some(*g),
        Obj::Trusted => None,
        _ => {
            return Err(fails(
                "NEWOBJ class argument must be a type (UnpicklingError)",
            ))
        }
    };
    let items = match heap.get(args) {
        Obj::Tuple(items) => items.clone(),
        Obj::Trusted => return trusted_or_unknown(heap, cls),
        _ => {
            return Err(fails(
                "NEWOBJ args argument must be a tuple (UnpicklingError)",
            ))
        }
    };
    let has_kwargs = match kwargs.map(|k| heap.get(k)) {
        None => false,
        Some(Obj::Dict(d)) => !d.items.is_empty(),
        Some(Obj::Trusted) => return trusted_or_unknown(heap, cls),
        Some(_) => {
            return Err(fails(
                "NEWOBJ_EX kwargs argument must be a dict (UnpicklingError)",
            ))
        }
    };
    match g {
        None => Ok(Obj::Trusted),
        Some(g) => new_obj(heap, g, &items, has_kwargs),
    }
}

/// `g.__new__(g, *args)` for an allowed class.
fn new_obj(heap: &mut Heap, g: Global, args: &[Id], kwargs: bool) -> Result<Obj, Why> {
    if kwargs {
        return match g {
            Global::Range | Global::Set | Global::FrozenSet | Global::Object => {
                Err(fails("takes no keyword arguments (TypeError)"))
            }
            _ => Err(unknown("keyword arguments to an allowed class")),
        };
    }
    match g {
        // These fill themselves in __init__; __new__ ignores the arguments.
        Global::Set => Ok(Obj::Set(Default::default())),
        Global::ByteArray => Ok(Obj::ByteArray(Vec::new())),
        Global::Uuid => Ok(Obj::Made(Made::Uuid(None))),
        Global::Object if !args.is_empty() => Err(fails("object() takes no arguments (TypeError)")),
        _ => call(heap, g, args),
    }
}

/// `g(*args)` for an allowed global.
fn call(heap: &mut Heap, g: Global, args: &[Id]) -> Result<Obj, Why> {
    if g == Global::Sne {
        // BaseException stores any arguments.
        let args = heap.add(Obj::Tuple(args.to_vec()));
        return Ok(Obj::Made(Made::Sne {
            args,
            attrs: Default::default(),
        }));
    }
    if args.iter().any(|&a| heap.is_trusted(a)) {
        return Err(unknown(
            "an allowed global called with an object it cannot model",
        ));
    }
    if matches!(g, Global::Set | Global::FrozenSet) {
        return set_from(heap, g, args);
    }
    let objs: Vec<&Obj> = args.iter().map(|&a| heap.get(a)).collect();
    match g {
        Global::Range => range(&objs).map(|()| Obj::Made(Made::Range)),
        Global::Complex => complex(&objs).map(|()| Obj::Made(Made::Complex)),
        Global::ByteArray => bytearray(heap, &objs),
        Global::Datetime | Global::Date | Global::Time => datetime(g, &objs),
        Global::Timedelta => timedelta(&objs).map(|us| Obj::Made(Made::Timedelta(us))),
        Global::Timezone => timezone(&objs).map(|()| Obj::Made(Made::Timezone)),
        Global::Decimal => decimal(&objs).map(|()| Obj::Made(Made::Decimal)),
        Global::Uuid if objs.is_empty() => Err(fails(
            "one of the hex, bytes, bytes_le, fields, or int arguments must be given (TypeError)",
        )),
        Global::Uuid => Err(unknown("uuid.UUID called with arguments")),
        Global::CodecsEncode => codecs_encode(&objs),
        Global::Reconstructor => reconstructor(&objs),
        Global::Object if objs.is_empty() => Ok(Obj::Made(Made::Object)),
        Global::Object => Err(fails("object() takes no arguments (TypeError)")),
        Global::Sne | Global::Set | Global::FrozenSet => Err(unknown("not reached")),
    }
}

/// An int for `__index__`: ints and bools.
fn index(o: &Obj) -> Result<Option<&Int>, Why> {
    match o {
        Obj::Int(i) => Ok(Some(i)),
        Obj::Bool(_) => Ok(None),
        Obj::Made(_) | Obj::Global(_) => Err(unknown("an object as an int argument")),
        other => Err(fails(format!(
            "'{}' object cannot be interpreted as an integer (TypeError)",
            other.type_name()
        ))),
    }
}

fn range(args: &[&Obj]) -> Result<(), Why> {
    if args.is_empty() || args.len() > 3 {
        return Err(fails("range expected 1 to 3 arguments (TypeError)"));
    }
    for a in args {
        index(a)?;
    }
    let step_zero = match args.get(2) {
        Some(Obj::Int(i)) => i.small() == Some(0),
        Some(Obj::Bool(b)) => !b,
        _ => false,
    };
    if step_zero {
        return Err(fails("range() arg 3 must not be zero (ValueError)"));
    }
    Ok(())
}

fn complex(args: &[&Obj]) -> Result<(), Why> {
    if args.len() > 2 {
        return Err(fails("complex() takes at most 2 arguments (TypeError)"));
    }
    for (i, a) in args.iter().enumerate() {
        match a {
            Obj::Float(_) | Obj::Bool(_) | Obj::Int(Int::Small(_)) => {}
            Obj::Str(_) if i == 1 || args.len() == 2 => {
                return Err(fails(
                    "complex() can't take a string with a second argument (TypeError)",
                ))
            }
            Obj::None
            | Obj::Bytes(_)
            | Obj::ByteArray(_)
            | Obj::View(_)
            | Obj::List(_)
            | Obj::Tuple(_)
            | Obj::Dict(_)
            | Obj::Set(_)
            | Obj::FrozenSet(_) => {
                return Err(fails(format!(
                    "complex() argument must be a string or a number, not '{}' (TypeError)",
                    a.type_name()
                )))
            }
            _ => return Err(unknown("complex() of this argument is not modelled")),
        }
    }
    Ok(())
}

fn set_from(heap: &mut Heap, g: Global, args: &[Id]) -> Result<Obj, Why> {
    let made = heap.add(if g == Global::Set {
        Obj::Set(Default::default())
    } else {
        Obj::FrozenSet(Default::default())
    });
    let items = match args {
        [] => Vec::new(),
        [one] => match heap.get(*one) {
            Obj::List(v) | Obj::Tuple(v) => v.clone(),
            Obj::Set(s) | Obj::FrozenSet(s) => s.items.clone(),
            Obj::Dict(d) => d.items.iter().map(|p| p.0).collect(),
            Obj::None | Obj::Int(_) | Obj::Bool(_) | Obj::Float(_) | Obj::Global(_) => {
                return Err(fails("object is not iterable (TypeError)"))
            }
            _ => return Err(unknown("set() of this iterable is not modelled")),
        },
        _ => return Err(fails("set expected at most 1 argument (TypeError)")),
    };
    for item in items {
        heap.set_add(made, item)?;
    }
    Ok(heap.get(made).clone())
}

fn bytearray(heap: &Heap, args: &[&Obj]) -> Result<Obj, Why> {
    match args {
        [] => Ok(Obj::ByteArray(Vec::new())),
        [Obj::Bytes(b) | Obj::ByteArray(b)] => Ok(Obj::ByteArray(b.clone())),
        [Obj::View(of)] => match heap.get(*of) {
            Obj::ByteArray(b) => Ok(Obj::ByteArray(b.clone())),
            _ => Err(unknown("bytearray of a view")),
        },
        [Obj::Str(_)] => Err(fails("string argument without an encoding (TypeError)")),
        [Obj::None | Obj::Float(_)] => Err(fails("cannot convert to bytearray (TypeError)")),
        _ => Err(unknown(
            "bytearray() with these arguments (an int would allocate that many bytes)",
        )),
    }
}

/// The state string of a date/time class as bytes (a str of code points up to U+00FF is
/// latin-1 encoded), if it has the length and sane field CPython's fast path checks.
fn state_bytes(o: &Obj, len: usize, sane: impl Fn(&[u8]) -> bool) -> Option<Result<(), Why>> {
    let bytes = match o {
        Obj::Bytes(b) => b.clone(),
        Obj::Str(s) => {
            let points = s.code_points();
            if points.len() == len && points.iter().any(|&c| c > 0xff) {
                return Some(Err(unknown("a date/time state str beyond latin-1")));
            }
            points.iter().map(|&c| c as u8).collect()
        }
        _ => return None,
    };
    (bytes.len() == len && sane(&bytes)).then_some(Ok(()))
}

fn datetime(g: Global, args: &[&Obj]) -> Result<Obj, Why> {
    let month = |m: u8| (1..=12).contains(&m);
    let sane = |b: &[u8]| match g {
        Global::Datetime => month(b[2] & 0x7f),
        Global::Date => month(b[2]),
        _ => b[0] & 0x7f < 24,
    };
    let len = match g {
        Global::Datetime => 10,
        Global::Date => 4,
        _ => 6,
    };
    let made = match g {
        Global::Datetime => Made::Datetime,
        Global::Date => Made::Date,
        _ => Made::Time,
    };
    let max_args = if g == Global::Date { 1 } else { 2 };
    if !args.is_empty() && args.len() <= max_args {
        if let Some(state) = state_bytes(args[0], len, sane) {
            state?;
            if let Some(tz) = args.get(1) {
                match tz {
                    Obj::None | Obj::Made(Made::Timezone) => {}
                    _ => return Err(fails("bad tzinfo state arg (TypeError)")),
                }
            }
            return Ok(Obj::Made(made));
        }
    }
    match (g, args.len()) {
        (Global::Time, 0) => Ok(Obj::Made(made)),
        (Global::Time, _) => Err(unknown("datetime.time from fields")),
        (_, n) if n < 3 => Err(fails("function missing required argument (TypeError)")),
        _ => Err(unknown("a date or datetime from fields")),
    }
}

fn timedelta(args: &[&Obj]) -> Result<i128, Why> {
    if args.len() > 3 {
        return Err(unknown("timedelta with more than three arguments"));
    }
    let mut total: i128 = 0;
    for (a, unit) in args.iter().zip([DAY_US, 1_000_000, 1]) {
        let v = match a {
            Obj::Bool(b) => i128::from(*b),
            Obj::Int(Int::Small(v)) if v.abs() < 1 << 80 => *v,
            Obj::Int(_) => {
                return Err(fails(
                    "Python int too large to convert to C int (OverflowError)",
                ))
            }
            Obj::None
            | Obj::Str(_)
            | Obj::Bytes(_)
            | Obj::List(_)
            | Obj::Tuple(_)
            | Obj::Dict(_) => {
                return Err(fails(
                    "unsupported type for timedelta component (TypeError)",
                ))
            }
            _ => return Err(unknown("timedelta of this argument is not modelled")),
        };
        total += v * unit;
    }
    let days = total.div_euclid(DAY_US);
    if days.abs() > 999_999_999 {
        return Err(fails(
            "days must have magnitude <= 999999999 (OverflowError)",
        ));
    }
    Ok(total)
}

fn timezone(args: &[&Obj]) -> Result<(), Why> {
    match args {
        [offset] | [offset, _] => {
            match offset {
                Obj::Made(Made::Timedelta(us)) if us.abs() < DAY_US => {}
                Obj::Made(Made::Timedelta(_)) => {
                    return Err(fails("offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24) (ValueError)"))
                }
                Obj::Made(_) | Obj::Global(_) => return Err(unknown("timezone of this offset")),
                _ => return Err(fails("timezone() argument 1 must be datetime.timedelta (TypeError)")),
            }
            match args.get(1) {
                None | Some(Obj::Str(_)) => Ok(()),
                Some(_) => Err(fails("timezone() argument 2 must be str (TypeError)")),
            }
        }
        _ => Err(fails("timezone() takes 1 or 2 arguments (TypeError)")),
    }
}

fn decimal(args: &[&Obj]) -> Result<(), Why> {
    match args {
        [] | [Obj::Int(_) | Obj::Bool(_) | Obj::Float(_) | Obj::Made(Made::Decimal)] => Ok(()),
        [Obj::Str(s)] => match s.as_str() {
            Some(text) => decimal_text(text),
            None => Err(unknown("Decimal of a str with surrogates")),
        },
        [Obj::None | Obj::Bytes(_) | Obj::Dict(_) | Obj::Set(_)] => {
            Err(fails("conversion to Decimal is not supported (TypeError)"))
        }
        [_] | [_, _] => Err(unknown("Decimal of this argument is not modelled")),
        _ => Err(fails("Decimal takes at most 2 arguments (TypeError)")),
    }
}

/// The decimal module's numeric-string grammar (ASCII spellings only).
fn decimal_text(text: &str) -> Result<(), Why> {
    let odd = |c: char| !c.is_ascii() || c == '_' || ('\x1c'..='\x1f').contains(&c);
    if text.chars().any(odd) {
        return Err(unknown("Decimal of a non-ASCII or grouped string"));
    }
    let t = text.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    let lower = t.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan" | "snan") {
        return Ok(());
    }
    if lower.starts_with("nan") || lower.starts_with("snan") {
        return Err(unknown("Decimal NaN with a payload"));
    }
    let (mantissa, exponent) = match lower.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (lower.as_str(), None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = match exponent {
        None => true,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.len() > 15 {
                return Err(unknown("Decimal with a huge exponent"));
            }
            !digits.is_empty() && all_digits(digits)
        }
    };
    if mantissa_ok && exponent_ok {
        Ok(())
    } else {
        Err(fails(
            "[<class 'decimal.ConversionSyntax'>] (decimal.InvalidOperation)",
        ))
    }
}

fn codecs_encode(args: &[&Obj]) -> Result<Obj, Why> {
    match args {
        [Obj::Str(s)] => s
            .as_str()
            .map(|t| Obj::Bytes(t.as_bytes().to_vec()))
            .ok_or_else(|| fails("surrogates not allowed (UnicodeEncodeError)")),
        [text, Obj::Str(enc)] if enc.as_str() == Some("latin1") => match text {
            Obj::Str(s) => s
                .latin1()
                .map(Obj::Bytes)
                .ok_or_else(|| fails("'latin-1' codec can't encode (UnicodeEncodeError)")),
            Obj::Made(_) | Obj::Global(_) => Err(unknown("encode of an object")),
            _ => Err(fails("latin_1_encode() argument 1 must be str (TypeError)")),
        },
        [] => Err(fails(
            "encode() missing required argument 'obj' (TypeError)",
        )),
        [_] => Err(fails("utf_8_encode() argument 1 must be str (TypeError)")),
        _ => Err(unknown("_codecs.encode with an encoding other than latin1")),
    }
}

fn reconstructor(args: &[&Obj]) -> Result<Obj, Why> {
    match args {
        [Obj::Global(Global::Uuid), Obj::Global(Global::Object), Obj::None] => {
            Ok(Obj::Made(Made::Uuid(None)))
        }
        [Obj::Global(Global::Object), Obj::Global(Global::Object), Obj::None] => {
            Ok(Obj::Made(Made::Object))
        }
        [_, _, _] => Err(unknown("copyreg._reconstructor with other arguments")),
        _ => Err(fails("_reconstructor() takes 3 arguments (TypeError)")),
    }
}

/// BUILD: `inst.__setstate__(state)`, or CPython's default (fill `__dict__`, set slots).
pub(super) fn build(heap: &mut Heap, inst: Id, state: Id) -> Result<(), Why> {
    if sne_has(heap, inst, &["__setstate__"]) {
        return Err(unknown("BUILD calls an attribute the pickle set"));
    }
    match heap.get(inst) {
        Obj::Trusted => Ok(()),
        Obj::Made(Made::Uuid(_)) => uuid_setstate(heap, inst, state),
        Obj::Made(Made::Sne { .. }) => sne_setstate(heap, inst, state),
        Obj::Global(Global::Sne | Global::Uuid) => Err(fails(
            "__setstate__ of a class needs an instance (TypeError)",
        )),
        Obj::Global(Global::Reconstructor) => Err(unknown("BUILD on a function")),
        Obj::Global(g) => default_build(heap, state, g.is_type()),
        _ => default_build(heap, state, false),
    }
}

/// BUILD without `__setstate__` on an object without `__dict__` (a class has a read-only one).
fn default_build(heap: &Heap, state: Id, class: bool) -> Result<(), Why> {
    let (state, slots) = match heap.get(state) {
        Obj::Tuple(t) if t.len() == 2 => (t[0], Some(t[1])),
        _ => (state, None),
    };
    match heap.get(state) {
        Obj::None => {}
        Obj::Dict(d) if class && d.items.is_empty() => {}
        Obj::Dict(_) if class => {
            return Err(fails(
                "'mappingproxy' object does not support item assignment (TypeError)",
            ))
        }
        Obj::Dict(_) => return Err(fails("object has no attribute '__dict__' (AttributeError)")),
        Obj::Trusted => return Err(unknown("BUILD with a state it cannot model")),
        _ => return Err(fails("state is not a dictionary (UnpicklingError)")),
    }
    match slots.map(|s| heap.get(s)) {
        None => Ok(()),
        Some(Obj::Dict(d)) if d.items.is_empty() => Ok(()),
        Some(Obj::Dict(_)) => Err(fails("cannot set attribute (AttributeError)")),
        Some(Obj::Trusted) => Err(unknown("BUILD with a state it cannot model")),
        Some(_) => Err(fails("slot state is not a dictionary (UnpicklingError)")),
    }
}

/// `UUID.__setstate__`: `state['int']`, and `SafeUUID(state['is_safe'])` when present.
fn uuid_setstate(heap: &mut Heap, inst: Id, state: Id) -> Result<(), Why> {
    let Obj::Dict(d) = heap.get(state) else {
        return match heap.get(state) {
            Obj::Trusted | Obj::Made(_) | Obj::Global(_) => Err(unknown("UUID state")),
            _ => Err(fails(
                "UUID state is not subscriptable by 'int' (TypeError)",
            )),
        };
    };
    let find = |name: &str| {
        d.items
            .iter()
            .find(|&&(k, _)| matches!(heap.get(k), Obj::Str(s) if s.as_str() == Some(name)))
    };
    let Some(&(_, int)) = find("int") else {
        return Err(fails("KeyError: 'int'"));
    };
    if let Some(&(_, safe)) = find("is_safe") {
        use super::objects::Key;
        match heap.key(safe) {
            Ok(Key::None) => {}
            Ok(Key::Int(i)) if matches!(i.small(), Some(0 | -1)) => {}
            Ok(Key::Ident(_)) | Err(Why::Unknown(_)) => {
                return Err(unknown("SafeUUID of an object"))
            }
            _ => return Err(fails("is not a valid SafeUUID (ValueError)")),
        }
    }
    *heap.get_mut(inst) = Obj::Made(Made::Uuid(Some(int)));
    Ok(())
}

/// `BaseException.__setstate__`: `setattr` for each item of a dict state.
fn sne_setstate(heap: &mut Heap, inst: Id, state: Id) -> Result<(), Why> {
    let items = match heap.get(state) {
        Obj::None => return Ok(()),
        Obj::Dict(d) => d.items.clone(),
        Obj::Trusted => return Err(unknown("exception state")),
        _ => return Err(fails("state is not a dictionary (TypeError)")),
    };
    for (k, v) in items {
        let name = match heap.get(k) {
            Obj::Str(s) => s.to_string_lossy(),
            Obj::Trusted => return Err(unknown("attribute name")),
            _ => return Err(fails("attribute name must be string (TypeError)")),
        };
        let value = heap.get(v);
        let trusted = matches!(value, Obj::Trusted);
        let ok = match name.as_str() {
            "args" => match value {
                Obj::None | Obj::Int(_) | Obj::Bool(_) | Obj::Float(_) => false,
                Obj::Tuple(_) | Obj::List(_) | Obj::Str(_) | Obj::Bytes(_) | Obj::Dict(_) => true,
                _ => return Err(unknown("exception args of this kind")),
            },
            "__traceback__" => matches!(value, Obj::None),
            "__cause__" | "__context__" => matches!(value, Obj::None | Obj::Made(Made::Sne { .. })),
            "__suppress_context__" => matches!(value, Obj::Bool(_)),
            "__dict__" | "__class__" => return Err(unknown("setting __dict__ or __class__")),
            "__weakref__" => false,
            _ => true,
        };
        if trusted {
            return Err(unknown("an attribute value it cannot model"));
        }
        if !ok {
            return Err(fails(format!("cannot set exception attribute {name:?}")));
        }
        if let Obj::Made(Made::Sne { attrs, args }) = heap.get_mut(inst) {
            if name == "args" {
                *args = v;
            } else {
                attrs.insert(name, v);
            }
        }
    }
    Ok(())
}

/// Whether a SlotNotExtracted got an attribute that a pickle opcode would call.
fn sne_has(heap: &Heap, target: Id, names: &[&str]) -> bool {
    matches!(heap.get(target), Obj::Made(Made::Sne { attrs, .. })
        if names.iter().any(|n| attrs.contains_key(*n)))
}

/// APPEND/APPENDS: `list.extend`, else the target's `extend` or `append`.
pub(super) fn extend(heap: &mut Heap, target: Id, items: Vec<Id>) -> Result<(), Why> {
    if sne_has(heap, target, &["extend", "append"]) {
        return Err(unknown("APPEND calls an attribute the pickle set"));
    }
    let bytes: Option<Result<Vec<u8>, Why>> = match heap.get(target) {
        Obj::ByteArray(_) => Some(items.iter().map(|&i| byte(heap.get(i))).collect()),
        _ => None,
    };
    match (heap.get_mut(target), bytes) {
        (Obj::List(list), _) => list.extend(items),
        (Obj::ByteArray(b), Some(more)) => b.extend(more?),
        (Obj::Trusted, _) => {}
        (other, _) => {
            return Err(fails(format!(
                "'{}' object has no attribute 'append' (AttributeError)",
                other.type_name()
            )))
        }
    }
    Ok(())
}

/// An item `bytearray.extend` takes.
fn byte(o: &Obj) -> Result<u8, Why> {
    match o {
        Obj::Bool(b) => Ok(u8::from(*b)),
        Obj::Int(i) => i
            .small()
            .and_then(|v| u8::try_from(v).ok())
            .ok_or_else(|| fails("byte must be in range(0, 256) (ValueError)")),
        Obj::Made(_) | Obj::Global(_) | Obj::Trusted => Err(unknown("a byte of this kind")),
        other => Err(fails(format!(
            "'{}' object cannot be interpreted as an integer (TypeError)",
            other.type_name()
        ))),
    }
}

/// SETITEM/SETITEMS: `target[key] = value` for each pair, in order.
pub(super) fn set_items(heap: &mut Heap, target: Id, pairs: &[(Id, Id)]) -> Result<(), Why> {
    for &(k, v) in pairs {
        match heap.get(target) {
            Obj::Dict(_) => heap.dict_set(target, k, v)?,
            Obj::List(_) => list_set(heap, target, k, v)?,
            Obj::Trusted => {}
            Obj::ByteArray(_) => return Err(unknown("item assignment in a bytearray")),
            other => {
                return Err(fails(format!(
                    "'{}' object does not support item assignment (TypeError)",
                    other.type_name()
                )))
            }
        }
    }
    Ok(())
}

fn list_set(heap: &mut Heap, list: Id, key: Id, value: Id) -> Result<(), Why> {
    let at = match heap.get(key) {
        Obj::Bool(b) => i128::from(*b),
        Obj::Int(i) => i.small().unwrap_or(i128::MAX),
        Obj::Made(_) | Obj::Global(_) | Obj::Trusted => {
            return Err(unknown("a list index of this kind"))
        }
        _ => return Err(fails("list indices must be integers or slices (TypeError)")),
    };
    let Obj::List(items) = heap.get_mut(list) else {
        return Err(unknown("list_set"));
    };
    let len = items.len() as i128;
    let at = if at < 0 { at + len } else { at };
    if at < 0 || at >= len {
        return Err(fails("list assignment index out of range (IndexError)"));
    }
    items[at as usize] = value;
    Ok(())
}

/// ADDITEMS: `set` update, else the target's `add`.
pub(super) fn add_items(heap: &mut Heap, target: Id, items: Vec<Id>) -> Result<(), Why> {
    if sne_has(heap, target, &["add"]) {
        return Err(unknown("ADDITEMS calls an attribute the pickle set"));
    }
    match heap.get(target) {
        Obj::Set(_) => {
            for item in items {
                heap.set_add(target, item)?;
            }
            Ok(())
        }
        Obj::Trusted => Ok(()),
        other => Err(fails(format!(
            "'{}' object has no attribute 'add' (AttributeError)",
            other.type_name()
        ))),
    }
}

/// READONLY_BUFFER: a bytes-like object is kept, or replaced by a read-only view of it.
pub(super) fn readonly(heap: &mut Heap, top: Id) -> Result<Id, Why> {
    match heap.get(top) {
        Obj::Bytes(_) | Obj::View(_) | Obj::Trusted => Ok(top),
        Obj::ByteArray(_) => Ok(heap.add(Obj::View(top))),
        other => Err(fails(format!(
            "memoryview: a bytes-like object is required, not '{}' (TypeError)",
            other.type_name()
        ))),
    }
}
