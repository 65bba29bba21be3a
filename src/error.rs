//! Error kinds and the one function that maps an outcome to the documented exit code.
//!
//! | code | meaning |
//! |------|---------|
//! | 0    | success (also: output pipe closed by the reader, e.g. `| head`) |
//! | 1    | absent: a key that was asked for does not exist |
//! | 2    | bad usage, bad input, or a refused operation |
//! | 3    | Redis unreachable, authentication failed, or a server error |
//! | 4    | kept: `put --if-absent` found the key there and wrote nothing |
//! | 130  | interrupted (Ctrl-C) |

use std::io;

use crate::connection::{Failure, FailureKind, TlsProblem};

/// The exit code for success.
pub const EXIT_OK: u8 = 0;
/// The exit code for "a key asked for is absent".
pub const EXIT_ABSENT: u8 = 1;
/// The exit code for bad usage, bad input, or a refused operation.
pub const EXIT_USAGE: u8 = 2;
/// The exit code for Redis being unreachable, authentication failing, or a server error.
pub const EXIT_REDIS: u8 = 3;
/// The exit code for `put --if-absent` keeping a key that exists: not an error (it did what was
/// asked), but not "written" either, which a script must be able to tell without parsing output.
/// Its own code rather than 1 ("absent": the opposite), 2 (an error in the input) or 0.
pub const EXIT_KEPT: u8 = 4;
/// The exit code for an interrupted run.
pub const EXIT_INTERRUPTED: u8 = 130;

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything asked for was there and done.
    Ok,
    /// Something asked for is absent (a "no" answer, not an error).
    Absent,
    /// Some input was invalid, but the command went on as asked (e.g. `--skip-invalid`).
    Invalid,
    /// `--if-absent` kept an existing key; nothing was written.
    Kept,
    /// The user pressed Ctrl-C; what was done so far has been reported.
    Interrupted,
}

/// Errors that carry their own exit code. Anything else that reaches `main` is a usage error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad command-line usage or configuration (e.g. an unparsable `--url`).
    #[error("{0}")]
    Usage(String),
    /// Input that cannot be stored (not JSON, not a context, rejected by the model).
    #[error("{0}")]
    Input(String),
    /// The stored value is not something this command can work with (wrong type, not a context).
    #[error("{0}")]
    NotAContext(String),
    /// A destructive operation that was not confirmed.
    #[error("{0}")]
    Refused(String),
    /// Redis could not be reached, refused our credentials, or answered with an error.
    #[error(transparent)]
    Redis(#[from] Failure),
}

impl Error {
    /// The hint to print under the error line, if any: what the user can do, in the words of
    /// the command line.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Redis(failure) => Some(failure_hint(failure)),
            _ => None,
        }
    }
}

/// What the user can do about a failure talking to Redis.
fn failure_hint(failure: &Failure) -> String {
    let server = &failure.server;
    match failure.kind {
        FailureKind::Refused => format!("is Redis running at {server}?"),
        FailureKind::Unreachable if server.starts_with("redis://") => {
            format!("is Redis running at {server}? If that port speaks TLS, use rediss://")
        }
        FailureKind::Unreachable => format!("is Redis running at {server}?"),
        FailureKind::ConnectTimeout => "check the host and port, or raise --connect-timeout".into(),
        FailureKind::ReplyTimeout => {
            "the server is busy or the reply is large; raise --timeout (or the URL's \
             ?socket_timeout=)"
                .into()
        }
        FailureKind::Lost => "the server closed the connection or went away; see its log".into(),
        FailureKind::Auth => "check the username and password: --username, --password-file, \
                              CHATSKY_REDIS_PASSWORD, or the URL"
            .into(),
        FailureKind::Tls(problem) => tls_hint(problem),
        FailureKind::TlsSetup => "check the files named by --tls-ca-cert, --tls-cert, --tls-key \
                                  or the URL's ?ssl_*= parameters"
            .into(),
        FailureKind::NoPermission => permission_hint(failure.denied_command()),
        FailureKind::NoSuchDb => "choose a db the server has (see its `databases` setting)".into(),
        FailureKind::NotRedis => {
            "check the host and port in --url or CHATSKY_REDIS_URL: another kind of server (HTTP?) \
             answers there"
                .into()
        }
        FailureKind::WrongType | FailureKind::Server => format!("server: {server}"),
    }
}

/// What a user whose ACL refused a command or a key can do instead, or ask for.
fn permission_hint(command: Option<&str>) -> String {
    match command {
        Some("dbsize") => "the Redis user may not run DBSIZE: `count --exact` counts with SCAN \
                           instead, or ask for +dbsize in its ACL"
            .into(),
        Some("flushdb") => "the Redis user may not run FLUSHDB: `clear --match GLOB` deletes by \
                            pattern instead"
            .into(),
        Some("scan") => "the Redis user may not run SCAN, which ls, export, count --exact and \
                         --match need: ask for +scan in its ACL"
            .into(),
        Some(command) => format!(
            "the Redis user may not run {}: ask for +{command} in its ACL (see `ACL GETUSER`)",
            command.to_uppercase()
        ),
        None => "the Redis user may not use that key: stay inside its ACL key pattern (e.g. \
                 --match 'ctx:*'; see `ACL GETUSER`)"
            .into(),
    }
}

/// What to do about a refused TLS connection, in the words of the command line.
fn tls_hint(problem: TlsProblem) -> String {
    match problem {
        TlsProblem::UnknownIssuer => {
            "name the CA that signed the server's certificate: \
             --tls-ca-cert FILE (or CHATSKY_REDIS_TLS_CA_CERT, or the URL's ?ssl_ca_certs=)"
        }
        TlsProblem::Expired => {
            "the server's certificate must be renewed (or this machine's clock is wrong)"
        }
        TlsProblem::WrongName => {
            "connect by a name the certificate holds, or give that name \
             with --tls-server-name; the URL's ?ssl_check_hostname=false checks all but the name"
        }
        TlsProblem::BadCertificate => {
            "look at the server's certificate: openssl s_client -connect HOST:PORT -showcerts"
        }
        TlsProblem::ClientCertRequired => {
            "the server asks for a client certificate: \
             --tls-cert FILE --tls-key FILE (or the URL's ?ssl_certfile=&ssl_keyfile=)"
        }
        TlsProblem::ClientCertRefused => {
            "the server's tls-ca-cert-file must hold the CA that \
             signed the client certificate, and the certificate must be in date"
        }
        TlsProblem::NotTls => "for a port without TLS, use redis:// instead of rediss://",
        TlsProblem::NoAnswer => {
            "for a port without TLS, use redis:// instead of rediss://; \
             for a slow server, raise --connect-timeout"
        }
        TlsProblem::Handshake => {
            "check the TLS settings of both sides (tls-protocols, certificates)"
        }
    }
    .into()
}

/// Maps the result of a run to the process exit code. This is the only place that knows the codes.
pub fn exit_code(result: &Result<Status, anyhow::Error>) -> u8 {
    match result {
        Ok(Status::Ok) => EXIT_OK,
        Ok(Status::Absent) => EXIT_ABSENT,
        Ok(Status::Invalid) => EXIT_USAGE,
        Ok(Status::Kept) => EXIT_KEPT,
        Ok(Status::Interrupted) => EXIT_INTERRUPTED,
        Err(err) if is_broken_pipe(err) => EXIT_OK,
        Err(err) => match failure_in(err) {
            Some(f) if matches!(f.kind, FailureKind::WrongType | FailureKind::TlsSetup) => {
                EXIT_USAGE
            }
            Some(_) => EXIT_REDIS,
            None => EXIT_USAGE,
        },
    }
}

/// True when the error comes from writing to a pipe whose reader has gone (`| head`): not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The failure talking to Redis anywhere in the chain, as it came or inside an [`Error`].
fn failure_in(err: &anyhow::Error) -> Option<&Failure> {
    err.chain().find_map(|e| match e.downcast_ref::<Error>() {
        Some(Error::Redis(f)) => Some(f),
        Some(_) => None,
        None => e.downcast_ref::<Failure>(),
    })
}

/// The hint for a failure talking to Redis anywhere in the chain, if any.
pub fn hint(err: &anyhow::Error) -> Option<String> {
    failure_in(err).map(failure_hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_documented_table() {
        assert_eq!(exit_code(&Ok(Status::Ok)), 0);
        assert_eq!(exit_code(&Ok(Status::Absent)), 1);
        assert_eq!(exit_code(&Ok(Status::Kept)), 4);
        assert_eq!(exit_code(&Ok(Status::Interrupted)), 130);
        let redis = anyhow::Error::new(Error::Redis(Failure {
            kind: FailureKind::Refused,
            message: "down".into(),
            server: "redis://h".into(),
        }));
        assert_eq!(exit_code(&Err(redis.context("while reading"))), 3);
        let input = anyhow::Error::new(Error::Input("bad".into()));
        assert_eq!(exit_code(&Err(input)), 2);
        let pipe = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(exit_code(&Err(pipe.context("writing output"))), 0);
        assert_eq!(exit_code(&Err(anyhow::anyhow!("other"))), 2);
    }
}
