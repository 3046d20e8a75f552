//! The reminders dashboard (提醒): shown at start when there is something to remind of, and
//! on `b`. Each item opens its account. The rules live in `visits::reminders`; gathering
//! them in the background at start is `app::reminders`.

use crate::app::screen::{step, ScreenState, View};
use crate::app::screens::detail::Tab;
use crate::app::{Action, App};
use crate::domain::record::RecordKind;
use crate::store::Store;
use crate::visits::{gather, Gathered, Reminder, ReminderKind};
use anyhow::Result;

/// Birthdays and family dates this many days ahead, as `kam remind` by default.
pub const DAYS_AHEAD: u32 = 14;

/// Reminders of one kind kept for the dashboard: the earliest, the rest counted. A big book
/// has tens of thousands (68,000 at 100,000 accounts, 20 MB held), more than anyone reads
/// on a screen; `kam remind` lists every one.
pub const SHOWN_PER_KIND: usize = 200;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct RemindersState {
    /// The earliest [`SHOWN_PER_KIND`] of each kind, in the dashboard's order.
    pub items: Vec<Reminder>,
    /// How many of each kind are due in all, in the dashboard's order.
    pub counts: Vec<(ReminderKind, usize)>,
    pub selected: usize,
}

/// The dashboard reads by kind (today's visits first), within a kind by date.
pub(in crate::app) fn dashboard_order(items: &mut [Reminder]) {
    items.sort_by_key(|r| (r.kind, r.date));
}

impl RemindersState {
    /// What is due, the selection kept (clamped) from before.
    fn load(store: &Store, today: chrono::NaiveDate, selected: usize) -> Result<RemindersState> {
        let mut state = RemindersState::of(RemindersState::gather(store, today)?);
        state.selected = selected.min(state.items.len().saturating_sub(1));
        Ok(state)
    }

    /// Every reminder due counted, the earliest of each kind kept (they come by date).
    pub(in crate::app) fn gather(store: &Store, today: chrono::NaiveDate) -> Result<Gathered> {
        gather(store, today, DAYS_AHEAD, SHOWN_PER_KIND)
    }

    /// The dashboard of what was gathered, in its order.
    pub(in crate::app) fn of(g: Gathered) -> RemindersState {
        let mut items = g.items;
        dashboard_order(&mut items);
        RemindersState {
            items,
            counts: g.counts,
            selected: 0,
        }
    }

    /// Whether some reminders are counted but not kept.
    pub fn is_cut(&self) -> bool {
        self.counts.iter().any(|(_, n)| *n > SHOWN_PER_KIND)
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

    /// Enter opens the account on the tab the reminder is about, its record selected; `N`
    /// plans a visit to it (the reminders come back with it gone once planned); `B` reads
    /// its brief first.
    pub(in crate::app) fn on_reminders(&mut self, action: Action) -> Result<()> {
        let item = self
            .reminders()
            .and_then(|r| r.items.get(r.selected))
            .map(|item| (item.account_id, item.kind, item.record_id));
        match (action, item) {
            (Action::Back, _) => self.go_back(),
            (Action::Open, Some((account_id, kind, record_id))) => {
                self.open_account(account_id)?;
                if let (Some((tab, of)), Some(d)) = (tab_of(kind), self.detail_mut()) {
                    d.show_record(tab, of, record_id);
                }
            }
            (Action::NewPlan, Some((account_id, ..))) => self.plan_form(account_id)?,
            (Action::OpenBrief, Some((account_id, ..))) => self.open_brief(account_id, None)?,
            _ => {}
        }
        Ok(())
    }
}

/// The account's tab a reminder is about, and the kind of its record there (the record is
/// selected when it is one of the tab's); `None` for the overview.
fn tab_of(kind: ReminderKind) -> Option<(Tab, RecordKind)> {
    use RecordKind as R;
    Some(match kind {
        ReminderKind::Birthday
        | ReminderKind::FamilyDate
        | ReminderKind::KeepInTouch
        | ReminderKind::OneContact => (Tab::Contacts, R::Contact),
        ReminderKind::ServiceOpenTooLong => (Tab::Service, R::ServiceRecord),
        ReminderKind::OpenComplaint => (Tab::Feedback, R::Feedback),
        ReminderKind::PromiseOverdue => (Tab::Communications, R::Communication),
        ReminderKind::OverdueNextVisit | ReminderKind::CadenceDue => (Tab::Visits, R::VisitReport),
        ReminderKind::PlannedToday | ReminderKind::PlannedThisWeek => (Tab::Visits, R::VisitPlan),
        ReminderKind::PaymentOverdue | ReminderKind::ReorderDue => (Tab::Deals, R::Deal),
        ReminderKind::NoContact => return None,
    })
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
