//! `migrate` against the real packages from PyPI, both ways, turn by turn:
//!
//! * contexts that chatsky 0.9.0, 0.8.0 and dff 0.7.2 wrote through real pipelines, and every
//!   legacy fixture, migrated to 0.10, are loaded by chatsky 0.10.0 with every label, request and
//!   response they had (compared value by value, in 0.10's numbering and shapes), and a further
//!   0.10 pipeline turn on each of them is stored;
//! * contexts that chatsky 0.10.0 wrote through its pipeline (with the messenger's raw update in
//!   `origin`), and every 0.10 fixture, migrated to legacy, are loaded by chatsky 0.9.0 (and with
//!   `--schema 0.8` by 0.8.0) with the same turns, and a further legacy turn on them is stored.
//!
//! The interpreters come from `CHATSKY_INTEROP_PYTHON_010`, `_09`, `_08` and `_07`, which
//! `scripts/test` sets after `scripts/interop-env` builds the virtual environments.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{fixture, hashes_fixture, load_hashes, set_raw, stderr, stdout, stdout_json, Redis};
use serde_json::{json, Value};

/// The start label of the interop pipelines (`chatsky_io.py`, `chatsky10_io.py`).
const START: &str = "greeting_flow:start_node";

/// One release, driven through its script in `tests/interop/`.
struct Chatsky {
    python: PathBuf,
    script: &'static str,
    name: &'static str,
}

impl Chatsky {
    fn v010() -> Chatsky {
        Chatsky::from_env(
            "CHATSKY_INTEROP_PYTHON_010",
            "chatsky10_io.py",
            "chatsky 0.10",
        )
    }

    fn v09() -> Chatsky {
        Chatsky::from_env("CHATSKY_INTEROP_PYTHON_09", "chatsky_io.py", "chatsky 0.9")
    }

    fn v08() -> Chatsky {
        Chatsky::from_env("CHATSKY_INTEROP_PYTHON_08", "chatsky_io.py", "chatsky 0.8")
    }

    fn v07() -> Chatsky {
        Chatsky::from_env("CHATSKY_INTEROP_PYTHON_07", "chatsky_io.py", "dff 0.7")
    }

    fn from_env(var: &str, script: &'static str, name: &'static str) -> Chatsky {
        let python = std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
            panic!(
                "{var} is not set: the interop tests need the real {name}. Run scripts/test, or \
                 scripts/interop-env and export {var}=<its venv>/bin/python"
            )
        });
        assert!(python.exists(), "{var}={} does not exist", python.display());
        Chatsky {
            python,
            script,
            name,
        }
    }

    /// A command that must succeed; its JSON answer.
    fn ok(&self, args: &[&str]) -> Value {
        let script = format!(
            "{}/tests/interop/{}",
            env!("CARGO_MANIFEST_DIR"),
            self.script
        );
        let out = assert_cmd::Command::new(&self.python)
            .arg(script)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{} {args:?}: {}",
            self.name,
            stderr(&out)
        );
        let text = stdout(&out);
        let answer: Value = serde_json::from_str(text.lines().last().unwrap_or_default())
            .unwrap_or_else(|e| panic!("{} {args:?} printed non-JSON ({e}): {text}", self.name));
        assert_eq!(answer["ok"], true, "{} {args:?}: {answer}", self.name);
        answer
    }

    /// A legacy context as this release reads it (`get_item` then `model_dump_json`).
    fn get(&self, url: &str, key: &str) -> Value {
        let dump = self.ok(&["get", "--url", url, "--key", key])["dump"].clone();
        serde_json::from_str(dump.as_str().unwrap()).unwrap()
    }

    /// A 0.10 context as chatsky 0.10 loads it, with every turn.
    fn load(&self, url: &str, prefix: &str, id: &str) -> Value {
        let loaded = self.ok(&["load", "--url", url, "--prefix", prefix, "--key", id]);
        assert_eq!(loaded["exists"], true, "{id} under {prefix}: {loaded}");
        loaded
    }

    /// `turns` turns of the release's real pipeline on the context `key`.
    fn run(&self, url: &str, key: &str, turns: usize, extra: &[&str]) {
        let turns = turns.to_string();
        let mut args = vec!["run", "--url", url, "--key", key, "--turns", turns.as_str()];
        args.extend_from_slice(extra);
        self.ok(&args);
    }
}

/// A context's turns in chatsky 0.10's numbering and shapes: `(dict, turn) → value`, plus its
/// `misc` and `framework_data` under turn `-1` of `"main"`.
type Turns = BTreeMap<(String, i64), Value>;

/// What chatsky 0.10 loaded.
fn loaded_turns(loaded: &Value) -> Turns {
    let mut out = Turns::new();
    for dict in ["labels", "requests", "responses"] {
        for (n, text) in loaded[dict].as_object().unwrap() {
            let value = serde_json::from_str(text.as_str().unwrap()).unwrap();
            out.insert((dict.to_string(), n.parse().unwrap()), value);
        }
    }
    for field in ["misc", "framework_data"] {
        let value = serde_json::from_str(loaded[field].as_str().unwrap()).unwrap();
        out.insert((field.to_string(), -1), value);
    }
    out
}

/// What a legacy release read, as 0.10 numbers and shapes it: `zero_based` (0.7, 0.8) turns one
/// higher and `start` at `labels[0]`; `[flow, node]` labels as objects; `original_message` as
/// `origin` (with no interface); dff 0.7's `commands` as an extra and its files as documents;
/// 0.8's pickled `None` slot values as `null`.
fn legacy_turns(doc: &Value, zero_based: bool, start: Option<&str>) -> Turns {
    let mut out = Turns::new();
    let shift = i64::from(zero_based);
    for dict in ["labels", "requests", "responses"] {
        for (n, value) in doc[dict].as_object().unwrap() {
            let value = match dict {
                "labels" => label(value),
                _ => message(value),
            };
            out.insert((dict.to_string(), n.parse::<i64>().unwrap() + shift), value);
        }
    }
    if let Some((flow, node)) = start.and_then(|s| s.split_once(':')) {
        out.insert(
            ("labels".into(), 0),
            json!({"flow_name": flow, "node_name": node}),
        );
    }
    out.insert(("misc".into(), -1), doc["misc"].clone());
    let framework_data = match doc.get("framework_data") {
        Some(fd) => slots_none_as_null(fd.clone()),
        None => json!({"stats": {}, "slot_manager": {"slot_storage": {}}}),
    };
    out.insert(("framework_data".into(), -1), framework_data);
    out
}

fn label(value: &Value) -> Value {
    match value {
        Value::Array(pair) => json!({"flow_name": pair[0], "node_name": pair[1]}),
        other => other.clone(),
    }
}

fn message(value: &Value) -> Value {
    let mut out = serde_json::Map::new();
    for (k, v) in value.as_object().unwrap() {
        match k.as_str() {
            "original_message" if v.is_null() => {
                out.insert("origin".into(), Value::Null);
            }
            "original_message" => {
                out.insert("origin".into(), json!({"message": v, "interface": null}));
            }
            // dff 0.7: no origin; commands an extra only when set; files become documents.
            "commands" if v.is_null() => {}
            "attachments" if v.is_object() => {
                let files = v["files"].as_array().unwrap().iter().map(|f| {
                    let mut a = json!({"chatsky_attachment_type": "document", "use_cache": true,
                                       "cached_filename": null});
                    for (k, x) in f.as_object().unwrap() {
                        a[k] = x.clone();
                    }
                    a
                });
                out.insert(k.clone(), Value::Array(files.collect()));
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    out.entry("origin").or_insert(Value::Null);
    Value::Object(out)
}

/// chatsky 0.8 pickles `None` slot values (`gAROLg==\n`); 0.9 and 0.10 write `null`.
fn slots_none_as_null(mut v: Value) -> Value {
    fn walk(v: &mut Value) {
        if let Some(map) = v.as_object_mut() {
            for (k, x) in map.iter_mut() {
                if (k == "extracted_value" || k == "default_value") && x == "gAROLg==\n" {
                    *x = Value::Null;
                } else {
                    walk(x);
                }
            }
        }
    }
    walk(&mut v);
    v
}

/// The turns of `loaded` (0.10) with no `origin.interface` (legacy does not record it).
fn without_interface(mut turns: Turns) -> Turns {
    for ((dict, _), v) in turns.iter_mut() {
        if (dict == "requests" || dict == "responses") && v["origin"].is_object() {
            v["origin"]["interface"] = Value::Null;
        }
    }
    turns
}

fn highest_turn(turns: &Turns) -> i64 {
    turns
        .keys()
        .filter(|(d, _)| d != "misc" && d != "framework_data")
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
}

/// Compare two contexts turn by turn, naming the first difference.
fn assert_same(what: &str, got: &Turns, want: &Turns) {
    for (k, v) in want {
        assert_eq!(got.get(k), Some(v), "{what}: {k:?} differs");
    }
    let extra: Vec<_> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    assert!(
        extra.is_empty(),
        "{what}: more than was migrated: {extra:?}"
    );
}

/// Run our binary; its JSON report.
fn migrate(redis: &Redis, url: &str, args: &[&str]) -> Value {
    let out = redis
        .cmd()
        .args(["--url", url, "-f", "json", "migrate"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "migrate {args:?}: {}",
        stderr(&out)
    );
    stdout_json(&out)
}

/// After migrating to 0.10: chatsky 0.10 loads `key` with the turns `want`, with
/// `current_turn_id` the highest turn, and stores a further pipeline turn on it (the request
/// "Hi"; `next` is the node that turn reaches, when the pipeline's script has the context's flow).
fn loads_and_goes_on(url: &str, prefix: &str, key: &str, want: &Turns, next: Option<&str>) {
    let v010 = Chatsky::v010();
    let loaded = v010.load(url, prefix, key);
    let got = loaded_turns(&loaded);
    assert_same(&format!("chatsky 0.10 loading {key}"), &got, want);
    let current = loaded["current_turn_id"].as_i64().unwrap();
    assert_eq!(current, highest_turn(want), "{key}: current_turn_id");
    v010.ok(&[
        "run", "--url", url, "--prefix", prefix, "--key", key, "--turns", "1",
    ]);
    let after = v010.load(url, prefix, key);
    let turn = (current + 1).to_string();
    assert_eq!(after["current_turn_id"], current + 1, "{key}: {after}");
    let request: Value = serde_json::from_str(after["requests"][&turn].as_str().unwrap()).unwrap();
    assert_eq!(request["text"], "Hi", "{key}: the new turn's request");
    if let Some(node) = next {
        let label: Value = serde_json::from_str(after["labels"][&turn].as_str().unwrap()).unwrap();
        assert_eq!(label["node_name"], node, "{key}: the new turn's label");
    }
    // Every migrated turn is still there, as it was.
    let after = loaded_turns(&after);
    for (k, v) in want
        .iter()
        .filter(|((d, _), _)| d != "misc" && d != "framework_data")
    {
        assert_eq!(after.get(k), Some(v), "{key} after a turn: {k:?}");
    }
}

#[test]
fn pipelines_of_09_08_and_07_migrate_to_010_and_go_on() {
    let redis = Redis::start();
    for (db, legacy, zero_based) in [
        (0, Chatsky::v09(), false),
        (1, Chatsky::v08(), true),
        (2, Chatsky::v07(), true),
    ] {
        let url = redis.url_db(db);
        // Four turns end at node4; "Hi" from there goes to node1. Five end at node1.
        legacy.run(&url, "alice", 4, &[]);
        legacy.run(&url, "bob", 5, &[]);
        let mut keys = vec![("alice", "node1"), ("bob", "fallback_node")];
        if db == 0 {
            // An integer id, as messengers' chat ids are.
            legacy.run(&url, "-1001234567890", 4, &["--key-type", "int"]);
            keys.push(("-1001234567890", "node1"));
        }
        let before: Vec<(&str, Value)> = keys
            .iter()
            .map(|(k, _)| (*k, legacy.get(&url, k)))
            .collect();
        let start = zero_based.then_some(START);
        let mut args = vec!["--to", "0.10"];
        if zero_based {
            args.extend(["--start-label", START]);
        }
        let report = migrate(&redis, &url, &args);
        assert_eq!(report["migrated"], keys.len(), "{}: {report}", legacy.name);
        assert_eq!(report["failed"], 0, "{report}");
        for ((key, next), (_, doc)) in keys.iter().zip(&before) {
            let want = legacy_turns(doc, zero_based, start);
            loads_and_goes_on(&url, "chatsky_keys", key, &want, Some(next));
        }
    }
}

#[test]
fn every_legacy_fixture_migrates_to_010_with_every_turn() {
    let redis = Redis::start();
    for (db, name, zero_based) in [
        (0, "chatsky-0.9.0-legacy.jsonl", false),
        (1, "chatsky-0.8.0-legacy.jsonl", true),
    ] {
        let url = redis.url_db(db);
        let contexts = fixture(name);
        let mut client = redis.client(db);
        for c in &contexts {
            set_raw(&mut client, &c.key, c.value.as_bytes());
        }
        let mut args = vec!["--to", "0.10", "--prefix", "migrated"];
        if zero_based {
            args.extend(["--start-label", START]);
        }
        let report = migrate(&redis, &url, &args);
        assert_eq!(report["migrated"], contexts.len(), "{name}: {report}");
        for c in &contexts {
            let doc: Value = serde_json::from_str(&c.value).unwrap();
            let want = legacy_turns(&doc, zero_based, zero_based.then_some(START));
            // The test pipeline's script has none of the tutorials' flows: its turn goes to
            // its fallback node, and is stored like any other.
            loads_and_goes_on(&url, "migrated", &c.key, &want, None);
        }
    }
}

/// The 0.10 fixture's contexts and their prefixes.
fn fixture_010() -> Vec<(String, String)> {
    hashes_fixture()
        .into_iter()
        .filter_map(|h| {
            let (prefix, id) = h.key.split_once(":main:")?;
            Some((prefix.to_string(), id.to_string()))
        })
        .collect()
}

#[test]
fn every_010_fixture_and_pipeline_migrates_to_09_and_08_with_every_turn() {
    let redis = Redis::start();
    let source = redis.url_db(0);
    load_hashes(&mut redis.db());
    let v010 = Chatsky::v010();
    // A 0.10 pipeline whose requests carry the messenger's raw update (every other turn).
    v010.run(&source, "carol", 4, &[]);
    let mut contexts = fixture_010();
    contexts.push(("chatsky_keys".into(), "carol".into()));
    let loaded: Vec<Turns> = contexts
        .iter()
        .map(|(prefix, id)| without_interface(loaded_turns(&v010.load(&source, prefix, id))))
        .collect();
    for (db, legacy, schema) in [(1, Chatsky::v09(), "0.9"), (2, Chatsky::v08(), "0.8")] {
        let target = redis.url_db(db);
        for prefix in ["chatsky_keys", "custom_prefix"] {
            let args = [
                "--to",
                "legacy",
                "--schema",
                schema,
                "--prefix",
                prefix,
                "--target-url",
                &target,
            ];
            let report = migrate(&redis, &source, &args);
            assert_eq!(report["failed"], 0, "{report}");
            if prefix == "chatsky_keys" {
                let notes = report["notes"].to_string();
                assert!(
                    notes.contains("origin.interface \\\"interop\\\" not carried"),
                    "{notes}"
                );
            }
        }
        for ((_, id), want) in contexts.iter().zip(&loaded) {
            let doc = legacy.get(&target, id);
            let start = want.get(&("labels".to_string(), 0)).map(|l| {
                format!(
                    "{}:{}",
                    l["flow_name"].as_str().unwrap(),
                    l["node_name"].as_str().unwrap()
                )
            });
            let got = legacy_turns(&doc, schema == "0.8", start.as_deref());
            assert_same(&format!("{} loading {id}", legacy.name), &got, want);
        }
        // The bot goes on with a migrated context: its next turn is stored after the last one.
        legacy.run(&target, "carol", 1, &[]);
        let doc = legacy.get(&target, "carol");
        let last = doc["requests"]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.parse::<i64>().unwrap())
            .max();
        let first_turn = if schema == "0.8" { 0 } else { 1 };
        assert_eq!(last, Some(first_turn + 4), "{}: {doc}", legacy.name);
        assert_eq!(doc["requests"][(first_turn + 4).to_string()]["text"], "Hi");
    }
}

#[test]
fn a_round_trip_through_010_gives_back_the_legacy_bytes() {
    let redis = Redis::start();
    let url = redis.url();
    for (legacy, schema, start) in [
        (Chatsky::v09(), "0.9", None),
        (Chatsky::v08(), "0.8", Some(START)),
    ] {
        let () = redis::cmd("FLUSHDB").query(&mut redis.db()).unwrap();
        legacy.run(&url, "dana", 4, &[]);
        let before = common::get_raw(&mut redis.db(), "dana").unwrap();
        let mut to_010 = vec!["--to", "0.10", "--delete-source", "--yes"];
        if let Some(start) = start {
            to_010.extend(["--start-label", start]);
        }
        migrate(&redis, &url, &to_010);
        assert_eq!(
            common::get_raw(&mut redis.db(), "dana"),
            None,
            "the source is deleted"
        );
        migrate(
            &redis,
            &url,
            &[
                "--to",
                "legacy",
                "--schema",
                schema,
                "--delete-source",
                "--yes",
            ],
        );
        let after = common::get_raw(&mut redis.db(), "dana").unwrap();
        assert_eq!(
            String::from_utf8_lossy(&after),
            String::from_utf8_lossy(&before),
            "chatsky {schema}"
        );
        assert!(common::hashes(&mut redis.db(), "chatsky_keys:*").is_empty());
    }
}
