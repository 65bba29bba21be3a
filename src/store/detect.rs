//! Which layout holds contexts (spec 4): for one id, by the keys that exist; for a document, by its
//! own form; for a whole db, by a bounded sample of what it holds. No version marker exists
//! anywhere, so this goes by structure only.

use std::collections::BTreeMap;
use std::fmt;

use crate::connection::{Connection, Failure, FailureKind};
use crate::model::{self, v010, Schema};

use super::walk::{self, Layouts, Scope, Visit, Visitor};
use super::{Layout, Prefix};

/// The layouts a command may use: `--layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// Whichever holds the context (for one id), or what the db holds.
    Auto,
    Legacy,
    V010,
}

impl Asked {
    /// The one layout asked for, or `None` for auto.
    pub fn fixed(self, prefix: &Prefix) -> Option<Layout> {
        match self {
            Asked::Auto => None,
            Asked::Legacy => Some(Layout::Legacy),
            Asked::V010 => Some(Layout::Hashes(prefix.clone())),
        }
    }
}

/// An id that has a context in both layouts: which one is meant cannot be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguous {
    pub id: String,
    pub prefix: Prefix,
}

impl fmt::Display for Ambiguous {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} has a context in both layouts: a legacy key {:?} and a chatsky 0.10 main hash {:?}",
            self.id,
            self.id,
            String::from_utf8_lossy(&self.prefix.main_key(&self.id))
        )
    }
}

impl std::error::Error for Ambiguous {}

/// The layout each id's context is in: `Ok(None)` when it has none, `Err` when it has one in both.
/// For auto, one round trip (`TYPE` of the legacy key and of the main hash of each id): a main
/// hash makes it 0.10; any legacy key makes it legacy (whatever its type, as Chatsky's `contains`
/// counts any key), unless that key is not a string and a main hash exists too.
///
/// A user whose ACL keeps it from a key (a pattern such as `~ctx:*` leaves out `P:main:…`) has no
/// context there it could work on; one that may not run `TYPE` is asked `EXISTS` instead.
pub async fn ids(
    conn: &mut Connection,
    asked: Asked,
    prefix: &Prefix,
    ids: &[&str],
) -> Result<Vec<Result<Option<Layout>, Ambiguous>>, Failure> {
    if let Some(layout) = asked.fixed(prefix) {
        let found = super::exists(conn, &layout, ids).await?;
        return Ok(found
            .into_iter()
            .map(|e| Ok(e.then(|| layout.clone())))
            .collect());
    }
    let keys: Vec<Vec<u8>> = ids
        .iter()
        .flat_map(|id| [id.as_bytes().to_vec(), prefix.main_key(id)])
        .collect();
    let kinds = match kinds(conn, "TYPE", &keys).await {
        Err(e) if e.denies("type") => kinds(conn, "EXISTS", &keys).await?,
        kinds => kinds?,
    };
    Ok(ids
        .iter()
        .zip(kinds.chunks(2))
        .map(|(id, k)| match (k[0], k[1]) {
            (Kind0::String, Kind0::Hash) => Err(Ambiguous {
                id: id.to_string(),
                prefix: prefix.clone(),
            }),
            (_, Kind0::Hash) => Ok(Some(Layout::Hashes(prefix.clone()))),
            (Kind0::None, _) => Ok(None),
            (_, _) => Ok(Some(Layout::Legacy)),
        })
        .collect())
}

/// What `TYPE` (or, without it, `EXISTS`) says of a key, for telling layouts apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind0 {
    None,
    String,
    Hash,
    /// Another type, or a key known only to exist.
    Other,
}

/// `cmd` (`TYPE` or `EXISTS`) of each key, pipelined; a key the user's ACL keeps it from counts as
/// missing. With `EXISTS`, a main hash's name that exists counts as a hash.
async fn kinds(conn: &mut Connection, cmd: &str, keys: &[Vec<u8>]) -> Result<Vec<Kind0>, Failure> {
    let mut pipe = redis::pipe();
    for key in keys {
        pipe.cmd(cmd).arg(key);
    }
    let replies = conn.replies(pipe).await?;
    replies
        .into_iter()
        .enumerate()
        .map(|(i, reply)| {
            let main = i % 2 == 1;
            if let Some(e) = crate::connection::reply_error(&reply, conn.endpoint()) {
                // A main hash's name is made here, not asked for: one out of the user's reach
                // holds nothing it could work on. The key it named is an error, as for GET.
                return match e.kind {
                    FailureKind::NoPermission if main && e.denied_command().is_none() => {
                        Ok(Kind0::None)
                    }
                    _ => Err(e),
                };
            }
            Ok(match reply {
                redis::Value::SimpleString(t) if cmd == "TYPE" => match t.as_str() {
                    "none" => Kind0::None,
                    "string" => Kind0::String,
                    "hash" => Kind0::Hash,
                    _ => Kind0::Other,
                },
                redis::Value::Int(0) => Kind0::None,
                redis::Value::Int(_) if main => Kind0::Hash,
                redis::Value::Int(_) => Kind0::Other,
                other => return Err(conn.unexpected(&other)),
            })
        })
        .collect()
}

/// A layout without its prefix: the form a document has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Legacy,
    V010,
}

/// The layout whose form a document has: 0.10 when it has one of the main fields only 0.10 has
/// (`current_turn_id`, `created_at`, `updated_at`), legacy otherwise.
pub fn document(doc: &model::Value<'_>) -> Kind {
    if v010::is_document(doc) {
        Kind::V010
    } else {
        Kind::Legacy
    }
}

/// What a sample of the db holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Sample {
    /// Legacy contexts seen.
    pub legacy: usize,
    /// The schemas the legacy ones follow, with how many do.
    pub schemas: BTreeMap<String, (Schema, usize)>,
    /// 0.10 contexts seen, by prefix.
    pub hashes: BTreeMap<String, usize>,
}

impl Sample {
    /// The legacy schema most of the sampled contexts follow, with how many do.
    pub fn schema(&self) -> Option<(Schema, usize)> {
        self.schemas.values().copied().max_by_key(|(_, n)| *n)
    }
}

/// How many contexts to look at before deciding.
const SAMPLE: usize = 64;
/// Keys to look at most while sampling (contexts or not), so a huge db of foreign keys stays cheap.
const MAX_KEYS: usize = 8000;

struct Sampler(Sample, usize);

impl Visitor for Sampler {
    fn visit(&mut self, found: Visit<'_>) -> anyhow::Result<()> {
        self.1 += 1;
        match found {
            Visit::Legacy { raw, .. } => {
                self.0.legacy += 1;
                if let Some(schema) = model::parse_as_read(raw)
                    .ok()
                    .and_then(|(d, _)| model::detect(&d).schema)
                {
                    self.0
                        .schemas
                        .entry(schema.to_string())
                        .or_insert((schema, 0))
                        .1 += 1;
                }
            }
            Visit::Hashes { prefix, .. } => {
                *self.0.hashes.entry(prefix.to_string()).or_default() += 1
            }
            Visit::Turns { .. } | Visit::Other { .. } => {}
        }
        Ok(())
    }

    fn done(&self) -> bool {
        self.0.legacy + self.0.hashes.values().sum::<usize>() >= SAMPLE || self.1 >= MAX_KEYS
    }

    fn reads_far(&self) -> bool {
        false
    }
}

/// Look at the first contexts of the db (at most a few pages): the layouts and legacy schemas they
/// follow. `prefix`: only 0.10 contexts under it count, else any prefix found.
pub async fn sample(conn: &mut Connection, prefix: Option<&Prefix>) -> anyhow::Result<Sample> {
    let mut sampler = Sampler(Sample::default(), 0);
    let scope = Scope {
        layouts: Layouts::Both(prefix.cloned()),
        ids: None,
    };
    walk::walk(conn, &scope, &mut sampler, |_| {}).await?;
    Ok(sampler.0)
}

/// The prefix of a chatsky 0.10 context anywhere in the db (under `prefix` only, when given), or
/// `None` when there is none: unlike [`sample`], a proof, for what must not guess (FLUSHDB). A
/// `SCAN … MATCH *:main:* TYPE hash` that stops at the first main hash holding a context, so it
/// reads the whole keyspace only when there is none.
pub async fn any_hashes_context(
    conn: &mut Connection,
    prefix: Option<&Prefix>,
) -> Result<Option<Prefix>, Failure> {
    let pattern = prefix.map_or_else(|| "*:main:*".to_string(), |p| p.main_pattern(None));
    let mut cursor = 0u64;
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
        let named: Vec<(Prefix, String)> = keys
            .iter()
            .filter_map(|key| {
                let text = std::str::from_utf8(key).ok()?;
                let (p, id) = match prefix {
                    Some(p) => (p.clone(), p.id_of_main(text)?),
                    None => {
                        let (p, id) = super::hashes::split_main(text)?;
                        (Prefix::new(p).ok()?, id)
                    }
                };
                Some((p, id.to_string()))
            })
            .collect();
        let wanted: Vec<(&Prefix, &str)> = named.iter().map(|(p, id)| (p, id.as_str())).collect();
        let loaded = super::hashes::load_many(conn, &wanted).await?;
        if let Some(i) = loaded
            .iter()
            .position(|l| matches!(l, super::hashes::Loaded::Context(_)))
        {
            return Ok(Some(named[i].0.clone()));
        }
        if next == 0 {
            return Ok(None);
        }
        cursor = next;
    }
}
