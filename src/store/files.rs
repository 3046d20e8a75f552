//! The files of a book on disk, before SQLite is near them: where the default book lives,
//! refusing a path that cannot be one, making it and its folder owner-only, the single
//! writer lock, and the names of the files and folders kept beside it.

use crate::i18n::{Arg, Said};
use anyhow::{bail, Context, Result};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// The default database: `<platform data dir>/kam/kam.db`.
pub fn default_path() -> Result<PathBuf> {
    let dirs =
        directories::ProjectDirs::from("", "", "kam").ok_or_else(|| Said::new("store-no-home"))?;
    Ok(dirs.data_dir().join("kam.db"))
}

/// Refuses a path that cannot be a database file: a directory, a device, a pipe, a socket.
/// Asked of the file system's metadata only, before anything opens the path or creates a lock
/// beside it: opening a FIFO would block for ever, and `/dev/null.lock` is not ours to make.
pub(crate) fn refuse_non_regular(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(cannot("store-cannot-read", path, &e).into()),
        Ok(m) if m.is_dir() => bail!(Said::new("store-is-directory").with("file", path)),
        Ok(m) if !m.is_file() => bail!(Said::new("store-not-regular").with("file", path)),
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
            bail!(Said::new("store-hard-links")
                .with("file", path)
                .with("names", m.nlink() as i64));
        }
    }
    Ok(())
}

pub(crate) fn plain_io(e: &std::io::Error) -> Arg {
    use std::io::ErrorKind::*;
    match e.kind() {
        PermissionDenied => Arg::Msg("io-permission-denied"),
        NotFound => Arg::Msg("io-not-found"),
        StorageFull => Arg::Msg("io-storage-full"),
        ReadOnlyFilesystem => Arg::Msg("io-read-only"),
        _ => Arg::Str(e.to_string()),
    }
}

/// "cannot <do> <file>: <why>" (`id` names what could not be done), for a file error.
pub(crate) fn cannot(id: &'static str, file: &Path, e: &std::io::Error) -> Said {
    Said::new(id).with("file", file).with("reason", plain_io(e))
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
        Err(e) => Err(cannot("store-cannot-create", path, &e).into()),
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
    builder
        .create(dir)
        .map_err(|e| cannot("store-cannot-create-dir", dir, &e).into())
}

/// The single-writer lock, held while it lives: an advisory lock (`flock`) on `<db>.lock`
/// and one on the database file itself. The first, because it is there before the book is
/// made; the second, because a lock file can be deleted (`rm *.lock`, a cleaner of temporary
/// files) and the book cannot while it is open. A file that replaces the book (encrypt,
/// decrypt, rekey rename a new one over it) is a new file: its next writer locks that one,
/// while the one replacing it still holds the old one.
///
/// Both are released by an explicit unlock, not only by closing the descriptor: the lock
/// belongs to the open file, which a child started by another thread shares between its fork
/// and its exec, so it would outlive this writer until that child runs its program. The next
/// writer, started right after this one closed, was then told another kam was writing (seen
/// when the integration tests became threads of one process). Unlocking frees every copy.
pub(crate) struct WriterLock {
    lock_file: File,
    /// The descriptor of the book holding its lock. `Store::open` hands it to `open_books`,
    /// which closes it only after the last connection of this process to the book: closing
    /// a descriptor of the database drops every POSIX lock SQLite holds on it here.
    pub(crate) book: Option<File>,
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        // The book's descriptor is normally with `open_books` by now, which unlocks it too.
        if let Some(book) = &self.book {
            let _ = book.unlock();
        }
        let _ = self.lock_file.unlock();
    }
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
    let file = opts
        .open(&lock_path)
        .map_err(|e| cannot("store-cannot-create-lock", &lock_path, &e))?;
    try_lock(&file, path)?;
    let book = lock_book(path)?;
    make_private(path);
    Ok(WriterLock {
        lock_file: file,
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
        Err(e) => return Err(cannot("store-cannot-read", path, &e).into()),
    };
    try_lock(&book, path)?;
    Ok(Some(book))
}

fn try_lock(file: &File, path: &Path) -> Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => {
            bail!(Said::new("store-another-writer").with("file", path))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e).context(Said::new("store-locking")),
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

/// `backups/` beside the database.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}
