//! The day of the daily report and the period of the planner or the analytics screen.

use crate::app::fields::FieldEditor;
use crate::app::fields::{parsed, Refused};
use crate::domain::record::{field, required_field, FieldKind, FieldSpec};
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde_json::{Map, Value};

pub const DATE_FIELDS: &[FieldSpec] = &[required_field("date", FieldKind::Date)];

pub const RANGE_FIELDS: &[FieldSpec] =
    &[field("from", FieldKind::Date), field("to", FieldKind::Date)];

/// One day.
#[derive(Debug, Clone, PartialEq)]
pub struct DateDialog {
    pub editor: FieldEditor,
}

impl DateDialog {
    pub fn new(day: NaiveDate) -> DateDialog {
        let mut current = Map::new();
        current.insert("date".into(), day.to_string().into());
        DateDialog {
            editor: FieldEditor::new(DATE_FIELDS, &current),
        }
    }

    /// The day chosen (today when the field was left empty).
    pub fn value(&mut self, lang: Lang, today: NaiveDate) -> Result<NaiveDate, Refused> {
        let values = parsed(&mut self.editor, lang, &Map::new())?;
        Ok(date_in(&values, "date", today))
    }
}

/// A period from one day to another.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeDialog {
    pub editor: FieldEditor,
}

impl RangeDialog {
    pub fn new(from: NaiveDate, to: NaiveDate) -> RangeDialog {
        let mut current = Map::new();
        current.insert("from".into(), from.to_string().into());
        current.insert("to".into(), to.to_string().into());
        RangeDialog {
            editor: FieldEditor::new(RANGE_FIELDS, &current),
        }
    }

    /// The first and the last day chosen (today for an end left empty).
    pub fn value(
        &mut self,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<(NaiveDate, NaiveDate), Refused> {
        let values = parsed(&mut self.editor, lang, &Map::new())?;
        Ok((
            date_in(&values, "from", today),
            date_in(&values, "to", today),
        ))
    }
}

/// The date a date field holds; `otherwise` when it was left empty.
fn date_in(values: &Map<String, Value>, key: &str, otherwise: NaiveDate) -> NaiveDate {
    values
        .get(key)
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse::<NaiveDate>().ok())
        .unwrap_or(otherwise)
}
