//! `--schema auto`: which Chatsky version a write targets. First what the database already holds
//! (the deployment's version), then what the document looks like, then 0.9.

use std::collections::BTreeMap;

use crate::model::Value;

use crate::cli::SchemaArg;
use crate::connection::Connection;
use crate::model::{self, Schema};

use super::walk::{Visit, Visitor};

/// How many stored contexts to look at before deciding the deployment's version.
const SAMPLE: usize = 64;
/// Keys to look at most while sampling (contexts or not), so a huge db of foreign keys stays cheap.
const MAX_KEYS: usize = 8000;

/// Where the schema to write came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--schema`.
    Flag,
    /// What the database already holds.
    Database,
    /// The document's own shape.
    Document,
    /// Nothing to tell it from: 0.9.
    Default,
}

/// The schema to write, where it came from, and why (for notes).
pub struct Target {
    pub schema: Schema,
    pub source: Source,
    pub reason: String,
}

/// Resolve `--schema`. `doc` is the document about to be written, when there is a single one.
pub async fn resolve(
    conn: &mut Connection,
    arg: SchemaArg,
    doc: Option<&Value<'_>>,
) -> anyhow::Result<Target> {
    if let Some(schema) = arg.fixed() {
        return Ok(Target {
            schema,
            source: Source::Flag,
            reason: "--schema".into(),
        });
    }
    if let Some((schema, seen)) = deployment(conn).await? {
        return Ok(Target {
            schema,
            source: Source::Database,
            reason: format!(
                "the database holds {seen} {} of this schema",
                if seen == 1 { "context" } else { "contexts" }
            ),
        });
    }
    if let Some(schema) = doc.and_then(|d| model::detect(d).schema) {
        return Ok(Target {
            schema,
            source: Source::Document,
            reason: "the document's own shape".into(),
        });
    }
    Ok(Target {
        schema: Schema::V09,
        source: Source::Default,
        reason: "nothing to tell it from; defaulting to 0.9".into(),
    })
}

/// Votes of a sample of stored contexts for the schema they follow.
#[derive(Default)]
struct Sampler {
    votes: BTreeMap<String, (Schema, usize)>,
    looked: usize,
    seen: usize,
}

impl Visitor for Sampler {
    fn visit(&mut self, found: Visit<'_>) -> anyhow::Result<()> {
        self.seen += 1;
        if let Visit::Context { raw, .. } = found {
            self.looked += 1;
            if let Some(schema) = model::parse_as_read(raw)
                .ok()
                .and_then(|(d, _)| model::detect(&d).schema)
            {
                self.votes
                    .entry(schema.to_string())
                    .or_insert((schema, 0))
                    .1 += 1;
            }
        }
        Ok(())
    }

    fn done(&self) -> bool {
        self.looked >= SAMPLE || self.seen >= MAX_KEYS
    }

    fn reads_far(&self) -> bool {
        false
    }
}

/// The schema most of a sample of stored contexts follow, with how many did.
async fn deployment(conn: &mut Connection) -> anyhow::Result<Option<(Schema, usize)>> {
    let mut sampler = Sampler::default();
    super::walk::walk(conn, None, &mut sampler, |_| {}).await?;
    Ok(sampler.votes.into_values().max_by_key(|(_, n)| *n))
}
