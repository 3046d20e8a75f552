//! The daily automatic backup, taken on its own connection when the interface starts, so a
//! large file never delays the first screen. A failure is said on the status line.

use super::{App, Status};
use crate::i18n::t_args;
use crate::store::backups::daily_backup;
use anyhow::Result;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, TryRecvError};

pub type PendingBackup = Receiver<Result<Option<PathBuf>>>;

impl App {
    pub fn start_daily_backup(&mut self) {
        let (path, today) = (self.store.path().to_path_buf(), self.today);
        if path.as_os_str() == ":memory:" {
            return;
        }
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(daily_backup(&path, today));
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
            Ok(done) => done,
        };
        self.pending_backup = None;
        match done {
            Err(e) => {
                self.status = Some(Status {
                    text: t_args(
                        self.lang,
                        "status-backup-failed",
                        &[("why", crate::cli::sentence(&e).into())],
                    ),
                    error: true,
                });
                true
            }
            Ok(_) => false,
        }
    }
}
