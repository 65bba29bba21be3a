//! Interoperability with the real Chatsky from PyPI, both ways, for chatsky 0.9.0 and 0.8.0 and
//! its predecessor dff 0.7.2: what Chatsky writes, our `has`/`get`/`count`/`rm` see exactly; what
//! our `put` stores, Chatsky's `get_item_async` reads back, byte for byte as Chatsky itself would
//! have written it.
//!
//! The interpreters come from `CHATSKY_INTEROP_PYTHON_09` / `CHATSKY_INTEROP_PYTHON_08` /
//! `CHATSKY_INTEROP_PYTHON_07`, which `scripts/test` sets after `scripts/interop-env` builds the
//! virtual environments.

mod common;

use std::path::PathBuf;
use std::process::Command;

use chatsky_redis::model;
use common::{get_raw, stderr, stdout, stdout_json, Redis};
use serde_json::{json, Value};

/// The real Chatsky (or dff) of one version, driven through tests/interop/chatsky_io.py.
struct Chatsky {
    python: PathBuf,
    version: &'static str,
}

impl Chatsky {
    fn v09() -> Chatsky {
        Chatsky::from_env("CHATSKY_INTEROP_PYTHON_09", "0.9", ".venv-chatsky-0.9")
    }

    fn v08() -> Chatsky {
        Chatsky::from_env("CHATSKY_INTEROP_PYTHON_08", "0.8", ".venv-chatsky-0.8")
    }

    /// dff 0.7.2, Chatsky's predecessor.
    fn v07() -> Chatsky {
        Chatsky::from_env("CHATSKY_INTEROP_PYTHON_07", "0.7", ".venv-dff-0.7")
    }

    fn from_env(var: &str, version: &'static str, venv: &str) -> Chatsky {
        let python = std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| {
            panic!(
                "{var} is not set: the interop tests need the real Chatsky. Run scripts/test, or \
                 scripts/interop-env and export {var}=$PWD/{venv}/bin/python"
            )
        });
        assert!(
            python.exists(),
            "{var}={} does not exist; run scripts/interop-env",
            python.display()
        );
        Chatsky { python, version }
    }

    /// Run one chatsky_io.py command and return its JSON answer.
    fn io(&self, args: &[&str], stdin: Option<&str>) -> Value {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/interop/chatsky_io.py");
        let mut cmd = assert_cmd::Command::new(&self.python);
        cmd.arg(script).args(args);
        if let Some(input) = stdin {
            cmd.write_stdin(input.to_string());
        }
        let out = cmd.output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "chatsky_io {args:?}: {}",
            stderr(&out)
        );
        let text = stdout(&out);
        serde_json::from_str(text.lines().last().unwrap_or_default())
            .unwrap_or_else(|e| panic!("chatsky_io {args:?} printed non-JSON ({e}): {text}"))
    }

    fn ok(&self, args: &[&str], stdin: Option<&str>) -> Value {
        let answer = self.io(args, stdin);
        assert_eq!(
            answer["ok"], true,
            "Chatsky {} {args:?}: {answer}",
            self.version
        );
        answer
    }
}

/// Chatsky runs a real pipeline; our tool sees exactly what it stored, and Chatsky sees our rm.
fn chatsky_writes_we_read(chatsky: Chatsky) {
    let redis = Redis::start();
    let url = redis.url();
    for key in ["alice", "bob"] {
        chatsky.ok(&["run", "--url", &url, "--key", key, "--turns", "4"], None);
    }
    // has: true for what Chatsky wrote, false otherwise; the same answers as Chatsky's contains.
    redis.cmd().args(["has", "alice", "bob"]).assert().code(0);
    redis.cmd().args(["has", "carol"]).assert().code(1);
    assert_eq!(
        chatsky.ok(&["has", "--url", &url, "--key", "carol"], None)["value"],
        false
    );
    // get: the stored bytes exactly, which are also what Chatsky's own reload writes back.
    let out = redis.cmd().args(["get", "alice"]).output().unwrap();
    let stored = get_raw(&mut redis.db(), "alice").unwrap();
    assert_eq!(out.stdout, [stored.as_slice(), b"\n"].concat());
    let dump = chatsky.ok(&["get", "--url", &url, "--key", "alice"], None)["dump"].clone();
    assert_eq!(dump.as_str().unwrap().as_bytes(), stored.as_slice());
    // The schema we detect is the one that wrote it.
    let out = redis
        .cmd()
        .args(["-f", "json", "get", "--check", "alice"])
        .output()
        .unwrap();
    let check = stdout_json(&out);
    assert_eq!(
        (check["loads"].as_bool(), check["schema"].as_str()),
        (Some(true), Some(chatsky.version)),
        "{check}"
    );
    assert_eq!(check["rewritten"], false, "{check}");
    // count: Chatsky's len.
    let len = chatsky.ok(&["len", "--url", &url], None)["value"].clone();
    redis
        .cmd()
        .arg("count")
        .assert()
        .code(0)
        .stdout(format!("{len}\n"));
    // rm: Chatsky no longer finds it.
    redis
        .cmd()
        .args(["rm", "alice"])
        .assert()
        .code(0)
        .stdout("1\n");
    assert_eq!(
        chatsky.ok(&["has", "--url", &url, "--key", "alice"], None)["value"],
        false
    );
    let missing = chatsky.io(&["get", "--url", &url, "--key", "alice"], None);
    assert_eq!(missing["error"], "KeyError", "{missing}");
}

/// We store what Chatsky wrote under a new key with `put`; the bytes are identical and Chatsky
/// reads them back and would write the very same bytes again. The documents are contexts written
/// live by `run` (`live`: key and turn count of each) plus, where there is one, a fixture file.
/// `put` picks its schema from what the database holds, which Chatsky itself wrote: it must be
/// this version's.
fn we_write_chatsky_reads(chatsky: Chatsky, live: &[(&str, u32)], fixture: Option<&str>) {
    let redis = Redis::start();
    let url = redis.url();
    let mut documents = Vec::new();
    for &(key, turns) in live {
        let turns = turns.to_string();
        chatsky.ok(
            &["run", "--url", &url, "--key", key, "--turns", &turns],
            None,
        );
        let doc = String::from_utf8(get_raw(&mut redis.db(), key).unwrap()).unwrap();
        documents.push((key.to_string(), doc));
    }
    documents.extend(
        fixture
            .map(common::fixture)
            .unwrap_or_default()
            .into_iter()
            .map(|f| (f.key, f.value)),
    );
    for (key, doc) in documents {
        let copy = format!("copy-{key}");
        let out = redis
            .cmd()
            .args(["-f", "json", "put", &copy])
            .write_stdin(doc.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "put {key}: {}", stderr(&out));
        let report = stdout_json(&out);
        assert_eq!(
            report["schema"].as_str(),
            Some(chatsky.version),
            "put {key} chose the wrong schema: {report}"
        );
        assert_eq!(
            get_raw(&mut redis.db(), &copy).unwrap(),
            doc.as_bytes(),
            "put {key} changed bytes"
        );
        let back = chatsky.ok(&["get", "--url", &url, "--key", &copy], None);
        assert_eq!(
            back["dump"].as_str().unwrap(),
            doc,
            "Chatsky {} reads {key} differently",
            chatsky.version
        );
    }
}

#[test]
fn chatsky_09_writes_we_read() {
    chatsky_writes_we_read(Chatsky::v09());
}

#[test]
fn chatsky_08_writes_we_read() {
    chatsky_writes_we_read(Chatsky::v08());
}

#[test]
fn chatsky_07_writes_we_read() {
    chatsky_writes_we_read(Chatsky::v07());
}

#[test]
fn we_write_chatsky_09_reads() {
    we_write_chatsky_reads(
        Chatsky::v09(),
        &[("live", 5)],
        Some("chatsky-0.9.0-legacy.jsonl"),
    );
}

#[test]
fn we_write_chatsky_08_reads() {
    we_write_chatsky_reads(
        Chatsky::v08(),
        &[("live", 5)],
        Some("chatsky-0.8.0-legacy.jsonl"),
    );
}

/// dff 0.7 has no fixture file: several contexts written live by dff's own pipeline instead, from
/// a single turn to more than two rounds of the flow (every node, the extracted name in misc).
#[test]
fn we_write_chatsky_07_reads() {
    we_write_chatsky_reads(
        Chatsky::v07(),
        &[
            ("one-turn", 1),
            ("live", 5),
            ("two-rounds", 9),
            ("edge-ünïcødé-ключ", 4),
        ],
        None,
    );
}

/// A dff 0.7 document `put` into an empty database: nothing stored to go by, so the schema comes
/// from the document's own shape (validation/framework_states), and dff reads the same bytes.
/// An int `ctx_id` gives a JSON number `id`, stored under the key `42`.
#[test]
fn put_targets_07_from_the_document_alone() {
    let written = Redis::start();
    let url = written.url();
    let dff = Chatsky::v07();
    dff.ok(
        &[
            "run",
            "--url",
            &url,
            "--key",
            "42",
            "--turns",
            "3",
            "--key-type",
            "int",
        ],
        None,
    );
    let doc = String::from_utf8(get_raw(&mut written.db(), "42").unwrap()).unwrap();
    assert!(doc.starts_with(r#"{"id":42,"#), "{doc}");
    let empty = Redis::start();
    let out = empty
        .cmd()
        .args(["-f", "json", "put", "42"])
        .write_stdin(doc.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout_json(&out);
    assert_eq!(report["schema"], "0.7", "{report}");
    assert!(
        report["notes"][0]
            .as_str()
            .is_some_and(|n| n.contains("the document's own shape")),
        "{report}"
    );
    assert_eq!(get_raw(&mut empty.db(), "42").unwrap(), doc.as_bytes());
    let back = dff.ok(&["get", "--url", &empty.url(), "--key", "42"], None);
    assert_eq!(back["dump"].as_str().unwrap(), doc);
}

#[test]
fn put_never_gives_a_08_deployment_09_labels() {
    let redis = Redis::start();
    let url = redis.url();
    let chatsky = Chatsky::v08();
    chatsky.ok(
        &["run", "--url", &url, "--key", "existing", "--turns", "2"],
        None,
    );
    // A document with 0.9-shaped labels, put into a database a 0.8 bot writes.
    let doc =
        json!({"id": "new", "labels": {"0": {"flow_name": "f", "node_name": "n"}}}).to_string();
    // Chatsky 0.8 rejects object labels, so put refuses, says why it targeted 0.8, writes nothing.
    let out = redis
        .cmd()
        .args(["put", "new"])
        .write_stdin(doc.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("labels.0"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("schema 0.8 because the database holds"),
        "{}",
        stderr(&out)
    );
    assert_eq!(get_raw(&mut redis.db(), "new"), None);
    // The same labels as 0.8 pairs are stored and read by the 0.8 bot.
    let doc = json!({"id": "new", "labels": {"0": ["f", "n"]}}).to_string();
    redis
        .cmd()
        .args(["put", "new"])
        .write_stdin(doc)
        .assert()
        .code(0);
    let read = chatsky.ok(&["get", "--url", &url, "--key", "new"], None);
    assert!(
        read["dump"]
            .as_str()
            .unwrap()
            .contains(r#""labels":{"0":["f","n"]}"#),
        "{read}"
    );
}

/// Every row of the model's matrix (tests/fixtures/matrix.jsonl) gets the same verdict, and for
/// accepted rows the same stored bytes, from the real package. The verdict compared is "would
/// Chatsky's set_item store it": read with its read path, then written with model_dump_json.
fn matrix_agrees_with(chatsky: Chatsky) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/matrix.jsonl");
    let text = std::fs::read_to_string(path).expect("tests/fixtures/matrix.jsonl");
    let rows: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["schema"] == chatsky.version)
        .collect();
    assert!(!rows.is_empty(), "no matrix rows for {}", chatsky.version);
    let cases: String = rows
        .iter()
        .map(|r| json!({"name": r["name"], "input": r["input"]}).to_string() + "\n")
        .collect();
    let mut cmd = Command::new(&chatsky.python);
    cmd.arg(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/interop/chatsky_io.py"
    ))
    .arg("normalize");
    let out = assert_cmd::Command::from_std(cmd)
        .write_stdin(cases)
        .output()
        .unwrap();
    let answers: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), rows.len(), "{}", stderr(&out));
    let mut disagreements = Vec::new();
    for (row, real) in rows.iter().zip(&answers) {
        // `get --check`'s prediction of Chatsky's read, and of its next write.
        let schema = row["schema"].as_str().unwrap().parse().unwrap();
        let predicted = match model::check(row["input"].as_str().unwrap().as_bytes(), schema) {
            model::Verdict::Loads { .. } => "loads",
            model::Verdict::LoadsButNotWritable { .. } => "loads, not its next write",
            model::Verdict::Missing { .. } | model::Verdict::Fails { .. } => "fails",
        };
        let real_read = match (real["verdict"].as_str(), real["stage"].as_str()) {
            (Some("accept"), Some("dump")) => "loads, not its next write",
            (Some("accept"), _) => "loads",
            _ => "fails",
        };
        if predicted != real_read {
            disagreements.push(format!(
                "{}: get --check says {predicted}, Chatsky {real_read} ({})",
                row["name"], real["error"]
            ));
        }
        let ours = row["verdict"].as_str().unwrap();
        // Read but not writable back (stage "dump"): Chatsky's set_item could never store it,
        // which is the verdict that matters for what we store.
        let stores = if real["stage"] == "dump" {
            json!("reject")
        } else {
            real["verdict"].clone()
        };
        if stores != ours {
            disagreements.push(format!(
                "{}: we {ours}, Chatsky {} ({})",
                row["name"], real["verdict"], real["error"]
            ));
        } else if ours == "accept" && row["random_id"] != true && real["output"] != row["output"] {
            disagreements.push(format!(
                "{}: we write {}, Chatsky writes {}",
                row["name"], row["output"], real["output"]
            ));
        }
    }
    assert!(
        disagreements.is_empty(),
        "Chatsky {} disagrees:\n{}",
        chatsky.version,
        disagreements.join("\n")
    );
}

#[test]
fn matrix_agrees_with_chatsky_09() {
    matrix_agrees_with(Chatsky::v09());
}

#[test]
fn matrix_agrees_with_chatsky_08() {
    matrix_agrees_with(Chatsky::v08());
}

#[test]
fn matrix_agrees_with_chatsky_07() {
    matrix_agrees_with(Chatsky::v07());
}

/// Python's `json.loads` (what Chatsky reads stored bytes with) and our parser accept and refuse
/// the same texts: a corpus of edge cases plus thousands of byte-level mutations of real
/// contexts. The tool refuses only what Chatsky could read but never write back (lone
/// surrogates); both stop at about 1000 levels of nesting.
#[test]
fn parser_agrees_with_pythons_json_loads() {
    use base64::Engine as _;
    const PY: &str = r#"
import base64, json, sys
def lone(v):
    # Without recursion: Python's own would stop at half the depth json.loads reads.
    todo = [v]
    while todo:
        v = todo.pop()
        if isinstance(v, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in v):
            return True
        if isinstance(v, list):
            todo.extend(v)
        if isinstance(v, dict):
            todo.extend(v.keys())
            todo.extend(v.values())
    return False
out = []
for line in sys.stdin.read().split("\n"):
    raw = base64.b64decode(line[1:])
    try:
        v = json.loads(raw.decode("utf-8"))
        out.append("lone" if lone(v) else "ok")
    except RecursionError:
        out.append("deep")
    except (ValueError, UnicodeDecodeError):
        out.append("err")
print(json.dumps(out))
"#;
    let inputs = common::json_corpus();
    let b64 = base64::engine::general_purpose::STANDARD;
    // One input a line, after a marker so that an empty input is still a line.
    let stdin: Vec<String> = inputs
        .iter()
        .map(|i| format!("x{}", b64.encode(i)))
        .collect();
    let chatsky = Chatsky::v09();
    let out = Command::new(&chatsky.python)
        .arg("-c")
        .arg(PY)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(stdin.join("\n").as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    let verdicts: Vec<String> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdicts.len(), inputs.len());
    let mut accepted = 0;
    for (input, python) in inputs.iter().zip(&verdicts) {
        let ours = chatsky_redis::model::parse(input);
        let shown = String::from_utf8_lossy(input);
        match (python.as_str(), &ours) {
            ("ok", Ok(_)) => accepted += 1,
            ("err", Err(_)) => {}
            ("lone", Err(e)) => assert!(e.message.contains("surrogate"), "{shown}: {e}"),
            ("deep", Err(e)) => assert!(e.message.contains("levels deep"), "{shown}: {e}"),
            (py, ours) => panic!("python says {py}, we say {ours:?} for {shown:?}"),
        }
    }
    assert!(
        accepted > 100,
        "the corpus should hold valid documents too ({accepted})"
    );
}

/// The same `rediss://` URL, with its private CA, client certificate and password, reaches the
/// same database from Chatsky (through redis-py's `from_url`) and from this tool: each reads
/// what the other wrote. The server wants a client certificate and a password.
fn one_tls_url_for_chatsky_and_us(chatsky: Chatsky) {
    use common::certs::{file, Ca};
    let dir = tempfile::tempdir().unwrap();
    let ca = Ca::new("interop CA");
    let server = ca.server(&["localhost"]);
    let client = ca.client("bot");
    let path = |name: &str, text: &str| file(dir.path(), name, text).display().to_string();
    let (ca_file, client_cert, client_key) = (
        path("ca.pem", &ca.pem()),
        path("client.pem", &client.cert),
        path("client.key", &client.key),
    );
    let redis = Redis::start_on_port(
        "--tls-port",
        &[
            "--port",
            "0",
            "--tls-cert-file",
            &path("server.pem", &server.cert),
            "--tls-key-file",
            &path("server.key", &server.key),
            "--tls-ca-cert-file",
            &ca_file,
            "--tls-auth-clients",
            "yes",
            "--requirepass",
            "bot-pass",
        ],
    );
    let url = format!(
        "rediss://:bot%2Dpass@localhost:{}/0?ssl_ca_certs={ca_file}&ssl_certfile={client_cert}\
         &ssl_keyfile={client_key}",
        redis.port
    );
    let tool = || {
        let mut cmd = common::bin();
        cmd.env("CHATSKY_REDIS_URL", &url);
        cmd
    };
    chatsky.ok(
        &["run", "--url", &url, "--key", "alice", "--turns", "2"],
        None,
    );
    let dump = chatsky.ok(&["get", "--url", &url, "--key", "alice"], None)["dump"].clone();
    let out = tool().args(["get", "alice"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{}\n", dump.as_str().unwrap()));
    let out = tool()
        .args(["put", "bob"])
        .write_stdin(dump.as_str().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let back = chatsky.ok(&["get", "--url", &url, "--key", "bob"], None);
    assert_eq!(back["dump"], dump);
}

#[test]
fn one_tls_url_for_chatsky_09_and_us() {
    one_tls_url_for_chatsky_and_us(Chatsky::v09());
}

#[test]
fn one_tls_url_for_chatsky_08_and_us() {
    one_tls_url_for_chatsky_and_us(Chatsky::v08());
}

#[test]
fn one_tls_url_for_dff_07_and_us() {
    one_tls_url_for_chatsky_and_us(Chatsky::v07());
}
