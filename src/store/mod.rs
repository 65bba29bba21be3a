//! Where Chatsky keeps contexts in Redis, layout by layout, behind one small interface that every
//! command uses: [`exists`], [`load`], [`save`], [`delete`], [`count`], and the walk over a db
//! ([`walk`]), which also clears.
//!
//! * [`legacy`]: dff 0.7, chatsky 0.8 and 0.9, one string key per context;
//! * [`hashes`]: chatsky 0.10, a main hash and three turn hashes per context under a prefix;
//! * [`detect`]: which layout an id, a document or a db is in;
//! * [`walk`]: SCAN a db and tell the contexts of either layout from other keys;
//! * [`schema`]: which legacy version a write targets;
//! * [`glob`]: Redis glob patterns, matched and escaped as the server does.
//!
//! It talks to Redis through [`crate::connection`] and knows nothing of the command line or of
//! printing.

pub mod detect;
pub mod glob;
pub mod hashes;
pub mod legacy;
pub mod lines;
pub mod schema;
pub mod transfer;
pub mod walk;

use crate::connection::{Connection, Failure};
use crate::model::v010::{Fields, Stored};

pub use hashes::{Prefix, DEFAULT_PREFIX};

/// Where contexts are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// One string per context, key = the id (dff 0.7, chatsky 0.8, 0.9).
    Legacy,
    /// Hashes under a prefix (chatsky 0.10).
    Hashes(Prefix),
}

impl Layout {
    /// `legacy` or `0.10`, as `--layout` spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Layout::Legacy => "legacy",
            Layout::Hashes(_) => "0.10",
        }
    }
}

/// What an id holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Nothing: no such context.
    Missing,
    /// A legacy context's stored string (which may still be no context at all).
    Legacy(Vec<u8>),
    /// A chatsky 0.10 context's hashes.
    Hashes(Stored),
    /// The key holds something else: the Redis type, or what the hash is.
    Other(String),
}

/// A context ready to write, in the form of the layout it goes to.
pub enum Writable<'a> {
    /// A legacy document's bytes.
    Legacy(&'a [u8]),
    /// A 0.10 context's hash fields, under a prefix.
    Hashes(&'a Prefix, &'a Fields),
}

/// Whether each id exists: for the legacy layout a key of any type (Chatsky's `contains`), for
/// 0.10 a main hash.
pub async fn exists(
    conn: &mut Connection,
    layout: &Layout,
    ids: &[&str],
) -> Result<Vec<bool>, Failure> {
    match layout {
        Layout::Legacy => {
            let keys: Vec<&[u8]> = ids.iter().map(|id| id.as_bytes()).collect();
            legacy::exists(conn, &keys).await
        }
        Layout::Hashes(prefix) => hashes::exists(conn, prefix, ids).await,
    }
}

/// What the id holds in `layout`.
pub async fn load(conn: &mut Connection, layout: &Layout, id: &str) -> Result<Found, Failure> {
    Ok(match layout {
        Layout::Legacy => match legacy::load(conn, id.as_bytes()).await? {
            legacy::Stored::Missing => Found::Missing,
            legacy::Stored::Value(raw) => Found::Legacy(raw),
            legacy::Stored::OtherType(kind) => Found::Other(format!("a Redis {kind}")),
            legacy::Stored::Forbidden => Found::Other("a key this user may not read".into()),
        },
        Layout::Hashes(prefix) => match hashes::load(conn, prefix, id).await? {
            hashes::Loaded::Missing => Found::Missing,
            hashes::Loaded::Context(stored) => Found::Hashes(stored),
            hashes::Loaded::OtherType(kind) => Found::Other(format!(
                "a Redis {kind} at {}",
                String::from_utf8_lossy(&prefix.main_key(id))
            )),
            hashes::Loaded::NotAContext => Found::Other(format!(
                "a hash at {} with none of chatsky 0.10's main fields",
                String::from_utf8_lossy(&prefix.main_key(id))
            )),
        },
    })
}

/// Write one context, replacing what the id held (or, with `if_absent`, only when it holds
/// nothing). Returns whether it was written.
pub async fn save(
    conn: &mut Connection,
    id: &str,
    context: Writable<'_>,
    if_absent: bool,
) -> Result<bool, Failure> {
    match context {
        Writable::Legacy(raw) => legacy::save(conn, id.as_bytes(), raw, if_absent).await,
        Writable::Hashes(prefix, fields) => {
            let mut batch = hashes::Batch::new();
            batch.push(prefix, id, fields);
            Ok(hashes::store(conn, &batch, if_absent).await? == 1)
        }
    }
}

/// Delete contexts by id: legacy keys of any type (Chatsky's `del_item`), or the four keys of a
/// 0.10 context by their exact names. Returns how many there were.
pub async fn delete(conn: &mut Connection, layout: &Layout, ids: &[&str]) -> Result<u64, Failure> {
    match layout {
        Layout::Legacy => {
            let keys: Vec<&[u8]> = ids.iter().map(|id| id.as_bytes()).collect();
            legacy::delete(conn, &keys).await
        }
        Layout::Hashes(prefix) => hashes::delete(conn, prefix, ids).await,
    }
}

/// How many contexts: for the legacy layout `DBSIZE`, every key of the db, as Chatsky's `len`;
/// for 0.10 the main hashes under the prefix.
pub async fn count(conn: &mut Connection, layout: &Layout) -> Result<u64, Failure> {
    match layout {
        Layout::Legacy => legacy::count(conn).await,
        Layout::Hashes(prefix) => hashes::count(conn, prefix).await,
    }
}
