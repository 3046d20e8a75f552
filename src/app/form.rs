//! A record form: a new or stored record of any kind (or a contact's personal dossier),
//! its fields from the domain's field list. Saving checks the record's own rules and writes
//! it through the store, with its history, in one transaction. Settings and choices that are
//! not records (a date, a filter, weights) are dialogs (dialogs/).

use super::fields::FieldEditor;
pub use super::fields::{field_text, parse_field};
use crate::domain::contact::DOSSIER_FIELDS;
use crate::domain::custom_field::CustomField;
use crate::domain::record::{FieldSpec, RecordKind};
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::Store;
use anyhow::Result;
use serde_json::{Map, Value};

/// The keys of the custom fields on a form (`custom_form.rs`): the editor keys its fields
/// by static names.
pub(super) const CUSTOM_PREFIX: &str = "custom.";

/// The record a form saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    New {
        kind: RecordKind,
        account_id: i64,
    },
    Edit {
        kind: RecordKind,
        id: i64,
    },
    /// The personal dossier of a contact.
    Dossier {
        contact_id: i64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub target: FormTarget,
    pub editor: FieldEditor,
    /// A warning shown above the fields (an account's unsuitable visit times).
    pub warning: Option<String>,
    /// The visit plan this visit record carries out (marked done when it is saved).
    pub origin_plan: Option<i64>,
    /// The user has seen the unsuitable-time warning and saves anyway.
    pub acknowledged: bool,
    /// The "person met" text whose new names were asked about: saved as typed, those names
    /// become contacts (a different text is asked about again).
    pub new_people_asked: Option<String>,
    /// The team's custom fields on the form, after the record's own (`add_custom`).
    pub custom: Option<Vec<CustomField>>,
    /// The record as stored (or a new one's defaults): fields not on the form keep it.
    base: Map<String, Value>,
}

/// To the keys and the drawing a form is its fields being edited.
impl std::ops::Deref for Form {
    type Target = FieldEditor;
    fn deref(&self) -> &FieldEditor {
        &self.editor
    }
}

impl std::ops::DerefMut for Form {
    fn deref_mut(&mut self) -> &mut FieldEditor {
        &mut self.editor
    }
}

/// The label-table used for a form's field labels.
pub fn label_table(target: FormTarget) -> &'static str {
    match target {
        FormTarget::New { kind, .. } | FormTarget::Edit { kind, .. } => kind.table(),
        FormTarget::Dossier { .. } => "dossier",
    }
}

impl Form {
    fn build(target: FormTarget, fields: &[FieldSpec], base: Map<String, Value>) -> Form {
        Form {
            target,
            editor: FieldEditor::new(fields, &base),
            warning: None,
            origin_plan: None,
            acknowledged: false,
            new_people_asked: None,
            custom: None,
            base,
        }
    }

    /// A form for a new record of `kind` in an account, with sensible defaults.
    pub fn new_record(kind: RecordKind, account_id: i64, today: chrono::NaiveDate) -> Form {
        let mut base = Map::new();
        let day = Value::String(today.to_string());
        match kind {
            RecordKind::Deal
            | RecordKind::EventAttendance
            | RecordKind::ReturnClaim
            | RecordKind::Payment
            | RecordKind::ServiceRecord
            | RecordKind::Feedback
            | RecordKind::VisitReport => {
                base.insert("date".into(), day);
            }
            RecordKind::Communication => {
                base.insert(
                    "at".into(),
                    Value::String(
                        chrono::Local::now()
                            .naive_local()
                            .format("%Y-%m-%dT%H:%M:00")
                            .to_string(),
                    ),
                );
            }
            RecordKind::Account => {
                base.insert("status".into(), Value::String("active".into()));
                base.insert("category".into(), Value::String("normal".into()));
            }
            RecordKind::Opportunity => {
                base.insert("stage".into(), Value::String("initial".into()));
            }
            RecordKind::Entertainment | RecordKind::Gift => {
                base.insert("date".into(), day);
                base.insert("status".into(), Value::String("applied".into()));
            }
            RecordKind::VisitPlan => {
                base.insert("status".into(), Value::String("planned".into()));
                base.insert("method".into(), Value::String("visit".into()));
            }
            _ => {}
        }
        if kind == RecordKind::ReturnClaim {
            // A return just recorded is a return (退货) still to handle (待处理).
            base.insert("kind".into(), Value::String("return".into()));
            base.insert("status".into(), Value::String("open".into()));
        }
        let mut form = Form::build(FormTarget::New { kind, account_id }, kind.fields(), base);
        form.editor.today = today;
        form
    }

    /// A form for a new record with some fields filled in already (a payment's deal).
    pub fn new_record_with(
        kind: RecordKind,
        account_id: i64,
        today: chrono::NaiveDate,
        filled: Map<String, Value>,
    ) -> Form {
        let mut base = Form::new_record(kind, account_id, today).base;
        base.extend(filled);
        let mut form = Form::build(FormTarget::New { kind, account_id }, kind.fields(), base);
        form.editor.today = today;
        form
    }

    /// A form editing a stored record given as its JSON map.
    pub fn edit(kind: RecordKind, id: i64, record: Map<String, Value>) -> Form {
        Form::build(FormTarget::Edit { kind, id }, kind.fields(), record)
    }

    pub fn dossier(contact_id: i64, dossier: Option<&PersonalDossier>) -> Form {
        let base = match serde_json::to_value(dossier.cloned().unwrap_or_default()) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        Form::build(FormTarget::Dossier { contact_id }, DOSSIER_FIELDS, base)
    }

    /// A value of the record the form started from.
    pub(super) fn base_value(&self, key: &str) -> Option<&Value> {
        self.base.get(key)
    }

    /// The form's values as a JSON map over the record it started from, or `None` when a
    /// field does not parse (its message is set on the form). A field of a stored record
    /// left as it was shown keeps the stored value exactly.
    pub fn values(&mut self, lang: Lang) -> Option<Map<String, Value>> {
        let keep_unchanged = !matches!(self.target, FormTarget::New { .. });
        let map = self.editor.values(lang, &self.base, keep_unchanged);
        let custom = self.custom_values(lang)?;
        let mut map = map?;
        map.retain(|k, _| !k.starts_with(CUSTOM_PREFIX));
        if let Some(custom) = custom {
            map.insert("custom".into(), custom);
        }
        Some(map)
    }
}

/// Saves a form's values as a record of `kind`: validates with the record's rules and
/// returns the stored id, or the problems per field.
#[derive(Debug)]
pub enum Saved {
    Ok(i64),
    /// The values were those already stored: nothing was written (the account's id).
    Unchanged(i64),
    Invalid(Invalid),
}

/// A new record goes into an account; an edited one replaces the stored one.
enum Write {
    Insert { account_id: i64 },
    Update { id: i64 },
}

fn save_as<R: Record>(
    store: &mut Store,
    write: Write,
    mut map: Map<String, Value>,
) -> Result<Saved> {
    // An empty field is absent: the record's default (None, or "" for a required text that
    // validation then names).
    map.retain(|_, v| !v.is_null());
    let mut rec: R = serde_json::from_value(Value::Object(map))?;
    if let Err(invalid) = rec.validate() {
        return Ok(Saved::Invalid(invalid));
    }
    match write {
        Write::Insert { account_id } => {
            if R::KIND != RecordKind::Account {
                rec.set_account_id(account_id);
            }
            Ok(Saved::Ok(store.insert(&mut rec)?))
        }
        Write::Update { id } => {
            rec.set_id(id);
            Ok(match store.update(&mut rec)? {
                0 => Saved::Unchanged(rec.account_id()),
                _ => Saved::Ok(rec.account_id()),
            })
        }
    }
}

/// Saves a record form of any kind.
pub fn save(store: &mut Store, target: FormTarget, map: Map<String, Value>) -> Result<Saved> {
    let (kind, write) = match target {
        FormTarget::New { kind, account_id } => (kind, Write::Insert { account_id }),
        FormTarget::Edit { kind, id } => (kind, Write::Update { id }),
        FormTarget::Dossier { contact_id } => return save_dossier(store, contact_id, map),
    };
    match kind {
        RecordKind::Account => save_as::<Account>(store, write, map),
        RecordKind::Contact => save_as::<Contact>(store, write, map),
        RecordKind::Deal => save_as::<Deal>(store, write, map),
        RecordKind::Opportunity => save_as::<Opportunity>(store, write, map),
        RecordKind::Needs => save_as::<Needs>(store, write, map),
        RecordKind::ServiceRecord => save_as::<ServiceRecord>(store, write, map),
        RecordKind::Feedback => save_as::<Feedback>(store, write, map),
        RecordKind::Communication => save_as::<Communication>(store, write, map),
        RecordKind::VisitPlan => save_as::<VisitPlan>(store, write, map),
        RecordKind::VisitReport => save_as::<VisitReport>(store, write, map),
        RecordKind::Contract => save_as::<Contract>(store, write, map),
        RecordKind::Payment => save_as::<Payment>(store, write, map),
        RecordKind::Entertainment => save_as::<Entertainment>(store, write, map),
        RecordKind::Gift => save_as::<Gift>(store, write, map),
        RecordKind::Competitor => save_as::<Competitor>(store, write, map),
        RecordKind::EventAttendance => save_as::<EventAttendance>(store, write, map),
        RecordKind::Product => save_as::<Product>(store, write, map),
        RecordKind::Target => save_as::<crate::domain::Target>(store, write, map),
        RecordKind::ReturnClaim => save_as::<ReturnClaim>(store, write, map),
    }
}

/// A contact's personal dossier is part of the contact: saved as an update of it.
fn save_dossier(store: &mut Store, contact_id: i64, map: Map<String, Value>) -> Result<Saved> {
    let dossier: PersonalDossier = serde_json::from_value(Value::Object(map))?;
    let mut contact: Contact = store
        .get(contact_id)?
        .ok_or_else(|| anyhow::anyhow!("the contact no longer exists"))?;
    let dossier = (!dossier.is_empty()).then_some(dossier);
    // An empty dossier stored as such and one never written read the same.
    if dossier.clone().unwrap_or_default() == contact.dossier.clone().unwrap_or_default() {
        return Ok(Saved::Unchanged(contact.account_id));
    }
    contact.dossier = dossier;
    Ok(match store.update(&mut contact)? {
        0 => Saved::Unchanged(contact.account_id),
        _ => Saved::Ok(contact.account_id),
    })
}

/// A stored record of any kind as its JSON map, for an edit form.
pub fn load(store: &Store, kind: RecordKind, id: i64) -> Result<Option<Map<String, Value>>> {
    fn as_map<R: Record>(store: &Store, id: i64) -> Result<Option<Map<String, Value>>> {
        Ok(match store.get::<R>(id)? {
            Some(r) => match serde_json::to_value(r)? {
                Value::Object(m) => Some(m),
                _ => None,
            },
            None => None,
        })
    }
    match kind {
        RecordKind::Account => as_map::<Account>(store, id),
        RecordKind::Contact => as_map::<Contact>(store, id),
        RecordKind::Deal => as_map::<Deal>(store, id),
        RecordKind::Opportunity => as_map::<Opportunity>(store, id),
        RecordKind::Needs => as_map::<Needs>(store, id),
        RecordKind::ServiceRecord => as_map::<ServiceRecord>(store, id),
        RecordKind::Feedback => as_map::<Feedback>(store, id),
        RecordKind::Communication => as_map::<Communication>(store, id),
        RecordKind::VisitPlan => as_map::<VisitPlan>(store, id),
        RecordKind::VisitReport => as_map::<VisitReport>(store, id),
        RecordKind::Contract => as_map::<Contract>(store, id),
        RecordKind::Payment => as_map::<Payment>(store, id),
        RecordKind::Entertainment => as_map::<Entertainment>(store, id),
        RecordKind::Gift => as_map::<Gift>(store, id),
        RecordKind::Competitor => as_map::<Competitor>(store, id),
        RecordKind::EventAttendance => as_map::<EventAttendance>(store, id),
        RecordKind::Product => as_map::<Product>(store, id),
        RecordKind::Target => as_map::<crate::domain::Target>(store, id),
        RecordKind::ReturnClaim => as_map::<ReturnClaim>(store, id),
    }
}
