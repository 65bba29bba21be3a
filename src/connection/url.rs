//! Parse a connection URI exactly the way Chatsky's redis-py `Redis.from_url` does (spec 1.1), and
//! print it back with the password redacted.
//!
//! We follow redis-py rather than redis-rs's own URL parser because the same string must reach the
//! same database as the bot: redis-py takes the db from `?db=` before the path, strips every `/` from
//! the path (`/1/2` is db 12) and silently ignores a non-integer path. Where redis-py falls back
//! silently we keep its answer but record a warning for the user. Where redis-py 5.0.x (Chatsky
//! 0.8, dff 0.7) and 8.1 (Chatsky 0.9) differ, we follow 8.1 and warn when the difference matters.
//!
//! Redaction comes first: [`redact`] works on any string, so an error about a URL that does not
//! parse never quotes its password.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use percent_encoding::percent_decode_str;

use super::tls::{Tls, TlsSettings, TlsSetupError};

/// Where to connect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// Plain TCP.
    Tcp { host: String, port: u16 },
    /// TCP with TLS (`rediss://`); what is checked is in [`Endpoint::tls`].
    Tls { host: String, port: u16 },
    /// A unix socket path (`unix://`).
    Unix(PathBuf),
}

/// A parsed connection URI. `Display` prints it with the password replaced by `***`.
#[derive(Clone)]
pub struct Endpoint {
    /// Where to connect.
    pub address: Address,
    /// ACL username (`None` when empty, as redis-py drops an empty username).
    pub username: Option<String>,
    /// Password (`None` when absent or empty).
    pub password: Option<String>,
    /// The database index sent with `SELECT`.
    pub db: i64,
    /// `?socket_connect_timeout=` seconds, if given.
    pub connect_timeout: Option<Duration>,
    /// `?socket_timeout=` seconds, if given.
    pub response_timeout: Option<Duration>,
    /// `?protocol=3` asks for RESP3.
    pub resp3: bool,
    /// What TLS checks and presents (`?ssl_*=`; only used for `rediss://`).
    pub tls: TlsSettings,
    /// The TLS client built from `tls` by [`Endpoint::prepare_tls`].
    prepared: Option<Tls>,
    /// Things redis-py would do silently that the user should know about.
    pub warnings: Vec<String>,
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Debug output must not leak the password either.
        write!(f, "Endpoint({self})")
    }
}

/// Why a URI could not be used. The message never contains the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid Redis URL {url}: {reason}")]
pub struct UrlError {
    /// The URI, redacted.
    pub url: String,
    /// What is wrong with it.
    pub reason: String,
}

/// The pieces of a URI as Python's `urllib.parse.urlparse` splits them.
struct Parts<'a> {
    scheme: &'a str,
    netloc: &'a str,
    path: &'a str,
    query: &'a str,
}

fn split(raw: &str) -> Option<Parts<'_>> {
    let (scheme, rest) = raw.split_once("://")?;
    let rest = rest.split('#').next().unwrap_or_default();
    let netloc_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (netloc, rest) = rest.split_at(netloc_end);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    Some(Parts {
        scheme,
        netloc,
        path,
        query,
    })
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Python's `int(str)`: surrounding whitespace, an optional sign, digits with single underscores.
fn python_int(s: &str) -> Option<i64> {
    let t = s.trim();
    let (sign, digits) = match t.strip_prefix('-') {
        Some(d) => (-1, d),
        None => (1, t.strip_prefix('+').unwrap_or(t)),
    };
    let ok = !digits.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_');
    if !ok {
        return None;
    }
    digits
        .replace('_', "")
        .parse::<i64>()
        .ok()
        .map(|n| sign * n)
}

/// Python's `float(str)` for the values a timeout can take.
fn python_float(s: &str) -> Option<f64> {
    s.trim().replace('_', "").parse::<f64>().ok()
}

/// redis-py's `to_bool`: only these spellings are false.
fn python_bool(s: &str) -> bool {
    !matches!(
        s.to_ascii_uppercase().as_str(),
        "" | "0" | "F" | "FALSE" | "N" | "NO"
    )
}

/// Query parameters redis-py types (and so rejects when malformed) but that mean nothing here.
const TYPED_BUT_UNUSED: &[&str] = &[
    "socket_keepalive",
    "retry_on_timeout",
    "max_connections",
    "health_check_interval",
    "timeout",
];

/// Credentials and host as `urlparse` reads them from the netloc.
struct Authority {
    username: Option<String>,
    password: Option<String>,
    host: Option<String>,
    port: Option<u16>,
}

fn parse_authority(netloc: &str) -> Result<Authority, String> {
    let (userinfo, hostinfo) = match netloc.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, netloc),
    };
    let (user, pass) = match userinfo {
        Some(u) => match u.split_once(':') {
            Some((n, p)) => (n, Some(p)),
            None => (u, None),
        },
        None => ("", None),
    };
    let (host, port) = if let Some(rest) = hostinfo.strip_prefix('[') {
        let (h, after) = rest
            .split_once(']')
            .ok_or("unbalanced '[' in the host part")?;
        (h, after.strip_prefix(':'))
    } else {
        match hostinfo.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostinfo, None),
        }
    };
    let port = match port.filter(|p| !p.is_empty()) {
        None => None,
        // The port text is not quoted back: in a mistyped URL it can be part of a password.
        Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => Some(
            p.parse::<u16>()
                .map_err(|_| "the port is out of range 0-65535".to_string())?,
        ),
        Some(_) => return Err("the port is not a number".into()),
    };
    Ok(Authority {
        // redis-py: `if url.username:` drops an empty username, same for the password.
        username: Some(decode(user)).filter(|u| !u.is_empty()),
        password: pass.map(decode).filter(|p| !p.is_empty()),
        host: Some(host.to_lowercase()).filter(|h| !h.is_empty()),
        // redis-py: `if url.port:` treats port 0 as "not given".
        port: port.filter(|p| *p != 0),
    })
}

/// What the query string said, before the scheme tells whether the TLS part may be used.
#[derive(Default)]
struct Query {
    db_seen: bool,
    username: Option<String>,
    password: Option<String>,
    /// The first `ssl_*` parameter, which only `rediss://` may carry.
    ssl_param: Option<String>,
}

impl Endpoint {
    /// Parse `raw` with redis-py's rules.
    pub fn parse(raw: &str) -> Result<Endpoint, UrlError> {
        let fail = |reason: String| UrlError {
            url: redact(raw),
            reason,
        };
        let parts = split(raw).ok_or_else(|| fail(SCHEMES.into()))?;
        if !matches!(parts.scheme, "redis" | "rediss" | "unix") {
            return Err(fail(SCHEMES.into()));
        }
        // An '@' after the host part almost always means a password with '/', '?' or '#' in it,
        // which splits the URL early; pieces of the password would then appear as the host,
        // port or path, so say what to do without quoting any of them.
        if misplaced_at(raw) {
            return Err(fail(
                "an '@' comes after the host part; percent-encode '/', '?', '#' and '@' in the \
                 username and password (e.g. '/' as %2F)"
                    .into(),
            ));
        }
        let auth = parse_authority(parts.netloc).map_err(&fail)?;
        let mut endpoint = Endpoint {
            address: Address::Unix(PathBuf::new()),
            username: None,
            password: None,
            db: 0,
            connect_timeout: None,
            response_timeout: None,
            resp3: false,
            tls: TlsSettings::default(),
            prepared: None,
            warnings: Vec::new(),
        };
        let query = endpoint.apply_query(parts.query).map_err(&fail)?;
        // redis-py reads the query first, then lets the user info overwrite it.
        endpoint.username = auth.username.or(query.username);
        endpoint.password = auth.password.or(query.password);
        if let Some(name) = query.ssl_param.filter(|_| parts.scheme != "rediss") {
            return Err(fail(format!(
                "'{name}' needs a rediss:// URL (Chatsky's redis-py refuses it on {}://)",
                parts.scheme
            )));
        }
        endpoint.address = match parts.scheme {
            "unix" if parts.path.is_empty() => return Err(fail("no socket path".into())),
            "unix" => Address::Unix(PathBuf::from(decode(parts.path))),
            scheme => {
                let host = auth.host.map_or_else(|| "localhost".into(), |h| decode(&h));
                let port = auth.port.unwrap_or(6379);
                if !query.db_seen {
                    endpoint.apply_db_path(parts.path);
                }
                match scheme {
                    "rediss" => Address::Tls { host, port },
                    _ => Address::Tcp { host, port },
                }
            }
        };
        Ok(endpoint)
    }

    /// redis-py: every `/` is removed from the decoded path and the rest goes through `int()`;
    /// anything else is ignored silently. We warn instead of staying silent.
    fn apply_db_path(&mut self, path: &str) {
        let digits = decode(path).replace('/', "");
        if digits.is_empty() {
            return;
        }
        match python_int(&digits) {
            Some(db) => {
                if path.trim_matches('/').contains('/') {
                    self.warnings.push(format!(
                        "URL path {path:?} selects db {db}: Chatsky removes every '/' from the path"
                    ));
                }
                self.db = db;
            }
            None => self
                .warnings
                .push("the URL path is not a database number; using db 0 as Chatsky does".into()),
        }
    }

    /// Applies the query parameters as redis-py 8.1 reads them: `parse_qs` (which drops blank
    /// values and decodes once), the first value of each name.
    fn apply_query(&mut self, query: &str) -> Result<Query, String> {
        let mut found = Query::default();
        let mut seen = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (name, value) = (
                decode(&name.replace('+', " ")),
                decode(&value.replace('+', " ")),
            );
            if value.is_empty() || seen.contains(&name) {
                continue;
            }
            seen.push(name.clone());
            if decode(&value) != value {
                self.warnings.push(format!(
                    "Chatsky 0.8 and dff 0.7 (redis-py 5.0) decode the URL's '{name}' twice and \
                     so read another value than this tool and Chatsky 0.9 do"
                ));
            }
            if name.starts_with("ssl_") && found.ssl_param.is_none() {
                found.ssl_param = Some(name.clone());
            }
            match name.as_str() {
                "username" => found.username = Some(value),
                "password" => found.password = Some(value),
                "db" => {
                    self.db = python_int(&value).ok_or_else(|| invalid(&name))?;
                    found.db_seen = true;
                }
                n if n.starts_with("ssl_") => self.apply_tls(n, value)?,
                n => self.apply_other(n, &value)?,
            }
        }
        self.tls.check_hostname &= self.tls.verify;
        Ok(found)
    }

    /// The `ssl_*` parameters of redis-py 8.1's `SSLConnection`.
    fn apply_tls(&mut self, name: &str, value: String) -> Result<(), String> {
        let tls = &mut self.tls;
        match name {
            // Python's ssl module treats CERT_OPTIONAL as CERT_REQUIRED on a client.
            "ssl_cert_reqs" => {
                tls.verify = match value.as_str() {
                    "none" => false,
                    "optional" | "required" => true,
                    _ => {
                        return Err("invalid value for 'ssl_cert_reqs' in the URL query \
                                    (none, optional or required, in lower case as redis-py \
                                    takes them)"
                            .into())
                    }
                }
            }
            "ssl_check_hostname" => tls.check_hostname = python_bool(&value),
            "ssl_ca_certs" => tls.ca_file = Some(value.into()),
            "ssl_ca_path" => tls.ca_dirs = vec![value.into()],
            "ssl_ca_data" => tls.ca_data = Some(value),
            "ssl_certfile" => tls.cert_file = Some(value.into()),
            "ssl_keyfile" => tls.key_file = Some(value.into()),
            // Python's ssl.TLSVersion: 772 is TLS 1.3 and -1 the newest; rustls never goes below
            // TLS 1.2, so the older ones change nothing.
            "ssl_min_version" => match python_int(&value).ok_or_else(|| invalid(name))? {
                772 | -1 => tls.tls13_only = true,
                768..=771 | -2 => {}
                _ => return Err(invalid(name)),
            },
            // Only needed for an encrypted key, which is refused with its own message.
            "ssl_password" => {}
            n => self
                .warnings
                .push(format!("URL parameter '{n}' has no effect on this tool")),
        }
        Ok(())
    }

    /// The other parameters: timeouts, the protocol, and those that mean nothing here.
    fn apply_other(&mut self, name: &str, value: &str) -> Result<(), String> {
        match name {
            "socket_connect_timeout" => {
                self.connect_timeout = Some(seconds(value).ok_or_else(|| invalid(name))?);
            }
            "socket_timeout" => {
                self.response_timeout = Some(seconds(value).ok_or_else(|| invalid(name))?);
            }
            "protocol" => self.resp3 = python_int(value).ok_or_else(|| invalid(name))? == 3,
            n if TYPED_BUT_UNUSED.contains(&n) => {
                let typed = python_float(value).is_some()
                    || n.starts_with("socket_")
                    || n.starts_with("retry_");
                if !typed {
                    return Err(invalid(n));
                }
                self.warnings
                    .push(format!("URL parameter '{n}' has no effect on this tool"));
            }
            n => self
                .warnings
                .push(format!("URL parameter '{n}' has no effect on this tool")),
        }
        Ok(())
    }

    /// Read the TLS files and build the client, once, so that a missing file is a usage error
    /// before anything connects. Does nothing for a URL without TLS.
    pub fn prepare_tls(&mut self) -> Result<(), TlsSetupError> {
        if let Address::Tls { host, .. } = &self.address {
            self.prepared = Some(Tls::prepare(&self.tls, host)?);
        }
        Ok(())
    }

    /// The TLS client, prepared now if [`Endpoint::prepare_tls`] was not called.
    pub(super) fn tls_client(&self) -> Result<Option<Tls>, TlsSetupError> {
        match (&self.address, &self.prepared) {
            (Address::Tls { .. }, Some(tls)) => Ok(Some(tls.clone())),
            (Address::Tls { host, .. }, None) => Tls::prepare(&self.tls, host).map(Some),
            _ => Ok(None),
        }
    }
}

fn invalid(name: &str) -> String {
    format!("invalid value for '{name}' in the URL query")
}

fn seconds(value: &str) -> Option<Duration> {
    python_float(value)
        .filter(|s| *s > 0.0)
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
}

/// True when an '@' stands after the end of the authority while the authority has none, which is
/// what a password containing '/', '?' or '#' looks like. For `unix://` the credentials end at
/// the '@' just before the socket path, and the path itself may hold '@'.
fn misplaced_at(raw: &str) -> bool {
    if let Some(rest) = raw.strip_prefix("unix://") {
        return rest
            .rsplit_once("@/")
            .is_some_and(|(userinfo, _)| userinfo.contains(['/', '?', '#']));
    }
    let Some((_, rest)) = raw.split_once("://") else {
        return false;
    };
    let (authority, after) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    !authority.contains('@') && after.contains('@')
}

const SCHEMES: &str = "the URL must start with redis://, rediss:// or unix://";

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let creds = match (&self.username, &self.password) {
            (Some(u), Some(_)) => format!("{u}:***@"),
            (None, Some(_)) => ":***@".to_string(),
            (Some(u), None) => format!("{u}@"),
            (None, None) => String::new(),
        };
        match &self.address {
            Address::Tcp { host, port } => {
                write!(f, "redis://{creds}{}:{port}/{}", bracket(host), self.db)
            }
            Address::Tls { host, port, .. } => {
                write!(f, "rediss://{creds}{}:{port}/{}", bracket(host), self.db)
            }
            Address::Unix(path) => write!(f, "unix://{creds}{}?db={}", path.display(), self.db),
        }
    }
}

fn bracket(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
}

/// Redact every secret a raw URI may hold, whether it parses or not, so that no message about a
/// URL ever quotes a password:
/// * a string without `scheme://` is not quoted at all (it may be a password pasted in the wrong
///   place, or a URL mistyped in a way that hides where its password is);
/// * the user info, up to the last `@`, keeps only its username (all of it is hidden when it has
///   no `:`, since some people put a bare password there);
/// * without an `@`, a port that is not a number is hidden (`redis://:pw` has the password there);
/// * the value of every query parameter whose name holds `pass`, `secret` or `token` is hidden.
pub fn redact(raw: &str) -> String {
    let shown = raw.split_once("://").filter(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let Some((scheme, rest)) = shown else {
        return "(not shown: it does not start with a scheme://)".into();
    };
    let rest = match rest.rfind('@') {
        Some(at) => {
            let user = match rest[..at].split_once(':') {
                Some((user, _)) => format!("{user}:***"),
                None => "***".into(),
            };
            format!("{user}{}", &rest[at..])
        }
        None => redact_port(rest),
    };
    format!("{scheme}://{}", redact_query_secrets(&rest))
}

/// `host:port` with a port that is not a number hidden.
fn redact_port(rest: &str) -> String {
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    // An IPv6 host's colons are inside its brackets.
    let host_end = match authority.strip_prefix('[') {
        Some(inner) => inner.find(']').map_or(authority.len(), |i| i + 2),
        None => 0,
    };
    match authority[host_end..].find(':') {
        Some(colon) => {
            let (host, port) = authority.split_at(host_end + colon + 1);
            if port.bytes().all(|b| b.is_ascii_digit()) {
                rest.to_string()
            } else {
                format!("{host}***{tail}")
            }
        }
        None => rest.to_string(),
    }
}

/// The values of secret-looking query parameters hidden. A value runs to the next `&` that starts
/// another parameter (`&name=`), so an unencoded `&` in a password does not end it early.
fn redact_query_secrets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(eq) = rest.find('=') {
        let name_start = rest[..eq]
            .rfind(['?', '&', ';', '#', '/'])
            .map_or(0, |i| i + 1);
        let name = rest[name_start..eq].to_ascii_lowercase();
        out.push_str(&rest[..=eq]);
        rest = &rest[eq + 1..];
        if ["pass", "secret", "token"].iter().any(|s| name.contains(s)) {
            out.push_str("***");
            rest = &rest[value_end(rest)..];
        }
    }
    out.push_str(rest);
    out
}

/// Where a query value ends: at an `&` followed by a parameter name and `=`, else at the end.
fn value_end(value: &str) -> usize {
    let mut from = 0;
    while let Some(i) = value[from..].find('&') {
        let at = from + i;
        let next = &value[at + 1..];
        let name = next
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(next.len());
        if name > 0 && next[name..].starts_with('=') {
            return at;
        }
        from = at + 1;
    }
    value.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Endpoint {
        Endpoint::parse(raw).unwrap()
    }

    fn tcp(host: &str, port: u16) -> Address {
        Address::Tcp {
            host: host.into(),
            port,
        }
    }

    #[test]
    fn defaults_are_localhost_6379_db0() {
        let e = parse("redis://");
        assert_eq!((e.address, e.db), (tcp("localhost", 6379), 0));
    }

    #[test]
    fn host_is_lowercased_and_ipv6_works() {
        assert_eq!(
            parse("redis://HOST.Example.com:7000").address,
            tcp("host.example.com", 7000)
        );
        assert_eq!(parse("redis://[::1]:6380/0").address, tcp("::1", 6380));
    }

    #[test]
    fn credentials_are_percent_decoded_and_empty_username_dropped() {
        let e = parse("redis://u%40x:p%40ss%3Aw@h/0");
        assert_eq!(e.username.as_deref(), Some("u@x"));
        assert_eq!(e.password.as_deref(), Some("p@ss:w"));
        let e = parse("redis://:pass@h");
        assert_eq!((e.username, e.password.as_deref()), (None, Some("pass")));
    }

    #[test]
    fn db_from_path_follows_redis_py() {
        assert_eq!(parse("redis://h/5").db, 5);
        assert_eq!(parse("redis://h/%31").db, 1);
        let e = parse("redis://h/1/2");
        assert_eq!(e.db, 12);
        assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
        let e = parse("redis://h/abc");
        assert_eq!(e.db, 0);
        assert!(e.warnings[0].contains("not a database number"));
        assert!(parse("redis://h/").warnings.is_empty());
    }

    #[test]
    fn db_in_query_wins_and_must_be_an_integer() {
        assert_eq!(parse("redis://h/2?db=4").db, 4);
        assert_eq!(parse("redis://h/abc?db=4").warnings.len(), 0);
        let err = Endpoint::parse("redis://h/2?db=x").unwrap_err();
        assert!(err.reason.contains("'db'"), "{err}");
        assert_eq!(parse("unix:///tmp/r.sock?db=2").db, 2);
    }

    #[test]
    fn unix_sockets_take_credentials_before_the_path() {
        let e = parse("unix://user:pw@/tmp/r.sock?db=3");
        assert_eq!(e.address, Address::Unix("/tmp/r.sock".into()));
        assert_eq!(
            (e.username.as_deref(), e.password.as_deref(), e.db),
            (Some("user"), Some("pw"), 3)
        );
    }

    #[test]
    fn reserved_characters_in_a_password_never_leak_into_messages() {
        for (raw, secret) in [
            ("redis://:hunter2#x@127.0.0.1:6390/0", "hunter2"),
            ("redis://:1234/abc@127.0.0.1/0", "abc"),
            ("redis://:pa?ss@h/0", "pa?ss"),
            ("unix://:se/cret@/tmp/s.sock", "cret"),
        ] {
            let err = Endpoint::parse(raw).unwrap_err().to_string();
            assert!(err.contains("percent-encode"), "{raw}: {err}");
            assert!(!err.contains(secret), "{raw}: {err}");
        }
        // The reason never quotes the port text (in a mistyped URL it can be a password piece).
        let reason = Endpoint::parse("redis://h:secretport/0")
            .unwrap_err()
            .reason;
        assert!(!reason.contains("secretport"), "{reason}");
        let e = parse("redis://h/s3cr3t");
        assert!(!e.warnings[0].contains("s3cr3t"), "{:?}", e.warnings);
        // An '@' that belongs to the authority or to a unix socket's credentials is fine.
        assert_eq!(
            parse("unix://u:pw@/tmp/s.sock").address,
            Address::Unix("/tmp/s.sock".into())
        );
        assert!(Endpoint::parse("redis://u:p@h/0").is_ok());
    }

    #[test]
    fn tls_settings_are_read_as_redis_py_8_reads_them() {
        let tls = |raw: &str| parse(raw).tls;
        // Verification and the host-name check are on by default.
        let default = tls("rediss://h");
        assert!(default.verify && default.check_hostname && !default.names_a_ca());
        // The first value counts; `optional` is `required` for a client; `none` turns every
        // check off, the host name's too.
        assert!(tls("rediss://h?ssl_cert_reqs=required&ssl_cert_reqs=none").verify);
        assert!(tls("rediss://h?ssl_cert_reqs=optional").verify);
        let none = tls("rediss://h?ssl_cert_reqs=none&ssl_check_hostname=true");
        assert!(!none.verify && !none.check_hostname);
        // redis-py compares the spelling exactly: `NONE` is an error, not "none".
        let err = Endpoint::parse("rediss://h?ssl_cert_reqs=NONE").unwrap_err();
        assert!(err.reason.contains("ssl_cert_reqs"), "{err}");
        // ssl_check_hostname is redis-py's to_bool: only 0/f/false/n/no are false.
        assert!(!tls("rediss://h?ssl_check_hostname=No").check_hostname);
        assert!(tls("rediss://h?ssl_check_hostname=off").check_hostname);
        let files = tls(
            "rediss://h?ssl_ca_certs=/ca%20dir/ca.pem&ssl_ca_path=/cas&ssl_certfile=c.pem\
             &ssl_keyfile=k.pem&ssl_min_version=772&ssl_ca_data=PEM+TEXT",
        );
        assert_eq!(files.ca_file, Some("/ca dir/ca.pem".into()));
        assert_eq!(files.ca_dirs, vec![PathBuf::from("/cas")]);
        assert_eq!(files.ca_data.as_deref(), Some("PEM TEXT"));
        assert_eq!(
            (files.cert_file, files.key_file),
            (Some("c.pem".into()), Some("k.pem".into()))
        );
        assert!(files.tls13_only);
        assert!(!tls("rediss://h?ssl_min_version=771").tls13_only);
        assert!(Endpoint::parse("rediss://h?ssl_min_version=tls13").is_err());
        assert!(parse("rediss://h?ssl_ciphers=HIGH").warnings[0].contains("ssl_ciphers"));
    }

    #[test]
    fn ssl_parameters_need_rediss() {
        for raw in [
            "redis://h?ssl_cert_reqs=none",
            "unix:///s.sock?ssl_ca_certs=/ca.pem",
        ] {
            let err = Endpoint::parse(raw).unwrap_err();
            assert!(err.reason.contains("needs a rediss:// URL"), "{err}");
        }
    }

    #[test]
    fn username_and_password_in_the_query_lose_to_the_user_info() {
        let creds = |raw: &str| {
            let e = parse(raw);
            (e.username, e.password)
        };
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            creds("redis://h?username=u&password=p%40ss"),
            (some("u"), some("p@ss"))
        );
        assert_eq!(
            creds("redis://x:y@h?username=u&password=p"),
            (some("x"), some("y"))
        );
        // Each part on its own: an empty password in the user info does not hide the query's.
        assert_eq!(
            creds("redis://x:@h?password=p&username=u"),
            (some("x"), some("p"))
        );
        assert_eq!(creds("unix:///s.sock?db=1&password=p"), (None, some("p")));
        // parse_qs turns '+' into a space and drops blank values.
        assert_eq!(creds("redis://h?password=a+b"), (None, some("a b")));
        assert_eq!(creds("redis://h?password="), (None, None));
        // redis-py 5.0 decodes query values twice: say so when that reads another value.
        let e = parse("redis://h?password=a%2520b");
        assert_eq!(e.password.as_deref(), Some("a%20b"));
        assert!(e.warnings[0].contains("'password'"), "{:?}", e.warnings);
        assert!(!e.warnings[0].contains("a%20b"), "{:?}", e.warnings);
    }

    #[test]
    fn huge_timeouts_are_errors_not_panics() {
        assert!(Endpoint::parse("redis://h?socket_timeout=1e300").is_err());
        assert!(Endpoint::parse("redis://h?socket_connect_timeout=inf").is_err());
    }

    #[test]
    fn tls_addresses() {
        let e = parse("rediss://h:6380");
        assert_eq!(
            e.address,
            Address::Tls {
                host: "h".into(),
                port: 6380
            }
        );
        assert_eq!(e.to_string(), "rediss://h:6380/0");
    }

    #[test]
    fn timeouts_and_unknown_parameters() {
        let e = parse("redis://h?socket_connect_timeout=0.5&foo=bar");
        assert_eq!(e.connect_timeout, Some(Duration::from_millis(500)));
        assert!(e.warnings[0].contains("'foo'"));
        assert!(Endpoint::parse("redis://h?socket_timeout=soon").is_err());
    }

    #[test]
    fn bad_schemes_and_ports_are_errors_without_the_password() {
        let err = Endpoint::parse("http://u:secret@h").unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
        let err = Endpoint::parse("redis://u:secret@h:99999").unwrap_err();
        assert!(err.to_string().contains("out of range") && !err.to_string().contains("secret"));
    }

    #[test]
    fn display_and_debug_redact_the_password() {
        let e = parse("redis://admin:s3cret@h:1/2");
        assert_eq!(e.to_string(), "redis://admin:***@h:1/2");
        assert!(!format!("{e:?}").contains("s3cret"));
        assert_eq!(
            parse("unix://:pw@/s.sock").to_string(),
            "unix://:***@/s.sock?db=0"
        );
    }

    #[test]
    fn raw_redaction() {
        assert_eq!(redact("redis://u:pw@h/0"), "redis://u:***@h/0");
        assert_eq!(redact("redis://pw@h/0"), "redis://***@h/0");
        assert_eq!(redact("unix://u:p/w@/tmp/s"), "unix://u:***@/tmp/s");
        assert_eq!(redact("redis://h:1/0"), "redis://h:1/0");
        assert_eq!(redact("redis://[::1]:6379/0"), "redis://[::1]:6379/0");
        assert_eq!(
            redact("redis://h/0?db=1&password=pw&x=1"),
            "redis://h/0?db=1&password=***&x=1"
        );
    }

    /// Every way a password can sit in a URL that does not parse (or does), and the password
    /// never in the redacted text, nor in the parse error or warnings.
    #[test]
    fn a_password_never_survives_redaction_whatever_the_url() {
        for raw in MALFORMED {
            let shown = redact(raw);
            assert!(!shown.contains("hunter2"), "{raw} -> {shown}");
            let said = match Endpoint::parse(raw) {
                Ok(e) => format!("{e} {e:?} {:?}", e.warnings),
                Err(err) => err.to_string(),
            };
            assert!(!said.contains("hunter2"), "{raw} -> {said}");
        }
        // Nothing is hidden that is not a secret, in a URL that parses.
        assert_eq!(
            redact("rediss://h:6380/0?ssl_ca_certs=/ca.pem"),
            "rediss://h:6380/0?ssl_ca_certs=/ca.pem"
        );
    }

    /// URLs holding the password `hunter2`, as people get them wrong.
    pub const MALFORMED: &[&str] = &[
        "http://u:hunter2@h",
        "redis:/u:hunter2@h",
        "redis:u:hunter2@h",
        "redis//:hunter2@h",
        "redis;//:hunter2@h/0",
        "redis:///:hunter2@h",
        "REDIS://:hunter2@h",
        "redis://:hunter2",
        "redis://u:hunter2",
        "redis://:hunter2/0",
        "redis://:hunter2@",
        "redis://:hunter2@h:port/0",
        "redis://:hunter2@h:99999",
        "redis://:hunter2@[::1/0",
        "redis://:hun@ter2@h/0",
        "redis://:hunter2#x@h/0",
        "redis://:hunter2?x@h/0",
        "redis://:1234/hunter2@h/0",
        "redis://h/0?password=hunter2",
        "redis://h/0?password=hunter2&db=x",
        "redis://h/0?db=x&password=hunter2",
        "redis://h/0?PASSWORD=hunter2&ssl_cert_reqs=NONE",
        "rediss://h/0?ssl_password=hunter2&ssl_cert_reqs=bad",
        "redis://h/0?password=hun&ter2&db=x",
        "redis://h/0?password=hun#ter2&db=x",
        "unix://:hunter2@/s.sock?db=x",
        "unix:///s.sock?password=hunter2&db=x",
        "unix://:hun/ter2@/s.sock",
        ":hunter2@h",
        "hunter2",
        "redis://u:hunter2@h/0?socket_timeout=soon",
        "rediss://u:hunter2@h?ssl_min_version=x",
        "redis://u:hunter2@h?ssl_cert_reqs=none",
        "redis://u:hunter2@h/0\n",
    ];

    #[test]
    fn python_int_rules() {
        assert_eq!(python_int(" 1_0 "), Some(10));
        assert_eq!(python_int("-3"), Some(-3));
        assert_eq!(python_int("1__0"), None);
        assert_eq!(python_int("_1"), None);
        assert_eq!(python_int("1.0"), None);
    }
}
