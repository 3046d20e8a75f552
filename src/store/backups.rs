//! Backups without thinking: one a day, taken with the online backup API into `backups/`
//! beside the database, the last seven kept; and putting a backup back (`kam restore`),
//! checked first, with the replaced file kept.

use super::connection::connect;
use super::files::cannot;
use super::migrations;
use super::{Access, Store};
use crate::i18n::{Arg, Said};
use anyhow::{bail, Result};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

pub use super::files::backup_dir;

/// How many daily backups are kept.
pub const KEEP: usize = 7;

/// Today's automatic backup, unless there is a good one; then the oldest beyond the last
/// `KEEP` good ones are removed. A broken file at a backup's name (cut off by an older kam,
/// with its `-journal` beside it, or garbage) is never counted among the seven and never
/// stands in for a day's backup: it is removed, and today's is made again. Returns the new
/// file, if one was made.
pub fn daily_backup(db: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let dir = backup_dir(db);
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kam".into());
    let file = dir.join(format!("{stem}-{today}.db"));
    let store = Store::open(db, Access::Read)?;
    // Today's backup stands only if it is whole and encrypted as the book is now (one made
    // before today's `kam encrypt` must not stay the plain-text copy of the day, nor one
    // under the passphrase a `kam rekey` of today replaced).
    let stands = match looks_whole(&file) {
        Some(Whole::Plain) => !store.is_encrypted(),
        Some(Whole::Encrypted) => store.is_encrypted(),
        Some(Whole::OtherKey) | None => false,
    };
    if stands {
        return Ok(None);
    }
    std::fs::create_dir_all(&dir).map_err(|e| cannot("store-cannot-create", &dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    }
    remove_with_journal(&file)?;
    store.backup_to(&file)?;
    drop(store);
    // Ours are `<stem>-YYYY-MM-DD.db`: by name is by date.
    let prefix = format!("{stem}-");
    let mut ours: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| cannot("store-cannot-read", &dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(&prefix))
                .and_then(|rest| rest.strip_suffix(".db"))
                .is_some_and(|d| d.parse::<NaiveDate>().is_ok())
        })
        .collect();
    ours.sort();
    let mut good = vec![];
    for p in ours {
        if looks_whole(&p).is_some() {
            good.push(p);
        } else {
            remove_with_journal(&p)?;
        }
    }
    let excess = good.len().saturating_sub(KEEP);
    for old in &good[..excess] {
        remove_with_journal(old)?;
    }
    Ok(Some(file))
}

fn remove_with_journal(file: &Path) -> Result<()> {
    for p in [file.to_path_buf(), super::files::beside(file, "-journal")] {
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(cannot("store-cannot-remove", &p, &e).into()),
        }
    }
    Ok(())
}

/// What a backup file that looks whole is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Whole {
    Plain,
    /// Encrypted, and this process's passphrase opens it.
    Encrypted,
    /// Encrypted under another passphrase (made before a `kam rekey`), or with no passphrase
    /// at hand: it cannot be read here, so only its size was looked at.
    OtherKey,
}

/// Whether a backup file looks whole, without an integrity check (one of seven copies of a
/// large book at every start would cost minutes): no journal beside it (a copy cut off
/// mid-write), and at least as many bytes as its header says: for a plain file read from
/// it, for an encrypted one from its first page decrypted with the passphrase (the daily
/// backup runs with it). None when it is broken. kam itself only ever gives a backup its name
/// after a full check (`backup_to`); this catches what older versions and accidents left.
fn looks_whole(file: &Path) -> Option<Whole> {
    use std::io::Read;
    if super::files::beside(file, "-journal").exists() {
        return None;
    }
    let mut f = std::fs::File::open(file).ok()?;
    let len = f.metadata().ok().filter(|m| m.is_file())?.len();
    let mut header = [0u8; 100];
    f.read_exact(&mut header).ok()?;
    if &header[..16] != b"SQLite format 3\0" {
        if len % 512 != 0 {
            return None;
        }
        return encrypted_pages(file).map_or(Some(Whole::OtherKey), |pages| {
            (pages.is_some_and(|bytes| bytes > 0 && len >= bytes)).then_some(Whole::Encrypted)
        });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n => n as u64,
    };
    let pages = u32::from_be_bytes([header[28], header[29], header[30], header[31]]) as u64;
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    (page_size >= 512
        && pages > 0
        && len >= page_size * pages
        && app_id == migrations::APPLICATION_ID)
        .then_some(Whole::Plain)
}

/// The length an encrypted backup's first page says it has (page count × page size), read
/// with this process's passphrase: None (outer) when the passphrase is not at hand or does
/// not open it, Some(None) when it opens but cannot be read (cut off, damaged).
fn encrypted_pages(file: &Path) -> Option<Option<u64>> {
    super::key::passphrase()?;
    let conn = rusqlite::Connection::open_with_flags(
        file,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    super::key::prepare(&conn, true).ok()?;
    let read = conn.query_row(
        "SELECT CAST((SELECT page_count FROM pragma_page_count) AS INTEGER), CAST((SELECT page_size FROM pragma_page_size) AS INTEGER), (SELECT count(*) FROM sqlite_master)",
        [],
        |r| Ok(r.get::<_, i64>(0)? as u64 * r.get::<_, i64>(1)? as u64),
    );
    match read {
        Ok(bytes) => Some(Some(bytes)),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => None,
        Err(_) => Some(None),
    }
}

/// Whether `file` is a whole, healthy kam database this kam can read; nothing is changed.
pub fn check_backup(file: &Path) -> Result<()> {
    check_backup_told(file, &|_, _| {}).map(|_| ())
}

/// A backup as it was when it was checked (its length, last change and file number): a
/// restore that finds it so need not read it all again (17 s at 100,000 accounts).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    path: PathBuf,
    stamp: Stamp,
}

type Stamp = (u64, Option<std::time::SystemTime>, u64);

fn stamp(file: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(file).ok()?;
    #[cfg(unix)]
    let number = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let number = 0;
    Some((m.len(), m.modified().ok(), number))
}

impl Checked {
    /// Whether `file` is the file checked, unchanged since.
    fn holds_for(&self, file: &Path) -> bool {
        self.path == file && stamp(file) == Some(self.stamp)
    }
}

/// [`check_backup`], telling `done(pages, of pages)` as the check goes.
pub fn check_backup_told(file: &Path, done: &dyn Fn(u64, u64)) -> Result<Checked> {
    if !file.is_file() {
        bail!(Said::new("store-no-file").with("file", file));
    }
    // Taken before: a change while it is checked makes the restore check it again.
    let before = stamp(file).ok_or_else(|| Said::new("store-no-file").with("file", file))?;
    check(file, "store-nothing-restored", done)?;
    Ok(Checked {
        path: file.to_path_buf(),
        stamp: before,
    })
}

/// The check of a copy just made, before it gets its name.
pub(crate) fn check_copy(file: &Path, done: &dyn Fn(u64, u64)) -> Result<()> {
    check(file, "store-not-kept", done)
}

/// `otherwise`: the message id of what was not done because the file did not check out.
fn check(file: &Path, otherwise: &'static str, done: &dyn Fn(u64, u64)) -> Result<()> {
    let conn = connect(file, Access::Read)?;
    let version = migrations::version(&conn)?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if version == 0 || app_id != migrations::APPLICATION_ID {
        bail!(Said::new("store-backup-not-kam")
            .with("file", file)
            .with("otherwise", Arg::Msg(otherwise)));
    }
    if version > migrations::current_version() {
        bail!(Said::new("store-backup-newer")
            .with("file", file)
            .with("version", version));
    }
    let verdict = integrity_told(&conn, done)?;
    if verdict != "ok" {
        bail!(Said::new("store-backup-damaged")
            .with("file", file)
            .with("verdict", verdict)
            .with("otherwise", Arg::Msg(otherwise)));
    }
    Ok(())
}

/// The first line of `PRAGMA integrity_check` on `conn`, telling `done(pages, of pages)`.
fn integrity_told(conn: &rusqlite::Connection, done: &dyn Fn(u64, u64)) -> Result<String> {
    let pages = super::steps::page_count(conn)?;
    let verdict = super::steps::counting_steps(
        conn,
        &|steps| {
            use super::steps::{pages_done, INTEGRITY_STEPS_PER_PAGE};
            done(pages_done(steps, INTEGRITY_STEPS_PER_PAGE, pages), pages)
        },
        || conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)),
    )?;
    done(pages, pages);
    Ok(verdict)
}

impl Store {
    /// Replaces this database with `backup` after checking it; the content replaced is
    /// first copied to `keep`. All within the writer's lock.
    /// The book keeps its encryption: a plain backup (from before `kam encrypt`) comes back
    /// encrypted under the book's passphrase, an encrypted one into a decrypted book plain.
    pub fn restore_from(&mut self, backup: &Path, keep: &Path) -> Result<()> {
        self.restore_from_told(backup, keep, None, &|_, _| {})
    }

    /// [`Store::restore_from`], telling `done(pages, of pages)` as it goes; the check of the
    /// backup is left out when `checked` vouches for the file as it is now.
    pub fn restore_from_told(
        &mut self,
        backup: &Path,
        keep: &Path,
        checked: Option<&Checked>,
        done: &dyn Fn(u64, u64),
    ) -> Result<()> {
        if !checked.is_some_and(|c| c.holds_for(backup)) {
            check_backup_told(backup, &|_, _| {})?;
        }
        if super::key::is_encrypted(backup) == self.encrypted {
            return self.put_back(backup, keep, done);
        }
        // Pages are copied only between files encrypted alike: first a copy of the
        // backup encrypted as the book is, beside it under the name of the copies
        // `encrypt` makes (a kill leaves it to be removed at the next start, see `recovery`).
        let alike = super::recovery::rekey_copy(&self.path);
        let remove_alike = || {
            for p in ["", "-journal", "-wal", "-shm"] {
                let _ = std::fs::remove_file(super::files::beside(&alike, p));
            }
        };
        remove_alike();
        let result = (|| -> Result<()> {
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
            opts.open(&alike)
                .map_err(|e| cannot("store-cannot-create", &alike, &e))?;
            // Read-write only for ATTACH to make the copy (an attached file opens as the
            // main one does); nothing is written to the backup.
            let source = rusqlite::Connection::open_with_flags(
                backup,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| {
                Said::new("store-cannot-open")
                    .with("file", backup)
                    .with("reason", super::describe_arg(&e))
            })?;
            super::key::prepare(&source, !self.encrypted)?;
            let key = match (self.encrypted, super::key::passphrase()) {
                (false, _) => String::new(),
                (true, Some(p)) => p,
                (true, None) => bail!(Said::new("store-needs-passphrase")),
            };
            super::cipher::export_with_key(&source, &alike, &key, "DELETE")?;
            drop(source);
            self.put_back(&alike, keep, done)
        })();
        remove_alike();
        result
    }

    /// `restore_from` of a checked backup encrypted as the book is: the book copied to
    /// `keep`, the backup copied in, the result checked, each page told to `done`.
    fn put_back(&mut self, backup: &Path, keep: &Path, done: &dyn Fn(u64, u64)) -> Result<()> {
        let source = connect(backup, Access::Read)?;
        let (ours, theirs) = (
            super::steps::page_count(&self.conn)?,
            super::steps::page_count(&source)?,
        );
        let total = ours + 2 * theirs;
        self.copy_to(keep, false, &|copied, _| done(copied, total))?;
        {
            use rusqlite::backup::StepResult;
            let copy = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            // `run_to_completion` step by step, to tell how far the copy is.
            loop {
                match copy.step(256)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    _ => std::thread::sleep(std::time::Duration::from_millis(5)),
                }
                let p = copy.progress();
                done(ours + (p.pagecount - p.remaining) as u64, total);
            }
        }
        // The copy came in whatever journal mode the backup had; ours is WAL.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        migrations::migrate(&mut self.conn)?;
        let verdict = integrity_told(&self.conn, &|checked, pages| {
            done(ours + theirs + checked * theirs / pages.max(1), total)
        })?;
        if verdict != "ok" {
            bail!(Said::new("store-restored-bad")
                .with("verdict", verdict)
                .with("file", keep));
        }
        Ok(())
    }
}

/// `PRAGMA quick_check` of the book on a connection of its own, as the interface starts:
/// None when it passes, else what it found. (A damaged book is still opened: the user may
/// need to read or export what is left before restoring a backup, so the interface warns
/// rather than refuses; and no daily backup is taken of it, so it never pushes a good backup
/// out of the seven.)
pub fn damage(db: &Path) -> Result<Option<String>> {
    let store = Store::open(db, Access::Read)?;
    let mut stmt = store.conn().prepare("PRAGMA quick_check")?;
    let found = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>();
    Ok(match found {
        Ok(rows) if rows == ["ok"] => None,
        Ok(rows) => Some(rows.into_iter().take(3).collect::<Vec<_>>().join("; ")),
        Err(e) => Some(super::describe(&e)),
    })
}
