//! What an interrupted kam leaves behind, put right at the next start, before the book is
//! read: a copy half-made by `encrypt`/`decrypt`/`rekey` (it may hold the whole book in plain
//! text), partial backups and partial copies of a replaced book, and a rollback journal left
//! "hot" by a kill in the middle of a write (a reader cannot roll it back by itself and would
//! fail, for an encrypted book with "the passphrase is wrong" whatever the passphrase).
//!
//! Nothing is touched while another kam writes: these files may be its work in progress. So
//! the writer lock is held (a writer has it already; a reader takes it for the moment only if
//! there is something to do, and leaves things as they are if it cannot).

use super::files::{beside, lock_writer};
use anyhow::Result;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The temporary copy `encrypt`, `decrypt` and `rekey` build beside the book.
pub(crate) fn rekey_copy(db: &Path) -> PathBuf {
    beside(db, ".kam-rekey")
}

/// The name a copy is written under until it is whole and checked (daily backups, `kam
/// backup`, the copy of the book a restore replaces).
pub(crate) fn partial_name(dest: &Path) -> PathBuf {
    beside(dest, ".partial")
}

/// Puts right what an interrupted kam left beside `db`. `locked`: this process holds the
/// writer lock.
pub(crate) fn at_start(db: &Path, locked: bool) -> Result<()> {
    let mut leftovers = rekey_leftovers(db);
    let hot = hot_journal(db);
    if locked {
        leftovers.extend(partial_copies(db));
    }
    if leftovers.is_empty() && !hot {
        return Ok(());
    }
    let _lock = if locked {
        None
    } else {
        match lock_writer(db) {
            Ok(lock) => Some(lock),
            // Another kam is writing (these may be its files), or the folder cannot be
            // written: leave everything as it is.
            Err(_) => return Ok(()),
        }
    };
    remove_all(&leftovers)?;
    if hot {
        roll_back(db)?;
    }
    Ok(())
}

/// Removes the copy a killed `encrypt`, `decrypt` or `rekey` left beside `db` (it may hold
/// the whole book in plain text) before any passphrase is asked for or checked: removing it
/// needs no key, and a start that never gets the right passphrase (a script without it, a
/// slip of the finger) must not leave it there. Only under the writer lock: if another kam
/// holds it, the copy may be its work in progress, and stays.
pub(crate) fn remove_half_made_copies(db: &Path) -> Result<()> {
    let leftovers = rekey_leftovers(db);
    if leftovers.is_empty() {
        return Ok(());
    }
    match lock_writer(db) {
        Ok(_lock) => remove_all(&leftovers),
        Err(_) => Ok(()),
    }
}

/// The half-made copy of `encrypt`/`decrypt`/`rekey` and its side files, those that exist.
fn rekey_leftovers(db: &Path) -> Vec<PathBuf> {
    [
        ".kam-rekey",
        ".kam-rekey-journal",
        ".kam-rekey-wal",
        ".kam-rekey-shm",
    ]
    .iter()
    .map(|s| beside(db, s))
    .filter(|p| p.exists())
    .collect()
}

fn remove_all(files: &[PathBuf]) -> Result<()> {
    for file in files {
        match std::fs::remove_file(file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(super::files::cannot("store-cannot-remove", file, &e).into()),
        }
    }
    Ok(())
}

/// A rollback journal with content beside the book: a write was cut off. (kam writes in WAL
/// mode; a journal appears only while a file is switched to it, and in files other programs
/// wrote.)
fn hot_journal(db: &Path) -> bool {
    std::fs::metadata(beside(db, "-journal")).is_ok_and(|m| m.len() > 0)
}

/// Opens the book for writing with its key and reads it: SQLite then rolls the hot journal
/// back, which a read-only connection may not do.
fn roll_back(db: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| {
        crate::i18n::Said::new("store-cannot-open")
            .with("file", db)
            .with("reason", super::describe_arg(&e))
    })?;
    super::key::prepare(&conn, super::key::is_encrypted(db))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // A wrong passphrase fails here; the caller's own first read says so in its words.
    let _ = conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()));
    Ok(())
}

/// Copies cut off before they were whole: `backups/<stem>-….db.partial` and
/// `<stem>.replaced-….db.partial` beside the book, with their journals.
fn partial_copies(db: &Path) -> Vec<PathBuf> {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kam".into());
    let here = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let backups = super::files::backup_dir(db);
    let mut found = vec![];
    for (dir, prefix) in [
        (here, format!("{stem}.replaced-")),
        (backups.as_path(), format!("{stem}-")),
    ] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix)
                && (name.ends_with(".db.partial") || name.ends_with(".db.partial-journal"))
            {
                found.push(entry.path());
            }
        }
    }
    found
}

/// For the tests of interrupted work only: `KAM_TEST_KILL_AT=<point>` kills this process with
/// SIGKILL (no destructor, no clean-up: what a power cut or `kill -9` does) when it reaches
/// the named point, and `KAM_TEST_TERM_AT=<point>` sends it SIGTERM there (what Ctrl-C or a
/// shutdown does). An environment variable rather than `cfg(test)`, because the tests run
/// the real binary; only in a build with the `test-hooks` feature (the tests'), so the
/// shipped binary ignores the variables.
#[cfg(feature = "test-hooks")]
pub(crate) fn test_point(point: &str) {
    use signal_hook::consts::{SIGKILL, SIGTERM};
    for (var, signal) in [("KAM_TEST_KILL_AT", SIGKILL), ("KAM_TEST_TERM_AT", SIGTERM)] {
        if std::env::var_os(var).is_some_and(|v| v == point) {
            let _ = signal_hook::low_level::raise(signal);
        }
    }
}

#[cfg(not(feature = "test-hooks"))]
pub(crate) fn test_point(_: &str) {}
