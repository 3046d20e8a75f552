//! Editing a list of typed fields, the part that record forms (form.rs) and dialogs
//! (dialogs/) share: each field is edited as text, a choice steps through its codes, a
//! yes/no answers to one key, and each field is parsed by its kind as it is left. What the
//! values become (a stored record, a date, a set of weights) is the form's or the dialog's.

use super::input::Input;
pub use crate::domain::parse::parse_field;
use crate::domain::record::{FieldKind, FieldSpec};
use crate::domain::visit::{format_expenses, Expense};
use crate::domain::Invalid;
use crate::i18n::{t, Lang};
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct FieldEditor {
    pub fields: Vec<FieldSpec>,
    pub inputs: Vec<Input>,
    pub errors: Vec<Option<String>>,
    pub focus: usize,
    /// Values to pick with ←/→ on a text field (the account's contacts for "person met").
    pub suggestions: Vec<Vec<String>>,
    /// The texts the editor opened with: what "changed" and "dirty" compare against.
    initial: Vec<String>,
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

impl FieldEditor {
    /// An editor over `fields` showing the values of `base`. JSON fields are left out
    /// (the personal dossier has its own form), except expense lines, edited as one line.
    pub fn new(fields: &[FieldSpec], base: &Map<String, Value>) -> FieldEditor {
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
        FieldEditor {
            errors: vec![None; fields.len()],
            suggestions: vec![vec![]; fields.len()],
            fields,
            inputs,
            focus: 0,
            initial,
        }
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

    /// The values as a JSON map over `base` (the record or the settings the editor opened
    /// on), or `None` when a field does not parse (its message is set beside it). With
    /// `keep_unchanged`, a field left as it was shown keeps the value of `base` exactly,
    /// whatever its text would read as (surrounding spaces, an expense note with a `;`):
    /// saving then changes only what was typed.
    pub fn values(
        &mut self,
        lang: Lang,
        base: &Map<String, Value>,
        keep_unchanged: bool,
    ) -> Option<Map<String, Value>> {
        let mut map = base.clone();
        let mut ok = true;
        for (i, spec) in self.fields.iter().enumerate() {
            if keep_unchanged && self.inputs[i].text() == self.initial[i] {
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

/// Why a dialog's values were refused: one sentence for the status line, the dialog staying
/// open.
pub type Refused = String;

/// Every field parsed by its kind over `base`, or the sentence asking to fix them (each
/// field's own message is beside it).
pub fn parsed(
    editor: &mut FieldEditor,
    lang: Lang,
    base: &Map<String, Value>,
) -> Result<Map<String, Value>, Refused> {
    editor
        .values(lang, base, false)
        .ok_or_else(|| t(lang, "status-fix-fields"))
}
