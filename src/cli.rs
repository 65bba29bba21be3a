//! Command-line types (clap only). Doc comments here are the `--help` text and the man pages.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::convert::StartLabel;
use crate::model::pickle::Patterns;
use crate::model::{ExponentStyle, Schema};

/// Administer the conversation contexts that Chatsky keeps in Redis.
///
/// Two layouts, as Chatsky's RedisContextStorage writes them: legacy (dff 0.7, chatsky 0.8 and 0.9),
/// one Redis string key per context holding the Context as compact JSON; and chatsky 0.10's, a main
/// hash PREFIX:main:ID and turn hashes PREFIX:turns:ID:labels|requests|responses per context.
/// --layout auto finds which one an id or a db uses.
#[derive(Debug, Parser)]
#[command(name = "chatsky-redis", version, about, long_about)]
#[command(
    after_help = "Secrets: give the password with CHATSKY_REDIS_PASSWORD, --password-file, or a URL \
in CHATSKY_REDIS_URL, never on the command line, where every local user can read it (ps).

Exit codes: 0 ok, 1 absent, 2 bad usage/input or refused, \
3 Redis unreachable/auth/TLS/server error, 4 kept (put --if-absent: the key exists), \
130 interrupted."
)]
pub struct Cli {
    #[command(flatten)]
    pub connect: ConnectOpts,

    #[command(flatten)]
    pub layout: LayoutOpts,

    /// Output format: json (one compact line, for scripts), pretty (indented JSON) or table (for people).
    /// Without it: `get` prints pretty on a terminal and json otherwise; other commands print plain text.
    #[arg(long, short = 'f', global = true, value_enum)]
    pub format: Option<Format>,

    #[command(subcommand)]
    pub command: Command,
}

/// Where Redis is, and how to log in.
#[derive(Debug, Args)]
#[command(next_help_heading = "Connection")]
pub struct ConnectOpts {
    /// Redis URL, parsed like Chatsky's Redis.from_url: redis://[[user]:password@]host[:port][/db][?db=N],
    /// rediss:// for TLS (?ssl_ca_certs=, ?ssl_certfile=, ?ssl_keyfile=, ?ssl_cert_reqs=,
    /// ?ssl_check_hostname=), unix:///path/to/socket?db=N. Keep a URL with a password in the
    /// environment variable rather than on the command line.
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_URL",
        default_value = "redis://127.0.0.1:6379/0",
        hide_env_values = true
    )]
    pub url: String,

    /// ACL username; wins over the URL's.
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_USERNAME",
        value_name = "USER"
    )]
    pub username: Option<String>,

    /// Read the password from this file (one trailing newline is dropped); wins over
    /// CHATSKY_REDIS_PASSWORD, which wins over the URL's password.
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_PASSWORD_FILE",
        value_name = "FILE"
    )]
    pub password_file: Option<PathBuf>,

    /// Seconds to wait for the connection before giving up (exit 3). Default 5, or the URL's
    /// ?socket_connect_timeout= (else its ?socket_timeout=, as redis-py does).
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_CONNECT_TIMEOUT",
        value_name = "SECONDS"
    )]
    pub connect_timeout: Option<f64>,

    /// Seconds to wait for each reply before giving up (exit 3). Default: the URL's
    /// ?socket_timeout=, else as long as the server takes.
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_TIMEOUT",
        value_name = "SECONDS"
    )]
    pub timeout: Option<f64>,

    /// Refuse every command that writes (put, rm, clear, import, migrate), before connecting; for
    /// inspecting production. The --dry-run of rm, clear, import and migrate still runs.
    #[arg(long, global = true, env = "CHATSKY_REDIS_READ_ONLY", value_parser = clap::builder::FalseyValueParser::new())]
    pub read_only: bool,

    #[command(flatten)]
    pub tls: TlsOpts,
}

/// TLS for rediss:// URLs. Each replaces what the URL says.
#[derive(Debug, Args)]
#[command(next_help_heading = "TLS (rediss:// URLs)")]
pub struct TlsOpts {
    /// Trust the CAs in this PEM file (instead of the URL's ?ssl_ca_certs=, SSL_CERT_FILE or the
    /// system store).
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_TLS_CA_CERT",
        value_name = "FILE"
    )]
    pub tls_ca_cert: Option<PathBuf>,

    /// Trust the CAs in the PEM files of this directory (instead of the URL's ?ssl_ca_path=,
    /// SSL_CERT_DIR or the system store).
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_TLS_CA_DIR",
        value_name = "DIR"
    )]
    pub tls_ca_dir: Option<PathBuf>,

    /// Client certificate (PEM chain) for servers that ask for one (tls-auth-clients); it may
    /// hold the key too. With --tls-key, replaces the URL's ?ssl_certfile= and ?ssl_keyfile=.
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_TLS_CERT",
        value_name = "FILE"
    )]
    pub tls_cert: Option<PathBuf>,

    /// The client certificate's private key (PEM, not encrypted).
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_TLS_KEY",
        value_name = "FILE"
    )]
    pub tls_key: Option<PathBuf>,

    /// The server's name as its certificate gives it: sent as SNI and verified instead of the
    /// URL's host, for connecting by address or through a tunnel.
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_TLS_SERVER_NAME",
        value_name = "NAME"
    )]
    pub tls_server_name: Option<String>,
}

/// Where contexts are kept.
#[derive(Debug, Args)]
pub struct LayoutOpts {
    /// Storage layout: auto (the one an id, a document or the db is in), legacy (dff 0.7, chatsky
    /// 0.8 and 0.9: one string key per context) or 0.10 (chatsky 0.10: hashes under --prefix).
    #[arg(
        long,
        global = true,
        value_enum,
        env = "CHATSKY_REDIS_LAYOUT",
        default_value = "auto"
    )]
    pub layout: LayoutArg,

    /// chatsky 0.10's key prefix (RedisContextStorage's key_prefix). Default chatsky_keys; walks
    /// with --layout auto then take 0.10 contexts under any prefix they find.
    #[arg(
        long,
        global = true,
        env = "CHATSKY_REDIS_PREFIX",
        value_name = "PREFIX"
    )]
    pub prefix: Option<String>,
}

/// `--layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Whichever holds the context: for one id, the keys that exist; for a document, its form;
    /// for walks, both.
    Auto,
    /// dff 0.7, chatsky 0.8 and 0.9: one string key per context.
    Legacy,
    /// chatsky 0.10: a main hash and turn hashes per context, under --prefix.
    #[value(name = "0.10")]
    V010,
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

    #[command(flatten)]
    pub pickles: PickleOpts,

    /// Never overwrite: keep a key that already exists (SET NX). `put` then exits 4.
    #[arg(long)]
    pub if_absent: bool,

    /// Refuse a document with top-level keys that are not fields of the target version's Context,
    /// instead of dropping them as Chatsky does (with a note).
    #[arg(long)]
    pub strict: bool,
}

/// Which pickles may be stored beside Chatsky's own.
#[derive(Debug, Args)]
pub struct PickleOpts {
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
}

impl PickleOpts {
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
    /// Delete contexts; a missing key is not an error. Unlike Chatsky's `del_item` (DEL of any
    /// key), it refuses a key that is not a context unless --any-type.
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
    /// Move every context of one layout into the other (legacy to chatsky 0.10, or back), in the
    /// same db or another, each validated as the target version reads it before it is written.
    Migrate(MigrateArgs),
    /// Convert export lines into the other layout (legacy to chatsky 0.10, or back), with no Redis:
    /// what `migrate` writes, as a file.
    Convert(ConvertArgs),
    /// Print the shell completion script for SHELL (see the README for where it goes).
    Completions(CompletionsArgs),
    /// Print the man page, or write every page (one per subcommand too) into a directory.
    Man(ManArgs),
}

/// `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write chatsky-redis.1 and a page per subcommand into this directory (e.g.
    /// ~/.local/share/man/man1) instead of printing chatsky-redis.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `has`.
#[derive(Debug, Args)]
pub struct HasArgs {
    /// Context keys (Chatsky stores context id `x` under the key `str(x)`). A key that looks like a
    /// negative number (a Telegram group id, `-1001234567890`) is a key; put any other key that
    /// starts with `-` after `--`.
    #[arg(required = true, allow_negative_numbers = true)]
    pub keys: Vec<String>,

    /// Print nothing; only the exit code answers.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `get`.
#[derive(Debug, Args)]
pub struct GetArgs {
    /// Context key (`-1001234567890` is a key; put any other key that starts with `-` after `--`).
    #[arg(allow_negative_numbers = true)]
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
    /// Context key (`-1001234567890` is a key; put any other key that starts with `-` after `--`).
    #[arg(allow_negative_numbers = true)]
    pub key: String,

    /// JSON file holding one context document; `-` or nothing reads stdin.
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub write: WriteOpts,
}

/// `rm`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Context keys to delete (`-1001234567890` is a key; put any other key that starts with `-`
    /// after `--`).
    #[arg(
        required_unless_present = "pattern",
        conflicts_with = "pattern",
        allow_negative_numbers = true
    )]
    pub keys: Vec<String>,

    /// Delete every context whose key matches this Redis glob (SCAN + UNLINK), after confirmation.
    #[arg(long = "match", value_name = "GLOB", allow_hyphen_values = true)]
    pub pattern: Option<String>,

    /// Delete the keys whatever they hold (plain DEL), as Chatsky's del_item does. Without it, `rm`
    /// refuses a key that is not a context and deletes nothing.
    #[arg(long, conflicts_with = "pattern")]
    pub any_type: bool,

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
    #[arg(long = "match", value_name = "GLOB", allow_hyphen_values = true)]
    pub pattern: Option<String>,

    #[command(flatten)]
    pub confirm: Confirmation,
}

/// `ls`.
#[derive(Debug, Args)]
pub struct LsArgs {
    /// Only keys matching this Redis glob.
    #[arg(long = "match", value_name = "GLOB", allow_hyphen_values = true)]
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
    #[arg(long = "match", value_name = "GLOB", allow_hyphen_values = true)]
    pub pattern: Option<String>,

    /// Write to this file instead of stdout: to a temporary file beside it, renamed over it only
    /// once the export is complete (cut short, it leaves nothing, and an earlier FILE as it was).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Create the -o file readable by its owner only (0600) instead of as the umask says.
    #[arg(long, requires = "output")]
    pub private: bool,

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

    /// Succeed on an input with no contexts at all (otherwise exit 2: an empty file is usually a
    /// mistake, such as a failed export).
    #[arg(long)]
    pub allow_empty: bool,

    /// Store documents in Chatsky's canonical form instead of verbatim (verbatim keeps export→import lossless).
    #[arg(long)]
    pub canonical: bool,

    #[command(flatten)]
    pub write: WriteOpts,

    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `--to`: the layout contexts are converted into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ToLayout {
    /// chatsky 0.10: a main hash and turn hashes per context, under --prefix.
    #[value(name = "0.10")]
    V010,
    /// The legacy layout of chatsky 0.9 (or 0.8, --schema): one string key per context.
    Legacy,
}

/// `--schema` of a legacy target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LegacySchema {
    /// chatsky 0.8.0: labels as [flow, node], turns from 0, no start label.
    #[value(name = "0.8")]
    V08,
    /// chatsky 0.9.0.
    #[value(name = "0.9")]
    V09,
}

impl From<LegacySchema> for Schema {
    fn from(arg: LegacySchema) -> Schema {
        match arg {
            LegacySchema::V08 => Schema::V08,
            LegacySchema::V09 => Schema::V09,
        }
    }
}

/// How contexts are converted, for `migrate` and `convert`.
#[derive(Debug, Args)]
pub struct ConversionOpts {
    /// The layout to convert into: 0.10 (chatsky 0.10's hashes, under --prefix) or legacy.
    #[arg(long, value_enum)]
    pub to: ToLayout,

    /// With --to legacy: the Chatsky version to write for, 0.8 or 0.9 (default 0.9). 0.8 gets its
    /// own shapes: [flow, node] labels, turns numbered from 0 without the start label, pickled
    /// None slot values.
    #[arg(long, value_enum)]
    pub schema: Option<LegacySchema>,

    /// With --to 0.10: the start label (labels[0]) to give contexts that have none, FLOW:NODE as
    /// the bot's pipeline names it. dff 0.7 and chatsky 0.8 never stored it; without it they get
    /// none (a note), and a context with no labels at all is not converted.
    #[arg(long, value_name = "FLOW:NODE")]
    pub start_label: Option<StartLabel>,

    /// Which pickles may be carried beside Chatsky's own (a messenger's raw update in
    /// original_message resolves the messenger library's classes: `--allow-pickle-global
    /// 'telegram.*'` lets exactly those through).
    #[command(flatten)]
    pub pickles: PickleOpts,
}

/// `migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    pub conversion: ConversionOpts,

    /// Only the contexts whose id matches this Redis glob (for legacy contexts, their key).
    #[arg(long = "match", value_name = "GLOB", allow_hyphen_values = true)]
    pub pattern: Option<String>,

    /// Write into this database instead of --url's, e.g. the new bot's. It is parsed like --url;
    /// its own user info or ?password= logs in and its ?ssl_*= set up TLS (the --username,
    /// --password-file and --tls-* flags are --url's). Keep a URL with a password in the variable
    /// rather than on the command line.
    #[arg(
        long,
        env = "CHATSKY_REDIS_TARGET_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub target_url: Option<String>,

    /// Overwrite the context an id already has in the target layout (without it, that context is
    /// kept and counted). A target key of another type is never overwritten.
    #[arg(long)]
    pub replace: bool,

    /// Delete each source context once its copy is written, after confirmation; never one that
    /// changed after it was read (a live bot's turn), nor one whose copy was not written.
    #[arg(long)]
    pub delete_source: bool,

    /// Do not ask before --delete-source; for runbooks and scripts.
    #[arg(long, short = 'y', env = "CHATSKY_REDIS_YES", value_parser = clap::builder::FalseyValueParser::new())]
    pub yes: bool,

    /// Read, convert and validate every context and look at the target, but write and delete
    /// nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Export lines (JSON Lines, as `export` writes them); `-` or nothing reads stdin.
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub conversion: ConversionOpts,

    /// Write to this file instead of stdout: to a temporary file beside it, renamed over it only
    /// once every line is converted (otherwise nothing is written, and an earlier FILE stays).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Create the -o file readable by its owner only (0600) instead of as the umask says.
    #[arg(long, requires = "output")]
    pub private: bool,

    /// Write the lines that convert and list the others, instead of writing nothing.
    #[arg(long)]
    pub skip_invalid: bool,

    /// Succeed on an input with no lines at all (otherwise exit 2: an empty file is usually a
    /// mistake, such as a failed export).
    #[arg(long)]
    pub allow_empty: bool,

    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}
