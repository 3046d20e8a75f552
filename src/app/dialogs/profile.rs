//! The rep's profile (`,`): name, department, manager, home city, usual visit length, read
//! into a `Profile`. A field left as shown keeps its stored value exactly.

use crate::app::fields::{FieldEditor, Refused};
use crate::domain::profile::{Profile, PROFILE_FIELDS};
use crate::i18n::{t, Lang};
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct ProfileDialog {
    pub editor: FieldEditor,
    current: Map<String, Value>,
}

impl ProfileDialog {
    pub fn new(profile: &Profile) -> ProfileDialog {
        let current = match serde_json::to_value(profile) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        ProfileDialog {
            editor: FieldEditor::new(PROFILE_FIELDS, &current),
            current,
        }
    }

    pub fn value(&mut self, lang: Lang) -> Result<Profile, Refused> {
        let values = self
            .editor
            .values(lang, &self.current, true)
            .ok_or_else(|| t(lang, "status-fix-fields"))?;
        serde_json::from_value(Value::Object(values)).map_err(|e| e.to_string())
    }
}
