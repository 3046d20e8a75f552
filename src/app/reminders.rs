//! The reminders dashboard (提醒): shown at start when there is something to remind of, and
//! on `b`. Each item opens its account. The rules live in `visits::reminders`.

use super::jobs::{take_done, Job};
use super::{Action, App, Status, View};
use crate::i18n::t_args;
use crate::visits::{reminders, Reminder};
use anyhow::Result;

/// Birthdays and family dates this many days ahead, as `kam remind` by default.
pub const DAYS_AHEAD: u32 = 14;

#[derive(Debug, Clone, PartialEq)]
pub struct RemindersState {
    pub items: Vec<Reminder>,
    pub selected: usize,
}

/// The dashboard reads by kind (today's visits first), within a kind by date.
fn dashboard_order(items: &mut [Reminder]) {
    items.sort_by_key(|r| (r.kind, r.date));
}

impl App {
    /// At start on a large book the rules take a while: the list is drawn at once and the
    /// dashboard replaces it when ready, unless a key was pressed meanwhile (then the status
    /// line says how many reminders there are).
    pub fn show_reminders_in_background(&mut self) {
        if self.view != View::List {
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
        self.reminders = Some(RemindersState { items, selected: 0 });
        if self.view == View::List && !self.touched {
            self.view = View::Reminders;
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

    /// The screen a newcomer sees first: the dashboard when something is due, else the list.
    pub fn show_reminders_at_start(&mut self) -> Result<()> {
        if self.view != View::List {
            return Ok(());
        }
        self.load_reminders()?;
        if self.reminders.as_ref().is_some_and(|r| !r.items.is_empty()) {
            self.view = View::Reminders;
        }
        Ok(())
    }

    pub(super) fn open_reminders(&mut self) -> Result<()> {
        self.load_reminders()?;
        self.view = View::Reminders;
        Ok(())
    }

    fn load_reminders(&mut self) -> Result<()> {
        let mut items = reminders(&self.store, self.today, DAYS_AHEAD)?;
        dashboard_order(&mut items);
        let selected = self
            .reminders
            .as_ref()
            .map_or(0, |r| r.selected)
            .min(items.len().saturating_sub(1));
        self.reminders = Some(RemindersState { items, selected });
        Ok(())
    }

    /// After any save: a done plan or a closed complaint leaves the dashboard at once.
    pub(super) fn refresh_reminders(&mut self) -> Result<()> {
        if self.view == View::Reminders {
            self.load_reminders()?;
        }
        Ok(())
    }

    pub(super) fn on_reminders(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Back => self.view = self.home_view(),
            Action::Open => {
                let id = self
                    .reminders
                    .as_ref()
                    .and_then(|r| r.items.get(r.selected))
                    .map(|item| item.account_id);
                if let Some(id) = id {
                    self.open_account(id)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}
