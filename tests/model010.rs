//! The chatsky 0.10 model (`model::v010`) against what the released package does: the rows of
//! `tests/fixtures/matrix10.jsonl` (each one chatsky 0.10.0's own verdict and output for a stored
//! value, re-checked against the live package by `tests/interop10.rs`) and the hashes chatsky
//! 0.10.0 wrote in its tutorials (`tests/fixtures/chatsky-0.10.0-hashes.jsonl`).

mod common;

use chatsky_redis::model::v010::{self, Form, Stored, MAIN, TURNS};
use chatsky_redis::model::{Options, Schema, Verdict};
use serde_json::Value;

fn opts() -> Options {
    Options::new(Schema::V010)
}

/// One matrix row's value as chatsky 0.10 read it: its verdict, the stage of a failure, and
/// what it writes back.
fn ours(kind: &str, input: &Value) -> (&'static str, Option<&'static str>, Option<Value>) {
    let read = |place: &str, text: &str| v010::read_value(place, text, &opts());
    if kind != "main" {
        let place = if kind == "label" {
            "labels"
        } else {
            "requests"
        };
        return match read(place, input.as_str().unwrap()) {
            Ok(Ok(out)) => ("accept", None, Some(Value::String(out))),
            Ok(Err(_)) => ("accept", Some("dump"), None),
            Err(_) => ("reject", Some("read"), None),
        };
    }
    let fields = input.as_object().unwrap();
    let stored = Stored {
        main: fields
            .iter()
            .map(|(k, v)| {
                (
                    k.clone().into_bytes(),
                    v.as_str().unwrap().as_bytes().to_vec(),
                )
            })
            .collect(),
        ..Stored::default()
    };
    match v010::check(&stored, &opts()) {
        Verdict::Loads { .. } => {
            let out = MAIN
                .iter()
                .map(|f| {
                    let written = read(f, fields[*f].as_str().unwrap()).unwrap().unwrap();
                    (f.to_string(), Value::String(written))
                })
                .collect();
            ("accept", None, Some(Value::Object(out)))
        }
        Verdict::LoadsButNotWritable { .. } => ("accept", Some("dump"), None),
        Verdict::Missing { .. } | Verdict::Fails { .. } => ("reject", Some("read"), None),
    }
}

#[test]
fn matrix10_rows_hold() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/matrix10.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let mut wrong = Vec::new();
    let mut rows = 0;
    for line in text.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        rows += 1;
        let (verdict, stage, output) = ours(row["kind"].as_str().unwrap(), &row["input"]);
        let expected = (
            row["verdict"].as_str().unwrap(),
            row["stage"].as_str(),
            (!row["output"].is_null()).then(|| row["output"].clone()),
        );
        if (verdict, stage, output.clone()) != expected {
            wrong.push(format!(
                "{}: chatsky 0.10 {expected:?} ({}), we {:?}",
                row["name"],
                row["error"],
                (verdict, stage, output)
            ));
        }
    }
    assert!(rows > 200, "matrix10 has {rows} rows");
    assert!(
        wrong.is_empty(),
        "{} of {rows} rows differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The tutorial contexts chatsky 0.10.0 stored, by prefix and id.
fn fixture_contexts() -> Vec<(String, String, Stored)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/chatsky-0.10.0-hashes.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut contexts: Vec<(String, String, Stored)> = Vec::new();
    for line in text.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        let key = row["key"].as_str().unwrap();
        let fields: Vec<(Vec<u8>, Vec<u8>)> = row["fields"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                (
                    k.clone().into_bytes(),
                    v.as_str().unwrap().as_bytes().to_vec(),
                )
            })
            .collect();
        let (prefix, id, hash) = match key.split_once(":main:") {
            Some((prefix, id)) => (prefix, id.to_string(), None),
            None => {
                let (prefix, rest) = key.split_once(":turns:").unwrap();
                let (id, field) = rest.rsplit_once(':').unwrap();
                let at = TURNS.iter().position(|t| *t == field).unwrap();
                (prefix, id.to_string(), Some(at))
            }
        };
        let at = match contexts
            .iter()
            .position(|(p, i, _)| p == prefix && *i == id)
        {
            Some(at) => at,
            None => {
                contexts.push((prefix.to_string(), id.clone(), Stored::default()));
                contexts.len() - 1
            }
        };
        match hash {
            None => contexts[at].2.main = fields,
            Some(i) => contexts[at].2.turns[i] = fields,
        }
    }
    contexts
}

/// A context's hash fields as text: the main fields, then each turn hash sorted (a hash has no
/// order).
type Texts = (Vec<(String, String)>, Vec<Vec<(String, String)>>);

fn normal(fields: &v010::Fields) -> Texts {
    let main = fields
        .main
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let turns = fields
        .turns
        .iter()
        .map(|t| {
            let mut t = t.clone();
            t.sort();
            t
        })
        .collect();
    (main, turns)
}

fn stored_as_fields(stored: &Stored) -> Texts {
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
    let main = MAIN
        .iter()
        .map(|f| (f.to_string(), text(stored.main_field(f).unwrap())))
        .collect();
    let turns = stored
        .turns
        .iter()
        .map(|t| {
            let mut t: Vec<_> = t.iter().map(|(k, v)| (text(k), text(v))).collect();
            t.sort();
            t
        })
        .collect();
    (main, turns)
}

#[test]
fn fixtures_load_compose_and_decompose_byte_for_byte() {
    let contexts = fixture_contexts();
    assert_eq!(contexts.len(), 10);
    for (prefix, id, stored) in &contexts {
        let verdict = v010::check(stored, &opts());
        assert!(
            matches!(
                verdict,
                Verdict::Loads {
                    rewritten: false,
                    ..
                }
            ),
            "{prefix}:{id}: {verdict:?}"
        );
        let doc = v010::compose(id, stored).unwrap();
        assert!(doc.strict, "{id}");
        let parsed: Value = serde_json::from_str(&doc.text).unwrap();
        assert_eq!(parsed["id"], id.as_str());
        for canonical in [false, true] {
            let (fields, doc_id) = v010::decompose(&doc.text, Form::Document, &opts(), canonical)
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(doc_id.as_deref(), Some(id.as_str()));
            assert_eq!(
                normal(&fields),
                stored_as_fields(stored),
                "{id} canonical={canonical}"
            );
        }
        let hashes = v010::fields_form(stored).unwrap();
        let (fields, _) = v010::decompose(&hashes, Form::Hashes, &opts(), false).unwrap();
        assert_eq!(normal(&fields), stored_as_fields(stored), "{id} as hashes");
    }
}

#[test]
fn integers_stand_as_stored_and_odd_ones_as_strings() {
    let mut stored = fixture_contexts().remove(0).2;
    for (field, value) in stored.main.iter_mut() {
        if field == b"current_turn_id" {
            *value = b" 11 ".to_vec();
        }
    }
    let doc = v010::compose("u", &stored).unwrap();
    assert!(
        doc.text.contains(r#""current_turn_id":" 11 ""#),
        "{}",
        doc.text
    );
    let (fields, _) = v010::decompose(&doc.text, Form::Document, &opts(), false).unwrap();
    assert_eq!(fields.main[0], ("current_turn_id", " 11 ".to_string()));
    let (fields, _) = v010::decompose(&doc.text, Form::Document, &opts(), true).unwrap();
    assert_eq!(fields.main[0], ("current_turn_id", "11".to_string()));
}

#[test]
fn what_chatsky_cannot_load_is_named() {
    let base = fixture_contexts().remove(0).2;
    let fails = |change: &dyn Fn(&mut Stored)| {
        let mut stored = base.clone();
        change(&mut stored);
        match v010::check(&stored, &opts()) {
            Verdict::Fails { why } => why,
            other => panic!("expected a failure, got {other:?}"),
        }
    };
    let why = fails(&|s| s.main.retain(|(f, _)| f != b"misc"));
    assert!(why.contains("no `misc` field"), "{why}");
    let why = fails(&|s| s.turns[1].push((b"x".to_vec(), b"{}".to_vec())));
    assert!(why.contains("\"x\", which is not an integer"), "{why}");
    let why = fails(&|s| s.turns[2][0].1 = br#"{"text":5}"#.to_vec());
    assert!(why.starts_with("at `responses."), "{why}");
    assert!(why.contains("text"), "{why}");
    let why = fails(&|s| s.turns[0][0].1 = br#"{"flow_name":"\ud800","node_name":"x"}"#.to_vec());
    assert!(why.contains("labels."), "{why}");
}
