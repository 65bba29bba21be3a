//! The connection to one Redis database: connecting as `--url` says (spec 1.1), sending commands
//! and pipelines, and turning every failure into a typed [`Failure`] with a one-line message and
//! the server's redacted address. It knows nothing of Chatsky's layouts (see `store`) and nothing
//! of the command line: what a user can do about a failure is said in `error`.
//!
//! Plain TCP and unix sockets go through redis-rs; TLS is made here ([`tls`]) and handed to
//! redis-rs as a stream, so that certificates are checked as production needs.

mod scan;
pub mod tls;
pub mod url;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client, ConnectionAddr, IntoConnectionInfo, RedisError};

pub use scan::Scan;
pub use tls::{TlsProblem, TlsSettings, TlsSetupError};
pub use url::{Address, Endpoint};

/// A connection to the database that one `--url` selects. Clones share the connection, so several
/// pipelines can be in flight at once.
#[derive(Clone)]
pub struct Connection {
    conn: MultiplexedConnection,
    endpoint: Endpoint,
    timeouts: Timeouts,
}

/// How long to wait, resolved from the command line and the URL.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// For establishing the connection (TCP, TLS, AUTH, SELECT).
    pub connect: Duration,
    /// For each reply once connected; `None` waits as long as the server takes.
    pub response: Option<Duration>,
}

/// Default wait for a connection when neither the caller nor the URL says otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// What kind of failure a [`Failure`] is: what the user can do about it depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// Nothing listens at the address.
    Refused,
    /// The connection could not be made (host unknown, unreachable, TLS refused, not Redis).
    Unreachable,
    /// Connecting took longer than allowed.
    ConnectTimeout,
    /// A reply took longer than allowed.
    ReplyTimeout,
    /// The connection was lost after it was made.
    Lost,
    /// The server refused the credentials.
    Auth,
    /// TLS refused: a certificate was not accepted, one side or the other.
    Tls(TlsProblem),
    /// The TLS files named could not be used (read before connecting).
    TlsSetup,
    /// The user's ACL does not allow a command or a key.
    NoPermission,
    /// The server has no such db.
    NoSuchDb,
    /// A key holds another Redis type than the command needs (`WRONGTYPE`).
    WrongType,
    /// Something answers at the address, but not in the Redis protocol (an HTTP server, …).
    NotRedis,
    /// Any other error reply, or a reply of an unexpected shape.
    Server,
}

/// A failure talking to Redis: one line that never contains the password.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
    /// The server, redacted, for hints.
    pub server: String,
}

impl Failure {
    /// The command the user's ACL does not allow, lower case, when that is the failure (Redis
    /// names it: "NOPERM User app has no permissions to run the 'dbsize' command").
    pub fn denied_command(&self) -> Option<&str> {
        if self.kind != FailureKind::NoPermission {
            return None;
        }
        let rest = &self.message[self.message.find("to run the '")? + "to run the '".len()..];
        rest.split('\'').next().filter(|c| !c.is_empty())
    }

    /// True when the user's ACL does not allow `command` (lower case).
    pub fn denies(&self, command: &str) -> bool {
        self.denied_command()
            .is_some_and(|c| c.eq_ignore_ascii_case(command))
    }
}

impl Connection {
    /// Connect, authenticate and select the database, failing within `timeouts.connect`.
    pub async fn connect(endpoint: &Endpoint, timeouts: Timeouts) -> Result<Connection, Failure> {
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(timeouts.connect))
            .set_response_timeout(timeouts.response);
        let handshaking = AtomicBool::new(false);
        let handshake = async {
            match endpoint
                .tls_client()
                .map_err(|e| tls_setup_failed(&e, endpoint))?
            {
                Some(tls) => connect_tls(endpoint, &tls, config, &handshaking).await,
                None => connect_plain(endpoint, config).await,
            }
        };
        let conn = tokio::time::timeout(timeouts.connect, handshake)
            .await
            .map_err(|_| match handshaking.load(Ordering::Relaxed) {
                true => tls_refused(tls::Problem::no_answer(timeouts.connect), endpoint),
                false => connect_timed_out(endpoint),
            })??;
        Ok(Connection {
            conn,
            endpoint: endpoint.clone(),
            timeouts,
        })
    }

    /// A second connection to the same database. Two sockets let the server fill one while the
    /// other is being read: a single socket's buffer stalls it on every large reply.
    pub async fn another(&self) -> Result<Connection, Failure> {
        Connection::connect(&self.endpoint, self.timeouts).await
    }

    /// The endpoint this connection goes to (its `Display` is redacted).
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Send one command and read its reply.
    pub async fn query<T: redis::FromRedisValue>(
        &mut self,
        cmd: &redis::Cmd,
    ) -> Result<T, Failure> {
        cmd.query_async(&mut self.conn)
            .await
            .map_err(|e| failure(&e, &self.endpoint, true))
    }

    /// Send a pipeline (atomic when built with `atomic()`) and read its replies.
    pub async fn query_pipe<T: redis::FromRedisValue>(
        &mut self,
        pipe: &redis::Pipeline,
    ) -> Result<T, Failure> {
        pipe.query_async(&mut self.conn)
            .await
            .map_err(|e| failure(&e, &self.endpoint, true))
    }

    /// Send a pipeline and get each reply as it came, error replies included (as
    /// `Value::ServerError`, see [`reply_error`]), so that one command's error (`WRONGTYPE`) does
    /// not hide the others' replies.
    pub async fn replies(
        &mut self,
        mut pipe: redis::Pipeline,
    ) -> Result<Vec<redis::Value>, Failure> {
        pipe.ignore_errors();
        self.query_pipe(&pipe).await
    }

    /// `EXISTS` for each key, pipelined: true whatever the key's type or content.
    pub async fn exists(&mut self, keys: &[&[u8]]) -> Result<Vec<bool>, Failure> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut pipe = redis::pipe();
        for key in keys {
            pipe.cmd("EXISTS").arg(*key);
        }
        self.query_pipe(&pipe).await
    }

    /// `TYPE` of many keys in one pipeline (`none` for a missing key).
    pub async fn types(&mut self, keys: &[&[u8]]) -> Result<Vec<String>, Failure> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut pipe = redis::pipe();
        for key in keys {
            pipe.cmd("TYPE").arg(*key);
        }
        self.query_pipe(&pipe).await
    }

    /// `DEL` of the given keys; returns how many existed.
    pub async fn del(&mut self, keys: &[&[u8]]) -> Result<u64, Failure> {
        if keys.is_empty() {
            return Ok(0);
        }
        self.query(redis::cmd("DEL").arg(keys)).await
    }

    /// `UNLINK` of the given keys (the server frees them in the background); returns how many
    /// existed. A user allowed `DEL` but not `UNLINK` gets `DEL`, which deletes the same keys.
    pub async fn unlink(&mut self, keys: &[Vec<u8>]) -> Result<u64, Failure> {
        if keys.is_empty() {
            return Ok(0);
        }
        match self.query(redis::cmd("UNLINK").arg(keys)).await {
            Err(e) if e.denies("unlink") => self.query(redis::cmd("DEL").arg(keys)).await,
            done => done,
        }
    }

    /// `DBSIZE`: every key of the selected db.
    pub async fn dbsize(&mut self) -> Result<u64, Failure> {
        self.query(&redis::cmd("DBSIZE")).await
    }

    /// `FLUSHDB`: wipes the whole selected db.
    pub async fn flushdb(&mut self) -> Result<(), Failure> {
        self.query(&redis::cmd("FLUSHDB")).await
    }

    /// A failure for a reply whose shape no command here expects.
    pub fn unexpected(&self, value: &redis::Value) -> Failure {
        Failure {
            kind: FailureKind::Server,
            message: format!("unexpected reply from {}: {value:?}", self.endpoint),
            server: self.endpoint.to_string(),
        }
    }
}

/// The failure an error reply inside a pipeline stands for (see [`Connection::replies`]).
pub fn reply_error(value: &redis::Value, endpoint: &Endpoint) -> Option<Failure> {
    match value {
        redis::Value::ServerError(e) => {
            let err: RedisError = e.clone().into();
            Some(failure(&err, endpoint, true))
        }
        _ => None,
    }
}

/// TCP or a unix socket, through redis-rs.
async fn connect_plain(
    endpoint: &Endpoint,
    config: AsyncConnectionConfig,
) -> Result<MultiplexedConnection, Failure> {
    let fail = |e: &RedisError| failure(e, endpoint, false);
    let addr = match &endpoint.address {
        Address::Tcp { host, port } => ConnectionAddr::Tcp(host.clone(), *port),
        Address::Unix(path) => ConnectionAddr::Unix(path.clone()),
        Address::Tls { .. } => unreachable!("TLS connects through connect_tls"),
    };
    let info = addr.into_connection_info().map_err(|e| fail(&e))?;
    let client =
        Client::open(info.set_redis_settings(redis_settings(endpoint))).map_err(|e| fail(&e))?;
    let mut conn = client
        .get_multiplexed_async_connection_with_config(&config)
        .await
        .map_err(|e| fail(&e))?;
    ping(&mut conn).await.map_err(|e| fail(&e))?;
    Ok(conn)
}

/// TCP, then TLS as [`tls::Tls`] sets it up, then Redis's own handshake over that stream.
async fn connect_tls(
    endpoint: &Endpoint,
    tls: &tls::Tls,
    config: AsyncConnectionConfig,
    handshaking: &AtomicBool,
) -> Result<MultiplexedConnection, Failure> {
    let Address::Tls { host, port } = &endpoint.address else {
        unreachable!("only a TLS address has a TLS client")
    };
    let stream = tls
        .connect(host, *port, handshaking)
        .await
        .map_err(|refusal| match refusal {
            tls::Refusal::Tls(problem) => tls_refused(problem, endpoint),
            tls::Refusal::Tcp(e) => failure(&e.into(), endpoint, false),
        })?;
    let seen = stream.seen();
    // A refusal of our certificate arrives while redis-rs reads its handshake's replies: report
    // it as what it is, not as the closed connection redis-rs sees.
    let fail = |e: &RedisError| match refused_late(&seen) {
        Some(err) => tls_refused(tls.explain(&err), endpoint),
        None => failure(e, endpoint, false),
    };
    let (mut conn, driver) =
        MultiplexedConnection::new_with_config(&redis_settings(endpoint), stream, config)
            .await
            .map_err(|e| fail(&e))?;
    tokio::spawn(driver);
    ping(&mut conn).await.map_err(|e| fail(&e))?;
    Ok(conn)
}

fn refused_late(seen: &Arc<Mutex<Option<rustls::Error>>>) -> Option<rustls::Error> {
    seen.lock().ok()?.clone()
}

/// With no password and db 0 there is no handshake at all, so a silent server or a missing
/// password would only show on the first real command: a PING inside the connect budget makes
/// every such failure a connection failure, on time.
async fn ping(conn: &mut MultiplexedConnection) -> Result<(), RedisError> {
    redis::cmd("PING").query_async::<()>(conn).await
}

fn tls_refused(problem: tls::Problem, endpoint: &Endpoint) -> Failure {
    Failure {
        kind: FailureKind::Tls(problem.kind),
        message: format!("TLS refused at {endpoint}: {}", problem.message),
        server: endpoint.to_string(),
    }
}

fn tls_setup_failed(err: &TlsSetupError, endpoint: &Endpoint) -> Failure {
    Failure {
        kind: FailureKind::TlsSetup,
        message: err.to_string(),
        server: endpoint.to_string(),
    }
}

/// Who to log in as, which db, which protocol.
fn redis_settings(endpoint: &Endpoint) -> redis::RedisConnectionInfo {
    let mut settings = redis::RedisConnectionInfo::default()
        .set_db(endpoint.db)
        .set_skip_set_lib_name();
    if let Some(user) = &endpoint.username {
        settings = settings.set_username(user);
    }
    if let Some(password) = &endpoint.password {
        settings = settings.set_password(password);
    }
    if endpoint.resp3 {
        settings = settings.set_protocol(redis::ProtocolVersion::RESP3);
    }
    settings
}

fn connect_timed_out(endpoint: &Endpoint) -> Failure {
    Failure {
        kind: FailureKind::ConnectTimeout,
        message: format!("timed out connecting to {endpoint}"),
        server: endpoint.to_string(),
    }
}

/// Turns a redis-rs error into one line. `connected`: the connection had been made, so an I/O
/// error means it was lost, not that the server is not there. The endpoint is printed redacted.
fn failure(err: &RedisError, endpoint: &Endpoint, connected: bool) -> Failure {
    use FailureKind::*;
    let code = err.code().unwrap_or_default();
    let text = || err_text(err, endpoint);
    let (kind, message) = if code == "NOPERM" {
        (
            NoPermission,
            format!("permission denied at {endpoint}: {}", text()),
        )
    } else if err.kind() == redis::ErrorKind::AuthenticationFailed
        || matches!(code, "WRONGPASS" | "NOAUTH")
    {
        (Auth, format!("authentication failed at {endpoint}"))
    } else if code == "WRONGTYPE" {
        (
            WrongType,
            format!("wrong key type at {endpoint}: {}", text()),
        )
    } else if err.kind() == redis::ErrorKind::Parse && !connected {
        // While connecting, a reply that is not RESP at all means another kind of server; once
        // connected, a parse error is something else (a reply cut short).
        (
            NotRedis,
            format!("the server at {endpoint} does not speak the Redis protocol"),
        )
    } else if err.is_connection_refusal() && !connected {
        (Refused, format!("connection refused: {}", text()))
    } else if err.is_timeout() && !connected {
        return connect_timed_out(endpoint);
    } else if err.is_timeout() {
        (
            ReplyTimeout,
            format!("timed out waiting for a reply from {endpoint}"),
        )
    } else if (err.is_io_error() || err.is_connection_dropped()) && connected {
        (
            Lost,
            format!("lost the connection to {endpoint}: {}", text()),
        )
    } else if connected && cut_short(err) {
        (
            Lost,
            format!("lost the connection to {endpoint} in the middle of a reply"),
        )
    } else if err.is_io_error() || err.is_connection_dropped() {
        (Unreachable, format!("cannot reach Redis: {}", text()))
    } else if code == "ERR" && err.detail().is_some_and(|d| d.contains("DB index")) {
        (
            NoSuchDb,
            format!("the server refused db {}: {}", endpoint.db, text()),
        )
    } else {
        (Server, format!("Redis error: {}", text()))
    };
    Failure {
        kind,
        message,
        server: endpoint.to_string(),
    }
}

/// A reply that stopped in the middle: the server went away while sending it (redis-rs reports
/// the stream's end inside a reply as a parse error).
fn cut_short(err: &RedisError) -> bool {
    err.kind() == redis::ErrorKind::Parse && err.to_string().contains("end of input")
}

/// The error's own text on one line. redis-rs never includes the password, and we do not rely on
/// that: the caller's endpoint password is masked if it appears.
fn err_text(err: &RedisError, endpoint: &Endpoint) -> String {
    let mut text = err.to_string().replace('\n', " ");
    if let Some(pw) = endpoint.password.as_deref().filter(|p| !p.is_empty()) {
        text = text.replace(pw, "***");
    }
    // A failed transaction lists every command's error; one line is enough to act on.
    if text.chars().count() > MAX_ERROR {
        text = text.chars().take(MAX_ERROR).collect::<String>() + "…";
    }
    text
}

/// Longest server error text quoted in a message.
const MAX_ERROR: usize = 300;
