//! The Rust counterpart of Chatsky's `RedisContextStorage` (legacy layout, spec 1.1–1.5): one plain
//! string key per context. It talks to Redis and nothing else: no clap, no printing.
//!
//! | Chatsky            | here                  | Redis     |
//! |--------------------|-----------------------|-----------|
//! | `contains`         | [`Storage::exists`]   | `EXISTS`  |
//! | `get_item`         | [`Storage::get`]      | `GET`     |
//! | `set_item`         | [`Storage::set`]      | `SET`     |
//! | `del_item`         | [`Storage::delete`]   | `DEL`     |
//! | `len`              | [`Storage::dbsize`]   | `DBSIZE`  |
//! | `clear`            | [`Storage::flushdb`]  | `FLUSHDB` |

pub mod url;

use std::time::Duration;

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Client, ConnectionAddr, IntoConnectionInfo, RedisError};

use crate::error::Error;
pub use url::{Address, Endpoint};

/// What a read found under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// No such key.
    Missing,
    /// A string value (possibly empty, possibly not JSON).
    Value(Vec<u8>),
    /// A key of another Redis type (`hash`, `list`, …), named by `TYPE`.
    OtherType(String),
}

/// One page of a `SCAN`.
pub struct Page {
    /// The cursor for the next page; 0 when the scan is complete.
    pub cursor: u64,
    /// Keys of this page (may be empty even when the scan goes on).
    pub keys: Vec<Vec<u8>>,
}

/// A connection to the database that one `--url` selects. Clones share the connection, so several
/// pipelines can be in flight at once.
#[derive(Clone)]
pub struct Storage {
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

impl Storage {
    /// Connect, authenticate and select the database, failing within `timeouts.connect`.
    pub async fn connect(endpoint: &Endpoint, timeouts: Timeouts) -> Result<Storage, Error> {
        let client =
            Client::open(connection_info(endpoint)?).map_err(|e| redis_error(&e, endpoint))?;
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
            .map_err(|_| timed_out(endpoint))?
            .map_err(|e| redis_error(&e, endpoint))?;
        Ok(Storage {
            conn,
            endpoint: endpoint.clone(),
            timeouts,
        })
    }

    /// A second connection to the same database. Two sockets let the server fill one while the
    /// other is being read: a single socket's buffer stalls it on every large reply.
    pub async fn another(&self) -> Result<Storage, Error> {
        Storage::connect(&self.endpoint, self.timeouts).await
    }

    /// The endpoint this storage is connected to (its `Display` is redacted).
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    async fn query<T: redis::FromRedisValue>(&mut self, cmd: &redis::Cmd) -> Result<T, Error> {
        cmd.query_async(&mut self.conn)
            .await
            .map_err(|e| redis_error(&e, &self.endpoint))
    }

    async fn query_pipe<T: redis::FromRedisValue>(
        &mut self,
        pipe: &redis::Pipeline,
    ) -> Result<T, Error> {
        pipe.query_async(&mut self.conn)
            .await
            .map_err(|e| redis_error(&e, &self.endpoint))
    }

    /// `EXISTS` for each key, pipelined: true whatever the key's type or content (Chatsky's `contains`).
    pub async fn exists(&mut self, keys: &[&[u8]]) -> Result<Vec<bool>, Error> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut pipe = redis::pipe();
        for key in keys {
            pipe.cmd("EXISTS").arg(*key);
        }
        self.query_pipe(&pipe).await
    }

    /// `GET`, telling a missing key from a key of another type (which Chatsky would crash on):
    /// one round trip, and a `TYPE` only for a key of another type.
    pub async fn get(&mut self, key: &[u8]) -> Result<Stored, Error> {
        let reply: Result<Option<Vec<u8>>, RedisError> =
            redis::cmd("GET").arg(key).query_async(&mut self.conn).await;
        match reply {
            Ok(Some(bytes)) => Ok(Stored::Value(bytes)),
            Ok(None) => Ok(Stored::Missing),
            Err(e) if e.code() == Some("WRONGTYPE") => {
                let kind = self.key_types(&[key]).await?.remove(0);
                Ok(Stored::OtherType(kind))
            }
            Err(e) => Err(redis_error(&e, &self.endpoint)),
        }
    }

    /// The values of many keys in one `MGET`; keys of another type come back as
    /// [`Stored::OtherType`].
    pub async fn get_many(&mut self, keys: &[&[u8]]) -> Result<Vec<Stored>, Error> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        // One MGET: far less work for the server than a GET per key. It gives nil both for a
        // missing key and for a key of another type; TYPE tells those apart, in one more round
        // trip for the whole page and only when there is a nil.
        let replies: Vec<redis::Value> = self.query(redis::cmd("MGET").arg(keys)).await?;
        let mut out = Vec::with_capacity(replies.len());
        let mut nil = Vec::new();
        for (i, reply) in replies.into_iter().enumerate() {
            out.push(match reply {
                redis::Value::Nil => {
                    nil.push(i);
                    Stored::Missing
                }
                redis::Value::BulkString(bytes) => Stored::Value(bytes),
                other => return Err(unexpected(&other, &self.endpoint)),
            });
        }
        if !nil.is_empty() {
            let nil_keys: Vec<&[u8]> = nil.iter().map(|&i| keys[i]).collect();
            let types = self.key_types(&nil_keys).await?;
            for (i, kind) in nil.into_iter().zip(types) {
                if kind != "none" {
                    out[i] = Stored::OtherType(kind);
                }
            }
        }
        Ok(out)
    }

    /// `TYPE` of many keys in one pipeline.
    async fn key_types(&mut self, keys: &[&[u8]]) -> Result<Vec<String>, Error> {
        let mut pipe = redis::pipe();
        for key in keys {
            pipe.cmd("TYPE").arg(*key);
        }
        self.query_pipe(&pipe).await
    }

    /// `SET`, or `SET … NX` when `if_absent`; returns whether the value was written.
    pub async fn set(&mut self, key: &[u8], value: &[u8], if_absent: bool) -> Result<bool, Error> {
        let mut cmd = redis::cmd("SET");
        cmd.arg(key).arg(value);
        if if_absent {
            cmd.arg("NX");
        }
        let reply: Option<String> = self.query(&cmd).await?;
        Ok(reply.is_some())
    }

    /// Store a batch of key/value pairs in one round trip, all-or-nothing (see [`Writes`]).
    /// Returns how many were written.
    pub async fn store(&mut self, writes: &Writes) -> Result<u64, Error> {
        if writes.is_empty() {
            return Ok(0);
        }
        match &writes.command {
            Command::Mset(cmd) => {
                let () = self.query(cmd).await?;
                Ok(writes.len as u64)
            }
            Command::SetNx(pipe) => {
                let replies: Vec<Option<String>> = self.query_pipe(pipe).await?;
                Ok(replies.iter().filter(|r| r.is_some()).count() as u64)
            }
        }
    }

    /// `DEL` of the given keys; returns how many existed.
    pub async fn delete(&mut self, keys: &[&[u8]]) -> Result<u64, Error> {
        let mut cmd = redis::cmd("DEL");
        for key in keys {
            cmd.arg(*key);
        }
        self.query(&cmd).await
    }

    /// `UNLINK` of the given keys (non-blocking delete, for bulk work); returns how many existed.
    pub async fn unlink(&mut self, keys: &[Vec<u8>]) -> Result<u64, Error> {
        if keys.is_empty() {
            return Ok(0);
        }
        let mut cmd = redis::cmd("UNLINK");
        for key in keys {
            cmd.arg(key);
        }
        self.query(&cmd).await
    }

    /// `DBSIZE`: every key of the selected db, which is what Chatsky's `len` reports.
    pub async fn dbsize(&mut self) -> Result<u64, Error> {
        self.query(&redis::cmd("DBSIZE")).await
    }

    /// `FLUSHDB`: wipes the whole selected db, which is what Chatsky's `clear` does.
    pub async fn flushdb(&mut self) -> Result<(), Error> {
        self.query(&redis::cmd("FLUSHDB")).await
    }

    /// One `SCAN` step. `pattern` is a Redis glob; `count` a hint for the page size.
    pub async fn scan_page(
        &mut self,
        cursor: u64,
        pattern: Option<&str>,
        count: usize,
    ) -> Result<Page, Error> {
        let mut cmd = redis::cmd("SCAN");
        cmd.arg(cursor);
        if let Some(p) = pattern {
            cmd.arg("MATCH").arg(p);
        }
        cmd.arg("COUNT").arg(count);
        let (cursor, keys): (u64, Vec<Vec<u8>>) = self.query(&cmd).await?;
        Ok(Page { cursor, keys })
    }
}

/// A SCAN walk over the db, one page at a time; keys present for the whole walk come at least once.
pub struct Scan {
    cursor: u64,
    pattern: Option<String>,
    count: usize,
    done: bool,
}

impl Scan {
    /// A walk over keys matching `pattern` (a Redis glob; all keys when `None`).
    pub fn new(pattern: Option<&str>, count: usize) -> Scan {
        Scan {
            cursor: 0,
            pattern: pattern.map(str::to_string),
            count,
            done: false,
        }
    }

    /// The next page of keys, or `None` when the walk is complete.
    pub async fn next(&mut self, storage: &mut Storage) -> Result<Option<Vec<Vec<u8>>>, Error> {
        if self.done {
            return Ok(None);
        }
        let page = storage
            .scan_page(self.cursor, self.pattern.as_deref(), self.count)
            .await?;
        self.cursor = page.cursor;
        self.done = page.cursor == 0;
        Ok(Some(page.keys))
    }
}

fn connection_info(endpoint: &Endpoint) -> Result<redis::ConnectionInfo, Error> {
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
        .map_err(|e| redis_error(&e, endpoint))?;
    Ok(info.set_redis_settings(settings))
}

fn timed_out(endpoint: &Endpoint) -> Error {
    Error::Redis {
        message: format!("timed out connecting to {endpoint}"),
        hint: Some("check the host and port, or raise --connect-timeout".into()),
    }
}

fn unexpected(value: &redis::Value, endpoint: &Endpoint) -> Error {
    Error::Redis {
        message: format!("unexpected reply from {endpoint}: {value:?}"),
        hint: None,
    }
}

/// Turns a redis-rs error into one line and a hint. The endpoint is printed redacted.
fn redis_error(err: &RedisError, endpoint: &Endpoint) -> Error {
    let code = err.code().unwrap_or_default();
    let (message, hint) = if code == "NOPERM" {
        (
            format!(
                "permission denied at {endpoint}: {}",
                err_text(err, endpoint)
            ),
            "the Redis user's ACL lacks a command or key this needs; check `ACL GETUSER`"
                .to_string(),
        )
    } else if err.kind() == redis::ErrorKind::AuthenticationFailed
        || matches!(code, "WRONGPASS" | "NOAUTH")
    {
        (
            format!("authentication failed at {endpoint}"),
            "check the username and password in --url or CHATSKY_REDIS_URL".to_string(),
        )
    } else if err.is_connection_refusal() {
        (
            format!("connection refused: {}", err_text(err, endpoint)),
            format!("is Redis running at {endpoint}?"),
        )
    } else if err.is_timeout() {
        return timed_out(endpoint);
    } else if err.is_io_error() || err.is_connection_dropped() {
        (
            format!("cannot reach Redis: {}", err_text(err, endpoint)),
            format!("is Redis running at {endpoint}?"),
        )
    } else if code == "ERR" && err.detail().is_some_and(|d| d.contains("DB index")) {
        (
            format!(
                "the server refused db {}: {}",
                endpoint.db,
                err_text(err, endpoint)
            ),
            "choose a db the server has (see its `databases` setting)".to_string(),
        )
    } else {
        (
            format!("Redis error: {}", err_text(err, endpoint)),
            format!("server: {endpoint}"),
        )
    };
    Error::Redis {
        message,
        hint: Some(hint),
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

/// Default wait for a connection when neither `--connect-timeout` nor the URL says otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Key/value pairs to store together with [`Storage::store`], encoded as they are added (so a
/// batch holds each value once): one `MSET`, or with `if_absent` a `SET … NX` per key inside
/// `MULTI`/`EXEC`, which keeps existing keys.
pub struct Writes {
    command: Command,
    len: usize,
}

enum Command {
    Mset(redis::Cmd),
    SetNx(redis::Pipeline),
}

impl Writes {
    /// An empty batch, sized for `pairs` pairs of `bytes` bytes in all.
    pub fn new(if_absent: bool, pairs: usize, bytes: usize) -> Self {
        let command = if if_absent {
            let mut pipe = redis::Pipeline::with_capacity(pairs);
            pipe.atomic();
            Command::SetNx(pipe)
        } else {
            let mut cmd = redis::Cmd::with_capacity(1 + 2 * pairs, 4 + bytes);
            cmd.arg("MSET");
            Command::Mset(cmd)
        };
        Writes { command, len: 0 }
    }

    pub fn push(&mut self, key: &[u8], value: &[u8]) {
        match &mut self.command {
            // One MSET: atomic like MULTI/EXEC, and one command for the server instead of a
            // queued SET per key. The values stored are the same strings SET stores.
            Command::Mset(cmd) => {
                cmd.arg(key).arg(value);
            }
            Command::SetNx(pipe) => {
                pipe.cmd("SET").arg(key).arg(value).arg("NX");
            }
        }
        self.len += 1;
    }

    /// The number of pairs.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}
