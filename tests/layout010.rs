//! chatsky 0.10's hash layout in every command, against a real redis-server: what chatsky 0.10.0
//! stored in its tutorials (tests/fixtures/chatsky-0.10.0-hashes.jsonl) seen, changed, exported,
//! imported and deleted exactly, beside legacy contexts and foreign keys.

mod common;

use common::{hashes, load_hashes, redis_cmd, set_raw, stderr, stdout, stdout_json, Redis};
use serde_json::Value;

/// A server holding the 0.10 fixture (9 contexts under `chatsky_keys`, 1 under `custom_prefix`).
fn loaded() -> Redis {
    let redis = Redis::start();
    load_hashes(&mut redis.db());
    redis
}

fn lines(out: &std::process::Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A context's document form as `get` prints it.
fn document(redis: &Redis, id: &str) -> String {
    let out = redis.cmd().args(["get", id]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out).trim_end().to_string()
}

#[test]
fn has_get_and_check_see_what_chatsky_stored() {
    let redis = loaded();
    let out = redis
        .cmd()
        .args(["-f", "json", "has", "basics-user", "nobody"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout_json(&out),
        serde_json::json!([
            {"key": "basics-user", "exists": true, "layout": "0.10"},
            {"key": "nobody", "exists": false}
        ])
    );
    let doc: Value = serde_json::from_str(&document(&redis, "basics-user")).unwrap();
    assert_eq!(doc["id"], "basics-user");
    assert_eq!(doc["current_turn_id"], 11);
    assert_eq!(doc["created_at"], 1795596529017460418u64);
    assert_eq!(doc["labels"]["0"]["node_name"], "start_node");
    assert_eq!(doc["requests"]["1"]["text"], "Hi");
    assert_eq!(doc["labels"].as_object().unwrap().len(), 12);
    // Each value is the stored text itself.
    let mut db = redis.db();
    let stored: String = redis_cmd(
        &mut db,
        &["HGET", "chatsky_keys:turns:basics-user:responses", "1"],
    );
    assert!(document(&redis, "basics-user").contains(&format!("\"1\":{stored}")));
    let out = redis
        .cmd()
        .args(["get", "--check", "slots-abandoned-user"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Chatsky 0.10 loads"),
        "{}",
        stdout(&out)
    );
    let out = redis
        .cmd()
        .args(["get", "-f", "table", "basics-user"])
        .output()
        .unwrap();
    let table = stdout(&out);
    assert!(table.contains("0.10 (chatsky_keys)"), "{table}");
    assert!(table.contains("greeting_flow:node1"), "{table}");
    // Another prefix only with --prefix.
    let out = redis
        .cmd()
        .args(["get", "service-basics-user"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = redis
        .cmd()
        .args(["--prefix", "custom_prefix", "get", "service-basics-user"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn get_check_names_what_chatsky_cannot_load() {
    let redis = loaded();
    let mut db = redis.db();
    let _: () = redis_cmd(
        &mut db,
        &["HSET", "chatsky_keys:turns:media-user:requests", "x", "{}"],
    );
    let _: () = redis_cmd(&mut db, &["HDEL", "chatsky_keys:main:basics-user", "misc"]);
    for (id, why) in [
        ("media-user", "\\\"x\\\", which is not an integer"),
        ("basics-user", "no `misc` field"),
    ] {
        let out = redis
            .cmd()
            .args(["-f", "json", "get", "--check", id])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let report = stdout_json(&out);
        assert_eq!(report["loads"], false);
        assert!(report["notes"][0].to_string().contains(why), "{report}");
    }
}

#[test]
fn ls_count_and_count_exact_tell_the_layouts_and_prefixes() {
    let redis = loaded();
    let mut db = redis.db();
    set_raw(
        &mut db,
        "legacy-user",
        br#"{"id":"legacy-user","labels":{}}"#,
    );
    set_raw(&mut db, "junk", b"not json");
    let out = redis.cmd().arg("ls").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = lines(&out);
    assert_eq!(rows.len(), 11, "{}", stdout(&out));
    let basics = rows.iter().find(|r| r["key"] == "basics-user").unwrap();
    assert_eq!(
        (&basics["layout"], &basics["prefix"], &basics["turns"]),
        (
            &Value::from("0.10"),
            &Value::from("chatsky_keys"),
            &Value::from(12)
        )
    );
    assert_eq!(basics["last_label"], "greeting_flow:node4");
    let custom = rows
        .iter()
        .find(|r| r["key"] == "service-basics-user")
        .unwrap();
    assert_eq!(custom["prefix"], "custom_prefix");
    let legacy = rows.iter().find(|r| r["key"] == "legacy-user").unwrap();
    assert_eq!(legacy["layout"], "legacy");
    // --prefix: that prefix's contexts, and the legacy ones; another prefix's keys are not
    // "other keys" of this walk.
    let out = redis
        .cmd()
        .args(["--prefix", "custom_prefix", "ls"])
        .output()
        .unwrap();
    assert_eq!(lines(&out).len(), 2, "{}", stdout(&out));
    assert!(
        stderr(&out).contains("1 other key skipped"),
        "only junk: {}",
        stderr(&out)
    );
    // --layout 0.10 with --match: ids.
    let out = redis
        .cmd()
        .args(["--layout", "0.10", "ls", "--match", "slots-*"])
        .output()
        .unwrap();
    assert_eq!(lines(&out).len(), 3, "{}", stdout(&out));
    let out = redis
        .cmd()
        .args(["-f", "json", "count", "--exact"])
        .output()
        .unwrap();
    let report = stdout_json(&out);
    assert_eq!(report["contexts"], 11, "{report}");
    assert_eq!(report["legacy"], 1);
    assert_eq!(report["v0_10"]["chatsky_keys"], 9);
    assert_eq!(report["v0_10"]["custom_prefix"], 1);
    assert_eq!(report["turn_hashes"], 30);
    assert_eq!(report["other"], 1);
    assert_eq!(report["keys"], 40 + 2);
    // Plain count with both layouts present: which one is meant cannot be guessed.
    let out = redis.cmd().arg("count").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--layout"), "{}", stderr(&out));
    let out = redis
        .cmd()
        .args(["--layout", "0.10", "count"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "9\n");
    let out = redis
        .cmd()
        .args(["--layout", "legacy", "count"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "42\n");
}

#[test]
fn count_of_a_db_of_0_10_contexts_only() {
    let redis = loaded();
    let out = redis.cmd().args(["-f", "json", "count"]).output().unwrap();
    assert_eq!(
        stdout_json(&out),
        serde_json::json!({"layout": "0.10", "prefix": "chatsky_keys", "contexts": 9})
    );
}

#[test]
fn export_then_import_into_an_empty_db_reproduces_every_hash_field() {
    let redis = loaded();
    let mut db = redis.db();
    // A value no document can hold (not JSON), and one only Python reads (NaN).
    let _: () = redis_cmd(
        &mut db,
        &[
            "HSET",
            "chatsky_keys:main:media-user",
            "misc",
            "{\"x\":NaN}",
        ],
    );
    let _: () = redis_cmd(
        &mut db,
        &[
            "HSET",
            "chatsky_keys:turns:basics-user:labels",
            "99",
            "not json",
        ],
    );
    let dump = redis.dir().join("dump.jsonl");
    let out = redis
        .cmd()
        .args(["export", "-o"])
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(&dump).unwrap();
    assert_eq!(text.lines().count(), 10);
    assert!(
        text.contains(r#"{"key":"media-user","prefix":"chatsky_keys","raw":"#),
        "{text}"
    );
    assert!(text.contains(r#"{"key":"basics-user","prefix":"chatsky_keys","hashes":{"main":"#));
    // basics-user cannot load (a label that is not JSON): import refuses it unless skipped.
    let out = redis
        .cmd()
        .args(["--url", &redis.url_db(1), "import"])
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("basics-user"), "{}", stderr(&out));
    assert!(hashes(&mut redis.client(1), "*").is_empty());
    let _: () = redis_cmd(
        &mut db,
        &["HDEL", "chatsky_keys:turns:basics-user:labels", "99"],
    );
    let out = redis
        .cmd()
        .args(["export", "-o"])
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = redis
        .cmd()
        .args(["--url", &redis.url_db(1), "import"])
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(hashes(&mut redis.client(1), "*"), hashes(&mut db, "*"));
}

#[test]
fn put_writes_what_chatsky_writes_and_replaces_the_whole_context() {
    let redis = loaded();
    let mut db = redis.db();
    let before = hashes(&mut db, "chatsky_keys:*:tg-attachments-user*");
    let doc = document(&redis, "tg-attachments-user");
    // Into an empty db: the same four hashes, byte for byte.
    let out = redis
        .cmd()
        .args(["--url", &redis.url_db(1), "put", "tg-attachments-user", "-"])
        .write_stdin(doc.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("schema 0.10"), "{}", stdout(&out));
    assert_eq!(hashes(&mut redis.client(1), "*"), before);
    // Over an existing context with more turns: no turn of the old one is left.
    let short = serde_json::json!({
        "current_turn_id": 1, "created_at": 5, "updated_at": 6, "misc": {},
        "framework_data": {"stats": {}, "slot_manager": {"slot_storage": {}}},
        "labels": {"0": ["f", "start"], "1": {"flow_name": "f", "node_name": "n"}},
        "requests": {"1": "hi"}, "responses": {"1": {"text": "hello"}}
    });
    let out = redis
        .cmd()
        .args(["put", "tg-attachments-user", "-"])
        .write_stdin(short.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = hashes(&mut db, "chatsky_keys:*:tg-attachments-user*");
    let labels = &after[&b"chatsky_keys:turns:tg-attachments-user:labels"[..]];
    assert_eq!(labels.len(), 2);
    assert_eq!(
        labels[&b"0"[..]],
        br#"{"flow_name":"f","node_name":"start"}"#.to_vec()
    );
    let requests = &after[&b"chatsky_keys:turns:tg-attachments-user:requests"[..]];
    assert_eq!(
        requests[&b"1"[..]],
        br#"{"text":"hi","attachments":null,"annotations":null,"misc":null,"origin":null}"#
            .to_vec()
    );
    // --if-absent keeps it, and writes a new one.
    let out = redis
        .cmd()
        .args(["put", "--if-absent", "tg-attachments-user", "-"])
        .write_stdin(doc.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "kept: {}", stderr(&out));
    assert!(stdout(&out).contains("kept"), "{}", stdout(&out));
    assert_eq!(
        hashes(&mut db, "chatsky_keys:*:tg-attachments-user*"),
        after
    );
    let out = redis
        .cmd()
        .args(["put", "--if-absent", "new-user", "-"])
        .write_stdin(doc)
        .output()
        .unwrap();
    assert!(stdout(&out).contains("stored new-user"), "{}", stdout(&out));
    assert_eq!(hashes(&mut db, "chatsky_keys:*:new-user*").len(), 4);
}

#[test]
fn import_if_absent_keeps_existing_0_10_contexts_and_writes_the_rest() {
    let redis = loaded();
    let mut db = redis.db();
    let dump = redis.dir().join("dump.jsonl");
    redis
        .cmd()
        .args(["export", "-o"])
        .arg(&dump)
        .assert()
        .code(0);
    let before = hashes(&mut db, "*");
    // Half of them gone, and one changed: --if-absent brings back the gone ones only.
    redis
        .cmd()
        .args(["rm", "basics-user", "media-user", "slots-user"])
        .assert()
        .code(0);
    let _: () = redis_cmd(
        &mut db,
        &[
            "HSET",
            "chatsky_keys:main:slots-partial-user",
            "misc",
            "{\"k\":1}",
        ],
    );
    let out = redis
        .cmd()
        .args(["-f", "json", "import", "--if-absent"])
        .arg(&dump)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout_json(&out);
    assert_eq!(
        (report["written"].as_u64(), report["kept_existing"].as_u64()),
        (Some(3), Some(7))
    );
    let after = hashes(&mut db, "*");
    let changed: Vec<_> = before
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(changed, [&b"chatsky_keys:main:slots-partial-user".to_vec()]);
}

#[test]
fn put_refuses_what_chatsky_0_10_cannot_load_and_writes_nothing() {
    let redis = Redis::start();
    for (doc, why) in [
        (
            r#"{"current_turn_id":1,"created_at":1,"updated_at":1,"misc":{}}"#,
            "framework_data",
        ),
        (
            r#"{"current_turn_id":"x","created_at":1,"updated_at":1,"misc":{},"framework_data":{}}"#,
            "current_turn_id",
        ),
        (
            r#"{"current_turn_id":1,"created_at":1,"updated_at":1,"misc":{},"framework_data":{},"labels":{"0":"start"}}"#,
            "labels.0",
        ),
        (
            r#"{"current_turn_id":1,"created_at":1,"updated_at":1,"misc":{},"framework_data":{},"requests":{"one":{}}}"#,
            "requests.one",
        ),
        (
            r#"{"current_turn_id":1,"created_at":1,"updated_at":1,"misc":{},"framework_data":{},"labelz":{}}"#,
            "labelz",
        ),
    ] {
        let out = redis
            .cmd()
            .args(["put", "k", "-"])
            .write_stdin(doc)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{doc}: {}", stderr(&out));
        assert!(stderr(&out).contains(why), "{doc}: {}", stderr(&out));
    }
    assert!(hashes(&mut redis.db(), "*").is_empty());
    let keys: Vec<String> = redis_cmd(&mut redis.db(), &["KEYS", "*"]);
    assert!(keys.is_empty(), "{keys:?}");
}

#[test]
fn a_document_of_the_other_layout_is_refused_with_the_way_across() {
    let redis = loaded();
    let out = redis
        .cmd()
        .args(["put", "basics-user", "-"])
        .write_stdin(r#"{"id":"basics-user","labels":{}}"#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("convert --to 0.10"),
        "{}",
        stderr(&out)
    );
    let doc = document(&redis, "basics-user");
    let out = redis
        .cmd()
        .args(["--layout", "legacy", "put", "x", "-"])
        .write_stdin(doc)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("convert --to legacy"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_id_in_both_layouts_is_an_error_that_names_layout() {
    let redis = loaded();
    set_raw(&mut redis.db(), "basics-user", br#"{"id":"basics-user"}"#);
    for args in [
        &["get", "basics-user"][..],
        &["has", "basics-user"],
        &["rm", "basics-user"],
    ] {
        let out = redis.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("--layout"), "{}", stderr(&out));
    }
    let out = redis
        .cmd()
        .args(["--layout", "legacy", "get", "basics-user"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "{\"id\":\"basics-user\"}\n");
}

#[test]
fn rm_deletes_exactly_the_four_keys_of_an_id_never_a_neighbour() {
    let redis = loaded();
    let mut db = redis.db();
    let doc = document(&redis, "media-user");
    for id in ["user-1", "user-10", "user-1x", "user-[1]"] {
        let out = redis
            .cmd()
            .args(["put", id, "-"])
            .write_stdin(doc.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        // The id lives in the key names only: the document's own is said to be dropped.
        assert!(
            stdout(&out).contains("note: the document's id \"media-user\" is not stored"),
            "{}",
            stdout(&out)
        );
    }
    let out = redis
        .cmd()
        .args(["rm", "user-1", "user-[1]", "nobody"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "2\n", "{}", stderr(&out));
    let left: Vec<String> = redis_cmd(&mut db, &["KEYS", "chatsky_keys:*:user-1*"]);
    let mut left = left;
    left.sort();
    assert_eq!(
        left,
        [
            "chatsky_keys:main:user-10",
            "chatsky_keys:main:user-1x",
            "chatsky_keys:turns:user-10:labels",
            "chatsky_keys:turns:user-10:requests",
            "chatsky_keys:turns:user-10:responses",
            "chatsky_keys:turns:user-1x:labels",
            "chatsky_keys:turns:user-1x:requests",
            "chatsky_keys:turns:user-1x:responses",
        ]
    );
}

#[test]
fn clear_takes_the_prefix_s_contexts_and_nothing_else() {
    let redis = loaded();
    let mut db = redis.db();
    // A prefix that starts with ours, a foreign key under ours, a legacy context, a foreign key,
    // and an orphan turn hash of ours.
    let doc = document(&redis, "media-user");
    redis
        .cmd()
        .args(["--prefix", "chatsky_keys:b", "put", "other", "-"])
        .write_stdin(doc)
        .assert()
        .code(0);
    set_raw(&mut db, "chatsky_keys:settings", b"keep me");
    set_raw(&mut db, "legacy-user", br#"{"id":"legacy-user"}"#);
    set_raw(&mut db, "junk", b"x");
    let _: () = redis_cmd(
        &mut db,
        &["HSET", "chatsky_keys:turns:gone:labels", "0", "{}"],
    );
    let out = redis
        .cmd()
        .args(["--layout", "0.10", "clear", "--dry-run"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("would delete 9 chatsky 0.10 contexts under prefix \"chatsky_keys\""),
        "{}",
        stdout(&out)
    );
    let out = redis
        .cmd()
        .args(["--layout", "0.10", "clear", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut left: Vec<String> = redis_cmd(&mut db, &["KEYS", "*"]);
    left.sort();
    assert_eq!(
        left,
        [
            "chatsky_keys:b:main:other",
            "chatsky_keys:b:turns:other:labels",
            "chatsky_keys:b:turns:other:requests",
            "chatsky_keys:b:turns:other:responses",
            "chatsky_keys:settings",
            "custom_prefix:main:service-basics-user",
            "custom_prefix:turns:service-basics-user:labels",
            "custom_prefix:turns:service-basics-user:requests",
            "custom_prefix:turns:service-basics-user:responses",
            "junk",
            "legacy-user",
        ]
    );
}

#[test]
fn rm_match_and_clear_match_match_ids_in_either_layout() {
    let redis = loaded();
    set_raw(&mut redis.db(), "slots-legacy", br#"{"id":"slots-legacy"}"#);
    set_raw(&mut redis.db(), "slots-junk", b"x");
    let out = redis
        .cmd()
        .args(["rm", "--match", "slots-*", "--dry-run"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("would delete 4 contexts"),
        "{}",
        stdout(&out)
    );
    let out = redis
        .cmd()
        .args(["clear", "--match", "slots-*", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut db = redis.db();
    let left: Vec<String> = redis_cmd(&mut db, &["KEYS", "*slots-*"]);
    assert_eq!(left, ["slots-junk"]);
    assert_eq!(hashes(&mut db, "chatsky_keys:main:*").len(), 6);
}

#[test]
fn import_refuses_a_bad_0_10_line_and_writes_nothing() {
    let redis = loaded();
    let good = document(&redis, "media-user");
    let file = redis.dir().join("in.jsonl");
    let bad = good.replacen(r#""current_turn_id":7"#, r#""current_turn_id":"seven""#, 1);
    assert_ne!(bad, good);
    std::fs::write(
        &file,
        format!(
            "{{\"key\":\"a\",\"prefix\":\"p\",\"value\":{good}}}\n{{\"key\":\"b\",\"prefix\":\"p\",\"value\":{bad}}}\n"
        ),
    )
    .unwrap();
    let out = redis
        .cmd()
        .args(["--url", &redis.url_db(1), "import"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    assert!(stderr(&out).contains("current_turn_id"), "{}", stderr(&out));
    assert!(hashes(&mut redis.client(1), "*").is_empty());
    let out = redis
        .cmd()
        .args(["--url", &redis.url_db(1), "import", "--skip-invalid"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(hashes(&mut redis.client(1), "p:*").len(), 4);
}

/// Copies of the fixture's `basics-user` context under `n` ids (`copy-0`…), pipelined.
fn copies_of_basics(redis: &Redis, n: usize) {
    copies_of_basics_as(redis, n, "chatsky_keys", "copy");
}

/// Copies of `basics-user` under `prefix`, as ids `{name}-0`, `{name}-1`…
fn copies_of_basics_as(redis: &Redis, n: usize, prefix: &str, name: &str) {
    let basics: Vec<common::FixtureHash> = common::hashes_fixture()
        .into_iter()
        .filter(|h| h.key.starts_with("chatsky_keys:") && h.key.contains(":basics-user"))
        .collect();
    assert_eq!(basics.len(), 4, "the fixture's basics-user has four hashes");
    let mut db = redis.db();
    for start in (0..n).step_by(1000) {
        let mut pipe = redis::pipe();
        for i in start..(start + 1000).min(n) {
            for hash in &basics {
                let key = hash
                    .key
                    .replacen("chatsky_keys", prefix, 1)
                    .replace("basics-user", &format!("{name}-{i}"));
                let cmd = pipe.cmd("HSET").arg(key);
                for (f, v) in &hash.fields {
                    cmd.arg(f).arg(v);
                }
                cmd.ignore();
            }
        }
        let () = pipe.query(&mut db).unwrap();
    }
}

/// A clear of a prefix cut short by Ctrl-C leaves every context it did not delete whole: a turn
/// hash goes only with its context, never ahead of it.
#[test]
fn ctrl_c_during_a_0_10_clear_leaves_no_context_without_its_turns() {
    let redis = Redis::start();
    let n = 20_000;
    copies_of_basics(&redis, n);
    let child = common::spawned(&redis, &["--layout", "0.10", "clear", "--yes"]);
    let mut db = redis.db();
    common::wait_until("the clear deletes", || {
        redis_cmd::<u64>(&mut db, &["DBSIZE"]) < 4 * n as u64
    });
    common::ctrl_c(&child);
    let out = child.wait_with_output().unwrap();
    let mains: Vec<String> = redis_cmd(&mut db, &["KEYS", "chatsky_keys:main:*"]);
    if out.status.code() == Some(0) {
        // The clear finished before Ctrl-C came: nothing to check but that it is whole.
        assert!(mains.is_empty(), "{}", stderr(&out));
        return;
    }
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(!mains.is_empty(), "interrupted, yet every context is gone");
    let mut broken = Vec::new();
    for main in &mains {
        let id = main.strip_prefix("chatsky_keys:main:").unwrap();
        for turns in ["labels", "requests", "responses"] {
            let key = format!("chatsky_keys:turns:{id}:{turns}");
            if redis_cmd::<u64>(&mut db, &["EXISTS", &key]) == 0 {
                broken.push(key);
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} turn hashes of contexts left in place were deleted, e.g. {:?}",
        broken.len(),
        &broken[..broken.len().min(3)]
    );
    // The report counts what went: four keys per context deleted.
    let report = stdout_json(&out);
    let deleted = report["deleted"].as_u64().unwrap();
    assert_eq!(deleted, (n - mains.len()) as u64, "{report}");
}

/// A context whose turn key holds a list is listed, counted, checked and deleted as the broken
/// context it is; it stops no walk, and an export says it could not carry it (exit 2).
#[test]
fn a_turn_key_of_another_type_stops_no_walk_and_is_named() {
    let redis = loaded();
    let mut db = redis.db();
    let labels = "chatsky_keys:turns:basics-user:labels";
    let _: () = redis_cmd(&mut db, &["DEL", labels]);
    let _: () = redis_cmd(&mut db, &["RPUSH", labels, "a"]);
    let out = redis.cmd().args(["get", "basics-user"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`labels` turn key holds a Redis list, not a hash"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("export` carries it"),
        "{}",
        stderr(&out)
    );
    let out = redis
        .cmd()
        .args(["get", "--check", "basics-user"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stdout(&out).contains("WRONGTYPE"), "{}", stdout(&out));
    // Every walk goes on past it.
    let out = redis.cmd().args(["-f", "json", "ls"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("basics-user"), "{}", stdout(&out));
    let out = redis
        .cmd()
        .args(["-f", "json", "count", "--exact"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["contexts"], 10, "{}", stdout(&out));
    let file = redis.dir().join("backup.jsonl");
    let out = redis
        .cmd()
        .args(["-f", "json", "export", "-o", common::path(&file)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report = stdout_json(&out);
    assert_eq!(report["not_exported"], 1, "{report}");
    assert!(
        stderr(&out).contains("not exported: chatsky_keys:main:basics-user"),
        "{}",
        stderr(&out)
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        written.lines().count(),
        9,
        "the other contexts are exported"
    );
    // Deleting it takes all four keys, the list too.
    let out = redis
        .cmd()
        .args(["clear", "--match", "basics-*", "--yes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(redis_cmd::<u64>(&mut db, &["EXISTS", labels]), 0);
}

/// A context whose stored value is not UTF-8 cannot be carried by any line: export names it,
/// exports the rest, and exits 2 so that a backup script does not take the file for whole.
#[test]
fn export_of_a_context_no_line_can_carry_is_incomplete_and_says_so() {
    let redis = loaded();
    let mut db = redis.db();
    let _: () = redis::cmd("HSET")
        .arg("chatsky_keys:turns:basics-user:requests")
        .arg("1")
        .arg(b"{\"text\":\"\xff\"}".as_slice())
        .query(&mut db)
        .unwrap();
    let out = redis.cmd().args(["export"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 9);
    assert!(
        stderr(&out).contains("not exported: 1 context (named above)"),
        "{}",
        stderr(&out)
    );
}

/// FLUSHDB is never chosen by a sample that happened to miss the 0.10 contexts: `clear` in a db
/// of thousands of legacy contexts and one 0.10 context refuses to guess; `--layout legacy` goes
/// ahead and says what FLUSHDB takes with it.
#[test]
fn clear_never_flushes_a_db_whose_0_10_contexts_the_sample_missed() {
    let redis = Redis::start();
    let legacy = common::fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let mut db = redis.db();
    let mut pipe = redis::pipe();
    for i in 0..5000 {
        pipe.cmd("SET")
            .arg(format!("user-{i}"))
            .arg(&legacy.value)
            .ignore();
    }
    let () = pipe.query(&mut db).unwrap();
    copies_of_basics(&redis, 1);
    let out = redis.cmd().args(["clear", "--dry-run"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("legacy contexts and chatsky 0.10 contexts"),
        "{}",
        stderr(&out)
    );
    let out = redis
        .cmd()
        .args(["--layout", "legacy", "clear", "--dry-run"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("FLUSHDB deletes the chatsky 0.10 contexts too"),
        "{}",
        stderr(&out)
    );
    assert_eq!(redis_cmd::<u64>(&mut db, &["DBSIZE"]), 5004, "a dry run");
}

/// The default prefix is found however few its contexts are beside another prefix's many.
#[test]
fn the_default_prefix_is_found_beside_a_larger_one() {
    let redis = Redis::start();
    copies_of_basics_as(&redis, 5000, "custom_prefix", "other");
    copies_of_basics(&redis, 1);
    let out = redis.cmd().args(["count"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "1");
}
