//! The daily visit report screen (客户拜访日报表) for any date, and the weekly summary of
//! the week around it. The report itself is computed by `visits`; this holds which day is
//! shown and which visit is selected.

use super::dialogs::{DateDialog, Dialog};
use super::{Action, App, View};
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

impl App {
    pub(super) fn open_report(&mut self) -> Result<()> {
        self.load_report(self.today, false)?;
        self.view = View::Report;
        Ok(())
    }

    pub(super) fn load_report(&mut self, date: NaiveDate, weekly: bool) -> Result<()> {
        let daily = daily_report(&self.store, date)?;
        let weekly = if weekly {
            Some(weekly_summary(&self.store, date)?)
        } else {
            None
        };
        let mut state = ReportState {
            daily,
            weekly,
            selected: 0,
        };
        if let Some(old) = &self.report {
            if old.weekly.is_some() == state.weekly.is_some() && old.date() == date {
                state.selected = old.selected.min(state.len().saturating_sub(1));
            }
        }
        self.report = Some(state);
        Ok(())
    }

    /// After any save: the report shows what was just recorded.
    pub(super) fn refresh_report(&mut self) -> Result<()> {
        if let Some(r) = &self.report {
            let (date, weekly) = (r.date(), r.weekly.is_some());
            self.load_report(date, weekly)?;
        }
        Ok(())
    }

    pub(super) fn on_report(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let Some(r) = &self.report else {
            return Ok(());
        };
        let (date, weekly) = (r.date(), r.weekly.is_some());
        let step = Duration::days(if weekly { 7 } else { 1 });
        match action {
            Back => self.view = self.home_view(),
            PeriodToday => self.load_report(self.today, weekly)?,
            NextPeriod => self.load_report(date + step, weekly)?,
            PrevPeriod => self.load_report(date - step, weekly)?,
            ReportWeekly => self.load_report(date, !weekly)?,
            ChooseDates => self.dialog = Some(Dialog::ReportDate(DateDialog::new(date))),
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
