//! Completions and man pages, rendered from the clap definition. The checked-in copies under
//! `completions/` and `man/` are kept in sync by `tests/generated.rs`; `chatsky-redis completions
//! SHELL` and `chatsky-redis man` give the same files to users who installed with `cargo install`.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;
use clap_complete::{Generator, Shell};

use crate::cli::Cli;

/// The binary's name as users type it.
pub const BIN: &str = "chatsky-redis";

/// The shells completions are checked in for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

/// Every generated file as (path relative to the repository root, contents).
pub fn files() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for shell in SHELLS {
        out.push((
            format!("completions/{}", shell.file_name(BIN)),
            completions(shell),
        ));
    }
    for (name, page) in man_pages() {
        out.push((format!("man/{name}"), page));
    }
    out
}

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut buf);
    buf
}

/// Every man page as (file name, contents): `chatsky-redis.1`, then one per subcommand
/// (`chatsky-redis-rm.1`), whose SYNOPSIS names the command as typed (`chatsky-redis rm`) and
/// which lists the global options and the environment too.
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    // `help` is a subcommand of the parser, not a page: the top page lists no `help(1)`.
    let top = Cli::command().disable_help_subcommand(true);
    let mut pages = vec![(format!("{BIN}.1"), man_page(top))];
    // Building propagates the global options into every subcommand and gives each its bin name
    // (`chatsky-redis rm`), which its SYNOPSIS shows.
    let mut cmd = Cli::command();
    cmd.build();
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("{BIN}-{}", sub.get_name());
        let page = sub.clone().display_name(name.clone());
        pages.push((format!("{name}.1"), man_page(page)));
    }
    pages
}

fn man_page(cmd: clap::Command) -> Vec<u8> {
    let mut buf = Vec::new();
    let source = format!("{BIN} {}", env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(cmd)
        .source(source)
        .render(&mut buf)
        .expect("rendering into memory cannot fail");
    buf.extend_from_slice(ENVIRONMENT.as_bytes());
    buf
}

/// The environment and the exit status, on every page (clap knows them only per option, and the
/// exit codes only on the top page).
const ENVIRONMENT: &str = r".SH ENVIRONMENT
.TP
\fBCHATSKY_REDIS_URL\fR
The Redis URL when \fB\-\-url\fR is not given.
.TP
\fBCHATSKY_REDIS_YES\fR
Confirm destructive commands without asking, as \fB\-\-yes\fR (a false\-y value such as 0 does not).
.TP
\fBNO_COLOR\fR
No colour in tables.
.TP
\fBCOLUMNS\fR
The width of tables.
.SH EXIT STATUS
0 ok; 1 absent; 2 bad usage, bad input or refused; 3 Redis unreachable, authentication failed or a
server error; 4 kept (put \-\-if\-absent found the key); 130 interrupted.
";

/// Write every man page into `dir`, creating it; returns the paths written.
pub fn write_man_pages(dir: &Path) -> io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, page) in man_pages() {
        let path = dir.join(name);
        std::fs::File::create(&path)?.write_all(&page)?;
        written.push(path);
    }
    Ok(written)
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
