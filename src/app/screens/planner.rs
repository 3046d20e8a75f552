//! The visit planner: planned visits for a day, a week or a chosen range, as an agenda or
//! grouped by region to plan one trip for several customers.

use crate::app::dialogs::{Dialog, RangeDialog, RescheduleDialog};
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App, Confirm};
use crate::domain::*;
use crate::store::Store;
use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate};

#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub plan: VisitPlan,
    pub code: String,
    pub name: String,
    pub region: String,
    pub distance_km: Option<f64>,
    /// The account's unsuitable visit times, when the plan falls in them.
    pub unsuitable: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannerState {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<PlanRow>,
    pub selected: usize,
    /// Grouped by province/city/district, nearest first within a group.
    pub regional: bool,
}

fn week_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
    (monday, monday + Duration::days(6))
}

impl PlannerState {
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The rows in display order: by time, or by region then distance then time.
    pub fn ordered(&self) -> Vec<&PlanRow> {
        let mut rows: Vec<&PlanRow> = self.rows.iter().collect();
        if self.regional {
            rows.sort_by(|a, b| {
                a.region
                    .cmp(&b.region)
                    .then(
                        a.distance_km
                            .unwrap_or(f64::MAX)
                            .total_cmp(&b.distance_km.unwrap_or(f64::MAX)),
                    )
                    .then(a.plan.planned_at.cmp(&b.plan.planned_at))
            });
        }
        rows
    }

    pub fn selected_row(&self) -> Option<&PlanRow> {
        self.ordered().get(self.selected).copied()
    }
}

impl PlannerState {
    /// The planned visits from `from` to `to`, the selection kept (clamped) from before.
    fn load(
        store: &Store,
        from: NaiveDate,
        to: NaiveDate,
        regional: bool,
        selected: usize,
    ) -> Result<PlannerState> {
        let (from, to) = if to < from { (to, from) } else { (from, to) };
        let start = from.and_hms_opt(0, 0, 0).unwrap_or_default();
        let end = to.and_hms_opt(23, 59, 59).unwrap_or_default();
        let mut rows = vec![];
        for plan in store.visit_plans_between(start, end)? {
            let Some(a) = store.get::<Account>(plan.account_id)? else {
                continue;
            };
            let unsuitable = match (&a.unsuitable_visit_times, plan.planned_at) {
                (Some(t), Some(at)) if crate::domain::visit_time::is_unsuitable(t, at) => {
                    Some(t.clone())
                }
                _ => None,
            };
            rows.push(PlanRow {
                region: a.region(),
                distance_km: a.distance_km,
                code: a.code,
                name: a.short_name.filter(|s| !s.is_empty()).unwrap_or(a.name),
                unsuitable,
                plan,
            });
        }
        let selected = selected.min(rows.len().saturating_sub(1));
        Ok(PlannerState {
            from,
            to,
            rows,
            selected,
            regional,
        })
    }

    /// After any save: the agenda shown stays current.
    pub(in crate::app) fn reload(&mut self, store: &Store) -> Result<()> {
        *self = PlannerState::load(store, self.from, self.to, self.regional, self.selected)?;
        Ok(())
    }
}

impl App {
    pub(in crate::app) fn open_planner(&mut self) -> Result<()> {
        let (from, to) = week_of(self.today);
        self.load_planner(from, to, false)?;
        self.show_kept(View::Planner);
        Ok(())
    }

    pub(in crate::app) fn load_planner(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        regional: bool,
    ) -> Result<()> {
        let selected = self.planner().map_or(0, |p| p.selected);
        let state = PlannerState::load(&self.store, from, to, regional, selected)?;
        self.put(Box::new(state));
        Ok(())
    }

    pub(in crate::app) fn on_planner(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let Some(p) = self.planner() else {
            return Ok(());
        };
        let (from, to, regional, days) = (p.from, p.to, p.regional, p.days());
        let selected = p.selected_row().cloned();
        match action {
            Back => self.go_back(),
            PeriodToday => self.load_planner(self.today, self.today, regional)?,
            PlannerWeek => {
                let (a, b) = week_of(from);
                self.load_planner(a, b, regional)?
            }
            NextPeriod => self.load_planner(
                from + Duration::days(days),
                to + Duration::days(days),
                regional,
            )?,
            PrevPeriod => self.load_planner(
                from - Duration::days(days),
                to - Duration::days(days),
                regional,
            )?,
            PlannerRegional => self.load_planner(from, to, !regional)?,
            ChooseDates => self.dialog = Some(Dialog::PlannerRange(RangeDialog::new(from, to))),
            Open => {
                if let Some(row) = selected {
                    self.open_account(row.plan.account_id)?;
                }
            }
            OpenWeekPlan => self.open_week_plan(from)?,
            OpenMap => self.open_route_map()?,
            // The day of the visit selected (else the first day shown), for the phone.
            ExportReport => {
                let day = selected
                    .and_then(|row| row.plan.planned_at.map(|t| t.date()))
                    .unwrap_or(from);
                self.export_day(day)?;
            }
            OpenBrief => {
                if let Some(row) = selected {
                    let day = row.plan.planned_at.map(|t| t.date());
                    self.open_brief(row.plan.account_id, day)?;
                }
            }
            PlanDone => {
                if let Some(row) = selected {
                    self.visit_form(row.plan.account_id, Some(&row.plan))?;
                }
            }
            PlanCancel => {
                if let Some(row) = selected {
                    self.ask(Confirm::CancelPlan {
                        id: row.plan.id,
                        title: format!("{} {}", row.name, row.plan.title()),
                    });
                }
            }
            Reschedule => {
                if let Some(row) = selected {
                    let unsuitable = self
                        .store
                        .get::<Account>(row.plan.account_id)?
                        .and_then(|a| a.unsuitable_visit_times);
                    let d = RescheduleDialog::new(row.plan.id, row.plan.planned_at, unsuitable);
                    self.dialog = Some(Dialog::Reschedule(d));
                }
            }
            Edit => {
                // Moving a plan is editing its time (and anything else about it).
                if let Some(row) = selected {
                    self.edit(RecordKind::VisitPlan, row.plan.id)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    pub(in crate::app) fn cancel_plan(&mut self, id: i64) -> Result<()> {
        if let Some(mut plan) = self.store.get::<VisitPlan>(id)? {
            plan.status = Some(PlanStatus::Cancelled);
            self.store.update(&mut plan)?;
            self.refresh_account(plan.account_id)?;
        }
        if let Some(p) = self.planner() {
            let fresh = PlannerState::load(&self.store, p.from, p.to, p.regional, p.selected)?;
            self.put(Box::new(fresh));
        }
        Ok(())
    }
}

/// Where the screen is kept (shown, below, or closed).
impl App {
    pub fn planner(&self) -> Option<&PlannerState> {
        self.find::<PlannerState>()
    }
}

impl ScreenState for PlannerState {
    fn view(&self) -> View {
        View::Planner
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.rows.len(), delta);
    }

    fn refresh(&mut self, store: &Store, _: NaiveDate) -> Result<()> {
        self.reload(store)
    }
}

/// The dialog's value put in place.
impl App {
    /// Shows the planner over the period chosen (grouped as it was).
    pub(in crate::app) fn show_planner_range(
        &mut self,
        (from, to): (NaiveDate, NaiveDate),
    ) -> anyhow::Result<()> {
        let regional = self.planner().is_some_and(|p| p.regional);
        self.load_planner(from, to, regional)
    }
}

impl App {
    /// The reschedule dialog's value: the plan at its new time, the planner and the account
    /// shown read again.
    pub(in crate::app) fn reschedule_plan(
        &mut self,
        (id, at): (i64, chrono::NaiveDateTime),
    ) -> Result<()> {
        if let Some(mut plan) = self.store.get::<VisitPlan>(id)? {
            plan.planned_at = Some(at);
            self.store.update(&mut plan)?;
            self.refresh_account(plan.account_id)?;
            self.refresh_agenda()?;
            self.ok("status-plan-moved");
        }
        Ok(())
    }
}

impl App {
    /// The day's calendar with alarms and briefs (`visits::ics::write_day`) into exports/,
    /// for the phone's calendar.
    fn export_day(&mut self, day: NaiveDate) -> Result<()> {
        let file = self.exports_dir()?.join(format!("day-{day}.ics"));
        let (store, lang) = (&self.store, self.lang);
        crate::exchange::write_private(&file, |w| {
            crate::visits::ics::write_day(store, day, lang, w)
        })?;
        self.status = Some(crate::app::Status {
            text: crate::i18n::t_args(
                lang,
                "status-day-exported",
                &[("file", file.display().to_string().into())],
            ),
            error: false,
        });
        Ok(())
    }
}
