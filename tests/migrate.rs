//! `migrate` and `convert` against a real redis-server: what is written, kept, skipped and
//! failed, and what is never touched; `--delete-source` and its guards; Ctrl-C; the target
//! URL's password; `convert`'s all-or-nothing output. (What the real Chatsky makes of migrated
//! contexts is in `interop_migrate.rs`.)

mod common;

use std::collections::BTreeMap;

use common::{
    ctrl_c, fixture, get_raw, hashes, path, redis_cmd, set_raw, spawned, stderr, stdout,
    stdout_json, wait_until, Redis,
};
use serde_json::Value;

/// The chatsky 0.9 fixtures in db 0 as Chatsky stored them, plus two keys that are not contexts.
fn loaded() -> Redis {
    let redis = Redis::start();
    let mut db = redis.db();
    for ctx in fixture("chatsky-0.9.0-legacy.jsonl") {
        set_raw(&mut db, &ctx.key, ctx.value.as_bytes());
    }
    let _: () = redis_cmd(&mut db, &["HSET", "sessions:x", "misc", "{}"]);
    set_raw(&mut db, "junk", b"not json");
    redis
}

/// `migrate` with JSON output: exit code and report.
fn migrate(redis: &Redis, args: &[&str]) -> (i32, Value, String) {
    let out = redis
        .cmd()
        .args(["-f", "json", "migrate"])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    // A refusal before any work prints no report.
    let report = match out.stdout.is_empty() {
        true => Value::Null,
        false => stdout_json(&out),
    };
    (code, report, stderr(&out))
}

/// The 0.10 hashes under `prefix`, without the timestamps (set at migration time).
fn hashes_without_time(
    db: &mut redis::Connection,
    prefix: &str,
) -> BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, Vec<u8>>> {
    let mut all = hashes(db, &format!("{prefix}:*"));
    for fields in all.values_mut() {
        fields.remove(b"created_at".as_slice());
        fields.remove(b"updated_at".as_slice());
    }
    all
}

#[test]
fn migrate_writes_what_convert_writes_and_its_dry_run_writes_nothing() {
    let redis = loaded();
    let (code, report, _) = migrate(&redis, &["--to", "0.10", "--dry-run"]);
    assert_eq!(code, 0);
    assert_eq!(
        (&report["migrated"], &report["dry_run"], &report["contexts"]),
        (&Value::from(8), &Value::Bool(true), &Value::from(8)),
        "{report}"
    );
    assert_eq!(report["other_keys"]["hash"], 1, "{report}");
    assert_eq!(report["other_keys"]["string: not JSON"], 1, "{report}");
    assert!(hashes(&mut redis.db(), "chatsky_keys:*").is_empty());
    let (code, report, _) = migrate(&redis, &["--to", "0.10"]);
    assert_eq!(
        (code, &report["migrated"]),
        (0, &Value::from(8)),
        "{report}"
    );
    let notes = report["notes"].as_array().unwrap();
    assert!(notes.iter().any(|n| n["contexts"] == 8
        && n["note"]
            .as_str()
            .unwrap()
            .starts_with("created_at and updated_at set")));
    // The same dialogs through files: export | convert | import, into db 1.
    let export = redis
        .cmd()
        .args(["--layout", "legacy", "export"])
        .output()
        .unwrap();
    let converted = redis
        .cmd()
        .args(["convert", "--to", "0.10"])
        .write_stdin(export.stdout)
        .output()
        .unwrap();
    assert_eq!(converted.status.code(), Some(0), "{}", stderr(&converted));
    redis
        .cmd()
        .args(["--url", &redis.url_db(1), "import"])
        .write_stdin(converted.stdout)
        .assert()
        .code(0);
    let migrated = hashes_without_time(&mut redis.db(), "chatsky_keys");
    assert_eq!(migrated.len(), 8 * 4, "{:?}", migrated.keys());
    assert_eq!(
        migrated,
        hashes_without_time(&mut redis.client(1), "chatsky_keys")
    );
    // The sources are still there, byte for byte.
    for ctx in fixture("chatsky-0.9.0-legacy.jsonl") {
        assert_eq!(
            get_raw(&mut redis.db(), &ctx.key).unwrap(),
            ctx.value.as_bytes()
        );
    }
}

#[test]
fn an_id_with_a_context_in_the_target_is_kept_unless_replace() {
    let redis = loaded();
    migrate(&redis, &["--to", "0.10"]);
    let mut db = redis.db();
    let first = hashes(&mut db, "chatsky_keys:*");
    let ctx = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    set_raw(
        &mut db,
        &ctx.key,
        common::with_first_request(&ctx.value, "Hello again").as_bytes(),
    );
    let (code, report, _) = migrate(&redis, &["--to", "0.10"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(
        (&report["migrated"], &report["kept_existing"]),
        (&Value::from(0), &Value::from(8))
    );
    assert_eq!(
        hashes(&mut db, "chatsky_keys:*"),
        first,
        "nothing was overwritten"
    );
    let (code, report, _) = migrate(&redis, &["--to", "0.10", "--replace"]);
    assert_eq!(
        (code, &report["migrated"]),
        (0, &Value::from(8)),
        "{report}"
    );
    let requests: String = redis_cmd(
        &mut db,
        &[
            "HGET",
            &format!("chatsky_keys:turns:{}:requests", ctx.key),
            "1",
        ],
    );
    assert!(requests.contains("Hello again"), "{requests}");
}

#[test]
fn a_target_key_of_another_type_is_never_touched() {
    let redis = loaded();
    let mut db = redis.db();
    // A legacy string named like the main hash of a context being migrated.
    set_raw(&mut db, "chatsky_keys:main:slots-user", b"someone else's");
    for replace in [false, true] {
        let mut args = vec!["--to", "0.10"];
        if replace {
            args.push("--replace");
        }
        let (code, report, _) = migrate(&redis, &args);
        assert_eq!(code, 2, "{report}");
        assert_eq!(report["skipped"], 1, "{report}");
        let reasons = report["skipped_by_reason"].to_string();
        assert!(reasons.contains("holds a Redis string"), "{reasons}");
        assert_eq!(
            get_raw(&mut db, "chatsky_keys:main:slots-user").unwrap(),
            b"someone else's"
        );
    }
    // The other way: a hash of another application under an id being written as legacy.
    let _: () = redis_cmd(&mut db, &["FLUSHDB"]);
    common::load_hashes(&mut db);
    let _: () = redis_cmd(&mut db, &["HSET", "basics-user", "owner", "another app"]);
    let (code, report, _) = migrate(&redis, &["--to", "legacy", "--replace"]);
    assert_eq!((code, &report["skipped"]), (2, &Value::from(1)), "{report}");
    let owner: String = redis_cmd(&mut db, &["HGET", "basics-user", "owner"]);
    assert_eq!(owner, "another app");
}

#[test]
fn delete_source_asks_and_deletes_only_sources_whose_copy_was_written() {
    let redis = loaded();
    let mut db = redis.db();
    // No terminal, no --yes: refused, and nothing is written.
    let (code, _, err) = migrate(&redis, &["--to", "0.10", "--delete-source"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("refusing to go on without confirmation"),
        "{err}"
    );
    assert!(hashes(&mut db, "chatsky_keys:*").is_empty());
    // One that cannot be converted (a label chatsky 0.9 refuses), one kept (already in 0.10).
    set_raw(
        &mut db,
        "bad",
        br#"{"id":"bad","labels":{"0":["a","b","c"]}}"#,
    );
    migrate(&redis, &["--to", "0.10", "--match", "slots-user"]);
    let (code, report, err) = migrate(&redis, &["--to", "0.10", "--delete-source", "--yes"]);
    assert_eq!(code, 2, "{report}");
    assert_eq!(
        (
            &report["migrated"],
            &report["kept_existing"],
            &report["failed"]
        ),
        (&Value::from(7), &Value::from(1), &Value::from(1)),
        "{report}"
    );
    assert_eq!(report["sources_deleted"], 7, "{report}");
    assert!(
        err.contains("failed: \"bad\": chatsky 0.9 does not load it: at `labels.0`"),
        "{err}"
    );
    let mut left: Vec<String> = redis_cmd(&mut db, &["KEYS", "*"]);
    left.retain(|k| !k.starts_with("chatsky_keys:"));
    left.sort();
    assert_eq!(left, ["bad", "junk", "sessions:x", "slots-user"]);
}

/// The guard itself, on a real server: a source that changed (or went) after it was read is
/// never deleted, in the same db (where nothing is written for it either) or in another one.
#[test]
fn transfer_never_deletes_a_source_that_changed_since_it_was_read() {
    use chatsky_redis::connection::{Connection, Endpoint, Timeouts};
    use chatsky_redis::model::v010::{Fields, Stored};
    use chatsky_redis::store::transfer::{
        transfer, Ends, Fate, Move, Outcome, Rules, Source, Target,
    };
    use chatsky_redis::store::Prefix;
    let redis = Redis::start();
    let mut db = redis.db();
    let prefix = Prefix::new("p").unwrap();
    let fields = Fields {
        main: vec![
            ("current_turn_id", "0".into()),
            ("created_at", "1".into()),
            ("updated_at", "1".into()),
            ("misc", "{}".into()),
            ("framework_data", "{}".into()),
        ],
        ..Fields::default()
    };
    let read = br#"{"id":"x"}"#.as_slice();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let connect = |url: String| async move {
        let timeouts = Timeouts {
            connect: std::time::Duration::from_secs(5),
            response: None,
        };
        Connection::connect(&Endpoint::parse(&url).unwrap(), timeouts)
            .await
            .unwrap()
    };
    let rules = Rules {
        replace: false,
        delete_source: true,
        dry_run: false,
    };
    for cross in [false, true] {
        let _: () = redis_cmd(&mut db, &["FLUSHALL"]);
        let mut source_db = redis.client(0);
        set_raw(&mut source_db, "same", read);
        set_raw(&mut source_db, "changed", br#"{"id":"x","labels":{}}"#);
        let moves: Vec<Move<'_>> = ["same", "changed", "gone"]
            .iter()
            .map(|key| Move {
                target: Target::Hashes {
                    prefix: &prefix,
                    id: key,
                    fields: &fields,
                },
                source: Source::Legacy { key, raw: read },
            })
            .collect();
        let outcomes = runtime.block_on(async {
            let mut target = connect(redis.url_db(if cross { 1 } else { 0 })).await;
            let mut source = connect(redis.url()).await;
            let ends = Ends {
                target: &mut target,
                source: cross.then_some(&mut source),
            };
            transfer(ends, &moves, &rules).await.unwrap()
        });
        let expected = if cross {
            // Written in the other db first; then only the unchanged source goes.
            vec![
                Outcome::Written(Fate::Deleted),
                Outcome::Written(Fate::Changed),
                Outcome::Written(Fate::Gone),
            ]
        } else {
            vec![
                Outcome::Written(Fate::Deleted),
                Outcome::Changed,
                Outcome::Gone,
            ]
        };
        assert_eq!(outcomes, expected, "cross db: {cross}");
        assert_eq!(get_raw(&mut source_db, "same"), None);
        assert_eq!(
            get_raw(&mut source_db, "changed").unwrap(),
            br#"{"id":"x","labels":{}}"#
        );
        let mut target_db = redis.client(if cross { 1 } else { 0 });
        let written: Vec<String> = redis_cmd(&mut target_db, &["KEYS", "p:main:*"]);
        assert_eq!(written.len(), if cross { 3 } else { 1 }, "{written:?}");
    }
    // A 0.10 source: one changed turn is a change.
    let _: () = redis_cmd(&mut db, &["FLUSHALL"]);
    let _: () = redis_cmd(&mut db, &["HSET", "q:main:c", "current_turn_id", "1"]);
    let _: () = redis_cmd(&mut db, &["HSET", "q:turns:c:labels", "0", "{}", "1", "{}"]);
    let stored = Stored {
        main: vec![(b"current_turn_id".to_vec(), b"1".to_vec())],
        turns: [
            vec![
                (b"1".to_vec(), b"{}".to_vec()),
                (b"0".to_vec(), b"{}".to_vec()),
            ],
            vec![],
            vec![],
        ],
        ..Stored::default()
    };
    let mut other = stored.clone();
    other.turns[0][0].1 = b"{\"a\":1}".to_vec();
    let q = Prefix::new("q").unwrap();
    for (stored, expected) in [
        (&other, Outcome::Changed),
        (&stored, Outcome::Written(Fate::Deleted)),
    ] {
        let moves = [Move {
            target: Target::Legacy {
                key: "c",
                value: br#"{"id":"c"}"#,
            },
            source: Source::Hashes {
                prefix: &q,
                id: "c",
                stored,
            },
        }];
        let outcome = runtime.block_on(async {
            let mut conn = connect(redis.url()).await;
            transfer(
                Ends {
                    target: &mut conn,
                    source: None,
                },
                &moves,
                &rules,
            )
            .await
            .unwrap()
        });
        assert_eq!(outcome, [expected]);
    }
    let left: Vec<String> = redis_cmd(&mut db, &["KEYS", "*"]);
    assert_eq!(left, ["c"], "the source went with its copy's write");
}

#[test]
fn a_context_chatsky_08_started_with_no_label_needs_the_start_label() {
    let redis = Redis::start();
    let doc = r#"{"id":"new","labels":{},"requests":{"0":{"text":"hi","attachments":null,"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{"s":{"is_slot_extracted":false,"extracted_value":"gAROLg==\n","default_value":"gAROLg==\n"}}}}}"#;
    set_raw(&mut redis.db(), "new", doc.as_bytes());
    let (code, report, err) = migrate(&redis, &["--to", "0.10"]);
    assert_eq!((code, &report["failed"]), (2, &Value::from(1)), "{report}");
    assert!(
        err.contains("give it with --start-label FLOW:NODE"),
        "{err}"
    );
    assert!(hashes(&mut redis.db(), "chatsky_keys:*").is_empty());
    let (code, report, _) = migrate(&redis, &["--to", "0.10", "--start-label", "flow:start"]);
    assert_eq!(
        (code, &report["migrated"]),
        (0, &Value::from(1)),
        "{report}"
    );
    let mut db = redis.db();
    let label: String = redis_cmd(&mut db, &["HGET", "chatsky_keys:turns:new:labels", "0"]);
    assert_eq!(label, r#"{"flow_name":"flow","node_name":"start"}"#);
    let request: String = redis_cmd(&mut db, &["HGET", "chatsky_keys:turns:new:requests", "1"]);
    assert!(request.starts_with(r#"{"text":"hi""#), "{request}");
    let turn: String = redis_cmd(
        &mut db,
        &["HGET", "chatsky_keys:main:new", "current_turn_id"],
    );
    assert_eq!(turn, "1");
}

#[test]
fn match_prefix_and_formats() {
    let redis = loaded();
    let (code, report, _) = migrate(
        &redis,
        &["--to", "0.10", "--match", "slots-*", "--prefix", "p10"],
    );
    assert_eq!(
        (code, &report["migrated"], &report["prefix"]),
        (0, &Value::from(2), &Value::from("p10"))
    );
    let mains: Vec<String> = redis_cmd(&mut redis.db(), &["KEYS", "p10:main:*"]);
    assert_eq!(mains.len(), 2);
    let out = redis
        .cmd()
        .args([
            "-f",
            "table",
            "migrate",
            "--to",
            "legacy",
            "--prefix",
            "p10",
            "--dry-run",
        ])
        .output()
        .unwrap();
    let table = stdout(&out);
    assert!(
        table
            .lines()
            .any(|l| l.contains("kept existing") && l.contains("┆ 2 ")),
        "{table}"
    );
    let out = redis
        .cmd()
        .args(["migrate", "--to", "legacy", "--prefix", "p10"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "2 contexts, chatsky 0.10 (prefix \"p10\") → legacy chatsky 0.9: 0 migrated, 2 kept \
         existing, 0 skipped, 0 failed\n"
    );
}

#[test]
fn flags_that_do_not_fit_are_usage_errors() {
    let redis = loaded();
    for args in [
        &["migrate", "--to", "0.10", "--schema", "0.8"][..],
        &["migrate", "--to", "legacy", "--start-label", "a:b"],
        &["migrate", "--to", "0.10", "--start-label", "no-colon"],
        &["convert", "--to", "0.10", "--schema", "0.9"],
    ] {
        let out = redis.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    // --read-only refuses a migration before connecting, but not its dry run.
    redis
        .cmd()
        .args(["--read-only", "migrate", "--to", "0.10"])
        .assert()
        .code(2);
    redis
        .cmd()
        .args(["--read-only", "migrate", "--to", "0.10", "--dry-run"])
        .assert()
        .code(0);
    assert!(hashes(&mut redis.db(), "chatsky_keys:*").is_empty());
}

#[test]
fn the_target_password_never_shows_and_is_warned_about_on_the_command_line() {
    let source = loaded();
    let target = Redis::start_with(&["--requirepass", "s3cret-pw"]);
    let url = format!("unix://:s3cret-pw@{}?db=0", target.socket.display());
    let out = source
        .cmd()
        .args(["migrate", "--to", "0.10", "--target-url", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all = stdout(&out) + &stderr(&out);
    assert!(!all.contains("s3cret"), "{all}");
    assert!(
        all.contains("the password in --target-url can be read"),
        "{all}"
    );
    let mut db = target.db();
    let _: () = redis_cmd(&mut db, &["AUTH", "s3cret-pw"]);
    let mains: Vec<String> = redis_cmd(&mut db, &["KEYS", "chatsky_keys:main:*"]);
    assert_eq!(mains.len(), 8);
    // From the variable: no warning; the report names the target redacted.
    let out = source
        .cmd()
        .env("CHATSKY_REDIS_TARGET_URL", &url)
        .args(["-f", "json", "migrate", "--to", "0.10", "--replace"])
        .output()
        .unwrap();
    let report = stdout_json(&out);
    assert!(!stderr(&out).contains("can be read"), "{}", stderr(&out));
    assert_eq!(
        report["target"],
        format!("unix://:***@{}?db=0", target.socket.display())
    );
    assert_eq!(report["migrated"], 8);
}

/// 40,000 legacy contexts of about 3 KB, for migrations long enough to be cut short.
fn many() -> Redis {
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

fn main_hashes(db: &mut redis::Connection) -> Vec<String> {
    redis_cmd(db, &["KEYS", "chatsky_keys:main:*"])
}

#[test]
fn ctrl_c_stops_a_migration_between_batches_and_reports_what_was_written() {
    let redis = many();
    let child = spawned(
        &redis,
        &["migrate", "--to", "0.10", "--delete-source", "--yes"],
    );
    let mut db = redis.db();
    wait_until("the migration writes", || !main_hashes(&mut db).is_empty());
    ctrl_c(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    let report = stdout_json(&out);
    assert_eq!(report["interrupted"], true, "{report}");
    let written = main_hashes(&mut db);
    assert_eq!(report["migrated"], written.len(), "{report}");
    assert_eq!(report["sources_deleted"], written.len(), "{report}");
    assert!(written.len() < 40_000, "{}", written.len());
    // Every context is in exactly one layout, whole.
    let legacy: Vec<String> = redis_cmd(&mut db, &["KEYS", "u*"]);
    assert_eq!(legacy.len() + written.len(), 40_000);
    for main in written.iter().take(200) {
        let id = main.strip_prefix("chatsky_keys:main:").unwrap();
        let fields: i64 = redis_cmd(&mut db, &["HLEN", main]);
        let requests: i64 = redis_cmd(
            &mut db,
            &["HLEN", &format!("chatsky_keys:turns:{id}:requests")],
        );
        assert_eq!((fields, requests), (5, 11), "{id}");
        assert_eq!(get_raw(&mut db, id), None, "{id} is in one layout only");
    }
}

#[test]
fn a_lost_server_mid_migration_says_how_far_it_got() {
    let mut redis = many();
    let child = spawned(&redis, &["migrate", "--to", "0.10"]);
    let mut db = redis.db();
    wait_until("the migration writes", || !main_hashes(&mut db).is_empty());
    redis.kill();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let report = stdout_json(&out);
    assert!(report["migrated"].as_u64().unwrap() < 40_000, "{report}");
    assert!(stderr(&out).contains("error: "), "{}", stderr(&out));
}

/// An export of the 0.9 fixtures, as `export` writes it.
fn export_lines() -> String {
    fixture("chatsky-0.9.0-legacy.jsonl")
        .iter()
        .map(|c| format!("{{\"key\":{:?},\"value\":{}}}\n", c.key, c.value))
        .collect()
}

#[test]
fn convert_writes_nothing_when_a_line_is_invalid() {
    let redis = Redis::start();
    let dir = redis.dir();
    let input = dir.join("in.jsonl");
    let output = dir.join("out.jsonl");
    let mut lines = export_lines();
    lines.insert_str(
        0,
        "{\"key\":\"bad\",\"value\":{\"id\":\"bad\",\"labels\":{\"x\":[\"a\",\"b\"]}}}\n",
    );
    std::fs::write(&input, &lines).unwrap();
    std::fs::write(&output, "earlier\n").unwrap();
    let out = common::bin()
        .args([
            "-f",
            "json",
            "convert",
            "--to",
            "0.10",
            "-o",
            path(&output),
            path(&input),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid: line 1: key \"bad\": chatsky 0.9 does not load it"),
        "{}",
        stderr(&out)
    );
    let report = stdout_json(&out);
    assert_eq!(
        (
            &report["invalid"],
            &report["converted"],
            &report["nothing_written"]
        ),
        (&Value::from(1), &Value::from(8), &Value::Bool(true))
    );
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "earlier\n");
    let partial = std::fs::read_dir(dir)
        .unwrap()
        .any(|e| e.unwrap().path().to_string_lossy().ends_with(".partial"));
    assert!(!partial, "no temporary file is left");
    // To stdout: nothing either. With --skip-invalid: the others, in input order.
    let out = common::bin()
        .args(["convert", "--to", "0.10"])
        .write_stdin(lines.clone())
        .output()
        .unwrap();
    assert_eq!((out.status.code(), out.stdout.len()), (Some(2), 0));
    let out = common::bin()
        .args([
            "convert",
            "--to",
            "0.10",
            "--skip-invalid",
            "-o",
            path(&output),
            path(&input),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let written = std::fs::read_to_string(&output).unwrap();
    let keys: Vec<String> = written
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["key"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let want: Vec<String> = fixture("chatsky-0.9.0-legacy.jsonl")
        .into_iter()
        .map(|c| c.key)
        .collect();
    assert_eq!(keys, want);
}

#[test]
fn convert_copies_lines_already_in_the_target_layout_and_refuses_an_empty_input() {
    let once = common::bin()
        .args(["convert", "--to", "0.10"])
        .write_stdin(export_lines())
        .output()
        .unwrap();
    assert_eq!(once.status.code(), Some(0));
    let twice = common::bin()
        .args(["-f", "json", "convert", "--to", "0.10"])
        .write_stdin(once.stdout.clone())
        .output()
        .unwrap();
    assert_eq!(twice.stdout, once.stdout, "copied as they are");
    let report: Value = serde_json::from_str(stderr(&twice).lines().last().unwrap()).unwrap();
    assert_eq!(
        (&report["copied"], &report["converted"]),
        (&Value::from(8), &Value::from(0))
    );
    // Back to legacy: only the lines of --prefix when it is given.
    let other = String::from_utf8(once.stdout.clone()).unwrap().replacen(
        "\"prefix\":\"chatsky_keys\"",
        "\"prefix\":\"other\"",
        1,
    );
    let back = common::bin()
        .args(["--prefix", "chatsky_keys", "convert", "--to", "legacy"])
        .write_stdin(other.clone())
        .output()
        .unwrap();
    assert_eq!(back.status.code(), Some(2));
    assert!(
        stderr(&back).contains("under prefix \"other\", and --prefix is \"chatsky_keys\""),
        "{}",
        stderr(&back)
    );
    let back = common::bin()
        .args(["convert", "--to", "legacy"])
        .write_stdin(other)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(back.stdout).unwrap(), export_lines());
    for input in ["", "\n\n"] {
        let out = common::bin()
            .args(["convert", "--to", "legacy"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("no contexts in the input"),
            "{}",
            stderr(&out)
        );
        common::bin()
            .args(["convert", "--to", "legacy", "--allow-empty"])
            .write_stdin(input)
            .assert()
            .code(0);
    }
}

#[test]
fn a_migration_that_finds_nothing_says_where_the_contexts_are() {
    let redis = Redis::start();
    common::load_hashes(&mut redis.db());
    let (code, report, err) = migrate(&redis, &["--to", "legacy", "--prefix", "nope"]);
    assert_eq!(
        (code, &report["contexts"]),
        (0, &Value::from(0)),
        "{report}"
    );
    assert!(
        err.contains("note: no chatsky 0.10 contexts under prefix \"nope\" in unix://"),
        "{err}"
    );
    assert!(
        err.contains("under prefix \"chatsky_keys\", \"custom_prefix\": --prefix names"),
        "{err}"
    );
}

/// A least-privilege user (no scripting, nothing dangerous) migrates and moves.
#[test]
fn a_user_with_read_write_and_transactions_may_migrate() {
    let redis = loaded();
    let _: () = redis_cmd(
        &mut redis.db(),
        &[
            "ACL",
            "SETUSER",
            "mover",
            "on",
            ">pw",
            "~*",
            "+@read",
            "+@write",
            "+@transaction",
            "+@connection",
            "-@dangerous",
        ],
    );
    let url = format!("unix://mover:pw@{}?db=0", redis.socket.display());
    let out = redis
        .cmd()
        .env("CHATSKY_REDIS_URL", &url)
        .args([
            "-f",
            "json",
            "migrate",
            "--to",
            "0.10",
            "--delete-source",
            "--yes",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["sources_deleted"], 8);
}

/// A messenger's class pickled in a slot (`telegram.Update`) fails the context unless allowed:
/// `--allow-pickle-global` lets exactly it through, as for `put` and `import`.
#[test]
fn migrate_carries_a_pickle_only_when_its_global_is_allowed() {
    let redis = Redis::start();
    let doc = serde_json::json!({"id": "x", "labels": {"0": {"flow_name": "f", "node_name": "s"}},
        "requests": {}, "responses": {}, "misc": {},
        "framework_data": {"slot_manager": {"slot_storage": {"s": {"is_slot_extracted": false,
        "extracted_value": "gASMCHRlbGVncmFtlIwGVXBkYXRllJOUKYGULg==", "default_value": null}}}}});
    set_raw(&mut redis.db(), "tg", doc.to_string().as_bytes());
    let (code, report, err) = migrate(&redis, &["--to", "0.10"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(report["migrated"], 0, "{report}");
    assert!(err.contains("telegram.Update"), "{err}");
    let (code, report, err) = migrate(
        &redis,
        &["--to", "0.10", "--allow-pickle-global", "telegram.*"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(report["migrated"], 1, "{report}");
    assert_eq!(
        redis_cmd::<u64>(&mut redis.db(), &["EXISTS", "chatsky_keys:main:tg"]),
        1
    );
}
