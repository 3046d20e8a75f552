//! Typed dialogs: a choice or a setting asked for in a few fields (a date, a period, the
//! list's filters, a file to import, the grading bands, the evaluation weights, an account's
//! plan). Unlike a record form (form.rs), a dialog is no stored record: each is a small type
//! of its own that reads its fields into one typed value, or refuses them in one sentence;
//! the app then puts that value in place. Editing the fields is shared with the record
//! forms (fields.rs); drawing mirrors this in `ui/dialogs.rs`.

mod account_plan;
mod attach;
mod bands;
mod cadence;
mod custom_field;
mod dates;
mod filter;
mod import;
mod profile;
mod rep;
mod reschedule;
mod submit;
mod weights;

pub use account_plan::AccountPlanDialog;
pub use attach::{PathDialog, PathPurpose};
pub use bands::BandsDialog;
pub use cadence::CadenceDialog;
pub use custom_field::CustomFieldDialog;
pub use dates::{DateDialog, RangeDialog};
pub use filter::{FilterDialog, Filters, FILTER_FIELDS};
pub use import::{ImportCheck, ImportDialog, ImportFile};
pub use profile::ProfileDialog;
pub use rep::RepDialog;
pub use reschedule::RescheduleDialog;
pub use weights::WeightsDialog;

use super::fields::FieldEditor;

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
    Profile(ProfileDialog),
    Reschedule(RescheduleDialog),
    /// Whose reports the report screens show (a team book's manager).
    Rep(RepDialog),
    /// A file to attach, or where to save an attachment (issue 22).
    Path(PathDialog),
    /// A new custom field (issue 22).
    CustomField(CustomFieldDialog),
    /// The days between visits per grade (a setting of the book; issue 23).
    Cadence(CadenceDialog),
}

impl Dialog {
    pub fn editor(&self) -> &FieldEditor {
        match self {
            Dialog::Filter(d) => &d.editor,
            Dialog::PlannerRange(d) | Dialog::AnalyticsRange(d) => &d.editor,
            Dialog::ReportDate(d) => &d.editor,
            Dialog::Import(d) => &d.editor,
            Dialog::Bands(d) => &d.editor,
            Dialog::Weights(d) => &d.editor,
            Dialog::Profile(d) => &d.editor,
            Dialog::Reschedule(d) => &d.editor,
            Dialog::AccountPlan(d) => &d.editor,
            Dialog::Rep(d) => &d.editor,
            Dialog::Path(d) => &d.editor,
            Dialog::CustomField(d) => &d.editor,
            Dialog::Cadence(d) => &d.editor,
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
            Dialog::Profile(d) => &mut d.editor,
            Dialog::Reschedule(d) => &mut d.editor,
            Dialog::AccountPlan(d) => &mut d.editor,
            Dialog::Rep(d) => &mut d.editor,
            Dialog::Path(d) => &mut d.editor,
            Dialog::CustomField(d) => &mut d.editor,
            Dialog::Cadence(d) => &mut d.editor,
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
            Dialog::Profile(_) => "profile-title",
            Dialog::Reschedule(_) => "plan-move-title",
            Dialog::Rep(_) => "rep-choose-title",
            Dialog::Path(d) => match d.purpose {
                PathPurpose::Attach => "attachment-add-title",
                PathPurpose::Save(_) => "attachment-save-title",
            },
            Dialog::CustomField(_) => "custom-field-new",
            Dialog::Cadence(_) => "cadence-title",
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
            Dialog::Profile(_) => "profile",
            Dialog::Reschedule(_) => "visit_plans",
            Dialog::Rep(_) => "report",
            Dialog::Path(_) => "attachments",
            Dialog::CustomField(_) => "custom_fields",
            Dialog::Cadence(_) => "cadence",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{GradingRule, Weights};
    use crate::app::input::Input;
    use crate::i18n::{t, Lang};
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
