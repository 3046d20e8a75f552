//! The product catalogue seen from a deal (issue 21): the deal form's product field offers
//! the catalogue's names (typed by pinyin, initials or part of a name, ← → to pick, as the
//! other choice fields), free text stays accepted, and a deal saved with a product the
//! catalogue does not have asks once whether to add it (with the deal's unit price), in a
//! book that keeps a catalogue at all. In a rep's team book the catalogue is the manager's:
//! the deal is saved and one sentence says so, no question (the server would refuse it).

use super::form::{Form, FormTarget};
use super::overlays::Confirm;
use super::App;
use crate::domain::{Money, Product, RecordKind};
use anyhow::Result;
use serde_json::{Map, Value};

impl App {
    /// A deal form gets the catalogue's names on its product field.
    pub(in crate::app) fn offer_catalogue(&self, form: &mut Form) -> Result<()> {
        let kind = match form.target {
            FormTarget::New { kind, .. } | FormTarget::Edit { kind, .. } => kind,
            FormTarget::Dossier { .. } => return Ok(()),
        };
        if matches!(kind, RecordKind::Deal | RecordKind::ReturnClaim) {
            let names = self.store.products()?.into_iter().map(|p| p.name).collect();
            form.set_suggestions("product", names);
        }
        Ok(())
    }

    /// After a deal is saved: a product typed that the catalogue lacks is offered to it.
    pub(in crate::app) fn ask_add_product(
        &mut self,
        target: FormTarget,
        values: &Map<String, Value>,
    ) -> Result<()> {
        let is_deal = matches!(
            target,
            FormTarget::New {
                kind: RecordKind::Deal,
                ..
            } | FormTarget::Edit {
                kind: RecordKind::Deal,
                ..
            }
        );
        let name = values
            .get("product")
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or("");
        if !is_deal || name.is_empty() {
            return Ok(());
        }
        // A book that keeps no catalogue is not asked at every deal: the question comes once
        // the catalogue has a first product (typed on its screen, or the demo's).
        let products = self.store.products()?;
        if products.is_empty() || products.iter().any(|p| p.is_named(name)) {
            return Ok(());
        }
        // A rep's team book: the catalogue is the manager's, and the server would refuse it.
        if self.store.is_rep_of_team()? {
            self.status = Some(super::Status {
                text: crate::i18n::Said::new("team-product-not-in-catalogue")
                    .with("name", name)
                    .in_lang(self.lang),
                error: false,
            });
            return Ok(());
        }
        let price = values
            .get("unit_price")
            .and_then(Value::as_str)
            .and_then(|s| Money::parse(s).ok());
        self.ask(Confirm::AddProduct {
            name: name.to_string(),
            price,
        });
        Ok(())
    }

    /// In a rep's team book the catalogue and the targets are the manager's (the server
    /// refuses a rep's change to them, server steps 7 and 9): one sentence instead of a form.
    pub(in crate::app) fn refuse_if_the_managers(&self, kind: RecordKind) -> Result<()> {
        if self.store.is_rep_of_team()? {
            let id = if kind == RecordKind::Target {
                "team-targets-are-managers"
            } else {
                "team-catalogue-is-managers"
            };
            anyhow::bail!(crate::i18n::Said::new(id));
        }
        Ok(())
    }

    /// Yes to the question above: the product goes into the catalogue, numbered by the book.
    pub(in crate::app) fn add_product(&mut self, name: String, price: Option<Money>) -> Result<()> {
        let mut p = Product {
            name,
            price,
            ..Product::default()
        };
        self.store.insert(&mut p)?;
        self.refresh_account(0)?;
        self.ok("status-product-added");
        Ok(())
    }
}
