//! Moving contexts from one layout to the other (`migrate`): each converted context is written in
//! its target layout, and with `delete_source` its source is deleted, so that no dialog is lost,
//! doubled behind the bot's back, or overwritten:
//!
//! * The target is looked at under `WATCH` (its `TYPE`), and the batch is written in one
//!   `MULTI`/`EXEC`: an id that got a context meanwhile (a live bot) makes `EXEC` fail, and the
//!   batch is looked at again, so an existing context is never overwritten without `replace`.
//! * A target key of another type (a legacy string named like a 0.10 main hash, another
//!   application's hash under an id) is never touched, with or without `replace`.
//! * Sources are deleted only after their target is written, and only if they still hold what
//!   was read and converted: in the same db, the source keys are watched too, read again and
//!   compared, and deleted in the very transaction that writes their targets (both or neither);
//!   in another db, after the target's transaction has succeeded, by a second transaction on the
//!   source under the same checks. A source that changed (a live bot's turn) is never deleted: in
//!   the same db nothing is written for it either, and it is left for the next run.
//!
//! `WATCH` holds for a whole connection: the connections given here must be this caller's alone.

use crate::connection::{reply_error, Connection, Failure};
use crate::model::v010::{Fields, Hash, Stored};

use super::hashes::{self, Prefix};

/// Times a batch is looked at again when a watched key changed before its `EXEC`.
const ROUNDS: usize = 16;

/// A converted context, in the layout it goes to.
pub enum Target<'a> {
    Legacy {
        key: &'a str,
        value: &'a [u8],
    },
    Hashes {
        prefix: &'a Prefix,
        id: &'a str,
        fields: &'a Fields,
    },
}

/// Where a context came from, with what was read there (and converted).
pub enum Source<'a> {
    Legacy {
        key: &'a str,
        raw: &'a [u8],
    },
    Hashes {
        prefix: &'a Prefix,
        id: &'a str,
        stored: &'a Stored,
    },
}

/// One context to move.
pub struct Move<'a> {
    pub target: Target<'a>,
    pub source: Source<'a>,
}

/// What a transfer may do.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Overwrite a context the target layout already has for the id.
    pub replace: bool,
    /// Delete each source once its target is written.
    pub delete_source: bool,
    /// Look only: write and delete nothing.
    pub dry_run: bool,
}

/// What became of a source once its target was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Left as it is (no `delete_source`, or a dry run).
    Kept,
    /// Deleted.
    Deleted,
    /// Kept: it changed after it was read (a bot's turn), so the copy written is older.
    Changed,
    /// It was deleted by someone else meanwhile.
    Gone,
}

/// What happened to one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written in the target layout (in a dry run: would be).
    Written(Fate),
    /// The id already has a context in the target layout: kept, nothing written.
    Kept,
    /// The target key holds another Redis type, named: nothing written.
    Blocked(String),
    /// The source changed since it was read (or kept changing): nothing written.
    Changed,
    /// The source was deleted since it was read: nothing written.
    Gone,
}

/// The connections of a transfer: the target's, and the source's when it is another database
/// (`None`: the same one). Each is the caller's alone (see the module's note on `WATCH`).
pub struct Ends<'c> {
    pub target: &'c mut Connection,
    pub source: Option<&'c mut Connection>,
}

/// Move `moves` as `rules` say; one outcome per move, in order.
pub async fn transfer(
    ends: Ends<'_>,
    moves: &[Move<'_>],
    rules: &Rules,
) -> Result<Vec<Outcome>, Failure> {
    let same_db = ends.source.is_none();
    let guard = rules.delete_source && same_db && !rules.dry_run;
    let mut outcomes: Vec<Option<Outcome>> = vec![None; moves.len()];
    for _ in 0..ROUNDS {
        let pending: Vec<usize> = (0..moves.len())
            .filter(|&i| outcomes[i].is_none())
            .collect();
        if pending.is_empty() {
            break;
        }
        if write_round(ends.target, moves, &pending, rules, guard, &mut outcomes).await? {
            break;
        }
    }
    // Still contended after every round: left alone, for the next run.
    let mut outcomes: Vec<Outcome> = outcomes
        .into_iter()
        .map(|o| o.unwrap_or(Outcome::Changed))
        .collect();
    if let (Some(source), true) = (ends.source, rules.delete_source && !rules.dry_run) {
        delete_sources(source, moves, &mut outcomes).await?;
    }
    Ok(outcomes)
}

/// One look at the pending moves and one transaction; false when `EXEC` failed because a
/// watched key changed (their outcomes are then left open for another round).
async fn write_round(
    conn: &mut Connection,
    moves: &[Move<'_>],
    pending: &[usize],
    rules: &Rules,
    guard: bool,
    outcomes: &mut [Option<Outcome>],
) -> Result<bool, Failure> {
    let seen = look(conn, moves, pending, !rules.dry_run, guard).await?;
    let mut writes = Vec::new();
    for (&i, (kind, source)) in pending.iter().zip(seen) {
        let decided = decide(&moves[i].target, &kind, source, rules.replace);
        match decided {
            Some(outcome) => outcomes[i] = Some(outcome),
            None => writes.push(i),
        }
    }
    let fate = if guard { Fate::Deleted } else { Fate::Kept };
    if rules.dry_run || writes.is_empty() {
        if !rules.dry_run {
            let () = conn.query(&redis::cmd("UNWATCH")).await?;
        }
        for &i in &writes {
            outcomes[i] = Some(Outcome::Written(Fate::Kept));
        }
        return Ok(true);
    }
    let mut tx = redis::pipe();
    tx.atomic();
    for &i in &writes {
        for cmd in target_commands(&moves[i].target) {
            tx.add_command(cmd).ignore();
        }
        if guard {
            tx.cmd("DEL").arg(source_keys(&moves[i].source)).ignore();
        }
    }
    // EXEC answers nil when a watched key changed since WATCH.
    let done: Option<()> = conn.query_pipe(&tx).await?;
    if done.is_none() {
        for &i in pending {
            outcomes[i] = None;
        }
        return Ok(false);
    }
    for &i in &writes {
        outcomes[i] = Some(Outcome::Written(fate));
    }
    Ok(true)
}

/// What a source holds now compared with what was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Now {
    Same,
    Changed,
    Gone,
}

/// `WATCH` (unless `dry_run`) the targets (and with `guard` the sources), and in the same round
/// trip the `TYPE` of each target and (with `guard`) what each source holds now.
async fn look(
    conn: &mut Connection,
    moves: &[Move<'_>],
    pending: &[usize],
    watch: bool,
    guard: bool,
) -> Result<Vec<(String, Now)>, Failure> {
    let mut pipe = redis::pipe();
    if watch {
        let mut keys: Vec<Vec<u8>> = pending
            .iter()
            .map(|&i| target_key(&moves[i].target))
            .collect();
        if guard {
            keys.extend(pending.iter().flat_map(|&i| source_keys(&moves[i].source)));
        }
        pipe.cmd("WATCH").arg(keys);
    }
    for &i in pending {
        pipe.cmd("TYPE").arg(target_key(&moves[i].target));
    }
    if guard {
        for &i in pending {
            read_source(&mut pipe, &moves[i].source);
        }
    }
    let mut replies = conn.replies(pipe).await?.into_iter();
    if watch {
        if let Some(e) = replies
            .next()
            .and_then(|r| reply_error(&r, conn.endpoint()))
        {
            return Err(e);
        }
    }
    let mut kinds = Vec::with_capacity(pending.len());
    for _ in pending {
        let reply = replies.next().unwrap_or(redis::Value::Nil);
        if let Some(e) = reply_error(&reply, conn.endpoint()) {
            return Err(e);
        }
        kinds.push(type_name(reply));
    }
    let mut out = Vec::with_capacity(pending.len());
    for (&i, kind) in pending.iter().zip(kinds) {
        let now = match guard {
            true => compare(&moves[i].source, &mut replies, conn)?,
            false => Now::Same,
        };
        out.push((kind, now));
    }
    Ok(out)
}

/// What to do with one move, given its target key's type and its source now; `None`: write it.
fn decide(target: &Target<'_>, kind: &str, source: Now, replace: bool) -> Option<Outcome> {
    let ours = match target {
        Target::Legacy { .. } => "string",
        Target::Hashes { .. } => "hash",
    };
    match (source, kind) {
        (Now::Gone, _) => Some(Outcome::Gone),
        (Now::Changed, _) => Some(Outcome::Changed),
        (_, "none") => None,
        (_, k) if k == ours && replace => None,
        (_, k) if k == ours => Some(Outcome::Kept),
        (_, other) => Some(Outcome::Blocked(other.to_string())),
    }
}

fn type_name(reply: redis::Value) -> String {
    match reply {
        redis::Value::SimpleString(s) => s,
        redis::Value::Okay => "ok".into(),
        redis::Value::BulkString(b) => String::from_utf8_lossy(&b).into_owned(),
        other => format!("{other:?}"),
    }
}

/// The key whose type says whether the id already has a context in the target layout.
fn target_key(target: &Target<'_>) -> Vec<u8> {
    match target {
        Target::Legacy { key, .. } => key.as_bytes().to_vec(),
        Target::Hashes { prefix, id, .. } => prefix.main_key(id),
    }
}

fn target_commands(target: &Target<'_>) -> Vec<redis::Cmd> {
    match target {
        Target::Legacy { key, value } => {
            let mut set = redis::cmd("SET");
            set.arg(*key).arg(*value);
            vec![set]
        }
        Target::Hashes { prefix, id, fields } => hashes::write_commands(prefix, id, fields),
    }
}

/// Every key of a source context.
fn source_keys(source: &Source<'_>) -> Vec<Vec<u8>> {
    match source {
        Source::Legacy { key, .. } => vec![key.as_bytes().to_vec()],
        Source::Hashes { prefix, id, .. } => prefix.keys(id).to_vec(),
    }
}

/// The reads that show what a source holds now: `GET`, or `HGETALL` of its four hashes.
fn read_source(pipe: &mut redis::Pipeline, source: &Source<'_>) {
    match source {
        Source::Legacy { key, .. } => {
            pipe.cmd("GET").arg(*key);
        }
        Source::Hashes { .. } => {
            for key in source_keys(source) {
                pipe.cmd("HGETALL").arg(key);
            }
        }
    }
}

/// Take a source's replies (see [`read_source`]) and compare them with what was read. A reply
/// of the wrong type (the key became something else) is a change.
fn compare(
    source: &Source<'_>,
    replies: &mut impl Iterator<Item = redis::Value>,
    conn: &Connection,
) -> Result<Now, Failure> {
    match source {
        Source::Legacy { raw, .. } => Ok(match replies.next() {
            Some(redis::Value::Nil) | None => Now::Gone,
            Some(redis::Value::BulkString(now)) if now == *raw => Now::Same,
            Some(_) => Now::Changed,
        }),
        Source::Hashes { stored, .. } => {
            let mut now = [Hash::new(), Hash::new(), Hash::new(), Hash::new()];
            let mut wrong = false;
            for hash in &mut now {
                match replies.next().map(|r| pairs(r, conn)) {
                    Some(Ok(Some(pairs))) => *hash = pairs,
                    Some(Ok(None)) => wrong = true,
                    Some(Err(e)) => return Err(e),
                    None => {}
                }
            }
            let [main, turns @ ..] = now;
            Ok(if wrong {
                Now::Changed
            } else if main.is_empty() {
                Now::Gone
            } else if same_hashes(stored, &main, &turns) {
                Now::Same
            } else {
                Now::Changed
            })
        }
    }
}

/// A `HGETALL` reply as field/value pairs; `Ok(None)` for a key of another type (`WRONGTYPE`).
fn pairs(reply: redis::Value, conn: &Connection) -> Result<Option<Hash>, Failure> {
    if let redis::Value::ServerError(e) = &reply {
        if e.code() == "WRONGTYPE" {
            return Ok(None);
        }
    }
    if let Some(e) = reply_error(&reply, conn.endpoint()) {
        return Err(e);
    }
    let items = match reply {
        redis::Value::Array(items) => items,
        redis::Value::Map(map) => map.into_iter().flat_map(|(k, v)| [k, v]).collect(),
        other => return Err(conn.unexpected(&other)),
    };
    let mut hash = Hash::with_capacity(items.len() / 2);
    let mut items = items.into_iter();
    while let (Some(k), Some(v)) = (items.next(), items.next()) {
        match (k, v) {
            (redis::Value::BulkString(k), redis::Value::BulkString(v)) => hash.push((k, v)),
            (k, _) => return Err(conn.unexpected(&k)),
        }
    }
    Ok(Some(hash))
}

/// Whether the hashes hold the same fields and values as were read, in any order (a hash's
/// order is the server's business).
fn same_hashes(stored: &Stored, main: &Hash, turns: &[Hash]) -> bool {
    sorted(&stored.main) == sorted(main)
        && stored
            .turns
            .iter()
            .zip(turns)
            .all(|(a, b)| sorted(a) == sorted(b))
}

fn sorted(hash: &Hash) -> Vec<&(Vec<u8>, Vec<u8>)> {
    let mut fields: Vec<&(Vec<u8>, Vec<u8>)> = hash.iter().collect();
    fields.sort();
    fields
}

/// Delete, in another database, the sources whose targets were written, if they still hold what
/// was read; their fates go into `outcomes`.
async fn delete_sources(
    conn: &mut Connection,
    moves: &[Move<'_>],
    outcomes: &mut [Outcome],
) -> Result<(), Failure> {
    for _ in 0..ROUNDS {
        let pending: Vec<usize> = (0..moves.len())
            .filter(|&i| outcomes[i] == Outcome::Written(Fate::Kept))
            .collect();
        if pending.is_empty() {
            return Ok(());
        }
        if delete_round(conn, moves, &pending, outcomes).await? {
            return Ok(());
        }
    }
    for o in outcomes.iter_mut() {
        if *o == Outcome::Written(Fate::Kept) {
            *o = Outcome::Written(Fate::Changed);
        }
    }
    Ok(())
}

/// One guarded deletion of the pending sources; false when `EXEC` failed (a watched key changed).
async fn delete_round(
    conn: &mut Connection,
    moves: &[Move<'_>],
    pending: &[usize],
    outcomes: &mut [Outcome],
) -> Result<bool, Failure> {
    let keys: Vec<Vec<u8>> = pending
        .iter()
        .flat_map(|&i| source_keys(&moves[i].source))
        .collect();
    let mut pipe = redis::pipe();
    pipe.cmd("WATCH").arg(&keys);
    for &i in pending {
        read_source(&mut pipe, &moves[i].source);
    }
    let mut replies = conn.replies(pipe).await?.into_iter();
    // Without the WATCH (an ACL that refuses it) the deletion would not be guarded.
    if let Some(e) = replies
        .next()
        .and_then(|r| reply_error(&r, conn.endpoint()))
    {
        return Err(e);
    }
    let mut doomed = Vec::new();
    let mut fates = Vec::with_capacity(pending.len());
    for &i in pending {
        let fate = match compare(&moves[i].source, &mut replies, conn)? {
            Now::Same => {
                doomed.extend(source_keys(&moves[i].source));
                Fate::Deleted
            }
            Now::Changed => Fate::Changed,
            Now::Gone => Fate::Gone,
        };
        fates.push(fate);
    }
    let done: Option<()> = if doomed.is_empty() {
        let () = conn.query(&redis::cmd("UNWATCH")).await?;
        Some(())
    } else {
        let mut tx = redis::pipe();
        tx.atomic().cmd("DEL").arg(&doomed).ignore();
        conn.query_pipe(&tx).await?
    };
    if done.is_none() {
        return Ok(false);
    }
    for (&i, fate) in pending.iter().zip(fates) {
        outcomes[i] = Outcome::Written(fate);
    }
    Ok(true)
}
