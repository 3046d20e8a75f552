//! The dossier's sensitive items (religion, health, politics: PIPL Art. 28, GDPR Art. 9;
//! `SENSITIVE_DOSSIER_FIELDS`) are the laptop's own: hidden in the interface, left out of
//! every export unless asked for, and so never sent to the team's server, whose operator and
//! manager a rep cannot choose. A contact travels with its dossier without them; a pulled
//! dossier (which the server holds without them) is stored with this laptop's own items put
//! back, so a pull never loses what the rep wrote, and never brings another laptop's.

use super::sync_wire::{json_of, RecordState};
use crate::domain::contact::SENSITIVE_DOSSIER_FIELDS;
use crate::domain::record::RecordKind;
use crate::domain::PersonalDossier;
use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};

/// The column that holds the dossier (a JSON document as text).
const DOSSIER: &str = "dossier";

/// The dossier document of a column's value; none when it holds none or no object.
fn document(v: Option<&Value>) -> Option<Map<String, Value>> {
    match v {
        Some(Value::String(text)) => match serde_json::from_str(text) {
            Ok(Value::Object(m)) => Some(m),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a dossier document holds any sensitive item.
fn holds_sensitive(d: &Map<String, Value>) -> bool {
    SENSITIVE_DOSSIER_FIELDS
        .iter()
        .any(|k| d.get(*k).is_some_and(|v| !v.is_null()))
}

/// A record's values as they leave for the team: a contact's dossier without its sensitive
/// items (left as they were when it holds none, so the text is the same on every laptop).
pub(crate) fn for_the_team(kind: RecordKind, values: &mut Map<String, Value>) {
    if kind != RecordKind::Contact {
        return;
    }
    let Some(mut d) = document(values.get(DOSSIER)).filter(holds_sensitive) else {
        return;
    };
    for k in SENSITIVE_DOSSIER_FIELDS {
        if let Some(v) = d.get_mut(*k) {
            *v = Value::Null;
        }
    }
    values.insert(DOSSIER.into(), Value::String(Value::Object(d).to_string()));
}

/// The dossier to store when the team's `incoming` one replaces `local` (this laptop's
/// column value): the team's items with this laptop's sensitive ones, none of the
/// incoming's (an older kam sent them). None when `incoming` can be stored as it is.
pub(crate) fn kept_here(incoming: Option<&Value>, local: Option<&Value>) -> Option<Value> {
    let mine = document(local).filter(holds_sensitive);
    let theirs = document(incoming);
    if mine.is_none() && !theirs.as_ref().is_some_and(holds_sensitive) {
        return None;
    }
    // An emptied or absent dossier still keeps this laptop's items, in the stored shape.
    let mut d = theirs.unwrap_or_else(|| match serde_json::to_value(PersonalDossier::default()) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    });
    for k in SENSITIVE_DOSSIER_FIELDS {
        let v = mine
            .as_ref()
            .and_then(|m| m.get(*k))
            .cloned()
            .unwrap_or(Value::Null);
        d.insert(k.to_string(), v);
    }
    Some(Value::String(Value::Object(d).to_string()))
}

/// A pulled contact as this laptop stores it: its dossier with this laptop's sensitive items
/// ([`kept_here`]); none when it can be stored as it came.
pub(crate) fn as_kept_here(
    conn: &Connection,
    kind: RecordKind,
    rec: &RecordState,
) -> Result<Option<RecordState>> {
    if kind != RecordKind::Contact || !rec.values.contains_key(DOSSIER) {
        return Ok(None);
    }
    let local: Option<Value> = conn
        .prepare_cached("SELECT dossier FROM contacts WHERE uid = ?1")?
        .query_row([&rec.uid], |r| Ok(json_of(r.get_ref(0)?)))
        .optional()?;
    Ok(kept_here(rec.values.get(DOSSIER), local.as_ref()).map(|d| {
        let mut kept = rec.clone();
        kept.values.insert(DOSSIER.into(), d);
        kept
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(v: Value) -> Value {
        Value::String(v.to_string())
    }

    #[test]
    fn the_team_gets_the_dossier_without_them_and_a_laptop_keeps_its_own() {
        let mut values = Map::new();
        values.insert(
            "dossier".into(),
            text(json!({"degree": "硕士", "religion": "佛教", "health": null})),
        );
        for_the_team(RecordKind::Contact, &mut values);
        assert_eq!(
            values["dossier"],
            text(json!({"degree": "硕士", "religion": null, "health": null}))
        );
        // Without sensitive items the text is left as it was (key order and all).
        let plain = Value::String(r#"{"degree":"硕士","religion":null}"#.into());
        let mut values = Map::new();
        values.insert("dossier".into(), plain.clone());
        for_the_team(RecordKind::Contact, &mut values);
        assert_eq!(values["dossier"], plain);

        let local = text(json!({"degree": "硕士", "religion": "佛教"}));
        let incoming = text(json!({"degree": "博士", "religion": null, "health": "他人的"}));
        let kept = kept_here(Some(&incoming), Some(&local)).unwrap();
        let d = document(Some(&kept)).unwrap();
        assert_eq!(d["degree"], json!("博士"));
        assert_eq!(d["religion"], json!("佛教"));
        assert_eq!(
            d["health"],
            Value::Null,
            "another laptop's item is not taken"
        );
        assert_eq!(kept_here(Some(&plain), None), None);
        let emptied = kept_here(Some(&Value::Null), Some(&local)).unwrap();
        let d = document(Some(&emptied)).unwrap();
        assert_eq!(d["religion"], json!("佛教"));
        assert_eq!(d["degree"], Value::Null);
    }
}
