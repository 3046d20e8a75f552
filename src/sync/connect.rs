//! Reaching the team's server: a `postgres://` address (the login in it, never a password),
//! TLS by rustls, with the server's certificate and name always verified (what libpq calls
//! `sslmode=verify-full`, the default here). A private
//! certificate authority's certificate can be kept in the book. Plain text is refused,
//! except to this machine itself (`sslmode=disable` to 127.0.0.1, for trying kam out), which
//! is said loudly.

use anyhow::{anyhow, bail, Context, Result};
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
            Some(("sslmode", other)) => bail!(
                "sslmode={other} is not offered: kam always verifies the team server (verify-full), or, only to 127.0.0.1, sslmode=disable"
            ),
            _ => kept.push(pair),
        }
    }
    let rest = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    let config: Config = rest.parse().map_err(|e| {
        anyhow!("{url} is not a postgres:// address the team server can be reached at ({e})")
    })?;
    if config.get_password().is_some() {
        bail!("the address holds a password; leave it out: kam asks for it (or reads KAM_TEAM_PASSWORD) and keeps it in the book");
    }
    let login = config
        .get_user()
        .map(str::to_string)
        .ok_or_else(|| anyhow!("the address names no login: postgres://NAME@host/database"))?;
    if plain {
        let local = config.get_hosts().iter().all(|h| match h {
            postgres::config::Host::Tcp(h) => h == "127.0.0.1" || h == "localhost" || h == "::1",
            #[allow(unreachable_patterns)]
            _ => true,
        });
        if !local {
            bail!("sslmode=disable is allowed only to 127.0.0.1: anywhere else the team's book would cross the network readable");
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
        eprintln!("WARNING: the connection to the team server is NOT encrypted (sslmode=disable, allowed only to 127.0.0.1)");
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
            let reading = "reading the team server's certificate authority";
            for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
                roots.add(cert.context(reading)?).context(reading)?;
            }
            if roots.is_empty() {
                bail!("{reading}: it holds no PEM certificate");
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

/// The error kam prints when the server cannot be reached: the one reason, and that nothing
/// was lost.
#[derive(Debug)]
pub struct Unreachable(pub String);

impl std::fmt::Display for Unreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreachable {}

fn unreachable(e: &postgres::Error) -> anyhow::Error {
    use std::error::Error;
    let mut why = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        why = s.to_string();
        // TLS refused the server (rustls's error inside the stream's io::Error): the likely
        // cause is a private authority kam was not given.
        let tls = s
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<rustls::Error>());
        if let Some(rustls::Error::InvalidCertificate(_)) = tls {
            why = format!("its certificate is not trusted: {s}; a private certificate authority is given with --ca");
        }
        src = s.source();
    }
    if let Some(db) = e.as_db_error() {
        why = db.message().to_string();
    }
    anyhow::Error::new(Unreachable(why))
}

/// A server error as one sentence: kam's own refusals (`kam: …`) without the prefix.
pub fn refused(e: postgres::Error) -> anyhow::Error {
    match e.as_db_error() {
        Some(db) => anyhow!("{}", db.message().trim_start_matches("kam: ")),
        None if e.is_closed() => anyhow::Error::new(Unreachable(e.to_string())),
        None => {
            use std::error::Error;
            let why = e
                .source()
                .map(|s| s.to_string())
                .unwrap_or_else(|| e.to_string());
            anyhow::Error::new(Unreachable(why))
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
