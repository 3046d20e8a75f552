//! The change history on an account's History tab: one field's story (`f`), putting an
//! earlier value back (Enter), and undoing the last change (`u`). Each of these is itself a
//! change, written to the history like any save.

use super::form::{self, FormTarget, Saved};
use super::{App, Confirm, View};
use crate::domain::record::{FieldKind, RecordKind};
use crate::i18n::Said;
use crate::store::{Change, Op};
use anyhow::{anyhow, bail, Result};
use serde_json::Value;

/// A value as the history holds it (text) back into the record's own shape.
fn value_from_text(kind: RecordKind, field: &str, text: Option<&str>) -> Result<Value> {
    let Some(t) = text else {
        return Ok(Value::Null);
    };
    let spec = kind
        .fields()
        .iter()
        .find(|f| f.key == field)
        .ok_or_else(|| anyhow!("{field} is no longer a field of this record"))?;
    Ok(match spec.kind {
        FieldKind::Integer
        | FieldKind::Rating
        | FieldKind::Percent
        | FieldKind::Number
        | FieldKind::Bool
        | FieldKind::YesNo
        | FieldKind::Json => {
            serde_json::from_str(t).unwrap_or_else(|_| Value::String(t.to_string()))
        }
        _ => Value::String(t.to_string()),
    })
}

impl App {
    fn selected_change(&self) -> Option<Change> {
        let d = self.detail()?;
        d.shown_history()
            .get(d.selected[d.tab.index()])
            .map(|c| (*c).clone())
    }

    /// Enter on a change of a field: put its earlier value back (asks first).
    pub(super) fn ask_restore_value(&mut self) {
        if let Some(c) = self
            .selected_change()
            .filter(|c| c.op == Op::Update && c.field.is_some())
        {
            self.ask(Confirm::RestoreValue(c));
        }
    }

    /// `f`: only the selected field's changes, or all again.
    pub(super) fn toggle_field_history(&mut self) {
        let picked = self.selected_change();
        let Some(d) = self.detail_mut() else { return };
        d.history_field = match (&d.history_field, picked) {
            (Some(_), _) => None,
            (None, Some(c)) => c.field.clone().map(|f| (c.entity.clone(), c.row_id, f)),
            (None, None) => None,
        };
        let i = d.tab.index();
        d.selected[i] = 0;
    }

    /// `u`: the newest change of the account, all of its fields, undone (asks first).
    pub(super) fn ask_undo(&mut self) {
        let Some(d) = self.detail() else { return };
        let Some(last) = d.history.first() else {
            return;
        };
        let group: Vec<Change> = d
            .history
            .iter()
            .take_while(|c| {
                c.at == last.at
                    && c.entity == last.entity
                    && c.row_id == last.row_id
                    && c.op == last.op
            })
            .cloned()
            .collect();
        self.ask(Confirm::Undo(group));
    }

    fn set_fields(
        &mut self,
        kind: RecordKind,
        id: i64,
        values: &[(String, Option<String>)],
    ) -> Result<()> {
        let Some(mut map) = form::load(&self.store, kind, id)? else {
            bail!(Said::new("history-gone"));
        };
        for (field, text) in values {
            map.insert(
                field.clone(),
                value_from_text(kind, field, text.as_deref())?,
            );
        }
        match form::save(&mut self.store, FormTarget::Edit { kind, id }, map)? {
            Saved::Invalid(invalid) => {
                Err(anyhow::Error::new(invalid).context(Said::new("history-fails-checks")))
            }
            Saved::Ok(_) | Saved::Unchanged(_) => Ok(()),
        }
    }

    fn after_history_change(&mut self) -> Result<()> {
        if let Some(id) = self.detail().map(|d| d.account_id()) {
            self.refresh_account(id)?;
            // Undoing the account's own creation sends it to the trash: leave its screen.
            if !self.finder.contains(id) && !self.is_loading() {
                self.go_home();
            }
        }
        self.refresh_screens()
    }

    pub(super) fn restore_value(&mut self, c: Change) -> Result<()> {
        let kind = c
            .kind()
            .ok_or_else(|| anyhow!("unknown record kind {}", c.entity))?;
        let field = c.field.clone().unwrap_or_default();
        self.set_fields(kind, c.row_id, &[(field, c.old_value.clone())])?;
        self.after_history_change()?;
        self.ok("status-value-restored");
        Ok(())
    }

    pub(super) fn undo(&mut self, group: Vec<Change>) -> Result<()> {
        let Some(first) = group.first() else {
            return Ok(());
        };
        if first.entity == crate::store::ATTACHMENTS {
            // An attachment's history names the file; undone, it goes to the trash or back.
            match first.op {
                Op::Insert | Op::Restore => self.store.delete_attachment(first.row_id)?,
                Op::Delete => self.store.restore_attachment(first.row_id)?,
                Op::Update => {}
            }
            self.after_history_change()?;
            self.ok("status-undone");
            return Ok(());
        }
        let kind = first
            .kind()
            .ok_or_else(|| anyhow!("unknown record kind {}", first.entity))?;
        let id = first.row_id;
        match first.op {
            Op::Update => {
                let values: Vec<(String, Option<String>)> = group
                    .iter()
                    .filter_map(|c| c.field.clone().map(|f| (f, c.old_value.clone())))
                    // A merge's record moves are undone by restoring the merged account.
                    .filter(|(f, _)| f != "account_id" && f != "merged_into")
                    .collect();
                if values.is_empty() {
                    bail!(Said::new("history-undo-merge"));
                }
                self.set_fields(kind, id, &values)?;
            }
            Op::Insert | Op::Restore => self.store.delete(kind, id)?,
            Op::Delete => self.store.restore(kind, id)?,
        }
        self.after_history_change()?;
        if matches!(self.view(), View::Detail | View::List) {
            self.ok("status-undone");
        }
        Ok(())
    }
}
