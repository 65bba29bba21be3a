//! TLS for `rediss://`, done here with rustls rather than by redis-rs, because production needs
//! what redis-rs cannot give: a server name other than the address (SNI and verification), the
//! chain checked without the host name (`ssl_check_hostname=false`), a private CA or the system
//! store, a client certificate, and a reason when a certificate is refused.
//!
//! What the settings mean follows redis-py 8.1's `SSLConnection` (what Chatsky 0.9 uses):
//! `ssl_cert_reqs=none` turns every check off (`optional` is `required` for a client, as in
//! Python's `ssl`), and `ssl_check_hostname` (default true) is moot without verification. Unlike
//! redis-py, a CA that is named replaces the system store instead of adding to it, as redis-cli
//! does: naming a private CA should pin it.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{
    AlertDescription, CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore,
};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

/// What a `rediss://` connection checks and presents, as the URL and the caller ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsSettings {
    /// Verify the server's certificate (`ssl_cert_reqs` other than `none`).
    pub verify: bool,
    /// Check that the certificate is for the server's name (`ssl_check_hostname`).
    pub check_hostname: bool,
    /// CA certificates to trust: a PEM file (`ssl_ca_certs`).
    pub ca_file: Option<PathBuf>,
    /// CA certificates to trust: directories of PEM files (`ssl_ca_path`).
    pub ca_dirs: Vec<PathBuf>,
    /// CA certificates to trust, as PEM text (`ssl_ca_data`).
    pub ca_data: Option<String>,
    /// The client certificate chain, PEM (`ssl_certfile`); it may hold the key too.
    pub cert_file: Option<PathBuf>,
    /// The client certificate's private key, PEM (`ssl_keyfile`).
    pub key_file: Option<PathBuf>,
    /// The name to send (SNI) and to verify instead of the host connected to.
    pub server_name: Option<String>,
    /// Refuse anything older than TLS 1.3 (`ssl_min_version=772`).
    pub tls13_only: bool,
}

impl Default for TlsSettings {
    fn default() -> Self {
        TlsSettings {
            verify: true,
            check_hostname: true,
            ca_file: None,
            ca_dirs: Vec::new(),
            ca_data: None,
            cert_file: None,
            key_file: None,
            server_name: None,
            tls13_only: false,
        }
    }
}

impl TlsSettings {
    /// Whether a CA was named (else the system store is trusted).
    pub fn names_a_ca(&self) -> bool {
        self.ca_file.is_some() || !self.ca_dirs.is_empty() || self.ca_data.is_some()
    }
}

/// Why TLS could not be set up from the settings (a file missing or of the wrong kind). The
/// message names files, never their content.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct TlsSetupError(pub String);

/// A TLS client ready to connect: the rustls configuration, the name to present and verify, and
/// what is trusted (for messages).
#[derive(Clone)]
pub struct Tls {
    config: Arc<ClientConfig>,
    server_name: ServerName<'static>,
    /// "the CA file /etc/redis/ca.pem", "the system store", for messages.
    trusts: String,
    /// Whether a client certificate is presented.
    presents_certificate: bool,
}

impl fmt::Debug for Tls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tls({:?}, trusts {})", self.server_name, self.trusts)
    }
}

impl Tls {
    /// Read the files the settings name and build the client for a server at `host`.
    pub fn prepare(settings: &TlsSettings, host: &str) -> Result<Tls, TlsSetupError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let versions: &[&rustls::SupportedProtocolVersion] = if settings.tls13_only {
            &[&rustls::version::TLS13]
        } else {
            rustls::DEFAULT_VERSIONS
        };
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(versions)
            .map_err(|e| TlsSetupError(format!("TLS: {e}")))?;
        let (roots, trusts) = roots(settings)?;
        let verifier = verifier(settings, roots, &provider)?;
        let builder = builder
            .dangerous()
            .with_custom_certificate_verifier(verifier);
        let config = match identity(settings)? {
            Some((chain, key, file)) => builder.with_client_auth_cert(chain, key).map_err(|e| {
                TlsSetupError(format!(
                    "cannot use the client certificate {}: {}",
                    file.display(),
                    match e {
                        rustls::Error::InconsistentKeys(_) => {
                            "the private key does not belong to the certificate".to_string()
                        }
                        other => other.to_string(),
                    }
                ))
            })?,
            None => builder.with_no_client_auth(),
        };
        let name = settings.server_name.as_deref().unwrap_or(host);
        let server_name = ServerName::try_from(name.to_string())
            .map_err(|_| TlsSetupError(format!("{name:?} is not a valid TLS server name")))?;
        Ok(Tls {
            config: Arc::new(config),
            server_name,
            trusts,
            presents_certificate: settings.cert_file.is_some(),
        })
    }

    /// TCP to `host:port`, then the TLS handshake. The stream records the TLS error that ends
    /// it, if any: a server that refuses our certificate says so only after the handshake (TLS
    /// 1.3), while Redis's own handshake (AUTH, SELECT) is reading.
    /// `handshaking` is true while the TLS handshake waits for the server, so that a connect
    /// timeout then can say that no TLS answer came (a plain Redis port never answers one).
    pub(super) async fn connect(
        &self,
        host: &str,
        port: u16,
        handshaking: &AtomicBool,
    ) -> Result<Recorded, Refusal> {
        let tcp = TcpStream::connect((host, port))
            .await
            .map_err(Refusal::Tcp)?;
        // Pipelined commands are small writes that must not wait for each other's ACK.
        let _ = tcp.set_nodelay(true);
        handshaking.store(true, Ordering::Relaxed);
        let stream = TlsConnector::from(self.config.clone())
            .connect(self.server_name.clone(), tcp)
            .await
            .map_err(|e| match rustls_error(&e) {
                Some(tls) => Refusal::Tls(self.explain(&tls)),
                None if e.kind() == io::ErrorKind::UnexpectedEof => Refusal::Tls(Problem::new(
                    TlsProblem::Handshake,
                    "the server closed the connection during the TLS handshake".into(),
                )),
                None => Refusal::Tcp(e),
            })?;
        handshaking.store(false, Ordering::Relaxed);
        Ok(Recorded {
            inner: stream,
            seen: Arc::new(Mutex::new(None)),
        })
    }

    /// What a TLS error means, in one line.
    pub(super) fn explain(&self, err: &rustls::Error) -> Problem {
        use TlsProblem::*;
        match err {
            rustls::Error::InvalidCertificate(cert) => self.certificate(cert),
            rustls::Error::AlertReceived(alert) => self.alert(*alert),
            rustls::Error::InvalidMessage(_)
            | rustls::Error::InappropriateMessage { .. }
            | rustls::Error::InappropriateHandshakeMessage { .. } => Problem::new(
                NotTls,
                "the server did not answer in TLS (is this a plain redis:// port?)".into(),
            ),
            other => Problem::new(Handshake, format!("the TLS handshake failed: {other}")),
        }
    }

    fn certificate(&self, err: &CertificateError) -> Problem {
        use TlsProblem::*;
        let server = "the server's certificate";
        match err {
            CertificateError::UnknownIssuer => Problem::new(
                UnknownIssuer,
                format!(
                    "{server} is not signed by a CA this tool trusts (unknown issuer; trusted: {})",
                    self.trusts
                ),
            ),
            CertificateError::Expired => Problem::new(Expired, format!("{server} has expired")),
            CertificateError::ExpiredContext { not_after, .. } => {
                Problem::new(Expired, format!("{server} expired on {}", date(*not_after)))
            }
            CertificateError::NotValidYet => {
                Problem::new(Expired, format!("{server} is not valid yet"))
            }
            CertificateError::NotValidYetContext { not_before, .. } => Problem::new(
                Expired,
                format!("{server} is not valid before {}", date(*not_before)),
            ),
            CertificateError::NotValidForName => Problem::new(
                WrongName,
                format!("{server} is not for the name {}", name(&self.server_name)),
            ),
            CertificateError::NotValidForNameContext { presented, .. } => {
                let names: Vec<&str> = presented.iter().filter_map(|n| presented_name(n)).collect();
                let names = match names.is_empty() {
                    true => "no name this tool can check (no DNS name or address)".to_string(),
                    false => names.join(", "),
                };
                Problem::new(
                    WrongName,
                    format!(
                        "{server} is for {names}, not for {}",
                        name(&self.server_name)
                    ),
                )
            }
            other => Problem::new(BadCertificate, format!("{server} was refused: {other:?}")),
        }
    }

    fn alert(&self, alert: AlertDescription) -> Problem {
        use AlertDescription as A;
        match alert {
            A::CertificateRequired => Problem::new(
                TlsProblem::ClientCertRequired,
                "the server requires a client certificate".into(),
            ),
            A::HandshakeFailure | A::BadCertificate if !self.presents_certificate => Problem::new(
                TlsProblem::ClientCertRequired,
                format!("the server refused the TLS handshake ({alert:?}); it may require a client certificate"),
            ),
            A::UnknownCA
            | A::BadCertificate
            | A::CertificateUnknown
            | A::UnsupportedCertificate
            | A::CertificateExpired
            | A::CertificateRevoked
            | A::AccessDenied
            | A::DecryptError => Problem::new(
                TlsProblem::ClientCertRefused,
                format!("the server refused the client certificate ({})", alert_words(alert)),
            ),
            A::ProtocolVersion => Problem::new(
                TlsProblem::Handshake,
                "the server takes none of the TLS versions offered (1.2 and 1.3, or only 1.3 \
                 with ssl_min_version)"
                    .into(),
            ),
            other => Problem::new(
                TlsProblem::Handshake,
                format!("the server ended the TLS handshake ({other:?})"),
            ),
        }
    }
}

/// Why a TLS connection was refused, for the user to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsProblem {
    /// The server's certificate is not signed by a trusted CA.
    UnknownIssuer,
    /// The server's certificate has expired or is not valid yet.
    Expired,
    /// The server's certificate is for another name.
    WrongName,
    /// The server's certificate was refused for another reason.
    BadCertificate,
    /// The server wants a client certificate and none was presented.
    ClientCertRequired,
    /// The server refused the client certificate presented.
    ClientCertRefused,
    /// The server does not speak TLS on that port.
    NotTls,
    /// The server did not answer the TLS handshake in time (a plain port waits for a command).
    NoAnswer,
    /// Any other failure of the TLS handshake.
    Handshake,
}

/// A TLS problem and its one-line description.
#[derive(Debug, Clone)]
pub(super) struct Problem {
    pub kind: TlsProblem,
    pub message: String,
}

impl Problem {
    fn new(kind: TlsProblem, message: String) -> Problem {
        Problem { kind, message }
    }

    /// No TLS answer within `waited`.
    pub fn no_answer(waited: std::time::Duration) -> Problem {
        Problem::new(
            TlsProblem::NoAnswer,
            format!(
                "no answer to the TLS handshake within {:?} (a port without TLS gives none)",
                waited
            ),
        )
    }
}

/// Why a TLS connection could not be made: TCP did not connect, or TLS refused.
pub(super) enum Refusal {
    Tcp(io::Error),
    Tls(Problem),
}

/// The rustls error inside an I/O error from tokio-rustls, if that is what it is.
fn rustls_error(err: &io::Error) -> Option<rustls::Error> {
    err.get_ref()?.downcast_ref::<rustls::Error>().cloned()
}

fn name(server_name: &ServerName<'_>) -> String {
    match server_name {
        ServerName::DnsName(dns) => dns.as_ref().to_string(),
        ServerName::IpAddress(ip) => std::net::IpAddr::from(*ip).to_string(),
        other => format!("{other:?}"),
    }
}

/// A name of the certificate as webpki reports it (`DnsName("x")`, `IpAddress(1.2.3.4)`): the
/// name alone, or nothing for kinds no client matches (directory names).
fn presented_name(reported: &str) -> Option<&str> {
    let strip = |prefix: &str, suffix: &str| reported.strip_prefix(prefix)?.strip_suffix(suffix);
    strip("DnsName(\"", "\")").or_else(|| strip("IpAddress(", ")"))
}

fn alert_words(alert: AlertDescription) -> &'static str {
    match alert {
        AlertDescription::UnknownCA => "not signed by a CA the server trusts",
        AlertDescription::CertificateExpired => "expired",
        AlertDescription::CertificateRevoked => "revoked",
        AlertDescription::AccessDenied => "access denied",
        _ => "bad certificate",
    }
}

/// A UTC date (YYYY-MM-DD) for a certificate's validity bound.
fn date(time: UnixTime) -> String {
    // Howard Hinnant's days-to-civil, for the proleptic Gregorian calendar.
    let days = (time.as_secs() / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The trust anchors, and a description of where they come from.
fn roots(settings: &TlsSettings) -> Result<(RootCertStore, String), TlsSetupError> {
    if !settings.verify {
        return Ok((RootCertStore::empty(), "nothing (verification off)".into()));
    }
    if !settings.names_a_ca() {
        return Ok(system_roots());
    }
    let mut certs = Vec::new();
    let mut named = Vec::new();
    if let Some(file) = &settings.ca_file {
        certs.extend(ca_certificates(Some(file), None)?);
        named.push(format!("the CA file {}", file.display()));
    }
    for dir in &settings.ca_dirs {
        certs.extend(ca_certificates(None, Some(dir))?);
        named.push(format!("the CA directory {}", dir.display()));
    }
    if let Some(pem) = &settings.ca_data {
        let from_text = CertificateDer::pem_slice_iter(pem.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| TlsSetupError(format!("cannot read the CA data in the URL: {e}")))?;
        if from_text.is_empty() {
            return Err(TlsSetupError(
                "the CA data in the URL holds no PEM certificate".into(),
            ));
        }
        certs.extend(from_text);
        named.push("the CA data in the URL".into());
    }
    let mut store = RootCertStore::empty();
    let (_, refused) = store.add_parsable_certificates(certs);
    if store.is_empty() {
        return Err(TlsSetupError(format!(
            "{} holds no usable CA certificate ({refused} refused)",
            named.join(" and ")
        )));
    }
    Ok((store, named.join(" and ")))
}

/// CA certificates from a PEM file or a directory of them (as `openssl rehash` leaves it).
fn ca_certificates(
    file: Option<&Path>,
    dir: Option<&Path>,
) -> Result<Vec<CertificateDer<'static>>, TlsSetupError> {
    let what = match (file, dir) {
        (Some(f), _) => format!("the CA file {}", f.display()),
        (_, Some(d)) => format!("the CA directory {}", d.display()),
        _ => unreachable!("a file or a directory"),
    };
    if let Some(path) = file.or(dir) {
        std::fs::metadata(path).map_err(|e| TlsSetupError(format!("cannot read {what}: {e}")))?;
    }
    let mut loaded = rustls_native_certs::load_certs_from_paths(file, dir);
    if let Some(err) = loaded.errors.pop() {
        return Err(TlsSetupError(format!("cannot read {what}: {err}")));
    }
    if loaded.certs.is_empty() {
        return Err(TlsSetupError(format!("{what} holds no PEM certificate")));
    }
    Ok(std::mem::take(&mut loaded.certs))
}

/// The system's CAs (which honours `SSL_CERT_FILE` and `SSL_CERT_DIR` when set), or, on a
/// system without any (a bare container), the Mozilla set built in.
fn system_roots() -> (RootCertStore, String) {
    let mut store = RootCertStore::empty();
    store.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    if store.is_empty() {
        store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        return (
            store,
            "the built-in Mozilla CAs (the system has none)".into(),
        );
    }
    (store, "the system store".into())
}

fn verifier(
    settings: &TlsSettings,
    roots: RootCertStore,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, TlsSetupError> {
    if !settings.verify {
        return Ok(Arc::new(NoVerification(provider.clone())));
    }
    let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| TlsSetupError(format!("TLS: {e}")))?;
    Ok(if settings.check_hostname {
        webpki
    } else {
        Arc::new(AnyName(webpki))
    })
}

/// The client certificate chain and key, and the file they came from, when one is configured.
/// A certificate file without a key file holds both (as Python's `load_cert_chain` reads it).
#[allow(clippy::type_complexity)]
fn identity(
    settings: &TlsSettings,
) -> Result<
    Option<(
        Vec<CertificateDer<'static>>,
        PrivateKeyDer<'static>,
        PathBuf,
    )>,
    TlsSetupError,
> {
    let cert_file = match (&settings.cert_file, &settings.key_file) {
        (Some(cert), _) => cert,
        (None, Some(key)) => {
            return Err(TlsSetupError(format!(
                "a client key ({}) needs its certificate too",
                key.display()
            )))
        }
        (None, None) => return Ok(None),
    };
    let key_file = settings.key_file.as_ref().unwrap_or(cert_file);
    let read = |path: &Path| {
        std::fs::read(path)
            .map_err(|e| TlsSetupError(format!("cannot read {}: {e}", path.display())))
    };
    let chain = CertificateDer::pem_slice_iter(&read(cert_file)?)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsSetupError(format!("cannot read {}: {e}", cert_file.display())))?;
    if chain.is_empty() {
        return Err(TlsSetupError(format!(
            "{} holds no PEM certificate",
            cert_file.display()
        )));
    }
    let key_pem = read(key_file)?;
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|_| {
        let encrypted = memchr::memmem::find(&key_pem, b"ENCRYPTED").is_some();
        TlsSetupError(if encrypted {
            format!(
                "{} holds an encrypted private key, which this tool cannot use; decrypt it \
                 (openssl pkey -in KEY -out PLAIN) and keep the copy readable by you only",
                key_file.display()
            )
        } else {
            format!("{} holds no PEM private key", key_file.display())
        })
    })?;
    Ok(Some((chain, key, cert_file.clone())))
}

/// `ssl_cert_reqs=none`: any certificate is accepted, as redis-py does. The handshake signatures
/// are still checked, which costs nothing and proves the server holds the certificate's key.
#[derive(Debug)]
struct NoVerification(Arc<CryptoProvider>);

impl ServerCertVerifier for NoVerification {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `ssl_check_hostname=false`: the chain, dates and usage are verified; only the name is not.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // webpki checks the chain before the name, so a name error means all else passed.
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// A TLS stream that remembers the TLS error that broke it, so that a refusal the server sends
/// after the handshake is reported as what it is rather than as a closed connection.
pub(super) struct Recorded {
    inner: TlsStream<TcpStream>,
    seen: Arc<Mutex<Option<rustls::Error>>>,
}

impl Recorded {
    /// Where the TLS error will be, once the stream has been handed over.
    pub fn seen(&self) -> Arc<Mutex<Option<rustls::Error>>> {
        self.seen.clone()
    }

    fn record<T>(&self, result: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if let Poll::Ready(Err(e)) = &result {
            if let (Some(tls), Ok(mut seen)) = (rustls_error(e), self.seen.lock()) {
                seen.get_or_insert(tls);
            }
        }
        result
    }
}

impl AsyncRead for Recorded {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        self.record(polled)
    }
}

impl AsyncWrite for Recorded {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.record(polled)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.inner).poll_flush(cx);
        self.record(polled)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(
            date(UnixTime::since_unix_epoch(std::time::Duration::ZERO)),
            "1970-01-01"
        );
        let leap = std::time::Duration::from_secs(951_782_400); // 2000-02-29T00:00:00Z
        assert_eq!(date(UnixTime::since_unix_epoch(leap)), "2000-02-29");
        let late = std::time::Duration::from_secs(4_102_444_799); // 2099-12-31T23:59:59Z
        assert_eq!(date(UnixTime::since_unix_epoch(late)), "2099-12-31");
    }
}
