//! Whose reports a manager's report screens show: the whole book, or one rep of the team
//! (as `kam report … --rep NAME`). One field, its suggestions the team's reps as the last
//! sync brought them (← → step through them); left empty, the whole book.

use crate::app::fields::{FieldEditor, Refused};
use crate::domain::record::{field, FieldKind, FieldSpec};
use crate::i18n::Lang;
use serde_json::{Map, Value};

pub const REP_FIELDS: &[FieldSpec] = &[field("rep", FieldKind::Text)];

#[derive(Debug, Clone, PartialEq)]
pub struct RepDialog {
    pub editor: FieldEditor,
    reps: Vec<String>,
}

impl RepDialog {
    pub fn new(reps: Vec<String>, shown: Option<&str>) -> RepDialog {
        let mut current = Map::new();
        current.insert("rep".into(), Value::from(shown.unwrap_or("")));
        let mut editor = FieldEditor::new(REP_FIELDS, &current);
        editor.set_suggestions("rep", reps.clone());
        RepDialog { editor, reps }
    }

    /// The rep chosen (none: the whole book), or one sentence naming the team's reps.
    pub fn value(&self, lang: Lang) -> Result<Option<String>, Refused> {
        let typed = self.editor.text("rep").trim();
        if typed.is_empty() {
            return Ok(None);
        }
        match self.reps.iter().find(|r| r.as_str() == typed) {
            Some(rep) => Ok(Some(rep.clone())),
            None => Err(crate::i18n::t_args(
                lang,
                "cli-rep-unknown",
                &[
                    ("rep", typed.to_string().into()),
                    ("reps", self.reps.join(", ").into()),
                ],
            )),
        }
    }
}
