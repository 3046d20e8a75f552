//! The week kam proposes, on a screen of its own (`P` on the planner): each proposal is
//! accepted (`Enter`), accepted and moved (`m`, its time asked), or dropped (`d`); `A` accepts
//! all that are left; `[` `]` the week before or after; `c` edits the cadence it is made by. An accepted proposal becomes a planned
//! visit at once (one save each) and leaves the list; what is dropped is only not planned.

use crate::app::dialogs::{CadenceDialog, Dialog, RescheduleDialog};
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App};
use crate::domain::{PlanStatus, VisitPlan};
use crate::visits::cadence::Cadence;
use crate::visits::week_plan::{propose_week, Proposal, WeekPlan};
use anyhow::Result;
use chrono::{Duration, NaiveDate};

#[derive(Debug, Clone, PartialEq)]
pub struct WeekPlanState {
    pub plan: WeekPlan,
    pub selected: usize,
    /// How many were accepted on this screen (said in its heading).
    pub accepted: usize,
}

impl WeekPlanState {
    /// The proposals left, day by day in route order.
    pub fn rows(&self) -> Vec<&Proposal> {
        self.plan.days.iter().flat_map(|d| &d.proposals).collect()
    }

    /// Takes the proposal at `i` out of its day.
    fn take(&mut self, i: usize) -> Option<Proposal> {
        let mut at = i;
        for d in &mut self.plan.days {
            if at < d.proposals.len() {
                let p = d.proposals.remove(at);
                let left = self.rows().len();
                self.selected = self.selected.min(left.saturating_sub(1));
                return Some(p);
            }
            at -= d.proposals.len();
        }
        None
    }
}

impl App {
    /// The proposed week, when open.
    pub fn week_plan(&self) -> Option<&WeekPlanState> {
        self.find::<WeekPlanState>()
    }

    pub(in crate::app) fn open_week_plan(&mut self, day: NaiveDate) -> Result<()> {
        let plan = propose_week(&self.store, day, self.today, &self.grades)?;
        self.show(Box::new(WeekPlanState {
            plan,
            selected: 0,
            accepted: 0,
        }));
        Ok(())
    }

    pub(in crate::app) fn on_week_plan(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let Some(w) = self.shown::<WeekPlanState>() else {
            return Ok(());
        };
        let (from, selected, count) = (w.plan.from, w.selected, w.rows().len());
        match action {
            Back => self.go_back(),
            NextPeriod => self.replace_week(from + Duration::days(7))?,
            PrevPeriod => self.replace_week(from - Duration::days(7))?,
            Open => {
                self.accept_proposals(&[selected])?;
            }
            Reschedule => {
                if let Some(id) = self.accept_proposals(&[selected])?.first().copied() {
                    let plan = self.store.get::<VisitPlan>(id)?;
                    let at = plan.as_ref().and_then(|p| p.planned_at);
                    let unsuitable = self
                        .store
                        .get::<crate::domain::Account>(plan.map_or(0, |p| p.account_id))?
                        .and_then(|a| a.unsuitable_visit_times);
                    self.dialog = Some(Dialog::Reschedule(RescheduleDialog::new(
                        id, at, unsuitable,
                    )));
                }
            }
            Delete => {
                if let Some(w) = self.shown_mut::<WeekPlanState>() {
                    w.take(selected);
                }
            }
            AcceptAll => {
                let all: Vec<usize> = (0..count).collect();
                self.accept_proposals(&all)?;
            }
            AnalyticsSettings => {
                let cadence = Cadence::load(&self.store)?;
                self.dialog = Some(Dialog::Cadence(CadenceDialog::new(cadence)));
            }
            _ => {}
        }
        Ok(())
    }

    /// The proposals at `rows` written as planned visits in one save; they leave the list.
    /// Returns the new plans' ids.
    fn accept_proposals(&mut self, rows: &[usize]) -> Result<Vec<i64>> {
        let purpose = self.t("week-plan-purpose");
        let Some(w) = self.shown_mut::<WeekPlanState>() else {
            return Ok(vec![]);
        };
        // From the last, so the earlier rows keep their places while taken.
        let mut taken: Vec<Proposal> = rows.iter().rev().filter_map(|&i| w.take(i)).collect();
        taken.reverse();
        if taken.is_empty() {
            return Ok(vec![]);
        }
        let ids = self.store.write(|wr| {
            let mut ids = vec![];
            for p in &taken {
                let mut visit = VisitPlan {
                    account_id: p.account_id,
                    planned_at: p.at,
                    purpose: Some(purpose.clone()),
                    status: Some(PlanStatus::Planned),
                    ..Default::default()
                };
                ids.push(wr.insert(&mut visit)?);
            }
            Ok(ids)
        });
        let ids = match ids {
            Ok(ids) => ids,
            Err(e) => {
                // Nothing was written: the proposals go back where they were.
                if let Some(w) = self.shown_mut::<WeekPlanState>() {
                    for p in taken {
                        if let Some(d) = w
                            .plan
                            .days
                            .iter_mut()
                            .find(|d| Some(d.date) == p.at.map(|t| t.date()))
                        {
                            d.proposals.push(p);
                            d.proposals.sort_by_key(|p| p.at);
                        }
                    }
                }
                return Err(e);
            }
        };
        if let Some(w) = self.shown_mut::<WeekPlanState>() {
            w.accepted += ids.len();
        }
        for p in &taken {
            self.refresh_account(p.account_id)?;
        }
        self.refresh_agendas_below()?;
        self.ok("status-week-plan-accepted");
        Ok(ids)
    }

    /// Stores the cadence typed (`c` on the week proposed or the scorecard) and shows the
    /// week proposed and the scorecard again by it.
    pub(in crate::app) fn save_cadence(&mut self, cadence: Cadence) -> Result<()> {
        cadence.save(&mut self.store)?;
        if let Some(from) = self.week_plan().map(|w| w.plan.from) {
            let accepted = self.week_plan().map_or(0, |w| w.accepted);
            self.replace_week(from)?;
            if let Some(w) = self.shown_mut::<WeekPlanState>() {
                w.accepted = accepted;
            }
        }
        if let Some(a) = self.analytics() {
            let (kind, period, rule) = (a.kind, a.period, a.rule);
            self.load_analytics(kind, period, rule)?;
        }
        self.ok("status-saved");
        Ok(())
    }

    fn replace_week(&mut self, day: NaiveDate) -> Result<()> {
        let plan = propose_week(&self.store, day, self.today, &self.grades)?;
        if let Some(w) = self.shown_mut::<WeekPlanState>() {
            *w = WeekPlanState {
                plan,
                selected: 0,
                accepted: 0,
            };
        }
        Ok(())
    }
}

impl ScreenState for WeekPlanState {
    fn view(&self) -> View {
        View::WeekPlan
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.rows().len(), delta);
    }
}
