//! The reminders dashboard (提醒): shown at start when there is something to remind of, and
//! on `b`. Each item opens its account. The rules live in `visits::reminders`; gathering
//! them in the background at start is `app::reminders`.

use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App};
use crate::store::Store;
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
pub(in crate::app) fn dashboard_order(items: &mut [Reminder]) {
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
    pub(in crate::app) fn reload(&mut self, store: &Store, today: chrono::NaiveDate) -> Result<()> {
        *self = RemindersState::load(store, today, self.selected)?;
        Ok(())
    }
}

impl App {
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

    pub(in crate::app) fn open_reminders(&mut self) -> Result<()> {
        self.load_reminders()?;
        self.show_kept(View::Reminders);
        Ok(())
    }

    fn load_reminders(&mut self) -> Result<()> {
        let selected = self.reminders().map_or(0, |r| r.selected);
        let state = RemindersState::load(&self.store, self.today, selected)?;
        self.put(Box::new(state));
        Ok(())
    }

    pub(in crate::app) fn on_reminders(&mut self, action: Action) -> Result<()> {
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

/// Where the screen is kept (shown, below, or closed).
impl App {
    pub fn reminders(&self) -> Option<&RemindersState> {
        self.find::<RemindersState>()
    }
}

impl ScreenState for RemindersState {
    fn view(&self) -> View {
        View::Reminders
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.items.len(), delta);
    }

    fn refresh(&mut self, store: &Store, today: chrono::NaiveDate) -> Result<()> {
        self.reload(store, today)
    }
}
