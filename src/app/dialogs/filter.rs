//! The account list's filters: a code or a text per field of `list::FILTER_FIELDS`.

use super::{parsed, Refused};
use crate::app::fields::FieldEditor;
use crate::app::list::FILTER_FIELDS;
use crate::app::App;
use crate::i18n::Lang;
use serde_json::{Map, Value};

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

impl App {
    /// Shows the list with the filters chosen.
    pub(super) fn apply_filters(&mut self, filters: Filters) -> anyhow::Result<()> {
        self.change_list(|l| l.filters = filters);
        Ok(())
    }
}
