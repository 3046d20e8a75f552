//! The reminders dashboard (提醒): shown at start when there is something to remind of, and
//! on `b`. Each item opens its account. The rules live in `visits::reminders`.

use super::{Action, App, Screen, Status, View};
use crate::i18n::t_args;
use crate::store::{Access, Store};
use crate::visits::{reminders, Reminder};
use anyhow::Result;
use std::sync::mpsc::{channel, Receiver, TryRecvError};

/// Birthdays and family dates this many days ahead, as `kam remind` by default.
pub const DAYS_AHEAD: u32 = 14;

#[derive(Debug, Clone, PartialEq)]
pub struct RemindersState {
    pub items: Vec<Reminder>,
    pub selected: usize,
}

/// Reminders being gathered on their own connection while the first screen is already up.
pub type Pending = Receiver<Result<Vec<Reminder>>>;

/// The dashboard reads by kind (today's visits first), within a kind by date.
fn dashboard_order(items: &mut [Reminder]) {
    items.sort_by_key(|r| (r.kind, r.date));
}

impl RemindersState {
    /// What is due, the selection kept (clamped) from before.
    fn load(store: &Store, today: chrono::NaiveDate, selected: usize) -> Result<RemindersState> {
        let mut items = reminders(store, today, DAYS_AHEAD)?;
        dashboard_order(&mut items);
        let selected = selected.min(items.len().saturating_sub(1));
        Ok(RemindersState { items, selected })
    }

    /// After any save: a done plan or a closed complaint leaves the dashboard at once.
    pub(super) fn reload(&mut self, store: &Store, today: chrono::NaiveDate) -> Result<()> {
        *self = RemindersState::load(store, today, self.selected)?;
        Ok(())
    }
}

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

    /// The screen a newcomer sees first: the dashboard when something is due, else the list.
    pub fn show_reminders_at_start(&mut self) -> Result<()> {
        if self.view() != View::List {
            return Ok(());
        }
        self.load_reminders()?;
        if self.reminders().is_some_and(|r| !r.items.is_empty()) {
            self.show_kept(View::Reminders);
        }
        Ok(())
    }

    pub(super) fn open_reminders(&mut self) -> Result<()> {
        self.load_reminders()?;
        self.show_kept(View::Reminders);
        Ok(())
    }

    fn load_reminders(&mut self) -> Result<()> {
        let selected = self.reminders().map_or(0, |r| r.selected);
        let state = RemindersState::load(&self.store, self.today, selected)?;
        self.put(Screen::Reminders(state));
        Ok(())
    }

    pub(super) fn on_reminders(&mut self, action: Action) -> Result<()> {
        match action {
            Action::Back => self.go_back(),
            Action::Open => {
                let id = self
                    .reminders()
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
