//! Connecting: URL rules, the environment variable, db selection, failures and their exit codes,
//! and that a password never shows up in any output.

mod common;

use std::net::TcpListener;

use common::{bin, free_port, set_raw, stderr, stdout, Redis};

#[test]
fn url_comes_from_the_environment_and_the_flag_wins() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "k", b"{}");
    bin()
        .env("CHATSKY_REDIS_URL", redis.url())
        .args(["has", "k"])
        .assert()
        .code(0);
    // --url beats the environment (which points nowhere here).
    bin()
        .env("CHATSKY_REDIS_URL", "redis://127.0.0.1:1/0")
        .args(["--url", &redis.url(), "has", "k"])
        .assert()
        .code(0);
}

#[test]
fn db_is_selected_by_query_and_by_path() {
    let redis = Redis::start();
    set_raw(&mut redis.client(3), "in3", b"{}");
    bin()
        .args(["--url", &redis.url_db(3), "has", "in3"])
        .assert()
        .code(0);
    bin()
        .args(["--url", &redis.url_db(0), "has", "in3"])
        .assert()
        .code(1);
}

#[test]
fn db_by_path_over_tcp_follows_redis_py() {
    let redis = Redis::start_on_port("--port", &[]);
    let port = redis.port;
    set_raw(&mut redis.client(5), "k", b"{}");
    set_raw(&mut redis.client(12), "k12", b"{}");
    let url = |path: &str| format!("redis://127.0.0.1:{port}{path}");
    bin()
        .args(["--url", &url("/5"), "has", "k"])
        .assert()
        .code(0);
    // `?db=` wins over the path.
    bin()
        .args(["--url", &url("/0?db=5"), "has", "k"])
        .assert()
        .code(0);
    // Every '/' is removed from the path: /1/2 is db 12, with a warning.
    let out = bin()
        .args(["--url", &url("/1/2"), "has", "k12"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("warning"), "{}", stderr(&out));
    // A path that is not a number is db 0, with a warning instead of silence.
    let out = bin()
        .args(["--url", &url("/abc"), "count"])
        .output()
        .unwrap();
    assert_eq!((out.status.code(), stdout(&out).as_str()), (Some(0), "0\n"));
    assert!(
        stderr(&out).contains("not a database number"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unreachable_server_exits_3_with_a_hint() {
    let port = free_port();
    // The URL in its variable: on the command line it would earn a warning about `ps`.
    let out = bin()
        .env(
            "CHATSKY_REDIS_URL",
            format!("redis://:hunter2@127.0.0.1:{port}/0"),
        )
        .args(["has", "k"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("is Redis running at redis://:***@127.0.0.1"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
    assert_eq!(err.lines().count(), 2, "one error line and one hint: {err}");
}

#[test]
fn a_missing_unix_socket_exits_3() {
    let out = bin()
        .args(["--url", "unix:///nonexistent/s.sock", "count"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

#[test]
fn a_silent_server_times_out_fast() {
    // Accepts TCP connections but never answers: the handshake must give up on time.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let start = std::time::Instant::now();
    let out = bin()
        .args([
            "--connect-timeout",
            "0.5",
            "--url",
            &format!("redis://127.0.0.1:{port}"),
            "count",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("timed out"), "{}", stderr(&out));
    assert!(start.elapsed().as_secs() < 5);
    drop(listener);
}

#[test]
fn a_wrong_password_exits_3_and_is_never_printed() {
    let redis = Redis::start_with(&["--requirepass", "right-pass"]);
    let url = format!("unix://:wrong-pass@{}?db=0", redis.socket.display());
    let out = bin().args(["--url", &url, "count"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(all.contains("authentication failed"), "{all}");
    assert!(
        !all.contains("wrong-pass") && !all.contains("right-pass"),
        "{all}"
    );
    // And the right one works, taken percent-decoded from the URL.
    let url = format!("unix://:right%2Dpass@{}?db=0", redis.socket.display());
    bin()
        .args(["--url", &url, "count"])
        .assert()
        .code(0)
        .stdout("0\n");
}

#[test]
fn no_password_at_all_when_one_is_required_is_an_auth_failure() {
    let redis = Redis::start_with(&["--requirepass", "pw"]);
    let out = bin()
        .args(["--url", &redis.url(), "has", "k"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("authentication failed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_bad_url_is_a_usage_error_without_the_password() {
    for url in [
        "http://u:topsecret@h/0",
        "redis://u:topsecret@h/0?db=x",
        "redis://u:topsecret@h:99999",
    ] {
        let out = bin().args(["--url", url, "count"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{url}");
        assert!(!stderr(&out).contains("topsecret"), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("invalid Redis URL"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_db_the_server_does_not_have_exits_3() {
    let redis = Redis::start();
    let out = bin()
        .args(["--url", &redis.url_db(99), "count"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

#[test]
fn a_closed_pipe_is_success() {
    let redis = Redis::start();
    let mut db = redis.db();
    let context = common::fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    for i in 0..2000 {
        set_raw(&mut db, &format!("k{i}"), context.value.as_bytes());
    }
    let keys: Vec<String> = (0..2000).map(|i| format!("k{i}")).collect();
    let bin = assert_cmd::cargo::cargo_bin("chatsky-redis");
    // `export` writes some 7 MB, far more than a pipe holds, so its writes go on after `head` has
    // gone: the pipe is surely closed under it.
    for command in [format!("has {}", keys.join(" ")), "export".to_string()] {
        let script = format!(
            "'{}' --url '{}' {command} | head -c1 >/dev/null; exit ${{PIPESTATUS[0]}}",
            bin.display(),
            redis.url(),
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &script])
            .output()
            .unwrap();
        let shown = command.split_whitespace().next().unwrap_or_default();
        assert_eq!(out.status.code(), Some(0), "{shown}: {}", stderr(&out));
        assert!(stderr(&out).is_empty(), "{shown}: {}", stderr(&out));
    }
}

/// A server that wants the password `right-pass` for the default user; it holds a key `k`.
fn with_password() -> Redis {
    let redis = Redis::start_with(&["--requirepass", "right-pass"]);
    set_raw(&mut admin(&redis), "k", b"{}");
    redis
}

/// A client logged in to [`with_password`]'s server.
fn admin(redis: &Redis) -> redis::Connection {
    let mut admin = redis.db();
    let _: () = common::redis_cmd(&mut admin, &["AUTH", "right-pass"]);
    admin
}

/// A file in the server's temp dir, readable by its owner only.
fn secret_file(redis: &Redis, name: &str, text: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = redis.dir().join(name);
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    common::path(&path).to_string()
}

#[test]
fn the_password_comes_from_the_file_then_the_variable_then_the_url() {
    let redis = with_password();
    let right = secret_file(&redis, "right", "right-pass\n");
    let wrong = secret_file(&redis, "wrong", "wrong-pass");
    let sock = redis.socket.display();
    let url_with = |pw: &str| format!("unix://:{pw}@{sock}?db=0");
    // What a case names, its arguments, its environment, and the exit code it must give.
    type Case<'a> = (&'a str, Vec<&'a str>, Vec<(&'a str, String)>, i32);
    let cases: &[Case] = &[
        (
            "--password-file",
            vec!["--password-file", &right],
            vec![("CHATSKY_REDIS_URL", url_with("wrong-pass"))],
            0,
        ),
        (
            "CHATSKY_REDIS_PASSWORD_FILE",
            vec![],
            vec![
                ("CHATSKY_REDIS_PASSWORD_FILE", right.clone()),
                ("CHATSKY_REDIS_URL", redis.url()),
            ],
            0,
        ),
        (
            "CHATSKY_REDIS_PASSWORD",
            vec![],
            vec![
                ("CHATSKY_REDIS_PASSWORD", "right-pass".into()),
                ("CHATSKY_REDIS_URL", url_with("wrong-pass")),
            ],
            0,
        ),
        (
            "the file wins over the variable",
            vec!["--password-file", &wrong],
            vec![
                ("CHATSKY_REDIS_PASSWORD", "right-pass".into()),
                ("CHATSKY_REDIS_URL", redis.url()),
            ],
            3,
        ),
        (
            "an empty variable is no password",
            vec![],
            vec![
                ("CHATSKY_REDIS_PASSWORD", String::new()),
                ("CHATSKY_REDIS_URL", url_with("right-pass")),
            ],
            0,
        ),
        (
            "?password= in the URL",
            vec![],
            vec![(
                "CHATSKY_REDIS_URL",
                format!("unix://{sock}?db=0&password=right%2Dpass"),
            )],
            0,
        ),
        (
            "the user info wins over ?password=",
            vec![],
            vec![(
                "CHATSKY_REDIS_URL",
                format!("unix://:right-pass@{sock}?db=0&password=wrong-pass"),
            )],
            0,
        ),
    ];
    for (case, args, env, code) in cases {
        let mut cmd = bin();
        for (name, value) in env {
            cmd.env(name, value);
        }
        let out = cmd.args(args).args(["has", "k"]).output().unwrap();
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(*code), "{case}: {all}");
        assert!(
            !all.contains("right-pass") && !all.contains("wrong-pass"),
            "{case}: {all}"
        );
    }
}

#[test]
fn the_username_comes_from_the_flag_the_variable_or_the_url() {
    let redis = with_password();
    let _: () = common::redis_cmd(
        &mut admin(&redis),
        &["ACL", "SETUSER", "ops", "on", ">ops-pass", "~*", "+@all"],
    );
    let sock = redis.socket.display();
    for (case, args, env) in [
        (
            "--username",
            vec!["--username", "ops"],
            vec![("CHATSKY_REDIS_URL", format!("unix://default:x@{sock}"))],
        ),
        (
            "CHATSKY_REDIS_USERNAME",
            vec![],
            vec![
                ("CHATSKY_REDIS_USERNAME", "ops".to_string()),
                ("CHATSKY_REDIS_URL", redis.url()),
            ],
        ),
        (
            "?username=",
            vec![],
            vec![("CHATSKY_REDIS_URL", format!("unix://{sock}?username=ops"))],
        ),
    ] {
        let out = bin()
            .envs(env)
            .env("CHATSKY_REDIS_PASSWORD", "ops-pass")
            .args(args)
            .args(["has", "k"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{case}: {}", stderr(&out));
    }
    // The right password for another user is an authentication failure, not a success.
    let out = bin()
        .env("CHATSKY_REDIS_URL", redis.url())
        .env("CHATSKY_REDIS_PASSWORD", "right-pass")
        .args(["--username", "ops", "has", "k"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("authentication failed"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--password-file"), "{}", stderr(&out));
}

#[test]
fn a_password_file_that_cannot_be_used_is_a_usage_error_that_never_quotes_it() {
    let redis = with_password();
    let missing = redis.dir().join("missing");
    let latin1 = redis.dir().join("latin1");
    std::fs::write(&latin1, b"right-pass\xe9").unwrap();
    let cases = [
        (
            "missing",
            common::path(&missing).to_string(),
            "cannot read the password file",
        ),
        ("empty", secret_file(&redis, "empty", "\n"), "is empty"),
        (
            "two lines",
            secret_file(&redis, "two", "right-pass\nright-pass\n"),
            "more than one line",
        ),
        (
            "not UTF-8",
            common::path(&latin1).to_string(),
            "is not UTF-8 text",
        ),
    ];
    for (case, file, says) in cases {
        let out = redis
            .cmd()
            .args(["--password-file", &file, "has", "k"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{case}: {err}");
        assert!(err.contains(says) && err.contains(&file), "{case}: {err}");
        assert!(!err.contains("right-pass"), "{case}: {err}");
    }
    // A file every local user can read works, with a warning.
    let open = redis.dir().join("open");
    std::fs::write(&open, "right-pass").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = redis
        .cmd()
        .args(["--password-file", common::path(&open), "has", "k"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("chmod 600"), "{}", stderr(&out));
}

#[test]
fn a_password_on_the_command_line_is_warned_about() {
    let redis = with_password();
    let url = format!("unix://:right-pass@{}?db=0", redis.socket.display());
    let out = bin().args(["--url", &url, "has", "k"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: the password in --url can be read by every user"),
        "{err}"
    );
    assert!(!err.contains("right-pass"), "{err}");
    // Not when the same URL comes from its variable, or the password from elsewhere.
    let out = bin()
        .env("CHATSKY_REDIS_URL", &url)
        .args(["has", "k"])
        .output()
        .unwrap();
    assert_eq!((out.status.code(), stderr(&out)), (Some(0), String::new()));
    let out = bin()
        .env("CHATSKY_REDIS_PASSWORD", "right-pass")
        .args(["--url", &redis.url(), "has", "k"])
        .output()
        .unwrap();
    assert_eq!((out.status.code(), stderr(&out)), (Some(0), String::new()));
}

/// URLs holding the password `hunter2` every way people get them wrong, pointing where nothing
/// listens: whatever the run says, on stdout or stderr, never holds the password.
#[test]
fn no_password_is_ever_printed_whatever_the_url_looks_like() {
    let port = free_port();
    let urls = [
        "http://u:hunter2@127.0.0.1".to_string(),
        "redis:/u:hunter2@127.0.0.1".into(),
        "redis:u:hunter2@127.0.0.1".into(),
        "redis//:hunter2@127.0.0.1".into(),
        "hunter2".into(),
        ":hunter2@127.0.0.1".into(),
        format!("redis://:hunter2@127.0.0.1:{port}/0"),
        format!("redis://u:hunter2@127.0.0.1:{port}/0?db=x"),
        format!("redis://:hun@ter2@127.0.0.1:{port}/0"),
        format!("redis://:hunter2#x@127.0.0.1:{port}/0"),
        format!("redis://:12/hunter2@127.0.0.1:{port}/0"),
        "redis://:hunter2".into(),
        "redis://u:hunter2".into(),
        "redis://:hunter2@127.0.0.1:port/0".into(),
        format!("redis://127.0.0.1:{port}/0?password=hunter2"),
        format!("redis://127.0.0.1:{port}/0?password=hunter2&db=x"),
        format!("redis://127.0.0.1:{port}/0?password=hun%26ter2&socket_timeout=x"),
        format!("redis://127.0.0.1:{port}/0?password=hun&ter2&db=x"),
        format!("redis://127.0.0.1:{port}/0?ssl_password=hunter2&x=1"),
        format!("rediss://u:hunter2@127.0.0.1:{port}/0?ssl_cert_reqs=NONE"),
        format!("rediss://u:hunter2@127.0.0.1:{port}/0?ssl_ca_certs=/missing.pem"),
        format!("redis://u:hunter2@127.0.0.1:{port}/0?ssl_cert_reqs=none"),
        "unix://:hunter2@/nonexistent/s.sock?db=x".into(),
        "unix:///nonexistent/s.sock?password=hunter2".into(),
        "unix://:hun/ter2@/nonexistent/s.sock".into(),
    ];
    for url in &urls {
        for (how, cmd) in [
            ("--url", {
                let mut c = bin();
                c.args(["--url", url]);
                c
            }),
            ("CHATSKY_REDIS_URL", {
                let mut c = bin();
                c.env("CHATSKY_REDIS_URL", url);
                c
            }),
        ] {
            let mut cmd = cmd;
            let out = cmd
                .args(["--connect-timeout", "2", "-f", "json", "count"])
                .output()
                .unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert!(
                matches!(out.status.code(), Some(2 | 3)),
                "{how} {url}: {all}"
            );
            assert!(
                !all.contains("hunter2") && !all.contains("ter2"),
                "{how} {url}: {all}"
            );
            assert!(!all.contains("panicked"), "{how} {url}: {all}");
        }
    }
}

#[test]
fn reply_timeouts_come_from_the_flag_or_the_url() {
    let redis = Redis::start();
    set_raw(&mut redis.db(), "k", b"{}");
    let doc = redis.dir().join("doc.json");
    std::fs::write(&doc, br#"{"id":"k"}"#).unwrap();
    // Writes wait while the server is paused for them; reads (the handshake) go on.
    let _: () = common::redis_cmd(&mut redis.db(), &["CLIENT", "PAUSE", "20000", "WRITE"]);
    let put = |args: &[&str]| {
        let start = std::time::Instant::now();
        let out = bin()
            .args(args)
            .args(["put", "k", common::path(&doc), "--schema", "0.9"])
            .output()
            .unwrap();
        (out, start.elapsed())
    };
    let slow_url = format!("{}&socket_timeout=30", redis.url());
    for (case, args) in [
        (
            "--timeout",
            vec![
                "--url".to_string(),
                redis.url(),
                "--timeout".into(),
                "0.5".into(),
            ],
        ),
        (
            "?socket_timeout=",
            vec![
                "--url".into(),
                format!("{}&socket_timeout=0.5", redis.url()),
            ],
        ),
        (
            "--timeout over the URL",
            vec!["--url".into(), slow_url, "--timeout".into(), "0.5".into()],
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (out, took) = put(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{case}: {err}");
        assert!(
            err.contains("timed out waiting for a reply"),
            "{case}: {err}"
        );
        assert!(err.contains("raise --timeout"), "{case}: {err}");
        assert!(
            took < std::time::Duration::from_secs(10),
            "{case}: {took:?}"
        );
    }
    let out = bin()
        .args(["--url", &redis.url(), "--timeout", "-1", "count"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let _: () = common::redis_cmd(&mut redis.db(), &["CLIENT", "UNPAUSE"]);
}

/// Contexts enough that a bulk command is still at work when the server dies.
fn many_contexts(redis: &Redis, n: usize) -> String {
    let context = common::fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let mut db = redis.db();
    let mut pipe = redis::pipe();
    for i in 0..n {
        pipe.cmd("SET")
            .arg(format!("ctx:{i}"))
            .arg(&context.value)
            .ignore();
    }
    let _: () = pipe.query(&mut db).unwrap();
    context.value
}

#[test]
fn a_server_killed_mid_export_is_a_lost_connection_with_the_count() {
    use std::io::Read;
    let mut redis = Redis::start();
    many_contexts(&redis, 5000);
    let mut export = common::spawned(&redis, &["export", "-q"]);
    // Its output fills the pipe and waits for us: the export is part-way.
    let mut stdout = export.stdout.take().unwrap();
    let mut first = [0u8; 4096];
    stdout.read_exact(&mut first).unwrap();
    redis.kill();
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).unwrap();
    let out = export.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    let lines = first.iter().chain(&rest).filter(|b| **b == b'\n').count();
    assert!(lines > 0 && lines < 5000, "{lines} lines");
    assert!(
        err.contains(&format!(
            "stopped after {lines} context(s): lost the connection to unix://"
        )),
        "{lines} lines: {err}"
    );
    assert!(!err.contains("is Redis running"), "{err}");
    assert!(
        err.contains("hint: the server closed the connection or went away"),
        "{err}"
    );
}

#[test]
fn a_server_killed_mid_import_is_a_lost_connection_with_the_count() {
    let redis = Redis::start();
    let value = many_contexts(&redis, 1);
    let input = redis.dir().join("in.jsonl");
    let lines: String = (0..20_000)
        .map(|i| format!("{{\"key\":\"new:{i}\",\"value\":{value}}}\n"))
        .collect();
    std::fs::write(&input, lines).unwrap();
    let mut redis = redis;
    let mut db = redis.db();
    let import = common::spawned(&redis, &["import", "-q", common::path(&input)]);
    // Once the first batches are stored, freeze the server, then kill it: writes are in flight.
    common::wait_until("the import writes", || {
        common::redis_cmd::<u64>(&mut db, &["DBSIZE"]) > 1
    });
    redis.freeze();
    redis.kill();
    let out = import.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    let written = report["written"].as_u64().unwrap();
    assert!((64..20_000).contains(&written), "{report}");
    assert!(err.contains("lost the connection to unix://"), "{err}");
    assert!(!err.contains("is Redis running"), "{err}");
}

/// `--url` at a server that is not Redis (here one that answers like an HTTP server) is told as
/// such, not as a RESP parse error; the password stays hidden.
#[test]
fn a_server_that_does_not_speak_redis_is_named_as_such() {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut buf = [0; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    for url in [
        format!("redis://127.0.0.1:{port}/0"),
        format!("redis://:sekrit@127.0.0.1:{port}/0"),
    ] {
        let out = bin().args(["--url", &url, "get", "k"]).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("the server at redis://")
                && err.contains("does not speak the Redis protocol"),
            "{err}"
        );
        assert!(
            !err.contains("Parse error") && !err.contains("sekrit"),
            "{err}"
        );
    }
}
