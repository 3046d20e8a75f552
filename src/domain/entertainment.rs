//! Entertaining a customer (客户招待): the seed's application (客户招待申请表: date, venue,
//! who attends on both sides, the budget by item, the purpose, approval) and, once it took
//! place, its report (客户招待报告表: what was actually spent by item, how it went, what was
//! learned). One record carries both, as the paper forms follow each other.

use super::codes::*;
use super::money::Money;
use super::record::{field, owned_record, required_field, FieldKind::*, FieldSpec, RecordKind};
use super::validate::{Invalid, Problem};
use super::visit::Expense;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Entertainment {
    pub id: i64,
    pub account_id: i64,
    /// 宴请日期 / 招待日期.
    pub date: Option<NaiveDate>,
    /// 宴请场所 / 招待地点.
    pub venue: Option<String>,
    /// 招待目的.
    pub purpose: Option<String>,
    /// 客户方面同席人员: the account's contacts, by name.
    pub their_attendees: Option<String>,
    /// 本公司同席人员.
    pub our_attendees: Option<String>,
    /// 招待费用预算, by item (用餐 1200; 交通 200; 礼品 500).
    pub budget: Vec<Expense>,
    /// 审批.
    pub status: Option<Approval>,
    /// 审批人: who approved or refused it (the seeds' 客户关系主管 / 经理).
    pub approver: Option<String>,
    /// 审批日期.
    pub approved_on: Option<NaiveDate>,
    /// 实际支出额, by item: the report's figures.
    pub spent: Vec<Expense>,
    /// 接待效果.
    pub outcome: Option<String>,
    /// 想要搜集的信息 and what came of it; how it serves later (如何用于今后的活动).
    pub learned: Option<String>,
    /// 注意事项 / 备注.
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("date", Date),
    field("venue", Text),
    required_field("purpose", Text),
    field("their_attendees", Text),
    field("our_attendees", Text),
    field("budget", Json),
    field("status", Choice(Approval::CHOICES)),
    field("approver", Text),
    field("approved_on", Date),
    field("spent", Json),
    field("outcome", LongText),
    field("learned", LongText),
    field("notes", LongText),
];

impl Entertainment {
    pub fn budget_total(&self) -> Money {
        self.budget.iter().map(|e| e.amount).sum()
    }

    pub fn spent_total(&self) -> Money {
        self.spent.iter().map(|e| e.amount).sum()
    }

    /// Whether its budget still stands: not refused, not called off.
    pub fn budget_counts(&self) -> bool {
        !matches!(self.status, Some(Approval::Rejected | Approval::Cancelled))
    }

    fn check_rules(&self, invalid: &mut Invalid) {
        for key in ["budget", "spent"] {
            let lines = if key == "budget" {
                &self.budget
            } else {
                &self.spent
            };
            if lines.iter().any(|e| e.amount.0 < 0) {
                invalid.check(key, Err(Problem::Negative));
            }
        }
    }
}

owned_record!(Entertainment, RecordKind::Entertainment, FIELDS, |e| {
    format!(
        "{} {} {}",
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.venue.clone().unwrap_or_default(),
        e.purpose.clone().unwrap_or_default()
    )
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
});
