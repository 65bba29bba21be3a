//! Interoperability with the real chatsky 0.10.0 from PyPI (its hash layout), both ways: what its
//! pipeline stores, our commands see exactly; what our `put` and `import` store, chatsky 0.10
//! loads with every turn, and runs a further pipeline turn on. Also the matrix of single stored
//! values (`tests/fixtures/matrix10.jsonl`) against the live package.
//!
//! The interpreter comes from `CHATSKY_INTEROP_PYTHON_010`, which `scripts/test` sets after
//! `scripts/interop-env` builds the virtual environment.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{hashes, hashes_fixture, load_hashes, stderr, stdout, stdout_json, Redis};
use serde_json::{json, Value};

/// The real chatsky 0.10, driven through tests/interop/chatsky10_io.py.
struct Chatsky(PathBuf);

impl Chatsky {
    fn new() -> Chatsky {
        let var = "CHATSKY_INTEROP_PYTHON_010";
        let python = std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
            panic!(
                "{var} is not set: the interop tests need the real chatsky 0.10. Run scripts/test, \
                 or scripts/interop-env and export {var}=$PWD/.venv-chatsky-0.10/bin/python"
            )
        });
        assert!(
            python.exists(),
            "{var}={} does not exist; run scripts/interop-env",
            python.display()
        );
        Chatsky(python)
    }

    fn run(&self, args: &[&str], stdin: &str) -> String {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop/chatsky10_io.py");
        let out = assert_cmd::Command::new(&self.0)
            .arg(script)
            .args(args)
            .write_stdin(stdin.to_string())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "chatsky10_io {args:?}: {}",
            stderr(&out)
        );
        stdout(&out)
    }

    /// A command that must succeed; its answer.
    fn ok(&self, args: &[&str]) -> Value {
        let answer: Value = serde_json::from_str(self.run(args, "").trim()).unwrap();
        assert_eq!(answer["ok"], true, "chatsky 0.10 {args:?}: {answer}");
        answer
    }

    /// Load a context with every turn, as chatsky 0.10 sees it.
    fn load(&self, url: &str, id: &str) -> Value {
        self.ok(&["load", "--url", url, "--key", id])
    }
}

/// What chatsky 0.10 loaded, as the hash fields it would write for it: to compare with what a
/// db holds.
fn as_fields(loaded: &Value) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let main = [
        "current_turn_id",
        "created_at",
        "updated_at",
        "misc",
        "framework_data",
    ]
    .iter()
    .map(|f| {
        let v = &loaded[*f];
        (
            f.to_string(),
            v.as_str().map_or_else(|| v.to_string(), str::to_string),
        )
    })
    .collect();
    out.insert("main".to_string(), main);
    for turns in ["labels", "requests", "responses"] {
        let map = loaded[turns]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        out.insert(turns.to_string(), map);
    }
    out
}

/// The same form of what the db holds for a context.
fn stored_fields(
    db: &mut redis::Connection,
    prefix: &str,
    id: &str,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let text = |b: &Vec<u8>| String::from_utf8(b.clone()).unwrap();
    let all = hashes(db, &format!("{prefix}:*"));
    let mut out = BTreeMap::new();
    for (name, key) in [
        ("main", format!("{prefix}:main:{id}")),
        ("labels", format!("{prefix}:turns:{id}:labels")),
        ("requests", format!("{prefix}:turns:{id}:requests")),
        ("responses", format!("{prefix}:turns:{id}:responses")),
    ] {
        let fields = all
            .get(key.as_bytes())
            .map(|h| h.iter().map(|(k, v)| (text(k), text(v))).collect())
            .unwrap_or_default();
        out.insert(name.to_string(), fields);
    }
    out
}

#[test]
fn matrix10_agrees_with_chatsky_010() {
    let chatsky = Chatsky::new();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/matrix10.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let cases: String = rows
        .iter()
        .map(|r| {
            json!({"name": r["name"], "kind": r["kind"], "input": r["input"]}).to_string() + "\n"
        })
        .collect();
    let answers: Vec<Value> = chatsky
        .run(&["fields"], &cases)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), rows.len());
    let wrong: Vec<String> = rows
        .iter()
        .zip(&answers)
        .filter(|(row, real)| {
            (&row["verdict"], &row["stage"], &row["output"])
                != (&real["verdict"], &real["stage"], &real["output"])
        })
        .map(|(row, real)| format!("{}: matrix {row}, chatsky 0.10 {real}", row["name"]))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn chatsky_010_writes_we_read() {
    let chatsky = Chatsky::new();
    let redis = Redis::start();
    let url = redis.url();
    for (id, turns) in [("alice", "5"), ("alice-1", "2")] {
        chatsky.ok(&["run", "--url", &url, "--key", id, "--turns", turns]);
    }
    redis
        .cmd()
        .args(["has", "alice", "alice-1"])
        .assert()
        .code(0);
    redis.cmd().args(["has", "alice-2"]).assert().code(1);
    // get: the document form holds every stored value as stored.
    let out = redis.cmd().args(["get", "alice"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let loaded = chatsky.load(&url, "alice");
    assert_eq!(doc["current_turn_id"], 5);
    assert_eq!(doc["current_turn_id"], loaded["current_turn_id"]);
    assert_eq!(doc["created_at"], loaded["created_at"]);
    let fields = stored_fields(&mut redis.db(), "chatsky_keys", "alice");
    assert_eq!(
        as_fields(&loaded),
        fields,
        "what chatsky stored is what it writes"
    );
    for (turns, stored) in fields.iter().filter(|(k, _)| *k != "main") {
        for (n, value) in stored {
            let ours: Value = serde_json::from_str(value).unwrap();
            assert_eq!(doc[turns][n], ours, "{turns}.{n}");
        }
    }
    let out = redis
        .cmd()
        .args(["-f", "json", "get", "--check", "alice"])
        .output()
        .unwrap();
    let check = stdout_json(&out);
    assert_eq!(
        (&check["loads"], &check["rewritten"]),
        (&json!(true), &json!(false)),
        "{check}"
    );
    let out = redis.cmd().args(["count"]).output().unwrap();
    assert_eq!(stdout(&out), "2\n", "{}", stderr(&out));
    let out = redis.cmd().args(["ls"]).output().unwrap();
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let alice = rows.iter().find(|r| r["key"] == "alice").unwrap();
    assert_eq!(alice["turns"], 6, "{alice}");
    // Ours deletes exactly alice; chatsky's own delete_context takes alice-1 along.
    redis
        .cmd()
        .args(["rm", "alice"])
        .assert()
        .code(0)
        .stdout("1\n");
    assert_eq!(chatsky.load(&url, "alice")["exists"], false);
    assert_eq!(chatsky.load(&url, "alice-1")["exists"], true);
}

#[test]
fn chatsky_010_deletes_neighbours_and_we_do_not() {
    let chatsky = Chatsky::new();
    let redis = Redis::start();
    let url = redis.url();
    for id in ["user-1", "user-10"] {
        chatsky.ok(&["run", "--url", &url, "--key", id, "--turns", "1"]);
    }
    chatsky.ok(&["delete", "--url", &url, "--key", "user-1"]);
    assert_eq!(
        chatsky.load(&url, "user-10")["exists"],
        false,
        "chatsky's glob delete"
    );
    for id in ["user-1", "user-10"] {
        chatsky.ok(&["run", "--url", &url, "--key", id, "--turns", "1"]);
    }
    redis
        .cmd()
        .args(["rm", "user-1"])
        .assert()
        .code(0)
        .stdout("1\n");
    assert_eq!(chatsky.load(&url, "user-10")["exists"], true);
}

/// Every fixture context, stored by our `put` (its document form) and by our `import` (an
/// export of the fixture db): chatsky 0.10 loads each with every turn as chatsky 0.10.0 wrote
/// it, and a further pipeline turn on it succeeds.
#[test]
fn we_write_chatsky_010_reads() {
    let chatsky = Chatsky::new();
    let redis = Redis::start();
    load_hashes(&mut redis.db());
    let contexts: Vec<(String, String)> = hashes_fixture()
        .iter()
        .filter_map(|h| {
            let (prefix, id) = h.key.split_once(":main:")?;
            Some((prefix.to_string(), id.to_string()))
        })
        .collect();
    assert_eq!(contexts.len(), 10);
    let dump = redis.dir().join("dump.jsonl");
    redis
        .cmd()
        .args(["export", "-o"])
        .arg(&dump)
        .assert()
        .code(0);
    let (put_url, import_url) = (redis.url_db(1), redis.url_db(2));
    redis
        .cmd()
        .args(["--url", &import_url, "import"])
        .arg(&dump)
        .assert()
        .code(0);
    for (prefix, id) in &contexts {
        let doc = redis
            .cmd()
            .args(["--prefix", prefix, "get", id])
            .output()
            .unwrap();
        assert_eq!(doc.status.code(), Some(0), "{}", stderr(&doc));
        let out = redis
            .cmd()
            .args(["--url", &put_url, "--prefix", prefix, "put", id, "-"])
            .write_stdin(doc.stdout)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "put {id}: {}", stderr(&out));
        let original = stored_fields(&mut redis.db(), prefix, id);
        for url in [&put_url, &import_url] {
            let mut db = redis.client(if url == &put_url { 1 } else { 2 });
            assert_eq!(
                stored_fields(&mut db, prefix, id),
                original,
                "{id} at {url}"
            );
            let loaded = chatsky.ok(&["load", "--url", url, "--prefix", prefix, "--key", id]);
            assert_eq!(
                as_fields(&loaded),
                original,
                "chatsky 0.10 loads {id} from {url}"
            );
        }
    }
    // A further turn on contexts we wrote.
    for id in ["basics-user", "slots-user"] {
        let before = chatsky.load(&put_url, id)["current_turn_id"]
            .as_u64()
            .unwrap();
        chatsky.ok(&["run", "--url", &put_url, "--key", id, "--turns", "1"]);
        let after = chatsky.load(&put_url, id);
        assert_eq!(after["current_turn_id"].as_u64(), Some(before + 1), "{id}");
        assert_eq!(
            after["requests"][(before + 1).to_string()],
            json!(
                r#"{"text":"Hi","attachments":null,"annotations":null,"misc":null,"origin":null}"#
            )
        );
    }
}

/// `clear` (chatsky 0.10's `clear_all`) of one prefix leaves another prefix, legacy contexts and
/// foreign keys, which chatsky's `KEYS P:*` would take when one prefix starts another.
#[test]
fn clear_leaves_what_is_not_the_prefix_s() {
    let chatsky = Chatsky::new();
    let redis = Redis::start();
    let url = redis.url();
    chatsky.ok(&[
        "run", "--url", &url, "--prefix", "bot", "--key", "u", "--turns", "2",
    ]);
    chatsky.ok(&[
        "run", "--url", &url, "--prefix", "bot:b", "--key", "u", "--turns", "2",
    ]);
    common::set_raw(&mut redis.db(), "bot:config", b"keep");
    redis
        .cmd()
        .args(["--layout", "0.10", "--prefix", "bot", "clear", "--yes"])
        .assert()
        .code(0);
    assert_eq!(
        chatsky.ok(&["load", "--url", &url, "--prefix", "bot", "--key", "u"])["exists"],
        false
    );
    assert_eq!(
        chatsky.ok(&["load", "--url", &url, "--prefix", "bot:b", "--key", "u"])["exists"],
        true
    );
    assert_eq!(
        common::get_raw(&mut redis.db(), "bot:config"),
        Some(b"keep".to_vec())
    );
}
