//! At a real terminal (a pseudo-terminal): the questions that destructive commands ask (only `y`
//! followed by Enter deletes; a stray `y` and Ctrl-C delete nothing, and Ctrl-C leaves the
//! terminal as it found it), and JSON printed to a terminal, which carries nothing the terminal
//! would act on.
#![cfg(unix)]

mod common;

use common::*;
use rexpect::process::WaitStatus;
use rexpect::session::{spawn_command, PtySession};

/// The binary at a terminal of its own, talking to `redis`, with `args`.
fn at_a_terminal(redis: &Redis, args: &[&str]) -> PtySession {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("chatsky-redis"));
    cmd.env_clear()
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("CHATSKY_REDIS_URL", redis.url())
        .args(args);
    spawn_command(cmd, Some(30_000)).unwrap()
}

/// Everything the program still prints, and its exit code.
fn finish(mut p: PtySession) -> (String, i32) {
    let rest = p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => (rest, code),
        other => panic!("the program did not exit by itself: {other:?}; it printed {rest:?}"),
    }
}

fn three_contexts(redis: &Redis) {
    let ctx = &fixture("chatsky-0.9.0-legacy.jsonl")[0];
    let mut db = redis.db();
    for key in ["a", "b", "c"] {
        set_raw(&mut db, key, ctx.value.as_bytes());
    }
}

/// Give the program time to read what was typed and wait for the next key: only then does
/// Ctrl-C reach it as a key rather than as a signal between two reads.
fn let_the_question_wait() {
    std::thread::sleep(std::time::Duration::from_millis(300));
}

fn dbsize(redis: &Redis) -> i64 {
    redis_cmd(&mut redis.db(), &["DBSIZE"])
}

/// A `y` alone (no Enter) is not an answer; Ctrl-C then stops with exit 130, nothing deleted, and
/// the cursor that the question hid is shown again.
#[test]
fn clear_stopped_by_ctrl_c_at_the_question_deletes_nothing() {
    let redis = Redis::start();
    three_contexts(&redis);
    let mut p = at_a_terminal(&redis, &["clear"]);
    let asked = p.exp_string("Delete ALL 3 keys").unwrap();
    p.send("y").unwrap();
    p.flush().unwrap();
    let_the_question_wait();
    assert_eq!(dbsize(&redis), 3, "a `y` without Enter must not delete");
    p.send_control('c').unwrap();
    let (out, code) = finish(p);
    assert_eq!(code, 130, "{out}");
    assert!(out.contains("interrupted; nothing was deleted"), "{out}");
    assert_eq!(dbsize(&redis), 3);
    let all = format!("{asked}{out}");
    let (hide, show) = ("\u{1b}[?25l", "\u{1b}[?25h");
    let hidden = all.rfind(hide).expect("the question hides the cursor");
    assert!(
        all[hidden..].contains(show),
        "the cursor is left hidden: {all:?}"
    );
}

#[test]
fn rm_match_asks_with_the_count_and_ctrl_c_keeps_everything() {
    let redis = Redis::start();
    three_contexts(&redis);
    set_raw(&mut redis.db(), "other", b"{}");
    let mut p = at_a_terminal(&redis, &["rm", "--match", "[ab]"]);
    p.exp_string("Delete 2 contexts matching \"[ab]\"").unwrap();
    let_the_question_wait();
    p.send_control('c').unwrap();
    let (out, code) = finish(p);
    assert_eq!(code, 130, "{out}");
    assert!(out.contains("interrupted; nothing was deleted"), "{out}");
    assert_eq!(dbsize(&redis), 4);

    let mut p = at_a_terminal(&redis, &["rm", "--match", "[ab]"]);
    p.exp_string("Delete 2 contexts").unwrap();
    p.send("y\r").unwrap();
    p.flush().unwrap();
    let (out, code) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("deleted 2 contexts matching"), "{out}");
    let mut db = redis.db();
    assert!(get_raw(&mut db, "a").is_none() && get_raw(&mut db, "b").is_none());
    assert!(get_raw(&mut db, "c").is_some() && get_raw(&mut db, "other").is_some());
}

/// JSON printed to a terminal (`get`'s pretty default and `-f json`, `ls`'s lines) writes what a
/// terminal would act on (escape sequences, C1 controls, bidirectional overrides) as JSON escapes
/// and carriage returns as spaces: the same JSON value, but a stored message cannot retitle the
/// window or reorder the screen.
#[test]
fn json_at_a_terminal_escapes_what_the_terminal_would_act_on() {
    let redis = Redis::start();
    let ctx = &fixture("chatsky-0.9.0-legacy.jsonl")[0];
    let hostile = r#"\u001b]0;pwned\u0007\u009b2J\u202etxt.exe"#;
    let value = with_first_request(&ctx.value, hostile);
    set_raw(&mut redis.db(), "k\u{202e}", value.as_bytes());
    for args in [&["get", "k\u{202e}"][..], &["ls", "--quiet"][..]] {
        let (out, code) = finish(at_a_terminal(&redis, args));
        assert_eq!(code, 0, "{args:?}: {out}");
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!out.contains(raw), "{args:?} printed {raw:?}: {out:?}");
        }
        if args[0] == "ls" {
            assert!(out.contains(r#""key":"k\u202e""#), "{args:?}: {out}");
        } else {
            assert!(out.contains(hostile), "{args:?}: {out}");
            let json: serde_json::Value = serde_json::from_str(&out.replace("\r\n", "\n")).unwrap();
            let stored: serde_json::Value = serde_json::from_str(&value).unwrap();
            assert_eq!(json, stored, "the same JSON value");
        }
    }
    // `get -f json` prints the stored bytes, which may hold these characters raw, and carriage
    // returns between tokens: at a terminal they come out escaped, and as spaces.
    let raw_value = format!(
        "{{\r{}",
        &with_first_request(&ctx.value, "\u{9b}2J\u{202e}txt.exe")[1..]
    );
    set_raw(&mut redis.db(), "raw", raw_value.as_bytes());
    let (out, code) = finish(at_a_terminal(&redis, &["get", "-f", "json", "raw"]));
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains(['\u{9b}', '\u{202e}']) && !out.replace("\r\n", "\n").contains('\r'),
        "{out:?}"
    );
    assert!(out.starts_with(r#"{ "id""#), "{out:?}");
    assert!(out.contains(r#""\u009b2J\u202etxt.exe""#), "{out:?}");
}

/// `put KEY` and `import` waiting on a terminal say so, rather than seeming to hang; Ctrl-D ends
/// the input.
#[test]
fn reading_stdin_at_a_terminal_says_how_to_end_it() {
    let redis = Redis::start();
    for (args, key) in [
        (&["put", "k"][..], "k"),
        (&["import", "--key-field", "id"][..], "i"),
    ] {
        let mut p = at_a_terminal(&redis, args);
        p.exp_string("reading from stdin (Ctrl-D to end)").unwrap();
        p.send_line(&format!(r#"{{"id":"{key}","labels":{{}}}}"#))
            .unwrap();
        p.send_control('d').unwrap();
        let (out, code) = finish(p);
        assert_eq!(code, 0, "{args:?}: {out}");
        assert!(get_raw(&mut redis.db(), key).is_some(), "{args:?}: {out}");
    }
}

/// The question reads as the README shows it, `[y/N]`.
#[test]
fn the_question_reads_as_the_readme_shows_it() {
    let redis = Redis::start();
    three_contexts(&redis);
    let readme = include_str!("../README.md");
    let shown = readme
        .lines()
        .find(|l| l.starts_with("Delete ALL 9 keys"))
        .expect("the README shows clear's question");
    let mut p = at_a_terminal(&redis, &["clear"]);
    let asked = p.exp_string("[y/N]").unwrap();
    let asked = format!("{}[y/N]", asked.rsplit('\r').next().unwrap());
    let readme_form = shown
        .replace("9 keys", "3 keys")
        .replace("redis://127.0.0.1:6379/0", &redis.url());
    assert!(
        asked.ends_with(&readme_form),
        "asked {asked:?}, README shows {shown:?}"
    );
    p.send_line("n").unwrap();
    finish(p);
}

/// With --match the walk's size is unknown, so the progress bar counts without the db's size as
/// its total; the rate is a whole number of keys a second.
#[test]
fn progress_with_a_pattern_has_no_db_total_and_a_sane_rate() {
    let redis = Redis::start();
    let mut fill = redis::pipe();
    for i in 0..3000 {
        fill.set(format!("k{i}"), "{\"id\":1}").ignore();
    }
    fill.set("other", "x").ignore();
    let _: () = fill.query(&mut redis.db()).unwrap();
    let p = at_a_terminal(&redis, &["export", "--match", "k1*", "-o", "/dev/null"]);
    let (out, code) = finish(p);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("exporting"), "no progress was drawn: {out:?}");
    assert!(!out.contains("/3001"), "the db size as total: {out:?}");
    let decimals = out
        .split("/s")
        .filter_map(|before| before.rsplit([' ', '(']).next())
        .any(|rate| rate.contains('.'));
    assert!(!decimals, "a rate with decimals: {out:?}");
}
