//! The pickle walker against CPython itself: many generated pickles (opcode sequences that keep
//! the stack, the marks and the memo busy, and mutations of real pickles) go through our verdict
//! and through CPython's own unpickler (tests/pickle/oracle.py, under the chatsky 0.9
//! interpreter), whose `find_class` records every global it resolves.
//!
//! Held, always: a pickle we call loadable loads in CPython resolving exactly the globals we
//! named, all allowed (so "safe" is never wrong); one we call a failure fails there, having
//! resolved only allowed globals; one we call unsafe makes CPython resolve that very global
//! first. Pickles we refuse as not modelled are counted, with what CPython did with them.
//!
//! `cargo test` runs 20,000 (`CHATSKY_PICKLE_FUZZ_CASES` sets how many);
//! `scripts/fuzz N` runs N (default 1,000,000) in release mode.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;

use chatsky_redis::model::pickle::{self, Patterns, Verdict};

/// Cases sent to the oracle at once.
const BATCH: usize = 2000;

fn python() -> PathBuf {
    let var = "CHATSKY_INTEROP_PYTHON_09";
    let python = std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
        panic!(
            "{var} is not set: the pickle differential test runs CPython with the real Chatsky. \
             Run scripts/test, or scripts/interop-env and \
             export {var}=$PWD/.venv-chatsky-0.9/bin/python"
        )
    });
    assert!(python.exists(), "{var}={} does not exist", python.display());
    python
}

/// A deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "os",
    "system",
    "builtins",
    "range",
    "complex",
    "set",
    "frozenset",
    "bytearray",
    "object",
    "eval",
    "getattr",
    "chatsky.slots.slots",
    "SlotNotExtracted",
    "datetime",
    "date",
    "time",
    "timedelta",
    "timezone",
    "decimal",
    "Decimal",
    "uuid",
    "UUID",
    "_codecs",
    "encode",
    "latin1",
    "__builtin__",
    "xrange",
    "copy_reg",
    "copyreg",
    "_reconstructor",
    "int",
    "is_safe",
    "args",
    "extend",
    "__setstate__",
    "__cause__",
    "1.5",
    "nan",
    "x",
    "",
];

/// One opcode with a plausible argument, biased towards what keeps the machine busy.
fn opcode(rng: &mut Rng, out: &mut Vec<u8>) {
    let word = |rng: &mut Rng| rng.pick(WORDS).as_bytes().to_vec();
    match rng.below(60) {
        0..=3 => {
            let w = word(rng);
            out.push(0x8c);
            out.push(w.len() as u8);
            out.extend(w);
        }
        4 => {
            let (m, n) = (word(rng), word(rng));
            out.push(b'c');
            out.extend(m);
            out.push(b'\n');
            out.extend(n);
            out.push(b'\n');
        }
        5 | 6 => out.push(0x93),
        7 | 8 => out.push(0x94),
        9 => out.extend([b'q', rng.below(6) as u8]),
        10 => out.extend([b'h', rng.below(6) as u8]),
        11 => {
            out.push(b'r');
            out.extend((rng.below(6) as u32).to_le_bytes());
        }
        12 => {
            out.push(b'j');
            out.extend((rng.below(6) as u32).to_le_bytes());
        }
        13 => out.extend(format!("p{}\n", rng.below(6)).into_bytes()),
        14 => out.extend(format!("g{}\n", rng.below(6)).into_bytes()),
        15 | 16 => out.push(b'('),
        17 | 18 => out.push(b'0'),
        19 => out.push(b'1'),
        20 => out.push(b'2'),
        21 => out.push(0x98),
        22 => {
            out.push(0x96);
            out.extend((rng.below(3) as u64).to_le_bytes());
            out.extend(std::iter::repeat_n(b'a', rng.below(3)));
        }
        23 => {
            let n = [0u64, 1, 9, 1 << 20, u64::MAX][rng.below(5)];
            out.push(0x95);
            out.extend(n.to_le_bytes());
        }
        24 | 25 => out.push(b'R'),
        26 | 27 => out.push(b'b'),
        28 => out.push(0x81),
        29 => out.push(0x92),
        30 => out.push(b'o'),
        31 => {
            out.push(b'i');
            out.extend(word(rng));
            out.push(b'\n');
            out.extend(word(rng));
            out.push(b'\n');
        }
        32 => out.extend([0x82, rng.below(3) as u8]),
        33 => out.extend(b"Pid\n"),
        34 => out.push(b'Q'),
        35 => out.extend([0x80, rng.below(7) as u8]),
        36..=38 => out.extend([b'K', rng.below(3) as u8]),
        39 => out.push(b'N'),
        40 => out.push([0x88, 0x89][rng.below(2)]),
        41 => out.push(b')'),
        42 => out.push([0x85, 0x86, 0x87][rng.below(3)]),
        43 => out.push(b't'),
        44 => out.push(b']'),
        45 => out.push(b'}'),
        46 => out.push(0x8f),
        47 => out.push([b'a', b'e'][rng.below(2)]),
        48 => out.push([b's', b'u'][rng.below(2)]),
        49 => out.push(0x90),
        50 => out.push(0x91),
        51 => out.push([b'l', b'd'][rng.below(2)]),
        52 => {
            let states: [&[u8]; 4] = [
                b"\x07\xe8\x05\x06\x07\x08\x09\x01\xe2\x40",
                b"\x07\xe8\x05\x06",
                b"\x07\x08\x09\x01\xe2\x40",
                b"\x07\xe8\x0d\x06\x07\x08\x09\x01\xe2\x40",
            ];
            let state = *rng.pick(&states);
            out.extend([b'C', state.len() as u8]);
            out.extend(state);
        }
        53 => out.extend(b"G\x3f\xf8\x00\x00\x00\x00\x00\x00"),
        54 => out.extend(["I01\n", "I5\n", "L7L\n", "F1.5\n"][rng.below(4)].as_bytes()),
        55 => out.extend(
            ["S'os'\n", "Vsystem\n", "U\x02os", "T\x01\x00\x00\x00x"][rng.below(4)].as_bytes(),
        ),
        56 => out.extend([0x8a, 1, rng.below(256) as u8]),
        57 => out.extend([b'J', 0, 0, 0, 0x80]),
        58 => out.push(0x97),
        _ => out.push(b'.'),
    }
}

/// An opcode sequence, ending in STOP most of the time.
fn generated(rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::new();
    if rng.below(3) > 0 {
        out.extend([0x80, [2, 3, 4, 5][rng.below(4)]]);
    }
    for _ in 0..1 + rng.below(24) {
        opcode(rng, &mut out);
    }
    if rng.below(8) > 0 {
        out.push(b'.');
    }
    out
}

/// Allowed globals (and a few others) by the names pickles use for them.
const GLOBALS: &[(&str, &str)] = &[
    ("builtins", "range"),
    ("builtins", "complex"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "bytearray"),
    ("builtins", "object"),
    ("__builtin__", "xrange"),
    ("__builtin__", "set"),
    ("datetime", "datetime"),
    ("datetime", "date"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("decimal", "Decimal"),
    ("uuid", "UUID"),
    ("_codecs", "encode"),
    ("copy_reg", "_reconstructor"),
    ("copyreg", "_reconstructor"),
    ("chatsky.slots.slots", "SlotNotExtracted"),
    ("os", "system"),
    ("builtins", "getattr"),
];

/// An opcode sequence that mostly keeps to what the stack holds, so that more of them load:
/// values, allowed globals, calls, containers and memo traffic, tracked by a rough count of the
/// items above the topmost mark.
fn guided(rng: &mut Rng) -> Vec<u8> {
    let mut out = vec![0x80, [0, 1, 2, 3, 4, 5][rng.below(6)]];
    let (mut depth, mut marks): (usize, Vec<usize>) = (0, Vec::new());
    for _ in 0..2 + rng.below(30) {
        let choice = rng.below(12);
        match choice {
            0..=2 => {
                opcode_value(rng, &mut out);
                depth += 1;
            }
            3 => {
                let (m, n) = *rng.pick(GLOBALS);
                if rng.below(2) == 0 {
                    out.extend(format!("c{m}\n{n}\n").into_bytes());
                } else {
                    for w in [m, n] {
                        out.extend([0x8c, w.len() as u8]);
                        out.extend(w.as_bytes());
                    }
                    out.push(0x93);
                }
                depth += 1;
            }
            4 => {
                marks.push(depth);
                depth = 0;
                out.push(b'(');
            }
            5 if !marks.is_empty() => {
                out.push(*rng.pick(&[b't', b'l', b'd', b'e', b'u', 0x90, 0x91, b'o', b'1']));
                depth = marks.pop().unwrap_or(0) + 1;
            }
            6 if depth >= 2 => {
                out.push(*rng.pick(&[b'R', b'R', b'b', 0x81, b'a', 0x86]));
                depth -= 1;
            }
            7 if depth >= 1 => {
                let op = *rng.pick(&[0x94, 0x94, b'2', b'0', 0x98, 0x85, b'q']);
                out.push(op);
                match op {
                    b'q' => out.push(rng.below(4) as u8),
                    b'2' => depth += 1,
                    b'0' => depth -= 1,
                    _ => {}
                }
            }
            8 => {
                out.extend([b'h', rng.below(4) as u8]);
                depth += 1;
            }
            9 if depth >= 3 => {
                out.push(*rng.pick(&[b's', 0x87, 0x92]));
                depth -= 2;
            }
            10 => {
                out.push(*rng.pick(&[b')', b']', b'}', 0x8f]));
                depth += 1;
            }
            _ => {
                opcode(rng, &mut out);
                depth += 1;
            }
        }
    }
    out.push(b'.');
    out
}

/// A value opcode with an argument the allowed globals take.
fn opcode_value(rng: &mut Rng, out: &mut Vec<u8>) {
    match rng.below(8) {
        0 => out.extend([b'K', rng.below(4) as u8]),
        1 => out.extend(b"G\x3f\xf8\x00\x00\x00\x00\x00\x00"),
        2 => {
            let w = *rng.pick(&[
                "latin1", "1.5", "int", "is_safe", "args", "x", "os", "range",
            ]);
            out.extend([0x8c, w.len() as u8]);
            out.extend(w.as_bytes());
        }
        3 => out.extend(b"C\x0a\x07\xe8\x05\x06\x07\x08\x09\x01\xe2\x40"),
        4 => out.extend(b"C\x04\x07\xe8\x05\x06"),
        5 => out.push(*rng.pick(&[b'N', 0x88, 0x89])),
        6 => out.extend(b"C\x02ab"),
        _ => out.extend([b'J', 0xff, 0xff, 0xff, 0xff]),
    }
}

/// A real pickle with a few bytes flipped, cut, inserted or repeated.
fn mutated(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = rng.pick(seeds).clone();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if at < data.len() => data[at] ^= 1 << rng.below(8),
            1 if at < data.len() => data[at] = rng.below(256) as u8,
            2 => data.truncate(at),
            3 => {
                let mut op = Vec::new();
                opcode(rng, &mut op);
                data.splice(at..at, op);
            }
            4 if at < data.len() => {
                data.remove(at);
            }
            _ => {
                let end = (at + 1 + rng.below(6)).min(data.len());
                let piece = data[at.min(end)..end].to_vec();
                data.splice(at..at, piece);
            }
        }
    }
    data
}

/// CPython's answer for one pickle.
#[derive(serde::Deserialize)]
struct Real {
    ok: bool,
    error: Option<String>,
    resolved: Vec<String>,
}

#[derive(Default, Debug)]
struct Counts {
    tried: u64,
    safe: u64,
    unsafe_: u64,
    unloadable: u64,
    not_modelled: u64,
    agree: u64,
    /// Refused as not modelled, and CPython loads it (allowed, to be explained).
    not_modelled_but_loads: u64,
    /// Why, for the first few of them.
    not_modelled_reasons: Vec<String>,
    /// Refused as not modelled, and CPython fails too.
    not_modelled_and_fails: u64,
    /// The ones that must never happen.
    wrong: Vec<String>,
}

impl Counts {
    fn judge(&mut self, data: &[u8], real: &Real) {
        self.tried += 1;
        let ours = pickle::inspect_bytes(data, &Patterns::default());
        let all_allowed = real.resolved.iter().all(|g| pickle::builtin_allowed(g));
        // We name each global once, in the order of first resolution.
        let mut resolved: Vec<String> = Vec::new();
        for g in &real.resolved {
            if !resolved.contains(g) {
                resolved.push(g.clone());
            }
        }
        let problem = match &ours.verdict {
            Verdict::Loads => {
                self.safe += 1;
                if !all_allowed {
                    Some("SAFE BUT CPYTHON RESOLVES A GLOBAL OUTSIDE THE ALLOW-LIST")
                } else if !real.ok {
                    Some("we say it loads, CPython fails")
                } else if resolved != ours.globals {
                    Some("we name other globals than CPython resolves")
                } else {
                    None
                }
            }
            Verdict::Fails(_) => {
                self.unloadable += 1;
                if real.ok {
                    Some("we say it fails, CPython loads")
                } else if !all_allowed || resolved != ours.globals {
                    Some("we name other globals than CPython resolves before failing")
                } else {
                    None
                }
            }
            Verdict::Unsafe(global) => {
                self.unsafe_ += 1;
                let first_unallowed = real.resolved.iter().find(|g| !pickle::builtin_allowed(g));
                if first_unallowed == Some(global) {
                    None
                } else if global.starts_with("<copyreg extension code ") {
                    // A stock CPython has no extension code registered, and fails there.
                    (real.ok || first_unallowed.is_some())
                        .then_some("extension code: CPython did not fail there")
                } else {
                    Some("CPython does not resolve our unsafe global first")
                }
            }
            Verdict::Unknown(why) => {
                self.not_modelled += 1;
                if real.ok {
                    self.not_modelled_but_loads += 1;
                    if self.not_modelled_reasons.len() < 10 {
                        self.not_modelled_reasons
                            .push(format!("{why}: {}", hex(data)));
                    }
                } else {
                    self.not_modelled_and_fails += 1;
                }
                None
            }
        };
        match problem {
            None => self.agree += 1,
            Some(what) => self.wrong.push(format!(
                "{what}: {} ours {:?} globals {:?}; CPython ok={} {:?} resolved {:?}",
                hex(data),
                ours.verdict,
                ours.globals,
                real.ok,
                real.error,
                real.resolved
            )),
        }
    }
}

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn pickle_verdicts_agree_with_cpython() {
    let cases: u64 = std::env::var("CHATSKY_PICKLE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pickle/oracle.py");
    let mut child = Command::new(python())
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    writeln!(stdin, "seeds").unwrap();
    stdin.flush().unwrap();
    let mut seeds = Vec::new();
    for line in stdout.by_ref().lines() {
        let line = line.unwrap();
        if line == "end" {
            break;
        }
        seeds.push(
            (0..line.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&line[i..i + 2], 16).unwrap())
                .collect::<Vec<u8>>(),
        );
    }
    assert!(seeds.len() > 300, "{} seeds", seeds.len());
    // The writer runs apart, so that neither side blocks on a full pipe.
    let (tx, rx) = mpsc::sync_channel::<Vec<Vec<u8>>>(4);
    let writer = std::thread::spawn(move || {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let mut sent = 0u64;
        while sent < cases {
            let n = BATCH.min((cases - sent) as usize);
            let batch: Vec<Vec<u8>> = (0..n)
                .map(|i| match (sent as usize + i) % 4 {
                    0 if (sent as usize + i) < seeds.len() => seeds[sent as usize + i].clone(),
                    0 => generated(&mut rng),
                    1 => guided(&mut rng),
                    _ => mutated(&mut rng, &seeds),
                })
                .collect();
            let text: String = batch.iter().map(|d| hex(d) + "\n").collect();
            // The reader gets the batch first: it must be reading answers while this writes.
            if tx.send(batch).is_err() {
                break;
            }
            stdin.write_all(text.as_bytes()).unwrap();
            stdin.flush().unwrap();
            sent += n as u64;
        }
    });
    let mut counts = Counts::default();
    let mut line = String::new();
    for batch in rx {
        for data in batch {
            line.clear();
            if stdout.read_line(&mut line).unwrap() == 0 {
                panic!(
                    "the oracle stopped (crashed or was killed) on {}",
                    hex(&data)
                );
            }
            let real: Real = serde_json::from_str(&line)
                .unwrap_or_else(|e| panic!("oracle said {line:?} ({e})"));
            counts.judge(&data, &real);
        }
    }
    writer.join().unwrap();
    drop(stdout);
    let _ = child.wait();
    println!(
        "pickles tried {}: safe {}, unsafe {}, unloadable {}, refused as not modelled {} \
         (CPython loads {} of them, fails {}); agreements {}; disagreements {}",
        counts.tried,
        counts.safe,
        counts.unsafe_,
        counts.unloadable,
        counts.not_modelled,
        counts.not_modelled_but_loads,
        counts.not_modelled_and_fails,
        counts.agree,
        counts.wrong.len()
    );
    for why in &counts.not_modelled_reasons {
        println!("  refused as not modelled, CPython loads it: {why}");
    }
    for w in counts.wrong.iter().take(20) {
        println!("  {w}");
    }
    assert!(
        counts.wrong.is_empty(),
        "{} disagreements",
        counts.wrong.len()
    );
    assert_eq!(counts.tried, cases);
    assert!(
        counts.safe > 0 && counts.unsafe_ > 0 && counts.unloadable > 0,
        "{counts:?}"
    );
}
