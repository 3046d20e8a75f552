//! The team's custom fields on the account and contact forms (issue 22): added after the
//! record's own fields when such a form opens, each edited as text (a choice list's choices
//! picked with ←/→), read by its type when saved, and kept in the record's `custom` map by
//! the field's name. Values of fields no longer defined stay in the map untouched.

use super::form::{Form, FormTarget};
use super::App;
use crate::domain::custom_field::CUSTOM_KINDS;
use crate::domain::record::{field, FieldKind};
use crate::domain::{CustomField, CustomValues, RecordKind};
use crate::i18n::Lang;
use anyhow::Result;
use serde_json::Value;

/// The keys of the custom fields on a form, each starting with `form::CUSTOM_PREFIX`.
const KEYS: [&str; 24] = [
    "custom.1",
    "custom.2",
    "custom.3",
    "custom.4",
    "custom.5",
    "custom.6",
    "custom.7",
    "custom.8",
    "custom.9",
    "custom.10",
    "custom.11",
    "custom.12",
    "custom.13",
    "custom.14",
    "custom.15",
    "custom.16",
    "custom.17",
    "custom.18",
    "custom.19",
    "custom.20",
    "custom.21",
    "custom.22",
    "custom.23",
    "custom.24",
];

impl Form {
    fn kind(&self) -> Option<RecordKind> {
        match self.target {
            FormTarget::New { kind, .. } | FormTarget::Edit { kind, .. } => Some(kind),
            FormTarget::Dossier { .. } => None,
        }
    }

    fn stored_custom(&self) -> CustomValues {
        self.base_value("custom")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }

    /// Adds the custom fields `defs` after the form's own fields, showing the record's values.
    pub fn add_custom(&mut self, defs: Vec<CustomField>) {
        let stored = self.stored_custom();
        let defs: Vec<CustomField> = defs.into_iter().take(KEYS.len()).collect();
        for (def, key) in defs.iter().zip(KEYS) {
            let text = stored.get(&def.name).cloned().unwrap_or_default();
            self.editor.push_field(
                field(key, FieldKind::Text),
                &text,
                &def.name,
                def.choices.clone(),
            );
        }
        self.custom = Some(defs);
    }

    /// The custom map to save (`Some(None)`: none left), or `None` when a value does not read
    /// (its message is on its field). Unchanged fields keep the stored text.
    pub(super) fn custom_values(&mut self, lang: Lang) -> Option<Option<Value>> {
        let Some(defs) = self.custom.clone() else {
            return Some(None);
        };
        let mut values = self.stored_custom();
        let mut ok = true;
        for (def, key) in defs.iter().zip(KEYS) {
            let Some(i) = self.editor.fields.iter().position(|f| f.key == key) else {
                continue;
            };
            if !self.editor.changed(key) {
                continue;
            }
            match def.read(self.editor.inputs[i].text(), self.editor.today) {
                Ok(Some(v)) => {
                    values.insert(def.name.clone(), v);
                }
                Ok(None) => {
                    values.remove(&def.name);
                }
                Err(p) => {
                    self.editor.errors[i] = Some(p.message(lang));
                    self.editor.focus = i;
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        Some(Some(if values.is_empty() {
            Value::Null
        } else {
            serde_json::to_value(values).unwrap_or(Value::Null)
        }))
    }
}

impl App {
    /// Gives an open account or contact form the book's custom fields, once.
    pub(super) fn attach_custom_fields(&mut self) -> Result<()> {
        let Some(form) = &self.form else {
            return Ok(());
        };
        let Some(kind) = form.kind().filter(|k| CUSTOM_KINDS.contains(k)) else {
            return Ok(());
        };
        if form.custom.is_some() {
            return Ok(());
        }
        let defs = self.store.custom_fields_of(kind)?;
        if let Some(form) = &mut self.form {
            form.add_custom(defs);
        }
        Ok(())
    }
}
