//! Reaching the team's server: a `postgres://` address (the login in it, never a password),
//! TLS by rustls, with the server's certificate and name always verified (what libpq calls
//! `sslmode=verify-full`, the default here). A private
//! certificate authority's certificate can be kept in the book. Plain text is refused,
//! except to this machine itself (`sslmode=disable` to 127.0.0.1, for trying kam out), which
//! is said loudly.

use crate::i18n::Said;
use anyhow::{bail, Context, Result};
use postgres::config::SslMode;
use postgres::{Client, Config, NoTls};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres_rustls::MakeRustlsConnect;

/// Where and as whom a book meets its team.
#[derive(Debug, Clone)]
pub struct Server {
    /// The address as given, without password: `postgres://li@host:5432/team`.
    pub url: String,
    pub password: String,
    /// The PEM certificate(s) of a private authority that signed the server's certificate.
    pub ca: Option<String>,
    /// The reader's language (`--lang`, else the locale): the warning of an unencrypted
    /// connection is said in it, as everything else the sync says.
    pub lang: crate::i18n::Lang,
}

/// The address read: the driver's configuration, whether TLS is off, and the login.
pub struct Address {
    config: Config,
    plain: bool,
    pub login: String,
}

/// Reads an address; refuses a password in it (it would be in the shell's history and in
/// `ps`) and plain text to anywhere but this machine.
pub fn parse(url: &str) -> Result<Address> {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, q),
        None => (url, ""),
    };
    let mut plain = false;
    let mut kept = vec![];
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", "verify-full")) => {}
            Some(("sslmode", "disable")) => plain = true,
            Some(("sslmode", other)) => {
                bail!(Said::new("team-sslmode-not-offered").with("mode", other))
            }
            _ => kept.push(pair),
        }
    }
    let rest = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let config: Config = rest.parse().map_err(|e: postgres::Error| {
        Said::new("team-address-bad")
            .with("url", url)
            .with("reason", e.to_string())
    })?;
    if config.get_password().is_some() {
        bail!(Said::new("team-address-password"));
    }
    let login = config
        .get_user()
        .map(str::to_string)
        .ok_or_else(|| Said::new("team-address-no-login"))?;
    if plain {
        let local = config.get_hosts().iter().all(|h| match h {
            postgres::config::Host::Tcp(h) => h == "127.0.0.1" || h == "localhost" || h == "::1",
            #[allow(unreachable_patterns)]
            _ => true,
        });
        if !local {
            bail!(Said::new("team-plain-not-local"));
        }
    }
    Ok(Address {
        config,
        plain,
        login,
    })
}

/// Opens a connection, or says in one sentence why the server cannot be reached.
pub fn connect(server: &Server) -> Result<Client> {
    let Address {
        mut config, plain, ..
    } = parse(&server.url)?;
    config.password(&server.password);
    config.connect_timeout(Duration::from_secs(10));
    config.application_name("kam");
    let client = if plain {
        eprintln!("{}", crate::i18n::t(server.lang, "team-plain-warning"));
        config.ssl_mode(SslMode::Disable);
        config.connect(NoTls)
    } else {
        config.ssl_mode(SslMode::Require);
        config.connect(tls(server.ca.as_deref())?)
    };
    client.map_err(|e| unreachable(&e))
}

/// The verifying TLS connector: the book's authority when it has one, else the system's list
/// (SSL_CERT_FILE / SSL_CERT_DIR, else /etc/ssl/certs and the like, as OpenSSL reads it).
fn tls(ca: Option<&str>) -> Result<MakeRustlsConnect> {
    let mut roots = rustls::RootCertStore::empty();
    match ca {
        Some(pem) => {
            let reading = || Said::new("team-ca-unreadable");
            for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
                roots
                    .add(cert.with_context(reading)?)
                    .with_context(reading)?;
            }
            if roots.is_empty() {
                bail!(Said::new("team-ca-no-pem"));
            }
        }
        None => {
            // Unreadable entries are skipped; with none left, the server is not trusted and
            // connecting says so.
            roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// Whether an error says the server could not be reached (one of the `sync-why-*`
/// sentences): offline is normal, and nothing was lost.
pub fn is_unreachable(e: &anyhow::Error) -> bool {
    e.downcast_ref::<Said>()
        .is_some_and(|s| s.id().starts_with("sync-why-"))
}

/// Why a connection failed, as one of kam's reasons: the common ones said in the reader's
/// words, anything else with the system's own text.
fn unreachable(e: &postgres::Error) -> anyhow::Error {
    use std::error::Error;
    use std::io::ErrorKind;
    let mut why = Said::new("sync-why-other").with("detail", e.to_string());
    let mut src = e.source();
    while let Some(s) = src {
        why = Said::new("sync-why-other").with("detail", s.to_string());
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            // TLS refused the server (rustls's error inside the stream's io::Error): the
            // likely cause is a private authority kam was not given.
            let tls = io.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>());
            why = match (io.kind(), tls) {
                (_, Some(rustls::Error::InvalidCertificate(c))) => {
                    Said::new("sync-why-certificate").with("detail", format!("{c:?}"))
                }
                (ErrorKind::ConnectionRefused, _) => Said::new("sync-why-refused"),
                (ErrorKind::TimedOut, _) => Said::new("sync-why-timeout"),
                (ErrorKind::NotFound, _) => Said::new("sync-why-no-host"),
                _ if io.to_string().contains("lookup address") => Said::new("sync-why-no-host"),
                _ => why,
            };
        }
        src = s.source();
    }
    if e.to_string().contains("timed out") {
        why = Said::new("sync-why-timeout");
    }
    if let Some(db) = e.as_db_error() {
        why = match db.code().code() {
            // invalid_password, invalid_authorization_specification
            "28P01" | "28000" => Said::new("sync-why-login"),
            // invalid_catalog_name: the database in the address does not exist
            "3D000" => Said::new("sync-why-no-database"),
            _ => Said::new("sync-why-other").with("detail", db.message().to_string()),
        };
    }
    anyhow::Error::new(why)
}

/// A server error as one sentence: kam's own refusals (`kam: …`) in the reader's words
/// (server_said.rs), anything else as the server said it.
pub fn refused(e: postgres::Error) -> anyhow::Error {
    match e.as_db_error() {
        Some(db) => anyhow::Error::new(super::server_said::said(db.message())),
        None if e.is_closed() => anyhow::Error::new(Said::new("sync-why-closed")),
        None => {
            use std::error::Error;
            let why = e
                .source()
                .map(|s| s.to_string())
                .unwrap_or_else(|| e.to_string());
            anyhow::Error::new(Said::new("sync-why-other").with("detail", why))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn addresses_are_read_and_unsafe_ones_refused() {
        assert_eq!(
            parse("postgres://li@db.example.com/team").unwrap().login,
            "li"
        );
        assert!(parse("postgres://li:secret@db.example.com/team").is_err());
        assert!(parse("postgres://li@db.example.com/team?sslmode=disable").is_err());
        assert!(parse("postgres://li@db.example.com/team?sslmode=require").is_err());
        assert!(
            parse("postgres://li@127.0.0.1/team?sslmode=disable")
                .unwrap()
                .plain
        );
        assert!(parse("postgres://db.example.com/team").is_err());
    }
}
