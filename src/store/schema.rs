//! `--schema auto`: which Chatsky version a write targets. First what the database already holds
//! (the deployment's version), then what the document looks like, then 0.9.

use crate::model::Value;

use crate::cli::SchemaArg;
use crate::connection::{Connection, Failure, FailureKind};
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
    /// Why the database could not be sampled, when the user's ACL did not allow it.
    pub unsampled: Option<String>,
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
            unsampled: None,
        });
    }
    // A user whose ACL does not allow the sample (SCAN) still writes: by the document's shape.
    let (sampled, unsampled) = match deployment(conn).await {
        Ok(found) => (found, None),
        Err(e) => match e.downcast_ref::<Failure>() {
            Some(f) if f.kind == FailureKind::NoPermission => (
                None,
                Some(format!(
                    "the database could not be sampled ({}; --schema sets it)",
                    f.denied_command()
                        .map_or("no permission".into(), |c| format!(
                            "the user may not run {c}"
                        ))
                )),
            ),
            _ => return Err(e),
        },
    };
    let denied = unsampled
        .as_ref()
        .map_or(String::new(), |u| format!("{u}; "));
    if let Some((schema, seen)) = sampled {
        return Ok(Target {
            schema,
            source: Source::Database,
            reason: format!(
                "the database holds {seen} {} of this schema",
                if seen == 1 { "context" } else { "contexts" }
            ),
            unsampled,
        });
    }
    if let Some(schema) = doc.and_then(|d| model::detect(d).schema) {
        return Ok(Target {
            schema,
            source: Source::Document,
            reason: format!("{denied}the document's own shape"),
            unsampled,
        });
    }
    Ok(Target {
        schema: Schema::V09,
        source: Source::Default,
        reason: format!("{denied}nothing to tell it from; defaulting to 0.9"),
        unsampled,
    })
}

/// The schema most of a sample of stored legacy contexts follow, with how many did.
async fn deployment(conn: &mut Connection) -> anyhow::Result<Option<(Schema, usize)>> {
    Ok(super::detect::sample(conn, None).await?.schema())
}
