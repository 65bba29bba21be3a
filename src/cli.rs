//! Command-line types (clap only). Doc comments here are the `--help` text and the man pages.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::pickle::Patterns;
use crate::model::{ExponentStyle, Schema};

/// Administer the conversation contexts that Chatsky keeps in Redis.
///
/// Every context is one Redis string key holding the Context as compact JSON, exactly as
/// Chatsky's RedisContextStorage (dff 0.7, chatsky 0.8 and 0.9) writes it.
#[derive(Debug, Parser)]
#[command(name = "chatsky-redis", version, about, long_about)]
#[command(
    after_help = "Exit codes: 0 ok, 1 absent, 2 bad usage/input or refused, \
3 Redis unreachable/auth/server error, 130 interrupted."
)]
pub struct Cli {
    #[command(flatten)]
    pub connect: ConnectOpts,

    /// Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people).
    /// Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text.
    #[arg(long, short = 'f', global = true, value_enum)]
    pub format: Option<Format>,

    #[command(subcommand)]
    pub command: Command,
}

/// Where Redis is.
#[derive(Debug, Args)]
pub struct ConnectOpts {
    /// Redis URL, parsed like Chatsky's Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N],
    /// rediss:// for TLS, unix:///path/to/socket?db=N.
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_URL",
        default_value = "redis://127.0.0.1:6379/0",
        hide_env_values = true
    )]
    pub url: String,

    /// Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL's
    /// ?socket_connect_timeout=.
    #[arg(long, global = true, value_name = "SECONDS")]
    pub connect_timeout: Option<f64>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One compact JSON document per result (a stored context is printed byte for byte).
    Json,
    /// Indented JSON.
    Pretty,
    /// A table for people.
    Table,
}

/// Which document schema to validate and write against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaArg {
    /// What the database already holds, else what the document looks like, else 0.9.
    Auto,
    /// dff 0.7.x.
    #[value(name = "0.7")]
    V07,
    /// chatsky 0.8.0.
    #[value(name = "0.8")]
    V08,
    /// chatsky 0.9.0.
    #[value(name = "0.9")]
    V09,
}

impl SchemaArg {
    /// The schema asked for, or `None` for auto-detection.
    pub fn fixed(self) -> Option<Schema> {
        match self {
            SchemaArg::Auto => None,
            SchemaArg::V07 => Some(Schema::V07),
            SchemaArg::V08 => Some(Schema::V08),
            SchemaArg::V09 => Some(Schema::V09),
        }
    }
}

/// Spelling of float exponents, which depends on the bot's pydantic version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExponentArg {
    /// As the document itself spells them, else the usual pydantic of the schema.
    Auto,
    /// `1e16`: pydantic 2.12 and older.
    Plain,
    /// `1e+16`: pydantic 2.13 and newer.
    Plus,
}

impl From<ExponentArg> for ExponentStyle {
    fn from(arg: ExponentArg) -> Self {
        match arg {
            ExponentArg::Auto => ExponentStyle::Auto,
            ExponentArg::Plain => ExponentStyle::Plain,
            ExponentArg::Plus => ExponentStyle::Plus,
        }
    }
}

/// Confirmation for destructive commands.
#[derive(Debug, Args)]
pub struct Confirmation {
    /// Do not ask; for runbooks and scripts.
    #[arg(long, short = 'y', env = "CHATSKY_REDIS_YES", value_parser = clap::builder::FalseyValueParser::new())]
    pub yes: bool,

    /// Say what would be deleted, and delete nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// How documents are validated before they are written.
#[derive(Debug, Args)]
pub struct WriteOpts {
    /// Schema to validate and write: auto, 0.7, 0.8 or 0.9.
    #[arg(long, value_enum, default_value = "auto")]
    pub schema: SchemaArg,

    /// Float exponent spelling: auto, plain (1e16, pydantic <= 2.12) or plus (1e+16, pydantic >= 2.13).
    #[arg(long, value_enum, default_value = "auto")]
    pub float_exponent: ExponentArg,

    /// Store pickles that resolve Python globals outside the allow-list (they run code in the
    /// bot), or whose loading cannot be predicted.
    #[arg(long)]
    pub allow_unsafe_pickles: bool,

    /// Also let pickles resolve these Python globals, for this run: a glob over `module.name`
    /// (e.g. 'telegram.*'; a wildcard matches no dotted or dunder name). Repeatable; several may
    /// be given separated by commas or spaces.
    #[arg(
        long = "allow-pickle-global",
        value_name = "PATTERN",
        env = "CHATSKY_REDIS_ALLOW_PICKLE_GLOBALS"
    )]
    pub allow_pickle_globals: Vec<String>,

    /// Never overwrite: keep a key that already exists (SET NX).
    #[arg(long)]
    pub if_absent: bool,
}

impl WriteOpts {
    /// The `--allow-pickle-global` patterns (each value may hold several).
    pub fn pickle_globals(&self) -> Patterns {
        self.allow_pickle_globals
            .iter()
            .fold(Patterns::default(), |all, v| {
                all.merged(&Patterns::parse_list(v))
            })
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tell whether contexts exist (EXISTS, like Chatsky's `contains`). Exit 0 if all exist, 1 if any is missing.
    Has(HasArgs),
    /// Print one stored context (GET, like Chatsky's `get_item`).
    Get(GetArgs),
    /// Store one context from a file or stdin (SET, like Chatsky's `set_item`), validated first.
    Put(PutArgs),
    /// Delete contexts (DEL, like Chatsky's `del_item`); a missing key is not an error.
    Rm(RmArgs),
    /// Count keys (DBSIZE, like Chatsky's `len`, which counts every key of the db).
    Count(CountArgs),
    /// Delete every key of the selected db (FLUSHDB, like Chatsky's `clear`), after confirmation.
    Clear(ClearArgs),
    /// List stored contexts (SCAN, streaming).
    Ls(LsArgs),
    /// Export contexts as JSON Lines: {"key": KEY, "value": DOCUMENT}, documents verbatim.
    Export(ExportArgs),
    /// Import contexts from JSON Lines, validating every line before anything is written.
    Import(ImportArgs),
}

/// `has`.
#[derive(Debug, Args)]
pub struct HasArgs {
    /// Context keys (Chatsky stores context id `x` under the key `str(x)`).
    #[arg(required = true)]
    pub keys: Vec<String>,

    /// Print nothing; only the exit code answers.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// Context key.
    pub key: String,

    /// Say whether Chatsky would load the stored value, and if not, why (exit 2 when it would not,
    /// or when a pickle in it resolves globals outside the allow-list).
    #[arg(long)]
    pub check: bool,

    /// Schema for --check and the table: auto (detected from the document), 0.7, 0.8 or 0.9.
    #[arg(long, value_enum, default_value = "auto")]
    pub schema: SchemaArg,
}

/// `put`.
#[derive(Debug, Args)]
pub struct PutArgs {
    /// Context key.
    pub key: String,

    /// JSON file holding one context document; `-` or nothing reads stdin.
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub write: WriteOpts,
}

/// `rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Context keys to delete.
    #[arg(required_unless_present = "pattern", conflicts_with = "pattern")]
    pub keys: Vec<String>,

    /// Delete every context whose key matches this Redis glob (SCAN + UNLINK), after confirmation.
    #[arg(long = "match", value_name = "GLOB")]
    pub pattern: Option<String>,

    #[command(flatten)]
    pub confirm: Confirmation,
}

/// `count`.
#[derive(Debug, Args)]
pub struct CountArgs {
    /// Walk the db with SCAN and count contexts and other keys separately.
    #[arg(long)]
    pub exact: bool,
}

/// `clear`.
#[derive(Debug, Args)]
pub struct ClearArgs {
    /// Delete only the contexts whose key matches this Redis glob (SCAN + UNLINK) instead of FLUSHDB.
    #[arg(long = "match", value_name = "GLOB")]
    pub pattern: Option<String>,

    #[command(flatten)]
    pub confirm: Confirmation,
}

/// `ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only keys matching this Redis glob.
    #[arg(long = "match", value_name = "GLOB")]
    pub pattern: Option<String>,

    /// Also list keys that are not contexts, with their type.
    #[arg(long)]
    pub all: bool,

    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only keys matching this Redis glob.
    #[arg(long = "match", value_name = "GLOB")]
    pub pattern: Option<String>,

    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,

    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// JSON Lines file; `-` or nothing reads stdin.
    pub file: Option<PathBuf>,

    /// Lines are bare documents; take each key from this top-level field (e.g. `id`).
    #[arg(long, value_name = "FIELD")]
    pub key_field: Option<String>,

    /// Write the valid lines and list the invalid ones, instead of writing nothing.
    #[arg(long)]
    pub skip_invalid: bool,

    /// Validate only; write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Store documents in Chatsky's canonical form instead of verbatim (verbatim keeps export→import lossless).
    #[arg(long)]
    pub canonical: bool,

    #[command(flatten)]
    pub write: WriteOpts,

    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}
