//! The `Store`: one open book, with its connection, its path, who history rows name as the
//! author, and its clock. Opening it is `open.rs`; every other file of the store adds the
//! methods of one aggregate. This file imports nothing of theirs, so each can name `Store`
//! without a loop.

use super::files::WriterLock;
use super::open_books;
use anyhow::Result;
use chrono::NaiveDateTime;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub struct Store {
    // Field order matters: the connection closes before the writer lock is released.
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
    pub(super) actor: String,
    pub(super) clock: Option<NaiveDateTime>,
    /// Whether the file is encrypted, read once at open: reading it again from the file
    /// while the connection is open would close a descriptor of the database, which drops
    /// the POSIX locks SQLite holds on it in this process (see `open_books`).
    pub(super) encrypted: bool,
    /// The rep a read connection is narrowed to (`rep_scope.rs`).
    pub(super) rep: Option<String>,
    pub(super) _open: open_books::OpenBook,
    pub(super) _lock: Option<WriterLock>,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the book is encrypted (SQLCipher 4 format).
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

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
