//! Settings resolved once from the command line and the environment: where to connect, how to
//! print, whether we may ask questions. Commands receive plain values from here.

use std::io::IsTerminal;
use std::time::Duration;

use crate::cli::{Cli, Format, LayoutArg};
use crate::connection::{Endpoint, Timeouts, DEFAULT_CONNECT_TIMEOUT};
use crate::error::Error;
use crate::store::detect::Asked;
use crate::store::walk::Layouts;
use crate::store::{Prefix, DEFAULT_PREFIX};

/// Everything a command needs to know about its environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The parsed `--url`.
    pub endpoint: Endpoint,
    /// Connection and reply timeouts.
    pub timeouts: Timeouts,
    /// `--layout`.
    pub layout: Asked,
    /// `--prefix`, or Chatsky's default.
    pub prefix: Prefix,
    /// Whether `--prefix` was given (walks then look at that prefix only).
    pub prefix_given: bool,
    /// The `--format` asked for, if any (each command has its own default).
    pub format: Option<Format>,
    /// Whether stdout is a terminal.
    pub stdout_tty: bool,
    /// Whether stdin is a terminal (so we may ask for confirmation).
    pub stdin_tty: bool,
    /// Whether stderr is a terminal (so a progress bar makes sense).
    pub stderr_tty: bool,
    /// Whether tables may use colour.
    pub color: bool,
    /// Table width: `COLUMNS` when set (tests pin it), else the terminal's.
    pub table_width: Option<u16>,
}

impl Settings {
    /// Resolve the settings for a parsed command line.
    pub fn resolve(cli: &Cli) -> Result<Settings, Error> {
        let endpoint =
            Endpoint::parse(&cli.connect.url).map_err(|e| Error::Usage(e.to_string()))?;
        let connect = match cli.connect.connect_timeout {
            Some(s) if s > 0.0 && Duration::try_from_secs_f64(s).is_ok() => {
                Duration::from_secs_f64(s)
            }
            Some(s) => {
                return Err(Error::Usage(format!(
                    "--connect-timeout must be a positive, finite number of seconds, not {s}"
                )))
            }
            None => endpoint.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
        };
        let stdout_tty = std::io::stdout().is_terminal();
        let prefix = cli.layout.prefix.as_deref().unwrap_or(DEFAULT_PREFIX);
        let prefix = Prefix::new(prefix).map_err(|e| Error::Usage(format!("--prefix: {e}")))?;
        Ok(Settings {
            layout: match cli.layout.layout {
                LayoutArg::Auto => Asked::Auto,
                LayoutArg::Legacy => Asked::Legacy,
                LayoutArg::V010 => Asked::V010,
            },
            prefix,
            prefix_given: cli.layout.prefix.is_some(),
            timeouts: Timeouts {
                connect,
                response: endpoint.response_timeout,
            },
            endpoint,
            format: cli.format,
            stdout_tty,
            stdin_tty: std::io::stdin().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            color: use_color(stdout_tty),
            table_width: std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse().ok()),
        })
    }

    /// The layouts a walk covers: the one asked for, or with auto both (0.10 contexts under
    /// `--prefix` when it was given, else under any prefix).
    pub fn walk_layouts(&self) -> Layouts {
        match self.layout {
            Asked::Legacy => Layouts::Legacy,
            Asked::V010 => Layouts::Hashes(self.prefix.clone()),
            Asked::Auto => Layouts::Both(self.prefix_given.then(|| self.prefix.clone())),
        }
    }

    /// The format for commands whose human form is a document: pretty on a terminal, json otherwise.
    pub fn document_format(&self) -> Format {
        self.format.unwrap_or(if self.stdout_tty {
            Format::Pretty
        } else {
            Format::Json
        })
    }
}

/// Colour only on a terminal, when `NO_COLOR` is unset and `TERM` is not `dumb`.
pub fn use_color(stdout_tty: bool) -> bool {
    stdout_tty
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}
