//! The store: the only code that speaks SQL. One SQLite file holds the whole dossier; every
//! change writes its history in the same transaction.

mod accounts;
mod analytics;
pub mod backups;
mod bulk;
mod by_account;
pub mod cipher;
mod derived;
mod due;
mod forget;
mod history;
mod maintenance;
mod matching;
mod merge;
pub mod migrations;
mod name_scrub;
mod note_tokens;
mod notes;
mod open;
mod open_books;
mod preserving;
mod records;
pub(crate) mod recovery;
mod search_records;
mod settings;
mod trash;
mod visits;

pub use accounts::{AccountIdentity, AccountSummary, ContactKey};
pub use analytics::{AccountFacts, ProductSales, SalesSum, StageGroup};
pub use by_account::ByAccount;
pub use derived::DerivedHealth;
pub use due::QuietAccount;
pub use forget::Forgotten;
pub use history::{Change, Op};
pub use maintenance::Health;
pub use matching::{Shared, Sharing};
pub use merge::Merged;
pub use notes::{is_note, NoteHit, NoteStats};
pub use open::{default_path, Access};
pub use records::{title_of as record_title, Writer};
pub use settings::SETTINGS_ENTITY;
pub use trash::TrashItem;

use anyhow::Result;
use chrono::NaiveDateTime;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub struct Store {
    // Field order matters: the connection closes before the writer lock is released.
    conn: Connection,
    path: PathBuf,
    actor: String,
    clock: Option<NaiveDateTime>,
    /// Whether the file is encrypted, read once at open: reading it again from the file
    /// while the connection is open would close a descriptor of the database, which drops
    /// the POSIX locks SQLite holds on it in this process (see `open_books`).
    encrypted: bool,
    _open: open_books::OpenBook,
    _lock: Option<open::WriterLock>,
}

impl Store {
    /// Opens (creating on first write) the database at `path`. A writer takes the single-writer
    /// lock and upgrades the schema; a reader never changes the file.
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        open::refuse_non_regular(path)?;
        open::refuse_second_name(path)?;
        let mut lock = match access {
            Access::Write => {
                // Made (owner-only) before the lock, so that the lock is taken on it too.
                open::create_private(path)?;
                Some(open::lock_writer(path)?)
            }
            Access::Read => None,
        };
        recovery::at_start(path, lock.is_some())?;
        if access == Access::Read && !path.exists() {
            // A typo in --db must not quietly answer "ok" from a new empty file.
            anyhow::bail!(
                "there is no kam database at {}; start kam (or run `kam demo`) to create one",
                path.display()
            );
        }
        // A WAL with content: a writer is at work (or was cut off).
        let wal_has_content =
            || std::fs::metadata(open::beside(path, "-wal")).is_ok_and(|m| m.len() > 0);
        if access == Access::Read
            && std::fs::metadata(path).is_ok_and(|m| m.len() == 0)
            && !wal_has_content()
        {
            // A reading command never writes, not even a schema into an empty file.
            anyhow::bail!(
                "{} is empty: it holds no kam database yet; start kam (or run `kam demo`) to create one",
                path.display()
            );
        }
        // Open already in this process (the interface's readers beside its writer): its
        // header is not read again, see `open_books`.
        let known = open_books::known_encryption(path);
        let needs_upgrade = access == Access::Read
            && migrations::version(&open::connect_as(path, Access::Read, known)?)?
                < migrations::current_version();
        if needs_upgrade {
            // A reader on a new or older file: upgrade it once as a writer, then read.
            drop(Store::open(path, Access::Write)?);
        }
        // A WAL left with content: a writer was cut off, perhaps a `kam forget` between its
        // commit and the checkpoint that takes the erased bytes out of the file. Finish that
        // now rather than when this writer closes.
        let wal_left = wal_has_content();
        let encrypted = known.unwrap_or_else(|| cipher::is_encrypted(path));
        let mut conn = open::connect_as(path, access, known)?;
        if access == Access::Write {
            if wal_left {
                // Without waiting: a reader busy in the WAL makes it copy what it can now
                // (SQLite then goes on as a passive checkpoint) and leaves the rest to the
                // next checkpoint, rather than delaying the start.
                conn.busy_timeout(std::time::Duration::ZERO)?;
                let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
                conn.busy_timeout(std::time::Duration::from_secs(5))?;
            }
            migrations::migrate(&mut conn)?;
            search_records::settle(&mut conn)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            actor: default_actor(),
            clock: None,
            encrypted,
            _open: open_books::register(path, encrypted, lock.as_mut().and_then(|l| l.book.take())),
            _lock: lock,
        })
    }

    /// An in-memory store for unit tests of code above the store.
    pub fn in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn)?;
        search_records::settle(&mut conn)?;
        Ok(Store {
            conn,
            path: PathBuf::from(":memory:"),
            actor: default_actor(),
            clock: None,
            encrypted: false,
            _open: open_books::register(Path::new(":memory:"), false, None),
            _lock: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the book is encrypted (SQLCipher).
    pub fn is_encrypted(&self) -> bool {
        self.encrypted
    }

    /// Who history rows name as the author (填表人); the login name by default.
    pub fn set_actor(&mut self, actor: &str) {
        self.actor = actor.to_string();
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Fixes "now" for tests and reproducible demo data.
    pub fn set_clock(&mut self, now: Option<NaiveDateTime>) {
        self.clock = now;
    }

    pub fn now(&self) -> NaiveDateTime {
        self.clock
            .unwrap_or_else(|| chrono::Local::now().naive_local())
    }

    /// Lets the file grow by at most `pages` more pages on this connection: a full disk on
    /// demand, for the tests that prove a full disk loses nothing.
    #[doc(hidden)]
    pub fn cap_growth_for_tests(&self, pages: u32) -> Result<()> {
        let now: u32 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        self.conn.query_row(
            &format!("PRAGMA max_page_count = {}", now + pages),
            [],
            |_| Ok(()),
        )?;
        Ok(())
    }

    /// Reads the file through a memory map on this connection from now on: a scan of every
    /// deal or account then copies no page through `read` (the deal scan of an analysis at
    /// 100,000 accounts: 0.09 s → 0.05 s). For one-shot reports, not the long-lived
    /// interface, whose resident memory would grow by the pages it touched. SQLCipher ignores
    /// it (an encrypted page must be decrypted into the cache anyway).
    pub fn map_for_scans(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA mmap_size = 4294967296", [], |_| Ok(()))
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(()),
                e => Err(e),
            })?;
        Ok(())
    }

    /// A second, short-lived read connection to the same file, so that two scans can run on
    /// the two cores at once; none for an in-memory store (or if the file cannot be opened
    /// again, when the caller reads on this connection instead).
    pub fn another_reader(&self) -> Option<Store> {
        if self.path.as_os_str() == ":memory:" {
            return None;
        }
        let mut other = Store::open(&self.path, Access::Read).ok()?;
        other.clock = self.clock;
        other.actor = self.actor.clone();
        other.map_for_scans().ok()?;
        Some(other)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

fn default_actor() -> String {
    ["KAM_USER", "USER", "USERNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "kam".to_string())
}

/// One sentence for a database error a person can act on.
pub fn describe(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseBusy) | Some(DatabaseLocked) => {
            "the database is busy (another program is writing to it)".into()
        }
        Some(DiskFull) => "the disk is full; nothing was saved".into(),
        Some(NotADatabase) => "it is not a database file".into(),
        Some(DatabaseCorrupt) => "the database file is damaged; restore it from a backup".into(),
        Some(ReadOnly) => "the database is read-only here (check the file's permissions)".into(),
        Some(CannotOpen) => {
            "it cannot be opened (does the directory exist and is it writable?)".into()
        }
        Some(PermissionDenied) => "permission denied".into(),
        Some(SystemIoFailure) => "a disk read or write failed".into(),
        _ => e.to_string(),
    }
}
