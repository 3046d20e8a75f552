//! Editing a list of typed fields, the part that record forms (form.rs) and dialogs
//! (dialogs/) share: each field is edited as text, a choice steps through its codes, a
//! yes/no answers to one key, and each field is parsed by its kind as it is left. What the
//! values become (a stored record, a date, a set of weights) is the form's or the dialog's.

use super::input::Input;
use crate::domain::expenses::format_expenses;
pub use crate::domain::parse::parse_field;
use crate::domain::parse::parse_field_on;
use crate::domain::record::{FieldKind, FieldSpec};
use crate::domain::visit::Expense;
use crate::domain::Invalid;
use crate::i18n::{t, Lang};
use crate::search::names::named;
use chrono::NaiveDate;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct FieldEditor {
    pub fields: Vec<FieldSpec>,
    pub inputs: Vec<Input>,
    pub errors: Vec<Option<String>>,
    pub focus: usize,
    /// Values to pick with ←/→ on a text field (the account's contacts for "person met").
    pub suggestions: Vec<Vec<String>>,
    /// What was last typed into a field with suggestions: ←/→ step through the suggestions
    /// it names (all of them when nothing was typed).
    typed: Vec<String>,
    /// The day relative dates are read on (明天, `+7`, 下周一): the book's today, which the
    /// app sets; the computer's today until then.
    pub today: NaiveDate,
    /// The texts the editor opened with: what "changed" and "dirty" compare against.
    initial: Vec<String>,
    /// Labels given with a field rather than read from the message files: a custom field's
    /// name, in the team's words.
    pub labels: std::collections::HashMap<&'static str, String>,
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
        (FieldKind::Json, Some(v)) if spec.is_expense_lines() => {
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
            .filter(|f| f.kind != FieldKind::Json || f.is_expense_lines())
            .collect();
        let inputs: Vec<Input> = fields
            .iter()
            .map(|f| Input::new(&field_text(f, base.get(f.key))))
            .collect();
        let initial = inputs.iter().map(|i| i.text().to_string()).collect();
        FieldEditor {
            errors: vec![None; fields.len()],
            suggestions: vec![vec![]; fields.len()],
            typed: vec![String::new(); fields.len()],
            today: chrono::Local::now().date_naive(),
            fields,
            inputs,
            focus: 0,
            initial,
            labels: Default::default(),
        }
    }

    /// Adds a field after the others, showing `text`, labelled `label`, with values to pick
    /// with ←/→ (a custom field and its choices).
    pub fn push_field(&mut self, spec: FieldSpec, text: &str, label: &str, picks: Vec<String>) {
        self.fields.push(spec);
        self.inputs.push(Input::new(text));
        self.initial.push(text.to_string());
        self.errors.push(None);
        self.suggestions.push(picks);
        self.typed.push(String::new());
        self.labels.insert(spec.key, label.to_string());
    }

    /// What the fields show now is what the editor opened with: prefilled values (the filler,
    /// a plan's contact and date) are not the person's edits, so Esc closes without asking.
    pub fn settle(&mut self) {
        self.initial = self.inputs.iter().map(|i| i.text().to_string()).collect();
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
                // What was typed is the filter; a suggestion picked keeps it.
                let current = input.text().to_string();
                if !self.suggestions[self.focus].contains(&current) {
                    self.typed[self.focus] = current;
                }
                let typed = &self.typed[self.focus];
                let all = self.suggestions[self.focus].iter().map(String::as_str);
                let options: Vec<String> = if typed.is_empty() {
                    all.map(str::to_string).collect()
                } else {
                    named(&person_of(typed), all)
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                };
                if !options.is_empty() {
                    let n = options.len() + 1;
                    let i = options
                        .iter()
                        .position(|o| o.as_str() == input.text())
                        .map_or(0, |i| i + 1);
                    let next = if forward {
                        (i + 1) % n
                    } else {
                        (i + n - 1) % n
                    };
                    let text = if next == 0 {
                        typed.clone()
                    } else {
                        options[next - 1].clone()
                    };
                    input.set(&text);
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
        self.errors[self.focus] = self.parse(self.focus).err().map(|p| p.message(lang));
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
            match self.parse(i) {
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

    /// Field `i` read as its value: relative dates on `today`, and a choice typed as part of
    /// its label in either language or its pinyin (`软件`, `rj`) as the choice it names.
    fn parse(&self, i: usize) -> Result<Value, crate::domain::Problem> {
        let (spec, text) = (&self.fields[i], self.inputs[i].text());
        match spec.kind {
            FieldKind::Choice(set) => match choice_named(set, text) {
                Some(code) => Ok(Value::String(code.to_string())),
                None => parse_field_on(spec, text, self.today),
            },
            _ => parse_field_on(spec, text, self.today),
        }
    }

    /// What field `i` will be read as, when that is not what it shows: the date of `明天`,
    /// the amount of `5000万`, the choice `软件` names, the contacts `唐总` may be.
    pub fn reading(&self, i: usize, lang: Lang) -> Option<String> {
        let (spec, text) = (&self.fields[i], self.inputs[i].text().trim());
        if text.is_empty() {
            return None;
        }
        if !self.suggestions[i].is_empty() {
            let all = self.suggestions[i].iter().map(String::as_str);
            if self.suggestions[i].iter().any(|s| s == text) {
                return None;
            }
            let found: Vec<&str> = named(&person_of(text), all).into_iter().take(3).collect();
            return (!found.is_empty()).then(|| found.join(" · "));
        }
        if let FieldKind::Choice(set) = spec.kind {
            if set.resolve(text).is_some() {
                return None;
            }
        }
        let value = self.parse(i).ok()?;
        let plain = |t: &str| t.chars().all(|c| c.is_ascii_digit() || "-.: ".contains(c));
        match (spec.kind, &value) {
            (FieldKind::Choice(set), Value::String(code)) => Some(set.label(lang, code)),
            // A date typed as a date needs no reading; 明天 and 12-08 do.
            (FieldKind::Date, Value::String(s)) if s != text => {
                let day: NaiveDate = s.parse().ok()?;
                Some(format!("{s} {}", weekday(day, lang)))
            }
            (FieldKind::DateTime, Value::String(s)) => {
                let shown = datetime_text(s);
                let day: NaiveDate = shown.get(..10)?.parse().ok()?;
                (shown != text).then(|| format!("{shown} {}", weekday(day, lang)))
            }
            (FieldKind::Money, Value::String(s)) if !plain(text) => {
                Some(crate::domain::Money::parse(s).ok()?.grouped())
            }
            _ => None,
        }
    }

    /// The suggestions of field `i` that `typed` may mean (唐总 → 唐帆, `andrew` → Andrew
    /// Smith), best first.
    pub fn people_named(&self, i: usize, typed: &str) -> Vec<&str> {
        named(
            &person_of(typed),
            self.suggestions[i].iter().map(String::as_str),
        )
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

/// The choice a text names: a code or a label exactly, else the first label (of either
/// language) or code it names as the finder would (`软件`, `rj`, `soft`).
fn choice_named(set: crate::domain::ChoiceSet, text: &str) -> Option<&'static str> {
    if let Some(code) = set.resolve(text) {
        return Some(code);
    }
    let names: Vec<(String, &'static str)> = set
        .codes
        .iter()
        .flat_map(|c| {
            Lang::ALL
                .iter()
                .map(move |l| (set.label(*l, c), *c))
                .chain([(c.to_string(), *c)])
        })
        .collect();
    let found = named(text, names.iter().map(|(n, _)| n.as_str()));
    let best = found.first()?;
    names.iter().find(|(n, _)| n == best).map(|(_, c)| *c)
}

/// `唐总`, `小唐`, `老唐`, `王经理` as the surname they use, for matching contacts; other
/// texts as they are.
fn person_of(text: &str) -> String {
    const TITLES: [&str; 16] = [
        "总经理",
        "经理",
        "总监",
        "主任",
        "老师",
        "处长",
        "局长",
        "科长",
        "部长",
        "院长",
        "老板",
        "先生",
        "女士",
        "小姐",
        "总",
        "工",
    ];
    let t = text.trim();
    let bare = TITLES
        .iter()
        .find_map(|title| t.strip_suffix(title))
        .or_else(|| t.strip_prefix(['小', '老']))
        .filter(|s| (1..=2).contains(&s.chars().count()) && !s.is_ascii());
    bare.unwrap_or(t).to_string()
}

fn weekday(day: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let i = day.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i].to_string(),
        Lang::En => day.format("%a").to_string(),
    }
}
