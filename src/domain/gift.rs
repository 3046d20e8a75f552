//! Gifts to a customer (礼品馈赠): the seed's plan and request (礼品馈赠计划表, 礼品申请表:
//! the purpose, the gift, how many, the budget per piece, who receives it, approval) and
//! what was given, when and at what cost. A gift is still also a visit's expense line when a
//! rep hands one over on a visit; this record is the planned, approved kind.

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
pub struct Gift {
    pub id: i64,
    pub account_id: i64,
    /// 计划日期: when it is to be given.
    pub date: Option<NaiveDate>,
    /// 馈赠目的 / 理由 (中秋, 开业, 合同签订 …).
    pub purpose: Option<String>,
    /// 礼品名称.
    pub gift: String,
    /// 数量; one when not given.
    pub quantity: Option<i64>,
    /// 单价预算.
    pub unit_budget: Option<Money>,
    /// 受礼人: a contact of the account, by name.
    pub recipient: Option<String>,
    /// 审批.
    pub status: Option<Approval>,
    /// 审批人: who approved or refused it (the seeds' 客户关系主管 / 经理).
    pub approver: Option<String>,
    /// 审批日期.
    pub approved_on: Option<NaiveDate>,
    /// 赠送日期.
    pub given_on: Option<NaiveDate>,
    /// 实际金额: what the gifts cost in all.
    pub actual_cost: Option<Money>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("date", Date),
    field("purpose", Text),
    required_field("gift", Text),
    field("quantity", Integer),
    field("unit_budget", FieldKind::Money),
    field("recipient", Text),
    field("status", Choice(Approval::CHOICES)),
    field("approver", Text),
    field("approved_on", Date),
    field("given_on", Date),
    field("actual_cost", FieldKind::Money),
    field("notes", LongText),
];

impl Gift {
    /// Quantity × budget per piece (one piece when the quantity is not given).
    pub fn budget_total(&self) -> Money {
        let n = self.quantity.unwrap_or(1);
        Money(self.unit_budget.map_or(0, |m| m.0.saturating_mul(n)))
    }

    pub fn spent_total(&self) -> Money {
        self.actual_cost.unwrap_or_default()
    }

    /// The day the report files it under: when it was given, else when it was planned.
    pub fn day(&self) -> Option<NaiveDate> {
        self.given_on.or(self.date)
    }

    pub fn budget_counts(&self) -> bool {
        !matches!(self.status, Some(Approval::Rejected | Approval::Cancelled))
    }

    fn check_rules(&self, invalid: &mut Invalid) {
        if self.quantity.is_some_and(|q| q <= 0) {
            invalid.check("quantity", Err(Problem::NotPositive));
        }
        for (key, m) in [
            ("unit_budget", self.unit_budget),
            ("actual_cost", self.actual_cost),
        ] {
            if m.is_some_and(|m| m.0 < 0) {
                invalid.check(key, Err(Problem::Negative));
            }
        }
    }
}

owned_record!(Gift, RecordKind::Gift, FIELDS, |g| format!(
    "{} {} {}",
    g.date.map(|d| d.to_string()).unwrap_or_default(),
    g.gift,
    g.recipient.clone().unwrap_or_default()
)
.trim_end()
.to_string());
