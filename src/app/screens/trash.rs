//! The trash: deleted records and attachments, newest first; Enter or r restores one (and
//! what was deleted with it).

use crate::app::screen::{step, ScreenState, View};
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
        self.find::<TrashState>()
    }

    /// The records in the trash and the attachments, newest first.
    fn trash_items(&self) -> Result<Vec<TrashItem>> {
        let mut items = self.store.trash()?;
        items.extend(self.store.attachments_in_trash()?);
        items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then(b.id.cmp(&a.id)));
        Ok(items)
    }

    pub(in crate::app) fn open_trash(&mut self) -> Result<()> {
        let items = self.trash_items()?;
        self.show(Box::new(TrashState { items, selected: 0 }));
        Ok(())
    }

    pub(in crate::app) fn on_trash(&mut self, action: Action) -> Result<()> {
        let Some(t) = self.shown::<TrashState>() else {
            return Ok(());
        };
        match action {
            Action::Back => self.go_back(),
            Action::Restore => {
                if let Some(item) = t.items.get(t.selected).cloned() {
                    if item.is_attachment() {
                        self.store.restore_attachment(item.id)?;
                    } else {
                        self.store.restore(item.kind, item.id)?;
                    }
                    let items = self.trash_items()?;
                    if let Some(t) = self.shown_mut::<TrashState>() {
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

impl ScreenState for TrashState {
    fn view(&self) -> View {
        View::Trash
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.items.len(), delta);
    }
}
