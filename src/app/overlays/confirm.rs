//! The yes/no question over any screen: what a yes does, per question.

use super::{Confirm, Overlay};
use crate::app::{Action, App};
use crate::domain::RecordKind;
use anyhow::Result;

impl App {
    /// Asks first: the question takes the keys until answered.
    pub(crate) fn ask(&mut self, question: Confirm) {
        self.overlay = Some(Overlay::Confirm(question));
    }

    /// The question asked, if one is.
    pub fn confirm(&self) -> Option<&Confirm> {
        match &self.overlay {
            Some(Overlay::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    pub(in crate::app) fn on_confirm(&mut self, action: Action) -> Result<()> {
        let Some(Overlay::Confirm(c)) = self.overlay.take() else {
            return Ok(());
        };
        if action != Action::Yes {
            if c == Confirm::PlainExport {
                self.ok("status-plain-export-declined");
            }
            return Ok(());
        }
        match c {
            Confirm::PlainExport => self.write_dossier()?,
            Confirm::UndoImport => self.undo_last_import()?,
            // The form's, or a dialog's (a path typed, filters changed): it was asked for
            // either, and a dialog left open here could never be closed.
            Confirm::DiscardForm => {
                if self.form.take().is_none() {
                    self.dialog = None;
                }
            }
            Confirm::Import(check) => self.confirm_import(check)?,
            Confirm::RestoreValue(change) => self.restore_value(change)?,
            Confirm::Undo(group) => self.undo(group)?,
            Confirm::Merge { keep, drop, .. } => self.merge(keep, drop)?,
            Confirm::AddProduct { name, price } => self.add_product(name, price)?,
            Confirm::CancelPlan { id, .. } => {
                self.cancel_plan(id)?;
                self.ok("status-plan-cancelled");
            }
            Confirm::Delete { kind, id, .. } => {
                let account_id = self.account_of(kind, id)?;
                self.store.delete(kind, id)?;
                if kind == RecordKind::Account {
                    self.finder.remove(id);
                    self.rebuild_list();
                    self.go_home();
                } else {
                    self.refresh_account(account_id)?;
                }
                self.refresh_screens()?;
                self.ok("status-deleted");
            }
        }
        Ok(())
    }
}
