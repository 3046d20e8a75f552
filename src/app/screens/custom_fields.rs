//! The team's custom fields on a screen of their own (issue 22; `X` on the list): every field
//! of accounts and contacts with its type and choices; `n` adds one (a dialog), `d` removes
//! the selected one unless records fill it in (the store's sentence says how many; `kam fields
//! remove … --erase-values` takes the values out on purpose).

use crate::app::dialogs::{CustomFieldDialog, Dialog};
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App};
use crate::domain::CustomField;
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomFieldsState {
    pub fields: Vec<CustomField>,
    pub selected: usize,
}

impl App {
    /// The fields screen, when open.
    pub fn custom_fields_screen(&self) -> Option<&CustomFieldsState> {
        self.find::<CustomFieldsState>()
    }

    pub(in crate::app) fn open_custom_fields(&mut self) -> Result<()> {
        let fields = self.store.custom_fields()?;
        self.show(Box::new(CustomFieldsState {
            fields,
            selected: 0,
        }));
        Ok(())
    }

    pub(in crate::app) fn on_custom_fields(&mut self, action: Action) -> Result<()> {
        let Some(s) = self.shown::<CustomFieldsState>() else {
            return Ok(());
        };
        let selected = s.fields.get(s.selected).cloned();
        match action {
            Action::Back => self.go_back(),
            Action::New => self.dialog = Some(Dialog::CustomField(CustomFieldDialog::new())),
            Action::Delete => {
                if let Some(f) = selected.and_then(|f| Some((f.record_kind()?, f.name))) {
                    self.store.remove_custom_field(f.0, &f.1, false)?;
                    self.reread_custom_fields()?;
                    self.ok("status-custom-field-removed");
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The dialog's field put in place: stored (or the store's sentence), the list read again.
    pub(in crate::app) fn add_custom_field(&mut self, field: CustomField) -> Result<()> {
        self.store.add_custom_field(field)?;
        self.reread_custom_fields()?;
        self.ok("status-custom-field-added");
        Ok(())
    }

    fn reread_custom_fields(&mut self) -> Result<()> {
        let fields = self.store.custom_fields()?;
        if let Some(s) = self.shown_mut::<CustomFieldsState>() {
            s.fields = fields;
            s.selected = s.selected.min(s.fields.len().saturating_sub(1));
        }
        Ok(())
    }
}

impl ScreenState for CustomFieldsState {
    fn view(&self) -> View {
        View::CustomFields
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.fields.len(), delta);
    }

    /// A team sync may bring the manager's fields.
    fn refresh(&mut self, store: &Store, _today: NaiveDate) -> Result<()> {
        self.fields = store.custom_fields()?;
        self.selected = self.selected.min(self.fields.len().saturating_sub(1));
        Ok(())
    }
}
