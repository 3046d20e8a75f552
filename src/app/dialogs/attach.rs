//! A file's path, asked for in one field: the file to attach to an account (or a person or
//! visit of it), or where to save an attachment out of the book. What the path must be (a
//! file that exists and is small enough; a place with nothing there yet) the attachments
//! screen checks when the dialog is saved, and says in one sentence.

use super::import::expand_home;
use crate::app::fields::{FieldEditor, Refused};
use crate::domain::record::{required_field, FieldKind, FieldSpec};
use crate::i18n::{t, Lang};
use serde_json::{Map, Value};
use std::path::PathBuf;

pub const PATH_FIELDS: &[FieldSpec] = &[required_field("file", FieldKind::Text)];

/// What the path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// A file to attach.
    Attach,
    /// Where to save the attachment with this id.
    Save(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PathDialog {
    pub editor: FieldEditor,
    pub purpose: PathPurpose,
}

impl PathDialog {
    pub fn new(purpose: PathPurpose, suggested: &str) -> PathDialog {
        let mut current = Map::new();
        current.insert("file".into(), Value::from(suggested));
        PathDialog {
            editor: FieldEditor::new(PATH_FIELDS, &current),
            purpose,
        }
    }

    /// The path typed (`~/` expanded), or the sentence that none was.
    pub fn value(&self, lang: Lang) -> Result<PathBuf, Refused> {
        let typed = self.editor.text("file").trim();
        if typed.is_empty() {
            return Err(t(lang, "attachment-path-needed"));
        }
        Ok(PathBuf::from(expand_home(typed)))
    }
}
