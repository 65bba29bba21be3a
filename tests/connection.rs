//! Connecting: URL rules, the environment variable, db selection, failures and their exit codes,
//! and that a password never shows up in any output.

mod common;

use std::net::TcpListener;

use common::{bin, set_raw, stderr, stdout, Redis};

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
    let port = free_port();
    let redis = Redis::start_with(&["--port", &port.to_string(), "--bind", "127.0.0.1"]);
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
    let out = bin()
        .args([
            "--url",
            &format!("redis://:hunter2@127.0.0.1:{port}/0"),
            "has",
            "k",
        ])
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

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
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
