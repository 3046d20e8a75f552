//! The visit cadence (确定拜访频次), edited like the grading bands: the days between visits
//! per grade typed as `A=14 B=30 C=60 D=90 E=180` — any of them; the others keep their value.
//! The same words as `kam plan cadence`, refused in the same sentence.

use crate::app::fields::FieldEditor;
use crate::app::fields::{parsed, Refused};
use crate::domain::record::{field, FieldKind, FieldSpec};
use crate::i18n::Lang;
use crate::visits::cadence::Cadence;
use serde_json::Map;

pub const CADENCE_FIELDS: &[FieldSpec] = &[field("days", FieldKind::Text)];

#[derive(Debug, Clone, PartialEq)]
pub struct CadenceDialog {
    pub editor: FieldEditor,
    /// The cadence stored when the dialog opened: what is not typed keeps its value.
    cadence: Cadence,
}

impl CadenceDialog {
    pub fn new(cadence: Cadence) -> CadenceDialog {
        let mut current = Map::new();
        current.insert("days".into(), written(&cadence).into());
        CadenceDialog {
            editor: FieldEditor::new(CADENCE_FIELDS, &current),
            cadence,
        }
    }

    /// The cadence typed, or why it cannot be one.
    pub fn value(&mut self, lang: Lang) -> Result<Cadence, Refused> {
        let values = parsed(&mut self.editor, lang, &Map::new())?;
        let text = values.get("days").and_then(|v| v.as_str()).unwrap_or("");
        self.cadence
            .with(text)
            .map_err(|e| crate::error::sentence_in(lang, &e))
    }
}

/// `A=14 B=30 C=60 D=90 E=180`.
fn written(c: &Cadence) -> String {
    ["A", "B", "C", "D", "E"]
        .iter()
        .zip(c.days)
        .map(|(g, d)| format!("{g}={d}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cadence_is_typed_as_grade_and_days_and_refused_in_a_sentence() {
        let mut d = CadenceDialog::new(Cadence::default());
        assert_eq!(d.editor.text("days"), "A=14 B=30 C=60 D=90 E=180");
        d.editor.set_text("days", "A=7 C=45");
        assert_eq!(d.value(Lang::En).unwrap().days, [7, 30, 45, 90, 180]);
        d.editor.set_text("days", "C=10");
        let said = d.value(Lang::En).unwrap_err();
        assert!(said.contains("lower grade"), "{said}");
        d.editor.set_text("days", "A=often");
        assert!(d.value(Lang::Zh).is_err());
    }
}
