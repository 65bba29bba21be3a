//! `model::convert` on its own (no Redis): the mapping of each version's shapes, and what is
//! refused or noted rather than silently changed. The real packages' view of the same is in
//! `interop_migrate.rs`.

use chatsky_redis::model::convert::{
    legacy_to_v010, v010_stored_to_legacy, v010_to_legacy, Failed, StartLabel, ToLegacy, ToV010,
};
use chatsky_redis::model::pickle::Patterns;
use chatsky_redis::model::v010::{Fields, Form, Stored};
use chatsky_redis::model::Schema;
use serde_json::{json, Value};

/// No globals beyond Chatsky's own.
fn no_globals() -> &'static Patterns {
    static NONE: std::sync::OnceLock<Patterns> = std::sync::OnceLock::new();
    NONE.get_or_init(Patterns::default)
}

const NOW: u128 = 1_700_000_000_000_000_000;

fn to_010(key: &str, doc: &str, start: Option<&str>) -> Result<Fields, Failed> {
    let label: Option<StartLabel> = start.map(|s| s.parse().unwrap());
    let opts = ToV010 {
        start_label: label.as_ref(),
        now: NOW,
        allow_unsafe_pickles: false,
        pickle_globals: no_globals(),
    };
    legacy_to_v010(key, doc.as_bytes(), &opts)
}

fn turn(fields: &Fields, dict: usize, n: &str) -> Value {
    let (_, text) = fields.turns[dict]
        .iter()
        .find(|(k, _)| k == n)
        .unwrap_or_else(|| panic!("no turn {n} in {:?}", fields.turns[dict]));
    serde_json::from_str(text).unwrap()
}

fn main_field<'f>(fields: &'f Fields, name: &str) -> &'f str {
    &fields.main.iter().find(|(f, _)| *f == name).unwrap().1
}

fn noted(notes: &[String], part: &str) -> bool {
    notes.iter().any(|n| n.contains(part))
}

/// The spec's dff 0.7 example (2.3), with a turn more and leftover framework states.
const DFF_07: &str = r#"{"id":"edge-dff","labels":{"0":["greeting_flow","node1"]},
 "requests":{"0":{"text":"Hi","commands":[{"command":"/start"}],"attachments":{"files":[{"source":"https://example.com/a.png","id":null,"title":"pic"}]},"annotations":{"when":"2024-01-02T03:04:05"},"misc":{"bytes_utf8":"abc"},"location":{"longitude":1.5,"latitude":2.0},"ui":{"buttons":[{"source":null,"text":"ok","payload":"p"}]}}},
 "responses":{"0":{"text":"Hi, how are you?","commands":null,"attachments":null,"annotations":null,"misc":null}},
 "misc":{"float_big":1e16,"dt":"2024-01-02T00:00:00"},"validation":true,"framework_states":{"actor":{}}}"#;

#[test]
fn dff_07_messages_attachments_and_states() {
    let fields = to_010("edge-dff", DFF_07, Some("greeting_flow:start_node")).unwrap();
    assert_eq!(
        turn(&fields, 0, "0"),
        json!({"flow_name": "greeting_flow", "node_name": "start_node"})
    );
    assert_eq!(
        turn(&fields, 0, "1"),
        json!({"flow_name": "greeting_flow", "node_name": "node1"})
    );
    let request = turn(&fields, 1, "1");
    assert_eq!(request["origin"], Value::Null);
    assert_eq!(request["commands"], json!([{"command": "/start"}]));
    assert_eq!(
        request["attachments"],
        json!([{"chatsky_attachment_type": "document", "source": "https://example.com/a.png",
                "use_cache": true, "cached_filename": null, "id": null, "title": "pic"}])
    );
    assert_eq!(
        request["location"],
        json!({"longitude": 1.5, "latitude": 2.0})
    );
    // No commands in a response that had none; float spelled as pydantic >= 2.13 does.
    assert!(turn(&fields, 2, "1").get("commands").is_none());
    assert_eq!(
        main_field(&fields, "misc"),
        r#"{"float_big":1e+16,"dt":"2024-01-02T00:00:00"}"#
    );
    assert_eq!(
        main_field(&fields, "framework_data"),
        r#"{"stats":{},"slot_manager":{"slot_storage":{}}}"#
    );
    assert_eq!(main_field(&fields, "current_turn_id"), "1");
    assert_eq!(main_field(&fields, "created_at"), NOW.to_string());
    for part in [
        "set to greeting_flow:start_node (--start-label): dff 0.7 never stores one",
        "written as chatsky 0.10 `document` attachments",
        "`commands` kept as an extra field",
        "`validation: true` dropped",
        "framework_states dropped",
        "created_at and updated_at set to the migration time",
    ] {
        assert!(noted(&fields.notes, part), "{part}: {:?}", fields.notes);
    }
}

#[test]
fn fields_the_target_would_read_as_something_else_are_refused() {
    let with_origin = r#"{"id":"x","labels":{"0":{"flow_name":"f","node_name":"n"}},"requests":{"1":{"text":"hi","origin":"mine"}}}"#;
    let err = to_010("x", with_origin, None).unwrap_err();
    assert!(matches!(err, Failed::Carry(_)), "{err}");
    assert!(err.to_string().contains("at `requests.1.origin`"), "{err}");
    let marker_07 = r#"{"id":"x","labels":{},"requests":{"0":{"text":"hi","misc":{"__pickled_extra_fields__":["a"],"a":"gAROLg==\n"}}},"validation":false}"#;
    let err = to_010("x", marker_07, Some("f:n")).unwrap_err();
    assert!(
        err.to_string().contains("__pickled_extra_fields__"),
        "{err}"
    );
    // Back: a 0.10 Message's extra `original_message`, which 0.9 would unpickle.
    let doc = r#"{"id":"y","current_turn_id":1,"created_at":1,"updated_at":1,"misc":{},"framework_data":{},"labels":{"0":{"flow_name":"f","node_name":"n"}},"requests":{"1":{"text":"hi","original_message":"gAROLg==\n"}}}"#;
    let opts = ToLegacy {
        schema: Schema::V09,
        allow_unsafe_pickles: false,
        pickle_globals: no_globals(),
    };
    let err = v010_to_legacy("y", doc, Form::Document, &opts).unwrap_err();
    assert!(
        err.to_string().contains("at `requests.1.original_message`"),
        "{err}"
    );
}

#[test]
fn turn_numbering_follows_the_writer_not_the_label_shape() {
    // A 0.8 context that chatsky 0.9 went on with: object labels, requests from 0.
    let continued = r#"{"id":"c","labels":{"0":{"flow_name":"f","node_name":"a"},"1":{"flow_name":"f","node_name":"b"}},"requests":{"0":{"text":"one"},"1":{"text":"two"}},"responses":{"0":{"text":"r1"},"1":{"text":"r2"}},"misc":{},"framework_data":{}}"#;
    let fields = to_010("c", continued, Some("f:start")).unwrap();
    assert_eq!(turn(&fields, 1, "1")["text"], "one");
    assert_eq!(turn(&fields, 0, "2")["node_name"], "b");
    assert_eq!(turn(&fields, 0, "0")["node_name"], "start");
    assert_eq!(main_field(&fields, "current_turn_id"), "2");
    // A 0.9 context trimmed by Chatsky (no labels["0"]) keeps its numbers, and says so.
    let trimmed = r#"{"id":"t","labels":{"11":{"flow_name":"f","node_name":"a"}},"requests":{"11":{"text":"x"}},"responses":{},"misc":{},"framework_data":{}}"#;
    let fields = to_010("t", trimmed, None).unwrap();
    assert_eq!(turn(&fields, 1, "11")["text"], "x");
    assert!(noted(
        &fields.notes,
        "no start label at labels[0] (this context has none)"
    ));
    // Turn numbers beyond 64 bits are numbers like any other.
    let big = r#"{"id":"b","labels":{"18446744073709551615":["f","n"]},"requests":{"18446744073709551615":{"text":"x","attachments":null,"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#;
    let fields = to_010("b", big, Some("f:s")).unwrap();
    assert_eq!(turn(&fields, 1, "18446744073709551616")["text"], "x");
    assert_eq!(
        main_field(&fields, "current_turn_id"),
        "18446744073709551616"
    );
}

#[test]
fn ids_and_original_messages() {
    let doc = r#"{"id":42,"labels":{"0":{"flow_name":"f","node_name":"n"}},"requests":{"1":{"text":"hi","attachments":null,"annotations":null,"misc":null,"original_message":"gASVBwAAAAAAAACMA3Jhd5Qu\n"}},"responses":{},"misc":{},"framework_data":{}}"#;
    let fields = to_010("42", doc, None).unwrap();
    assert_eq!(
        turn(&fields, 1, "1")["origin"],
        json!({"message": "gASVBwAAAAAAAACMA3Jhd5Qu\n", "interface": null})
    );
    assert!(noted(&fields.notes, "the integer id becomes the string id"));
    assert!(noted(
        &fields.notes,
        "original_message carried as origin.message"
    ));
    let fields = to_010("other-key", doc, None).unwrap();
    assert!(noted(
        &fields.notes,
        "the document's id differs from its key"
    ));
}

/// A 0.10 context with an interface, a start label, slots with `None`, and a `current_turn_id`
/// past its last turn.
fn stored_010() -> Stored {
    let h = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
            .collect()
    };
    Stored {
        main: h(&[
            ("current_turn_id", "3"),
            ("created_at", "1"),
            ("updated_at", "2"),
            ("misc", "{}"),
            (
                "framework_data",
                r#"{"stats":{},"slot_manager":{"slot_storage":{"g":{"s":{"is_slot_extracted":false,"extracted_value":null,"default_value":null}}}}}"#,
            ),
            ("extra", "x"),
        ]),
        turns: [
            h(&[
                ("0", r#"{"flow_name":"f","node_name":"start"}"#),
                ("1", r#"["f","a"]"#),
            ]),
            h(&[(
                "1",
                r#"{"text":"hi","origin":{"message":"gASVBwAAAAAAAACMA3Jhd5Qu\n","interface":"telegram"}}"#,
            )]),
            h(&[("1", r#""bare text""#)]),
        ],
        ..Stored::default()
    }
}

#[test]
fn back_to_09_and_08_with_what_has_no_legacy_home_noted() {
    for schema in [Schema::V09, Schema::V08] {
        let opts = ToLegacy {
            schema,
            allow_unsafe_pickles: false,
            pickle_globals: no_globals(),
        };
        let legacy = v010_stored_to_legacy("z", &stored_010(), &opts).unwrap();
        let doc: Value = serde_json::from_str(&legacy.json).unwrap();
        let (first, label) = match schema {
            Schema::V08 => ("0", json!(["f", "a"])),
            _ => ("1", json!({"flow_name": "f", "node_name": "a"})),
        };
        assert_eq!(doc["labels"][first], label, "{schema}");
        assert_eq!(
            doc["requests"][first]["original_message"],
            "gASVBwAAAAAAAACMA3Jhd5Qu\n"
        );
        assert_eq!(doc["responses"][first]["text"], "bare text");
        let slot = &doc["framework_data"]["slot_manager"]["slot_storage"]["g"]["s"];
        let none = match schema {
            Schema::V08 => json!("gAROLg==\n"),
            _ => Value::Null,
        };
        assert_eq!(
            (&slot["extracted_value"], &slot["default_value"]),
            (&none, &none)
        );
        for part in [
            "origin.interface \"telegram\" not carried",
            "created_at and updated_at not carried",
            "current_turn_id not carried",
            "main hash field \"extra\" not carried",
        ] {
            assert!(
                noted(&legacy.notes, part),
                "{schema} {part}: {:?}",
                legacy.notes
            );
        }
        assert_eq!(
            noted(&legacy.notes, "start label f:start (labels[0]) not carried"),
            schema == Schema::V08
        );
    }
}

#[test]
fn what_chatsky_08_cannot_read_fails_with_the_reason() {
    let mut stored = stored_010();
    stored.turns[2] = vec![(
        b"1".to_vec(),
        br#"{"text":"x","attachments":[{"chatsky_attachment_type":"hologram","x":1}]}"#.to_vec(),
    )];
    let opts = |schema| ToLegacy {
        schema,
        allow_unsafe_pickles: false,
        pickle_globals: no_globals(),
    };
    // 0.9 keeps an unknown attachment as a free-form one; 0.8's closed union refuses it.
    assert!(v010_stored_to_legacy("z", &stored, &opts(Schema::V09)).is_ok());
    let err = v010_stored_to_legacy("z", &stored, &opts(Schema::V08)).unwrap_err();
    assert!(
        matches!(
            err,
            Failed::Target {
                schema: Schema::V08,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("responses.0.attachments.0"),
        "{err}"
    );
    // A source chatsky 0.10 itself cannot read is refused as such.
    stored.turns[0].push((b"x".to_vec(), b"{}".to_vec()));
    let err = v010_stored_to_legacy("z", &stored, &opts(Schema::V09)).unwrap_err();
    assert!(
        err.to_string().contains("chatsky 0.10 does not load it"),
        "{err}"
    );
}

#[test]
fn unsafe_pickles_are_carried_only_when_allowed() {
    // A pickle of os.system: REDUCE of a global outside Chatsky's own.
    let evil = "gASVFAAAAAAAAACMBXBvc2l4lIwGc3lzdGVtlJOULg==\n";
    let doc = format!(
        r#"{{"id":"e","labels":{{"0":{{"flow_name":"f","node_name":"n"}}}},"requests":{{"1":{{"text":"hi","attachments":null,"annotations":null,"misc":null,"original_message":"{}"}}}},"responses":{{}},"misc":{{}},"framework_data":{{}}}}"#,
        evil.replace('\n', "\\n")
    );
    let err = to_010("e", &doc, None).unwrap_err();
    assert!(err.to_string().contains("--allow-unsafe-pickles"), "{err}");
    let opts = ToV010 {
        start_label: None,
        now: NOW,
        allow_unsafe_pickles: true,
        pickle_globals: no_globals(),
    };
    let fields = legacy_to_v010("e", doc.as_bytes(), &opts).unwrap();
    assert!(
        noted(&fields.notes, "unsafe: pickle at"),
        "{:?}",
        fields.notes
    );
}

#[test]
fn a_context_given_as_its_hashes_converts_too() {
    let hashes = r#"{"main":{"current_turn_id":"1","created_at":"1","updated_at":"2","misc":"{}","framework_data":"{}","extra":"x"},"labels":{"0":"{\"flow_name\":\"f\",\"node_name\":\"s\"}","1":"[\"f\",\"a\"]"},"requests":{"1":"\"hi\""},"responses":{}}"#;
    let opts = ToLegacy {
        schema: Schema::V09,
        allow_unsafe_pickles: false,
        pickle_globals: no_globals(),
    };
    let legacy = v010_to_legacy("h", hashes, Form::Hashes, &opts).unwrap();
    let doc: Value = serde_json::from_str(&legacy.json).unwrap();
    assert_eq!(doc["requests"]["1"]["text"], "hi");
    assert_eq!(
        doc["labels"]["1"],
        json!({"flow_name": "f", "node_name": "a"})
    );
    assert!(
        noted(&legacy.notes, "main hash field \"extra\" not carried"),
        "{:?}",
        legacy.notes
    );
    // A main field missing is what chatsky 0.10 refuses to load.
    let missing = hashes.replace(r#""updated_at":"2","#, "");
    let err = v010_to_legacy("h", &missing, Form::Hashes, &opts).unwrap_err();
    assert!(
        err.to_string()
            .contains("chatsky 0.10 does not load it: at `updated_at`"),
        "{err}"
    );
}
