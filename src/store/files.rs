//! The files of a book on disk, before SQLite is near them: where the default book lives,
//! refusing a path that cannot be one, making it and its folder owner-only, the single
//! writer lock, and the names of the files kept beside it.

use anyhow::{anyhow, bail, Context, Result};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

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

pub(super) fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        _ => e.to_string(),
    }
}

/// Creates the file (and its directory) owner-only before SQLite opens it; SQLite gives its
/// -wal and -shm files the same mode.
pub(super) fn create_private(path: &Path) -> Result<()> {
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
/// SQLite's own POSIX locks. It sits beside the file the path leads to (symbolic links
/// followed), so every path to one file is one lock; a second hard link is refused, since
/// it cannot be followed back.
pub(crate) fn lock_writer(path: &Path) -> Result<File> {
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
    match file.try_lock() {
        Ok(()) => Ok(file),
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
