//! Completions and man pages are generated from the clap definition and checked in; this fails
//! when they drift. Regenerate with: `CHATSKY_REDIS_REGENERATE=1 cargo test --test generated`.

use std::path::Path;

use chatsky_redis::cli::Cli;
use clap::{CommandFactory, Parser};

#[test]
fn clap_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn completions_and_man_pages_are_in_sync() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("CHATSKY_REDIS_REGENERATE").is_some() {
        chatsky_redis::generate::write_all(root).unwrap();
    }
    let mut stale = Vec::new();
    for (path, contents) in chatsky_redis::generate::files() {
        if std::fs::read(root.join(&path)).ok().as_deref() != Some(&contents[..]) {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:?}\nregenerate with: CHATSKY_REDIS_REGENERATE=1 cargo test --test generated"
    );
}

#[test]
fn arguments_resolve_as_documented() {
    let cli = Cli::try_parse_from([
        "chatsky-redis",
        "--url",
        "redis://h/2",
        "-f",
        "json",
        "has",
        "a",
        "b",
    ])
    .unwrap();
    assert_eq!(cli.connect.url, "redis://h/2");
    assert_eq!(cli.format, Some(chatsky_redis::cli::Format::Json));
    // Global options also go after the subcommand.
    let cli = Cli::try_parse_from(["chatsky-redis", "get", "k", "--format", "table"]).unwrap();
    assert_eq!(cli.format, Some(chatsky_redis::cli::Format::Table));
    assert!(
        Cli::try_parse_from(["chatsky-redis", "has"]).is_err(),
        "has needs a key"
    );
    assert!(Cli::try_parse_from(["chatsky-redis", "rm", "k", "--match", "x*"]).is_err());
    assert!(Cli::try_parse_from(["chatsky-redis", "put", "k", "--schema", "0.6"]).is_err());
}
