//! Least privilege: ACL users limited to the key pattern `ctx:*` do what their ACL allows and
//! are told which permission is missing when it does not; `--read-only` refuses every write
//! before connecting.

mod common;

use common::{bin, fixture, get_raw, redis_cmd, set_raw, stderr, stdout, Redis};

/// A server with an admin password, contexts under `ctx:*`, a hash `ctx:h`, and keys of other
/// applications (`other:*`), with two users limited to `ctx:*`:
/// * `ops`, as a careful operator grants a person: reads, writes, transactions, nothing
///   dangerous (no FLUSHDB, no KEYS);
/// * `bot`, the few commands the bot itself and this tool need, one by one: no DBSIZE, TYPE,
///   UNLINK, MSET or EVAL (deleting by pattern checks each key under WATCH instead);
/// * `writer`, only what the bot itself uses to read and write a context: no SCAN.
fn server() -> Redis {
    let redis = Redis::start_with(&["--requirepass", "admin-pass"]);
    let mut admin = admin(&redis);
    let context = fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    for i in 0..300 {
        set_raw(&mut admin, &format!("ctx:{i}"), context.value.as_bytes());
        set_raw(&mut admin, &format!("other:{i}"), b"not ours");
    }
    let _: () = redis_cmd(&mut admin, &["HSET", "ctx:h", "f", "v"]);
    for user in [
        &[
            "ops",
            "+@read",
            "+@write",
            "+@connection",
            "+@transaction",
            "-@dangerous",
        ][..],
        &[
            "bot", "+ping", "+get", "+set", "+del", "+exists", "+scan", "+mget", "+multi", "+exec",
            "+watch",
        ],
        &["writer", "+ping", "+get", "+set", "+del", "+exists"],
    ] {
        let mut args = vec!["ACL", "SETUSER", user[0], "on", ">user-pass", "~ctx:*"];
        args.extend_from_slice(&user[1..]);
        let _: () = redis_cmd(&mut admin, &args);
    }
    redis
}

fn admin(redis: &Redis) -> redis::Connection {
    let mut admin = redis.db();
    let _: () = redis_cmd(&mut admin, &["AUTH", "admin-pass"]);
    admin
}

/// The binary as `user`, its password from the environment.
fn as_user(redis: &Redis, user: &str) -> assert_cmd::Command {
    let mut cmd = redis.cmd();
    cmd.env("CHATSKY_REDIS_USERNAME", user)
        .env("CHATSKY_REDIS_PASSWORD", "user-pass");
    cmd
}

fn run(redis: &Redis, user: &str, args: &[&str]) -> std::process::Output {
    as_user(redis, user).args(args).output().unwrap()
}

fn ok(out: &std::process::Output, case: &str) -> String {
    assert_eq!(out.status.code(), Some(0), "{case}: {}", stderr(out));
    stdout(out)
}

#[test]
fn a_user_limited_to_its_key_pattern_does_all_its_work_inside_it() {
    let redis = server();
    let doc = redis.dir().join("doc.json");
    std::fs::write(&doc, &fixture("chatsky-0.9.0-legacy.jsonl")[0].value).unwrap();
    let doc = common::path(&doc);
    for user in ["ops", "bot"] {
        let run = |args: &[&str]| run(&redis, user, args);
        ok(&run(&["has", "ctx:1"]), user);
        ok(&run(&["get", "ctx:1"]), user);
        // `put --schema auto` samples the db: SCAN shows other:* keys it may not read; `bot`
        // may not run TYPE for the hash either.
        let out = run(&["put", &format!("ctx:new-{user}"), doc]);
        assert!(ok(&out, user).contains("schema 0.9"), "{user}");
        ok(&run(&["rm", "ctx:2"]), user);
        let listed = ok(&run(&["ls", "--match", "ctx:*", "-f", "json"]), user);
        assert!(listed.lines().count() >= 299, "{user}: {listed}");
        let export = redis.dir().join(format!("{user}.jsonl"));
        let export = common::path(&export);
        ok(&run(&["export", "--match", "ctx:*", "-o", export]), user);
        ok(&run(&["rm", "--match", "ctx:1?", "-y"]), user);
        ok(&run(&["import", export]), user);
        let counted = ok(&run(&["count", "--exact", "-f", "json"]), user);
        let counted: serde_json::Value = serde_json::from_str(&counted).unwrap();
        // What it may not read is counted as such, not as an error.
        assert_eq!(
            counted["other_by_kind"]["not readable: the user's ACL does not allow it"], 300,
            "{user}: {counted}"
        );
    }
    let mut admin = admin(&redis);
    assert_eq!(
        get_raw(&mut admin, "other:1").as_deref(),
        Some(&b"not ours"[..])
    );
    assert!(get_raw(&mut admin, "ctx:new-bot").is_some());
}

#[test]
fn a_user_that_may_not_sample_the_db_writes_by_the_documents_shape() {
    let redis = server();
    let doc = redis.dir().join("doc.json");
    std::fs::write(&doc, &fixture("chatsky-0.8.0-legacy.jsonl")[0].value).unwrap();
    let doc = common::path(&doc);
    let run = |args: &[&str]| run(&redis, "writer", args);
    ok(&run(&["has", "ctx:1"]), "has");
    ok(&run(&["get", "ctx:1"]), "get");
    ok(&run(&["rm", "ctx:1"]), "rm");
    let out = run(&["put", "ctx:new", doc, "-f", "json"]);
    let said = ok(&out, "put");
    assert!(
        said.contains(
            "the database could not be sampled (the user may not run scan; --schema sets it)"
        ) && said.contains("the document's own shape"),
        "{said}"
    );
    ok(
        &run(&["put", "ctx:new", doc, "--schema", "0.8"]),
        "put --schema",
    );
    // import says so on stderr (its report has no notes).
    let _: () = redis_cmd(&mut admin(&redis), &["ACL", "SETUSER", "writer", "+mset"]);
    let lines = redis.dir().join("in.jsonl");
    let value = &fixture("chatsky-0.8.0-legacy.jsonl")[0].value;
    std::fs::write(
        &lines,
        format!("{{\"key\":\"ctx:imported\",\"value\":{value}}}\n"),
    )
    .unwrap();
    let out = run(&["import", common::path(&lines)]);
    ok(&out, "import");
    assert!(
        stderr(&out).contains(
            "note: the database could not be sampled (the user may not run scan; --schema sets \
             it); each document's own shape decides its schema"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_hash_is_named_by_type_or_said_unnamed_when_type_is_not_allowed() {
    let redis = server();
    let out = run(&redis, "ops", &["get", "ctx:h"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("holds a Redis hash"),
        "{}",
        stderr(&out)
    );
    let out = run(&redis, "bot", &["get", "ctx:h"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("non-string value (the user may not run TYPE to name it)"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &redis,
        "bot",
        &["ls", "--all", "--match", "ctx:h", "-f", "json"],
    );
    assert!(ok(&out, "ls --all").contains("may not run TYPE"));
}

#[test]
fn a_missing_permission_is_named_with_what_to_do_instead() {
    let redis = server();
    for (user, args, says, hint) in [
        (
            "bot",
            &["count"][..],
            "no permissions to run the 'dbsize' command",
            "`count --exact` counts with SCAN instead",
        ),
        (
            "ops",
            &["clear", "-y"],
            "'flushdb'",
            "`clear --match GLOB` deletes by pattern instead",
        ),
        (
            "ops",
            &["get", "other:1"],
            "no permissions to access one of the keys",
            "stay inside its ACL key pattern",
        ),
        ("writer", &["ls"], "'scan'", "ask for +scan in its ACL"),
    ] {
        let out = run(&redis, user, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(
            err.contains("permission denied") && err.contains(says),
            "{args:?}: {err}"
        );
        assert!(err.contains(hint), "{args:?}: {err}");
        assert!(!err.contains("user-pass"), "{args:?}: {err}");
    }
}

#[test]
fn no_dbsize_means_a_spinner_instead_of_a_bar_on_a_terminal() {
    let redis = server();
    let bin = assert_cmd::cargo::cargo_bin("chatsky-redis");
    for command in ["ls --match 'ctx:*'", "export --match 'ctx:*' -o /dev/null"] {
        let line = format!(
            "CHATSKY_REDIS_URL='{}' CHATSKY_REDIS_USERNAME=bot CHATSKY_REDIS_PASSWORD=user-pass \
             '{}' {command} > /dev/null; echo \"exit=$?\"",
            redis.url(),
            bin.display()
        );
        let out = common::bin_shell()
            .args(["-qec", &line, "/dev/null"])
            .output()
            .unwrap();
        let all = stdout(&out);
        assert!(all.contains("exit=0"), "{command}: {all}");
        assert!(!all.contains("permission"), "{command}: {all}");
    }
}

#[test]
fn read_only_refuses_every_write_before_connecting() {
    // Nothing listens here: a refusal before connecting is exit 2, an attempt would be exit 3.
    let nowhere = "redis://127.0.0.1:1/0";
    for args in [
        &["put", "k", "/dev/null"][..],
        &["rm", "k"],
        &["rm", "--match", "ctx:*", "-y"],
        &["clear", "-y"],
        &["clear", "--match", "ctx:*", "-y"],
        &["import", "/dev/null"],
    ] {
        for how in ["flag", "variable"] {
            let mut cmd = bin();
            cmd.args(["--url", nowhere]);
            match how {
                "flag" => cmd.arg("--read-only"),
                _ => cmd.env("CHATSKY_REDIS_READ_ONLY", "1"),
            };
            let out = cmd.args(args).output().unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{how} {args:?}: {err}");
            assert!(
                err.contains(&format!("--read-only: `{}` writes to Redis", args[0])),
                "{how} {args:?}: {err}"
            );
        }
    }
    // Reads and dry runs go on.
    let redis = Redis::start();
    set_raw(&mut redis.db(), "k", br#"{"id":"k"}"#);
    for args in [
        &["has", "k"][..],
        &["get", "k"],
        &["count", "--exact"],
        &["ls"],
        &["export", "-q"],
        &["rm", "k", "--dry-run"],
        &["clear", "--dry-run"],
        &["import", "/dev/null", "--dry-run", "--allow-empty"],
    ] {
        let out = redis.cmd().arg("--read-only").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    assert!(get_raw(&mut redis.db(), "k").is_some());
    // The variable's false spellings leave writing on.
    let out = redis
        .cmd()
        .env("CHATSKY_REDIS_READ_ONLY", "0")
        .args(["rm", "k"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A user who may not run scripts still clears a 0.10 prefix whole: turn hashes left without a
/// context go (checked with EXISTS first), contexts go by their four keys, the rest stays.
#[test]
fn a_user_without_eval_clears_a_0_10_prefix_and_its_orphan_turn_hashes() {
    let redis = server();
    let mut admin = admin(&redis);
    for hash in common::hashes_fixture()
        .into_iter()
        .filter(|h| h.key.starts_with("chatsky_keys:") && h.key.contains(":basics-user"))
    {
        let mut cmd = redis::cmd("HSET");
        cmd.arg(hash.key.replace("chatsky_keys:", "ctx:"));
        for (f, v) in &hash.fields {
            cmd.arg(f).arg(v);
        }
        let _: () = cmd.query(&mut admin).unwrap();
    }
    let _: () = redis_cmd(&mut admin, &["HSET", "ctx:turns:gone:labels", "0", "{}"]);
    let out = run(
        &redis,
        "ops",
        &["--layout", "0.10", "--prefix", "ctx", "clear", "--yes"],
    );
    ok(&out, "clear of the prefix without EVAL");
    for key in [
        "ctx:main:basics-user",
        "ctx:turns:basics-user:labels",
        "ctx:turns:gone:labels",
    ] {
        assert_eq!(redis_cmd::<u64>(&mut admin, &["EXISTS", key]), 0, "{key}");
    }
    assert_eq!(
        redis_cmd::<u64>(&mut admin, &["EXISTS", "ctx:h", "ctx:0"]),
        2
    );
}
