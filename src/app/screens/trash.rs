//! The trash: deleted records, newest first; Enter or r restores one (and what was deleted
//! with it).

use super::{Screen, View};
use crate::app::{Action, App};
use crate::store::TrashItem;
use anyhow::Result;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrashState {
    pub items: Vec<TrashItem>,
    pub selected: usize,
}

impl App {
    /// The trash, when open.
    pub fn trash(&self) -> Option<&TrashState> {
        match self.find(View::Trash) {
            Some(Screen::Trash(t)) => Some(t),
            _ => None,
        }
    }

    pub(in crate::app) fn open_trash(&mut self) -> Result<()> {
        let items = self.store.trash()?;
        self.show(Screen::Trash(TrashState { items, selected: 0 }));
        Ok(())
    }

    pub(in crate::app) fn on_trash(&mut self, action: Action) -> Result<()> {
        let Screen::Trash(t) = &self.screen else {
            return Ok(());
        };
        match action {
            Action::Back => self.go_back(),
            Action::Restore => {
                if let Some(item) = t.items.get(t.selected).cloned() {
                    self.store.restore(item.kind, item.id)?;
                    let items = self.store.trash()?;
                    if let Screen::Trash(t) = &mut self.screen {
                        t.selected = t.selected.min(items.len().saturating_sub(1));
                        t.items = items;
                    }
                    self.refresh_account(item.account_id)?;
                    self.regrade()?;
                    self.ok("status-restored");
                }
            }
            _ => {}
        }
        Ok(())
    }
}
