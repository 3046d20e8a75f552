//! The checks when the interface starts, on a connection of their own so a large file never
//! delays the first screen: a quick integrity check of the book, then the daily automatic
//! backup. A damaged book or a failed backup is said on the status line.

use super::{App, Status};
use crate::i18n::t_args;
use crate::store::backups::{daily_backup, damage};
use anyhow::Result;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};

/// What the start-up checks found: damage in the book, or the backup's outcome.
pub enum StartChecks {
    Damaged(String),
    Backup(Result<Option<PathBuf>>),
}

pub type PendingBackup = Receiver<StartChecks>;

impl App {
    pub fn start_daily_backup(&mut self) {
        let (path, today) = (self.store.path().to_path_buf(), self.today);
        if path.as_os_str() == ":memory:" {
            return;
        }
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let found = match damage(&path) {
                Ok(Some(why)) => StartChecks::Damaged(why),
                Ok(None) => StartChecks::Backup(daily_backup(&path, today)),
                Err(e) => StartChecks::Backup(Err(e)),
            };
            let _ = tx.send(found);
        });
        self.pending_backup = Some(rx);
    }

    /// Takes in the backup's outcome; true when the screen changed.
    pub(super) fn tick_backup(&mut self) -> bool {
        let Some(rx) = &self.pending_backup else {
            return false;
        };
        let done = match rx.try_recv() {
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err(anyhow::anyhow!("it stopped")),
            Ok(StartChecks::Backup(done)) => done,
            Ok(StartChecks::Damaged(why)) => {
                self.pending_backup = None;
                self.status = Some(Status {
                    text: t_args(self.lang, "status-book-damaged", &[("why", why.into())]),
                    error: true,
                });
                return true;
            }
        };
        self.pending_backup = None;
        match done {
            Err(e) => {
                self.status = Some(Status {
                    text: t_args(
                        self.lang,
                        "status-backup-failed",
                        &[("why", crate::error::sentence(&e).into())],
                    ),
                    error: true,
                });
                true
            }
            Ok(_) => false,
        }
    }
}
