//! The daily visit report screen (客户拜访日报表) for any date, and the weekly summary of
//! the week around it. The report itself is computed by `visits`; this holds which day is
//! shown and which visit is selected.

use crate::app::dialogs::{DateDialog, Dialog};
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App};
use crate::store::Store;
use crate::visits::{daily_report, weekly_summary, DailyReport, WeeklySummary};
use anyhow::Result;
use chrono::{Duration, NaiveDate};

#[derive(Debug, Clone, PartialEq)]
pub struct ReportState {
    pub daily: DailyReport,
    /// Shown instead of the day when set (`w` toggles).
    pub weekly: Option<WeeklySummary>,
    /// The selected visit of the day (Enter opens its account).
    pub selected: usize,
    /// The rep whose visits these are, chosen by a manager (app/report_rep.rs); none: the
    /// whole book.
    pub rep: Option<String>,
}

impl ReportState {
    pub fn date(&self) -> NaiveDate {
        self.daily.date
    }

    pub fn len(&self) -> usize {
        match &self.weekly {
            Some(w) => w.accounts.len(),
            None => self.daily.visits.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The account of the selected row: a visit of the day, or an account of the week.
    pub fn selected_account(&self) -> Option<i64> {
        match &self.weekly {
            Some(w) => w.accounts.get(self.selected).map(|a| a.account_id),
            None => self.daily.visits.get(self.selected).map(|v| v.account_id),
        }
    }
}

impl ReportState {
    /// The report of `date` (or the week around it), the selection kept from `old` when it
    /// showed the same.
    fn load(
        store: &Store,
        date: NaiveDate,
        weekly: bool,
        old: Option<&ReportState>,
        rep: Option<String>,
    ) -> Result<ReportState> {
        let narrowed = crate::app::report_rep::narrowed(store, rep.as_deref())?;
        let store = narrowed.as_ref().unwrap_or(store);
        let daily = daily_report(store, date)?;
        let weekly = if weekly {
            Some(weekly_summary(store, date)?)
        } else {
            None
        };
        let mut state = ReportState {
            daily,
            weekly,
            selected: 0,
            rep,
        };
        if let Some(old) = old {
            if old.weekly.is_some() == state.weekly.is_some() && old.date() == date {
                state.selected = old.selected.min(state.len().saturating_sub(1));
            }
        }
        Ok(state)
    }

    /// After any save: the report shows what was just recorded.
    pub(in crate::app) fn reload(&mut self, store: &Store) -> Result<()> {
        let rep = self.rep.clone();
        *self = ReportState::load(store, self.date(), self.weekly.is_some(), Some(self), rep)?;
        Ok(())
    }
}

impl App {
    pub(in crate::app) fn open_report(&mut self) -> Result<()> {
        self.load_report(self.today, false)?;
        self.show_kept(View::Report);
        Ok(())
    }

    pub(in crate::app) fn load_report(&mut self, date: NaiveDate, weekly: bool) -> Result<()> {
        let rep = self.reports_rep().map(str::to_string);
        let state = ReportState::load(&self.store, date, weekly, self.report(), rep)?;
        self.put(Box::new(state));
        Ok(())
    }

    pub(in crate::app) fn on_report(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let Some(r) = self.report() else {
            return Ok(());
        };
        let (date, weekly) = (r.date(), r.weekly.is_some());
        let step = Duration::days(if weekly { 7 } else { 1 });
        match action {
            Back => self.go_back(),
            PeriodToday => self.load_report(self.today, weekly)?,
            NextPeriod => self.load_report(date + step, weekly)?,
            PrevPeriod => self.load_report(date - step, weekly)?,
            ReportWeekly => self.load_report(date, !weekly)?,
            ChooseDates => self.dialog = Some(Dialog::ReportDate(DateDialog::new(date))),
            ChooseRep => self.choose_rep()?,
            ExportReport => self.export_report()?,
            CopyReport => {
                self.clipboard = Some(self.report_markdown());
                self.ok("status-report-copied");
            }
            Open => {
                if let Some(id) = r.selected_account() {
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
    pub fn report(&self) -> Option<&ReportState> {
        self.find::<ReportState>()
    }
}

impl ScreenState for ReportState {
    fn view(&self) -> View {
        View::Report
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.len(), delta);
    }

    fn refresh(&mut self, store: &Store, _: NaiveDate) -> Result<()> {
        self.reload(store)
    }
}

/// The dialog's value put in place.
impl App {
    /// Shows the report of the day chosen (the week's summary, if it was shown).
    pub(in crate::app) fn show_report_of(&mut self, day: NaiveDate) -> anyhow::Result<()> {
        let weekly = self.report().is_some_and(|r| r.weekly.is_some());
        self.load_report(day, weekly)
    }
}

/// The report out of kam: as Markdown, for a manager reading on a phone or in WeChat.
impl App {
    fn report_markdown(&self) -> String {
        match self.report() {
            Some(r) => match &r.weekly {
                Some(w) => w.to_markdown(self.lang),
                None => r.daily.to_markdown(self.lang),
            },
            None => String::new(),
        }
    }

    /// `x`: `exports/daily-report-2026-11-23.md` (or `weekly-report-…`), owner-only, written
    /// whole or not at all.
    fn export_report(&mut self) -> Result<()> {
        let Some(r) = self.report() else {
            return Ok(());
        };
        let kind = if r.weekly.is_some() {
            "weekly"
        } else {
            "daily"
        };
        let name = format!("{kind}-report-{}.md", r.date());
        let text = self.report_markdown();
        let file = self.exports_dir()?.join(name);
        crate::exchange::write_private(&file, |w| Ok(w.write_all(text.as_bytes())?))?;
        self.status = Some(crate::app::Status {
            text: crate::i18n::t_args(
                self.lang,
                "status-exported",
                &[("files", file.display().to_string().into())],
            ),
            error: false,
        });
        Ok(())
    }
}
