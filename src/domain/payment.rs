//! Payments received (回款 / 到账记录 / 兑现情况): money in from an account, against one of its
//! deals (by the deal's order number) or contracts (by the contract number), or neither. The
//! link is the number a sales sheet carries, not a row id, so it survives export, import and
//! the team's books alike.

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
pub struct Payment {
    pub id: i64,
    pub account_id: i64,
    /// 到账日期: the day the money arrived.
    pub date: Option<NaiveDate>,
    pub amount: Option<Money>,
    pub method: Option<PaymentMethod>,
    /// 订单编号 of the deal paid for.
    pub order_no: Option<String>,
    /// 合同编号 of the contract paid under.
    pub contract_no: Option<String>,
    pub note: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("date", Date),
    required_field("amount", FieldKind::Money),
    field("method", Choice(PaymentMethod::CHOICES)),
    field("order_no", Text),
    field("contract_no", Text),
    field("note", LongText),
];

impl Payment {
    pub fn received(&self) -> Money {
        self.amount.unwrap_or_default()
    }

    /// Whether this payment is for the deal with order number `order_no`.
    pub fn pays_order(&self, order_no: &str) -> bool {
        same_number(self.order_no.as_deref(), order_no)
    }

    fn check_rules(&self, invalid: &mut Invalid) {
        // A refund is not a payment received; a zero one records nothing.
        if self.amount.is_some_and(|m| m.0 <= 0) {
            invalid.check("amount", Err(Problem::NotPositive));
        }
    }
}

/// Numbers match as people type them: around spaces and regardless of case.
pub fn same_number(a: Option<&str>, b: &str) -> bool {
    let b = b.trim();
    !b.is_empty() && a.is_some_and(|a| a.trim().eq_ignore_ascii_case(b))
}

owned_record!(Payment, RecordKind::Payment, FIELDS, |p| format!(
    "{} {} {}",
    p.date.map(|d| d.to_string()).unwrap_or_default(),
    p.received(),
    p.order_no
        .as_deref()
        .or(p.contract_no.as_deref())
        .unwrap_or_default()
)
.trim_end()
.to_string());
