//! The legacy layout of dff 0.7, chatsky 0.8 and chatsky 0.9 (spec 1.2–1.5): one plain Redis string
//! per context, key = `str(context_id)`, value = the Context as compact JSON.
//!
//! | Chatsky's `RedisContextStorage` | here         | Redis     |
//! |---------------------------------|--------------|-----------|
//! | `contains`                      | [`exists`]   | `EXISTS`  |
//! | `get_item`                      | [`load`]     | `GET`     |
//! | `set_item`                      | [`save`]     | `SET`     |
//! | `del_item`                      | [`delete`]   | `DEL`     |
//! | `len`                           | [`count`]    | `DBSIZE`  |
//! | `clear`                         | [`clear`]    | `FLUSHDB` |

use crate::connection::{Connection, Failure, FailureKind};

/// What a read found under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// No such key.
    Missing,
    /// A string value (possibly empty, possibly not JSON).
    Value(Vec<u8>),
    /// A key of another Redis type (`hash`, `list`, …), named by `TYPE`.
    OtherType(String),
    /// A key the user's ACL does not let it read (only from [`load_many`], which reads what it
    /// may of a page).
    Forbidden,
}

/// What a key of another type is called when the user may not run `TYPE` to name it.
const UNNAMED_TYPE: &str = "non-string value (the user may not run TYPE to name it)";

/// `TYPE` of each key, or [`UNNAMED_TYPE`] for all when the user may not run it.
async fn types_or_unnamed(conn: &mut Connection, keys: &[&[u8]]) -> Result<Vec<String>, Failure> {
    match conn.types(keys).await {
        Err(e) if e.denies("type") => Ok(vec![UNNAMED_TYPE.to_string(); keys.len()]),
        named => named,
    }
}

/// `EXISTS` of each key: true whatever the key's type or content (Chatsky's `contains`).
pub async fn exists(conn: &mut Connection, keys: &[&[u8]]) -> Result<Vec<bool>, Failure> {
    conn.exists(keys).await
}

/// `GET`, telling a missing key from a key of another type (which Chatsky would crash on): one
/// round trip, and a `TYPE` only for a key of another type.
pub async fn load(conn: &mut Connection, key: &[u8]) -> Result<Stored, Failure> {
    let reply: Result<Option<Vec<u8>>, Failure> = conn.query(redis::cmd("GET").arg(key)).await;
    match reply {
        Ok(Some(bytes)) => Ok(Stored::Value(bytes)),
        Ok(None) => Ok(Stored::Missing),
        Err(e) if e.kind == crate::connection::FailureKind::WrongType => {
            let kind = types_or_unnamed(conn, &[key]).await?.remove(0);
            Ok(Stored::OtherType(kind))
        }
        Err(e) => Err(e),
    }
}

/// The values of many keys in one `MGET`; keys of another type come back as
/// [`Stored::OtherType`].
pub async fn load_many(conn: &mut Connection, keys: &[&[u8]]) -> Result<Vec<Stored>, Failure> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    // One MGET: far less work for the server than a GET per key. It gives nil both for a missing
    // key and for a key of another type; TYPE tells those apart, in one more round trip for the
    // whole page and only when there is a nil.
    let replies: Vec<redis::Value> = match conn.query(redis::cmd("MGET").arg(keys)).await {
        // A user limited to a key pattern sees every key in SCAN but may read only its own, and
        // one foreign key fails the whole MGET: read the page key by key instead, in one
        // pipeline, and mark the keys it may not read.
        Err(e) if e.kind == FailureKind::NoPermission => one_by_one(conn, keys).await?,
        replies => replies?,
    };
    let mut out = Vec::with_capacity(replies.len());
    let mut nil = Vec::new();
    for (i, reply) in replies.into_iter().enumerate() {
        out.push(match reply {
            redis::Value::Nil => {
                nil.push(i);
                Stored::Missing
            }
            redis::Value::BulkString(bytes) => Stored::Value(bytes),
            redis::Value::ServerError(e) if e.code() == "NOPERM" => Stored::Forbidden,
            // WRONGTYPE from a GET: TYPE names it below, as for MGET's nil.
            redis::Value::ServerError(e) if e.code() == "WRONGTYPE" => {
                nil.push(i);
                Stored::Missing
            }
            other => return Err(conn.unexpected(&other)),
        });
    }
    if !nil.is_empty() {
        let nil_keys: Vec<&[u8]> = nil.iter().map(|&i| keys[i]).collect();
        let types = types_or_unnamed(conn, &nil_keys).await?;
        for (i, kind) in nil.into_iter().zip(types) {
            if kind != "none" {
                out[i] = Stored::OtherType(kind);
            }
        }
    }
    Ok(out)
}

/// A `GET` per key in one pipeline, each reply as it came (errors included).
async fn one_by_one(conn: &mut Connection, keys: &[&[u8]]) -> Result<Vec<redis::Value>, Failure> {
    let mut pipe = redis::pipe();
    for key in keys {
        pipe.cmd("GET").arg(*key);
    }
    conn.replies(pipe).await
}

/// `SET`, or `SET … NX` when `if_absent`; returns whether the value was written.
pub async fn save(
    conn: &mut Connection,
    key: &[u8],
    value: &[u8],
    if_absent: bool,
) -> Result<bool, Failure> {
    let mut cmd = redis::cmd("SET");
    cmd.arg(key).arg(value);
    if if_absent {
        cmd.arg("NX");
    }
    let reply: Option<String> = conn.query(&cmd).await?;
    Ok(reply.is_some())
}

/// `DEL` of the given keys (of any type, as Chatsky's `del_item`); returns how many existed.
pub async fn delete(conn: &mut Connection, keys: &[&[u8]]) -> Result<u64, Failure> {
    conn.del(keys).await
}

/// `DBSIZE`: every key of the selected db, which is what Chatsky's `len` reports.
pub async fn count(conn: &mut Connection) -> Result<u64, Failure> {
    conn.dbsize().await
}

/// `FLUSHDB`: wipes the whole selected db, which is what Chatsky's `clear` does.
pub async fn clear(conn: &mut Connection) -> Result<(), Failure> {
    conn.flushdb().await
}

/// Key/value pairs to store together with [`store`], encoded as they are added (so a batch
/// holds each value once): one `MSET`, or with `if_absent` a `SET … NX` per key inside
/// `MULTI`/`EXEC`, which keeps existing keys. Either way all-or-nothing.
pub struct Batch {
    command: BatchCommand,
    len: usize,
}

enum BatchCommand {
    Mset(redis::Cmd),
    SetNx(redis::Pipeline),
}

impl Batch {
    /// An empty batch, sized for `pairs` pairs of `bytes` bytes in all.
    pub fn new(if_absent: bool, pairs: usize, bytes: usize) -> Self {
        let command = if if_absent {
            let mut pipe = redis::Pipeline::with_capacity(pairs);
            pipe.atomic();
            BatchCommand::SetNx(pipe)
        } else {
            let mut cmd = redis::Cmd::with_capacity(1 + 2 * pairs, 4 + bytes);
            cmd.arg("MSET");
            BatchCommand::Mset(cmd)
        };
        Batch { command, len: 0 }
    }

    pub fn push(&mut self, key: &[u8], value: &[u8]) {
        match &mut self.command {
            // One MSET: atomic like MULTI/EXEC, and one command for the server instead of a
            // queued SET per key. The values stored are the same strings SET stores.
            BatchCommand::Mset(cmd) => {
                cmd.arg(key).arg(value);
            }
            BatchCommand::SetNx(pipe) => {
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

/// An `MSET`'s pairs as `SET`s inside `MULTI`/`EXEC`.
fn as_sets(mset: &redis::Cmd) -> redis::Pipeline {
    let mut pipe = redis::pipe();
    pipe.atomic();
    let mut args = mset.args_iter().skip(1);
    while let (Some(key), Some(value)) = (args.next(), args.next()) {
        if let (redis::Arg::Simple(key), redis::Arg::Simple(value)) = (key, value) {
            pipe.cmd("SET").arg(key).arg(value).ignore();
        }
    }
    pipe
}

/// Store a batch in one round trip, all-or-nothing. Returns how many pairs were written (with
/// `if_absent`, the others were kept).
pub async fn store(conn: &mut Connection, batch: &Batch) -> Result<u64, Failure> {
    if batch.is_empty() {
        return Ok(0);
    }
    match &batch.command {
        BatchCommand::Mset(cmd) => {
            match conn.query(cmd).await {
                // A user allowed SET but not MSET: the same pairs as SETs in one MULTI/EXEC,
                // all-or-nothing still.
                Err(e) if e.denies("mset") => {
                    let () = conn.query_pipe(&as_sets(cmd)).await?;
                }
                done => done?,
            }
            Ok(batch.len as u64)
        }
        BatchCommand::SetNx(pipe) => {
            let replies: Vec<Option<String>> = conn.query_pipe(pipe).await?;
            Ok(replies.iter().filter(|r| r.is_some()).count() as u64)
        }
    }
}
