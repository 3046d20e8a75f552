//! The reminders gathered in the background at start, while the first screen is already
//! up; the dashboard itself is `screens::reminders`.

use super::jobs::{take_done, Job};
use super::screens::reminders::RemindersState;
use super::{App, Status, View};
use crate::i18n::t_args;

impl App {
    /// At start on a large book the rules take a while: the list is drawn at once and the
    /// dashboard replaces it when ready, unless a key was pressed meanwhile (then the status
    /// line says how many reminders there are).
    pub fn show_reminders_in_background(&mut self) {
        if self.view() != View::List {
            return;
        }
        if self.is_loading() {
            self.jobs.reminders_after_load = true;
        } else {
            self.gather_reminders_in_background();
        }
    }

    /// Starts gathering the reminders (at start, or once the finder is in).
    pub(super) fn gather_reminders_in_background(&mut self) {
        let (path, today) = (self.store.path().to_path_buf(), self.today);
        self.jobs.reminders = Some(Job::reading("gathering reminders", path, move |s| {
            RemindersState::gather(s, today)
        }));
    }

    /// Takes in the reminders gathered in the background; true when the screen changed.
    pub(super) fn tick_reminders(&mut self) -> bool {
        let Some(found) = take_done(&mut self.jobs.reminders) else {
            return false;
        };
        self.take_reminders(found)
    }

    /// Puts gathered reminders in place (see [`App::show_reminders_in_background`]); true
    /// when the screen changed.
    pub(super) fn take_reminders(
        &mut self,
        found: anyhow::Result<crate::visits::Gathered>,
    ) -> bool {
        let state = match found {
            Ok(g) => RemindersState::of(g),
            Err(e) => {
                self.fail(e);
                return true;
            }
        };
        if state.items.is_empty() {
            return false;
        }
        let count: usize = state.counts.iter().map(|(_, n)| n).sum();
        self.put(Box::new(state));
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
