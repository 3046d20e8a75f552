//! Which fields an import changes in accounts and contacts already in the book, kept as it
//! goes so that the dry run can list them (`C000777 City: 福州市 → 苏州市`): a rep updating
//! the book from an edited sheet sees every value that would be overwritten before saying
//! yes. Kept as keys and JSON values; the labels are the reader's language, at printing.

use crate::domain::record::Record;
use crate::i18n::{field_label, t, Lang};
use anyhow::Result;
use serde_json::Value;

/// One changed field of a stored record.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldChanged {
    pub code: String,
    /// The contact's name; none for the account itself.
    pub record: Option<String>,
    pub table: &'static str,
    pub field: &'static str,
    pub old: Value,
    pub new: Value,
}

/// The fields `after` changed of `before`.
pub(super) fn between<R: Record>(
    code: &str,
    record: Option<&str>,
    before: &R,
    after: &R,
) -> Result<Vec<FieldChanged>> {
    let (b, a) = (serde_json::to_value(before)?, serde_json::to_value(after)?);
    Ok(R::fields()
        .iter()
        .filter(|f| !matches!(f.key, "id" | "account_id" | "code"))
        .filter(|f| b.get(f.key) != a.get(f.key))
        .map(|f| FieldChanged {
            code: code.to_string(),
            record: record.map(str::to_string),
            table: R::KIND.table(),
            field: f.key,
            old: b.get(f.key).cloned().unwrap_or(Value::Null),
            new: a.get(f.key).cloned().unwrap_or(Value::Null),
        })
        .collect())
}

/// A value on one line, a long one (notes with a line appended) cut to its first 120
/// characters: the line says which field changes, the record shows it whole.
fn shown(v: &Value, lang: Lang) -> String {
    let text = match v {
        Value::Null => return t(lang, "update-empty"),
        Value::String(s) if s.is_empty() => return t(lang, "update-empty"),
        Value::String(s) => s.replace('\n', " "),
        other => other.to_string(),
    };
    match text.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

impl FieldChanged {
    pub fn line(&self, lang: Lang) -> String {
        let who = self
            .record
            .as_deref()
            .map(|r| format!(" {r}"))
            .unwrap_or_default();
        format!(
            "{}{who} {}: {} → {}",
            self.code,
            field_label(lang, self.table, self.field),
            shown(&self.old, lang),
            shown(&self.new, lang)
        )
    }
}
