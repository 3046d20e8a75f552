//! A new custom field (issue 22), asked for on the fields screen: which records it is on,
//! its name, its type and, for a choice list, its choices. The store's checks (a name taken,
//! one of kam's own) come when it is put in place; what the dialog itself can tell is said
//! here in one sentence.

use crate::app::fields::{FieldEditor, Refused};
use crate::domain::custom_field::{split_choices, CustomOf};
use crate::domain::record::{field, required_field, FieldKind, FieldSpec};
use crate::domain::{CustomField, CustomType};
use crate::i18n::{t, Lang};
use serde_json::{Map, Value};

pub const CUSTOM_FIELD_FIELDS: &[FieldSpec] = &[
    required_field("of", FieldKind::Choice(CustomOf::CHOICES)),
    required_field("name", FieldKind::Text),
    required_field("type", FieldKind::Choice(CustomType::CHOICES)),
    field("choices", FieldKind::Text),
];

#[derive(Debug, Clone, PartialEq)]
pub struct CustomFieldDialog {
    pub editor: FieldEditor,
}

impl CustomFieldDialog {
    pub fn new() -> CustomFieldDialog {
        let mut start = Map::new();
        start.insert("of".into(), Value::from("accounts"));
        start.insert("type".into(), Value::from("text"));
        CustomFieldDialog {
            editor: FieldEditor::new(CUSTOM_FIELD_FIELDS, &start),
        }
    }

    /// The field asked for, or one sentence saying what is missing.
    pub fn value(&self, lang: Lang) -> Result<CustomField, Refused> {
        let name = self.editor.text("name").trim().to_string();
        if name.is_empty() {
            return Err(t(lang, "custom-field-name-missing"));
        }
        let of = CustomOf::CHOICES
            .resolve(self.editor.text("of"))
            .unwrap_or("accounts");
        let ty = CustomType::CHOICES
            .resolve(self.editor.text("type"))
            .and_then(CustomType::from_code)
            .unwrap_or(CustomType::Text);
        Ok(CustomField {
            kind: of.to_string(),
            name,
            ty,
            choices: split_choices(self.editor.text("choices")),
        })
    }
}

impl Default for CustomFieldDialog {
    fn default() -> Self {
        Self::new()
    }
}
