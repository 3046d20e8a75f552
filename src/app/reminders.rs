//! The reminders gathered in the background at start, while the first screen is already
//! up; the dashboard itself is `screens::reminders`.

use super::screens::reminders::{dashboard_order, RemindersState, DAYS_AHEAD};
use super::{App, Screen, Status, View};
use crate::i18n::t_args;
use crate::store::{Access, Store};
use crate::visits::{reminders, Reminder};
use anyhow::Result;
use std::sync::mpsc::{channel, Receiver, TryRecvError};

/// Reminders being gathered on their own connection while the first screen is already up.
pub type Pending = Receiver<Result<Vec<Reminder>>>;

impl App {
    /// At start on a large book the rules take a while: the list is drawn at once and the
    /// dashboard replaces it when ready, unless a key was pressed meanwhile (then the status
    /// line says how many reminders there are).
    pub fn show_reminders_in_background(&mut self) {
        if self.view() != View::List {
            return;
        }
        let (path, today) = (self.store.path().to_path_buf(), self.today);
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let found =
                Store::open(&path, Access::Read).and_then(|s| reminders(&s, today, DAYS_AHEAD));
            let _ = tx.send(found);
        });
        self.pending_reminders = Some(rx);
    }

    /// Takes in finished background work; true when the screen changed.
    pub fn tick(&mut self) -> bool {
        let locked = self.check_idle();
        let backup = self.tick_backup();
        let grades = self.tick_grades();
        self.tick_reminders() || backup || locked || grades
    }

    fn tick_reminders(&mut self) -> bool {
        let Some(rx) = &self.pending_reminders else {
            return false;
        };
        let found = match rx.try_recv() {
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => {
                self.pending_reminders = None;
                return false;
            }
            Ok(found) => found,
        };
        self.pending_reminders = None;
        let mut items = match found {
            Ok(items) => items,
            Err(e) => {
                self.fail(e);
                return true;
            }
        };
        if items.is_empty() {
            return false;
        }
        dashboard_order(&mut items);
        let count = items.len();
        self.put(Screen::Reminders(RemindersState { items, selected: 0 }));
        if self.view() == View::List && !self.touched {
            self.show_kept(View::Reminders);
        } else {
            self.status = Some(Status {
                text: t_args(
                    self.lang,
                    "status-reminders-ready",
                    &[("count", count.into())],
                ),
                error: false,
            });
        }
        true
    }

    /// Whether background work is under way (the loop then polls instead of waiting).
    pub fn is_busy(&self) -> bool {
        self.pending_reminders.is_some() || self.pending_backup.is_some() || self.is_grading()
    }
}
