//! The document model on a ~4 KB chatsky 0.9 context: parse + canonicalize (`put`), parse alone,
//! canonicalize alone, parse + validate (`import`) and sniff (`ls`, `export`), next to two
//! references in the same run: a plain serde_json round trip of the same bytes, and one `SET` of
//! those bytes to a real redis-server over a unix socket (what `put` pays anyway). Validation must
//! cost far less than that round trip.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

// The same allocator as the shipped binary (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chatsky_redis::model::{canonicalize, parse, validate, Options, Schema};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;

fn stored(key: &str) -> Value {
    let context = common::fixture("chatsky-0.9.0-legacy.jsonl")
        .into_iter()
        .find(|c| c.key == key)
        .expect("fixture key");
    serde_json::from_str(&context.value).expect("stored JSON")
}

/// `media-user` (messages, attachments) with the slot tree of `slots-user` (pickles):
/// a realistic ~4 KB context that Chatsky 0.9 itself could have written.
fn context_4k() -> String {
    let mut doc = stored("media-user");
    doc["framework_data"] = stored("slots-user")["framework_data"].clone();
    let text = doc.to_string();
    let doc = parse(text.as_bytes()).expect("parses");
    let opts = Options::new(Schema::V09);
    canonicalize(&doc, &opts).expect("valid context").json
}

fn bench(c: &mut Criterion) {
    let raw = context_4k();
    let opts = Options::new(Schema::V09);
    eprintln!("context size: {} bytes", raw.len());
    let mut group = c.benchmark_group("context_4k");
    group.throughput(Throughput::Bytes(raw.len() as u64));
    group.bench_function("parse+canonicalize", |b| {
        b.iter(|| {
            let doc = parse(black_box(raw.as_bytes())).expect("parses");
            canonicalize(&doc, &opts).expect("canonical").json
        })
    });
    group.bench_function("parse only", |b| {
        b.iter(|| parse(black_box(raw.as_bytes())).expect("parses"))
    });
    let doc = parse(raw.as_bytes()).expect("parses");
    group.bench_function("canonicalize only", |b| {
        b.iter(|| {
            canonicalize(black_box(&doc), &opts)
                .expect("canonical")
                .json
        })
    });
    group.bench_function("parse+validate", |b| {
        b.iter(|| {
            let doc = parse(black_box(raw.as_bytes())).expect("parses");
            validate(&doc, &opts).expect("valid")
        })
    });
    group.bench_function("sniff (export's check)", |b| {
        b.iter(|| chatsky_redis::model::view::sniff(black_box(raw.as_bytes())).expect("a context"))
    });
    group.bench_function("serde_json reference", |b| {
        b.iter(|| {
            let doc: Value = serde_json::from_slice(black_box(raw.as_bytes())).expect("parses");
            serde_json::to_string(&doc).expect("writes")
        })
    });
    let redis = common::Redis::start();
    let mut conn = redis.db();
    group.bench_function("redis SET round trip (reference)", |b| {
        b.iter(|| common::set_raw(&mut conn, "bench", black_box(raw.as_bytes())))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
