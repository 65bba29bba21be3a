//! TLS against real redis-servers listening with `--tls-port`, with certificates made by the test
//! (tests/common/certs.rs): every way of naming the CA and the client certificate, and each
//! reason a certificate is refused said in one line with exit code 3.

mod common;

use std::path::{Path, PathBuf};

use common::certs::{file, Ca, Issued};
use common::{bin, set_raw, stderr, stdout, Redis};
use tempfile::TempDir;

/// A private CA, its files, and TLS servers with certificates it signs.
struct Pki {
    dir: TempDir,
    ca: Ca,
    /// The CA certificate, PEM.
    ca_file: PathBuf,
    /// A directory holding only the CA certificate.
    ca_dir: PathBuf,
}

impl Pki {
    fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let ca = Ca::new("chatsky-redis test CA");
        let ca_file = file(dir.path(), "ca.pem", &ca.pem());
        let ca_dir = dir.path().join("cas");
        std::fs::create_dir(&ca_dir).unwrap();
        file(&ca_dir, "ca.pem", &ca.pem());
        Pki {
            dir,
            ca,
            ca_file,
            ca_dir,
        }
    }

    fn path(&self, name: &str, text: &str) -> PathBuf {
        file(self.dir.path(), name, text)
    }

    /// A TLS server with `server`'s certificate that trusts this CA for client certificates,
    /// asking for one when `auth_clients`. A key `k` holds `{}`.
    fn server(&self, server: &Issued, auth_clients: bool, extra: &[&str]) -> Redis {
        let tag = uuid::Uuid::new_v4();
        let cert = self.path(&format!("server-{tag}.pem"), &server.cert);
        let key = self.path(&format!("server-{tag}.key"), &server.key);
        let mut args = vec![
            "--port",
            "0",
            "--tls-cert-file",
            s(&cert),
            "--tls-key-file",
            s(&key),
            "--tls-ca-cert-file",
            s(&self.ca_file),
            "--tls-auth-clients",
            if auth_clients { "yes" } else { "no" },
        ];
        args.extend_from_slice(extra);
        let redis = Redis::start_on_port("--tls-port", &args);
        set_raw(&mut redis.db(), "k", br#"{"id":"k"}"#);
        redis
    }

    /// A server for localhost and 127.0.0.1, signed by this CA.
    fn good_server(&self, auth_clients: bool) -> Redis {
        self.server(
            &self.ca.server(&["localhost", "127.0.0.1"]),
            auth_clients,
            &[],
        )
    }
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn url(redis: &Redis, query: &str) -> String {
    format!("rediss://localhost:{}/0{query}", redis.port)
}

/// `has k` with these arguments and environment: (exit code, stdout, stderr).
fn has_k(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut cmd = bin();
    // Generous for a loaded machine; a test's own --connect-timeout wins over the variable.
    cmd.env("CHATSKY_REDIS_CONNECT_TIMEOUT", "10")
        .args(args)
        .args(["has", "k"]);
    for (name, value) in env {
        cmd.env(name, value);
    }
    let out = cmd.output().unwrap();
    (out.status.code(), stdout(&out), stderr(&out))
}

/// Assert a run reached the server: exit 0, the key found, nothing on stderr.
fn assert_reached(case: &str, (code, out, err): (Option<i32>, String, String)) {
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (Some(0), "true\n", ""),
        "{case}"
    );
}

/// Assert a run was refused with exit 3, one error line saying `why` and one hint line
/// saying `hint`.
fn assert_refused(case: &str, run: (Option<i32>, String, String), why: &str, hint: &str) {
    let (code, _, err) = run;
    assert_eq!(code, Some(3), "{case}: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{case}: one error line and one hint: {err}");
    assert!(
        lines[0].starts_with("chatsky-redis: error: TLS refused at rediss://")
            && lines[0].contains(why),
        "{case}: {err}"
    );
    assert!(
        lines[1].starts_with("chatsky-redis: hint: ") && lines[1].contains(hint),
        "{case}: {err}"
    );
}

/// Percent-encode everything but letters and digits, for a PEM in a URL query.
fn query_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn the_ca_comes_from_the_url_the_flags_their_variables_or_openssls() {
    let pki = Pki::new();
    let redis = pki.good_server(false);
    let plain = url(&redis, "");
    let (ca, dir) = (s(&pki.ca_file), s(&pki.ca_dir));
    let ca_url = |q: &str| url(&redis, q);
    for (case, args, env) in [
        (
            "?ssl_ca_certs=",
            vec!["--url".to_string(), ca_url(&format!("?ssl_ca_certs={ca}"))],
            vec![],
        ),
        (
            "?ssl_ca_path=",
            vec!["--url".into(), ca_url(&format!("?ssl_ca_path={dir}"))],
            vec![],
        ),
        (
            "?ssl_ca_data=",
            vec![
                "--url".into(),
                ca_url(&format!("?ssl_ca_data={}", query_encode(&pki.ca.pem()))),
            ],
            vec![],
        ),
        (
            "--tls-ca-cert",
            vec![
                "--url".into(),
                plain.clone(),
                "--tls-ca-cert".into(),
                ca.into(),
            ],
            vec![],
        ),
        (
            "--tls-ca-dir",
            vec![
                "--url".into(),
                plain.clone(),
                "--tls-ca-dir".into(),
                dir.into(),
            ],
            vec![],
        ),
        (
            "CHATSKY_REDIS_TLS_CA_CERT",
            vec!["--url".into(), plain.clone()],
            vec![("CHATSKY_REDIS_TLS_CA_CERT", ca)],
        ),
        (
            "CHATSKY_REDIS_TLS_CA_DIR",
            vec!["--url".into(), plain.clone()],
            vec![("CHATSKY_REDIS_TLS_CA_DIR", dir)],
        ),
        (
            "SSL_CERT_FILE",
            vec!["--url".into(), plain.clone()],
            vec![("SSL_CERT_FILE", ca)],
        ),
        (
            "SSL_CERT_DIR",
            vec!["--url".into(), plain.clone()],
            vec![("SSL_CERT_DIR", dir)],
        ),
        // The URL may come from its variable too.
        (
            "CHATSKY_REDIS_URL",
            vec![],
            vec![("CHATSKY_REDIS_URL", plain.as_str()), ("SSL_CERT_FILE", ca)],
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_reached(case, has_k(&args, &env));
    }
    // Without any, only the system store is trusted (or, on a system without one, such as a
    // bare container, the Mozilla CAs built in), which does not hold our private CA.
    let no_ca = has_k(&["--url", &plain], &[]);
    let err = no_ca.2.clone();
    assert_refused(
        "no CA",
        no_ca,
        "not signed by a CA this tool trusts (unknown issuer; trusted: the ",
        "--tls-ca-cert",
    );
    assert!(
        err.contains("trusted: the system store)")
            || err.contains("trusted: the built-in Mozilla CAs (the system has none))"),
        "{err}"
    );
}

#[test]
fn a_named_ca_replaces_the_others_and_a_flag_beats_the_url() {
    let pki = Pki::new();
    let redis = pki.good_server(false);
    let other = pki.path("other-ca.pem", &Ca::new("another CA").pem());
    let ca = s(&pki.ca_file);
    // The URL names the wrong CA; the flag the right one: the flag wins.
    let wrong_in_url = url(&redis, &format!("?ssl_ca_certs={}", s(&other)));
    assert_reached(
        "flag over URL",
        has_k(&["--url", &wrong_in_url, "--tls-ca-cert", ca], &[]),
    );
    // The URL's CA beats SSL_CERT_FILE, as a named CA replaces the general store.
    assert_refused(
        "URL over SSL_CERT_FILE",
        has_k(&["--url", &wrong_in_url], &[("SSL_CERT_FILE", ca)]),
        &format!("trusted: the CA file {}", other.display()),
        "--tls-ca-cert",
    );
}

#[test]
fn a_server_signed_by_another_ca_is_refused_with_the_reason() {
    let pki = Pki::new();
    let rogue = Ca::new("rogue CA");
    let redis = pki.server(&rogue.server(&["localhost"]), false, &[]);
    assert_refused(
        "rogue CA",
        has_k(
            &["--url", &url(&redis, ""), "--tls-ca-cert", s(&pki.ca_file)],
            &[],
        ),
        &format!(
            "the server's certificate is not signed by a CA this tool trusts (unknown issuer; \
             trusted: the CA file {})",
            pki.ca_file.display()
        ),
        "name the CA that signed the server's certificate",
    );
    // The host-name switch does not turn the chain check off; ssl_cert_reqs=none does.
    let (code, _, err) = has_k(
        &[
            "--url",
            &url(&redis, "?ssl_check_hostname=false"),
            "--tls-ca-cert",
            s(&pki.ca_file),
        ],
        &[],
    );
    assert_eq!(code, Some(3), "{err}");
    assert_reached(
        "ssl_cert_reqs=none",
        has_k(&["--url", &url(&redis, "?ssl_cert_reqs=none")], &[]),
    );
}

#[test]
fn an_expired_certificate_is_refused_unless_checks_are_off() {
    let pki = Pki::new();
    let redis = pki.server(&pki.ca.expired_server(&["localhost"]), false, &[]);
    let ca = s(&pki.ca_file);
    assert_refused(
        "expired",
        has_k(&["--url", &url(&redis, ""), "--tls-ca-cert", ca], &[]),
        "the server's certificate expired on 2021-01-01",
        "must be renewed",
    );
    let (code, _, err) = has_k(
        &[
            "--url",
            &url(&redis, "?ssl_check_hostname=false"),
            "--tls-ca-cert",
            ca,
        ],
        &[],
    );
    assert_eq!(code, Some(3), "{err}");
    assert_reached(
        "ssl_cert_reqs=none",
        has_k(&["--url", &url(&redis, "?ssl_cert_reqs=none")], &[]),
    );
}

#[test]
fn a_certificate_for_another_host_is_refused_unless_that_name_is_given() {
    let pki = Pki::new();
    let redis = pki.server(&pki.ca.server(&["redis.internal.example"]), false, &[]);
    let ca = s(&pki.ca_file);
    assert_refused(
        "wrong host",
        has_k(&["--url", &url(&redis, ""), "--tls-ca-cert", ca], &[]),
        "the server's certificate is for redis.internal.example, not for localhost",
        "--tls-server-name",
    );
    // Connecting by address, the name comes from --tls-server-name or its variable.
    let by_address = format!("rediss://127.0.0.1:{}/0", redis.port);
    let name = "redis.internal.example";
    assert_reached(
        "--tls-server-name",
        has_k(
            &[
                "--url",
                &by_address,
                "--tls-ca-cert",
                ca,
                "--tls-server-name",
                name,
            ],
            &[],
        ),
    );
    assert_reached(
        "CHATSKY_REDIS_TLS_SERVER_NAME",
        has_k(
            &["--url", &by_address, "--tls-ca-cert", ca],
            &[("CHATSKY_REDIS_TLS_SERVER_NAME", name)],
        ),
    );
    // A wrong name given is refused as well: it is verified, not just sent.
    assert_refused(
        "wrong --tls-server-name",
        has_k(
            &[
                "--url",
                &by_address,
                "--tls-ca-cert",
                ca,
                "--tls-server-name",
                "other.example",
            ],
            &[],
        ),
        "is for redis.internal.example, not for other.example",
        "--tls-server-name",
    );
    // ssl_check_hostname=false checks the chain but not the name.
    assert_reached(
        "ssl_check_hostname=false",
        has_k(
            &[
                "--url",
                &url(&redis, "?ssl_check_hostname=false"),
                "--tls-ca-cert",
                ca,
            ],
            &[],
        ),
    );
}

#[test]
fn client_certificates_every_way() {
    let pki = Pki::new();
    let redis = pki.good_server(true);
    let client = pki.ca.client("ops");
    let (cert, key) = (
        pki.path("client.pem", &client.cert),
        pki.path("client.key", &client.key),
    );
    let both = pki.path(
        "client-and-key.pem",
        &format!("{}{}", client.cert, client.key),
    );
    let (ca, cert, key, both) = (s(&pki.ca_file), s(&cert), s(&key), s(&both));
    let plain = url(&redis, "");
    assert_refused(
        "no client certificate",
        has_k(&["--url", &plain, "--tls-ca-cert", ca], &[]),
        "the server requires a client certificate",
        "--tls-cert FILE --tls-key FILE",
    );
    for (case, args, env) in [
        (
            "?ssl_certfile=&ssl_keyfile=",
            vec![
                "--url".to_string(),
                url(
                    &redis,
                    &format!("?ssl_ca_certs={ca}&ssl_certfile={cert}&ssl_keyfile={key}"),
                ),
            ],
            vec![],
        ),
        (
            "?ssl_certfile= holding the key too",
            vec![
                "--url".into(),
                url(&redis, &format!("?ssl_ca_certs={ca}&ssl_certfile={both}")),
            ],
            vec![],
        ),
        (
            "--tls-cert --tls-key",
            vec![
                "--url".into(),
                plain.clone(),
                "--tls-ca-cert".into(),
                ca.into(),
                "--tls-cert".into(),
                cert.into(),
                "--tls-key".into(),
                key.into(),
            ],
            vec![],
        ),
        (
            "--tls-cert holding the key too",
            vec![
                "--url".into(),
                plain.clone(),
                "--tls-ca-cert".into(),
                ca.into(),
                "--tls-cert".into(),
                both.into(),
            ],
            vec![],
        ),
        (
            "CHATSKY_REDIS_TLS_CERT and _KEY",
            vec!["--url".into(), plain.clone()],
            vec![
                ("CHATSKY_REDIS_TLS_CA_CERT", ca),
                ("CHATSKY_REDIS_TLS_CERT", cert),
                ("CHATSKY_REDIS_TLS_KEY", key),
            ],
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_reached(case, has_k(&args, &env));
    }
    // A certificate from a CA the server does not trust.
    let stranger = Ca::new("rogue CA").client("intruder");
    let (scert, skey) = (
        pki.path("stranger.pem", &stranger.cert),
        pki.path("stranger.key", &stranger.key),
    );
    assert_refused(
        "client certificate of another CA",
        has_k(
            &[
                "--url",
                &plain,
                "--tls-ca-cert",
                ca,
                "--tls-cert",
                s(&scert),
                "--tls-key",
                s(&skey),
            ],
            &[],
        ),
        "the server refused the client certificate",
        "tls-ca-cert-file",
    );
}

#[test]
fn tls_files_that_cannot_be_used_are_usage_errors_before_connecting() {
    let pki = Pki::new();
    let client = pki.ca.client("ops");
    let other = pki.ca.client("other");
    let cert = pki.path("c.pem", &client.cert);
    let wrong_key = pki.path("other.key", &other.key);
    let encrypted = pki.path(
        "enc.key",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQI\n-----END ENCRYPTED PRIVATE KEY-----\n",
    );
    let missing = pki.dir.path().join("missing.pem");
    // Nothing listens there: a usage error must come before any attempt to connect.
    let nowhere = "rediss://127.0.0.1:1/0";
    for (case, args, env, says) in [
        (
            "missing CA file",
            vec!["--tls-ca-cert", s(&missing)],
            vec![],
            format!("cannot read the CA file {}", missing.display()),
        ),
        (
            "a key as the CA",
            vec!["--tls-ca-cert", s(&wrong_key)],
            vec![],
            "holds no PEM certificate".to_string(),
        ),
        (
            "missing SSL_CERT_FILE",
            vec![],
            vec![("SSL_CERT_FILE", s(&missing))],
            format!("cannot read the CA file {}", missing.display()),
        ),
        (
            "a key without its certificate",
            vec!["--tls-key", s(&wrong_key)],
            vec![],
            "needs its certificate too".to_string(),
        ),
        (
            "a key of another certificate",
            vec!["--tls-cert", s(&cert), "--tls-key", s(&wrong_key)],
            vec![],
            "the private key does not belong to the certificate".to_string(),
        ),
        (
            "an encrypted key",
            vec!["--tls-cert", s(&cert), "--tls-key", s(&encrypted)],
            vec![],
            "holds an encrypted private key".to_string(),
        ),
        (
            "a certificate file without a key",
            vec!["--tls-cert", s(&cert)],
            vec![],
            "holds no PEM private key".to_string(),
        ),
    ] {
        let mut all = vec!["--url", nowhere];
        all.extend(args);
        let (code, _, err) = has_k(&all, &env);
        assert_eq!(code, Some(2), "{case}: {err}");
        assert!(err.contains(&says), "{case}: {err}");
        assert_eq!(err.lines().count(), 1, "{case}: {err}");
    }
}

#[test]
fn tls_flags_on_a_url_without_tls_are_refused() {
    // Going on would send the password in clear text to a server the user meant to verify.
    for flag in ["--tls-ca-cert", "--tls-cert", "--tls-server-name"] {
        let (code, _, err) = has_k(&["--url", "redis://:pw@127.0.0.1:1/0", flag, "x"], &[]);
        assert_eq!(code, Some(2), "{flag}: {err}");
        assert!(
            err.contains(&format!("{flag} is for rediss:// URLs")) && !err.contains("pw@"),
            "{flag}: {err}"
        );
    }
    let (code, _, err) = has_k(
        &["--url", "redis://127.0.0.1:1/0?ssl_ca_certs=/ca.pem"],
        &[],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("needs a rediss:// URL"), "{err}");
}

#[test]
fn plain_and_tls_ports_mixed_up_are_told_apart() {
    let pki = Pki::new();
    let tls = pki.good_server(false);
    let plain = Redis::start_on_port("--port", &[]);
    // A plain port reads the TLS hello as the start of a command and waits for its end.
    let (code, _, err) = has_k(
        &[
            "--url",
            &format!("rediss://localhost:{}/0", plain.port),
            "--connect-timeout",
            "1",
        ],
        &[],
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("no answer to the TLS handshake within 1s"),
        "{err}"
    );
    assert!(err.contains("use redis:// instead of rediss://"), "{err}");
    let (code, _, err) = has_k(
        &["--url", &format!("redis://localhost:{}/0", tls.port)],
        &[],
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("If that port speaks TLS, use rediss://"),
        "{err}"
    );
}

#[test]
fn tls_1_3_only_when_the_url_asks_for_it() {
    let pki = Pki::new();
    let redis = pki.server(
        &pki.ca.server(&["localhost"]),
        false,
        &["--tls-protocols", "TLSv1.2"],
    );
    let ca = s(&pki.ca_file);
    assert_reached(
        "TLS 1.2",
        has_k(&["--url", &url(&redis, ""), "--tls-ca-cert", ca], &[]),
    );
    let (code, _, err) = has_k(
        &[
            "--url",
            &url(&redis, "?ssl_min_version=772"),
            "--tls-ca-cert",
            ca,
        ],
        &[],
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("TLS refused"), "{err}");
}

/// Production as it is often set up: a private CA, client certificates, an ACL user whose
/// password comes from a file; bulk commands, which open a second connection, work too.
#[test]
fn production_all_together_bulk_commands_included() {
    let pki = Pki::new();
    let redis = pki.good_server(true);
    let _: () = common::redis_cmd(
        &mut redis.db(),
        &["ACL", "SETUSER", "ops", "on", ">ops-pass", "~*", "+@all"],
    );
    let context = common::fixture("chatsky-0.9.0-legacy.jsonl").remove(0);
    let mut db = redis.db();
    for i in 0..600 {
        set_raw(&mut db, &format!("ctx:{i}"), context.value.as_bytes());
    }
    let client = pki.ca.client("ops");
    let password = pki.path("password", "ops-pass\n");
    let run = |args: &[&str]| {
        bin()
            .env("CHATSKY_REDIS_URL", url(&redis, ""))
            .env("CHATSKY_REDIS_USERNAME", "ops")
            .env("CHATSKY_REDIS_PASSWORD_FILE", s(&password))
            .env("CHATSKY_REDIS_TLS_CA_CERT", s(&pki.ca_file))
            .env(
                "CHATSKY_REDIS_TLS_CERT",
                s(&pki.path("c.pem", &client.cert)),
            )
            .env("CHATSKY_REDIS_TLS_KEY", s(&pki.path("c.key", &client.key)))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["count", "--exact", "-f", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // 600 and the key `k` every test server holds.
    assert!(
        stdout(&out).contains("\"contexts\":601"),
        "{}",
        stdout(&out)
    );
    let exported = pki.dir.path().join("export.jsonl");
    let out = run(&["export", "-o", s(&exported)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["clear", "--match", "ctx:*", "-y"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["import", s(&exported)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        common::get_raw(&mut db, "ctx:599").as_deref(),
        Some(context.value.as_bytes())
    );
}
