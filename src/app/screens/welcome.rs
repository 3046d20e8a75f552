//! The welcome of an empty book: a first account, the demo, an import, or the trash.

use crate::app::form::Form;
use crate::app::{Action, App};
use crate::domain::RecordKind;
use anyhow::Result;

impl App {
    pub(in crate::app) fn on_welcome(&mut self, action: Action) -> Result<()> {
        match action {
            Action::New => self.form = Some(Form::new_record(RecordKind::Account, 0, self.today)),
            Action::LoadDemo => {
                crate::demo::generate(&mut self.store, 50, 1)?;
                self.reload_finder()?;
                self.settle_home();
                self.ok("status-demo-loaded");
            }
            Action::OpenTrash => self.open_trash()?,
            Action::Import => self.open_import(),
            _ => {}
        }
        Ok(())
    }
}
