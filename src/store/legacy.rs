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

/// Values longer than this are written in pieces (see [`save`]): the smallest `proto-max-bulk-len`
/// a server can have, so that no piece is ever over it and a server whose limit the whole value
/// exceeds says so (`string exceeds maximum allowed size`) rather than closing the connection
/// mid-send, which shows here only as a broken pipe.
pub const PIECE: usize = 1 << 20;

/// How long a piece-by-piece write's temporary key lives if the write never finishes.
const PIECES_TTL_SECONDS: u64 = 3600;

/// The largest value the server takes (`proto-max-bulk-len`), when the user may ask (`CONFIG GET`
/// is often refused by ACLs and managed services: then `None`).
pub async fn max_value_size(conn: &mut Connection) -> Option<u64> {
    let cmd = redis::cmd("CONFIG")
        .arg("GET")
        .arg("proto-max-bulk-len")
        .clone();
    let reply: std::collections::HashMap<String, String> = conn.query(&cmd).await.ok()?;
    reply.get("proto-max-bulk-len")?.parse().ok()
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
///
/// A value over [`PIECE`] bytes is written in pieces: a `SET` then `APPEND`s into a temporary
/// key (expiring in an hour, should the write never finish), which one transaction then renames
/// over `key` (and makes persistent); with `if_absent`, under `WATCH`, only if `key` is still
/// absent. Readers see the old value or the whole new one, never a part. Sent whole, a value
/// costs twice its size again here (the command's arguments, then its encoding): in pieces of
/// [`PIECE`], it is held once.
pub async fn save(
    conn: &mut Connection,
    key: &[u8],
    value: &[u8],
    if_absent: bool,
) -> Result<bool, Failure> {
    if value.len() > PIECE {
        return save_in_pieces(conn, key, value, if_absent).await;
    }
    let mut cmd = redis::cmd("SET");
    cmd.arg(key).arg(value);
    if if_absent {
        cmd.arg("NX");
    }
    let reply: Option<String> = conn.query(&cmd).await?;
    Ok(reply.is_some())
}

async fn save_in_pieces(
    conn: &mut Connection,
    key: &[u8],
    value: &[u8],
    if_absent: bool,
) -> Result<bool, Failure> {
    // Kept at once rather than after uploading the value only to drop it (WATCH still guards
    // the race with a writer that comes after this check).
    if if_absent && conn.exists(&[key]).await?[0] {
        return Ok(false);
    }
    let mut temp = key.to_vec();
    temp.extend_from_slice(format!(":chatsky-redis-put:{}", uuid::Uuid::new_v4()).as_bytes());
    let written = async {
        let mut pieces = value.chunks(PIECE);
        let first = pieces.next().unwrap_or_default();
        let set = redis::cmd("SET")
            .arg(&temp)
            .arg(first)
            .arg("EX")
            .arg(PIECES_TTL_SECONDS)
            .clone();
        let () = conn.query(&set).await?;
        for piece in pieces {
            let _: u64 = conn
                .query(redis::cmd("APPEND").arg(&temp).arg(piece))
                .await?;
        }
        move_into_place(conn, &temp, key, if_absent).await
    }
    .await;
    if !matches!(written, Ok(true)) {
        // Best effort: it expires anyway.
        let _ = conn.del(&[&temp]).await;
    }
    written
}

/// Rename `temp` over `key` and drop the temporary key's expiry, in one transaction; with
/// `if_absent`, only if `key` does not exist (`WATCH` makes the transaction fail if it appears
/// meanwhile). The connection is this command's alone while it writes, so `WATCH` is safe on it.
async fn move_into_place(
    conn: &mut Connection,
    temp: &[u8],
    key: &[u8],
    if_absent: bool,
) -> Result<bool, Failure> {
    if if_absent {
        let () = conn.query(redis::cmd("WATCH").arg(key)).await?;
        if conn.exists(&[key]).await?[0] {
            let () = conn.query(&redis::cmd("UNWATCH")).await?;
            return Ok(false);
        }
    }
    let mut pipe = redis::pipe();
    pipe.atomic()
        .cmd("RENAME")
        .arg(temp)
        .arg(key)
        .ignore()
        .cmd("PERSIST")
        .arg(key)
        .ignore();
    // An aborted transaction (the key appeared under WATCH) answers nil.
    let done: Option<()> = conn.query_pipe(&pipe).await?;
    Ok(done.is_some())
}

/// `DEL` of the given keys (of any type, as Chatsky's `del_item`); returns how many existed.
pub async fn delete(conn: &mut Connection, keys: &[&[u8]]) -> Result<u64, Failure> {
    conn.del(keys).await
}

/// A key checked to hold a context, with the SHA1 (hex) of the value it held then.
pub struct Checked {
    pub key: Vec<u8>,
    pub sha1: String,
}

impl Checked {
    pub fn new(key: &[u8], value: &[u8]) -> Checked {
        Checked {
            key: key.to_vec(),
            sha1: sha1_hex(value),
        }
    }
}

/// The SHA1 of `bytes` in lower-case hex, as Redis scripts' `redis.sha1hex` gives it.
fn sha1_hex(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, bytes);
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// Deletes each key only if it still holds, as a string, the very value that was checked (its
/// SHA1 given in ARGV), all in one atomic script: nothing can change a key between that test and
/// its UNLINK. Returns how many were deleted and the (1-based) indexes of the keys that exist but
/// changed. A key gone meanwhile is neither.
const UNLINK_UNCHANGED: &str = r"
local deleted, changed = 0, {}
for i, key in ipairs(KEYS) do
  local kind = redis.call('TYPE', key)['ok']
  if kind == 'string' and redis.sha1hex(redis.call('GET', key)) == ARGV[i] then
    deleted = deleted + redis.call('UNLINK', key)
  elseif kind ~= 'none' then
    changed[#changed + 1] = i
  end
end
return {deleted, changed}
";

/// Times a key that keeps changing is checked again before it is left alone.
const ROUNDS: usize = 3;

/// What [`delete_contexts`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Deleted {
    /// Contexts deleted.
    pub deleted: u64,
    /// Keys kept because they stopped being contexts (or kept changing) after they were checked.
    pub kept: u64,
}

/// How sure a deletion must be that each key still holds the context that was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Care {
    /// Keys found by a pattern: deleted only by a check-and-delete that nothing can come between
    /// (a script, or `WATCH`/`MULTI`); a user whose ACL allows neither is refused.
    Atomic,
    /// Keys the user named: when the ACL allows neither, each is checked again right before a
    /// plain `DEL`.
    Named,
}

/// What the user's ACL lets a guarded deletion use, found out on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Means {
    Script,
    Watch,
    Recheck,
}

/// Deletes contexts that were checked (read and found to be contexts), never a key that stopped
/// being one since: each key is deleted only if it still holds the value checked. A key that
/// changed is read and checked again (a live bot rewrites its contexts every turn), up to
/// [`ROUNDS`] times; one that is no longer a context is kept.
///
/// A script (`EVAL`) first: one round trip, and one changed key does not fail the rest of its
/// batch. A user who may not run scripts gets `WATCH`/`MULTI`/`EXEC` on a connection of its own
/// (`WATCH` holds for a whole connection); one who may not `WATCH` either, only [`Care::Named`].
pub struct Guarded {
    care: Care,
    means: Means,
    own: Option<Connection>,
}

impl Guarded {
    pub fn new(care: Care) -> Guarded {
        Guarded {
            care,
            means: Means::Script,
            own: None,
        }
    }

    /// Delete the checked contexts that still hold what was checked.
    pub async fn delete(
        &mut self,
        conn: &mut Connection,
        mut pending: Vec<Checked>,
    ) -> Result<Deleted, Failure> {
        let mut done = Deleted::default();
        for round in 0..ROUNDS {
            if pending.is_empty() {
                break;
            }
            let (deleted, changed) = self.round(conn, &pending).await?;
            done.deleted += deleted;
            if round + 1 == ROUNDS {
                done.kept += changed.len() as u64;
                break;
            }
            pending = recheck(conn, &changed, &mut done).await?;
        }
        Ok(done)
    }

    /// Delete the unchanged keys of `pending`; the keys that changed.
    async fn round(
        &mut self,
        conn: &mut Connection,
        pending: &[Checked],
    ) -> Result<(u64, Vec<Vec<u8>>), Failure> {
        loop {
            let tried = match self.means {
                Means::Script => by_script(conn, pending).await,
                Means::Watch => {
                    if self.own.is_none() {
                        self.own = Some(conn.another().await?);
                    }
                    match &mut self.own {
                        Some(own) => by_watch(own, pending).await,
                        None => continue,
                    }
                }
                Means::Recheck => return by_recheck(conn, pending).await,
            };
            self.means = match (tried, self.means) {
                (Err(e), Means::Script) if e.denies("eval") => Means::Watch,
                (Err(e), Means::Watch)
                    if e.denies("watch") || e.denies("multi") || e.denies("exec") =>
                {
                    if self.care == Care::Atomic {
                        return Err(Failure {
                            message: format!(
                                "{}; deleting by pattern checks and deletes each context \
                                 atomically, which needs EVAL, or WATCH, MULTI and EXEC",
                                e.message
                            ),
                            ..e
                        });
                    }
                    Means::Recheck
                }
                (done, _) => return done,
            };
        }
    }
}

/// One script: each key unlinked only if it still holds the checked value.
async fn by_script(
    conn: &mut Connection,
    pending: &[Checked],
) -> Result<(u64, Vec<Vec<u8>>), Failure> {
    let mut cmd = redis::cmd("EVAL");
    cmd.arg(UNLINK_UNCHANGED).arg(pending.len());
    pending.iter().for_each(|c| {
        cmd.arg(&c.key);
    });
    pending.iter().for_each(|c| {
        cmd.arg(&c.sha1);
    });
    let (deleted, changed): (u64, Vec<usize>) = conn.query(&cmd).await?;
    let changed = changed
        .into_iter()
        .filter_map(|i| pending.get(i.wrapping_sub(1)).map(|c| c.key.clone()))
        .collect();
    Ok((deleted, changed))
}

/// `WATCH` the keys, read them, and `DEL` in one `MULTI`/`EXEC` those that still hold the checked
/// value; EXEC fails (nil) if any watched key changed in between, and then all are looked at
/// again.
async fn by_watch(
    own: &mut Connection,
    pending: &[Checked],
) -> Result<(u64, Vec<Vec<u8>>), Failure> {
    let keys: Vec<&[u8]> = pending.iter().map(|c| c.key.as_slice()).collect();
    let () = own.query(redis::cmd("WATCH").arg(&keys)).await?;
    let now = load_many(own, &keys).await?;
    let (mut same, mut changed) = (Vec::new(), Vec::new());
    for (c, stored) in pending.iter().zip(now) {
        match stored {
            Stored::Value(raw) if sha1_hex(&raw) == c.sha1 => same.push(c.key.as_slice()),
            Stored::Missing => {}
            _ => changed.push(c.key.clone()),
        }
    }
    if same.is_empty() {
        let () = own.query(&redis::cmd("UNWATCH")).await?;
        return Ok((0, changed));
    }
    let mut tx = redis::pipe();
    tx.atomic().cmd("DEL").arg(&same);
    let done: Option<(u64,)> = own.query_pipe(&tx).await?;
    match done {
        Some((deleted,)) => Ok((deleted, changed)),
        None => Ok((0, pending.iter().map(|c| c.key.clone()).collect())),
    }
}

/// Read each key again and `DEL` those that still hold the checked value: not atomic, for keys
/// the user named when the ACL allows nothing better.
async fn by_recheck(
    conn: &mut Connection,
    pending: &[Checked],
) -> Result<(u64, Vec<Vec<u8>>), Failure> {
    let keys: Vec<&[u8]> = pending.iter().map(|c| c.key.as_slice()).collect();
    let now = load_many(conn, &keys).await?;
    let (mut same, mut changed) = (Vec::new(), Vec::new());
    for (c, stored) in pending.iter().zip(now) {
        match stored {
            Stored::Value(raw) if sha1_hex(&raw) == c.sha1 => same.push(c.key.as_slice()),
            Stored::Missing => {}
            _ => changed.push(c.key.clone()),
        }
    }
    Ok((conn.del(&same).await?, changed))
}

/// Read changed keys again: those still contexts, to try again; the others are kept.
async fn recheck(
    conn: &mut Connection,
    keys: &[Vec<u8>],
    done: &mut Deleted,
) -> Result<Vec<Checked>, Failure> {
    let refs: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
    let values = load_many(conn, &refs).await?;
    let mut again = Vec::new();
    for (key, stored) in keys.iter().zip(values) {
        match stored {
            Stored::Missing => {}
            Stored::Value(raw) if crate::model::view::sniff(&raw).is_ok() => {
                again.push(Checked::new(key, &raw));
            }
            _ => done.kept += 1,
        }
    }
    Ok(again)
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
