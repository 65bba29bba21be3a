//! Settings resolved once from the command line and the environment: where to connect and as
//! whom, what TLS trusts and presents, how to print, whether we may ask questions or write.
//! Commands receive plain values from here.
//!
//! Precedence, most specific first: a flag (or its environment variable), then the URL, then
//! the environment's general variables (`SSL_CERT_FILE`, `SSL_CERT_DIR`), then the defaults.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use crate::cli::{Cli, Command, ConnectOpts, Format, LayoutArg, TlsOpts};
use crate::connection::{Address, Endpoint, Timeouts, DEFAULT_CONNECT_TIMEOUT};
use crate::error::Error;
use crate::store::detect::Asked;
use crate::store::walk::Layouts;
use crate::store::{Prefix, DEFAULT_PREFIX};

/// The variable that holds the password, so that it stays off the command line.
pub const PASSWORD_VAR: &str = "CHATSKY_REDIS_PASSWORD";

/// Everything a command needs to know about its environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The parsed `--url`, with the credentials and TLS settings of the flags applied.
    pub endpoint: Endpoint,
    /// Connection and reply timeouts.
    pub timeouts: Timeouts,
    /// `--layout`.
    pub layout: Asked,
    /// `--prefix`, or Chatsky's default.
    pub prefix: Prefix,
    /// Whether `--prefix` was given (walks then look at that prefix only).
    pub prefix_given: bool,
    /// `--read-only`: commands that write must refuse before connecting.
    pub read_only: bool,
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
    /// `migrate --target-url`: the database to write into, and its timeouts.
    pub target: Option<(Endpoint, Timeouts)>,
}

impl Settings {
    /// Resolve the settings for a parsed command line.
    pub fn resolve(cli: &Cli) -> Result<Settings, Error> {
        let opts = &cli.connect;
        let mut endpoint = Endpoint::parse(&opts.url).map_err(|e| Error::Usage(e.to_string()))?;
        apply_credentials(&mut endpoint, opts)?;
        apply_tls(&mut endpoint, &opts.tls)?;
        let timeouts = timeouts(&endpoint, opts)?;
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
            endpoint,
            timeouts,
            read_only: opts.read_only,
            format: cli.format,
            stdout_tty,
            stdin_tty: std::io::stdin().is_terminal(),
            stderr_tty: std::io::stderr().is_terminal(),
            color: use_color(stdout_tty),
            table_width: std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.trim().parse().ok()),
            target: target(cli)?,
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

/// `migrate --target-url`: parsed like `--url`, logging in and setting up TLS from its own user
/// info and `?ssl_*=` (the credential and TLS flags are `--url`'s), with the timeouts of the flags,
/// else of this URL.
fn target(cli: &Cli) -> Result<Option<(Endpoint, Timeouts)>, Error> {
    let Command::Migrate(args) = &cli.command else {
        return Ok(None);
    };
    let Some(url) = &args.target_url else {
        return Ok(None);
    };
    let mut endpoint =
        Endpoint::parse(url).map_err(|e| Error::Usage(format!("--target-url: {e}")))?;
    let from_env = std::env::var("CHATSKY_REDIS_TARGET_URL").is_ok_and(|env| env == *url);
    if endpoint.password.is_some() && !from_env {
        endpoint.warnings.push(
            "the password in --target-url can be read by every user of this machine (ps, /proc); \
             give the URL in CHATSKY_REDIS_TARGET_URL instead"
                .into(),
        );
    }
    let no_flags = TlsOpts {
        tls_ca_cert: None,
        tls_ca_dir: None,
        tls_cert: None,
        tls_key: None,
        tls_server_name: None,
    };
    apply_tls(&mut endpoint, &no_flags).map_err(|e| Error::Usage(format!("--target-url: {e}")))?;
    let timeouts = timeouts(&endpoint, &cli.connect)?;
    Ok(Some((endpoint, timeouts)))
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

/// The TLS flags over the URL's `ssl_*`, then `SSL_CERT_FILE`/`SSL_CERT_DIR` when nothing names a
/// CA; the files are read now, so that a missing one is a usage error before connecting.
fn apply_tls(endpoint: &mut Endpoint, opts: &TlsOpts) -> Result<(), Error> {
    let given = [
        ("--tls-ca-cert", opts.tls_ca_cert.is_some()),
        ("--tls-ca-dir", opts.tls_ca_dir.is_some()),
        ("--tls-cert", opts.tls_cert.is_some()),
        ("--tls-key", opts.tls_key.is_some()),
        ("--tls-server-name", opts.tls_server_name.is_some()),
    ];
    let first_given = given.iter().find(|(_, set)| *set).map(|(flag, _)| *flag);
    if !matches!(endpoint.address, Address::Tls { .. }) {
        return match first_given {
            // Going on would send the password and the data in clear text.
            Some(flag) => Err(Error::Usage(format!(
                "{flag} is for rediss:// URLs, and {endpoint} does not use TLS"
            ))),
            None => Ok(()),
        };
    }
    let tls = &mut endpoint.tls;
    if opts.tls_ca_cert.is_some() || opts.tls_ca_dir.is_some() {
        tls.ca_file = opts.tls_ca_cert.clone();
        tls.ca_dirs = opts.tls_ca_dir.iter().cloned().collect();
        tls.ca_data = None;
    } else if !tls.names_a_ca() {
        // OpenSSL's variables, which redis-py honours through Python's ssl module.
        tls.ca_file = std::env::var_os("SSL_CERT_FILE")
            .filter(|f| !f.is_empty())
            .map(Into::into);
        tls.ca_dirs = std::env::var_os("SSL_CERT_DIR")
            .map(|dirs| {
                std::env::split_paths(&dirs)
                    .filter(|d| !d.as_os_str().is_empty())
                    .collect()
            })
            .unwrap_or_default();
    }
    if opts.tls_cert.is_some() || opts.tls_key.is_some() {
        tls.cert_file = opts.tls_cert.clone();
        tls.key_file = opts.tls_key.clone();
    }
    if let Some(name) = &opts.tls_server_name {
        tls.server_name = Some(name.clone());
    }
    if !tls.verify && (opts.tls_ca_cert.is_some() || opts.tls_ca_dir.is_some()) {
        endpoint.warnings.push(
            "the URL's ssl_cert_reqs=none turns certificate checks off: the CA given is not used"
                .into(),
        );
    }
    endpoint
        .prepare_tls()
        .map_err(|e| Error::Usage(e.to_string()))
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
