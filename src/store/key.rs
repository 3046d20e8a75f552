//! The passphrase of an encrypted book, held for the process (every connection, also the
//! background ones, needs it) and applied only to files that are encrypted: a plain file
//! stays readable without one. The cipher (SQLite3 Multiple Ciphers in SQLCipher 4's format,
//! see vendor/libsqlite3-sys) writes nothing to the terminal, so nothing to quiet. Below every
//! other file that opens a connection.

use anyhow::{bail, Result};
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
/// header (SQLCipher's format encrypts the header too).
pub fn is_encrypted(path: &Path) -> bool {
    // Never open what is not a regular file: opening a FIFO blocks until a writer comes.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut header = [0u8; 16];
    match std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)) {
        Ok(()) => &header != b"SQLite format 3\0",
        Err(_) => false,
    }
}

/// Whether this process's passphrase opens the encrypted file at `path`. Only a refusal of
/// the key counts as no: any other trouble (a hot journal, a damaged file) is for opening
/// the store to put right or to say.
pub fn passphrase_opens(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return true;
    };
    if prepare(&conn, true).is_err() {
        return false;
    }
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
        Ok(()) => true,
        Err(e) => e.sqlite_error_code() != Some(rusqlite::ErrorCode::NotADatabase),
    }
}

/// For an encrypted file, applies the key. Before any other statement.
pub(crate) fn prepare(conn: &Connection, encrypted: bool) -> Result<()> {
    if encrypted {
        let Some(p) = passphrase() else {
            bail!(crate::i18n::Said::new("store-needs-passphrase"));
        };
        conn.pragma_update(None, "key", p)?;
    }
    Ok(())
}
