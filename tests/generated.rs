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
    let mut stale = Vec::new();
    for (path, contents) in chatsky_redis::generate::files() {
        if std::fs::read(root.join(&path)).ok().as_deref() != Some(&contents[..]) {
            stale.push(path);
        }
    }
    // Regenerating writes the stale files and still fails, so that a run with the variable set
    // (in CI, say) never passes with files that were out of date.
    let regenerate = std::env::var_os("CHATSKY_REDIS_REGENERATE").is_some();
    if regenerate && !stale.is_empty() {
        chatsky_redis::generate::write_all(root).unwrap();
    }
    assert!(
        stale.is_empty(),
        "out of date: {stale:?}\n{}",
        if regenerate {
            "regenerated them: check and commit them, then run again"
        } else {
            "regenerate with: CHATSKY_REDIS_REGENERATE=1 cargo test --test generated"
        }
    );
}

/// Man pages name real commands and real pages: SYNOPSIS `chatsky-redis rm …` (not
/// `chatsky-redis-rm`, which no one can type), no `chatsky-redis-help(1)`, every page cited exists,
/// and each subcommand page has the global options and the environment.
#[test]
fn man_pages_name_real_commands_and_pages() {
    let pages = chatsky_redis::generate::man_pages();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for (name, page) in &pages {
        let text = String::from_utf8(page.clone()).unwrap().replace("\\-", "-");
        let synopsis = text
            .split(".SH SYNOPSIS\n")
            .nth(1)
            .and_then(|s| s.lines().next())
            .unwrap_or_else(|| panic!("{name}: no SYNOPSIS"));
        let command = name
            .trim_end_matches(".1")
            .replacen("chatsky-redis-", "chatsky-redis ", 1);
        assert!(
            synopsis.starts_with(&format!("\\fB{command}\\fR ")),
            "{name}: {synopsis}"
        );
        for cited in text.split("chatsky-redis-").skip(1) {
            if let Some((page, _)) = cited.split_once("(1)") {
                let file = format!("chatsky-redis-{page}.1");
                assert!(
                    names.contains(&file.as_str()),
                    "{name} cites missing {file}"
                );
            }
        }
        for needed in [
            "--url",
            "CHATSKY_REDIS_URL",
            ".SH ENVIRONMENT",
            ".SH EXIT STATUS",
        ] {
            assert!(text.contains(needed), "{name} lacks {needed}");
        }
    }
    assert!(names.contains(&"chatsky-redis-rm.1") && !names.contains(&"chatsky-redis-help.1"));
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
