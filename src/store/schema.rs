//! `--schema auto`: which Chatsky version a write targets. First what the database already holds
//! (the deployment's version), then what the document looks like, then 0.9.

use crate::model::Value;

use crate::cli::SchemaArg;
use crate::connection::Connection;
use crate::model::{self, Schema};

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

/// The schema most of a sample of stored legacy contexts follow, with how many did.
async fn deployment(conn: &mut Connection) -> anyhow::Result<Option<(Schema, usize)>> {
    Ok(super::detect::sample(conn, None).await?.schema())
}
