//! Opening a database file: refuse what is not ours without touching it, take the single
//! writer lock, set durable pragmas, bring the schema up to date.

use super::migrations::{self, APPLICATION_ID};
use anyhow::{anyhow, bail, Context, Result};
use rusqlite::{Connection, OpenFlags};
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Whether this process will write. Only one writer at a time; readers may run beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Write,
    Read,
}

/// The default database: `<platform data dir>/kam/kam.db`.
pub fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "kam").ok_or_else(|| {
        anyhow!("cannot find a home directory for the default database; pass --db PATH")
    })?;
    Ok(dirs.data_dir().join("kam.db"))
}

/// What the first bytes of a file say about it, read before SQLite is allowed near it.
pub(crate) fn inspect(path: &Path) -> Result<()> {
    let shown = path.display();
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => bail!("cannot read {shown}: {}", plain_io(&e)),
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
    }
    if file.metadata()?.is_dir() {
        bail!("{shown} is a directory, not a kam database");
    }
    let mut header = [0u8; 100];
    let n = file.read(&mut header)?;
    if n < 100 || &header[..16] != b"SQLite format 3\0" {
        // An encrypted database has no readable header: with a passphrase, SQLCipher decides.
        if n == 100 && super::cipher::passphrase().is_some() {
            return Ok(());
        }
        bail!("{shown} is not a kam database (it is not an SQLite file), or it is encrypted and no passphrase was given (KAM_PASSPHRASE, or start kam in a terminal to be asked); it was left unchanged");
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n => n as u64,
    };
    let pages = u32::from_be_bytes([header[28], header[29], header[30], header[31]]) as u64;
    if page_size < 512 || len < page_size * pages {
        bail!("{shown} is damaged: it is shorter than its header says (truncated?); it was left unchanged. Restore it from a backup");
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != 0 && app_id != APPLICATION_ID {
        bail!("{shown} is an SQLite database of another program, not kam's; it was left unchanged");
    }
    Ok(())
}

fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        _ => e.to_string(),
    }
}

/// Creates the file (and its directory) owner-only before SQLite opens it; SQLite gives its
/// -wal and -shm files the same mode.
fn create_private(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    create_parent(path)?;
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
        .map_err(|e| anyhow!("cannot create {}: {}", path.display(), plain_io(&e)))?;
    Ok(())
}

/// Creates the directory a database goes in, owner-only (it will hold the customer file).
fn create_parent(path: &Path) -> Result<()> {
    let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    else {
        return Ok(());
    };
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|e| {
        anyhow!(
            "cannot create the directory {}: {}",
            dir.display(),
            plain_io(&e)
        )
    })
}

/// The single-writer lock: an advisory lock on `<db>.lock`, held while the store lives.
/// A separate file, because closing any extra descriptor of the database itself would drop
/// SQLite's own POSIX locks.
pub(crate) fn lock_writer(path: &Path) -> Result<File> {
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push(".lock");
    let lock_path = PathBuf::from(lock_path);
    // The lock is taken before the database file is created, so its directory must exist
    // by now: the first run, with the default path in a data directory that does not exist
    // yet, failed here with "no such file or directory".
    create_parent(path)?;
    let mut opts = OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let file = opts.open(&lock_path).map_err(|e| {
        anyhow!(
            "cannot create the lock file {}: {}",
            lock_path.display(),
            plain_io(&e)
        )
    })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => bail!(
            "another kam is already writing to {}; close it first (reading commands such as search and export still work)",
            path.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => Err(e).context("locking the database"),
    }
}

pub(crate) fn connect(path: &Path, access: Access) -> Result<Connection> {
    inspect(path)?;
    if access == Access::Write {
        create_private(path)?;
    }
    let flags = match access {
        Access::Write => OpenFlags::SQLITE_OPEN_READ_WRITE,
        Access::Read => OpenFlags::SQLITE_OPEN_READ_ONLY,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let encrypted = super::cipher::is_encrypted(path);
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| anyhow!("cannot open {}: {}", path.display(), super::describe(&e)))?;
    super::cipher::prepare(&conn, encrypted)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // A foreign SQLite file without an application id is recognised by having tables.
    let (app_id, tables): (i32, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT count(*) FROM sqlite_master)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| {
            if encrypted {
                anyhow!("the passphrase is wrong (or {} is not a kam database); it was left unchanged", path.display())
            } else {
                anyhow!("{} cannot be read: {}; it was left unchanged", path.display(), super::describe(&e))
            }
        })?;
    if app_id != APPLICATION_ID && tables > 0 {
        bail!(
            "{} is an SQLite database of another program, not kam's; it was left unchanged",
            path.display()
        );
    }
    let version = migrations::version(&conn)?;
    if version > migrations::current_version() {
        bail!(
            "{} was written by a newer kam (schema version {version}; this kam knows {}); use a newer kam. The file was left unchanged",
            path.display(),
            migrations::current_version()
        );
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
