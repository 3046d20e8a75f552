//! The checks when the interface starts, on a connection of their own so a large file never
//! delays the first screen: a quick integrity check of the book, then the daily automatic
//! backup. A damaged book or a failed backup is said on the status line.

use super::jobs::{take_done, Job, StartChecks};
use super::{App, Status};
use crate::i18n::t_args;
use crate::store::backups::{daily_backup, damage};

impl App {
    pub fn start_daily_backup(&mut self) {
        let (path, today) = (self.store.path().to_path_buf(), self.today);
        if path.as_os_str() == ":memory:" {
            return;
        }
        self.jobs.start_checks = Some(Job::spawn("the daily backup", move || {
            Ok(match damage(&path)? {
                Some(why) => StartChecks::Damaged(why),
                None => StartChecks::BackedUp(daily_backup(&path, today)?),
            })
        }));
    }

    /// Takes in the checks' outcome; true when the screen changed.
    pub(super) fn tick_backup(&mut self) -> bool {
        let Some(done) = take_done(&mut self.jobs.start_checks) else {
            return false;
        };
        let (id, why) = match done {
            Ok(StartChecks::BackedUp(_)) => return false,
            Ok(StartChecks::Damaged(why)) => {
                self.jobs.damage_said = true;
                ("status-book-damaged", why)
            }
            Err(e) => (
                "status-backup-failed",
                crate::error::sentence_in(self.lang, &e),
            ),
        };
        self.status = Some(Status {
            text: t_args(self.lang, id, &[("why", why.into())]),
            error: true,
        });
        true
    }
}
