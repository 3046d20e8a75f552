//! Ctrl-S on a dialog: its typed value handed to the screen it belongs to, which puts it in
//! place. Kept apart from the dialogs' types (mod.rs) because it drives the `App`, which
//! holds a dialog: the types sit below the `App`, this above it.

use super::Dialog;
use crate::app::fields::Refused;
use crate::app::{App, Status};
use anyhow::Result;

impl App {
    /// Ctrl-S on a dialog: its value put in place, then the dialog closes; a refused value
    /// is said on the status line and the dialog stays open (so does a value that could not
    /// be put in place: the store's sentence is said, and the person may try again).
    pub(in crate::app) fn submit_dialog(&mut self) -> Result<()> {
        let (lang, today) = (self.lang, self.today);
        let Some(dialog) = &mut self.dialog else {
            return Ok(());
        };
        match dialog {
            Dialog::Filter(d) => {
                let filters = d.value(lang);
                self.put_in_place(filters, App::apply_filters)
            }
            Dialog::PlannerRange(d) => {
                let range = d.value(lang, today);
                self.put_in_place(range, App::show_planner_range)
            }
            Dialog::ReportDate(d) => {
                let day = d.value(lang, today);
                self.put_in_place(day, App::show_report_of)
            }
            Dialog::Import(d) => {
                let file = d.value(lang);
                self.put_in_place(file, App::open_import_map)
            }
            Dialog::AnalyticsRange(d) => {
                let range = d.value(lang, today);
                self.put_in_place(range, App::save_analytics_range)
            }
            Dialog::Bands(d) => {
                let rule = d.value(lang);
                self.put_in_place(rule, App::save_grading_rule)
            }
            Dialog::Weights(d) => {
                let weights = d.value(lang);
                self.put_in_place(weights, App::save_analytics_weights)
            }
            Dialog::Cadence(d) => {
                let cadence = d.value(lang);
                self.put_in_place(cadence, App::save_cadence)
            }
            Dialog::Reschedule(d) => {
                let moved = d.value(lang);
                self.put_in_place(moved, App::reschedule_plan)
            }
            Dialog::Profile(d) => {
                let profile = d.value(lang);
                self.put_in_place(profile, App::save_profile)
            }
            Dialog::AccountPlan(d) => {
                let plan = d.value(lang);
                self.put_in_place(plan, App::save_account_plan)
            }
            Dialog::Rep(d) => {
                let rep = d.value(lang);
                self.put_in_place(rep, App::show_rep)
            }
            Dialog::Path(d) => {
                let purpose = d.purpose;
                let path = d.value(lang).map(|p| (purpose, p));
                self.put_in_place(path, App::attachment_path_given)
            }
            Dialog::CustomField(d) => {
                let field = d.value(lang);
                self.put_in_place(field, App::add_custom_field)
            }
        }
    }

    fn put_in_place<T>(
        &mut self,
        value: Result<T, Refused>,
        apply: fn(&mut App, T) -> Result<()>,
    ) -> Result<()> {
        match value {
            Ok(value) => {
                apply(self, value)?;
                self.dialog = None;
            }
            Err(sentence) => {
                self.status = Some(Status {
                    text: sentence,
                    error: true,
                })
            }
        }
        Ok(())
    }
}
