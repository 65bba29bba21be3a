//! chatsky 0.10's layout (spec 3): per context a main hash `P:main:ID` and turn hashes
//! `P:turns:ID:labels|requests|responses`, under a key prefix `P` (default `chatsky_keys`).
//!
//! Where Chatsky's own storage goes wrong, this does not: a context is deleted by its four exact
//! key names (Chatsky's `delete_context` deletes `KEYS P:*:ID*`, so `user-1` takes `user-10`
//! along), a whole context is written in one `MULTI`/`EXEC` with its old turn hashes replaced
//! (Chatsky sends loose `HSET`s), and nothing uses `KEYS`.

use std::fmt;

use crate::connection::{reply_error, Connection, Failure, FailureKind};
use crate::model::v010::{Fields, Hash, Stored, TURNS};

use super::glob;

/// A chatsky 0.10 key prefix; never empty, as Chatsky refuses an empty one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Prefix(String);

/// The prefix Chatsky uses unless told otherwise.
pub const DEFAULT_PREFIX: &str = "chatsky_keys";

impl Prefix {
    pub fn new(prefix: &str) -> Result<Prefix, String> {
        if prefix.is_empty() {
            return Err("the key prefix must not be empty (Chatsky refuses an empty one)".into());
        }
        Ok(Prefix(prefix.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `P:main:ID`.
    pub fn main_key(&self, id: &str) -> Vec<u8> {
        format!("{}:main:{id}", self.0).into_bytes()
    }

    /// `P:turns:ID:FIELD`.
    pub fn turn_key(&self, id: &str, field: &str) -> Vec<u8> {
        format!("{}:turns:{id}:{field}", self.0).into_bytes()
    }

    /// The four keys of a context: main, then the turn hashes in [`TURNS`] order.
    pub fn keys(&self, id: &str) -> [Vec<u8>; 4] {
        [
            self.main_key(id),
            self.turn_key(id, TURNS[0]),
            self.turn_key(id, TURNS[1]),
            self.turn_key(id, TURNS[2]),
        ]
    }

    /// The SCAN pattern of the main hashes whose id matches `ids` (a glob; all when `None`).
    pub fn main_pattern(&self, ids: Option<&str>) -> String {
        format!("{}:main:{}", glob::escape(&self.0), ids.unwrap_or("*"))
    }

    /// The SCAN pattern of every key under the prefix.
    pub fn all_pattern(&self) -> String {
        format!("{}:*", glob::escape(&self.0))
    }

    /// The id of a main hash's name under this prefix.
    pub fn id_of_main<'k>(&self, key: &'k str) -> Option<&'k str> {
        key.strip_prefix(self.0.as_str())?.strip_prefix(":main:")
    }

    /// The id and hash name of a turn hash's name under this prefix.
    pub fn id_of_turns<'k>(&self, key: &'k str) -> Option<(&'k str, &'k str)> {
        let rest = key.strip_prefix(self.0.as_str())?.strip_prefix(":turns:")?;
        let (id, field) = rest.rsplit_once(':')?;
        TURNS.contains(&field).then_some((id, field))
    }
}

impl fmt::Display for Prefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A main hash's name split into prefix and id, for a walk that finds prefixes: the prefix is
/// what comes before the first `:main:`.
pub fn split_main(key: &str) -> Option<(&str, &str)> {
    let at = key.find(":main:").filter(|&at| at > 0)?;
    Some((&key[..at], &key[at + ":main:".len()..]))
}

/// Whether a name is a turn hash's, `P:turns:ID:FIELD`, under any prefix.
pub fn is_turns_name(key: &str) -> bool {
    key.find(":turns:").filter(|&at| at > 0).is_some_and(|at| {
        key[at + ":turns:".len()..]
            .rsplit_once(':')
            .is_some_and(|(_, field)| TURNS.contains(&field))
    })
}

/// What a read found for one id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// No main hash (Chatsky would start a new context).
    Missing,
    /// The main key holds another Redis type, named by `TYPE`.
    OtherType(String),
    /// A hash under the main key with none of the main fields.
    NotAContext,
    /// The context's hashes.
    Context(Stored),
}

/// Whether each id has a main hash: `TYPE` of each main key, pipelined.
pub async fn exists(
    conn: &mut Connection,
    prefix: &Prefix,
    ids: &[&str],
) -> Result<Vec<bool>, Failure> {
    let keys: Vec<Vec<u8>> = ids.iter().map(|id| prefix.main_key(id)).collect();
    let refs: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
    Ok(conn
        .types(&refs)
        .await?
        .into_iter()
        .map(|t| t == "hash")
        .collect())
}

/// The context of each id: its four hashes in one round trip (`HGETALL` ×4 per id, pipelined).
pub async fn load_many(
    conn: &mut Connection,
    wanted: &[(&Prefix, &str)],
) -> Result<Vec<Loaded>, Failure> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut pipe = redis::pipe();
    for (prefix, id) in wanted {
        for key in prefix.keys(id) {
            pipe.cmd("HGETALL").arg(key);
        }
    }
    let replies = conn.replies(pipe).await?;
    let mut out = Vec::with_capacity(wanted.len());
    // Keys that hold another type than a hash: main keys (the id holds no context), and turn
    // keys (the context cannot be read), named by `TYPE` below.
    let (mut wrong_main, mut wrong_turns) = (Vec::new(), Vec::new());
    let mut replies = replies.into_iter();
    for i in 0..wanted.len() {
        let mut four = replies.by_ref().take(4).map(|r| hash_of(r, conn));
        let main = match four.next().transpose() {
            Ok(main) => main.unwrap_or_default(),
            Err(e) if e.kind == FailureKind::WrongType => {
                wrong_main.push(i);
                out.push(Loaded::Missing);
                // The turn hashes' replies of this id are still to be passed.
                four.for_each(drop);
                continue;
            }
            Err(e) => return Err(e),
        };
        let mut stored = Stored {
            main,
            ..Stored::default()
        };
        for (t, hash) in four.enumerate() {
            match hash {
                Ok(hash) => stored.turns[t] = hash,
                // Chatsky's HKEYS fails on it, and so does its load: the context is kept, to be
                // listed, checked and deleted, but no document can hold it.
                Err(e) if e.kind == FailureKind::WrongType => wrong_turns.push((i, t)),
                Err(e) => return Err(e),
            }
        }
        out.push(if stored.main.is_empty() {
            Loaded::Missing
        } else if stored.is_context() {
            Loaded::Context(stored)
        } else {
            Loaded::NotAContext
        });
    }
    let keys: Vec<Vec<u8>> = wrong_main
        .iter()
        .map(|&i| wanted[i].0.main_key(wanted[i].1))
        .chain(
            wrong_turns
                .iter()
                .map(|&(i, t)| wanted[i].0.turn_key(wanted[i].1, TURNS[t])),
        )
        .collect();
    if !keys.is_empty() {
        let refs: Vec<&[u8]> = keys.iter().map(Vec::as_slice).collect();
        let mut kinds = conn.types(&refs).await?.into_iter();
        for (i, kind) in wrong_main.into_iter().zip(kinds.by_ref()) {
            out[i] = Loaded::OtherType(kind);
        }
        for ((i, t), kind) in wrong_turns.into_iter().zip(kinds) {
            // Gone since (`none`): an empty turn hash, as Chatsky reads a missing one.
            if let (Loaded::Context(stored), false) = (&mut out[i], kind == "none") {
                stored.not_hashes[t] = Some(kind);
            }
        }
    }
    Ok(out)
}

/// One context.
pub async fn load(conn: &mut Connection, prefix: &Prefix, id: &str) -> Result<Loaded, Failure> {
    Ok(load_many(conn, &[(prefix, id)]).await?.remove(0))
}

/// A `HGETALL` reply as the hash's fields and values, taken from the reply without copying.
fn hash_of(reply: redis::Value, conn: &Connection) -> Result<Hash, Failure> {
    if let Some(e) = reply_error(&reply, conn.endpoint()) {
        return Err(e);
    }
    let pair = |k: redis::Value, v: redis::Value| match (k, v) {
        (redis::Value::BulkString(k), redis::Value::BulkString(v)) => Ok((k, v)),
        (k, _) => Err(conn.unexpected(&k)),
    };
    match reply {
        redis::Value::Array(items) => {
            let mut items = items.into_iter();
            let mut hash = Vec::with_capacity(items.len() / 2);
            while let (Some(k), Some(v)) = (items.next(), items.next()) {
                hash.push(pair(k, v)?);
            }
            Ok(hash)
        }
        redis::Value::Map(map) => map.into_iter().map(|(k, v)| pair(k, v)).collect(),
        other => Err(conn.unexpected(&other)),
    }
}

/// Whole contexts to write together, all-or-nothing: one `MULTI`/`EXEC` that, per context,
/// deletes its four keys and writes its hashes again, so no context is ever half old, half new.
#[derive(Default)]
pub struct Batch {
    /// Each context's main key and the commands that write it.
    contexts: Vec<(Vec<u8>, Vec<redis::Cmd>)>,
}

impl Batch {
    pub fn new() -> Self {
        Batch::default()
    }

    pub fn push(&mut self, prefix: &Prefix, id: &str, fields: &Fields) {
        self.contexts
            .push((prefix.main_key(id), write_commands(prefix, id, fields)));
    }

    pub fn len(&self) -> usize {
        self.contexts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.contexts.is_empty()
    }

    /// The transaction writing the contexts picked by `keep`.
    fn transaction(&self, keep: impl Fn(usize) -> bool) -> redis::Pipeline {
        let mut pipe = redis::pipe();
        pipe.atomic();
        for (_, cmds) in self
            .contexts
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, c)| c)
        {
            for cmd in cmds {
                pipe.add_command(cmd.clone()).ignore();
            }
        }
        pipe
    }
}

/// The commands that write one whole context, for a transaction: `DEL` of its four keys, then
/// its hashes again.
pub fn write_commands(prefix: &Prefix, id: &str, fields: &Fields) -> Vec<redis::Cmd> {
    let keys = prefix.keys(id);
    let mut cmds = Vec::with_capacity(5);
    let mut del = redis::cmd("DEL");
    del.arg(&keys[..]);
    cmds.push(del);
    let mut main = redis::cmd("HSET");
    main.arg(&keys[0]);
    for (field, value) in &fields.main {
        main.arg(*field).arg(value);
    }
    cmds.push(main);
    for (key, turns) in keys[1..].iter().zip(&fields.turns) {
        // A hash with no fields does not exist in Redis: Chatsky's own contexts have no
        // requests hash before their first turn.
        if turns.is_empty() {
            continue;
        }
        let mut hset = redis::cmd("HSET");
        hset.arg(key);
        for (number, value) in turns {
            hset.arg(number).arg(value);
        }
        cmds.push(hset);
    }
    cmds
}

/// Write a batch; returns how many contexts were written. With `if_absent`, only the contexts
/// whose main hash does not exist are written, checked and written atomically: `WATCH` the main
/// keys, then `MULTI`/`EXEC`, looked at again if another client changed one in between. `WATCH`
/// holds for a whole connection, so that runs on a connection of its own.
pub async fn store(conn: &mut Connection, batch: &Batch, if_absent: bool) -> Result<u64, Failure> {
    if batch.is_empty() {
        return Ok(0);
    }
    if !if_absent {
        let () = conn.query_pipe(&batch.transaction(|_| true)).await?;
        return Ok(batch.len() as u64);
    }
    let mut own = conn.another().await?;
    loop {
        let mut watch = redis::pipe();
        let mains: Vec<&[u8]> = batch.contexts.iter().map(|(k, _)| k.as_slice()).collect();
        watch.cmd("WATCH").arg(&mains[..]).ignore();
        for main in &mains {
            watch.cmd("EXISTS").arg(*main);
        }
        let present: Vec<bool> = own.query_pipe(&watch).await?;
        let absent = present.iter().filter(|p| !**p).count();
        if absent == 0 {
            let () = own.query(&redis::cmd("UNWATCH")).await?;
            return Ok(0);
        }
        // EXEC answers nil when a watched key changed: look again.
        let done: Option<()> = own.query_pipe(&batch.transaction(|i| !present[i])).await?;
        if done.is_some() {
            return Ok(absent as u64);
        }
    }
}

/// Delete the contexts of these ids: their four keys by exact name (never a pattern). Returns how
/// many had a main hash.
pub async fn delete(conn: &mut Connection, prefix: &Prefix, ids: &[&str]) -> Result<u64, Failure> {
    if ids.is_empty() {
        return Ok(0);
    }
    let mut pipe = redis::pipe();
    pipe.atomic();
    for id in ids {
        let [main, turns @ ..] = prefix.keys(id);
        pipe.cmd("DEL").arg(main);
        pipe.cmd("DEL").arg(&turns[..]).ignore();
    }
    let deleted: Vec<u64> = conn.query_pipe(&pipe).await?;
    Ok(deleted.into_iter().filter(|n| *n > 0).count() as u64)
}

/// Unlinks each turn hash (`KEYS[2i-1]`) only if its context's main hash (`KEYS[2i]`) does not
/// exist, in one atomic script: a turn hash of a live context is never taken without its main.
const UNLINK_ORPHANS: &str = r"
local n = 0
for i = 1, #KEYS, 2 do
  if redis.call('EXISTS', KEYS[i + 1]) == 0 then
    n = n + redis.call('UNLINK', KEYS[i])
  end
end
return n
";

/// Deletes turn hashes whose context has no main hash (what is left of a context Chatsky half
/// wrote or half deleted), and never one whose context exists: that one goes with its context,
/// by its four keys, so a context is never left without some of its turns. A script when the
/// user may run one; else `EXISTS` of the main hashes, then `UNLINK` of the orphans (a context
/// written between the two could lose a turn hash: only without EVAL).
pub struct Orphans {
    prefix: Prefix,
    by_script: bool,
}

impl Orphans {
    pub fn new(prefix: Prefix) -> Orphans {
        Orphans {
            prefix,
            by_script: true,
        }
    }

    /// Delete those of `turn_keys` (turn hashes under the prefix) whose main hash is missing.
    /// Returns how many were deleted.
    pub async fn delete(
        &mut self,
        conn: &mut Connection,
        turn_keys: &[Vec<u8>],
    ) -> Result<u64, Failure> {
        let pairs: Vec<(&[u8], Vec<u8>)> = turn_keys
            .iter()
            .filter_map(|key| {
                let (id, _) = self.prefix.id_of_turns(std::str::from_utf8(key).ok()?)?;
                Some((key.as_slice(), self.prefix.main_key(id)))
            })
            .collect();
        if pairs.is_empty() {
            return Ok(0);
        }
        if self.by_script {
            let mut cmd = redis::cmd("EVAL");
            cmd.arg(UNLINK_ORPHANS).arg(pairs.len() * 2);
            for (turns, main) in &pairs {
                cmd.arg(*turns).arg(main);
            }
            match conn.query(&cmd).await {
                Err(e) if e.denies("eval") => self.by_script = false,
                done => return done,
            }
        }
        let mains: Vec<&[u8]> = pairs.iter().map(|(_, main)| main.as_slice()).collect();
        let orphans: Vec<Vec<u8>> = pairs
            .iter()
            .zip(conn.exists(&mains).await?)
            .filter(|(_, exists)| !exists)
            .map(|((turns, _), _)| turns.to_vec())
            .collect();
        conn.unlink(&orphans).await
    }
}

/// The number of main hashes under the prefix: a `SCAN … TYPE hash` of their names, which is
/// what Chatsky's missing `len` would be.
pub async fn count(conn: &mut Connection, prefix: &Prefix) -> Result<u64, Failure> {
    let pattern = prefix.main_pattern(None);
    let (mut cursor, mut n) = (0u64, 0u64);
    loop {
        let mut cmd = redis::cmd("SCAN");
        cmd.arg(cursor)
            .arg("MATCH")
            .arg(&pattern)
            .arg("COUNT")
            .arg(1000)
            .arg("TYPE")
            .arg("hash");
        let (next, keys): (u64, Vec<Vec<u8>>) = conn.query(&cmd).await?;
        n += keys.len() as u64;
        if next == 0 {
            return Ok(n);
        }
        cursor = next;
    }
}
