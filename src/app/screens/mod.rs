//! Which screen is showing, stored once: the `Screen` under any overlay holds its own state,
//! the screens below it wait on a back stack, and screens closed are kept to reopen where
//! they were. Central code (moving, refreshing after a save, Esc) asks the screen; it never
//! needs to know every screen.

pub mod analytics;
pub mod attachments;
pub mod brief;
pub mod catalogue;
pub mod custom_fields;
pub mod detail;
pub mod import_map;
pub mod list;
pub mod map;
pub mod planner;
pub mod reminders;
pub mod report;
pub mod targets;
pub mod trash;
pub mod week_plan;
mod welcome;

use super::screen::{Screen, ScreenState, View, Welcome};
use super::{Action, App};
use anyhow::Result;
use list::ListState;

impl App {
    /// Which screen is showing.
    pub fn view(&self) -> View {
        self.screen.view()
    }

    /// The screen shown, then the ones below it, then the ones closed.
    fn screens(&self) -> impl Iterator<Item = &Screen> {
        std::iter::once(&self.screen)
            .chain(self.back.iter().rev())
            .chain(self.kept.iter())
    }

    fn screens_mut(&mut self) -> impl Iterator<Item = &mut Screen> {
        std::iter::once(&mut self.screen)
            .chain(self.back.iter_mut().rev())
            .chain(self.kept.iter_mut())
    }

    /// The screen of a kind, wherever it is (shown, below, or closed).
    pub(super) fn find<S: ScreenState>(&self) -> Option<&S> {
        self.screens().find_map(|s| s.get::<S>())
    }

    pub(super) fn find_mut<S: ScreenState>(&mut self) -> Option<&mut S> {
        self.screens_mut().find_map(|s| s.get_mut::<S>())
    }

    /// The screen shown, when it is of a kind (drawing asks for the type its view names).
    pub fn shown<S: ScreenState>(&self) -> Option<&S> {
        self.screen.get::<S>()
    }

    /// The screen shown, when it is of a kind.
    pub(super) fn shown_mut<S: ScreenState>(&mut self) -> Option<&mut S> {
        self.screen.get_mut::<S>()
    }

    /// Puts a screen's new state where the old one is; a screen not open yet is kept until
    /// shown.
    pub(super) fn put(&mut self, screen: Screen) {
        let view = screen.view();
        let place = self.screens_mut().find(|s| s.view() == view);
        if let Some(s) = place {
            *s = screen;
            return;
        }
        self.kept.push(screen);
    }

    /// Shows the screen of a kind put (or kept) before, also one waiting below the account
    /// open (analytics, when the account was opened on it).
    pub(super) fn show_kept(&mut self, view: View) {
        if self.screen.view() == view {
            return;
        }
        if let Some(i) = self.kept.iter().position(|s| s.view() == view) {
            let screen = self.kept.remove(i);
            self.show(screen);
        } else if let Some(i) = self.back.iter().position(|s| s.view() == view) {
            let screen = self.back.remove(i);
            self.show(screen);
        }
    }

    /// Shows a screen. The list (or welcome) stays at the bottom; an account's detail sits
    /// on it, above the screen it was opened on (analytics, agenda, report, planner, brief),
    /// so Esc returns there; a screen reached from anywhere sits on either and replaces
    /// another such screen, so Esc leads to the account open, or the list.
    pub(super) fn show(&mut self, screen: Screen) {
        let view = screen.view();
        if !screen.is_home() {
            // One of a kind: the one shown now, not an older one waiting below.
            for i in (0..self.back.len()).rev() {
                if self.back[i].view() == view {
                    let s = self.back.remove(i);
                    self.keep(s);
                }
            }
        }
        let old = std::mem::replace(&mut self.screen, screen);
        if self.screen.is_home() {
            self.keep(old);
            for s in std::mem::take(&mut self.back) {
                self.keep(s);
            }
        } else if view == View::Detail {
            // Only one account open: an account below goes; the screens it was reached
            // through stay, in their order.
            let mut below = std::mem::take(&mut self.back);
            below.push(old);
            for s in below {
                let home_first = s.is_home() && self.back.is_empty();
                if home_first || (!self.back.is_empty() && !s.is_home() && s.view() != View::Detail)
                {
                    self.back.push(s);
                } else {
                    self.keep(s);
                }
            }
        } else if old.is_home()
            || old.view() == View::Detail
            || matches!(self.screen.view(), View::Brief | View::WeekPlan | View::Map)
        {
            // A brief, or the week proposed, is opened on the way from another screen (the
            // planner): Esc goes back to where it was opened.
            self.back.push(old);
        } else {
            self.keep(old);
        }
    }

    /// A screen left: one reached from anywhere is kept to reopen where it was; the list and
    /// an account's detail are not.
    fn keep(&mut self, screen: Screen) {
        if screen.is_home() || screen.view() == View::Detail {
            return;
        }
        self.kept.retain(|s| s.view() != screen.view());
        self.kept.push(screen);
    }

    /// Esc: the screen below, or the list.
    pub(super) fn go_back(&mut self) {
        match self.back.pop() {
            Some(below) => {
                let left = std::mem::replace(&mut self.screen, below);
                self.keep(left);
            }
            None => self.go_home(),
        }
        self.settle_home();
    }

    /// The list (or the welcome of an empty book), nothing above it.
    pub(super) fn go_home(&mut self) {
        if !self.screen.is_home() {
            let home = match self.back.first() {
                Some(s) if s.is_home() => self.back.remove(0),
                _ => Box::new(Welcome),
            };
            self.show(home);
        }
        self.settle_home();
    }

    /// The bottom of the stack follows the book: the welcome when it is empty, the list once
    /// it has an account.
    pub(super) fn settle_home(&mut self) {
        let empty = self.finder.is_empty() && !self.is_loading();
        let home = self.back.first_mut().unwrap_or(&mut self.screen);
        match home.view() {
            View::Welcome if !empty => {
                let mut list = ListState::default();
                list.rebuild(&self.finder);
                *home = Box::new(list);
            }
            View::List if empty => *home = Box::new(Welcome),
            _ => {}
        }
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        self.screen.move_by(delta);
    }

    /// After a save: the finder, the list and an open detail screen show the new state.
    pub(super) fn refresh_account(&mut self, account_id: i64) -> Result<()> {
        self.touched_while_loading(account_id);
        match self.store.account_summary(account_id)? {
            Some(summary) => {
                let contacts = self.store.contact_keys_of(account_id)?;
                self.finder.upsert(summary, contacts);
            }
            None => self.finder.remove(account_id),
        }
        if self.view() == View::Welcome && !self.finder.is_empty() {
            self.settle_home();
        }
        let (store, finder) = (&self.store, &self.finder);
        for s in std::iter::once(&mut self.screen).chain(self.back.iter_mut()) {
            s.account_changed(store, finder, account_id)?;
        }
        Ok(())
    }

    /// The agenda, the report and the dashboard, when shown.
    pub(super) fn refresh_agenda(&mut self) -> Result<()> {
        self.screen.refresh(&self.store, self.today)
    }

    /// After a change made on a screen opened over another (the week proposed, over the
    /// planner): the screens below read the book again too, so Esc shows them as they are.
    pub(super) fn refresh_agendas_below(&mut self) -> Result<()> {
        let (store, today) = (&self.store, self.today);
        for s in self.back.iter_mut() {
            s.refresh(store, today)?;
        }
        Ok(())
    }

    /// The list's rows, after the finder changed.
    pub(super) fn rebuild_list(&mut self) {
        let finder = &self.finder;
        for s in std::iter::once(&mut self.screen).chain(self.back.iter_mut()) {
            if let Some(l) = s.get_mut::<ListState>() {
                l.rebuild(finder);
            }
        }
    }

    /// The keys of the screen shown, when no overlay takes them.
    pub(super) fn on_screen(&mut self, action: Action) -> Result<()> {
        match self.view() {
            View::Welcome => self.on_welcome(action),
            View::List => self.on_list(action),
            View::Detail => self.on_detail(action),
            View::Trash => self.on_trash(action),
            View::Planner => self.on_planner(action),
            View::Report => self.on_report(action),
            View::Reminders => self.on_reminders(action),
            View::Analytics => self.on_analytics(action),
            View::ImportMap => self.on_import_map(action),
            View::Brief => self.on_brief(action),
            View::WeekPlan => self.on_week_plan(action),
            View::Catalogue => self.on_catalogue(action),
            View::Targets => self.on_targets(action),
            View::Map => self.on_map(action),
            View::Attachments => self.on_attachments(action),
            View::CustomFields => self.on_custom_fields(action),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::store::Store;

    fn app() -> App {
        let mut app = App::new(Store::in_memory().unwrap(), Lang::En).unwrap();
        assert_eq!(app.view(), View::Welcome);
        app.update(Action::LoadDemo);
        assert_eq!(app.view(), View::List);
        app
    }

    #[test]
    fn esc_leads_to_the_open_account_then_the_list() {
        let mut app = app();
        app.update(Action::Open);
        assert_eq!(app.view(), View::Detail);
        // A screen reached from anywhere replaces another such screen.
        app.update(Action::OpenPlanner);
        app.update(Action::OpenReport);
        assert_eq!(app.view(), View::Report);
        app.update(Action::Back);
        assert_eq!(app.view(), View::Detail);
        app.update(Action::Back);
        assert_eq!(app.view(), View::List);
        assert!(app.back.is_empty() && app.detail().is_none());
    }

    /// Each kind of screen is stored once, wherever it is.
    fn once_each(app: &App) {
        let kinds: Vec<View> = app.screens().map(|s| s.view()).collect();
        for v in &kinds {
            assert_eq!(kinds.iter().filter(|k| *k == v).count(), 1, "{kinds:?}");
        }
    }

    #[test]
    fn esc_from_an_account_opened_on_a_screen_returns_to_that_screen() {
        for (open, view) in [
            (Action::OpenAnalytics, View::Analytics),
            (Action::OpenReminders, View::Reminders),
            (Action::OpenReport, View::Report),
            (Action::OpenPlanner, View::Planner),
        ] {
            let mut app = app();
            // The report of a week with visits in it.
            let opened = |app: &mut App| {
                app.update(open.clone());
                assert_eq!(app.view(), view);
                if view == View::Report && app.report().unwrap().weekly.is_none() {
                    app.update(Action::ReportWeekly);
                }
                for _ in 0..8 {
                    if view != View::Report
                        || app.report().and_then(|r| r.selected_account()).is_some()
                    {
                        break;
                    }
                    app.update(Action::PrevPeriod);
                }
            };
            opened(&mut app);
            app.update(Action::Open);
            assert_eq!(app.view(), View::Detail, "{view:?} opens its account");
            app.update(Action::Back);
            assert_eq!(app.view(), view, "Esc from the account opened on it");
            once_each(&app);
            app.update(Action::Back);
            assert_eq!(app.view(), View::List);
            // Reached again from the account, the screen is not left twice on the stack.
            opened(&mut app);
            app.update(Action::Open);
            assert_eq!(app.view(), View::Detail, "{view:?} opens its account again");
            app.update(open.clone());
            assert_eq!(app.view(), view, "{view:?} from its account");
            once_each(&app);
            app.update(Action::Back);
            assert_eq!(
                app.view(),
                View::Detail,
                "{view:?}: Esc to the account it was opened on"
            );
            app.update(Action::Back);
            assert_eq!(app.view(), View::List, "{view:?}");
        }
    }

    #[test]
    fn a_screen_closed_reopens_where_it_was() {
        let mut app = app();
        app.update(Action::OpenAnalytics);
        let period = app.analytics().unwrap().period;
        app.update(Action::PrevPeriod);
        let earlier = app.analytics().unwrap().period;
        assert_ne!(earlier, period);
        app.update(Action::Back);
        assert_eq!(app.view(), View::List);
        app.update(Action::OpenAnalytics);
        assert_eq!(app.analytics().unwrap().period, earlier);
        // Each kind of screen is stored once, wherever it is.
        let kinds: Vec<View> = app.screens().map(|s| s.view()).collect();
        for v in &kinds {
            assert_eq!(kinds.iter().filter(|k| *k == v).count(), 1, "{kinds:?}");
        }
    }
}
