//! The account list's filters: a code or a text per field of `FILTER_FIELDS`.

use crate::app::fields::FieldEditor;
use crate::app::fields::{parsed, Refused};
use crate::domain::record::{field, FieldKind, FieldSpec};
use crate::domain::{AccountStatus, Category, Grade, Industry};
use crate::i18n::Lang;
use serde_json::{Map, Value};

/// The filter form's fields.
pub const FILTER_FIELDS: &[FieldSpec] = &[
    field("category", FieldKind::Choice(Category::CHOICES)),
    field("grade", FieldKind::Choice(Grade::CHOICES)),
    field("status", FieldKind::Choice(AccountStatus::CHOICES)),
    field("industry", FieldKind::Choice(Industry::CHOICES)),
    field("city", FieldKind::Text),
    field("tag", FieldKind::Text),
];

/// Field key → code or text, as the list keeps its filters.
pub type Filters = Map<String, Value>;

#[derive(Debug, Clone, PartialEq)]
pub struct FilterDialog {
    pub editor: FieldEditor,
    current: Filters,
}

impl FilterDialog {
    pub fn new(current: Filters) -> FilterDialog {
        FilterDialog {
            editor: FieldEditor::new(FILTER_FIELDS, &current),
            current,
        }
    }

    pub fn value(&mut self, lang: Lang) -> Result<Filters, Refused> {
        parsed(&mut self.editor, lang, &self.current)
    }
}
