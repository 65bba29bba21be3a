//! The connection to one Redis database: connecting as `--url` says (spec 1.1), sending commands
//! and pipelines, and turning every failure into a typed [`Failure`] with a one-line message and
//! the server's redacted address. It knows nothing of Chatsky's layouts (see `store`) and nothing
//! of the command line: what a user can do about a failure is said in `error`.

mod scan;
pub mod url;

use std::time::Duration;

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client, ConnectionAddr, IntoConnectionInfo, RedisError};

pub use scan::Scan;
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

impl Connection {
    /// Connect, authenticate and select the database, failing within `timeouts.connect`.
    pub async fn connect(endpoint: &Endpoint, timeouts: Timeouts) -> Result<Connection, Failure> {
        let fail = |e: &RedisError| failure(e, endpoint, false);
        let client = Client::open(connection_info(endpoint)?).map_err(|e| fail(&e))?;
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(timeouts.connect))
            .set_response_timeout(timeouts.response);
        // With no password and db 0 there is no handshake at all, so a silent server or a missing
        // password would only show on the first real command: a PING inside the connect budget
        // makes every such failure a connection failure, on time.
        let handshake = async {
            let mut conn = client
                .get_multiplexed_async_connection_with_config(&config)
                .await?;
            redis::cmd("PING").query_async::<()>(&mut conn).await?;
            Ok::<_, RedisError>(conn)
        };
        let conn = tokio::time::timeout(timeouts.connect, handshake)
            .await
            .map_err(|_| connect_timed_out(endpoint))?
            .map_err(|e| fail(&e))?;
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
    /// existed.
    pub async fn unlink(&mut self, keys: &[Vec<u8>]) -> Result<u64, Failure> {
        if keys.is_empty() {
            return Ok(0);
        }
        self.query(redis::cmd("UNLINK").arg(keys)).await
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

fn connection_info(endpoint: &Endpoint) -> Result<redis::ConnectionInfo, Failure> {
    let addr = match &endpoint.address {
        Address::Tcp { host, port } => ConnectionAddr::Tcp(host.clone(), *port),
        Address::Tls {
            host,
            port,
            insecure,
        } => ConnectionAddr::TcpTls {
            host: host.clone(),
            port: *port,
            insecure: *insecure,
            tls_params: None,
        },
        Address::Unix(path) => ConnectionAddr::Unix(path.clone()),
    };
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
    let info = addr
        .into_connection_info()
        .map_err(|e| failure(&e, endpoint, false))?;
    Ok(info.set_redis_settings(settings))
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
