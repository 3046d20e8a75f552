//! The reminders gathered in the background at start, while the first screen is already
//! up; the dashboard itself is `screens::reminders`.

use super::jobs::{take_done, Job};
use super::screens::reminders::{dashboard_order, RemindersState, DAYS_AHEAD};
use super::{App, Status, View};
use crate::i18n::t_args;
use crate::visits::reminders;

impl App {
    /// At start on a large book the rules take a while: the list is drawn at once and the
    /// dashboard replaces it when ready, unless a key was pressed meanwhile (then the status
    /// line says how many reminders there are).
    pub fn show_reminders_in_background(&mut self) {
        if self.view() != View::List {
            return;
        }
        let (path, today) = (self.store.path().to_path_buf(), self.today);
        self.jobs.reminders = Some(Job::reading("gathering reminders", path, move |s| {
            reminders(s, today, DAYS_AHEAD)
        }));
    }

    /// Takes in the reminders gathered in the background; true when the screen changed.
    pub(super) fn tick_reminders(&mut self) -> bool {
        let Some(found) = take_done(&mut self.jobs.reminders) else {
            return false;
        };
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
        self.put(Box::new(RemindersState { items, selected: 0 }));
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
}
