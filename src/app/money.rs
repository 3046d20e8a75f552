//! The money of the account open (issue 21): its receivables, the credit rating its payments
//! suggest, the sums the Deals tab shows under its deals, and the payment form started from
//! the deal or contract selected.

use super::detail::{DetailState, Tab};
use super::form::Form;
use super::App;
use crate::domain::credit::{self, Receivable, Settlement};
use crate::domain::payment::same_number;
use crate::domain::*;
use anyhow::Result;
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// What the Deals tab says under its deals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MoneySums {
    pub received: Money,
    /// Still owed on tracked deals (due date and order number).
    pub outstanding: Money,
    pub overdue: Money,
    pub overdue_deals: usize,
}

impl DetailState {
    pub fn receivables(&self) -> Vec<Receivable> {
        credit::receivables(&self.dossier.deals, &self.dossier.payments)
    }

    /// The rating the payment record suggests (none when nothing due can be judged).
    pub fn suggested_credit(&self, today: NaiveDate) -> Option<Credit> {
        credit::suggested(&self.receivables(), today)
    }

    pub fn money_sums(&self, today: NaiveDate) -> MoneySums {
        let mut sums = MoneySums {
            received: self.dossier.payments.iter().map(Payment::received).sum(),
            ..MoneySums::default()
        };
        for r in self.receivables() {
            if r.settlement(today) == Settlement::MarkedPaid {
                continue;
            }
            sums.outstanding += r.outstanding();
            if r.overdue_days(today) > 0 {
                sums.overdue += r.outstanding();
                sums.overdue_deals += 1;
            }
        }
        sums
    }

    /// The deals a contract's number is named by, and the money received under it: payments
    /// naming the contract or one of those deals, each counted once.
    pub fn under_contract(&self, number: &str) -> (usize, Money) {
        let deals: Vec<&Deal> = self
            .dossier
            .deals
            .iter()
            .filter(|d| same_number(d.contract_no.as_deref(), number))
            .collect();
        let received = self
            .dossier
            .payments
            .iter()
            .filter(|p| {
                same_number(p.contract_no.as_deref(), number)
                    || deals
                        .iter()
                        .any(|d| d.order_no.as_deref().is_some_and(|no| p.pays_order(no)))
            })
            .map(Payment::received)
            .sum();
        (deals.len(), received)
    }

    /// The deal selected on the Deals tab, if a deal is.
    fn selected_deal(&self) -> Option<&Deal> {
        match (self.tab, self.selected_item()) {
            (Tab::Deals, Some((RecordKind::Deal, id))) => {
                self.dossier.deals.iter().find(|d| d.id == id)
            }
            _ => None,
        }
    }

    fn selected_contract(&self) -> Option<&Contract> {
        match (self.tab, self.selected_item()) {
            (Tab::Deals, Some((RecordKind::Contract, id))) => {
                self.dossier.contracts.iter().find(|c| c.id == id)
            }
            _ => None,
        }
    }
}

impl App {
    /// A payment form: for the deal selected its order and contract numbers and what is still
    /// owed are filled in; for a contract selected its number.
    pub(in crate::app) fn payment_form(&mut self) -> Result<()> {
        let today = self.today;
        let Some(d) = self.detail() else {
            return Ok(());
        };
        let mut filled = Map::new();
        let mut warning = None;
        let text = |s: &str| Value::String(s.to_string());
        if let Some(deal) = d.selected_deal() {
            match deal.order_no.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(no) => {
                    filled.insert("order_no".into(), text(no));
                    let owed = deal.total().0 - credit::received_for(deal, &d.dossier.payments).0;
                    if owed > 0 {
                        filled.insert("amount".into(), Value::String(Money(owed).to_string()));
                    }
                }
                None => warning = Some(self.t("payment-deal-without-order-no")),
            }
            if let Some(c) = &deal.contract_no {
                filled.insert("contract_no".into(), text(c));
            }
        } else if let Some(c) = d.selected_contract() {
            filled.insert("contract_no".into(), text(&c.number));
        }
        let account_id = d.account_id();
        let mut form = Form::new_record_with(RecordKind::Payment, account_id, today, filled);
        form.warning = warning;
        self.form = Some(form);
        Ok(())
    }
}
