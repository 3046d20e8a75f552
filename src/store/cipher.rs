//! Encryption at rest with SQLCipher, on by choice (`kam encrypt`). The passphrase is held
//! for the process (every connection, also the background ones, needs it) and applied only
//! to files that are encrypted: a plain file stays readable without one. SQLCipher's own
//! logging is switched off on every connection, so it never writes over the screen.

use super::migrations::{self, APPLICATION_ID};
use super::open::{connect, lock_writer};
use super::Access;
use anyhow::{anyhow, bail, Result};
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;
use std::sync::RwLock;

static PASSPHRASE: RwLock<Option<String>> = RwLock::new(None);

/// The passphrase of this process's encrypted database (None: none given).
pub fn set_passphrase(passphrase: Option<String>) {
    if let Ok(mut p) = PASSPHRASE.write() {
        *p = passphrase;
    }
}

pub(crate) fn passphrase() -> Option<String> {
    PASSPHRASE.read().ok().and_then(|p| p.clone())
}

/// Whether a file holds an encrypted database: not empty, and without SQLite's plain
/// header (SQLCipher encrypts the header too).
pub fn is_encrypted(path: &Path) -> bool {
    let mut header = [0u8; 16];
    match std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)) {
        Ok(()) => &header != b"SQLite format 3\0",
        Err(_) => false,
    }
}

/// Quiets SQLCipher and, for an encrypted file, applies the key. Before any other statement.
pub(crate) fn prepare(conn: &Connection, encrypted: bool) -> Result<()> {
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    if encrypted {
        let Some(p) = passphrase() else {
            bail!("the database is encrypted; give its passphrase");
        };
        conn.pragma_update(None, "key", p)?;
    }
    Ok(())
}

/// Writes the database at `path` again under `new_key` (empty: not encrypted) with
/// `sqlcipher_export`, into a temporary file that then replaces it: encrypt, decrypt and
/// change the passphrase are all this. The writer lock is held throughout.
pub fn rewrite_with_key(path: &Path, new_key: &str) -> Result<()> {
    if !path.is_file() {
        bail!("there is no kam database at {}", path.display());
    }
    let _lock = lock_writer(path)?;
    let conn = connect(path, Access::Write)?;
    // Everything in the main file first, so the export reads one consistent file.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let version = migrations::version(&conn)?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".kam-rekey");
    let tmp = std::path::PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(&tmp)
        .map_err(|e| anyhow!("cannot create {}: {e}", tmp.display()))?;
    let result = (|| -> Result<()> {
        conn.execute(
            "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
            rusqlite::params![tmp.to_string_lossy(), new_key],
        )?;
        conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        conn.execute_batch(&format!(
            "PRAGMA rekeyed.user_version = {version}; PRAGMA rekeyed.application_id = {APPLICATION_ID};"
        ))?;
        conn.execute("DETACH DATABASE rekeyed", [])?;
        Ok(())
    })();
    drop(conn);
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path)?;
    for ext in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(ext);
        let _ = std::fs::remove_file(std::path::PathBuf::from(side));
    }
    Ok(())
}
