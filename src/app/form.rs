//! A form over any record kind, built from the domain's field list: each field is edited as
//! text, parsed by its kind, and checked by the record's own rules before the store sees it.

use super::input::Input;
use crate::domain::contact::DOSSIER_FIELDS;
pub use crate::domain::parse::parse_field;
use crate::domain::record::{FieldKind, FieldSpec, RecordKind};
use crate::domain::visit::{format_expenses, Expense};
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::Store;
use anyhow::Result;
use serde_json::{Map, Value};

/// What saving the form does.
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
    /// The account list's filters (not stored).
    Filter,
    /// The planner's date range (not stored).
    PlannerRange,
    /// The daily report's date (not stored).
    ReportDate,
    /// The file to import (not stored).
    Import,
    /// The analytics screen's period (not stored).
    AnalyticsRange,
    /// The grading bands of the analytics screen (stored as a setting, not a record).
    AnalyticsBands,
    /// The evaluation weights of the analytics screen (a setting).
    AnalyticsWeights,
    /// The target, reason and measures of an account (its plan).
    AccountPlan {
        account_id: i64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub target: FormTarget,
    pub fields: Vec<FieldSpec>,
    pub inputs: Vec<Input>,
    pub errors: Vec<Option<String>>,
    pub focus: usize,
    /// Values to pick with ←/→ on a text field (the account's contacts for "person met").
    pub suggestions: Vec<Vec<String>>,
    /// A warning shown above the fields (an account's unsuitable visit times).
    pub warning: Option<String>,
    /// The visit plan this visit record carries out (marked done when it is saved).
    pub origin_plan: Option<i64>,
    /// The user has seen the unsuitable-time warning and saves anyway.
    pub acknowledged: bool,
    base: Map<String, Value>,
    initial: Vec<String>,
}

/// The label-table used for a form's field labels.
pub fn label_table(target: FormTarget) -> &'static str {
    match target {
        FormTarget::New { kind, .. } | FormTarget::Edit { kind, .. } => kind.table(),
        FormTarget::Dossier { .. } => "dossier",
        FormTarget::Filter => "accounts",
        FormTarget::PlannerRange | FormTarget::AnalyticsRange => "planner",
        FormTarget::ReportDate => "report",
        FormTarget::Import => "import",
        FormTarget::AccountPlan { .. } => "account_plans",
        FormTarget::AnalyticsBands | FormTarget::AnalyticsWeights => "analytics",
    }
}

/// A stored value as the text a form edits; `parse_field` reads the text back to the same
/// value (a date-time at a full hour shows its minutes, seconds only when it has some).
pub fn field_text(spec: &FieldSpec, v: Option<&Value>) -> String {
    match (spec.kind, v) {
        (_, None | Some(Value::Null)) => String::new(),
        (FieldKind::Bool, Some(Value::Bool(b))) => {
            if *b {
                "yes".into()
            } else {
                String::new()
            }
        }
        (FieldKind::YesNo, Some(Value::Bool(b))) => if *b { "yes" } else { "no" }.into(),
        (FieldKind::Json, Some(v)) if spec.key == "expenses" => {
            let lines: Vec<Expense> = serde_json::from_value(v.clone()).unwrap_or_default();
            format_expenses(&lines)
        }
        (FieldKind::DateTime, Some(Value::String(s))) => datetime_text(s),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(v)) => v.to_string(),
    }
}

/// `2026-12-08T09:00:00` as `2026-12-08 09:00`; `…T09:00:30` keeps its seconds.
fn datetime_text(stored: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(stored, "%Y-%m-%dT%H:%M:%S") {
        Ok(at) if chrono::Timelike::second(&at) == 0 => at.format("%Y-%m-%d %H:%M").to_string(),
        Ok(at) => at.format("%Y-%m-%d %H:%M:%S").to_string(),
        Err(_) => stored.replace('T', " "),
    }
}

impl Form {
    fn build(target: FormTarget, fields: &[FieldSpec], base: Map<String, Value>) -> Form {
        // The personal dossier has its own form; expense lines are edited as one line of text.
        let fields: Vec<FieldSpec> = fields
            .iter()
            .copied()
            .filter(|f| f.kind != FieldKind::Json || f.key == "expenses")
            .collect();
        let inputs: Vec<Input> = fields
            .iter()
            .map(|f| Input::new(&field_text(f, base.get(f.key))))
            .collect();
        let initial = inputs.iter().map(|i| i.text().to_string()).collect();
        Form {
            target,
            errors: vec![None; fields.len()],
            suggestions: vec![vec![]; fields.len()],
            warning: None,
            origin_plan: None,
            acknowledged: false,
            fields,
            inputs,
            focus: 0,
            base,
            initial,
        }
    }

    /// A form for a new record of `kind` in an account, with sensible defaults.
    pub fn new_record(kind: RecordKind, account_id: i64, today: chrono::NaiveDate) -> Form {
        let mut base = Map::new();
        let day = Value::String(today.to_string());
        match kind {
            RecordKind::Deal
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
            RecordKind::VisitPlan => {
                base.insert("status".into(), Value::String("planned".into()));
                base.insert("method".into(), Value::String("visit".into()));
            }
            _ => {}
        }
        Form::build(FormTarget::New { kind, account_id }, kind.fields(), base)
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

    pub fn filter(fields: &[FieldSpec], current: Map<String, Value>) -> Form {
        Form::build(FormTarget::Filter, fields, current)
    }

    /// The target, reason and measures of a key account.
    pub fn account_plan(account_id: i64, plan: &AccountPlan) -> Form {
        let mut current = Map::new();
        if let Some(t) = plan.target {
            current.insert("target".into(), t.to_string().into());
        }
        if let Some(r) = &plan.reason {
            current.insert("reason".into(), r.clone().into());
        }
        if let Some(m) = &plan.measures {
            current.insert("measures".into(), m.clone().into());
        }
        Form::build(
            FormTarget::AccountPlan { account_id },
            crate::app::analytics::PLAN_FIELDS,
            current,
        )
    }

    pub fn is_dirty(&self) -> bool {
        self.inputs
            .iter()
            .map(|i| i.text())
            .ne(self.initial.iter().map(|s| s.as_str()))
    }

    /// Whether the field's text differs from what the form opened with.
    pub fn changed(&self, key: &str) -> bool {
        self.fields
            .iter()
            .position(|f| f.key == key)
            .is_some_and(|i| self.inputs[i].text() != self.initial[i])
    }

    pub fn focused(&mut self) -> &mut Input {
        &mut self.inputs[self.focus]
    }

    pub fn focused_spec(&self) -> FieldSpec {
        self.fields[self.focus]
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    /// Steps a choice field through its codes (and empty); toggles a yes/no field.
    pub fn cycle(&mut self, forward: bool) {
        let spec = self.fields[self.focus];
        let input = &mut self.inputs[self.focus];
        match spec.kind {
            FieldKind::Choice(set) => {
                let mut options: Vec<&str> = vec![""];
                options.extend(set.codes.iter().copied());
                let current = set.resolve(input.text()).unwrap_or("");
                let i = options.iter().position(|o| *o == current).unwrap_or(0);
                let n = options.len();
                let next = if forward {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                };
                input.set(options[next]);
            }
            FieldKind::Bool => {
                let on = matches!(parse_field(&spec, input.text()), Ok(Value::Bool(true)));
                input.set(if on { "" } else { "yes" });
            }
            FieldKind::YesNo => {
                // not known → yes → no → not known; backwards the other way.
                let states = ["", "yes", "no"];
                let now = match parse_field(&spec, input.text()) {
                    Ok(Value::Bool(true)) => 1,
                    Ok(Value::Bool(false)) => 2,
                    _ => 0,
                };
                let next = if forward {
                    (now + 1) % 3
                } else {
                    (now + 2) % 3
                };
                input.set(states[next]);
            }
            _ => {
                let options = &self.suggestions[self.focus];
                if !options.is_empty() {
                    let n = options.len() + 1;
                    let i = options
                        .iter()
                        .position(|o| o == input.text())
                        .map_or(0, |i| i + 1);
                    let next = if forward {
                        (i + 1) % n
                    } else {
                        (i + n - 1) % n
                    };
                    input.set(if next == 0 { "" } else { &options[next - 1] });
                }
            }
        }
        self.errors[self.focus] = None;
    }

    /// Whether ←/→ pick a value on the focused field.
    pub fn picks(&self) -> bool {
        self.fields[self.focus].kind.is_picked() || !self.suggestions[self.focus].is_empty()
    }

    pub fn set_suggestions(&mut self, key: &str, options: Vec<String>) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.suggestions[i] = options;
        }
    }

    pub fn set_text(&mut self, key: &str, text: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.inputs[i].set(text);
        }
    }

    pub fn text(&self, key: &str) -> &str {
        self.fields
            .iter()
            .position(|f| f.key == key)
            .map_or("", |i| self.inputs[i].text())
    }

    /// Typing into the focused field. On a choice field one key picks a value by its code
    /// (`a`–`c` purposes, `A`–`E` outcomes) or by a longer code as it is typed.
    pub fn type_char(&mut self, c: char) {
        let spec = self.fields[self.focus];
        let input = &mut self.inputs[self.focus];
        if let FieldKind::Choice(set) = spec.kind {
            let longer = format!("{}{c}", input.text());
            let exact = |t: &str| set.codes.contains(&t);
            if exact(&longer) || set.codes.iter().any(|code| code.starts_with(&longer)) {
                input.set(&longer);
            } else if exact(&c.to_string()) || set.codes.iter().any(|code| code.starts_with(c)) {
                input.set(&c.to_string());
            } else {
                input.set(&longer);
            }
        } else if matches!(spec.kind, FieldKind::Bool | FieldKind::YesNo) {
            // `y`, `n`, `是`, `否`, `?` … answer at once; other keys are ignored.
            match crate::domain::parse::yes_no(&c.to_string()) {
                Some(Some(true)) => input.set("yes"),
                Some(Some(false)) if spec.kind == FieldKind::Bool => input.set(""),
                Some(Some(false)) => input.set("no"),
                Some(None) if spec.kind == FieldKind::YesNo => input.set(""),
                _ => {}
            }
        } else {
            input.insert(c);
        }
        self.errors[self.focus] = None;
    }

    /// Forgets the focused answer of a picked field (a yes/no becomes not known).
    pub fn clear_focused(&mut self) {
        self.inputs[self.focus].set("");
        self.errors[self.focus] = None;
    }

    /// Re-checks the focused field alone, so its message appears as soon as it is left.
    pub fn check_focused(&mut self, lang: Lang) {
        let spec = self.fields[self.focus];
        self.errors[self.focus] = parse_field(&spec, self.inputs[self.focus].text())
            .err()
            .map(|p| p.message(lang));
    }

    /// The form's values as a JSON map over the record it started from, or the fields that
    /// do not parse (their messages are set on the form).
    pub fn values(&mut self, lang: Lang) -> Option<Map<String, Value>> {
        let mut map = self.base.clone();
        let mut ok = true;
        // A field left as it was shown keeps the stored value exactly, whatever its text
        // would read as (surrounding spaces, an expense note with a `;`): saving a form
        // changes only what was typed.
        let keeps_stored = matches!(
            self.target,
            FormTarget::Edit { .. } | FormTarget::Dossier { .. } | FormTarget::AccountPlan { .. }
        );
        for (i, spec) in self.fields.iter().enumerate() {
            if keeps_stored && self.inputs[i].text() == self.initial[i] {
                self.errors[i] = None;
                continue;
            }
            match parse_field(spec, self.inputs[i].text()) {
                Ok(v) => {
                    map.insert(spec.key.to_string(), v);
                    self.errors[i] = None;
                }
                Err(p) => {
                    self.errors[i] = Some(p.message(lang));
                    ok = false;
                }
            }
        }
        if !ok {
            self.focus_first_error();
        }
        ok.then_some(map)
    }

    /// Shows the record's own validation problems next to their fields.
    pub fn set_invalid(&mut self, invalid: &Invalid, lang: Lang) {
        for e in &invalid.0 {
            if let Some(i) = self.fields.iter().position(|f| f.key == e.field) {
                self.errors[i] = Some(e.problem.message(lang));
            }
        }
        self.focus_first_error();
    }

    fn focus_first_error(&mut self) {
        if let Some(i) = self.errors.iter().position(|e| e.is_some()) {
            self.focus = i;
        }
    }

    pub fn has_errors(&self) -> bool {
        self.errors.iter().any(|e| e.is_some())
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

fn save_as<R: Record>(
    store: &mut Store,
    target: FormTarget,
    mut map: Map<String, Value>,
) -> Result<Saved> {
    // An empty field is absent: the record's default (None, or "" for a required text that
    // validation then names).
    map.retain(|_, v| !v.is_null());
    let mut rec: R = serde_json::from_value(Value::Object(map))?;
    if let Err(invalid) = rec.validate() {
        return Ok(Saved::Invalid(invalid));
    }
    match target {
        FormTarget::New { account_id, .. } => {
            if R::KIND != RecordKind::Account {
                rec.set_account_id(account_id);
            }
            Ok(Saved::Ok(store.insert(&mut rec)?))
        }
        FormTarget::Edit { id, .. } => {
            rec.set_id(id);
            Ok(match store.update(&mut rec)? {
                0 => Saved::Unchanged(rec.account_id()),
                _ => Saved::Ok(rec.account_id()),
            })
        }
        _ => unreachable!("only record forms are saved as records"),
    }
}

/// Saves a record form of any kind.
pub fn save(store: &mut Store, target: FormTarget, map: Map<String, Value>) -> Result<Saved> {
    let kind = match target {
        FormTarget::New { kind, .. } | FormTarget::Edit { kind, .. } => kind,
        FormTarget::Dossier { contact_id } => {
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
            return Ok(match store.update(&mut contact)? {
                0 => Saved::Unchanged(contact.account_id),
                _ => Saved::Ok(contact.account_id),
            });
        }
        FormTarget::Filter
        | FormTarget::PlannerRange
        | FormTarget::ReportDate
        | FormTarget::Import
        | FormTarget::AnalyticsRange
        | FormTarget::AnalyticsBands
        | FormTarget::AnalyticsWeights
        | FormTarget::AccountPlan { .. } => anyhow::bail!("filters are not saved"),
    };
    match kind {
        RecordKind::Account => save_as::<Account>(store, target, map),
        RecordKind::Contact => save_as::<Contact>(store, target, map),
        RecordKind::Deal => save_as::<Deal>(store, target, map),
        RecordKind::Opportunity => save_as::<Opportunity>(store, target, map),
        RecordKind::Needs => save_as::<Needs>(store, target, map),
        RecordKind::ServiceRecord => save_as::<ServiceRecord>(store, target, map),
        RecordKind::Feedback => save_as::<Feedback>(store, target, map),
        RecordKind::Communication => save_as::<Communication>(store, target, map),
        RecordKind::VisitPlan => save_as::<VisitPlan>(store, target, map),
        RecordKind::VisitReport => save_as::<VisitReport>(store, target, map),
    }
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
    }
}
