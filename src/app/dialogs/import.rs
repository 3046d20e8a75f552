//! The file to import, and the sheet of a workbook; its dry run is shown next.

use crate::app::fields::FieldEditor;
use crate::app::fields::{parsed, Refused};
use crate::domain::record::{field, required_field, FieldKind, FieldSpec};
use crate::i18n::Lang;
use serde_json::Map;
use std::path::PathBuf;

pub const IMPORT_FIELDS: &[FieldSpec] = &[
    required_field("file", FieldKind::Text),
    field("sheet", FieldKind::Text),
];

/// A file to import: its path (`~/` expanded) and, in a workbook, the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFile {
    pub file: PathBuf,
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportDialog {
    pub editor: FieldEditor,
}

impl ImportDialog {
    pub fn new() -> ImportDialog {
        ImportDialog {
            editor: FieldEditor::new(IMPORT_FIELDS, &Map::new()),
        }
    }

    pub fn value(&mut self, lang: Lang) -> Result<ImportFile, Refused> {
        let values = parsed(&mut self.editor, lang, &Map::new())?;
        let text = |k: &str| {
            values
                .get(k)
                .and_then(|v| v.as_str())
                .map(str::trim)
                .unwrap_or("")
                .to_string()
        };
        Ok(ImportFile {
            file: PathBuf::from(expand_home(&text("file"))),
            sheet: Some(text("sheet")).filter(|s| !s.is_empty()),
        })
    }
}

impl Default for ImportDialog {
    fn default() -> ImportDialog {
        ImportDialog::new()
    }
}

/// `~/x.csv` as the file in the home folder, as a shell would read it.
pub(super) fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest).display().to_string(),
        _ => path.to_string(),
    }
}

/// What the import dialog shows: the dry run's outcome, or every problem of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportCheck {
    pub file: PathBuf,
    pub sheet: Option<String>,
    pub lines: Vec<String>,
    /// False when the file cannot go in; the dialog then only closes.
    pub ok: bool,
    /// The columns whose field the rep chose on the mapping screen.
    pub overrides: Vec<(String, crate::exchange::headers::Target)>,
    /// kam's own export (CSV folder or workbook): every section back, by account code.
    pub own_export: bool,
}
