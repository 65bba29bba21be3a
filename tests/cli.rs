//! The six core subcommands against a real redis-server: success, missing key, wrong type, bad input.

mod common;

use common::{fixture, get_raw, redis_cmd, set_raw, stderr, stdout, stdout_json as json, Redis};
use serde_json::Value;

/// A small 0.9 context as Chatsky 0.9.0 wrote it (from the fixtures).
fn ctx09() -> common::FixtureContext {
    fixture("chatsky-0.9.0-legacy.jsonl").remove(0)
}

// ---------------------------------------------------------------- has

#[test]
fn has_answers_per_key_and_exits_1_when_any_is_missing() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "a", b"{}");
    let out = redis.cmd().args(["has", "a"]).output().unwrap();
    assert_eq!(
        (out.status.code(), stdout(&out).as_str()),
        (Some(0), "true\n")
    );
    let out = redis.cmd().args(["has", "a", "b"]).output().unwrap();
    assert_eq!(
        (out.status.code(), stdout(&out).as_str()),
        (Some(1), "true\nfalse\n")
    );
}

#[test]
fn has_quiet_prints_nothing_and_json_names_keys() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "a", b"x");
    let out = redis.cmd().args(["has", "-q", "nope"]).output().unwrap();
    assert_eq!((out.status.code(), out.stdout.len()), (Some(1), 0));
    let out = redis
        .cmd()
        .args(["--format", "json", "has", "a", "b"])
        .output()
        .unwrap();
    assert_eq!(
        json(&out),
        serde_json::json!([
            {"key": "a", "exists": true, "layout": "legacy"},
            {"key": "b", "exists": false}
        ])
    );
}

#[test]
fn has_is_true_for_keys_of_any_type_like_chatsky_contains() {
    let redis = Redis::start();
    let _: () = redis_cmd(&mut redis.db(), &["HSET", "h", "f", "v"]);
    set_raw(&mut redis.db(), "empty", b"");
    redis
        .cmd()
        .args(["has", "h", "empty"])
        .assert()
        .code(0)
        .stdout("true\ntrue\n");
}

// ---------------------------------------------------------------- get

#[test]
fn get_json_prints_the_stored_bytes_exactly() {
    let redis = Redis::start();
    let ctx = ctx09();
    set_raw(&mut redis.db(), &ctx.key, ctx.value.as_bytes());
    let out = redis.cmd().args(["get", &ctx.key]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Not a terminal: json by default, byte for byte plus a newline.
    assert_eq!(out.stdout, format!("{}\n", ctx.value).into_bytes());
}

#[test]
fn get_pretty_indents_the_same_document() {
    let redis = Redis::start();
    let ctx = ctx09();
    set_raw(&mut redis.db(), &ctx.key, ctx.value.as_bytes());
    let out = redis
        .cmd()
        .args(["get", "-f", "pretty", &ctx.key])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("\n  \"labels\": {"),
        "{}",
        stdout(&out)
    );
    let stored: Value = serde_json::from_str(&ctx.value).unwrap();
    assert_eq!(json(&out), stored);
}

#[test]
fn get_table_shows_the_dialog() {
    let redis = Redis::start();
    let ctx = ctx09();
    set_raw(&mut redis.db(), &ctx.key, ctx.value.as_bytes());
    let out = redis
        .cmd()
        .args(["get", "--format", "table", &ctx.key])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for expected in [
        "basics-user",
        "greeting_flow:start_node",
        "greeting_flow:node1",
        "Hi",
        "Hi, how are you?",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

/// Text from a stored context (a user's message, a key) reaches a terminal with its control
/// characters and bidirectional overrides escaped: it cannot retitle the window, clear the screen
/// or reorder what the operator reads. JSON output to a pipe keeps the text exactly (JSON at a
/// terminal: tests/terminal.rs).
#[test]
fn tables_and_errors_show_control_characters_in_stored_text_escaped() {
    let redis = Redis::start();
    let ctx = ctx09();
    let hostile = r#"\u001b]0;pwned\u0007\u001b[2J\u009b1m\u202etxt.exe"#;
    let value = common::with_first_request(&ctx.value, hostile);
    let key = "user\u{1b}[31m";
    set_raw(&mut redis.db(), key, value.as_bytes());
    let shown = r"\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}1m\u{202e}txt.exe";
    for args in [vec!["get", "-f", "table", key], vec!["ls", "-f", "table"]] {
        // Wide enough that no cell wraps.
        let out = redis
            .cmd()
            .env("COLUMNS", "400")
            .args(&args)
            .output()
            .unwrap();
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!text.contains(raw), "{args:?} printed {raw:?}: {text:?}");
        }
        assert!(text.contains(r"user\u{1b}[31m"), "{args:?}: {text}");
        if args[0] == "get" {
            assert!(text.contains(shown), "{args:?}: {text}");
        }
    }
    // Error lines too: here an import error that names the keys of an object it found.
    let out = redis
        .cmd()
        .args(["import", "-"])
        .write_stdin(format!(
            r#"{{"key":"k","value":{{"id":{{"{hostile}":1}}}}}}"#
        ))
        .output()
        .unwrap();
    let errors = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{errors}");
    assert!(
        errors.contains(shown) && !errors.contains('\u{1b}'),
        "{errors}"
    );
    // JSON to a pipe is for programs: the key and the document come out exactly.
    let out = redis.cmd().args(["get", key]).output().unwrap();
    assert_eq!(out.stdout, format!("{value}\n").into_bytes());
    let out = redis.cmd().args(["ls"]).output().unwrap();
    assert_eq!(json(&out)["key"], key);
}

#[test]
fn get_missing_key_exits_1_with_a_message() {
    let redis = Redis::start();
    let out = redis.cmd().args(["get", "nope"]).output().unwrap();
    assert_eq!((out.status.code(), out.stdout.len()), (Some(1), 0));
    assert!(
        stderr(&out).contains("no context at key \"nope\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn get_of_a_value_that_is_not_a_context_says_what_it_is() {
    let redis = Redis::start();
    let mut db = redis.db();
    let _: () = redis_cmd(&mut db, &["HSET", "h", "f", "v"]);
    let _: () = redis_cmd(&mut db, &["RPUSH", "l", "x"]);
    set_raw(&mut db, "empty", b"");
    set_raw(&mut db, "text", b"not json");
    set_raw(&mut db, "arr", b"[1]");
    for (key, what) in [
        ("h", "a Redis hash"),
        ("l", "a Redis list"),
        ("empty", "an empty string"),
        ("text", "not JSON"),
        ("arr", "a JSON array"),
    ] {
        let out = redis.cmd().args(["get", key]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{key}: {}", stderr(&out));
        assert!(stderr(&out).contains(what), "{key}: {}", stderr(&out));
    }
}

// ---------------------------------------------------------------- put

#[test]
fn put_stores_a_file_and_stdin_exactly_as_chatsky_wrote_them() {
    let redis = Redis::start();
    let ctx = ctx09();
    let file = redis.dir().join("ctx.json");
    std::fs::write(&file, &ctx.value).unwrap();
    redis
        .cmd()
        .args(["put", "from-file"])
        .arg(&file)
        .assert()
        .code(0);
    redis
        .cmd()
        .args(["put", "from-stdin", "-"])
        .write_stdin(ctx.value.clone())
        .assert()
        .code(0);
    let mut db = redis.db();
    assert_eq!(get_raw(&mut db, "from-file").unwrap(), ctx.value.as_bytes());
    assert_eq!(
        get_raw(&mut db, "from-stdin").unwrap(),
        ctx.value.as_bytes()
    );
}

#[test]
fn put_rejects_invalid_json_with_line_and_column_and_writes_nothing() {
    let redis = Redis::start();
    let out = redis
        .cmd()
        .args(["put", "k"])
        .write_stdin("{\n  \"id\": 1,\n  \"labels\": {,}\n}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 3"), "{}", stderr(&out));
    assert!(stderr(&out).contains("column"), "{}", stderr(&out));
    assert_eq!(get_raw(&mut redis.db(), "k"), None);
}

#[test]
fn put_rejects_a_non_object() {
    let redis = Redis::start();
    let out = redis
        .cmd()
        .args(["put", "k"])
        .write_stdin("[1,2]")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not an array"), "{}", stderr(&out));
    assert_eq!(get_raw(&mut redis.db(), "k"), None);
}

#[test]
fn put_if_absent_never_overwrites() {
    let redis = Redis::start();
    let ctx = ctx09();
    set_raw(&mut redis.db(), "k", b"{\"id\":\"old\"}");
    let out = redis
        .cmd()
        .args(["-f", "json", "put", "--if-absent", "k"])
        .write_stdin(ctx.value.clone())
        .output()
        .unwrap();
    // Kept, not written: its own exit code, so scripts can tell without parsing.
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(json(&out)["written"], false);
    assert_eq!(get_raw(&mut redis.db(), "k").unwrap(), b"{\"id\":\"old\"}");
    let out = redis
        .cmd()
        .args(["put", "--if-absent", "k"])
        .write_stdin(ctx.value.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(stdout(&out), "kept k: it already exists (--if-absent)\n");
    redis
        .cmd()
        .args(["put", "--if-absent", "new"])
        .write_stdin(ctx.value.clone())
        .assert()
        .code(0);
}

#[test]
fn put_of_a_missing_file_is_a_clear_error() {
    let redis = Redis::start();
    let out = redis
        .cmd()
        .args(["put", "k", "/no/such/file.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/file.json"),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------- rm

#[test]
fn rm_reports_how_many_were_removed_and_missing_is_fine() {
    let redis = Redis::start();
    let mut db = redis.db();
    set_raw(&mut db, "a", br#"{"id":"a"}"#);
    set_raw(&mut db, "b", br#"{"id":"b"}"#);
    redis
        .cmd()
        .args(["rm", "a", "b", "c"])
        .assert()
        .code(0)
        .stdout("2\n");
    redis.cmd().args(["rm", "c"]).assert().code(0).stdout("0\n");
    let out = redis
        .cmd()
        .args(["-f", "json", "rm", "x"])
        .output()
        .unwrap();
    assert_eq!(
        json(&out),
        serde_json::json!({"removed": 0, "keys": ["x"], "dry_run": false})
    );
    assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 0);
}

/// Chatsky's del_item deletes a key of any type; `rm` refuses one that is not a context, naming
/// it, and deletes nothing (not even the contexts beside it) unless --any-type.
#[test]
fn rm_refuses_a_key_that_is_not_a_context_unless_any_type() {
    let redis = Redis::start();
    let mut db = redis.db();
    let _: () = redis_cmd(&mut db, &["HSET", "h", "f", "v"]);
    set_raw(&mut db, "ctx", br#"{"id":"ctx"}"#);
    set_raw(&mut db, "text", b"not json");
    set_raw(&mut db, "empty", b"{}");
    for (key, what) in [
        ("h", "holds a Redis hash"),
        ("text", "not JSON"),
        ("empty", "no Context field"),
    ] {
        let out = redis.cmd().args(["rm", "ctx", key]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{key}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("key {key:?}"))
                && err.contains(what)
                && err.contains("--any-type"),
            "{err}"
        );
    }
    assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 4);
    redis
        .cmd()
        .args(["rm", "--any-type", "h", "text", "empty"])
        .assert()
        .code(0)
        .stdout("3\n");
    redis
        .cmd()
        .args(["rm", "ctx"])
        .assert()
        .code(0)
        .stdout("1\n");
    assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 0);
}

/// Deleting checks and deletes in one Lua script: a Redis user whose ACL does not allow EVAL is
/// told so (exit 3), and `rm --any-type` still deletes with a plain DEL.
#[test]
fn rm_without_eval_permission_says_why() {
    let redis = Redis::start();
    let mut db = redis.db();
    let _: () = redis_cmd(
        &mut db,
        &[
            "ACL", "SETUSER", "noeval", "on", ">pw", "~*", "+@all", "-eval", "-watch",
        ],
    );
    let url = format!("unix://noeval:pw@{}?db=0", redis.socket.display());
    let rm = |args: &[&str]| {
        common::bin()
            .arg("--url")
            .arg(&url)
            .args(args)
            .output()
            .unwrap()
    };
    // Deleting by pattern needs a check and a delete that nothing can come between.
    set_raw(&mut db, "k", br#"{"id":"k"}"#);
    let out = rm(&["rm", "--match", "*", "--yes"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("which needs EVAL, or WATCH, MULTI and EXEC"),
        "{}",
        stderr(&out)
    );
    assert!(get_raw(&mut db, "k").is_some());
    // A key named is read again just before a plain DEL; --any-type is that DEL alone.
    let out = rm(&["rm", "k"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(get_raw(&mut db, "k"), None);
    set_raw(&mut db, "k", b"not a context");
    let out = rm(&["rm", "--any-type", "k"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(get_raw(&mut db, "k"), None);
}

// ---------------------------------------------------------------- count

#[test]
fn count_is_dbsize_and_exact_tells_contexts_from_other_keys() {
    let redis = Redis::start();
    let mut db = redis.db();
    for ctx in fixture("chatsky-0.8.0-legacy.jsonl") {
        set_raw(&mut db, &ctx.key, ctx.value.as_bytes());
    }
    let _: () = redis_cmd(&mut db, &["HSET", "sessions:x", "misc", "{}"]);
    set_raw(&mut db, "junk", b"not json");
    set_raw(&mut db, "empty", b"");
    redis.cmd().arg("count").assert().code(0).stdout("11\n");
    let out = redis
        .cmd()
        .args(["-f", "json", "count", "--exact"])
        .output()
        .unwrap();
    let report = json(&out);
    assert_eq!(report["keys"], 11);
    assert_eq!(report["contexts"], 8);
    assert_eq!(report["other"], 3);
    assert_eq!(report["other_by_kind"]["hash"], 1);
    assert_eq!(report["other_by_kind"]["string: not JSON"], 1);
}

// ---------------------------------------------------------------- clear

#[test]
fn clear_without_a_terminal_or_yes_refuses_and_touches_nothing() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "a", b"{}");
    let out = redis.cmd().arg("clear").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(get_raw(&mut redis.db(), "a").unwrap(), b"{}");
}

#[test]
fn clear_yes_flushes_only_the_selected_db() {
    let redis = Redis::start();
    set_raw(&mut redis.client(0), "a", b"{}");
    set_raw(&mut redis.client(0), "b", b"{}");
    set_raw(&mut redis.client(1), "keep", b"{}");
    let out = redis.cmd().args(["clear", "--yes"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("deleted 2 keys from db 0"),
        "{}",
        stdout(&out)
    );
    assert_eq!(redis_cmd::<i64>(&mut redis.client(0), &["DBSIZE"]), 0);
    assert_eq!(redis_cmd::<i64>(&mut redis.client(1), &["DBSIZE"]), 1);
}

/// Ctrl-C while FLUSHDB runs (a large db, a slow server) ends the wait with exit 130 and says the
/// server may still empty the db. The server holds writes back here, so FLUSHDB surely waits.
#[test]
fn ctrl_c_while_flushdb_waits_ends_the_wait() {
    let redis = Redis::start();
    let mut db = redis.db();
    set_raw(&mut db, "a", b"{}");
    let _: () = redis_cmd(&mut db, &["CLIENT", "PAUSE", "3000", "WRITE"]);
    let child = common::spawned(&redis, &["clear", "--yes"]);
    // DBSIZE, a read, went through; FLUSHDB is held back by the pause (the server lists it as
    // the client's command). Then give the wait a moment to listen for Ctrl-C.
    common::wait_until("FLUSHDB reaches the server", || {
        redis_cmd::<String>(&mut db, &["CLIENT", "LIST"]).contains("cmd=flushdb")
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    let asked = std::time::Instant::now();
    common::ctrl_c(&child);
    let out = child.wait_with_output().unwrap();
    assert!(
        asked.elapsed() < std::time::Duration::from_millis(2500),
        "Ctrl-C waited for the pause to end"
    );
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the server may still empty db 0"),
        "{}",
        stderr(&out)
    );
}

/// Ctrl-C while a command that has nothing to stop cleanly waits (here `put` reading stdin) ends
/// it at once with the documented exit code 130, not by the signal.
#[test]
fn ctrl_c_anywhere_else_exits_130() {
    let redis = Redis::start();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("chatsky-redis"))
        .env_clear()
        .args(["--url", &redis.url(), "put", "k", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    common::wait_for_ctrl_c_handler(&child);
    // Held open until the child exits: wait_with_output would close it, and `put` would then
    // race the Ctrl-C with an empty input (exit 2).
    let _stdin = child.stdin.take();
    common::ctrl_c(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
    assert_eq!(get_raw(&mut redis.db(), "k"), None);
}

#[test]
fn clear_yes_from_the_environment() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "a", b"{}");
    redis
        .cmd()
        .arg("clear")
        .env("CHATSKY_REDIS_YES", "1")
        .assert()
        .code(0);
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);
    // A false-y value does not confirm.
    set_raw(&mut redis.db(), "a", b"{}");
    redis
        .cmd()
        .arg("clear")
        .env("CHATSKY_REDIS_YES", "0")
        .assert()
        .code(2);
}

#[test]
fn clear_dry_run_says_what_would_go_and_deletes_nothing() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "a", b"{}");
    let out = redis
        .cmd()
        .args(["-f", "json", "clear", "--dry-run"])
        .output()
        .unwrap();
    let report = json(&out);
    assert_eq!(
        (report["deleted"].as_u64(), report["dry_run"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 1);
}

/// Run `chatsky-redis clear` on a real pseudo-terminal (util-linux `script`), typing `answer`.
fn clear_on_a_terminal(redis: &Redis, answer: &str) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("chatsky-redis");
    let line = format!("{} --url '{}' clear", bin.display(), redis.url());
    common::bin_shell()
        .args(["-qec", &line, "/dev/null"])
        .write_stdin(format!("{answer}\n"))
        .output()
        .unwrap()
}

#[test]
fn clear_on_a_terminal_asks_and_defaults_to_no() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "a", b"{}");
    let out = clear_on_a_terminal(&redis, "n");
    assert!(
        stdout(&out).contains("Delete ALL 1 key of db 0"),
        "{}",
        stdout(&out)
    );
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 1);
    let out = clear_on_a_terminal(&redis, "y");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);
}

#[test]
fn put_keeps_the_float_exponent_spelling_of_the_deployment() {
    let redis = Redis::start();
    // pydantic <= 2.12 writes 1e16, >= 2.13 writes 1e+16: keep what the document already uses.
    for (input, stored) in [
        (
            r#"{"id":"a","misc":{"big":1e16,"small":2.5e20}}"#,
            r#""misc":{"big":1e16,"small":2.5e20}"#,
        ),
        (
            r#"{"id":"a","misc":{"big":1e+16,"x":3E20}}"#,
            r#""misc":{"big":1e+16,"x":3e+20}"#,
        ),
    ] {
        redis
            .cmd()
            .args(["put", "--schema", "0.9", "k"])
            .write_stdin(input)
            .assert()
            .code(0);
        let got = String::from_utf8(get_raw(&mut redis.db(), "k").unwrap()).unwrap();
        assert!(got.contains(stored), "{input} stored as {got}");
    }
    redis
        .cmd()
        .args(["put", "--schema", "0.9", "--float-exponent", "plain", "k"])
        .write_stdin(r#"{"id":"a","misc":{"big":1e+16}}"#)
        .assert()
        .code(0);
    let got = String::from_utf8(get_raw(&mut redis.db(), "k").unwrap()).unwrap();
    assert!(got.contains(r#""big":1e16"#), "{got}");
}

#[test]
fn put_refuses_pickles_that_run_foreign_code() {
    let redis = Redis::start();
    // pickle of os.system("true") as Chatsky's original_message: runs in the bot on read.
    let evil = "gASVHAAAAAAAAACMAm9zlIwGc3lzdGVtlJOUjAR0cnVllIWUUpQu\n";
    let doc = serde_json::json!({"id": "x", "labels": {}, "requests": {"1": {"text": "hi", "original_message": evil}}});
    let out = redis
        .cmd()
        .args(["put", "--schema", "0.9", "k"])
        .write_stdin(doc.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("requests.1.original_message") && err.contains("os.system"),
        "{err}"
    );
    assert_eq!(get_raw(&mut redis.db(), "k"), None);
}

#[test]
fn put_rejects_schema_violations_naming_the_json_path() {
    let redis = Redis::start();
    let doc = r#"{"id":"x","labels":{},"requests":{"3":{"text":"hi","attachments":[{"chatsky_attachment_type":"image"}]}}}"#;
    let out = redis
        .cmd()
        .args(["put", "--schema", "0.8", "k"])
        .write_stdin(doc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("requests.3.attachments.0"),
        "{}",
        stderr(&out)
    );
    assert_eq!(get_raw(&mut redis.db(), "k"), None);
}

#[test]
fn get_check_says_whether_chatsky_would_load_the_value() {
    let redis = Redis::start();
    let ctx = ctx09();
    let mut db = redis.db();
    set_raw(&mut db, "good", ctx.value.as_bytes());
    set_raw(
        &mut db,
        "bad",
        br#"{"id":"x","labels":{"1":{"flow_name":"f"}}}"#,
    );
    let out = redis
        .cmd()
        .args(["get", "--check", "good"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).starts_with("ok: Chatsky 0.9 loads good"),
        "{}",
        stdout(&out)
    );
    // A failing read, and a read whose next write fails (Python reads a lone surrogate, and
    // pydantic cannot write it back): both exit 2, with the reason first in the notes.
    set_raw(&mut db, "lone", br#"{"id":"x","misc":{"k":"\ud800"}}"#);
    // The schema is told from the document as Chatsky reads it, lone surrogate and all.
    set_raw(
        &mut db,
        "lone7",
        br#"{"id":"x","framework_states":{},"validation":false,"misc":{"k":"\ud800"}}"#,
    );
    for (args, loads, schema, why) in [
        (&["--schema", "0.9", "bad"][..], false, "0.9", "labels.1"),
        (&["lone"][..], true, "0.9", "lone surrogate \\ud800"),
        (&["lone7"][..], true, "0.7", "lone surrogate \\ud800"),
    ] {
        let out = redis
            .cmd()
            .args(["-f", "json", "get", "--check"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let report = json(&out);
        assert_eq!(
            (&report["loads"], &report["writes_back"], &report["schema"]),
            (&loads.into(), &false.into(), &schema.into())
        );
        assert!(
            report["notes"][0].as_str().unwrap().contains(why),
            "{report}"
        );
    }
}

#[test]
fn get_table_decodes_simple_pickled_slot_values() {
    let redis = Redis::start();
    let slots = fixture("chatsky-0.9.0-legacy.jsonl")
        .into_iter()
        .find(|c| c.key == "slots-user")
        .unwrap();
    set_raw(&mut redis.db(), "s", slots.value.as_bytes());
    let out = redis
        .cmd()
        .args(["get", "-f", "table", "s"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("person.username"), "{text}");
    assert!(
        text.contains("'groot'"),
        "the pickled str is shown decoded:\n{text}"
    );
}

#[test]
fn rm_dry_run_counts_and_deletes_nothing() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "a", br#"{"id":"a"}"#);
    redis
        .cmd()
        .args(["rm", "--dry-run", "a", "b"])
        .assert()
        .code(0)
        .stdout("would remove 1\n");
    assert_eq!(get_raw(&mut redis.db(), "a").unwrap(), br#"{"id":"a"}"#);
}

#[test]
fn get_pretty_of_a_document_only_python_reads_prints_it_as_stored() {
    let redis = Redis::start();
    set_raw(
        &mut redis.db(),
        "nan",
        br#"{"id":"x","misc":{"x":NaN,"y":-Infinity}}"#,
    );
    let out = redis
        .cmd()
        .args(["get", "-f", "pretty", "nan"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "{\"id\":\"x\",\"misc\":{\"x\":NaN,\"y\":-Infinity}}\n"
    );
    assert!(stderr(&out).contains("not strict JSON"), "{}", stderr(&out));
}

#[test]
fn a_user_without_permission_is_told_so_not_that_the_password_is_wrong() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "k", b"{}");
    let _: () = redis_cmd(
        &mut redis.db(),
        &[
            "ACL", "SETUSER", "limited", "on", ">pw", "~*", "+@all", "-@read",
        ],
    );
    let url = format!("unix://limited:pw@{}?db=0", redis.socket.display());
    for args in [&["get", "k"][..], &["has", "k"]] {
        let out = common::bin()
            .arg("--url")
            .arg(&url)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("permission denied") && !err.contains("authentication failed"),
            "{args:?}: {err}"
        );
    }
}

/// A document with no Context field is refused (exit 2, nothing written) with what it looks like:
/// Chatsky would store it as a new, empty context over the dialog.
#[test]
fn put_refuses_a_document_that_is_not_a_context_and_says_what_it_looks_like() {
    let redis = Redis::start();
    let ctx = ctx09();
    set_raw(&mut redis.db(), "k", ctx.value.as_bytes());
    let export_line = format!(r#"{{"key":"k","value":{}}}"#, ctx.value);
    for (input, says) in [
        (
            export_line.as_str(),
            "export lines go back in with `import`",
        ),
        (r#"{"text":"hi"}"#, "looks like a Message"),
        (
            r#"{"text":"hi","attachments":null,"annotations":null,"misc":null}"#,
            "looks like a Message",
        ),
        (r#"{"lables":{"0":["f","n"]}}"#, "its keys: \"lables\""),
        ("{}", "new, empty context"),
    ] {
        let out = redis
            .cmd()
            .args(["put", "k"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{input}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("not a Chatsky context") && err.contains(says),
            "{input}: {err}"
        );
        assert_eq!(get_raw(&mut redis.db(), "k").unwrap(), ctx.value.as_bytes());
    }
}

/// Unknown top-level keys beside real fields are dropped as Chatsky drops them, with a note on
/// stderr naming them; `--strict` refuses the document instead.
#[test]
fn put_drops_unknown_top_level_keys_with_a_note_and_strict_refuses_them() {
    let redis = Redis::start();
    let doc = r#"{"id":"k","lables":{},"misc":{}}"#;
    let out = redis
        .cmd()
        .args(["put", "--schema", "0.9", "k"])
        .write_stdin(doc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(r#"note: top-level key "lables" is not a field of a Chatsky 0.9"#),
        "{}",
        stderr(&out)
    );
    let stored: Value = serde_json::from_slice(&get_raw(&mut redis.db(), "k").unwrap()).unwrap();
    assert!(
        stored.get("lables").is_none() && stored["id"] == "k",
        "{stored}"
    );
    let out = redis
        .cmd()
        .args(["put", "--strict", "--schema", "0.9", "strict"])
        .write_stdin(doc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(r#""lables""#), "{}", stderr(&out));
    assert_eq!(get_raw(&mut redis.db(), "strict"), None);
}

/// Telegram group ids are negative numbers: as keys and `--match` patterns they are keys, and the
/// flags around them still work. A key like `-x` goes after `--`, as clap's error says.
#[test]
fn keys_and_patterns_that_look_like_negative_numbers_are_keys() {
    let redis = Redis::start();
    let key = "-1001234567890";
    let doc = r#"{"id":-1001234567890,"labels":{}}"#;
    let run = |args: &[&str]| redis.cmd().args(args).write_stdin(doc).output().unwrap();
    let out = run(&["put", "--schema", "0.9", key]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["has", key, "-q"]);
    assert_eq!(
        (out.status.code(), out.stdout.len()),
        (Some(0), 0),
        "{}",
        stderr(&out)
    );
    let out = run(&["get", key, "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["id"], -1001234567890_i64);
    for args in [
        &["ls", "--match", "-100*"][..],
        &["export", "--match", "-100*"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(json(&out)["key"], key, "{args:?}");
    }
    let out = run(&["-f", "json", "clear", "--match", "-100*", "--dry-run"]);
    assert_eq!(json(&out)["deleted"], 1, "{}", stderr(&out));
    let out = run(&["rm", key, "--dry-run"]);
    assert_eq!(stdout(&out), "would remove 1\n", "{}", stderr(&out));
    let out = run(&["-f", "json", "rm", "--match", "-100*", "--yes"]);
    assert_eq!(json(&out)["deleted"], 1, "{}", stderr(&out));
    assert_eq!(get_raw(&mut redis.db(), key), None);
    // Not a number: a flag to clap, with the way out in its error; after `--` it is a key.
    let out = run(&["has", "-x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-- -x"), "{}", stderr(&out));
    let out = run(&["has", "-q", "--", "-x"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// A stderr that cannot be written (full, closed) loses the message; it is never a panic (exit
/// 101). The exit code is the one the outcome has.
#[test]
fn a_stderr_that_cannot_be_written_is_not_a_panic() {
    let redis = Redis::start();
    let full = || std::process::Stdio::from(std::fs::File::create("/dev/full").unwrap());
    for (args, code) in [
        (&["get", "nokey"][..], 1),
        (&["--url", "redis://127.0.0.1:1/0", "get", "k"], 3),
        (&["put", "k", "/no/such/file"], 2),
    ] {
        let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("chatsky-redis"))
            .env_clear()
            .env("CHATSKY_REDIS_URL", redis.url())
            .args(args)
            .stdin(std::process::Stdio::null())
            .stderr(full())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}

/// A line break in a key (or any text) cannot pass for another table row: it is shown escaped.
#[test]
fn a_line_break_in_a_key_stays_in_its_table_row() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "two\nlines", br#"{"id":"x"}"#);
    let out = redis.cmd().args(["ls", "-f", "table"]).output().unwrap();
    let text = stdout(&out);
    assert!(text.contains(r"two\nlines"), "{text}");
    assert!(
        !text
            .lines()
            .any(|l| l.contains("lines") && !l.contains("two")),
        "{text}"
    );
}

/// `cargo install` users get the checked-in completions and man pages from the binary itself.
#[test]
fn completions_and_man_pages_come_from_the_binary() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [
        ("bash", "chatsky-redis.bash"),
        ("zsh", "_chatsky-redis"),
        ("fish", "chatsky-redis.fish"),
    ] {
        let out = common::bin().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let expected = std::fs::read(root.join("completions").join(file)).unwrap();
        assert!(
            out.stdout == expected,
            "{shell} completions differ from completions/{file}"
        );
    }
    let out = common::bin().arg("man").output().unwrap();
    assert_eq!(
        out.stdout,
        std::fs::read(root.join("man/chatsky-redis.1")).unwrap()
    );
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("man1");
    let out = common::bin()
        .args(["man", "--dir"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let checked_in: Vec<_> = std::fs::read_dir(root.join("man")).unwrap().collect();
    assert_eq!(
        std::fs::read_dir(&target).unwrap().count(),
        checked_in.len()
    );
    for entry in checked_in {
        let path = entry.unwrap().path();
        let written = std::fs::read(target.join(path.file_name().unwrap())).unwrap();
        assert!(
            written == std::fs::read(&path).unwrap(),
            "{}",
            path.display()
        );
    }
}

/// A document over the server's proto-max-bulk-len is refused naming that limit (the broken pipe
/// it used to give named the wrong cause), whether or not this user may read the limit; nothing
/// is written. A large document within the limit goes in pieces and is stored whole, with no
/// temporary key left and no expiry.
#[test]
fn put_over_the_servers_value_limit_says_so() {
    let redis = Redis::start_with(&["--proto-max-bulk-len", "1mb"]);
    let mut db = redis.db();
    let _: () = redis_cmd(
        &mut db,
        &[
            "ACL", "SETUSER", "noconfig", "on", ">pw", "~*", "+@all", "-config",
        ],
    );
    let big = |mb: usize| {
        format!(
            r#"{{"id":"big","misc":{{"blob":"{}"}}}}"#,
            "x".repeat(mb << 20)
        )
    };
    let limited = format!("unix://noconfig:pw@{}?db=0", redis.socket.display());
    for (url, mb, says) in [
        (redis.url(), 3, "proto-max-bulk-len 1.0 MiB"),
        (limited.clone(), 3, "proto-max-bulk-len"),
        (limited, 20, "proto-max-bulk-len"),
    ] {
        let out = common::bin()
            .args(["--url", &url, "put", "--schema", "0.9", "k"])
            .write_stdin(big(mb))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{mb} MiB: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(says) && err.contains("nothing was written"),
            "{err}"
        );
        assert!(!err.contains("roken pipe"), "{err}");
        assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 0, "{mb} MiB");
    }
    let _: () = redis_cmd(&mut db, &["CONFIG", "SET", "proto-max-bulk-len", "64mb"]);
    let doc = big(20);
    let out = redis
        .cmd()
        .args(["put", "--schema", "0.9", "k"])
        .write_stdin(doc.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stored = get_raw(&mut db, "k").unwrap();
    let stored: Value = serde_json::from_slice(&stored).unwrap();
    assert_eq!(
        stored["misc"]["blob"].as_str().map(str::len),
        Some(20 << 20)
    );
    assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 1);
    assert_eq!(redis_cmd::<i64>(&mut db, &["TTL", "k"]), -1);
    let out = redis
        .cmd()
        .args(["put", "--if-absent", "--schema", "0.9", "k"])
        .write_stdin(doc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 1);
    let out = redis
        .cmd()
        .args(["put", "--if-absent", "--schema", "0.9", "k2"])
        .write_stdin(big(3))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 2);
    assert_eq!(redis_cmd::<i64>(&mut db, &["TTL", "k2"]), -1);
}

/// A context whose slot `s` holds `b64` as its extracted value (chatsky 0.9).
fn with_slot(b64: &str) -> serde_json::Value {
    serde_json::json!({"id": "x", "labels": {}, "framework_data": {"slot_manager": {"slot_storage":
        {"s": {"is_slot_extracted": false, "extracted_value": b64, "default_value": null}}}}})
}

/// Issue 16's two pickles reach `os.system` through READONLY_BUFFER and MEMOIZE as CPython
/// runs them: refused by put and import, and get --check says what Chatsky would do.
#[test]
fn pickles_that_reach_os_system_through_the_memo_are_refused() {
    let redis = Redis::start();
    for evil in [
        "gAWMAm9zjAZzeXN0ZW2ME2NoYXRza3kuc2xvdHMuc2xvdHOMEFNsb3ROb3RFeHRyYWN0ZWRDAJiYMDAwk4wCaWSFUi4=",
        "gASME2NoYXRza3kuc2xvdHMuc2xvdHNxAYwTY2hhdHNreS5zbG90cy5zbG90c5SMAm9zlIwQU2xvdE5vdEV4dHJhY3RlZHEDjANwYWSUjAZzeXN0ZW2UMDAwMDAwaAFoA5OMAmlkhVIu",
    ] {
        let doc = with_slot(evil).to_string();
        let out = redis
            .cmd()
            .args(["put", "--schema", "0.9", "k"])
            .write_stdin(doc.clone())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("extracted_value")
                && err.contains("`os.system`")
                && err.contains("--allow-pickle-global")
                && err.contains("--allow-unsafe-pickles"),
            "{err}"
        );
        let out = redis
            .cmd()
            .args(["import", "--schema", "0.9"])
            .write_stdin(format!("{{\"key\":\"k\",\"value\":{doc}}}\n"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("os.system"), "{}", stderr(&out));
        assert_eq!(get_raw(&mut redis.db(), "k"), None);
        set_raw(&mut redis.db(), "stored", doc.as_bytes());
        let out = redis
            .cmd()
            .args(["get", "--check", "stored"])
            .output()
            .unwrap();
        let said = stdout(&out);
        assert_eq!(out.status.code(), Some(2), "{said}");
        assert!(
            said.starts_with("unsafe: ") && said.contains("os.system"),
            "{said}"
        );
    }
}

/// What CPython cannot load, Chatsky cannot load: put refuses it and get --check says it fails.
#[test]
fn pickles_cpython_cannot_load_are_refused() {
    let redis = Redis::start();
    // protocol 6; a frame longer than the data; SlotNotExtracted's BUILD with a non-dict state.
    for bad in [
        "gAZOLg==",
        "gASVEAAAAAAAAABOLg==",
        "gASME2NoYXRza3kuc2xvdHMuc2xvdHOMEFNsb3ROb3RFeHRyYWN0ZWSTKVJLBWIu",
    ] {
        let doc = with_slot(bad).to_string();
        let out = redis
            .cmd()
            .args(["put", "--schema", "0.9", "--allow-unsafe-pickles", "k"])
            .write_stdin(doc.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(stderr(&out).contains("cannot load"), "{}", stderr(&out));
        set_raw(&mut redis.db(), "stored", doc.as_bytes());
        let out = redis
            .cmd()
            .args(["get", "--check", "stored"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(stdout(&out).starts_with("fails: "), "{}", stdout(&out));
    }
    assert_eq!(get_raw(&mut redis.db(), "k"), None);
}

/// `--allow-pickle-global` (or its environment variable) lets one more global through, for
/// one run; values Chatsky itself pickles need no flag.
#[test]
fn allow_pickle_global_widens_the_list_for_one_run() {
    let redis = Redis::start();
    let update = with_slot("gASMCHRlbGVncmFtlIwGVXBkYXRllJOUKYGULg==").to_string();
    let put = |args: &[&str], env: Option<&str>| {
        let mut cmd = redis.cmd();
        cmd.args(["put", "--schema", "0.9", "k"]).args(args);
        if let Some(list) = env {
            cmd.env("CHATSKY_REDIS_ALLOW_PICKLE_GLOBALS", list);
        }
        cmd.write_stdin(update.clone()).output().unwrap()
    };
    let out = put(&[], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--allow-pickle-global 'telegram.Update'"));
    let out = put(&["--allow-pickle-global", "telegram.*"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(get_raw(&mut redis.db(), "k").is_some());
    let out = put(&[], Some("datetime.tzinfo, telegram.*"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = put(&["--allow-pickle-global", "telegram.Upd"], None);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a literal pattern is the whole name"
    );
    // pickle.dumps(datetime.datetime(2024, 5, 6, tzinfo=timezone.utc)): allowed by default.
    let when = with_slot("gASVVwAAAAAAAACMCGRhdGV0aW1llIwIZGF0ZXRpbWWUk5RDCgfoBQYAAAAAAACUaACMCHRpbWV6\nb25llJOUaACMCXRpbWVkZWx0YZSTlEsASwBLAIeUUpSFlFKUhpRSlC4=\n");
    let out = redis
        .cmd()
        .args(["put", "--schema", "0.9", "d"])
        .write_stdin(when.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
