//! The evaluation weights: a whole number, 0 or more, per indicator, one of them above zero.

use crate::analytics::evaluation::INDICATORS;
use crate::analytics::Weights;
use crate::app::fields::FieldEditor;
use crate::app::fields::{parsed, Refused};
use crate::domain::record::{field, FieldKind, FieldSpec};
use crate::i18n::{t, t_args, Lang};
use serde_json::{Map, Value};

/// One field per indicator, in the order of `INDICATORS`.
pub const WEIGHT_FIELDS: &[FieldSpec] = &[
    field("growth", FieldKind::Integer),
    field("credit", FieldKind::Integer),
    field("profit", FieldKind::Integer),
    field("position", FieldKind::Integer),
    field("visits", FieldKind::Integer),
    field("complaints", FieldKind::Integer),
];

#[derive(Debug, Clone, PartialEq)]
pub struct WeightsDialog {
    pub editor: FieldEditor,
}

impl WeightsDialog {
    pub fn new(weights: Weights) -> WeightsDialog {
        let mut current = Map::new();
        for (key, w) in INDICATORS.iter().zip(weights.as_array()) {
            current.insert((*key).into(), w.to_string().into());
        }
        WeightsDialog {
            editor: FieldEditor::new(WEIGHT_FIELDS, &current),
        }
    }

    /// The weights typed, or the first that is not one (or that all are zero).
    pub fn value(&mut self, lang: Lang) -> Result<Weights, Refused> {
        let values = parsed(&mut self.editor, lang, &Map::new())?;
        let mut w = [0u32; 6];
        for (slot, key) in w.iter_mut().zip(INDICATORS) {
            let text = match values.get(key) {
                Some(Value::String(s)) => s.trim().to_string(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            };
            *slot = text.parse::<u32>().map_err(|_| {
                t_args(
                    lang,
                    "an-weight-invalid",
                    &[
                        ("indicator", t(lang, &format!("an-ind-{key}")).into()),
                        ("value", text.into()),
                    ],
                )
            })?;
        }
        let weights = Weights {
            growth: w[0],
            credit: w[1],
            profit: w[2],
            position: w[3],
            visits: w[4],
            complaints: w[5],
        };
        match weights.check() {
            Ok(_) => Ok(weights),
            Err(_) => Err(t(lang, "an-weights-zero")),
        }
    }
}
