//! Reaching the team's server: a `postgres://` address (the login in it, never a password),
//! TLS through the OpenSSL kam already builds, with the server's certificate and name always
//! verified (what libpq calls `sslmode=verify-full`, the default here). A private
//! certificate authority's certificate can be kept in the book. Plain text is refused,
//! except to this machine itself (`sslmode=disable` to 127.0.0.1, for trying kam out), which
//! is said loudly.

use anyhow::{anyhow, bail, Context, Result};
use openssl::ssl::{SslConnector, SslMethod};
use openssl::x509::X509;
use postgres::config::SslMode;
use postgres::{Client, Config, NoTls};
use postgres_openssl::MakeTlsConnector;
use std::time::Duration;

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

/// The verifying TLS connector: the book's authority when it has one, else the system's.
fn tls(ca: Option<&str>) -> Result<MakeTlsConnector> {
    let mut b = SslConnector::builder(SslMethod::tls())?;
    match ca {
        Some(pem) => {
            let certs = X509::stack_from_pem(pem.as_bytes())
                .context("reading the team server's certificate authority")?;
            for cert in certs {
                b.cert_store_mut().add_cert(cert)?;
            }
        }
        None => {
            b.set_default_verify_paths()?;
            // The built-in OpenSSL looks where it was built; the system keeps its list here.
            for file in [
                "/etc/ssl/certs/ca-certificates.crt",
                "/etc/pki/tls/certs/ca-bundle.crt",
            ] {
                if std::path::Path::new(file).exists() {
                    b.set_ca_file(file)?;
                    break;
                }
            }
        }
    }
    Ok(MakeTlsConnector::new(b.build()))
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
