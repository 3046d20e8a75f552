//! A personal dossier's change as a person reads it on the History tab: the dossier is stored
//! as one JSON value, so one save is one history row; shown revealed, it reads as the fields
//! that changed, each with its label and its old and new value, not as two blobs of JSON.

use crate::i18n::{field_label, t, Lang};
use serde_json::{Map, Value};

/// What one dossier change changed: the changed fields' labels, then their old and new
/// values, each as `label: value` joined by `; ` (in the dossier's field order).
pub fn dossier_change(lang: Lang, old: Option<&str>, new: Option<&str>) -> [String; 3] {
    let (old, new) = (object(old), object(new));
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut labels = vec![];
    let (mut was, mut is) = (vec![], vec![]);
    for key in keys {
        let (a, b) = (
            old.get(key).unwrap_or(&Value::Null),
            new.get(key).unwrap_or(&Value::Null),
        );
        if a == b {
            continue;
        }
        let label = field_label(lang, "dossier", key);
        was.push(format!("{label}: {}", text(lang, key, a)));
        is.push(format!("{label}: {}", text(lang, key, b)));
        labels.push(label);
    }
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    [labels.join(sep), was.join("; "), is.join("; ")]
}

fn object(text: Option<&str>) -> Map<String, Value> {
    match text.map(serde_json::from_str::<Value>) {
        Some(Ok(Value::Object(m))) => m,
        _ => Map::new(),
    }
}

fn text(lang: Lang, key: &str, v: &Value) -> String {
    use crate::domain::contact::DOSSIER_FIELDS;
    use crate::domain::record::FieldKind;
    let choices = DOSSIER_FIELDS
        .iter()
        .find(|f| f.key == key)
        .and_then(|f| match f.kind {
            FieldKind::Choice(set) => Some(set),
            _ => None,
        });
    match v {
        Value::Null => "—".into(),
        Value::Bool(b) => t(lang, if *b { "yes" } else { "no" }),
        // A choice (公司前途 / 个人前途) read as its label, not its stored code.
        Value::String(s) => match choices.filter(|c| c.contains(s)) {
            Some(c) => c.label(lang, s),
            None => s.clone(),
        },
        v => v.to_string(),
    }
}
