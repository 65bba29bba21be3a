//! The opcode loop: CPython 3.11 `_pickle.c`'s `load()`, opcode by opcode, with its object
//! stack, its mark stack (the "fence" below which nothing may be popped) and its memo (a table
//! indexed by PUT/MEMOIZE, where MEMOIZE writes at the number of entries it holds).

use std::collections::{HashMap, HashSet};

use super::calls;
use super::globals::{effective, Global, Patterns};
use super::objects::{Heap, Id, Int, Obj};
use super::text::{self, Why};

/// A memo index above this is refused: CPython would grow its memo array to twice the index
/// (8 bytes an entry) before storing, which a hostile pickle uses to exhaust memory.
const MAX_MEMO_INDEX: u64 = 1 << 20;

/// What stopped the walk.
pub(super) enum End {
    /// STOP: the value.
    Value(Id),
    /// CPython raises.
    Fails(String),
    /// The walk cannot tell what happens next.
    Unknown(String),
}

pub(super) struct Machine<'d, 'p> {
    data: &'d [u8],
    pos: usize,
    pub heap: Heap,
    stack: Vec<Id>,
    marks: Vec<usize>,
    memo: HashMap<u64, Id>,
    proto: u8,
    pub first_proto: Option<u8>,
    patterns: &'p Patterns,
    /// Every global `find_class` is called with, as it resolves it, in order, without repeats.
    pub globals: Vec<String>,
    /// The globals outside the allow-list, in order (the first decides the verdict).
    pub unsafe_globals: Vec<String>,
    /// Every name in `globals` and `unsafe_globals`, to keep them free of repeats cheaply.
    named: HashSet<(bool, String)>,
}

type Step = Result<Option<Id>, Why>;

fn truncated() -> Why {
    Why::Fails("pickle data was truncated (UnpicklingError)".into())
}

impl<'d, 'p> Machine<'d, 'p> {
    pub fn new(data: &'d [u8], patterns: &'p Patterns) -> Self {
        Machine {
            data,
            pos: 0,
            heap: Heap::default(),
            stack: Vec::new(),
            marks: Vec::new(),
            memo: HashMap::new(),
            proto: 0,
            first_proto: None,
            patterns,
            globals: Vec::new(),
            unsafe_globals: Vec::new(),
            named: HashSet::new(),
        }
    }

    pub fn run(&mut self) -> End {
        loop {
            let Some(&op) = self.data.get(self.pos) else {
                return End::Fails("Ran out of input (EOFError)".into());
            };
            self.pos += 1;
            match self.step(op) {
                Ok(None) => {}
                Ok(Some(value)) => return End::Value(value),
                Err(Why::Fails(why)) => return End::Fails(why),
                Err(Why::Unknown(why)) => return End::Unknown(why),
            }
        }
    }

    fn read(&mut self, n: u64) -> Result<&'d [u8], Why> {
        let rest = (self.data.len() - self.pos) as u64;
        if n > rest {
            return Err(truncated());
        }
        let s = &self.data[self.pos..self.pos + n as usize];
        self.pos += n as usize;
        Ok(s)
    }

    fn uint(&mut self, n: u64) -> Result<u64, Why> {
        let b = self.read(n)?;
        Ok(b.iter().rev().fold(0, |acc, &x| (acc << 8) | u64::from(x)))
    }

    /// A counted length (`calc_binsize`): above `PY_SSIZE_T_MAX` CPython raises.
    fn size(&mut self, n: u64) -> Result<u64, Why> {
        let v = self.uint(n)?;
        if v > i64::MAX as u64 {
            return Err(Why::Fails(
                "exceeds system's maximum size (OverflowError)".into(),
            ));
        }
        Ok(v)
    }

    /// A line, with its newline.
    fn line(&mut self) -> Result<&'d [u8], Why> {
        let rest = &self.data[self.pos..];
        let nl = memchr::memchr(b'\n', rest).ok_or_else(truncated)?;
        self.pos += nl + 1;
        Ok(&rest[..=nl])
    }

    /// A line of at least one character before the newline.
    fn arg_line(&mut self) -> Result<&'d [u8], Why> {
        let line = self.line()?;
        if line.len() < 2 {
            return Err(truncated());
        }
        Ok(line)
    }

    fn fence(&self) -> usize {
        self.marks.last().copied().unwrap_or(0)
    }

    fn underflow(&self) -> Why {
        Why::Fails(if self.marks.is_empty() {
            "unpickling stack underflow (UnpicklingError)".into()
        } else {
            "unexpected MARK found (UnpicklingError)".into()
        })
    }

    fn pop(&mut self) -> Result<Id, Why> {
        if self.stack.len() <= self.fence() {
            return Err(self.underflow());
        }
        Ok(self.stack.pop().unwrap_or_default())
    }

    fn top(&self) -> Result<Id, Why> {
        if self.stack.len() <= self.fence() {
            return Err(self.underflow());
        }
        Ok(self.stack[self.stack.len() - 1])
    }

    fn marker(&mut self) -> Result<usize, Why> {
        self.marks
            .pop()
            .ok_or_else(|| Why::Fails("could not find MARK (UnpicklingError)".into()))
    }

    fn push(&mut self, obj: Obj) -> Step {
        let id = self.heap.add(obj);
        self.stack.push(id);
        Ok(None)
    }

    fn step(&mut self, op: u8) -> Step {
        match op {
            b'(' => self.marks.push(self.stack.len()),
            b'.' => return self.pop().map(Some),
            b'0' => self.pop_op()?,
            b'1' => {
                let at = self.marker()?;
                self.stack.truncate(at);
            }
            b'2' => {
                let top = self.top()?;
                self.stack.push(top);
            }
            0x80 => {
                let v = self.read(1)?[0];
                if v > 5 {
                    return Err(Why::Fails(format!(
                        "unsupported pickle protocol: {v} (ValueError)"
                    )));
                }
                self.proto = v;
                self.first_proto.get_or_insert(v);
            }
            0x95 => {
                let n = self.size(8)?;
                if n > (self.data.len() - self.pos) as u64 {
                    return Err(truncated());
                }
            }
            _ => return self.scalar(op),
        }
        Ok(None)
    }

    /// POP: a mark at the top of the stack goes first.
    fn pop_op(&mut self) -> Result<(), Why> {
        if self.marks.last() == Some(&self.stack.len()) {
            self.marks.pop();
            return Ok(());
        }
        self.pop().map(drop)
    }

    fn scalar(&mut self, op: u8) -> Step {
        match op {
            b'N' => self.push(Obj::None),
            0x88 => self.push(Obj::Bool(true)),
            0x89 => self.push(Obj::Bool(false)),
            b'K' => {
                let v = self.uint(1)?;
                self.push(Obj::Int(Int::from_i128(i128::from(v))))
            }
            b'M' => {
                let v = self.uint(2)?;
                self.push(Obj::Int(Int::from_i128(i128::from(v))))
            }
            b'J' => {
                let v = self.uint(4)? as u32 as i32;
                self.push(Obj::Int(Int::from_i128(i128::from(v))))
            }
            0x8a | 0x8b => {
                let n = if op == 0x8a {
                    i64::from(self.read(1)?[0])
                } else {
                    i64::from(self.uint(4)? as u32 as i32)
                };
                if n < 0 {
                    return Err(Why::Fails(
                        "LONG pickle has negative byte count (UnpicklingError)".into(),
                    ));
                }
                let bytes = self.read(n as u64)?;
                self.push(Obj::Int(Int::from_le_signed(bytes)))
            }
            b'I' => {
                let line = self.arg_line()?;
                match text::int_line(line)? {
                    (i, true) => self.push(Obj::Bool(i.small() == Some(1))),
                    (i, false) => self.push(Obj::Int(i)),
                }
            }
            b'L' => {
                let line = self.arg_line()?;
                let i = text::long_line(line)?;
                self.push(Obj::Int(i))
            }
            b'F' => {
                let line = self.arg_line()?;
                let x = text::float_line(line)?;
                self.push(Obj::Float(x))
            }
            b'G' => {
                let b = self.read(8)?;
                let mut arr = [0u8; 8];
                arr.copy_from_slice(b);
                self.push(Obj::Float(f64::from_be_bytes(arr)))
            }
            _ => self.strings(op),
        }
    }

    fn strings(&mut self, op: u8) -> Step {
        let counted = match op {
            b'C' => Some(1),
            b'B' | b'X' | b'T' => Some(4),
            0x8e | 0x8d | 0x96 => Some(8),
            0x8c | b'U' => Some(1),
            _ => None,
        };
        if let Some(width) = counted {
            let n = self.size(width)?;
            let bytes = self.read(n)?;
            let obj = match op {
                b'C' | b'B' | 0x8e => Obj::Bytes(bytes.to_vec()),
                0x96 => Obj::ByteArray(bytes.to_vec()),
                b'U' | b'T' => Obj::Str(text::ascii(bytes)?),
                _ => Obj::Str(text::utf8_surrogatepass(bytes)?),
            };
            return self.push(obj);
        }
        match op {
            b'S' => {
                let line = self.line()?;
                let s = text::string_line(line)?;
                self.push(Obj::Str(s))
            }
            b'V' => {
                let line = self.line()?;
                let s = text::unicode_line(line)?;
                self.push(Obj::Str(s))
            }
            0x97 => Err(Why::Fails(
                "pickle stream refers to out-of-band data but no *buffers* argument was given \
                 (UnpicklingError)"
                    .into(),
            )),
            0x98 => {
                let top = self.top()?;
                let kept = calls::readonly(&mut self.heap, top)?;
                let at = self.stack.len() - 1;
                self.stack[at] = kept;
                Ok(None)
            }
            _ => self.containers(op),
        }
    }

    fn containers(&mut self, op: u8) -> Step {
        match op {
            b')' => self.push(Obj::Tuple(Vec::new())),
            0x85..=0x87 => self.counted_tuple(usize::from(op - 0x84)),
            b't' => {
                let at = self.marker()?;
                let items = self.stack.split_off(at);
                self.push(Obj::Tuple(items))
            }
            b']' => self.push(Obj::List(Vec::new())),
            b'l' => {
                let at = self.marker()?;
                let items = self.stack.split_off(at);
                self.push(Obj::List(items))
            }
            b'}' => self.push(Obj::Dict(Default::default())),
            b'd' => self.dict(),
            0x8f => self.push(Obj::Set(Default::default())),
            0x91 => {
                let at = self.marker()?;
                let items = self.stack.split_off(at);
                let set = self.heap.add(Obj::FrozenSet(Default::default()));
                for item in items {
                    self.heap.set_add(set, item)?;
                }
                self.stack.push(set);
                Ok(None)
            }
            b'a' => {
                if self.stack.len() <= self.fence() + 1 {
                    return Err(self.underflow());
                }
                self.append(self.stack.len() - 1)
            }
            b'e' => {
                let at = self.marker()?;
                self.append(at)
            }
            b's' => self.setitems(self.stack.len() as isize - 2),
            b'u' => {
                let at = self.marker()?;
                self.setitems(at as isize)
            }
            0x90 => self.additems(),
            _ => self.memo_op(op),
        }
    }

    fn counted_tuple(&mut self, n: usize) -> Step {
        if self.stack.len() < n || self.stack.len() - n < self.fence() {
            return Err(self.underflow());
        }
        let items = self.stack.split_off(self.stack.len() - n);
        self.push(Obj::Tuple(items))
    }

    fn dict(&mut self) -> Step {
        let at = self.marker()?;
        if (self.stack.len() - at) % 2 != 0 {
            return Err(Why::Fails(
                "odd number of items for DICT (UnpicklingError)".into(),
            ));
        }
        let items = self.stack.split_off(at);
        let dict = self.heap.add(Obj::Dict(Default::default()));
        for pair in items.chunks(2) {
            self.heap.dict_set(dict, pair[0], pair[1])?;
        }
        self.stack.push(dict);
        Ok(None)
    }

    /// The target below position `x` and the items from `x` on, for APPENDS/SETITEMS/ADDITEMS;
    /// `None` when there is nothing to add (CPython then does not look at the target).
    fn batch(&mut self, x: isize) -> Result<Option<(Id, Vec<Id>)>, Why> {
        let len = self.stack.len() as isize;
        if x > len || x <= self.fence() as isize {
            return Err(self.underflow());
        }
        if x == len {
            return Ok(None);
        }
        let x = x as usize;
        let target = self.stack[x - 1];
        Ok(Some((target, self.stack.split_off(x))))
    }

    fn append(&mut self, x: usize) -> Step {
        if let Some((target, items)) = self.batch(x as isize)? {
            calls::extend(&mut self.heap, target, items)?;
        }
        Ok(None)
    }

    fn setitems(&mut self, x: isize) -> Step {
        let len = self.stack.len() as isize;
        if x <= len && x > self.fence() as isize && (len - x) % 2 != 0 {
            return Err(Why::Fails(
                "odd number of items for SETITEMS (UnpicklingError)".into(),
            ));
        }
        if let Some((target, items)) = self.batch(x)? {
            let pairs: Vec<(Id, Id)> = items.chunks(2).map(|p| (p[0], p[1])).collect();
            calls::set_items(&mut self.heap, target, &pairs)?;
        }
        Ok(None)
    }

    fn additems(&mut self) -> Step {
        let at = self.marker()?;
        if let Some((target, items)) = self.batch(at as isize)? {
            calls::add_items(&mut self.heap, target, items)?;
        }
        Ok(None)
    }

    fn memo_put(&mut self, idx: u64, value: Id) -> Step {
        if idx > MAX_MEMO_INDEX {
            return Err(Why::Unknown(format!(
                "memo index {idx}: Python would grow its memo to {} entries first",
                idx.saturating_mul(2)
            )));
        }
        self.memo.insert(idx, value);
        Ok(None)
    }

    fn memo_get(&mut self, idx: u64) -> Step {
        match self.memo.get(&idx) {
            Some(&id) => {
                self.stack.push(id);
                Ok(None)
            }
            None => Err(Why::Fails(format!(
                "Memo value not found at index {idx} (UnpicklingError)"
            ))),
        }
    }

    fn memo_op(&mut self, op: u8) -> Step {
        match op {
            b'g' => {
                let line = self.arg_line()?;
                let idx = text::index_line(line)?;
                // A negative index is never found (it is a huge size_t).
                self.memo_get(u64::try_from(idx).unwrap_or(u64::MAX))
            }
            b'h' => {
                let idx = self.uint(1)?;
                self.memo_get(idx)
            }
            b'j' => {
                let idx = self.uint(4)?;
                self.memo_get(idx)
            }
            b'p' => {
                let line = self.arg_line()?;
                let top = self.top()?;
                let idx = text::index_line(line)?;
                let idx = u64::try_from(idx)
                    .map_err(|_| Why::Fails("negative PUT argument (ValueError)".into()))?;
                self.memo_put(idx, top)
            }
            b'q' | b'r' => {
                let idx = self.uint(if op == b'q' { 1 } else { 4 })?;
                let top = self.top()?;
                self.memo_put(idx, top)
            }
            0x94 => {
                let top = self.top()?;
                self.memo_put(self.memo.len() as u64, top)
            }
            _ => self.objects(op),
        }
    }

    fn objects(&mut self, op: u8) -> Step {
        match op {
            b'c' => {
                let module = self.arg_line()?;
                let module = text::utf8_strict(&module[..module.len() - 1])?;
                let name = self.arg_line()?;
                let name = text::utf8_strict(&name[..name.len() - 1])?;
                self.find_class(&module, &name)
            }
            0x93 => {
                let name = self.pop()?;
                let module = self.pop()?;
                let names = match (self.heap.get(module), self.heap.get(name)) {
                    (Obj::Str(m), Obj::Str(n)) => Some((m.to_string_lossy(), n.to_string_lossy())),
                    (Obj::Trusted, _) | (_, Obj::Trusted) => None,
                    _ => {
                        return Err(Why::Fails(
                            "STACK_GLOBAL requires str (UnpicklingError)".into(),
                        ))
                    }
                };
                match names {
                    Some((m, n)) => self.find_class(&m, &n),
                    None => self.unresolvable("<a global named by objects it cannot model>"),
                }
            }
            b'i' => self.inst(),
            b'o' => {
                let at = self.marker()?;
                if self.stack.len() < at + 1 {
                    return Err(self.underflow());
                }
                let args = self.stack.split_off(at + 1);
                let cls = self.pop()?;
                let obj = calls::instantiate(&mut self.heap, cls, &args)?;
                self.push(obj)
            }
            0x81 | 0x92 => {
                let kwargs = if op == 0x92 { Some(self.pop()?) } else { None };
                let args = self.pop()?;
                let cls = self.pop()?;
                let obj = calls::newobj(&mut self.heap, cls, args, kwargs)?;
                self.push(obj)
            }
            b'R' => {
                let args = self.pop()?;
                let callable = self.pop()?;
                let obj = calls::reduce(&mut self.heap, callable, args)?;
                self.push(obj)
            }
            b'b' => {
                if (self.stack.len() as isize) - 2 < self.fence() as isize {
                    return Err(self.underflow());
                }
                let state = self.pop()?;
                let inst = self.stack[self.stack.len() - 1];
                calls::build(&mut self.heap, inst, state)?;
                Ok(None)
            }
            b'P' | b'Q' => Err(Why::Fails(
                "A load persistent id instruction was encountered, but no persistent_load \
                 function was specified (UnpicklingError)"
                    .into(),
            )),
            0x82..=0x84 => {
                let width = 1u64 << (op - 0x82);
                let raw = self.uint(width)?;
                let code = if width == 4 {
                    i64::from(raw as u32 as i32)
                } else {
                    raw as i64
                };
                if code <= 0 {
                    return Err(Why::Fails(
                        "EXT specifies code <= 0 (UnpicklingError)".into(),
                    ));
                }
                self.unresolvable(&format!("<copyreg extension code {code}>"))
            }
            _ => Err(Why::Fails(format!(
                "invalid load key, '\\x{op:02x}' (UnpicklingError)"
            ))),
        }
    }

    /// INST: the mark first, then the module and class lines (ASCII), then `cls(*args)`.
    fn inst(&mut self) -> Step {
        let at = self.marker()?;
        let module = self.arg_line()?;
        let module = text::ascii(&module[..module.len() - 1])?.to_string_lossy();
        let name = self.arg_line()?;
        let name = text::ascii(&name[..name.len() - 1])?.to_string_lossy();
        self.find_class(&module, &name)?;
        let cls = self.stack.pop().unwrap_or_default();
        let args = self.stack.split_off(at);
        let obj = calls::instantiate(&mut self.heap, cls, &args)?;
        self.push(obj)
    }

    /// `find_class`: an allowed global, one the user allowed (vouched for, not modelled), or
    /// the first unsafe one (the walk goes on, to name the others).
    fn find_class(&mut self, module: &str, name: &str) -> Step {
        let (m, n) = effective(module, name, self.proto);
        let full = format!("{m}.{n}");
        self.name(false, &full);
        if let Some(g) = Global::lookup(&m, &n) {
            return self.push(Obj::Global(g));
        }
        if !self.patterns.allows(&m, &n) {
            self.name(true, &full);
        }
        self.push(Obj::Trusted)
    }

    /// A global the walk cannot name: unsafe.
    fn unresolvable(&mut self, what: &str) -> Step {
        self.name(false, what);
        self.name(true, what);
        self.push(Obj::Trusted)
    }

    /// Add a global to `globals` (or, `unsafe_`, to `unsafe_globals`) unless it is there.
    fn name(&mut self, unsafe_: bool, full: &str) {
        if self.named.insert((unsafe_, full.to_string())) {
            let list = if unsafe_ {
                &mut self.unsafe_globals
            } else {
                &mut self.globals
            };
            list.push(full.to_string());
        }
    }
}
