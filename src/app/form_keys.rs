//! The open record form or dialog: what each key does to its fields, and saving a record
//! (checked first, every problem shown beside its field; on success the screens it touches
//! are brought up to date). A dialog's Ctrl-S is its own (dialogs/).

use super::fields::FieldEditor;
use super::form::{self, FormTarget, Saved};
use super::{visit, Action, App, Confirm, Status};
use crate::domain::record::FieldKind;
use crate::domain::*;
use anyhow::Result;

impl App {
    pub(super) fn on_form(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let lang = self.lang;
        let record = self.form.is_some();
        let f: &mut FieldEditor = match (&mut self.form, &mut self.dialog) {
            (Some(f), _) => f,
            (None, Some(d)) => d,
            (None, None) => return Ok(()),
        };
        // Relative dates (明天, +7) are read on the book's today.
        f.today = self.today;
        match action {
            Back => {
                if f.is_dirty() {
                    self.ask(Confirm::DiscardForm);
                } else {
                    self.form = None;
                    self.dialog = None;
                }
            }
            Save if record => return self.save_form(),
            Save => return self.submit_dialog(),
            NextField => {
                f.check_focused(lang);
                f.next();
            }
            PrevField => {
                f.check_focused(lang);
                f.prev();
            }
            CycleChoice(fwd) => f.cycle(fwd),
            Type(c) => f.type_char(c),
            Paste(text) if f.focused_spec().kind == FieldKind::LongText => {
                f.focused().insert_lines(&text)
            }
            Paste(text) => f.focused().insert_str(&text),
            NewLine if f.focused_spec().kind == FieldKind::LongText => f.focused().insert('\n'),
            // On a yes/no field they forget the answer: not known.
            Backspace | DeleteChar
                if matches!(f.focused_spec().kind, FieldKind::Bool | FieldKind::YesNo) =>
            {
                f.clear_focused()
            }
            Backspace => f.focused().backspace(),
            DeleteChar => f.focused().delete(),
            CursorLeft => f.focused().left(),
            CursorRight => f.focused().right(),
            CursorHome => f.focused().home(),
            CursorEnd => f.focused().end(),
            _ => {}
        }
        Ok(())
    }

    fn save_form(&mut self) -> Result<()> {
        let lang = self.lang;
        let Some(f) = &mut self.form else {
            return Ok(());
        };
        let target = f.target;
        let Some(values) = f.values(lang) else {
            self.status = Some(Status {
                text: self.t("status-fix-fields"),
                error: true,
            });
            return Ok(());
        };
        if self.unsuitable_plan_warning(target, &values)? {
            self.status = Some(Status {
                text: self.t("plan-unsuitable-status"),
                error: true,
            });
            return Ok(());
        }
        if self.new_people_warning(target) {
            self.status = Some(Status {
                text: self.t("visit-new-people-status"),
                error: true,
            });
            return Ok(());
        }
        let saved = match target {
            FormTarget::New {
                kind: RecordKind::VisitReport,
                account_id,
            } => {
                let plan = self.form.as_ref().and_then(|f| f.origin_plan);
                visit::save_new_visit(&mut self.store, account_id, values.clone(), plan)?
            }
            _ => form::save(&mut self.store, target, values.clone())?,
        };
        match saved {
            Saved::Invalid(invalid) => {
                let table = form::label_table(target);
                // Each problem under the field's label, in the person's language.
                let text = invalid
                    .0
                    .iter()
                    .map(|e| {
                        let label = crate::i18n::field_label(lang, table, e.field);
                        format!("{label}: {}", e.problem.message(lang))
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                if let Some(f) = &mut self.form {
                    f.set_invalid(&invalid, lang);
                }
                self.status = Some(Status { text, error: true });
            }
            Saved::Unchanged(_) => {
                self.form = None;
                self.ok("status-unchanged");
            }
            Saved::Ok(id) => {
                self.form = None;
                let account_id = match target {
                    FormTarget::New {
                        kind: RecordKind::Account,
                        ..
                    } => id,
                    FormTarget::New { account_id, .. } => account_id,
                    _ => id,
                };
                self.refresh_account(account_id)?;
                if matches!(
                    target,
                    FormTarget::New {
                        kind: RecordKind::Account,
                        ..
                    }
                ) {
                    self.open_account(account_id)?;
                }
                // Grades depend on accounts (who is live, grades set by hand) and deals
                // (sales) alone: a visit, a contact or a note leaves them as they were, and
                // regrading 100,000 accounts costs a background half second.
                let touches_grades = match target {
                    FormTarget::New { kind, .. } | FormTarget::Edit { kind, .. } => {
                        matches!(kind, RecordKind::Account | RecordKind::Deal)
                    }
                    FormTarget::Dossier { .. } => false,
                };
                if touches_grades {
                    self.regrade()?;
                }
                self.refresh_agenda()?;
                self.ok("status-saved");
                self.ask_add_product(target, &values)?;
            }
        }
        Ok(())
    }
}
