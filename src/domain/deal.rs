//! Deals and orders (历史交易记录 / 订单).

use super::codes::*;
use super::money::Money;
use super::record::{
    field, owned_record, required_field, FieldKind, FieldKind::*, FieldSpec, RecordKind,
};
use super::validate::{Invalid, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deal {
    pub id: i64,
    pub account_id: i64,
    pub date: Option<NaiveDate>,
    pub order_no: Option<String>,
    pub product: String,
    /// 型号/规格.
    pub model: Option<String>,
    pub quantity: Option<i64>,
    pub unit_price: Option<Money>,
    /// Quantity × unit price unless entered.
    pub amount: Option<Money>,
    /// Cost of the goods sold; margin = amount − cost (feeds profit ranking).
    pub cost: Option<Money>,
    pub payment_status: Option<PaymentStatus>,
    /// 回款期限: the day the money is due; unpaid past it, the deal is overdue.
    pub due_date: Option<NaiveDate>,
    /// 合同编号 of the contract this deal falls under.
    pub contract_no: Option<String>,
    pub status: Option<OrderStatus>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("date", Date),
    field("order_no", Text),
    required_field("product", Text),
    field("model", Text),
    field("quantity", Integer),
    field("unit_price", FieldKind::Money),
    field("amount", FieldKind::Money),
    field("cost", FieldKind::Money),
    field("payment_status", Choice(PaymentStatus::CHOICES)),
    field("due_date", Date),
    field("contract_no", Text),
    field("status", Choice(OrderStatus::CHOICES)),
    field("notes", LongText),
];

impl Deal {
    /// The amount entered, else quantity × unit price.
    pub fn total(&self) -> Money {
        self.amount
            .or_else(|| self.unit_price?.checked_mul(self.quantity?))
            .unwrap_or_default()
    }

    pub fn margin(&self) -> Option<Money> {
        self.cost.map(|c| Money(self.total().0 - c.0))
    }

    fn check_rules(&self, invalid: &mut Invalid) {
        if self.quantity.is_some_and(|q| q < 0) {
            invalid.check("quantity", Err(Problem::Negative));
        }
        if self.unit_price.is_some_and(|m| m.0 < 0) {
            invalid.check("unit_price", Err(Problem::Negative));
        }
    }
}

owned_record!(Deal, RecordKind::Deal, FIELDS, |d| format!(
    "{} {} {}",
    d.date.map(|d| d.to_string()).unwrap_or_default(),
    d.product,
    d.total()
));
