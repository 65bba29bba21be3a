//! Test harness: a real `redis-server` per test on a unix socket in its own temp dir, and one
//! builder for running the real binary against it with a clean environment.
#![allow(dead_code)]

pub mod certs;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A redis-server of our own, killed and reaped on drop.
pub struct Redis {
    child: Child,
    dir: TempDir,
    pub socket: PathBuf,
    /// The TCP port of [`Redis::start_on_port`] (plain or TLS).
    pub port: u16,
}

impl Redis {
    /// Start a server with the test defaults.
    pub fn start() -> Redis {
        Redis::start_with(&[])
    }

    /// Start a server with extra arguments (e.g. `["--requirepass", "pw"]`).
    pub fn start_with(extra: &[&str]) -> Redis {
        Redis::spawn(extra)
            .unwrap_or_else(|log| panic!("redis-server did not start; its log:\n{log}"))
    }

    /// Start a server that also listens on 127.0.0.1 at a free port, given to `port_flag`
    /// (`--port`, or `--tls-port` with the TLS arguments in `extra`). Tests run in parallel: a
    /// port found free can be taken before the server binds it, so that is retried.
    pub fn start_on_port(port_flag: &str, extra: &[&str]) -> Redis {
        let mut last_log = String::new();
        for _ in 0..20 {
            let port = free_port().to_string();
            let mut args = vec![port_flag, &port, "--bind", "127.0.0.1"];
            args.extend_from_slice(extra);
            match Redis::spawn(&args) {
                Ok(mut redis) => {
                    redis.port = port.parse().unwrap();
                    return redis;
                }
                Err(log) if log.contains("Address already in use") => last_log = log,
                Err(log) => panic!(
                    "redis-server did not start (for {port_flag}, it needs TLS support, which \
                     Debian's redis-server has); its log:\n{log}"
                ),
            }
        }
        panic!("no free port for redis-server after 20 tries; last log:\n{last_log}");
    }

    /// Start a server, or say why not (its log).
    fn spawn(extra: &[&str]) -> Result<Redis, String> {
        let dir = tempfile::tempdir().expect("temp dir");
        let socket = dir.path().join("s.sock");
        let log = dir.path().join("log");
        let child = Command::new("redis-server")
            .args(["--port", "0", "--unixsocket"])
            .arg(&socket)
            .args([
                "--unixsocketperm",
                "700",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .arg("--logfile")
            .arg(&log)
            .arg("--dir")
            .arg(dir.path())
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start redis-server ({e}); install it: `apt-get install redis-server` \
                     (scripts/test does this for you)"
                )
            });
        let mut redis = Redis {
            child,
            dir,
            socket,
            port: 0,
        };
        redis.wait_ready()?;
        Ok(redis)
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(mut s) = UnixStream::connect(&self.socket) {
                // Any reply (PONG, or NOAUTH when a password is required) means it is up.
                let _ = s.write_all(b"PING\r\n");
                let mut buf = [0u8; 64];
                if s.read(&mut buf).is_ok_and(|n| n > 0) {
                    return Ok(());
                }
            }
            // It exits at once when it cannot listen (a port taken, bad TLS files).
            if self.child.try_wait().ok().flatten().is_some() {
                return Err(self.log());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(format!("no answer within 10 s\n{}", self.log()))
    }

    /// Stop the server at once, as a crash or `kill -9` would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Freeze the server (SIGSTOP): it keeps its connections but answers nothing.
    pub fn freeze(&self) {
        let status = Command::new("kill")
            .args(["-STOP", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// The server's log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    /// The URL of db `db` of this server.
    pub fn url_db(&self, db: i64) -> String {
        format!("unix://{}?db={db}", self.socket.display())
    }

    /// The URL of db 0.
    pub fn url(&self) -> String {
        self.url_db(0)
    }

    /// A temp dir that lives as long as the server, for test files.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A plain client for setting up and inspecting data, on db `db`.
    pub fn client(&self, db: i64) -> redis::Connection {
        let info = redis::ConnectionAddr::Unix(self.socket.clone());
        let client = redis::Client::open(
            redis::IntoConnectionInfo::into_connection_info(info)
                .unwrap()
                .set_redis_settings(redis::RedisConnectionInfo::default().set_db(db)),
        )
        .unwrap();
        client.get_connection().unwrap()
    }

    /// Client on db 0.
    pub fn db(&self) -> redis::Connection {
        self.client(0)
    }

    /// The binary, with a clean environment pointing at this server.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = bin();
        cmd.env("CHATSKY_REDIS_URL", self.url());
        cmd
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary with a clean environment: no inherited URL, no colour, a pinned table width.
pub fn bin() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("chatsky-redis").unwrap();
    cmd.env_clear().env("COLUMNS", "120").env("NO_COLOR", "1");
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// A TCP port that was free a moment ago.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Run a redis command on a connection, for setup.
pub fn redis_cmd<T: redis::FromRedisValue>(conn: &mut redis::Connection, args: &[&str]) -> T {
    let mut cmd = redis::cmd(args[0]);
    for a in &args[1..] {
        cmd.arg(*a);
    }
    cmd.query(conn).unwrap()
}

/// GET as raw bytes (None when missing).
pub fn get_raw(conn: &mut redis::Connection, key: &str) -> Option<Vec<u8>> {
    redis::cmd("GET").arg(key).query(conn).unwrap()
}

/// SET raw bytes.
pub fn set_raw(conn: &mut redis::Connection, key: &str, value: &[u8]) {
    let _: () = redis::cmd("SET").arg(key).arg(value).query(conn).unwrap();
}

/// One line of a fixture file: the key and the exact stored string.
pub struct FixtureContext {
    pub key: String,
    pub value: String,
}

/// Load a legacy fixture (`tests/fixtures/<name>`).
pub fn fixture(name: &str) -> Vec<FixtureContext> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            FixtureContext {
                key: v["key"].as_str().unwrap().to_string(),
                value: v["value"].as_str().unwrap().to_string(),
            }
        })
        .collect()
}

/// The binary started in the background against `redis` with `-f json`: stdin closed, stdout and
/// stderr piped, for tests that act on it while it runs.
pub fn spawned(redis: &Redis, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("chatsky-redis"))
        .env_clear()
        .args(["--url", &redis.url(), "-f", "json"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Press Ctrl-C on a running child: SIGINT, as a terminal sends it.
pub fn ctrl_c(child: &Child) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -INT {}", child.id());
}

/// Wait until a running child has its Ctrl-C handler in place (the kernel lists SIGINT among the
/// signals it catches), so that a SIGINT sent now is heard by the tool rather than killing it.
pub fn wait_for_ctrl_c_handler(child: &Child) {
    let status = format!("/proc/{}/status", child.id());
    wait_until("the child catches SIGINT", || {
        std::fs::read_to_string(&status)
            .ok()
            .and_then(|s| {
                let mask = s
                    .lines()
                    .find_map(|l| l.strip_prefix("SigCgt:"))?
                    .trim()
                    .to_string();
                u64::from_str_radix(&mask, 16).ok()
            })
            .is_some_and(|mask| mask & (1 << (2 - 1)) != 0)
    });
}

/// Poll `ready` every few milliseconds until it holds; fail naming `what` after 60 s.
pub fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// A stored context with the text of its first request (`"text":"Hi"` in the fixtures) replaced
/// by `text`, which is JSON string content (escapes allowed).
pub fn with_first_request(value: &str, text: &str) -> String {
    let changed = value.replacen(r#""text":"Hi""#, &format!(r#""text":"{text}""#), 1);
    assert_ne!(changed, value, "the fixture's first request is \"Hi\"");
    changed
}

/// A temp path as the `&str` an argument list takes.
pub fn path(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// Stdout of a finished command as a string.
pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A command's stdout as JSON, failing with the text when it is not.
pub fn stdout_json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(out)))
}

/// Stderr of a finished command as a string.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// util-linux `script`, which runs a command line on a fresh pseudo-terminal.
pub fn bin_shell() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new("script");
    cmd.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("TERM", "xterm")
        .env("COLUMNS", "120")
        .env("NO_COLOR", "1");
    cmd.timeout(Duration::from_secs(30));
    cmd
}

/// JSON edge cases and 3,000 byte-level mutations of real stored contexts (deletions, insertions,
/// repeats at pseudo-random places, always the same): inputs that parsers must judge alike.
pub fn json_corpus() -> Vec<Vec<u8>> {
    let mut inputs: Vec<Vec<u8>> = [
        "{}",
        "[]",
        "0",
        "-0",
        "01",
        "1.",
        ".5",
        "1e5",
        "1E+5",
        "1e",
        "-",
        "--1",
        "+1",
        "NaN",
        "-NaN",
        "Infinity",
        "-Infinity",
        "infinity",
        "nan",
        "null",
        "nul",
        "true",
        "True",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\ude00\"",
        "\"\\ud83dx\"",
        "\"\\u12\"",
        "\"\\x41\"",
        "\"\\/\"",
        "\"a\tb\"",
        "\"a\u{7f}b\"",
        " {} ",
        "{}\n",
        "{} {}",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "{'a':1}",
        "[1 2]",
        "\u{feff}{}",
        "{\"a\":1,\"a\":2}",
        "{\"a\":NaN,\"a\":1}",
        "[1e999, -1e999]",
        "123456789012345678901234567890",
        "[\"\\u0000\"]",
        "\"\u{2028}\"",
        "\t[\r\n]\t",
        "[\u{a0}1]",
        "[1]\u{0}",
        "",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    inputs.push(b"[\"\xff\"]".to_vec());
    inputs.push(b"[\"\xc3\"]".to_vec());
    // Python's int() takes 4,300 digits (the sign not counted) and refuses one more.
    for sign in ["", "-"] {
        for n in [4300, 4301] {
            inputs.push(format!("{sign}{}", "7".repeat(n)).into_bytes());
        }
        inputs.push(format!("[{sign}{}.5]", "7".repeat(4301)).into_bytes());
    }
    // Python reads 990 levels and refuses 1001, as the parser does (its limit is 1000).
    for depth in [990, 1001] {
        inputs.push(format!("{}{}", "[".repeat(depth), "]".repeat(depth)).into_bytes());
    }
    // Mutations of real stored contexts: delete, insert or repeat bytes at pseudo-random places.
    let seeds: Vec<String> = ["chatsky-0.9.0-legacy.jsonl", "chatsky-0.8.0-legacy.jsonl"]
        .into_iter()
        .flat_map(|name| fixture(name).into_iter().map(|f| f.value))
        .collect();
    let alphabet = b"{}[]\",:\\ 0123-+.eEnNaIu\xc3\xa9\x01";
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for round in 0..3000 {
        let mut doc = seeds[round % seeds.len()].as_bytes().to_vec();
        for _ in 0..1 + next(3) {
            let at = next(doc.len().max(1));
            match next(3) {
                0 if !doc.is_empty() => {
                    doc.remove(at.min(doc.len() - 1));
                }
                1 => doc.insert(at, alphabet[next(alphabet.len())]),
                _ => {
                    let end = (at + 1 + next(8)).min(doc.len());
                    let piece = doc[at.min(end)..end].to_vec();
                    doc.splice(at..at, piece);
                }
            }
        }
        inputs.push(doc);
    }
    inputs
}

/// One hash of the chatsky 0.10 fixture: its key and fields as chatsky 0.10.0 stored them.
pub struct FixtureHash {
    pub key: String,
    pub fields: Vec<(String, String)>,
}

/// The hashes chatsky 0.10.0 wrote (`tests/fixtures/chatsky-0.10.0-hashes.jsonl`).
pub fn hashes_fixture() -> Vec<FixtureHash> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/chatsky-0.10.0-hashes.jsonl");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            FixtureHash {
                key: v["key"].as_str().unwrap().to_string(),
                fields: v["fields"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(f, x)| (f.clone(), x.as_str().unwrap().to_string()))
                    .collect(),
            }
        })
        .collect()
}

/// Store the chatsky 0.10 fixture's hashes as chatsky stored them.
pub fn load_hashes(db: &mut redis::Connection) {
    for hash in hashes_fixture() {
        let mut cmd = redis::cmd("HSET");
        cmd.arg(&hash.key);
        for (f, v) in &hash.fields {
            cmd.arg(f).arg(v);
        }
        let _: () = cmd.query(db).unwrap();
    }
}

/// Every hash whose key matches `pattern`, with all its fields, in a form to compare dbs by.
pub fn hashes(
    db: &mut redis::Connection,
    pattern: &str,
) -> std::collections::BTreeMap<Vec<u8>, std::collections::BTreeMap<Vec<u8>, Vec<u8>>> {
    let keys: Vec<Vec<u8>> = redis::cmd("KEYS").arg(pattern).query(db).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for key in keys {
        let kind: String = redis::cmd("TYPE").arg(&key).query(db).unwrap();
        if kind == "hash" {
            let fields = redis::cmd("HGETALL").arg(&key).query(db).unwrap();
            out.insert(key, fields);
        }
    }
    out
}
