//! The product catalogue (商品资料表) on a screen of its own: `C` from any screen. Every live
//! product with its price split into 不含税价 and 税额; `n` adds one, `e`/Enter edits, `d`
//! moves it to the trash. The catalogue is the book's, so its forms belong to no account.

use crate::app::form::Form;
use crate::app::screen::{step, ScreenState, View};
use crate::app::{Action, App};
use crate::domain::{Product, RecordKind};
use crate::search::Finder;
use crate::store::Store;
use anyhow::Result;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatalogueState {
    pub products: Vec<Product>,
    pub selected: usize,
}

impl App {
    /// The catalogue, when open.
    pub fn catalogue(&self) -> Option<&CatalogueState> {
        self.find::<CatalogueState>()
    }

    pub(in crate::app) fn open_catalogue(&mut self) -> Result<()> {
        let products = self.store.products()?;
        self.show(Box::new(CatalogueState {
            products,
            selected: 0,
        }));
        Ok(())
    }

    pub(in crate::app) fn on_catalogue(&mut self, action: Action) -> Result<()> {
        let today = self.today;
        let Some(c) = self.shown::<CatalogueState>() else {
            return Ok(());
        };
        let selected = c.products.get(c.selected).map(|p| p.id);
        if matches!(
            action,
            Action::New | Action::Edit | Action::Open | Action::Delete
        ) {
            self.refuse_if_the_managers(RecordKind::Product)?;
        }
        match action {
            Action::Back => self.go_back(),
            Action::New => {
                self.form = Some(Form::new_record(RecordKind::Product, 0, today));
            }
            Action::Edit | Action::Open => {
                if let Some(id) = selected {
                    self.edit(RecordKind::Product, id)?;
                }
            }
            Action::Delete => {
                if let Some(id) = selected {
                    self.ask_delete(RecordKind::Product, id)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl ScreenState for CatalogueState {
    fn view(&self) -> View {
        View::Catalogue
    }

    fn move_by(&mut self, delta: isize) {
        self.selected = step(self.selected, self.products.len(), delta);
    }

    /// A product saved, deleted or restored is an "account 0" change: read the list again.
    fn account_changed(&mut self, store: &Store, _finder: &Finder, account_id: i64) -> Result<()> {
        if account_id == 0 {
            self.products = store.products()?;
            self.selected = self.selected.min(self.products.len().saturating_sub(1));
        }
        Ok(())
    }
}
