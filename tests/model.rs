//! Tests of the Context document model against real Chatsky data and probes.

mod common;

use chatsky_redis::model::{
    self, canonicalize, detect, parse, pickle, ExponentStyle, Options, Schema,
};
use serde_json::Value;

fn fixtures() -> Vec<(Schema, String, String)> {
    let mut all = Vec::new();
    for (schema, file) in [
        (Schema::V08, "chatsky-0.8.0-legacy.jsonl"),
        (Schema::V09, "chatsky-0.9.0-legacy.jsonl"),
    ] {
        all.extend(
            common::fixture(file)
                .into_iter()
                .map(|f| (schema, f.key, f.value)),
        );
    }
    all
}

#[test]
fn fixtures_round_trip_byte_identical() {
    for (schema, key, stored) in fixtures() {
        let doc = parse(stored.as_bytes()).unwrap_or_else(|e| panic!("{schema} {key}: {e}"));
        let c = canonicalize(&doc, &Options::new(schema))
            .unwrap_or_else(|e| panic!("{schema} {key}: {e}"));
        assert_eq!(c.json, stored, "{schema} {key}");
        assert!(c.notes.is_empty(), "{schema} {key}: {:?}", c.notes);
    }
}

#[test]
fn fixtures_detected() {
    for (schema, key, stored) in fixtures() {
        let doc = parse(stored.as_bytes()).unwrap();
        assert_eq!(
            detect(&doc).schema,
            Some(schema),
            "{key}: {:?}",
            detect(&doc)
        );
        assert!(model::is_context(&doc));
        let verdict = model::check(stored.as_bytes(), schema);
        assert_eq!(
            verdict,
            model::Verdict::Loads {
                schema,
                rewritten: false,
                notes: vec![]
            }
        );
    }
}

/// Expected result of one table row.
enum Expect {
    /// Accepted; the exact bytes Chatsky writes.
    Accept(&'static str),
    /// Accepted with a freshly generated id; bytes equal once the uuid is masked.
    AcceptRandomId(&'static str),
    /// Rejected at this path.
    Reject(&'static str),
}
use Expect::{Accept, AcceptRandomId, Reject};

/// `(name, schema, stored input, expected)`. Every expected output was produced by the real
/// packages (dff 0.7.2, chatsky 0.8.0 + pydantic 2.7.4, chatsky 0.9.0 + pydantic 2.14.4)
/// running `Context.cast(json.loads(s))` / `Context.model_validate(json.loads(s))` and then
/// `model_dump_json()`; `tests/fixtures/matrix.jsonl` holds the same kind of rows (more of
/// them) for the interop suite to re-check against the real packages.
#[rustfmt::skip]
const TABLE: &[(&str, &str, &str, Expect)] = &[
    (r#"empty-object"#, r#"0.7"#, r#"{}"#, AcceptRandomId(r#"{"id":"cd19eea1-ef45-4e83-924c-3a040e6de3b9","labels":{},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"empty-object"#, r#"0.8"#, r#"{}"#, AcceptRandomId(r#"{"id":"a2fad0ec-4a62-4122-931f-74708052865b","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"empty-object"#, r#"0.9"#, r#"{}"#, AcceptRandomId(r#"{"id":"5b2f1366-7d3b-4fad-aa00-b4477d48a799","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"id-float-integral"#, r#"0.7"#, r#"{"id":5.0}"#, Accept(r#"{"id":5,"labels":{},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"id-float-integral"#, r#"0.8"#, r#"{"id":5.0}"#, Accept(r#"{"id":5,"labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"id-float-integral"#, r#"0.9"#, r#"{"id":5.0}"#, Accept(r#"{"id":5,"labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"id-true"#, r#"0.7"#, r#"{"id":true}"#, Accept(r#"{"id":1,"labels":{},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"id-true"#, r#"0.8"#, r#"{"id":true}"#, Accept(r#"{"id":1,"labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"id-true"#, r#"0.9"#, r#"{"id":true}"#, Accept(r#"{"id":1,"labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"id-big-int"#, r#"0.7"#, r#"{"id":18446744073709551617}"#, Accept(r#"{"id":18446744073709551617,"labels":{},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"id-big-int"#, r#"0.8"#, r#"{"id":18446744073709551617}"#, Accept(r#"{"id":18446744073709551617,"labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"id-big-int"#, r#"0.9"#, r#"{"id":18446744073709551617}"#, Accept(r#"{"id":18446744073709551617,"labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"id-null"#, r#"0.7"#, r#"{"id":null}"#, Reject(r#"id"#)),
    (r#"id-null"#, r#"0.8"#, r#"{"id":null}"#, Reject(r#"id"#)),
    (r#"id-null"#, r#"0.9"#, r#"{"id":null}"#, Reject(r#"id"#)),
    (r#"id-list"#, r#"0.7"#, r#"{"id":[1]}"#, Reject(r#"id"#)),
    (r#"id-list"#, r#"0.8"#, r#"{"id":[1]}"#, Reject(r#"id"#)),
    (r#"id-list"#, r#"0.9"#, r#"{"id":[1]}"#, Reject(r#"id"#)),
    (r#"id-non-integral-float"#, r#"0.7"#, r#"{"id":5.5}"#, Reject(r#"id"#)),
    (r#"id-non-integral-float"#, r#"0.8"#, r#"{"id":5.5}"#, Reject(r#"id"#)),
    (r#"id-non-integral-float"#, r#"0.9"#, r#"{"id":5.5}"#, Reject(r#"id"#)),
    (r#"duplicate-id-last-wins"#, r#"0.7"#, r#"{"id":1,"id":2}"#, Accept(r#"{"id":2,"labels":{},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"duplicate-id-last-wins"#, r#"0.8"#, r#"{"id":1,"id":2}"#, Accept(r#"{"id":2,"labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"duplicate-id-last-wins"#, r#"0.9"#, r#"{"id":1,"id":2}"#, Accept(r#"{"id":2,"labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"unknown-top-level-keys"#, r#"0.7"#, r#"{"id":"u","extra":1,"another":{"x":[1]}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"unknown-top-level-keys"#, r#"0.8"#, r#"{"id":"u","extra":1,"another":{"x":[1]}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"unknown-top-level-keys"#, r#"0.9"#, r#"{"id":"u","extra":1,"another":{"x":[1]}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"misc-nan-infinity"#, r#"0.7"#, r#"{"id":"u","misc":{"x":NaN,"y":Infinity,"z":[-Infinity,1.5]}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"x":null,"y":null,"z":[null,1.5]},"validation":false,"framework_states":{}}"#)),
    (r#"misc-nan-infinity"#, r#"0.8"#, r#"{"id":"u","misc":{"x":NaN,"y":Infinity,"z":[-Infinity,1.5]}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"x":null,"y":null,"z":[null,1.5]},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"misc-nan-infinity"#, r#"0.9"#, r#"{"id":"u","misc":{"x":NaN,"y":Infinity,"z":[-Infinity,1.5]}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"x":null,"y":null,"z":[null,1.5]},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"misc-floats"#, r#"0.7"#, r#"{"id":"u","misc":{"a":1.0,"b":100.0,"c":0.00001,"d":9999000000000000.0,"e":-0.0,"f":3.916667,"g":1E2,"h":0.1,"i":123456.789}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"a":1.0,"b":100.0,"c":0.00001,"d":9999000000000000.0,"e":-0.0,"f":3.916667,"g":100.0,"h":0.1,"i":123456.789},"validation":false,"framework_states":{}}"#)),
    (r#"misc-floats"#, r#"0.8"#, r#"{"id":"u","misc":{"a":1.0,"b":100.0,"c":0.00001,"d":9999000000000000.0,"e":-0.0,"f":3.916667,"g":1E2,"h":0.1,"i":123456.789}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"a":1.0,"b":100.0,"c":0.00001,"d":9999000000000000.0,"e":-0.0,"f":3.916667,"g":100.0,"h":0.1,"i":123456.789},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"misc-floats"#, r#"0.9"#, r#"{"id":"u","misc":{"a":1.0,"b":100.0,"c":0.00001,"d":9999000000000000.0,"e":-0.0,"f":3.916667,"g":1E2,"h":0.1,"i":123456.789}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"a":1.0,"b":100.0,"c":0.00001,"d":9999000000000000.0,"e":-0.0,"f":3.916667,"g":100.0,"h":0.1,"i":123456.789},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"misc-big-ints"#, r#"0.7"#, r#"{"id":"u","misc":{"a":1180591620717411303424,"b":-18446744073709551617,"c":-0}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"a":1180591620717411303424,"b":-18446744073709551617,"c":0},"validation":false,"framework_states":{}}"#)),
    (r#"misc-big-ints"#, r#"0.8"#, r#"{"id":"u","misc":{"a":1180591620717411303424,"b":-18446744073709551617,"c":-0}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"a":1180591620717411303424,"b":-18446744073709551617,"c":0},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"misc-big-ints"#, r#"0.9"#, r#"{"id":"u","misc":{"a":1180591620717411303424,"b":-18446744073709551617,"c":-0}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"a":1180591620717411303424,"b":-18446744073709551617,"c":0},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"misc-strings-escaping"#, r#"0.7"#, r#"{"id": "u", "misc": {"s": "a\"b\\c\n\r\t\b\f\u0001\u001f\u007f/\u2028\u2029\ufeff \u00e9 \u043a\u043b\u044e\u0447 \ud83d\ude00"}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"s":"a\"b\\c\n\r\t\b\f\u0001\u001f/  ﻿ é ключ 😀"},"validation":false,"framework_states":{}}"#)),
    (r#"misc-strings-escaping"#, r#"0.8"#, r#"{"id": "u", "misc": {"s": "a\"b\\c\n\r\t\b\f\u0001\u001f\u007f/\u2028\u2029\ufeff \u00e9 \u043a\u043b\u044e\u0447 \ud83d\ude00"}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"s":"a\"b\\c\n\r\t\b\f\u0001\u001f/  ﻿ é ключ 😀"},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"misc-strings-escaping"#, r#"0.9"#, r#"{"id": "u", "misc": {"s": "a\"b\\c\n\r\t\b\f\u0001\u001f\u007f/\u2028\u2029\ufeff \u00e9 \u043a\u043b\u044e\u0447 \ud83d\ude00"}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{"s":"a\"b\\c\n\r\t\b\f\u0001\u001f/  ﻿ é ключ 😀"},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"labels-key-leading-zero"#, r#"0.7"#, r#"{"id":"u","labels":{"01":["f","n"]}}"#, Accept(r#"{"id":"u","labels":{"1":["f","n"]},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"labels-key-leading-zero"#, r#"0.8"#, r#"{"id":"u","labels":{"01":["f","n"]}}"#, Accept(r#"{"id":"u","labels":{"1":["f","n"]},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"labels-key-float"#, r#"0.7"#, r#"{"id":"u","labels":{"1.0":["f","n"]}}"#, Accept(r#"{"id":"u","labels":{"1":["f","n"]},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"labels-key-float"#, r#"0.8"#, r#"{"id":"u","labels":{"1.0":["f","n"]}}"#, Accept(r#"{"id":"u","labels":{"1":["f","n"]},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"labels-key-space"#, r#"0.7"#, r#"{"id":"u","labels":{" 1":["f","n"]}}"#, Accept(r#"{"id":"u","labels":{"1":["f","n"]},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"labels-key-space"#, r#"0.8"#, r#"{"id":"u","labels":{" 1":["f","n"]}}"#, Accept(r#"{"id":"u","labels":{"1":["f","n"]},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"labels-keys-sorted-and-big"#, r#"0.7"#, r#"{"id":"u","labels":{"18446744073709551617":["a","b"],"-1":["c","d"],"10":["e","f"],"2":["g","h"]}}"#, Accept(r#"{"id":"u","labels":{"-1":["c","d"],"2":["g","h"],"10":["e","f"],"18446744073709551617":["a","b"]},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"labels-keys-sorted-and-big"#, r#"0.8"#, r#"{"id":"u","labels":{"18446744073709551617":["a","b"],"-1":["c","d"],"10":["e","f"],"2":["g","h"]}}"#, Accept(r#"{"id":"u","labels":{"-1":["c","d"],"2":["g","h"],"10":["e","f"],"18446744073709551617":["a","b"]},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"labels-key-collision"#, r#"0.7"#, r#"{"id":"u","labels":{"1":["a","b"],"2":["c","d"],"01":["e","f"]}}"#, Accept(r#"{"id":"u","labels":{"1":["e","f"],"2":["c","d"]},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"labels-key-collision"#, r#"0.8"#, r#"{"id":"u","labels":{"1":["a","b"],"2":["c","d"],"01":["e","f"]}}"#, Accept(r#"{"id":"u","labels":{"1":["e","f"],"2":["c","d"]},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"labels-key-fraction"#, r#"0.7"#, r#"{"id":"u","labels":{"1.5":["f","n"]}}"#, Reject(r#"labels"#)),
    (r#"labels-key-fraction"#, r#"0.8"#, r#"{"id":"u","labels":{"1.5":["f","n"]}}"#, Reject(r#"labels"#)),
    (r#"labels-key-fraction"#, r#"0.9"#, r#"{"id":"u","labels":{"1.5":["f","n"]}}"#, Reject(r#"labels"#)),
    (r#"label-three-elements"#, r#"0.7"#, r#"{"id":"u","labels":{"0":["f","n","x"]}}"#, Reject(r#"labels.0"#)),
    (r#"label-three-elements"#, r#"0.8"#, r#"{"id":"u","labels":{"0":["f","n","x"]}}"#, Reject(r#"labels.0"#)),
    (r#"label-three-elements"#, r#"0.9"#, r#"{"id":"u","labels":{"0":["f","n","x"]}}"#, Reject(r#"labels.0"#)),
    (r#"label-object-rejected-by-08"#, r#"0.7"#, r#"{"id":"u","labels":{"0":{"flow_name":"f","node_name":"n"}}}"#, Reject(r#"labels.0"#)),
    (r#"label-object-rejected-by-08"#, r#"0.8"#, r#"{"id":"u","labels":{"0":{"flow_name":"f","node_name":"n"}}}"#, Reject(r#"labels.0"#)),
    (r#"message-text-int"#, r#"0.7"#, r#"{"id":"u","requests":{"0":{"text":5}}}"#, Reject(r#"requests.0.text"#)),
    (r#"message-text-int"#, r#"0.8"#, r#"{"id":"u","requests":{"0":{"text":5}}}"#, Reject(r#"requests.0.text"#)),
    (r#"message-text-int"#, r#"0.9"#, r#"{"id":"u","requests":{"0":{"text":5}}}"#, Reject(r#"requests.0.text"#)),
    (r#"message-bare-string-rejected"#, r#"0.7"#, r#"{"id":"u","requests":{"0":"hello"}}"#, Reject(r#"requests.0"#)),
    (r#"message-bare-string-rejected"#, r#"0.8"#, r#"{"id":"u","requests":{"0":"hello"}}"#, Reject(r#"requests.0"#)),
    (r#"message-misc-list"#, r#"0.7"#, r#"{"id":"u","requests":{"0":{"misc":[1]}}}"#, Reject(r#"requests.0.misc"#)),
    (r#"message-misc-list"#, r#"0.8"#, r#"{"id":"u","requests":{"0":{"misc":[1]}}}"#, Reject(r#"requests.0.misc"#)),
    (r#"message-misc-list"#, r#"0.9"#, r#"{"id":"u","requests":{"0":{"misc":[1]}}}"#, Reject(r#"requests.0.misc"#)),
    (r#"labels-array-into-09"#, r#"0.9"#, r#"{"id":"u","labels":{"0":["root","start"],"1":["f","n"]}}"#, Accept(r#"{"id":"u","labels":{"0":{"flow_name":"root","node_name":"start"},"1":{"flow_name":"f","node_name":"n"}},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"labels-09-keys-document-order"#, r#"0.9"#, r#"{"id":"u","labels":{"2":{"flow_name":"a","node_name":"b"},"01":{"flow_name":"c","node_name":"d"},"-1":["e","f"]," 7":["g","h"]}}"#, Accept(r#"{"id":"u","labels":{"2":{"flow_name":"a","node_name":"b"},"1":{"flow_name":"c","node_name":"d"},"-1":{"flow_name":"e","node_name":"f"},"7":{"flow_name":"g","node_name":"h"}},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"labels-09-object-extra-keys"#, r#"0.9"#, r#"{"id":"u","labels":{"0":{"node_name":"n","flow_name":"f","x":1}}}"#, Accept(r#"{"id":"u","labels":{"0":{"flow_name":"f","node_name":"n"}},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"labels-09-missing-flow"#, r#"0.9"#, r#"{"id":"u","labels":{"0":{"node_name":"n"}}}"#, Reject(r#"labels.0.flow_name"#)),
    (r#"message-bare-string-09"#, r#"0.9"#, r#"{"id":"u","requests":{"1":"hello"}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":"hello","attachments":null,"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"top-level-null"#, r#"0.7"#, r#"null"#, AcceptRandomId(r#"{"id":"f6844709-cf79-48e0-981b-ccc82e955308","labels":{},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"top-level-null"#, r#"0.8"#, r#"null"#, AcceptRandomId(r#"{"id":"c4e0134b-b774-4581-bca8-e9b20a320d15","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"top-level-null"#, r#"0.9"#, r#"null"#, Reject(r#""#)),
    (r#"top-level-empty-list"#, r#"0.7"#, r#"[]"#, AcceptRandomId(r#"{"id":"6eab2ad2-6d0e-4074-b2c2-dc812184611e","labels":{},"requests":{},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"top-level-empty-list"#, r#"0.8"#, r#"[]"#, AcceptRandomId(r#"{"id":"80c8ed0a-2ee5-4436-ada9-e802bb8d23b1","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"top-level-empty-list"#, r#"0.9"#, r#"[]"#, Reject(r#""#)),
    (r#"top-level-one"#, r#"0.7"#, r#"1"#, Reject(r#""#)),
    (r#"top-level-one"#, r#"0.8"#, r#"1"#, Reject(r#""#)),
    (r#"top-level-one"#, r#"0.9"#, r#"1"#, Reject(r#""#)),
    (r#"message-defaults"#, r#"0.8"#, r#"{"id":"u","requests":{"1":{}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":null,"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-defaults"#, r#"0.9"#, r#"{"id":"u","requests":{"1":{}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":null,"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-field-order-and-extras"#, r#"0.8"#, r#"{"id":"u","requests":{"1":{"zz":1,"misc":{"b":2,"a":1},"text":"t","commands":[{"command":"/s"}],"aa":[1.0,NaN]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":"t","attachments":null,"annotations":null,"misc":{"b":2,"a":1},"original_message":null,"zz":1,"commands":[{"command":"/s"}],"aa":[1.0,null]}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-field-order-and-extras"#, r#"0.9"#, r#"{"id":"u","requests":{"1":{"zz":1,"misc":{"b":2,"a":1},"text":"t","commands":[{"command":"/s"}],"aa":[1.0,NaN]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":"t","attachments":null,"annotations":null,"misc":{"b":2,"a":1},"original_message":null,"zz":1,"commands":[{"command":"/s"}],"aa":[1.0,null]}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-misc-pickled-str-unpickled"#, r#"0.8"#, r#"{"id":"u","requests":{"1":{"misc":{"a":"gASVCQAAAAAAAACMBWdyb290lC4=\n","b":1,"__pickled_extra_fields__":["a"]}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":null,"annotations":null,"misc":{"a":"groot","b":1},"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-misc-pickled-str-unpickled"#, r#"0.9"#, r#"{"id":"u","requests":{"1":{"misc":{"a":"gASVCQAAAAAAAACMBWdyb290lC4=\n","b":1,"__pickled_extra_fields__":["a"]}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":null,"annotations":null,"misc":{"a":"groot","b":1},"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-misc-pickled-bytes-kept"#, r#"0.8"#, r#"{"id":"u","requests":{"1":{"misc":{"__pickled_extra_fields__":["a"],"a":"gASVCgAAAAAAAABDBgD/IHJhd5Qu\n","b":1}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":null,"annotations":null,"misc":{"a":"gASVCgAAAAAAAABDBgD/IHJhd5Qu\n","b":1,"__pickled_extra_fields__":["a"]},"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-misc-pickled-bytes-kept"#, r#"0.9"#, r#"{"id":"u","requests":{"1":{"misc":{"__pickled_extra_fields__":["a"],"a":"gASVCgAAAAAAAABDBgD/IHJhd5Qu\n","b":1}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":null,"annotations":null,"misc":{"a":"gASVCgAAAAAAAABDBgD/IHJhd5Qu\n","b":1,"__pickled_extra_fields__":["a"]},"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-misc-marker-missing-key"#, r#"0.8"#, r#"{"id":"u","requests":{"1":{"misc":{"__pickled_extra_fields__":["nope"]}}}}"#, Reject(r#"requests.1.misc.__pickled_extra_fields__"#)),
    (r#"message-misc-marker-missing-key"#, r#"0.9"#, r#"{"id":"u","requests":{"1":{"misc":{"__pickled_extra_fields__":["nope"]}}}}"#, Reject(r#"requests.1.misc.__pickled_extra_fields__"#)),
    (r#"message-original-message-none"#, r#"0.8"#, r#"{"id":"u","requests":{"1":{"original_message":"gAROLg=="}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":null,"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-original-message-none"#, r#"0.9"#, r#"{"id":"u","requests":{"1":{"original_message":"gAROLg=="}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":null,"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"message-original-message-object"#, r#"0.8"#, r#"{"id":"u","requests":{"1":{"original_message":{"a":1}}}}"#, Reject(r#"requests.1.original_message"#)),
    (r#"message-original-message-object"#, r#"0.9"#, r#"{"id":"u","requests":{"1":{"original_message":{"a":1}}}}"#, Reject(r#"requests.1.original_message"#)),
    (r#"message-original-message-bad-base64"#, r#"0.8"#, r#"{"id":"u","requests":{"1":{"original_message":"gAROLg"}}}"#, Reject(r#"requests.1.original_message"#)),
    (r#"message-original-message-bad-base64"#, r#"0.9"#, r#"{"id":"u","requests":{"1":{"original_message":"gAROLg"}}}"#, Reject(r#"requests.1.original_message"#)),
    (r#"att-untagged-location"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"longitude": 1, "latitude": 2}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"location","longitude":1.0,"latitude":2.0}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-untagged-location"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"longitude": 1, "latitude": 2}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"location","longitude":1.0,"latitude":2.0}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-untagged-source-is-audio"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"source": "https://a.b/x"}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"audio","source":"https://a.b/x","use_cache":true,"cached_filename":null,"id":null}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-untagged-source-is-audio"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"source": "https://a.b/x"}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"audio","source":"https://a.b/x","use_cache":true,"cached_filename":null,"id":null}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-untagged-callback-null"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"query_string": null}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"callback_query","query_string":null}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-untagged-callback-null"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"query_string": null}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"media_group","group":[],"query_string":null}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-empty-object-is-media-group"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"media_group","group":[]}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-empty-object-is-media-group"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"media_group","group":[]}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-invoice-integral-float"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "invoice", "title": "t", "description": "d", "currency": "c", "amount": 5.0}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"invoice","title":"t","description":"d","currency":"c","amount":5}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-invoice-integral-float"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "invoice", "title": "t", "description": "d", "currency": "c", "amount": 5.0}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"invoice","title":"t","description":"d","currency":"c","amount":5}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-invoice-fraction"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "invoice", "title": "t", "description": "d", "currency": "c", "amount": 5.5}]}}}"#, Reject(r#"requests.1.attachments.0.amount"#)),
    (r#"att-invoice-fraction"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "invoice", "title": "t", "description": "d", "currency": "c", "amount": 5.5}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"invoice","title":"t","description":"d","currency":"c","amount":5.5}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-media-group"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "media_group", "group": [{"source": "https://a.b"}, {"chatsky_attachment_type": "sticker", "id": "x"}, {"chatsky_attachment_type": "weird", "id": "x", "q": 1}]}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"media_group","group":[{"chatsky_attachment_type":"audio","source":"https://a.b/","use_cache":true,"cached_filename":null,"id":null},{"chatsky_attachment_type":"sticker","source":null,"use_cache":true,"cached_filename":null,"id":"x"},{"chatsky_attachment_type":"weird","source":null,"use_cache":true,"cached_filename":null,"id":"x","q":1}]}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-media-group"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "media_group", "group": [{"source": "https://a.b"}, {"chatsky_attachment_type": "sticker", "id": "x"}, {"chatsky_attachment_type": "weird", "id": "x", "q": 1}]}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"media_group","group":[{"chatsky_attachment_type":"audio","source":"https://a.b/","use_cache":true,"cached_filename":null,"id":null},{"chatsky_attachment_type":"sticker","source":null,"use_cache":true,"cached_filename":null,"id":"x"},{"chatsky_attachment_type":"weird","source":null,"use_cache":true,"cached_filename":null,"id":"x","q":1}]}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-both-source-and-id"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "image", "source": "https://a.b", "id": "x"}]}}}"#, Reject(r#"requests.1.attachments.0"#)),
    (r#"att-both-source-and-id"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "image", "source": "https://a.b", "id": "x"}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"image","source":"https://a.b","id":"x"}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-ftp-url"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "image", "source": "ftp://a.b/x"}]}}}"#, Reject(r#"requests.1.attachments.0.source"#)),
    (r#"att-ftp-url"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "image", "source": "ftp://a.b/x"}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"image","source":"ftp://a.b/x"}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-unknown-type"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "hologram", "x": 1}]}}}"#, Reject(r#"requests.1.attachments.0"#)),
    (r#"att-unknown-type"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "hologram", "x": 1}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"hologram","x":1}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-not-object"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": ["img"]}}}"#, Reject(r#"requests.1.attachments.0"#)),
    (r#"att-not-object"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": ["img"]}}}"#, Reject(r#"requests.1.attachments.0"#)),
    (r#"att-url-normalised"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "document", "source": "HTTPS://ExAmple.COM:443/a b?q=1#f"}, {"chatsky_attachment_type": "image", "source": "http://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444"}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"document","source":"https://example.com/a%20b?q=1#f","use_cache":true,"cached_filename":null,"id":null},{"chatsky_attachment_type":"image","source":"http://xn--e1afmkfd.xn--p1ai/","use_cache":true,"cached_filename":null,"id":null}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-url-normalised"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "document", "source": "HTTPS://ExAmple.COM:443/a b?q=1#f"}, {"chatsky_attachment_type": "image", "source": "http://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444"}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"document","source":"https://example.com/a%20b?q=1#f","use_cache":true,"cached_filename":null,"id":null},{"chatsky_attachment_type":"image","source":"http://xn--e1afmkfd.xn--p1ai/","use_cache":true,"cached_filename":null,"id":null}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-poll-option-order"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "poll", "question": "q", "options": [{"chatsky_attachment_type": "poll_option", "votes": 2.0, "text": "a", "x": 1}]}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"poll","question":"q","options":[{"text":"a","votes":2,"chatsky_attachment_type":"poll_option","x":1}]}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-poll-option-order"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"chatsky_attachment_type": "poll", "question": "q", "options": [{"chatsky_attachment_type": "poll_option", "votes": 2.0, "text": "a", "x": 1}]}]}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"1":{"text":null,"attachments":[{"chatsky_attachment_type":"poll","question":"q","options":[{"text":"a","votes":2,"chatsky_attachment_type":"poll_option","x":1}]}],"annotations":null,"misc":null,"original_message":null}},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"att-07-files-form"#, r#"0.7"#, r#"{"id": "u", "requests": {"0": {"attachments": {"files": [{"source": "https://a.b/x.png", "title": "pic", "extra": 1}, {"id": "fid"}], "more": true}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{"0":{"text":null,"commands":null,"attachments":{"files":[{"source":"https://a.b/x.png","id":null,"title":"pic","extra":1},{"source":null,"id":"fid","title":null}],"more":true},"annotations":null,"misc":null}},"responses":{},"misc":{},"validation":false,"framework_states":{}}"#)),
    (r#"att-07-list-rejected"#, r#"0.7"#, r#"{"id": "u", "requests": {"1": {"attachments": [{"source": "https://a.b"}]}}}"#, Reject(r#"requests.1.attachments"#)),
    (r#"message-07-full"#, r#"0.7"#, r#"{"id": "edge-dff", "labels": {"0": ["greeting_flow", "node1"]}, "requests": {"0": {"ui": {"buttons": [{"source": null, "text": "ok", "payload": "p"}]}, "text": "Hi", "commands": [{"command": "/start"}], "annotations": {"when": "2024-01-02T03:04:05"}, "misc": {"bytes_utf8": "abc"}, "location": {"longitude": 1.5, "latitude": 2.0}}}, "responses": {"0": {"text": "Hi, how are you?"}}, "misc": {"dt": "2024-01-02T00:00:00"}, "validation": false, "framework_states": {}}"#, Accept(r#"{"id":"edge-dff","labels":{"0":["greeting_flow","node1"]},"requests":{"0":{"text":"Hi","commands":[{"command":"/start"}],"attachments":null,"annotations":{"when":"2024-01-02T03:04:05"},"misc":{"bytes_utf8":"abc"},"ui":{"buttons":[{"source":null,"text":"ok","payload":"p"}]},"location":{"longitude":1.5,"latitude":2.0}}},"responses":{"0":{"text":"Hi, how are you?","commands":null,"attachments":null,"annotations":null,"misc":null}},"misc":{"dt":"2024-01-02T00:00:00"},"validation":false,"framework_states":{}}"#)),
    (r#"v07-data-read-by-newer"#, r#"0.8"#, r#"{"id":"u","labels":{"0":["f","n"]},"validation":false,"framework_states":{}}"#, Accept(r#"{"id":"u","labels":{"0":["f","n"]},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"v07-data-read-by-newer"#, r#"0.9"#, r#"{"id":"u","labels":{"0":["f","n"]},"validation":false,"framework_states":{}}"#, Accept(r#"{"id":"u","labels":{"0":{"flow_name":"f","node_name":"n"}},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"fd-null"#, r#"0.8"#, r#"{"id": "u", "framework_data": null}"#, Reject(r#"framework_data"#)),
    (r#"fd-null"#, r#"0.9"#, r#"{"id": "u", "framework_data": null}"#, Reject(r#"framework_data"#)),
    (r#"fd-stats-not-object"#, r#"0.8"#, r#"{"id": "u", "framework_data": {"stats": [1]}}"#, Reject(r#"framework_data.stats"#)),
    (r#"fd-stats-not-object"#, r#"0.9"#, r#"{"id": "u", "framework_data": {"stats": [1]}}"#, Reject(r#"framework_data.stats"#)),
    (r#"fd-excluded-and-unknown-dropped"#, r#"0.8"#, r#"{"id": "u", "framework_data": {"zz": 1, "service_states": {}, "stats": {"x": 1.0}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{"x":1.0},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"fd-excluded-and-unknown-dropped"#, r#"0.9"#, r#"{"id": "u", "framework_data": {"zz": 1, "service_states": {}, "stats": {"x": 1.0}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{"x":1.0},"slot_manager":{"slot_storage":{}}}}"#)),
    (r#"slots-08-default-filled"#, r#"0.8"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": {"is_slot_extracted": "yes", "extracted_value": "gAROLg==", "x": 5}}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{"a":{"is_slot_extracted":true,"extracted_value":"gAROLg==\n","default_value":"gAROLg==\n"}}}}}"#)),
    (r#"slots-08-default-filled"#, r#"0.9"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": {"is_slot_extracted": "yes", "extracted_value": "gAROLg==", "x": 5}}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{"a":{"is_slot_extracted":true,"extracted_value":null,"default_value":null}}}}}"#)),
    (r#"slots-09-null-values"#, r#"0.8"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": {"is_slot_extracted": 1, "extracted_value": null}}}}}"#, Reject(r#"framework_data.slot_manager.slot_storage.a.extracted_value"#)),
    (r#"slots-09-null-values"#, r#"0.9"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": {"is_slot_extracted": 1, "extracted_value": null}}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{"a":{"is_slot_extracted":true,"extracted_value":null,"default_value":null}}}}}"#)),
    (r#"slots-08-default-pickled-none-into-09"#, r#"0.8"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"p": {"u": {"is_slot_extracted": true, "extracted_value": "gASVCQAAAAAAAACMBWdyb290lC4=\n", "default_value": "gAROLg==\n"}, "e": {"is_slot_extracted": false, "extracted_value": "gASVSwAAAAAAAACME2NoYXRza3kuc2xvdHMuc2xvdHOUjBBTbG90Tm90RXh0cmFjdGVklJOUjBhJ\nbml0aWFsIHNsb3QgZXh0cmFjdGlvbi6UhZRSlC4=\n", "default_value": "gAROLg==\n"}}}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{"p":{"u":{"is_slot_extracted":true,"extracted_value":"gASVCQAAAAAAAACMBWdyb290lC4=\n","default_value":"gAROLg==\n"},"e":{"is_slot_extracted":false,"extracted_value":"gASVSwAAAAAAAACME2NoYXRza3kuc2xvdHMuc2xvdHOUjBBTbG90Tm90RXh0cmFjdGVklJOUjBhJ\nbml0aWFsIHNsb3QgZXh0cmFjdGlvbi6UhZRSlC4=\n","default_value":"gAROLg==\n"}}}}}}"#)),
    (r#"slots-08-default-pickled-none-into-09"#, r#"0.9"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"p": {"u": {"is_slot_extracted": true, "extracted_value": "gASVCQAAAAAAAACMBWdyb290lC4=\n", "default_value": "gAROLg==\n"}, "e": {"is_slot_extracted": false, "extracted_value": "gASVSwAAAAAAAACME2NoYXRza3kuc2xvdHMuc2xvdHOUjBBTbG90Tm90RXh0cmFjdGVklJOUjBhJ\nbml0aWFsIHNsb3QgZXh0cmFjdGlvbi6UhZRSlC4=\n", "default_value": "gAROLg==\n"}}}}}}"#, Accept(r#"{"id":"u","labels":{},"requests":{},"responses":{},"misc":{},"framework_data":{"stats":{},"slot_manager":{"slot_storage":{"p":{"u":{"is_slot_extracted":true,"extracted_value":"gASVCQAAAAAAAACMBWdyb290lC4=\n","default_value":null},"e":{"is_slot_extracted":false,"extracted_value":"gASVSwAAAAAAAACME2NoYXRza3kuc2xvdHMuc2xvdHOUjBBTbG90Tm90RXh0cmFjdGVklJOUjBhJ\nbml0aWFsIHNsb3QgZXh0cmFjdGlvbi6UhZRSlC4=\n","default_value":null}}}}}}"#)),
    (r#"slots-missing-extracted-value"#, r#"0.8"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": {"is_slot_extracted": true}}}}}"#, Reject(r#"framework_data.slot_manager.slot_storage.a.extracted_value"#)),
    (r#"slots-missing-extracted-value"#, r#"0.9"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": {"is_slot_extracted": true}}}}}"#, Reject(r#"framework_data.slot_manager.slot_storage.a.extracted_value"#)),
    (r#"slots-leaf-not-slot"#, r#"0.8"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": 5}}}}"#, Reject(r#"framework_data.slot_manager.slot_storage.a"#)),
    (r#"slots-leaf-not-slot"#, r#"0.9"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": 5}}}}"#, Reject(r#"framework_data.slot_manager.slot_storage.a"#)),
    (r#"slots-bad-pickle"#, r#"0.8"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": {"is_slot_extracted": true, "extracted_value": "bm9wZQ=="}}}}}"#, Reject(r#"framework_data.slot_manager.slot_storage.a.extracted_value"#)),
    (r#"slots-bad-pickle"#, r#"0.9"#, r#"{"id": "u", "framework_data": {"slot_manager": {"slot_storage": {"a": {"is_slot_extracted": true, "extracted_value": "bm9wZQ=="}}}}}"#, Reject(r#"framework_data.slot_manager.slot_storage.a.extracted_value"#)),
    (r#"misc-pickled-bytes_bad_nested"#, r#"0.8"#, r#"{"id": "u", "requests": {"1": {"misc": {"v": "gASVCAAAAAAAAABdlEMB/5RhLg==\n", "__pickled_extra_fields__": ["v"]}}}}"#, Reject(r#"requests.1.misc.v"#)),
    (r#"misc-pickled-bytes_bad_nested"#, r#"0.9"#, r#"{"id": "u", "requests": {"1": {"misc": {"v": "gASVCAAAAAAAAABdlEMB/5RhLg==\n", "__pickled_extra_fields__": ["v"]}}}}"#, Reject(r#"requests.1.misc.v"#)),
    (r#"key-1dot"#, r#"0.8"#, r#"{"id":"u","labels":{"1.":["a","b"]}}"#, Reject(r#"labels"#)),
    (r#"key-1dot"#, r#"0.9"#, r#"{"id":"u","labels":{"1.":["a","b"]}}"#, Reject(r#"labels"#)),
];

/// Replace the first `"id":"<uuid4>"` by a fixed placeholder.
fn mask_random_id(json: &str) -> String {
    let Some(start) = json.find("\"id\":\"") else {
        return json.to_owned();
    };
    let from = start + 6;
    let is_uuid = json.get(from..from + 36).is_some_and(|s| {
        s.len() == 36
            && s.bytes().enumerate().all(|(i, b)| {
                if [8, 13, 18, 23].contains(&i) {
                    b == b'-'
                } else {
                    b.is_ascii_hexdigit()
                }
            })
    });
    if !is_uuid {
        return json.to_owned();
    }
    format!("{}RANDOM{}", &json[..from], &json[from + 36..])
}

/// Canonicalise `input`, checking on the way that validation alone (no output) gives the same
/// verdict, error and notes.
fn run(schema: &str, input: &str) -> Result<model::Canonical, String> {
    let schema: Schema = schema.parse().unwrap();
    let doc = parse(input.as_bytes()).map_err(|e| format!("parse: {e}"))?;
    let opts = Options::new(schema);
    let canonical = canonicalize(&doc, &opts);
    let steady = |notes: &[String]| -> Vec<String> {
        let random = |n: &&String| n.contains("generated random id");
        notes.iter().filter(|n| !random(n)).cloned().collect()
    };
    match (&canonical, model::validate(&doc, &opts)) {
        (Ok(c), Ok(notes)) => assert_eq!(steady(&c.notes), steady(&notes), "{input}"),
        (Err(a), Err(b)) => assert_eq!(a, &b, "{input}"),
        (a, b) => panic!("validate disagrees with canonicalize on {input}: {a:?} vs {b:?}"),
    }
    canonical.map_err(|e| e.path)
}

#[test]
fn normalisation_and_rejection_table() {
    for (name, schema, input, expect) in TABLE {
        let got = run(schema, input);
        match (expect, got) {
            (Accept(want), Ok(c)) => assert_eq!(c.json, *want, "{schema} {name}"),
            (AcceptRandomId(want), Ok(c)) => {
                assert_eq!(
                    mask_random_id(&c.json),
                    mask_random_id(want),
                    "{schema} {name}"
                );
                assert!(
                    c.notes.iter().any(|n| n.contains("generated random id")),
                    "{name}"
                );
            }
            (Reject(path), Err(got)) => assert_eq!(got, *path, "{schema} {name}"),
            (_, got) => panic!("{schema} {name}: unexpected {got:?}"),
        }
    }
}

#[test]
fn matrix_file_rows_hold() {
    let path = format!("{}/tests/fixtures/matrix.jsonl", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut rows = 0;
    for line in text.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        let (name, schema) = (
            row["name"].as_str().unwrap(),
            row["schema"].as_str().unwrap(),
        );
        let got = run(schema, row["input"].as_str().unwrap());
        match (row["verdict"].as_str().unwrap(), got) {
            ("accept", Ok(c)) => {
                let want = row["output"].as_str().unwrap();
                if row["random_id"] == true {
                    assert_eq!(
                        mask_random_id(&c.json),
                        mask_random_id(want),
                        "{schema} {name}"
                    );
                } else {
                    assert_eq!(c.json, want, "{schema} {name}");
                }
            }
            ("reject", Err(_)) => {}
            (verdict, got) => panic!("{schema} {name}: matrix says {verdict}, got {got:?}"),
        }
        rows += 1;
    }
    assert!(rows > 300, "matrix has {rows} rows");
}

#[test]
fn notes_say_what_changed() {
    let c = run(
        "0.8",
        r#"{"labels":{"01":["a","b"]},"misc":{"x":NaN},"zz":1}"#,
    )
    .unwrap();
    let notes = c.notes.join("\n");
    assert!(
        notes.contains(r#"labels key "01" rewritten as "1""#),
        "{notes}"
    );
    assert!(notes.contains("missing id: generated random id"), "{notes}");
    assert!(notes.contains("NaN in misc.x written as null"), "{notes}");
    assert!(
        notes.contains(r#"unknown top-level key "zz" dropped"#),
        "{notes}"
    );
}

#[test]
fn a_note_made_in_an_abandoned_union_branch_is_still_made_later() {
    // The slot is first tried as a group: its nested value slot notes the pickled None, then
    // the group fails on `is_slot_extracted`. Read as a value slot, the same note is due again.
    let none = r#"{"is_slot_extracted":true,"extracted_value":"gAROLg==\n","default_value":null}"#;
    let outer = format!(
        r#"{{"inner":{none},"is_slot_extracted":true,"extracted_value":"gAROLg==\n","default_value":null}}"#
    );
    let doc = format!(
        r#"{{"id":"u","framework_data":{{"slot_manager":{{"slot_storage":{{"outer":{outer}}}}}}}}}"#
    );
    let c = run("0.9", &doc).unwrap();
    let notes = c.notes.join("\n");
    assert!(
        notes.contains("pickled None slot values written as null"),
        "{notes}"
    );
    assert!(
        notes.contains("extra keys in value slots dropped"),
        "{notes}"
    );
}

#[test]
fn exponent_styles() {
    let doc = parse(br#"{"id":"u","misc":{"a":1e16,"b":1e-7,"c":1.5}}"#).unwrap();
    let out = |schema, exponent| {
        let opts = Options {
            exponent,
            ..Options::new(schema)
        };
        canonicalize(&doc, &opts).unwrap().json
    };
    let misc = |s: String| {
        s[s.find("\"misc\"").unwrap()..s.find(",\"framework_data\"").unwrap()].to_owned()
    };
    assert_eq!(
        misc(out(Schema::V08, ExponentStyle::Auto)),
        r#""misc":{"a":1e16,"b":1e-7,"c":1.5}"#
    );
    assert_eq!(
        misc(out(Schema::V09, ExponentStyle::Auto)),
        r#""misc":{"a":1e+16,"b":1e-7,"c":1.5}"#
    );
    assert_eq!(
        misc(out(Schema::V09, ExponentStyle::Plain)),
        r#""misc":{"a":1e16,"b":1e-7,"c":1.5}"#
    );
    assert_eq!(
        misc(out(Schema::V08, ExponentStyle::Plus)),
        r#""misc":{"a":1e+16,"b":1e-7,"c":1.5}"#
    );
    assert_eq!(
        model::exponent_style(br#"{"a":1e+16,"s":"1e16"}"#),
        Some(ExponentStyle::Plus)
    );
    assert_eq!(
        model::exponent_style(br#"{"a":1E16}"#),
        Some(ExponentStyle::Plain)
    );
    assert_eq!(model::exponent_style(br#"{"a":1e-7}"#), None);
}

/// `cos\nsystem\n(S'echo pwned'\ntR.`: GLOBAL os.system, REDUCE with one argument.
const OS_SYSTEM_PICKLE: &[u8] = b"cos\nsystem\n(S'echo pwned'\ntR.";

#[test]
fn pickles_in_fixtures_are_inspected() {
    let slot = "gASVSwAAAAAAAACME2NoYXRza3kuc2xvdHMuc2xvdHOUjBBTbG90Tm90RXh0cmFjdGVklJOUjBhJ\nbml0aWFsIHNsb3QgZXh0cmFjdGlvbi6UhZRSlC4=\n";
    let none = pickle::Patterns::default();
    let found = pickle::inspect(slot, &none).unwrap();
    assert_eq!(found.protocol, 4);
    assert_eq!(found.globals, ["chatsky.slots.slots.SlotNotExtracted"]);
    assert!(found.simple.is_none());
    let groot = pickle::inspect("gASVCQAAAAAAAACMBWdyb290lC4=\n", &none).unwrap();
    assert_eq!(groot.simple.unwrap().to_string(), "'groot'");
    assert_eq!(
        pickle::inspect("gAROLg==\n", &none).unwrap().simple,
        Some(pickle::Simple::None)
    );
    for (_, key, stored) in fixtures() {
        let doc = parse(stored.as_bytes()).unwrap();
        let storage = &doc["framework_data"]["slot_manager"]["slot_storage"];
        for group in storage.as_object().unwrap().values() {
            for slot in group.as_object().unwrap().values() {
                let b64 = slot["extracted_value"].as_str().unwrap();
                let found = pickle::inspect(b64, &none).unwrap_or_else(|e| panic!("{key}: {e}"));
                assert_eq!(found.verdict, pickle::Verdict::Loads, "{key}");
                assert!(found
                    .globals
                    .iter()
                    .all(|g| pickle::ALLOWED_GLOBALS.contains(&g.as_str())));
            }
        }
    }
}

#[test]
fn unsafe_pickle_refused_unless_allowed() {
    let b64 = pickle::encode_b64_lines(OS_SYSTEM_PICKLE);
    let found = pickle::inspect(&b64, &pickle::Patterns::default()).unwrap();
    assert_eq!(
        (found.protocol, found.globals.clone(), found.verdict),
        (
            0,
            vec!["os.system".to_owned()],
            pickle::Verdict::Unsafe("os.system".into())
        )
    );
    let text = serde_json::json!({"id": "u", "requests": {"1": {"original_message": b64}}});
    let text = text.to_string();
    let doc = parse(text.as_bytes()).unwrap();
    let mut opts = Options::new(Schema::V09);
    let err = canonicalize(&doc, &opts).unwrap_err();
    assert_eq!(err.path, "requests.1.original_message");
    assert!(
        err.message.contains("resolves global `os.system`")
            && err.message.contains("--allow-pickle-global 'os.system'")
            && err.message.contains("--allow-unsafe-pickles"),
        "{err}"
    );
    opts.allow_unsafe_pickles = true;
    let c = canonicalize(&doc, &opts).unwrap();
    assert!(
        c.json.contains(&serde_json::to_string(&b64).unwrap()),
        "pickle carried verbatim"
    );
    assert!(c.notes.iter().any(|n| n.contains("os.system")));
    // dff 0.7 never unpickles, so there the string is just an extra field.
    let c = canonicalize(&doc, &Options::new(Schema::V07)).unwrap();
    assert!(c.notes.is_empty(), "{:?}", c.notes);
}

#[test]
fn check_predicts_reads() {
    use model::Verdict;
    assert!(matches!(
        model::check(b"", Schema::V08),
        Verdict::Missing { .. }
    ));
    assert!(matches!(
        model::check(b"not json", Schema::V09),
        Verdict::Fails { .. }
    ));
    assert!(matches!(
        model::check(b"\xEF\xBB\xBF{}", Schema::V09),
        Verdict::Fails { .. }
    ));
    assert!(matches!(
        model::check(b"1", Schema::V08),
        Verdict::Fails { .. }
    ));
    assert!(matches!(
        model::check(b"null", Schema::V09),
        Verdict::Fails { .. }
    ));
    match model::check(b"null", Schema::V08) {
        Verdict::Loads {
            rewritten: true,
            notes,
            ..
        } => assert!(notes[0].contains("falsy")),
        other => panic!("{other:?}"),
    }
    match model::check(br#"{"id":"u","labels":{"0":["f","n"]}}"#, Schema::V09) {
        Verdict::Loads {
            schema: Schema::V09,
            rewritten: true,
            ..
        } => {}
        other => panic!("{other:?}"),
    }
    let unsafe_doc = serde_json::json!({"id": "u", "requests": {"1": {
        "original_message": pickle::encode_b64_lines(OS_SYSTEM_PICKLE)}}});
    match model::check(unsafe_doc.to_string().as_bytes(), Schema::V09) {
        Verdict::Loads { notes, .. } => assert!(notes.iter().any(|n| n.contains("os.system"))),
        other => panic!("{other:?}"),
    }
    match model::check(
        br#"{"labels":{"0":{"flow_name":"f","node_name":"n"}}}"#,
        Schema::V08,
    ) {
        Verdict::Fails { why } => assert!(why.starts_with("at `labels.0`"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn detection_edge_cases() {
    let d = |s: &str| detect(&parse(s.as_bytes()).unwrap()).schema;
    assert_eq!(
        d(r#"{"id":"x","validation":false,"framework_states":{}}"#),
        Some(Schema::V07)
    );
    assert_eq!(
        d(r#"{"id":"x","requests":{"0":{"text":"a","commands":[{}]}}}"#),
        Some(Schema::V07)
    );
    assert_eq!(d(r#"{"id":"x","framework_data":{}}"#), None);
    assert_eq!(
        d(r#"{"id":"x","requests":{"0":{}},"framework_data":{}}"#),
        Some(Schema::V08)
    );
    assert_eq!(
        d(r#"{"id":"x","labels":{"0":{"flow_name":"a","node_name":"b"}}}"#),
        Some(Schema::V09)
    );
    assert_eq!(d(r#"{"id":"x","other":1}"#), None);
    assert_eq!(d(r#"[1]"#), None);
    // One predicate: an object with a Context field other than `misc`; unknown keys beside it
    // do not matter (Chatsky drops them), and `{}` or a Message is not a context.
    let is = |text: &str| model::is_context(&parse(text.as_bytes()).unwrap());
    assert!(is(r#"{"id":"x","other":1}"#) && is(r#"{"lables":{},"framework_states":{}}"#));
    for not in [
        "{}",
        r#"{"lables":{}}"#,
        r#"{"misc":{}}"#,
        r#"{"text":"hi","misc":null}"#,
        "0",
        "[]",
        "null",
    ] {
        assert!(!is(not), "{not}");
    }
}

#[test]
fn schema_strings() {
    for s in ["0.7", "0.8", "0.9"] {
        let schema: Schema = s.parse().unwrap();
        assert_eq!(schema.to_string(), s);
        assert_eq!(serde_json::to_string(&schema).unwrap(), format!("\"{s}\""));
    }
    assert!("1.0".parse::<Schema>().is_err());
}

#[test]
fn parse_errors_have_positions() {
    let e = parse(b"{\n  \"id\": 1,\n  \"x\": \xff}").unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.to_string().starts_with("line 3, column "), "{e}");
    let e = parse(b"{\"a\": NaN,\n\"b\": }").unwrap_err();
    assert_eq!((e.line, e.column), (2, 6), "{e}");
}

/// Walking a database checks values without building them (`object_keys`, as `ls` and `export`
/// do). That path must judge every input exactly as the building parser reading as Chatsky does
/// (`parse_as_read`): same verdict, same error at the same place, same strictness (a lone
/// surrogate passes, but is not strict JSON).
#[test]
fn skipping_a_value_checks_it_as_parsing_does() {
    let mut compared = (0, 0);
    for input in common::json_corpus() {
        // Inside an object, so that the input is a value the walk skips.
        let wrapped = [b"{\"id\":1,\"x\":".as_slice(), &input, b"}"].concat();
        let built = model::parse_as_read(&wrapped).map(|(_, lone)| {
            // Without a lone surrogate, the strict parser reads the very same text.
            lone.is_none() && model::parse_strictness(&wrapped).unwrap().1
        });
        let skipped = model::object_keys(&wrapped, |_| {});
        let shown = String::from_utf8_lossy(&input);
        match (&built, &skipped) {
            (Ok(built), Ok(skipped)) => {
                assert_eq!(skipped, built, "strictness of {shown:?}");
                compared.0 += 1;
            }
            (Err(a), Err(b)) => {
                assert_eq!(a, b, "error for {shown:?}");
                compared.1 += 1;
            }
            _ => panic!("parse says {built:?}, skipping says {skipped:?} for {shown:?}"),
        }
    }
    assert!(compared.0 > 100 && compared.1 > 100, "{compared:?}");
}
