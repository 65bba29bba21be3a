use super::*;

fn walk(data: &[u8]) -> Inspection {
    inspect_bytes(data, &Patterns::default())
}

fn b64(data: &str) -> Inspection {
    inspect(data, &Patterns::default()).unwrap()
}

#[test]
fn base64_like_python() {
    assert_eq!(decode_b64("gAROLg==\n").unwrap(), b"\x80\x04N.");
    assert_eq!(decode_b64("gARO\nLg==").unwrap(), b"\x80\x04N.");
    assert!(decode_b64("gAROLg").is_err(), "padding is required");
    assert_eq!(encode_b64_lines(b"\x80\x04N."), "gAROLg==\n");
    let long = encode_b64_lines(&[0u8; 60]);
    assert_eq!(long.lines().map(str::len).collect::<Vec<_>>(), [76, 4]);
    assert!(long.ends_with('\n'));
}

#[test]
fn simple_values() {
    let s = |data: &str| b64(data).simple.unwrap().to_string();
    assert_eq!(s("gAROLg==\n"), "None");
    assert_eq!(s("gARLBS4=\n"), "5");
    assert_eq!(s("gASVCQAAAAAAAACMBWdyb290lC4=\n"), "'groot'");
    assert_eq!(s("gASVCgAAAAAAAABDBgD/IHJhd5Qu\n"), "b'\\x00\\xff raw'");
    // pickle.dumps({"a": [1, 2.5, None, (True,)], "b": -2**70}, protocol=4)
    let data = "gASVKwAAAAAAAAB9lCiMAWGUXZQoSwFHQAQAAAAAAABOiIWUZYwBYpSKCQAAAAAAAAAAwHUu\n";
    let i = b64(data);
    assert_eq!(
        (i.protocol, i.verdict, i.globals.len()),
        (4, Verdict::Loads, 0)
    );
    assert_eq!(
        i.simple.unwrap().to_string(),
        "{'a': [1, 2.5, None, (True,)], 'b': -1180591620717411303424}"
    );
}

#[test]
fn globals_are_resolved_not_run() {
    let slot = "gASVSwAAAAAAAACME2NoYXRza3kuc2xvdHMuc2xvdHOUjBBTbG90Tm90RXh0cmFjdGVklJOUjBhJ\nbml0aWFsIHNsb3QgZXh0cmFjdGlvbi6UhZRSlC4=\n";
    let i = b64(slot);
    assert_eq!(i.globals, ["chatsky.slots.slots.SlotNotExtracted"]);
    assert_eq!((i.verdict, i.simple), (Verdict::Loads, None));
    let evil = walk(b"cos\nsystem\n(S'echo hi'\ntR.");
    assert_eq!(evil.verdict, Verdict::Unsafe("os.system".into()));
    // Python 2 names are renamed below protocol 3, not above.
    assert_eq!(
        walk(b"c__builtin__\nxrange\nK\x05\x85R.").verdict,
        Verdict::Loads
    );
    assert_eq!(
        walk(b"\x80\x03c__builtin__\nxrange\nK\x05\x85R.").verdict,
        Verdict::Unsafe("__builtin__.xrange".into())
    );
}

/// The two pickles of issue 16 that ran `os.system` in the bot.
#[test]
fn the_stack_and_memo_follow_cpython() {
    // READONLY_BUFFER leaves the bytes on the stack: three POPs then reach 'os', 'system'.
    let readonly = b64("gAWMAm9zjAZzeXN0ZW2ME2NoYXRza3kuc2xvdHMuc2xvdHOMEFNsb3ROb3RFeHRyYWN0ZWRDAJiYMDAwk4wCaWSFUi4=");
    assert_eq!(readonly.verdict, Verdict::Unsafe("os.system".into()));
    // MEMOIZE stores at the number of entries: index 3 is overwritten with 'system'.
    let memoize = b64("gASME2NoYXRza3kuc2xvdHMuc2xvdHNxAYwTY2hhdHNreS5zbG90cy5zbG90c5SMAm9zlIwQU2xvdE5vdEV4dHJhY3RlZHEDjANwYWSUjAZzeXN0ZW2UMDAwMDAwaAFoA5OMAmlkhVIu");
    assert_eq!(memoize.verdict, Verdict::Unsafe("os.system".into()));
}

#[test]
fn a_mutated_memoised_list_is_seen_mutated() {
    // l = []; memo it; GET it again; append 1 through the second reference; (l, l).
    let data = b"\x80\x04]\x94h\x00K\x01a\x86.";
    assert_eq!(walk(data).simple.unwrap().to_string(), "([1], [1])");
    // A list that contains itself is no simple value, but loads.
    let cyclic = walk(b"\x80\x04]\x94h\x00a.");
    assert_eq!((cyclic.verdict, cyclic.simple), (Verdict::Loads, None));
}

#[test]
fn failures_cpython_raises() {
    let fails = |data: &[u8]| matches!(walk(data).verdict, Verdict::Fails(_));
    for data in [
        &b""[..],
        b"\x80\x04N",
        b"\x80\x04\xff.",
        b"\x80\x04\x8c\x05ab",
        b"\x80\x06N.",
        b"\x80\x04\x95\x10\x00\x00\x00\x00\x00\x00\x00N.",
        b"(.",
        b"N(.",
        b"\x80\x05\x97.",
        b"Pabc\n.",
        b"\x80\x04h\x07.",
        b"\x80\x04}]Ns.".as_slice(),
        b"\x80\x04]]s.",
        b"\x80\x04\x8c\x08builtins\x8c\x05range\x93K\x00K\x01K\x00\x87R.",
        b"\x80\x04\x8c\x13chatsky.slots.slots\x8c\x10SlotNotExtracted\x93)RK\x05b.",
        b"\x80\x04K\x01\x98.",
    ] {
        assert!(fails(data), "{data:?}: {:?}", walk(data).verdict);
    }
    assert!(
        !fails(b"\x80\x04C\x00\x98."),
        "READONLY_BUFFER of bytes loads"
    );
    assert!(walk(b"\x80\x05\x96\x01\x00\x00\x00\x00\x00\x00\x00a\x98.").holds_view);
}

#[test]
fn memo_indices_python_would_allocate_for_are_refused() {
    let v = walk(b"\x80\x04Nr\x00\x00\x00\x10.").verdict;
    assert!(
        matches!(v, Verdict::Unknown(ref why) if why.contains("memo")),
        "{v:?}"
    );
}

#[test]
fn user_patterns_let_globals_through_unmodelled() {
    let data = b"\x80\x04\x8c\x08telegram\x8c\x06Update\x93)\x81}b.";
    assert_eq!(
        walk(data).verdict,
        Verdict::Unsafe("telegram.Update".into())
    );
    let allowed = inspect_bytes(data, &Patterns::parse_list("telegram.*"));
    assert_eq!(
        (allowed.verdict, allowed.globals),
        (Verdict::Loads, vec!["telegram.Update".to_string()])
    );
    // Still named: a later unsafe global.
    let both = b"\x80\x04\x8c\x08telegram\x8c\x06Update\x93\x8c\x02os\x8c\x06system\x93.";
    assert_eq!(
        inspect_bytes(both, &Patterns::parse_list("telegram.*")).verdict,
        Verdict::Unsafe("os.system".into())
    );
}

#[test]
fn the_walk_stays_linear_on_hostile_pickles() {
    // 100,000 different unsafe globals: each is named once, without quadratic lookups.
    let mut data = b"\x80\x04".to_vec();
    for i in 0..100_000 {
        data.extend(format!("cm{i}\nx\n0").into_bytes());
    }
    data.extend(b"N.");
    let started = std::time::Instant::now();
    let found = walk(&data);
    assert_eq!(found.globals.len(), 100_000);
    assert_eq!(found.verdict, Verdict::Unsafe("m0.x".into()));
    // One tuple of 100,000 items used as a dict key 1,000 times: refused, not hashed forever.
    let mut bomb = b"\x80\x04}(".to_vec();
    bomb.extend(std::iter::repeat_n(&b"K\x01"[..], 100_000).flatten());
    bomb.extend(b"t\x940(");
    bomb.extend(std::iter::repeat_n(&b"h\x00N"[..], 1_000).flatten());
    bomb.extend(b"u.");
    assert!(matches!(walk(&bomb).verdict, Verdict::Unknown(_)));
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
