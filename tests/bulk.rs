//! Bulk work against a real redis-server: ls, export, import, deletion by pattern.

mod common;

use common::{
    ctrl_c, fixture, get_raw, path, redis_cmd, set_raw, spawned, stderr, stdout, stdout_json,
    wait_until, Redis,
};
use serde_json::Value;

/// Load the fixtures of a version into db 0 the way Chatsky stored them, plus two foreign keys.
fn loaded(version: &str) -> Redis {
    let redis = Redis::start();
    let mut db = redis.db();
    for ctx in fixture(&format!("chatsky-{version}-legacy.jsonl")) {
        set_raw(&mut db, &ctx.key, ctx.value.as_bytes());
    }
    let _: () = redis_cmd(&mut db, &["HSET", "sessions:x", "misc", "{}"]);
    set_raw(&mut db, "junk", b"not json");
    redis
}

/// The report of an import that skipped invalid lines (exit 2, the valid ones written), and its
/// written and invalid counts.
fn skipped(out: &std::process::Output) -> (Value, (u64, u64)) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let report = stdout_json(out);
    let count = |field: &str| {
        report[field]
            .as_u64()
            .unwrap_or_else(|| panic!("no {field} count: {report}"))
    };
    let counts = (count("written"), count("invalid"));
    (report, counts)
}

/// `import --skip-invalid FILE` with JSON output: its report and counts, as [`skipped`] gives them.
fn import_skipping_invalid(redis: &Redis, file: &std::path::Path) -> (Value, (u64, u64)) {
    let out = redis
        .cmd()
        .args(["-f", "json", "import", "--skip-invalid"])
        .arg(file)
        .output()
        .unwrap();
    skipped(&out)
}

fn lines(out: &std::process::Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn ls_streams_contexts_as_json_lines_and_skips_other_keys() {
    let redis = loaded("0.9.0");
    let out = redis.cmd().arg("ls").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut entries = lines(&out);
    entries.sort_by(|a, b| a["key"].as_str().cmp(&b["key"].as_str()));
    assert_eq!(entries.len(), 8);
    let basics = &entries[0];
    assert_eq!(basics["key"], "basics-user");
    assert_eq!(basics["id"], "basics-user");
    assert_eq!(basics["last_label"], "greeting_flow:node4");
    assert!(
        stderr(&out).contains("2 other keys skipped"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn ls_match_and_all() {
    let redis = loaded("0.9.0");
    let out = redis
        .cmd()
        .args(["ls", "--match", "slots-*"])
        .output()
        .unwrap();
    assert_eq!(lines(&out).len(), 2);
    let out = redis.cmd().args(["ls", "--all"]).output().unwrap();
    let entries = lines(&out);
    assert_eq!(entries.len(), 10);
    let hash = entries.iter().find(|e| e["key"] == "sessions:x").unwrap();
    assert_eq!(hash["kind"], "hash");
    let table = redis.cmd().args(["ls", "-f", "table"]).output().unwrap();
    assert!(
        stdout(&table).contains("tg-attachments-user"),
        "{}",
        stdout(&table)
    );
}

#[test]
fn export_then_import_into_an_empty_db_reproduces_every_byte() {
    let redis = loaded("0.8.0");
    // Something that cannot sit on one strict JSON line: Python reads NaN, and newlines.
    set_raw(&mut redis.db(), "nan", br#"{"id":"nan","misc":{"x":NaN}}"#);
    set_raw(&mut redis.db(), "pretty", b"{\n  \"id\": \"pretty\"\n}");
    let dump = redis.dir().join("dump.jsonl");
    let out = redis
        .cmd()
        .args(["export", "-o"])
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("10 contexts, 2 other keys skipped"),
        "{}",
        stdout(&out)
    );
    let out = redis
        .cmd()
        .args(["--url", &redis.url_db(1), "import"])
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (mut db0, mut db1) = (redis.client(0), redis.client(1));
    let keys: Vec<String> = redis_cmd(&mut db0, &["KEYS", "*"]);
    for key in keys
        .iter()
        .filter(|k| *k != "junk" && !k.starts_with("sessions"))
    {
        assert_eq!(get_raw(&mut db1, key), get_raw(&mut db0, key), "{key}");
    }
    assert_eq!(redis_cmd::<i64>(&mut db1, &["DBSIZE"]), 10);
}

#[test]
fn export_to_stdout_keeps_the_summary_on_stderr() {
    let redis = loaded("0.9.0");
    let out = redis
        .cmd()
        .args(["export", "--match", "basics-*"])
        .output()
        .unwrap();
    let exported = lines(&out);
    assert_eq!(exported.len(), 1);
    let stored = String::from_utf8(get_raw(&mut redis.db(), "basics-user").unwrap()).unwrap();
    let line = stdout(&out);
    assert_eq!(
        line,
        format!("{{\"key\":\"basics-user\",\"value\":{stored}}}\n")
    );
    assert!(stderr(&out).contains("1 context,"), "{}", stderr(&out));
}

#[test]
fn import_writes_nothing_when_any_line_is_invalid() {
    let redis = Redis::start();
    let file = redis.dir().join("in.jsonl");
    let good = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    // A CRLF line, an invalid context, not JSON, a blank line, a line that is not UTF-8, and a
    // last line without a line break.
    let mut input = format!(
        "{{\"key\":\"good\",\"value\":{}}}\r\n{{\"key\":\"bad\",\"value\":{{\"labels\":{{\"x\":[\"f\",\"n\"]}}}}}}\nnot json\n \n",
        good.value
    )
    .into_bytes();
    input.extend_from_slice(b"{\"key\":\"latin-1\",\"value\":{\"id\":\"caf\xe9\"}}\n");
    input.extend_from_slice(format!("{{\"key\":\"last\",\"value\":{}}}", good.value).as_bytes());
    std::fs::write(&file, input).unwrap();
    let out = redis.cmd().arg("import").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("line 2: key \"bad\"") && err.contains("`labels`"),
        "{err}"
    );
    assert!(err.contains("line 3:"), "{err}");
    assert!(
        err.contains("line 5: invalid UTF-8 at byte offset 35 of the line (byte 0xe9)"),
        "{err}"
    );
    assert!(
        !err.contains("line 1:") && !err.contains("line 4:"),
        "{err}"
    );
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);
    // --skip-invalid writes the good lines and still exits non-zero.
    assert_eq!(import_skipping_invalid(&redis, &file).1, (2, 3));
    for key in ["good", "last"] {
        assert_eq!(
            get_raw(&mut redis.db(), key).unwrap(),
            good.value.as_bytes()
        );
    }
}

#[test]
fn import_dry_run_validates_only_and_if_absent_keeps_existing() {
    let redis = Redis::start();
    let ctx = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let line = format!("{{\"key\":\"k\",\"value\":{}}}\n", ctx.value);
    redis
        .cmd()
        .args(["import", "--dry-run"])
        .write_stdin(line.clone())
        .assert()
        .code(0);
    assert_eq!(get_raw(&mut redis.db(), "k"), None);
    set_raw(&mut redis.db(), "k", b"{\"id\":\"old\"}");
    let out = redis
        .cmd()
        .args(["-f", "json", "import", "--if-absent", "-"])
        .write_stdin(line)
        .output()
        .unwrap();
    let report = stdout_json(&out);
    assert_eq!(
        (report["written"].as_u64(), report["kept_existing"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(get_raw(&mut redis.db(), "k").unwrap(), b"{\"id\":\"old\"}");
}

#[test]
fn import_key_field_takes_keys_from_bare_documents() {
    let redis = Redis::start();
    // The whole line is stored here, so a CRLF line end must not end up in the value.
    let docs = "{\"id\":\"a\",\"labels\":{}}\r\n{\"id\":42,\"labels\":{}}\n";
    redis
        .cmd()
        .args(["import", "--key-field", "id"])
        .write_stdin(docs)
        .assert()
        .code(0);
    assert_eq!(
        get_raw(&mut redis.db(), "a").unwrap(),
        b"{\"id\":\"a\",\"labels\":{}}"
    );
    assert!(
        get_raw(&mut redis.db(), "42").is_some(),
        "int ids are stored under str(id)"
    );
    let out = redis
        .cmd()
        .args(["import", "--key-field", "id"])
        .write_stdin("{\"labels\":{}}\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no `id` field"), "{}", stderr(&out));
}

/// Import each input into an empty db; the stored keys and values, sorted.
fn imported(redis: &Redis, args: &[&str], input: &str) -> Vec<(String, String)> {
    let mut db = redis.db();
    let _: () = redis_cmd(&mut db, &["FLUSHDB"]);
    redis
        .cmd()
        .arg("import")
        .args(args)
        .write_stdin(input)
        .assert()
        .code(0);
    let mut keys: Vec<String> = redis_cmd(&mut db, &["KEYS", "*"]);
    keys.sort();
    keys.into_iter()
        .map(|k| {
            let v = String::from_utf8(get_raw(&mut db, &k).unwrap()).unwrap();
            (k, v)
        })
        .collect()
}

/// The write pass takes keys and documents by position only when every valid line lays them
/// out as parsing finds them; otherwise it parses, and a repeated field counts by its last value.
#[test]
fn import_takes_lines_by_position_only_where_parsing_agrees() {
    let redis = Redis::start();
    let pairs = |p: &[(&str, &str)]| -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    // Every line laid out `{"key":…,"value":…}`: escapes in keys are decoded.
    let laid_out =
        "{\"key\":\"caf\\u00e9\",\"value\":{\"id\":1}}\n{\"key\":\"b\",\"value\":{\"id\":\"b\"}}\n";
    assert_eq!(
        imported(&redis, &[], laid_out),
        pairs(&[("b", "{\"id\":\"b\"}"), ("café", "{\"id\":1}")])
    );
    // One line whose last `value` wins: position alone would store `{"id":"first"},"value":…`.
    let repeated = format!("{laid_out}{{\"key\":\"r\",\"value\":{{\"id\":\"first\"}},\"value\":{{\"id\":\"last\"}}}}\n");
    let stored = imported(&redis, &[], &repeated);
    assert!(
        stored.contains(&("r".into(), "{\"id\":\"last\"}".into())),
        "{stored:?}"
    );
    assert!(
        stored.contains(&("café".into(), "{\"id\":1}".into())),
        "{stored:?}"
    );
    // Space before the closing brace, and the key given twice.
    let odd =
        "{\"key\":\"s\",\"value\":{\"id\":\"s\"} }\n{\"key\":\"x\",\"key\":\"y\",\"value\":{\"id\":1}}\n";
    assert_eq!(
        imported(&redis, &[], odd),
        pairs(&[("s", "{\"id\":\"s\"}"), ("y", "{\"id\":1}")])
    );
    // --key-field: the field first, a string with an escape or an int (`-0` is the key "0").
    let docs = "{\"id\":\"a\\u00e9\",\"labels\":{}}\n{\"id\":-0,\"labels\":{}}\n";
    assert_eq!(
        imported(&redis, &["--key-field", "id"], docs),
        pairs(&[
            ("0", "{\"id\":-0,\"labels\":{}}"),
            ("aé", "{\"id\":\"a\\u00e9\",\"labels\":{}}"),
        ])
    );
    let repeated = format!("{docs}{{\"id\":\"first\",\"labels\":{{}},\"id\":\"second\"}}\n");
    let keys: Vec<String> = imported(&redis, &["--key-field", "id"], &repeated)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(keys, ["0", "aé", "second"]);
}

#[test]
fn import_canonical_stores_what_chatsky_would() {
    let redis = Redis::start();
    let line = "{\"key\":\"k\",\"value\":{\"id\":\"k\",\"labels\":{\"01\":{\"flow_name\":\"f\",\"node_name\":\"n\"}}}}\n";
    redis
        .cmd()
        .args(["import", "--canonical", "--schema", "0.9"])
        .write_stdin(line)
        .assert()
        .code(0);
    let stored = String::from_utf8(get_raw(&mut redis.db(), "k").unwrap()).unwrap();
    assert!(stored.starts_with("{\"id\":\"k\",\"labels\":{\"1\":{\"flow_name\":\"f\",\"node_name\":\"n\"}},\"requests\":{}"), "{stored}");
}

#[test]
fn rm_and_clear_by_pattern_delete_only_matching_contexts() {
    let redis = loaded("0.9.0");
    set_raw(&mut redis.db(), "slots-not-a-context", b"plain text");
    // No terminal, no --yes: refused, nothing deleted.
    redis
        .cmd()
        .args(["rm", "--match", "slots-*"])
        .assert()
        .code(2);
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 11);
    let out = redis
        .cmd()
        .args(["-f", "json", "rm", "--match", "slots-*", "--dry-run"])
        .output()
        .unwrap();
    let report = stdout_json(&out);
    assert_eq!(
        (report["deleted"].as_u64(), report["dry_run"].as_bool()),
        (Some(2), Some(true))
    );
    redis
        .cmd()
        .args(["rm", "--match", "slots-*", "--yes"])
        .assert()
        .code(0);
    assert_eq!(get_raw(&mut redis.db(), "slots-user"), None);
    assert!(
        get_raw(&mut redis.db(), "slots-not-a-context").is_some(),
        "non-contexts are kept"
    );
    redis
        .cmd()
        .args(["clear", "--match", "*-user"])
        .env("CHATSKY_REDIS_YES", "1")
        .assert()
        .code(0);
    let left: Vec<String> = redis_cmd(&mut redis.db(), &["KEYS", "*"]);
    let mut left = left;
    left.sort();
    assert_eq!(left, ["junk", "sessions:x", "slots-not-a-context"]);
}

#[test]
fn bulk_work_is_batched_beyond_one_page() {
    // More keys than one SCAN page and one write batch, so paging and batching are exercised.
    let redis = Redis::start();
    let ctx = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let input: String = (0..2500)
        .map(|i| format!("{{\"key\":\"user-{i}\",\"value\":{}}}\n", ctx.value))
        .collect();
    let out = redis
        .cmd()
        .args(["-f", "json", "import"])
        .write_stdin(input)
        .output()
        .unwrap();
    let report = stdout_json(&out);
    assert_eq!(report["written"], 2500, "{}", stderr(&out));
    let out = redis.cmd().arg("export").output().unwrap();
    assert_eq!(stdout(&out).lines().count(), 2500);
    redis
        .cmd()
        .args(["rm", "--match", "user-1*", "-y"])
        .assert()
        .code(0);
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 2500 - 1111);
}

#[test]
fn skip_invalid_over_many_blocks_writes_exactly_the_valid_lines() {
    // About 3 MB: three of import's 1 MiB blocks, validated on several threads; every 7th line is
    // invalid, 114 in all, more than the 100 the report lists.
    let redis = Redis::start();
    let ctx = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let pad = "x".repeat(4000);
    let input: String = (1..=800)
        .map(|n| {
            if n % 7 == 0 {
                format!("{{\"key\":\"k{n}\",\"value\":{{\"labels\":{{\"x\":\"{pad}\"}}}}}}\n")
            } else {
                format!("{{\"key\":\"k{n}\",\"value\":{}}}\n", ctx.value)
            }
        })
        .collect();
    assert!(input.len() > 2 << 20);
    let out = redis
        .cmd()
        .args(["-f", "json", "import", "--skip-invalid"])
        .write_stdin(input)
        .output()
        .unwrap();
    let (report, counts) = skipped(&out);
    assert_eq!(counts, (686, 114));
    let listed: Vec<String> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap().split(':').next().unwrap().to_string())
        .collect();
    let first: Vec<String> = (1..=100).map(|i| format!("line {}", 7 * i)).collect();
    assert_eq!(listed, first);
    let mut db = redis.db();
    assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 686);
    for n in 1..=800 {
        let stored = get_raw(&mut db, &format!("k{n}"));
        assert_eq!(stored.is_some(), n % 7 != 0, "line {n}");
    }
}

/// The peak resident memory (VmHWM) of a child, polled until it exits, with its output.
fn peak_rss_kib(mut child: std::process::Child) -> (u64, std::process::Output) {
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        // Gone (a zombie has no VmHWM) once it exits: the last reading stands.
        let hwm = std::fs::read_to_string(&status).ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        });
        peak = peak.max(hwm.unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    (peak, child.wait_with_output().unwrap())
}

#[test]
fn skip_invalid_memory_stays_flat_however_many_lines_are_invalid() {
    // Three million invalid lines (6 MB) and one valid one. Keeping a number per invalid line
    // (a set of them) peaked at about 270 MiB here; a bitmap of line numbers takes well under 1 MiB.
    let redis = Redis::start();
    let ctx = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let file = redis.dir().join("mostly-invalid.jsonl");
    let mut body = "x\n".repeat(3_000_000);
    body.push_str(&format!("{{\"key\":\"k\",\"value\":{}}}\n", ctx.value));
    std::fs::write(&file, body).unwrap();
    let (peak, out) = peak_rss_kib(spawned(&redis, &["import", "--skip-invalid", path(&file)]));
    let (report, counts) = skipped(&out);
    assert_eq!(counts, (1, 3_000_000));
    assert_eq!(report["errors"].as_array().unwrap().len(), 100);
    assert!(peak > 0, "no memory reading was taken");
    assert!(peak < 96 * 1024, "peak RSS {peak} KiB");
    assert_eq!(get_raw(&mut redis.db(), "k").unwrap(), ctx.value.as_bytes());
}

#[test]
fn a_walk_reads_over_one_connection_when_the_server_refuses_a_second() {
    // Walks read pages over two connections; a server at its client limit must not break them.
    let redis = Redis::start();
    let ctx = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let mut db = redis.db();
    for i in 0..1000 {
        set_raw(&mut db, &format!("user-{i}"), ctx.value.as_bytes());
    }
    // This connection stays open and holds one of the two places: the tool gets one.
    let _: () = redis_cmd(&mut db, &["CONFIG", "SET", "maxclients", "2"]);
    let out = redis.cmd().arg("export").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1000);
    let refused: String = redis_cmd(&mut db, &["INFO", "stats"]);
    assert!(
        !refused.contains("rejected_connections:0\r"),
        "the second connection should have been refused: {refused}"
    );
}

#[test]
fn ctrl_c_stops_an_import_cleanly_and_reports_what_was_written() {
    let redis = Redis::start();
    let file = redis.dir().join("big.jsonl");
    let value = r#"{"id":"x","labels":{},"requests":{},"responses":{},"misc":{"pad":"................................................................................................................................"},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#;
    let body: String = (0..300_000)
        .map(|i| format!("{{\"key\":\"k{i}\",\"value\":{value}}}\n"))
        .collect();
    std::fs::write(&file, body).unwrap();
    let child = spawned(&redis, &["import", "--schema", "0.9", path(&file)]);
    // Wait until the write pass has begun, then press Ctrl-C.
    let mut db = redis.db();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while redis_cmd::<i64>(&mut db, &["DBSIZE"]) == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    ctrl_c(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    let report = stdout_json(&out);
    assert_eq!(report["interrupted"], true);
    let stored = redis_cmd::<i64>(&mut db, &["DBSIZE"]);
    assert_eq!(
        report["written"].as_i64(),
        Some(stored),
        "the report says exactly what was written"
    );
    assert!(stored > 0 && stored < 300_000, "{stored}");
    // Every written context is whole.
    let keys: Vec<String> = redis_cmd(&mut db, &["KEYS", "*"]);
    for key in keys.iter().take(500) {
        assert_eq!(get_raw(&mut db, key).unwrap(), value.as_bytes());
    }
}

#[test]
fn import_into_an_empty_db_honours_pickle_and_exponent_flags() {
    // An empty db gives --schema auto nothing to go by, so each document decides its schema;
    // the other write flags must still apply.
    let redis = Redis::start();
    // pickle of collections.OrderedDict(): not on the allow-list.
    let odict = "gASVIgAAAAAAAACMC2NvbGxlY3Rpb25zlIwLT3JkZXJlZERpY3SUk5QpUpQu\n";
    let doc = serde_json::json!({"id": "k", "labels": {}, "requests": {"1": {"text": "x",
        "misc": {"r": odict, "__pickled_extra_fields__": ["r"]}}}, "misc": {"f": 1e16}});
    let line = format!("{{\"key\":\"k\",\"value\":{doc}}}\n");
    let out = redis
        .cmd()
        .arg("import")
        .write_stdin(line.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "refused without the flag");
    assert!(
        stderr(&out).contains("collections.OrderedDict"),
        "{}",
        stderr(&out)
    );
    for allow in [
        "--allow-unsafe-pickles",
        "--allow-pickle-global=collections.*",
    ] {
        let out = redis
            .cmd()
            .args(["import", allow, "--canonical", "--float-exponent", "plain"])
            .write_stdin(line.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{allow}: {}", stderr(&out));
    }
    let stored = String::from_utf8(get_raw(&mut redis.db(), "k").unwrap()).unwrap();
    assert!(stored.contains(r#""f":1e16"#), "{stored}");
}

#[test]
fn a_non_ascii_byte_next_to_nan_is_an_invalid_line_not_a_crash() {
    let redis = Redis::start();
    let input =
        "{\"key\":\"a\",\"value\":{\"misc\": NaN, \u{e9}}}\n{\"key\":\"b\",\"value\":[1]}\n";
    let out = redis
        .cmd()
        .arg("import")
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 1:") && stderr(&out).contains("line 2:"),
        "{}",
        stderr(&out)
    );
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);
    set_raw(&mut redis.db(), "bad", "{\"misc\": NaN, \u{e9}}".as_bytes());
    for args in [&["get", "bad"][..], &["count", "--exact"], &["ls"]] {
        let out = redis.cmd().args(args).output().unwrap();
        assert_ne!(
            out.status.code(),
            Some(101),
            "{args:?} panicked: {}",
            stderr(&out)
        );
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// How many times the server ran `cmd` (from INFO commandstats).
fn calls(redis: &Redis, cmd: &str) -> u64 {
    let info: String = redis_cmd(&mut redis.db(), &["INFO", "commandstats"]);
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("cmdstat_{cmd}:calls=")))
        .and_then(|rest| rest.split(',').next()?.parse().ok())
        .unwrap_or(0)
}

#[test]
fn keys_of_other_types_are_listed_with_their_type_each_asked_once() {
    let redis = Redis::start();
    let mut db = redis.db();
    for i in 0..300 {
        let _: () = redis_cmd(&mut db, &["HSET", &format!("sessions:{i}"), "misc", "{}"]);
    }
    let out = redis.cmd().args(["ls", "--all"]).output().unwrap();
    assert_eq!(lines(&out).len(), 300);
    assert!(lines(&out).iter().all(|e| e["kind"] == "hash"));
    // Each key's type is asked once (in one pipelined batch per page; the batching itself is a
    // round-trip saving that a command count cannot show).
    assert_eq!(calls(&redis, "type"), 300);
}

#[test]
fn a_redis_failure_mid_import_reports_what_was_written() {
    let redis = Redis::start_with(&["--maxmemory", "4mb", "--maxmemory-policy", "noeviction"]);
    let ctx = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let input: String = (0..3000)
        .map(|i| format!("{{\"key\":\"user-{i}\",\"value\":{}}}\n", ctx.value))
        .collect();
    let out = redis
        .cmd()
        .args(["-f", "json", "import", "--schema", "0.9"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let report = stdout_json(&out);
    let stored = redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]);
    assert!(stored > 0 && stored < 3000, "{stored}");
    assert_eq!(report["written"].as_i64(), Some(stored), "{report}");
    assert!(
        stderr(&out).lines().count() <= 3,
        "short error: {}",
        stderr(&out)
    );
}

/// 40,000 Chatsky 0.9 contexts, for exports long enough to be cut short.
fn loaded_for_a_long_export() -> Redis {
    let redis = Redis::start();
    let ctx = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let input: String = (0..40_000)
        .map(|i| format!("{{\"key\":\"u{i}\",\"value\":{}}}\n", ctx.value))
        .collect();
    redis
        .cmd()
        .args(["import", "--schema", "0.9"])
        .write_stdin(input)
        .assert()
        .code(0);
    redis
}

/// The export's temporary files (`.NAME.XXXXXX.partial`) in `dir`.
fn partial_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".partial"))
        .collect()
}

/// Start `export -o FILE` and wait until it has written something to its temporary file.
fn export_under_way(redis: &Redis, file: &std::path::Path) -> std::process::Child {
    let child = spawned(redis, &["export", "-o", path(file)]);
    wait_until("the export writes", || {
        partial_files(redis.dir())
            .iter()
            .any(|p| std::fs::metadata(p).map_or(0, |m| m.len()) > 0)
    });
    child
}

/// Ctrl-C stops an export: the report says how far it got, and nothing is left that could be
/// taken for a backup, neither FILE nor the temporary file; an earlier FILE stays as it was.
#[test]
fn ctrl_c_stops_an_export_and_leaves_no_file_that_looks_like_a_backup() {
    let redis = loaded_for_a_long_export();
    let file = redis.dir().join("part.jsonl");
    std::fs::write(&file, "earlier backup\n").unwrap();
    let child = export_under_way(&redis, &file);
    ctrl_c(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    let report = stdout_json(&out);
    assert_eq!(report["interrupted"], true, "{report}");
    assert!(report["contexts"].as_u64().unwrap() < 40_000, "{report}");
    assert!(
        stderr(&out).contains(&format!("nothing was written to {}", file.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "earlier backup\n");
    assert_eq!(partial_files(redis.dir()), Vec::<std::path::PathBuf>::new());
}

/// The server going away mid-export leaves nothing either (exit 3); a complete export appears
/// under its name with the mode the umask gives, or 0600 with --private.
#[test]
fn export_file_appears_only_when_complete_with_the_umask_mode() {
    use std::os::unix::fs::PermissionsExt;
    let redis = loaded_for_a_long_export();
    let file = redis.dir().join("backup.jsonl");
    let bin = assert_cmd::cargo::cargo_bin("chatsky-redis");
    for (flag, mode) in [("", 0o640), ("--private", 0o600)] {
        let line = format!(
            "umask 027; exec '{}' --url '{}' export -q {flag} -o '{}'",
            bin.display(),
            redis.url(),
            file.display()
        );
        let out = std::process::Command::new("sh")
            .args(["-c", &line])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, mode, "{flag}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap().lines().count(),
            40_000
        );
    }
    std::fs::remove_file(&file).unwrap();
    // A directory is refused before the walk, not when the rename fails at its end.
    let out = redis
        .cmd()
        .args(["export", "-o", path(redis.dir())])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
    let child = export_under_way(&redis, &file);
    let _ = redis::cmd("SHUTDOWN")
        .arg("NOSAVE")
        .query::<()>(&mut redis.db());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing was written to"),
        "{}",
        stderr(&out)
    );
    assert!(!file.exists());
    assert_eq!(partial_files(redis.dir()), Vec::<std::path::PathBuf>::new());
}

/// A Chatsky 0.9 context whose `misc.k` nests `levels` deep, counted as pydantic counts (the
/// `0` inside is one level), written as Chatsky writes it.
fn nested_context(id: &str, levels: usize) -> String {
    let n = levels - 1;
    format!(
        "{{\"id\":\"{id}\",\"labels\":{{}},\"requests\":{{}},\"responses\":{{}},\"misc\":{{\"k\":{}0{}}},\
         \"framework_data\":{{\"stats\":{{}},\"slot_manager\":{{\"slot_storage\":{{}}}}}}}}",
        "[".repeat(n),
        "]".repeat(n)
    )
}

/// Chatsky writes `misc` values nested up to 255 levels and reads deeper ones (its next write
/// then fails). Import takes the deepest it writes and refuses one level more, saying why;
/// export carries whatever is stored, however deep Chatsky can read it, verbatim.
#[test]
fn contexts_nested_as_deep_as_chatsky_writes_them_go_through_import_and_export() {
    let redis = Redis::start();
    let (deepest, deeper) = (nested_context("a", 255), nested_context("b", 256));
    let file = redis.dir().join("in.jsonl");
    std::fs::write(
        &file,
        format!("{{\"key\":\"a\",\"value\":{deepest}}}\n{{\"key\":\"b\",\"value\":{deeper}}}\n"),
    )
    .unwrap();
    let out = redis.cmd().arg("import").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("line 2: key \"b\"")
            && err.contains("misc.k")
            && err.contains("nests 256 levels deep, and pydantic writes at most 255 here"),
        "{err}"
    );
    assert!(!err.contains("line 1:"), "{err}");
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);
    assert_eq!(import_skipping_invalid(&redis, &file).1, (1, 1));
    assert_eq!(get_raw(&mut redis.db(), "a").unwrap(), deepest.as_bytes());

    // Stored by some other writer: 400 levels, which Chatsky reads but could never have written.
    let foreign = nested_context("c", 400);
    set_raw(&mut redis.db(), "c", foreign.as_bytes());
    let out = redis.cmd().arg("export").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut exported: Vec<String> = stdout(&out).lines().map(String::from).collect();
    exported.sort_unstable();
    assert_eq!(
        exported,
        [
            format!("{{\"key\":\"a\",\"value\":{deepest}}}"),
            format!("{{\"key\":\"c\",\"value\":{foreign}}}"),
        ]
    );
    let out = redis.cmd().args(["get", "--check", "c"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stdout(&out).starts_with("fails: Chatsky 0.9 loads c, but its next write of it fails")
            && stdout(&out).contains("nests 400 levels deep"),
        "{}",
        stdout(&out)
    );
}

/// A context holding a lone surrogate, stored by some other writer: Chatsky reads it (its next
/// write of it fails). So every walk takes it for the context it is: `ls` lists it, `count
/// --exact` counts it, `export` carries it byte for byte (as `raw`, since strict JSON readers
/// refuse lone surrogates), `rm --match` deletes it; `import` then refuses it, saying why.
#[test]
fn a_stored_context_with_a_lone_surrogate_is_a_context_to_every_walk() {
    let redis = Redis::start();
    let stored = nested_context("u", 1).replace(r#""k":0"#, r#""k":"\udc00""#);
    assert!(stored.contains(r"\udc00"), "{stored}");
    set_raw(&mut redis.db(), "lone", stored.as_bytes());

    let out = redis.cmd().arg("ls").output().unwrap();
    let listed = lines(&out);
    assert_eq!(listed.len(), 1, "{}", stdout(&out));
    assert_eq!(
        (&listed[0]["kind"], &listed[0]["id"], &listed[0]["turns"]),
        (&Value::from("context"), &Value::from("u"), &Value::from(0))
    );
    let out = redis.cmd().args(["count", "--exact"]).output().unwrap();
    assert!(
        stdout(&out).starts_with("1 key: 1 context, 0 other"),
        "{}",
        stdout(&out)
    );
    let out = redis.cmd().arg("get").arg("lone").output().unwrap();
    assert_eq!(
        out.stdout,
        format!("{stored}\n").as_bytes(),
        "{}",
        stderr(&out)
    );

    let out = redis.cmd().arg("export").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // serde_json, a strict reader, takes the line; the stored text is in it unchanged.
    assert_eq!(
        lines(&out),
        [serde_json::json!({"key": "lone", "raw": stored})]
    );
    let file = redis.dir().join("export.jsonl");
    std::fs::write(&file, &out.stdout).unwrap();

    redis
        .cmd()
        .args(["rm", "--match", "lo*", "--yes"])
        .assert()
        .code(0);
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);

    let out = redis.cmd().arg("import").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("line 1: key \"lone\"") && err.contains(r"lone surrogate \udc00"),
        "{err}"
    );
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);
}

/// Ctrl-C during the walk that `count --exact` makes, or that `rm --match` makes to count what it
/// would ask about: exit 130, the report says interrupted, and nothing is deleted. The server is
/// paused once the walk has begun, so Ctrl-C surely lands mid-walk.
#[test]
fn ctrl_c_during_a_counting_walk_reports_it_and_deletes_nothing() {
    let redis = Redis::start();
    let mut db = redis.db();
    let mut fill = redis::pipe();
    for i in 0..100_000 {
        fill.set(format!("k{i}"), "{\"id\":1}").ignore();
    }
    let _: () = fill.query(&mut db).unwrap();
    // Each client's id and last command, from CLIENT LIST.
    let clients = |db: &mut redis::Connection| -> Vec<(String, String)> {
        let list: String = redis_cmd(db, &["CLIENT", "LIST"]);
        let field = |line: &str, name: &str| {
            let found = line.split(' ').find_map(|f| f.strip_prefix(name));
            found.unwrap_or_default().to_string()
        };
        list.lines()
            .map(|l| (field(l, "id="), field(l, "cmd=")))
            .collect()
    };
    for args in [&["count", "--exact"][..], &["rm", "--match", "k*"][..]] {
        let earlier = clients(&mut db);
        let child = spawned(&redis, args);
        // An MGET from this child means its walk has a first page, so it hears Ctrl-C.
        wait_until(&format!("{args:?} walks"), || {
            clients(&mut db)
                .iter()
                .any(|(id, cmd)| cmd == "mget" && !earlier.iter().any(|(e, _)| e == id))
        });
        let _: () = redis_cmd(&mut db, &["CLIENT", "PAUSE", "2000", "ALL"]);
        ctrl_c(&child);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(130), "{args:?}: {}", stderr(&out));
        let report = stdout_json(&out);
        assert_eq!(report["interrupted"], true, "{args:?}: {report}");
        if args[0] == "count" {
            assert!(report["contexts"].as_u64().unwrap() < 100_000, "{report}");
        } else {
            assert_eq!(report["deleted"], 0, "{report}");
        }
        assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 100_000, "{args:?}");
    }
}

/// One predicate decides what a context is (an object with a Context field), and every command
/// uses it: `{"lables":{}}` (a typo, no Context field) is not a context to any of them, while
/// the same typo beside a real field is a context to all of them (Chatsky drops the stray key).
/// `get --check` still tells what Chatsky would do with the stray document: load it as a new one.
#[test]
fn every_command_agrees_on_what_a_context_is() {
    let redis = Redis::start();
    let mut db = redis.db();
    // `import` refuses the typo: nothing is written.
    let out = redis
        .cmd()
        .args(["import", "-"])
        .write_stdin("{\"key\":\"typo\",\"value\":{\"lables\":{}}}\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 1: key \"typo\": not a Chatsky context"),
        "{}",
        stderr(&out)
    );
    assert_eq!(redis_cmd::<i64>(&mut db, &["DBSIZE"]), 0);
    set_raw(&mut db, "typo", br#"{"lables":{}}"#);
    set_raw(&mut db, "empty", b"{}");
    set_raw(&mut db, "real", br#"{"id":"real","lables":{}}"#);
    let run = |args: &[&str]| {
        redis
            .cmd()
            .args(["-f", "json"])
            .args(args)
            .output()
            .unwrap()
    };
    for key in ["typo", "empty"] {
        let out = run(&["get", key]);
        assert_eq!(out.status.code(), Some(2), "{key}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("no Context field"),
            "{key}: {}",
            stderr(&out)
        );
        let out = run(&["get", "--check", key]);
        assert_eq!(out.status.code(), Some(2), "{key}: {}", stdout(&out));
        let report = stdout_json(&out);
        assert_eq!(
            (&report["context"], &report["loads"]),
            (&false.into(), &true.into()),
            "{report}"
        );
    }
    assert_eq!(run(&["get", "real"]).status.code(), Some(0));
    let report = stdout_json(&run(&["get", "--check", "real"]));
    assert_eq!(
        (&report["context"], &report["loads"]),
        (&true.into(), &true.into())
    );
    let keys = |out: &std::process::Output| -> Vec<String> {
        let mut keys: Vec<String> = lines(out)
            .iter()
            .map(|l| l["key"].as_str().unwrap().to_string())
            .collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&run(&["ls"])), ["real"]);
    assert_eq!(keys(&redis.cmd().arg("export").output().unwrap()), ["real"]);
    let count = stdout_json(&run(&["count", "--exact"]));
    assert_eq!(
        (&count["contexts"], &count["other"]),
        (&1.into(), &2.into()),
        "{count}"
    );
    assert_eq!(
        count["other_by_kind"]["string: a JSON object with no Context field"], 2,
        "{count}"
    );
    let out = run(&["rm", "--match", "*", "--yes"]);
    assert_eq!(stdout_json(&out)["deleted"], 1, "{}", stderr(&out));
    assert_eq!(get_raw(&mut db, "real"), None);
    assert_eq!(get_raw(&mut db, "typo").unwrap(), br#"{"lables":{}}"#);
}

/// `import` refuses documents that are not contexts, saying what they look like; unknown keys
/// beside real fields are noted once per name (the line stored as given), or refused with
/// `--strict`.
#[test]
fn import_refuses_what_is_not_a_context_and_notes_unknown_keys() {
    let redis = Redis::start();
    let input = "{\"key\":\"m\",\"value\":{\"text\":\"hi\"}}\n";
    let out = redis
        .cmd()
        .args(["import", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("looks like a Message"),
        "{}",
        stderr(&out)
    );
    // An export line given with --key-field is named as one.
    let out = redis
        .cmd()
        .args(["import", "--key-field", "id", "-"])
        .write_stdin("{\"key\":\"k\",\"value\":{\"id\":\"k\"}}\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("without --key-field"),
        "{}",
        stderr(&out)
    );
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);
    let input = "{\"key\":\"a\",\"value\":{\"id\":\"a\",\"lables\":{}}}\n\
                 {\"key\":\"b\",\"value\":{\"id\":\"b\",\"lables\":{}}}\n";
    let out = redis
        .cmd()
        .args(["import", "--strict", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--strict"), "{}", stderr(&out));
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);
    let out = redis
        .cmd()
        .args(["import", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("note:")).collect();
    assert_eq!(notes.len(), 1, "{}", stderr(&out));
    assert!(
        notes[0].contains("\"lables\" on 2 lines (the first: line 1)"),
        "{notes:?}"
    );
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 2);
}

/// An empty input (or blank lines only) is usually a mistake, such as a failed export: "no
/// contexts in the input", exit 2, unless --allow-empty.
#[test]
fn import_of_an_empty_input_says_so_unless_allowed() {
    let redis = Redis::start();
    let file = redis.dir().join("empty.jsonl");
    for input in ["", "\n  \n"] {
        std::fs::write(&file, input).unwrap();
        let out = redis.cmd().arg("import").arg(&file).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{input:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("no contexts in the input"),
            "{}",
            stderr(&out)
        );
        let out = redis
            .cmd()
            .args(["import", "--allow-empty", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{input:?}: {}", stderr(&out));
        assert_eq!(
            stdout(&out),
            "0 lines: 0 written, 0 kept existing, 0 invalid\n"
        );
    }
}

/// The deletion that `rm` and `rm --match`/`clear --match` make: a key checked as a context is
/// deleted only if it still is one. Unchanged, it goes; rewritten as another context (a live
/// bot's next turn), it is checked again and goes; turned into something else (or another
/// type) since its check, it stays. The same whichever way the user's ACL lets it check: a
/// script, WATCH/MULTI/EXEC, or (for keys it named) a read just before a plain DEL.
#[test]
fn a_key_that_stops_being_a_context_after_its_check_is_not_deleted() {
    use chatsky_redis::connection::{Connection, Endpoint, Timeouts};
    use chatsky_redis::store::legacy::{Care, Checked, Deleted, Guarded};
    let redis = Redis::start();
    let mut db = redis.db();
    for (user, denied) in [("noeval", "-eval"), ("nowatch", "-watch")] {
        let _: () = redis_cmd(
            &mut db,
            &[
                "ACL", "SETUSER", user, "on", ">pw", "~*", "+@all", "-eval", denied,
            ],
        );
    }
    let context = br#"{"id":"k"}"#;
    let keys = ["same", "next-turn", "junk", "hash", "gone"];
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for (user, care) in [
        ("", Care::Atomic),
        ("noeval", Care::Atomic),
        ("nowatch", Care::Named),
    ] {
        let _: () = redis_cmd(&mut db, &["FLUSHDB"]);
        for key in keys {
            set_raw(&mut db, key, context);
        }
        let checked: Vec<Checked> = keys
            .iter()
            .map(|k| Checked::new(k.as_bytes(), context))
            .collect();
        // Between the check and the deletion:
        set_raw(&mut db, "next-turn", br#"{"id":"k","labels":{}}"#);
        set_raw(&mut db, "junk", br#"{"lables":{}}"#);
        let _: () = redis_cmd(&mut db, &["DEL", "hash", "gone"]);
        let _: () = redis_cmd(&mut db, &["HSET", "hash", "id", "k"]);
        let url = match user {
            "" => redis.url(),
            user => format!("unix://{user}:pw@{}?db=0", redis.socket.display()),
        };
        let done = runtime.block_on(async {
            let endpoint = Endpoint::parse(&url).unwrap();
            let timeouts = Timeouts {
                connect: std::time::Duration::from_secs(5),
                response: None,
            };
            let mut conn = Connection::connect(&endpoint, timeouts).await.unwrap();
            Guarded::new(care).delete(&mut conn, checked).await.unwrap()
        });
        assert_eq!(
            done,
            Deleted {
                deleted: 2,
                kept: 2
            },
            "{user}"
        );
        let mut left: Vec<String> = redis_cmd(&mut db, &["KEYS", "*"]);
        left.sort();
        assert_eq!(left, ["hash", "junk"], "{user}");
    }
}

/// Errors name the line once (`line 1: … column 13: …`, not `line 1, column 13` inside), and an
/// input that is not JSON Lines gets a hint: pretty-printed documents, or bare ones without
/// --key-field.
#[test]
fn import_errors_name_the_column_and_hint_at_the_input_shape() {
    let redis = Redis::start();
    let run = |input: &str| {
        let out = redis
            .cmd()
            .args(["import", "-"])
            .write_stdin(input.to_string())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        stderr(&out)
    };
    let err = run("{\"key\":\"k\",\"value\":{,}}\n");
    assert!(
        err.contains("line 1: not an export line {\"key\", \"value\"}: column 21: "),
        "{err}"
    );
    assert!(!err.contains("line 1, column"), "{err}");
    let err = run("{\n  \"id\": \"k\",\n  \"labels\": {}\n}\n");
    assert!(
        err.contains("hint: import reads one document per line"),
        "{err}"
    );
    let err = run("{\"id\":\"k\",\"labels\":{}}\n");
    assert!(
        err.contains("hint: these lines look like bare contexts"),
        "{err}"
    );
    assert!(err.contains("--key-field id"), "{err}");
    assert_eq!(redis_cmd::<i64>(&mut redis.db(), &["DBSIZE"]), 0);
}

/// A large `put` holds its document about twice (the input and its canonical form, while the one
/// is written from the other), not five times (input, a doubling output buffer, the command's
/// arguments and their encoding: 3 GB for 600 MB).
#[test]
fn a_large_put_holds_its_document_about_twice() {
    let redis = Redis::start_with(&["--proto-max-bulk-len", "512mb"]);
    let mb = 64;
    let file = redis.dir().join("big.json");
    let doc = format!(
        r#"{{"id":"big","labels":{{}},"misc":{{"blob":"{}"}}}}"#,
        "x".repeat(mb << 20)
    );
    std::fs::write(&file, &doc).unwrap();
    let child = spawned(&redis, &["put", "--schema", "0.9", "big", path(&file)]);
    let (peak, out) = peak_rss_kib(child);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(peak > 0, "no memory reading was taken");
    let limit = (mb as u64 * 1024) * 5 / 2 + 16 * 1024;
    assert!(peak < limit, "peak RSS {peak} KiB for a {mb} MiB document");
    let stored = get_raw(&mut redis.db(), "big").unwrap();
    assert_eq!(stored.len(), doc.len() + r#","requests":{},"responses":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}"#.len());
}

/// The write pass reads the file again: a file rewritten in place (same length, so size and
/// time may not tell) after it was validated is refused from the first block that differs, and
/// nothing of that block on is written. The server is paused for writes so that the rewrite
/// lands while the write pass waits on its first batches.
#[test]
fn import_refuses_a_file_rewritten_while_it_is_imported() {
    use std::io::{Seek, SeekFrom, Write};
    let redis = Redis::start();
    let file = redis.dir().join("big.jsonl");
    let value = r#"{"id":"x","labels":{},"requests":{},"responses":{},"misc":{"pad":"................................................................................................................................"},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#;
    let lines = 30_000;
    let body: String = (0..lines)
        .map(|i| format!("{{\"key\":\"k{i:05}\",\"value\":{value}}}\n"))
        .collect();
    std::fs::write(&file, &body).unwrap();
    let mut db = redis.db();
    let _: () = redis_cmd(&mut db, &["CLIENT", "PAUSE", "60000", "WRITE"]);
    let child = spawned(&redis, &["import", "--schema", "0.9", path(&file)]);
    wait_until("the write pass waits on the paused server", || {
        let list: String = redis_cmd(&mut db, &["CLIENT", "LIST"]);
        list.lines()
            .any(|l| l.contains(" cmd=mset ") && l.contains(" flags=b"))
    });
    // The last line's key becomes another one, the same length; the value stays valid.
    let last = body.rfind("\"k").unwrap();
    let mut f = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
    f.seek(SeekFrom::Start(last as u64 + 1)).unwrap();
    f.write_all(b"z").unwrap();
    drop(f);
    let _: () = redis_cmd(&mut db, &["CLIENT", "UNPAUSE"]);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the input changed while it was imported"),
        "{}",
        stderr(&out)
    );
    let report = stdout_json(&out);
    let stored = redis_cmd::<i64>(&mut db, &["DBSIZE"]);
    assert_eq!(report["written"].as_i64(), Some(stored), "{report}");
    assert!(stored > 0 && stored < lines, "{stored}");
    assert_eq!(get_raw(&mut db, &format!("z{:05}", lines - 1)), None);
    assert_eq!(get_raw(&mut db, &format!("k{:05}", lines - 1)), None);
}

/// A pipe cannot be read twice: `/dev/stdin` on a pipe and a named pipe are spooled like stdin.
#[test]
fn import_reads_pipes_and_dev_stdin() {
    let redis = Redis::start();
    let ctx = &fixture("chatsky-0.9.0-legacy.jsonl")[0];
    let line = |key: &str| format!("{{\"key\":\"{key}\",\"value\":{}}}\n", ctx.value);
    let out = redis
        .cmd()
        .args(["import", "/dev/stdin"])
        .write_stdin(line("a"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fifo = redis.dir().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writer = {
        let (fifo, text) = (fifo.clone(), line("b"));
        std::thread::spawn(move || std::fs::write(fifo, text).unwrap())
    };
    let out = redis.cmd().args(["import", path(&fifo)]).output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut db = redis.db();
    for key in ["a", "b"] {
        assert_eq!(get_raw(&mut db, key).unwrap(), ctx.value.as_bytes());
    }
}
