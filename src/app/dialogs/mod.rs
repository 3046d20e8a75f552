//! Typed dialogs: a choice or a setting asked for in a few fields (a date, a period, the
//! list's filters, a file to import, the grading bands, the evaluation weights, an account's
//! plan). Unlike a record form (form.rs), a dialog is no stored record: each is a small type
//! of its own that reads its fields into one typed value, or refuses them in one sentence;
//! the app then puts that value in place. Editing the fields is shared with the record
//! forms (fields.rs); drawing mirrors this in `ui/dialogs.rs`.

mod account_plan;
mod bands;
mod dates;
mod filter;
mod import;
mod weights;

pub use account_plan::AccountPlanDialog;
pub use bands::BandsDialog;
pub use dates::{DateDialog, RangeDialog};
pub use filter::FilterDialog;
pub use import::{ImportDialog, ImportFile};
pub use weights::WeightsDialog;

use super::fields::FieldEditor;
use super::{App, Status};
use crate::i18n::{t, Lang};
use anyhow::Result;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    /// The account list's filters.
    Filter(FilterDialog),
    /// The planner's period.
    PlannerRange(RangeDialog),
    /// The daily report's day.
    ReportDate(DateDialog),
    /// The file to import (its dry run follows).
    Import(ImportDialog),
    /// The analytics screen's period.
    AnalyticsRange(RangeDialog),
    /// The grading bands (a setting of the book).
    Bands(BandsDialog),
    /// The evaluation weights (a setting of the book).
    Weights(WeightsDialog),
    /// The target, reason and measures of a key account.
    AccountPlan(AccountPlanDialog),
}

/// Why a dialog's values were refused: one sentence for the status line, the dialog staying
/// open.
pub type Refused = String;

impl Dialog {
    pub fn editor(&self) -> &FieldEditor {
        match self {
            Dialog::Filter(d) => &d.editor,
            Dialog::PlannerRange(d) | Dialog::AnalyticsRange(d) => &d.editor,
            Dialog::ReportDate(d) => &d.editor,
            Dialog::Import(d) => &d.editor,
            Dialog::Bands(d) => &d.editor,
            Dialog::Weights(d) => &d.editor,
            Dialog::AccountPlan(d) => &d.editor,
        }
    }

    pub fn editor_mut(&mut self) -> &mut FieldEditor {
        match self {
            Dialog::Filter(d) => &mut d.editor,
            Dialog::PlannerRange(d) | Dialog::AnalyticsRange(d) => &mut d.editor,
            Dialog::ReportDate(d) => &mut d.editor,
            Dialog::Import(d) => &mut d.editor,
            Dialog::Bands(d) => &mut d.editor,
            Dialog::Weights(d) => &mut d.editor,
            Dialog::AccountPlan(d) => &mut d.editor,
        }
    }

    /// The message of the dialog's title.
    pub fn title(&self) -> &'static str {
        match self {
            Dialog::Filter(_) => "list-filters",
            Dialog::PlannerRange(_) | Dialog::AnalyticsRange(_) => "planner-range",
            Dialog::ReportDate(_) => "report-choose-date",
            Dialog::Import(_) => "import-title",
            Dialog::Bands(_) => "an-bands-title",
            Dialog::Weights(_) => "an-weights-title",
            Dialog::AccountPlan(_) => "section-account_plans",
        }
    }

    /// The label-table of its fields' labels.
    pub fn label_table(&self) -> &'static str {
        match self {
            Dialog::Filter(_) => "accounts",
            Dialog::PlannerRange(_) | Dialog::AnalyticsRange(_) => "planner",
            Dialog::ReportDate(_) => "report",
            Dialog::Import(_) => "import",
            Dialog::Bands(_) | Dialog::Weights(_) => "analytics",
            Dialog::AccountPlan(_) => "account_plans",
        }
    }
}

/// To the keys and the drawing a dialog is its fields being edited.
impl std::ops::Deref for Dialog {
    type Target = FieldEditor;
    fn deref(&self) -> &FieldEditor {
        self.editor()
    }
}

impl std::ops::DerefMut for Dialog {
    fn deref_mut(&mut self) -> &mut FieldEditor {
        self.editor_mut()
    }
}

/// Every field parsed by its kind over `base`, or the sentence asking to fix them (each
/// field's own message is beside it).
fn parsed(
    editor: &mut FieldEditor,
    lang: Lang,
    base: &Map<String, Value>,
) -> Result<Map<String, Value>, Refused> {
    editor
        .values(lang, base, false)
        .ok_or_else(|| t(lang, "status-fix-fields"))
}

impl App {
    /// Ctrl-S on a dialog: its value put in place, then the dialog closes; a refused value
    /// is said on the status line and the dialog stays open (so does a value that could not
    /// be put in place: the store's sentence is said, and the person may try again).
    pub(super) fn submit_dialog(&mut self) -> Result<()> {
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
                self.put_in_place(file, App::check_import)
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
            Dialog::AccountPlan(d) => {
                let plan = d.value(lang);
                self.put_in_place(plan, App::save_account_plan)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{GradingRule, Weights};
    use crate::app::input::Input;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_dialog_reads_its_fields_into_its_value_or_one_sentence() {
        let (lang, today) = (Lang::En, day("2026-11-23"));
        let mut d = DateDialog::new(day("2026-11-20"));
        assert_eq!(d.value(lang, today), Ok(day("2026-11-20")));
        d.editor.inputs[0] = Input::new("2026-13-40");
        assert_eq!(d.value(lang, today), Err(t(lang, "status-fix-fields")));
        assert!(d.editor.has_errors(), "the field says why");

        let mut r = RangeDialog::new(day("2026-11-01"), day("2026-11-30"));
        r.editor.inputs[1] = Input::default();
        assert_eq!(r.value(lang, today), Ok((day("2026-11-01"), today)));

        let mut b = BandsDialog::new(GradingRule::default());
        b.editor.inputs[0] = Input::new("60,70,80,90");
        assert_eq!(b.value(lang), Err(t(lang, "an-bands-invalid-percentile")));
        b.editor.inputs[0] = Input::new("50,40,30,20");
        assert_eq!(
            b.value(lang),
            Ok(GradingRule::Percentile {
                bands: [50, 40, 30, 20]
            })
        );

        let mut w = WeightsDialog::new(Weights::default());
        assert_eq!(w.value(lang), Ok(Weights::default()));
        for i in 0..6 {
            w.editor.inputs[i] = Input::new("0");
        }
        assert_eq!(w.value(lang), Err(t(lang, "an-weights-zero")));

        let mut i = ImportDialog::new();
        i.editor.inputs[0] = Input::new(" book.csv ");
        let file = i.value(lang).unwrap();
        assert_eq!((file.file.to_str(), file.sheet), (Some("book.csv"), None));
    }
}
