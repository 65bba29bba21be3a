//! Completions and man pages, rendered from the clap definition. The checked-in copies under
//! `completions/` and `man/` are kept in sync by `tests/generated.rs`.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::{Generator, Shell};

use crate::cli::Cli;

/// The binary's name as users type it.
pub const BIN: &str = "chatsky-redis";

/// Every generated file as (path relative to the repository root, contents).
pub fn files() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), BIN, &mut buf);
        let name = shell.file_name(BIN);
        out.push((format!("completions/{name}"), buf));
    }
    let cmd = Cli::command();
    out.push(("man/chatsky-redis.1".into(), man_page(cmd.clone())));
    for sub in cmd.get_subcommands() {
        let name = format!("{BIN}-{}", sub.get_name());
        let page = sub.clone().name(name.clone()).display_name(name.clone());
        out.push((format!("man/{name}.1"), man_page(page)));
    }
    out
}

fn man_page(cmd: clap::Command) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut buf)
        .expect("rendering into memory cannot fail");
    buf
}

/// Write every generated file under `root`.
pub fn write_all(root: &Path) -> std::io::Result<()> {
    for (path, contents) in files() {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, contents)?;
    }
    Ok(())
}
