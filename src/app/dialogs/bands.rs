//! The grading bands: the limits of the rule's method, typed as `90,80,70,60` (percentiles)
//! or `70,90` (Pareto).

use crate::analytics::GradingRule;
use crate::app::fields::FieldEditor;
use crate::app::fields::{parsed, Refused};
use crate::domain::record::{field, FieldKind, FieldSpec};
use crate::i18n::{t, Lang};
use serde_json::Map;

pub const BANDS_FIELDS: &[FieldSpec] = &[field("bands", FieldKind::Text)];

#[derive(Debug, Clone, PartialEq)]
pub struct BandsDialog {
    pub editor: FieldEditor,
    /// The rule whose limits are edited: its method decides how they read.
    rule: GradingRule,
}

impl BandsDialog {
    pub fn new(rule: GradingRule) -> BandsDialog {
        let mut current = Map::new();
        current.insert("bands".into(), rule.bands_text().into());
        BandsDialog {
            editor: FieldEditor::new(BANDS_FIELDS, &current),
            rule,
        }
    }

    /// The rule with the limits typed, or why they cannot be its limits.
    pub fn value(&mut self, lang: Lang) -> Result<GradingRule, Refused> {
        let values = parsed(&mut self.editor, lang, &Map::new())?;
        let text = values.get("bands").and_then(|v| v.as_str()).unwrap_or("");
        self.rule.with_bands_text(text).map_err(|_| {
            t(
                lang,
                match self.rule {
                    GradingRule::Percentile { .. } => "an-bands-invalid-percentile",
                    GradingRule::Pareto { .. } => "an-bands-invalid-pareto",
                },
            )
        })
    }
}
