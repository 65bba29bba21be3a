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
        serde_json::json!([{"key": "a", "exists": true}, {"key": "b", "exists": false}])
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
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["written"], false);
    assert_eq!(get_raw(&mut redis.db(), "k").unwrap(), b"{\"id\":\"old\"}");
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
    set_raw(&mut db, "a", b"{}");
    set_raw(&mut db, "b", b"{}");
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

#[test]
fn rm_deletes_keys_of_any_type_like_chatsky_del_item() {
    let redis = Redis::start();
    let _: () = redis_cmd(&mut redis.db(), &["HSET", "h", "f", "v"]);
    redis.cmd().args(["rm", "h"]).assert().code(0).stdout("1\n");
}

// ---------------------------------------------------------------- count

#[test]
fn count_is_dbsize_and_exact_tells_contexts_from_other_keys() {
    let redis = Redis::start();
    let mut db = redis.db();
    for ctx in fixture("chatsky-0.8.0-legacy.jsonl") {
        set_raw(&mut db, &ctx.key, ctx.value.as_bytes());
    }
    let _: () = redis_cmd(&mut db, &["HSET", "chatsky_keys:main:x", "misc", "{}"]);
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
        stdout(&out).contains("Delete ALL 1 keys of db 0"),
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
    set_raw(&mut redis.db(), "a", b"{}");
    redis
        .cmd()
        .args(["rm", "--dry-run", "a", "b"])
        .assert()
        .code(0)
        .stdout("would remove 1\n");
    assert_eq!(get_raw(&mut redis.db(), "a").unwrap(), b"{}");
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
