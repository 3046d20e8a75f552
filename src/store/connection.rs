//! One SQLite connection to a book: what the file's first bytes say before SQLite is allowed
//! near it, the key, refusing a file that is not kam's or is newer than this kam, and the
//! durable pragmas of a writer.

use super::describe::describe_arg;
use super::files::{beside, cannot, create_private, real_path, refuse_non_regular};
use super::key;
use super::migrations::{self, APPLICATION_ID};
use crate::i18n::Said;
use anyhow::{bail, Result};
use rusqlite::{Connection, OpenFlags};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Whether this process will write. Only one writer at a time; readers may run beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Write,
    Read,
}

/// What the first bytes of a file say about it, read before SQLite is allowed near it.
pub(crate) fn inspect(path: &Path) -> Result<()> {
    refuse_non_regular(path)?;
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(cannot("store-cannot-read", path, &e).into()),
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    let mut header = [0u8; 100];
    let n = file.read(&mut header)?;
    if n < 100 || &header[..16] != b"SQLite format 3\0" {
        // An encrypted database has no readable header: with a passphrase, the cipher decides.
        if n == 100 && key::passphrase().is_some() {
            return Ok(());
        }
        bail!(Said::new("store-not-kam-or-locked").with("file", path));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n => n as u64,
    };
    let pages = u32::from_be_bytes([header[28], header[29], header[30], header[31]]) as u64;
    // With a WAL holding content, the main file may be shorter than its header says: a
    // checkpoint stopped by a full disk wrote page 1 and not yet the rest, which the WAL
    // still has. Only a file on its own is truly truncated.
    let wal_has_content = std::fs::metadata(beside(path, "-wal")).is_ok_and(|m| m.len() > 0);
    if page_size < 512 || (len < page_size * pages && !wal_has_content) {
        bail!(Said::new("store-truncated").with("file", path));
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != 0 && app_id != APPLICATION_ID {
        bail!(Said::new("store-foreign-sqlite").with("file", path));
    }
    Ok(())
}

/// A read-only connection that reads the file as it is, without the `-shm` and `-wal` SQLite
/// would make beside it: for a folder a reader may not write in. Only when no `-wal` is
/// there, i.e. no program has the book open for writing (a writer keeps its `-wal` while it
/// runs, and cannot start in such a folder: it could not make its lock or its `-wal`), and
/// no `-journal` (a write cut off, to be rolled back first).
fn open_immutable(path: &Path) -> Option<Connection> {
    // A hot journal must be rolled back, which `immutable` would skip: read nothing then.
    if beside(path, "-wal").exists() || beside(path, "-journal").exists() {
        return None;
    }
    let mut uri = String::from("file:");
    for b in real_path(path).to_string_lossy().bytes() {
        if b.is_ascii() && !matches!(b, b'?' | b'#' | b'%') {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    Connection::open_with_flags(
        format!("{uri}?immutable=1"),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI,
    )
    .ok()
}

/// Whether reading failed because SQLite could not make its `-shm`/`-wal` beside the file.
fn cannot_make_side_files(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen) | Some(rusqlite::ErrorCode::ReadOnly)
    )
}

pub(crate) fn connect(path: &Path, access: Access) -> Result<Connection> {
    connect_as(path, access, None)
}

/// `connect`; `known`: whether the file is encrypted, when this process has it open already
/// (its header is then not read again, see `open_books`).
pub(crate) fn connect_as(path: &Path, access: Access, known: Option<bool>) -> Result<Connection> {
    if known.is_none() {
        inspect(path)?;
    }
    if access == Access::Write {
        create_private(path)?;
    }
    let flags = match access {
        Access::Write => OpenFlags::SQLITE_OPEN_READ_WRITE,
        Access::Read => OpenFlags::SQLITE_OPEN_READ_ONLY,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let encrypted = known.unwrap_or_else(|| key::is_encrypted(path));
    let ready = |conn: Connection| -> Result<Connection> {
        key::prepare(&conn, encrypted)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(conn)
    };
    // A foreign SQLite file without an application id is recognised by having tables.
    let first_read = |conn: &Connection| -> rusqlite::Result<(i32, i64)> {
        conn.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_master)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    };
    let mut conn = ready(Connection::open_with_flags(path, flags).map_err(|e| {
        Said::new("store-cannot-open")
            .with("file", path)
            .with("reason", describe_arg(&e))
    })?)?;
    let mut read = first_read(&conn);
    if access == Access::Read && read.as_ref().is_err_and(cannot_make_side_files) {
        // A folder this reader may not write in: a WAL book needs its -shm beside it.
        if let Some(immutable) = open_immutable(path) {
            conn = ready(immutable)?;
            read = first_read(&conn);
        }
    }
    let (app_id, tables) = read.map_err(|e| {
        if encrypted && e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
            Said::new("store-wrong-passphrase").with("file", path)
        } else {
            Said::new("store-unreadable")
                .with("file", path)
                .with("reason", describe_arg(&e))
        }
    })?;
    if app_id != APPLICATION_ID && tables > 0 {
        bail!(Said::new("store-foreign-sqlite").with("file", path));
    }
    let version = migrations::version(&conn)?;
    if version > migrations::current_version() {
        bail!(Said::new("store-newer-kam")
            .with("file", path)
            .with("version", version)
            .with("known", migrations::current_version()));
    }
    if access == Access::Write {
        // WAL + FULL: a save acknowledged to the user survives a crash or power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Deleted content is overwritten, not left in free space: the finder's records copy
        // names and phone numbers from row to chunk as they change, and `kam forget` must be
        // able to promise that no copy survives.
        conn.pragma_update(None, "secure_delete", "ON")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}
