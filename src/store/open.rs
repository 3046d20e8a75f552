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

/// Refuses a path that cannot be a database file: a directory, a device, a pipe, a socket.
/// Asked of the file system's metadata only, before anything opens the path or creates a lock
/// beside it: opening a FIFO would block for ever, and `/dev/null.lock` is not ours to make.
pub(crate) fn refuse_non_regular(path: &Path) -> Result<()> {
    let shown = path.display();
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => bail!("cannot read {shown}: {}", plain_io(&e)),
        Ok(m) if m.is_dir() => bail!("{shown} is a directory, not a kam database"),
        Ok(m) if !m.is_file() => bail!(
            "{shown} is not a regular file (a device, a pipe or a socket), not a kam database; it was left unchanged"
        ),
        Ok(_) => Ok(()),
    }
}

/// Refuses a database file that has more than one name (hard links). Each name gets its own
/// `-wal` and `-shm` from SQLite and its own lock from kam, so two programs writing through
/// two names would damage the file. A symbolic link is fine: it leads to the one real name.
pub(crate) fn refuse_second_name(path: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Ok(m) = std::fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        if m.nlink() > 1 {
            bail!(
                "{} has {} names (hard links), and two programs writing through two names would damage it; remove the other names (a symbolic link is fine); it was left unchanged",
                path.display(),
                m.nlink()
            );
        }
    }
    Ok(())
}

/// What the first bytes of a file say about it, read before SQLite is allowed near it.
pub(crate) fn inspect(path: &Path) -> Result<()> {
    let shown = path.display();
    refuse_non_regular(path)?;
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => bail!("cannot read {shown}: {}", plain_io(&e)),
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(());
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
    // With a WAL holding content, the main file may be shorter than its header says: a
    // checkpoint stopped by a full disk wrote page 1 and not yet the rest, which the WAL
    // still has. Only a file on its own is truly truncated.
    let wal_has_content = std::fs::metadata(beside(path, "-wal")).is_ok_and(|m| m.len() > 0);
    if page_size < 512 || (len < page_size * pages && !wal_has_content) {
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
/// -wal and -shm files the same mode. A file there already is left as it is (two writers
/// starting at once both find it made).
pub(crate) fn create_private(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    create_parent(path)?;
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    match opts.open(path) {
        Ok(_) => Ok(()),
        // Another writer made it a moment ago (a dangling symbolic link is not followed).
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.exists() => Ok(()),
        Err(e) => bail!("cannot create {}: {}", path.display(), plain_io(&e)),
    }
}

/// Takes group and other permissions off an existing book and its side files (made by hand
/// with `: > kam.db`, copied, or left by an older kam), before SQLite opens it: SQLite gives
/// a new -wal and -shm the database's mode. Like `exports/` and `backups/`. A file this user
/// may not change (someone else's) is left as it is: opening it says what is wrong, if
/// anything.
fn make_private(path: &Path) {
    #[cfg(unix)]
    for suffix in ["", "-wal", "-shm", "-journal"] {
        use std::os::unix::fs::PermissionsExt;
        let file = beside(path, suffix);
        if let Ok(m) = std::fs::metadata(&file) {
            let mode = m.permissions().mode();
            if m.is_file() && mode & 0o077 != 0 {
                let _ =
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode & 0o700));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
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

/// The single-writer lock, held while it lives: an advisory lock (`flock`) on `<db>.lock`
/// and one on the database file itself. The first, because it is there before the book is
/// made; the second, because a lock file can be deleted (`rm *.lock`, a cleaner of temporary
/// files) and the book cannot while it is open. A file that replaces the book (encrypt,
/// decrypt, rekey rename a new one over it) is a new file: its next writer locks that one,
/// while the one replacing it still holds the old one.
pub(crate) struct WriterLock {
    _lock_file: File,
    /// The descriptor of the book holding its lock. `Store::open` hands it to `open_books`,
    /// which closes it only after the last connection of this process to the book: closing
    /// a descriptor of the database drops every POSIX lock SQLite holds on it here.
    pub(crate) book: Option<File>,
}

/// Takes the single-writer lock of the book at `path`. It sits beside the file the path leads
/// to (symbolic links followed), so every path to one file is one lock; a second hard link is
/// refused, since it cannot be followed back.
pub(crate) fn lock_writer(path: &Path) -> Result<WriterLock> {
    refuse_non_regular(path)?;
    refuse_second_name(path)?;
    // The lock is taken before the database file is created, so its directory must exist
    // by now: the first run, with the default path in a data directory that does not exist
    // yet, failed here with "no such file or directory".
    create_parent(path)?;
    let mut lock_path = real_path(path).into_os_string();
    lock_path.push(".lock");
    let lock_path = PathBuf::from(lock_path);
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
    try_lock(&file, path)?;
    let book = lock_book(path)?;
    make_private(path);
    Ok(WriterLock {
        _lock_file: file,
        book,
    })
}

/// The lock on the book's own file, if it exists (the first writer makes it before asking).
fn lock_book(path: &Path) -> Result<Option<File>> {
    if super::open_books::known_encryption(path).is_some() {
        // This process has the book open already: a writer of it holds the lock through
        // `open_books` (and `.lock` kept a second one out), and opening and closing another
        // descriptor here would drop SQLite's POSIX locks of its connections.
        return Ok(None);
    }
    let book = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => bail!("cannot read {}: {}", path.display(), plain_io(&e)),
    };
    try_lock(&book, path)?;
    Ok(Some(book))
}

fn try_lock(file: &File, path: &Path) -> Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => bail!(
            "another kam is already writing to {}; close it first (reading commands such as search and export still work)",
            path.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => Err(e).context("locking the database"),
    }
}

/// The file `path` leads to: symbolic links and `..` resolved. For a file not made yet, its
/// resolved folder and its name.
pub(crate) fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    match (
        parent.map_or(std::fs::canonicalize("."), std::fs::canonicalize),
        path.file_name(),
    ) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// `<path><suffix>`: a file kam keeps beside the database (`-wal`, `-journal`, `.lock` …).
pub(crate) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
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
    let encrypted = known.unwrap_or_else(|| super::cipher::is_encrypted(path));
    let ready = |conn: Connection| -> Result<Connection> {
        super::cipher::prepare(&conn, encrypted)?;
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
    let mut conn = ready(
        Connection::open_with_flags(path, flags)
            .map_err(|e| anyhow!("cannot open {}: {}", path.display(), super::describe(&e)))?,
    )?;
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
            anyhow!(
                "the passphrase is wrong (or {} is not a kam database); it was left unchanged",
                path.display()
            )
        } else {
            anyhow!(
                "{} cannot be read: {}; it was left unchanged",
                path.display(),
                super::describe(&e)
            )
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
