//! Targets and work plans (周期/月度工作方案表) on a screen of their own: `T` from any screen.
//! One calendar year's targets, each rep's and period's sales, new accounts and visits planned
//! beside those done and the share reached, a quarter's breakdown into its months and the
//! plan's text under the table; `n` adds one, `e`/Enter edits, `d` moves it to the trash,
//! `[ ]` go a year back or on. Targets are the book's, so their forms belong to no account.

/// What the screen draws, named here for the interface (which names only the app's types).
pub use crate::analytics::targets::{Measure, TargetLine};
use crate::analytics::{targets, Period, TargetsReport};
use crate::app::form::Form;
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App};
use crate::domain::{RecordKind, TargetPeriod};
use crate::store::Store;
use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct TargetsState {
    pub year: i32,
    pub report: TargetsReport,
    pub selected: usize,
}

fn year_of(year: i32) -> Period {
    Period::year_of(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default())
}

impl TargetsState {
    fn load(store: &Store, year: i32, selected: usize) -> Result<TargetsState> {
        let report = targets(store, Some(year_of(year)), None)?;
        let selected = selected.min(report.lines.len().saturating_sub(1));
        Ok(TargetsState {
            year,
            report,
            selected,
        })
    }
}

impl App {
    /// The targets screen, when open.
    pub fn targets(&self) -> Option<&TargetsState> {
        self.find::<TargetsState>()
    }

    pub(in crate::app) fn open_targets(&mut self) -> Result<()> {
        let state = TargetsState::load(&self.store, self.today.year(), 0)?;
        self.show(Box::new(state));
        Ok(())
    }

    /// A new target's form: the profile's name as its rep (else the rep of the row selected),
    /// this month as its period.
    fn new_target_form(&self, selected_rep: Option<String>) -> Result<Form> {
        let mut filled = Map::new();
        let name = self.store.profile()?.name.filter(|n| !n.trim().is_empty());
        if let Some(name) = name.or(selected_rep) {
            filled.insert("rep".into(), Value::String(name));
        }
        let month = TargetPeriod::month_of(self.today).to_string();
        filled.insert("period".into(), Value::String(month));
        Ok(Form::new_record_with(
            RecordKind::Target,
            0,
            self.today,
            filled,
        ))
    }

    pub(in crate::app) fn on_targets(&mut self, action: Action) -> Result<()> {
        let Some(s) = self.shown::<TargetsState>() else {
            return Ok(());
        };
        let line = s.report.lines.get(s.selected);
        let (selected, rep) = (line.map(|l| l.id), line.map(|l| l.rep.clone()));
        let year = s.year;
        if matches!(
            action,
            Action::New | Action::Edit | Action::Open | Action::Delete
        ) {
            self.refuse_if_the_managers(RecordKind::Target)?;
        }
        match action {
            Action::Back => self.go_back(),
            Action::New => self.form = Some(self.new_target_form(rep)?),
            Action::Edit | Action::Open => {
                if let Some(id) = selected {
                    self.edit(RecordKind::Target, id)?;
                }
            }
            Action::Delete => {
                if let Some(id) = selected {
                    self.ask_delete(RecordKind::Target, id)?;
                }
            }
            Action::NextPeriod | Action::PrevPeriod => {
                let year = if action == Action::NextPeriod {
                    year + 1
                } else {
                    year - 1
                };
                let state = TargetsState::load(&self.store, year, 0)?;
                if let Some(s) = self.shown_mut::<TargetsState>() {
                    *s = state;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl ScreenState for TargetsState {
    fn view(&self) -> View {
        View::Targets
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.report.lines.len(), delta);
    }

    /// A target saved or deleted, or a deal or visit anywhere: the figures are read again.
    fn refresh(&mut self, store: &Store, _today: NaiveDate) -> Result<()> {
        *self = TargetsState::load(store, self.year, self.selected)?;
        Ok(())
    }
}
