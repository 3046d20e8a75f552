//! Returns and claims (退货/索赔, the seeds' 不良信息: 顾客抱怨、投诉、退货及索赔): goods an account
//! sent back or money it claimed, against one of its deals by the order number, with the
//! reason and how the case stands. The return rate (退货率) of `kam report returns` reads
//! them beside the deals.

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
pub struct ReturnClaim {
    pub id: i64,
    pub account_id: i64,
    /// 退货日期 / 索赔日期.
    pub date: Option<NaiveDate>,
    /// 退货 or 索赔.
    pub kind: Option<ReturnKind>,
    /// The product as the deal names it (the catalogue's name where it has one).
    pub product: String,
    pub quantity: Option<i64>,
    /// 退货金额 / 索赔金额.
    pub amount: Option<Money>,
    /// 原因: what was wrong.
    pub reason: Option<String>,
    pub status: Option<ReturnStatus>,
    /// 订单编号 of the deal returned against.
    pub order_no: Option<String>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("date", Date),
    field("kind", Choice(ReturnKind::CHOICES)),
    required_field("product", Text),
    field("quantity", Integer),
    field("amount", FieldKind::Money),
    field("reason", LongText),
    field("status", Choice(ReturnStatus::CHOICES)),
    field("order_no", Text),
    field("notes", LongText),
];

impl ReturnClaim {
    pub fn value(&self) -> Money {
        self.amount.unwrap_or_default()
    }

    fn check_rules(&self, invalid: &mut Invalid) {
        if self.quantity.is_some_and(|q| q < 0) {
            invalid.check("quantity", Err(Problem::Negative));
        }
        if self.amount.is_some_and(|m| m.0 < 0) {
            invalid.check("amount", Err(Problem::Negative));
        }
    }
}

owned_record!(ReturnClaim, RecordKind::ReturnClaim, FIELDS, |r| format!(
    "{} {} {}",
    r.date.map(|d| d.to_string()).unwrap_or_default(),
    r.product,
    r.value()
));
