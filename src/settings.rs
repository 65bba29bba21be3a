//! Settings resolved once from the command line and the environment: where to connect and as
//! whom, how to print, whether we may ask questions. Commands receive plain values from here.
//!
//! Precedence, most specific first: a flag (or its environment variable), then the URL, then the
//! defaults.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use crate::cli::{Cli, ConnectOpts, Format};
use crate::connection::{Endpoint, Timeouts, DEFAULT_CONNECT_TIMEOUT};
use crate::error::Error;

/// The variable that holds the password, so that it stays off the command line.
pub const PASSWORD_VAR: &str = "CHATSKY_REDIS_PASSWORD";

/// Everything a command needs to know about its environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The parsed `--url`, with the credentials of the flags applied.
    pub endpoint: Endpoint,
    /// Connection and reply timeouts.
    pub timeouts: Timeouts,
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
        let opts = &cli.connect;
        let mut endpoint = Endpoint::parse(&opts.url).map_err(|e| Error::Usage(e.to_string()))?;
        apply_credentials(&mut endpoint, opts)?;
        let timeouts = timeouts(&endpoint, opts)?;
        let stdout_tty = std::io::stdout().is_terminal();
        Ok(Settings {
            endpoint,
            timeouts,
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

    /// The format for commands whose human form is a document: pretty on a terminal, json otherwise.
    pub fn document_format(&self) -> Format {
        self.format.unwrap_or(if self.stdout_tty {
            Format::Pretty
        } else {
            Format::Json
        })
    }
}

/// `--username`, then `--password-file`, then `CHATSKY_REDIS_PASSWORD`, each over the URL's.
fn apply_credentials(endpoint: &mut Endpoint, opts: &ConnectOpts) -> Result<(), Error> {
    if let Some(user) = opts.username.as_deref().filter(|u| !u.is_empty()) {
        endpoint.username = Some(user.to_string());
    }
    let password = match &opts.password_file {
        Some(path) => Some(read_password_file(path, &mut endpoint.warnings)?),
        None => non_empty_var(PASSWORD_VAR),
    };
    match password {
        Some(password) => endpoint.password = Some(password),
        // The URL came from the command line (not the variable): its password is in `ps`.
        None if endpoint.password.is_some() && !url_from_env(&opts.url) => {
            endpoint.warnings.push(format!(
                "the password in --url can be read by every user of this machine (ps, /proc); \
                 give it with {PASSWORD_VAR}, --password-file or CHATSKY_REDIS_URL instead"
            ));
        }
        None => {}
    }
    Ok(())
}

fn url_from_env(url: &str) -> bool {
    std::env::var("CHATSKY_REDIS_URL").is_ok_and(|env| env == url)
}

fn non_empty_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The password in a file: its whole text but one trailing line break (as `echo` leaves one).
/// Never quoted in a message.
fn read_password_file(path: &Path, warnings: &mut Vec<String>) -> Result<String, Error> {
    let shown = path.display();
    let bytes = std::fs::read(path)
        .map_err(|e| Error::Usage(format!("cannot read the password file {shown}: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Usage(format!("the password file {shown} is not UTF-8 text")))?;
    let password = text
        .strip_suffix('\n')
        .map_or(text.as_str(), |t| t.strip_suffix('\r').unwrap_or(t));
    if password.is_empty() {
        return Err(Error::Usage(format!("the password file {shown} is empty")));
    }
    if password.contains(['\n', '\r']) {
        return Err(Error::Usage(format!(
            "the password file {shown} holds more than one line; put the password alone in it"
        )));
    }
    if readable_by_others(path) {
        warnings.push(format!(
            "the password file {shown} can be read by every user of this machine; chmod 600 it"
        ));
    }
    Ok(password.to_string())
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o004 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> bool {
    false
}

/// Connect: the flag, the URL's `socket_connect_timeout`, its `socket_timeout` (redis-py falls
/// back to it), 5 s. Replies: the flag, the URL's `socket_timeout`, no limit.
fn timeouts(endpoint: &Endpoint, opts: &ConnectOpts) -> Result<Timeouts, Error> {
    let connect = seconds("--connect-timeout", opts.connect_timeout)?
        .or(endpoint.connect_timeout)
        .or(endpoint.response_timeout)
        .unwrap_or(DEFAULT_CONNECT_TIMEOUT);
    let response = seconds("--timeout", opts.timeout)?.or(endpoint.response_timeout);
    Ok(Timeouts { connect, response })
}

fn seconds(flag: &str, value: Option<f64>) -> Result<Option<Duration>, Error> {
    match value {
        Some(s) if s > 0.0 && Duration::try_from_secs_f64(s).is_ok() => {
            Ok(Some(Duration::from_secs_f64(s)))
        }
        Some(s) => Err(Error::Usage(format!(
            "{flag} must be a positive, finite number of seconds, not {s}"
        ))),
        None => Ok(None),
    }
}

/// Colour only on a terminal, when `NO_COLOR` is unset and `TERM` is not `dumb`.
pub fn use_color(stdout_tty: bool) -> bool {
    stdout_tty
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}
