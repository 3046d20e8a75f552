//! Opening a book: refuse what is not ours without touching it, take the single writer lock,
//! put right what an interrupted kam left, bring the schema up to date.

use super::book::Store;
use super::connection::{connect_as, Access};
use super::files::{beside, create_private, lock_writer, refuse_non_regular, refuse_second_name};
use super::{key, migrations, open_books, recovery, search_records};
use anyhow::Result;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

impl Store {
    /// Opens (creating on first write) the database at `path`. A writer takes the single-writer
    /// lock and upgrades the schema; a reader never changes the file.
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        refuse_non_regular(path)?;
        refuse_second_name(path)?;
        let mut lock = match access {
            Access::Write => {
                // Made (owner-only) before the lock, so that the lock is taken on it too.
                create_private(path)?;
                Some(lock_writer(path)?)
            }
            Access::Read => None,
        };
        recovery::at_start(path, lock.is_some())?;
        if access == Access::Read && !path.exists() {
            // A typo in --db must not quietly answer "ok" from a new empty file.
            anyhow::bail!(crate::i18n::Said::new("store-no-database").with("file", path));
        }
        // A WAL with content: a writer is at work (or was cut off).
        let wal_has_content = || std::fs::metadata(beside(path, "-wal")).is_ok_and(|m| m.len() > 0);
        if access == Access::Read
            && std::fs::metadata(path).is_ok_and(|m| m.len() == 0)
            && !wal_has_content()
        {
            // A reading command never writes, not even a schema into an empty file.
            anyhow::bail!(crate::i18n::Said::new("store-empty").with("file", path));
        }
        // Open already in this process (the interface's readers beside its writer): its
        // header is not read again, see `open_books`.
        let known = open_books::known_encryption(path);
        let needs_upgrade = access == Access::Read
            && migrations::version(&connect_as(path, Access::Read, known)?)?
                < migrations::current_version();
        if needs_upgrade {
            // A reader on a new or older file: upgrade it once as a writer, then read.
            drop(Store::open(path, Access::Write)?);
        }
        // A WAL left with content: a writer was cut off, perhaps a `kam forget` between its
        // commit and the checkpoint that takes the erased bytes out of the file. Finish that
        // now rather than when this writer closes.
        let wal_left = wal_has_content();
        let encrypted = known.unwrap_or_else(|| key::is_encrypted(path));
        let mut conn = connect_as(path, access, known)?;
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
            rep: None,
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
            rep: None,
            _open: open_books::register(Path::new(":memory:"), false, None),
            _lock: None,
        })
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
        if let Some(rep) = &self.rep {
            other.narrow_to_rep(rep).ok()?;
        }
        Some(other)
    }
}

fn default_actor() -> String {
    ["KAM_USER", "USER", "USERNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "kam".to_string())
}
