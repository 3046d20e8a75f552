//! Visit plans (客户联络计划表) and visit records (客户拜访记录表), which the daily report
//! (客户拜访日报表) gathers by date.

use super::codes::*;
pub use super::expenses::parse_expenses;
use super::money::Money;
use super::record::{field, owned_record, required_field, FieldKind::*, FieldSpec, RecordKind};
use super::validate::{Invalid, Problem};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitPlan {
    pub id: i64,
    pub account_id: i64,
    pub planned_at: Option<NaiveDateTime>,
    /// 联络人员.
    pub contact: Option<String>,
    /// 联络目的.
    pub purpose: Option<String>,
    pub place: Option<String>,
    pub method: Option<VisitMethod>,
    /// 针对部门.
    pub department: Option<String>,
    pub status: Option<PlanStatus>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const PLAN_FIELDS: &[FieldSpec] = &[
    required_field("planned_at", DateTime),
    field("contact", Text),
    field("purpose", Text),
    field("place", Text),
    field("method", Choice(VisitMethod::CHOICES)),
    field("department", Text),
    field("status", Choice(PlanStatus::CHOICES)),
    field("notes", LongText),
];

impl VisitPlan {
    fn check_rules(&self, _invalid: &mut Invalid) {}
}

owned_record!(VisitPlan, RecordKind::VisitPlan, PLAN_FIELDS, |p| format!(
    "{} {}",
    p.planned_at
        .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default(),
    p.purpose.clone().unwrap_or_default()
));

/// One expense line of a visit (费用).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expense {
    pub item: ExpenseItem,
    pub amount: Money,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitReport {
    pub id: i64,
    pub account_id: i64,
    pub date: Option<NaiveDate>,
    /// 面谈者.
    pub person_met: Option<String>,
    /// 商谈计划 a/b/c.
    pub purpose: Option<VisitPurpose>,
    /// 面谈概要.
    pub summary: Option<String>,
    /// 成果 A–E.
    pub outcome: Option<Outcome>,
    pub problems_solved: Option<String>,
    /// Problems raised and not yet handled (本日未处理问题).
    pub problems_open: Option<String>,
    /// 以后应注意的事项.
    pub watch_next_time: Option<String>,
    pub next_visit: Option<NaiveDate>,
    /// 同行者.
    pub companions: Option<String>,
    /// 填表人.
    pub filled_by: Option<String>,
    pub expenses: Vec<Expense>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const REPORT_FIELDS: &[FieldSpec] = &[
    required_field("date", Date),
    field("person_met", Text),
    field("purpose", Choice(VisitPurpose::CHOICES)),
    field("summary", LongText),
    field("outcome", Choice(Outcome::CHOICES)),
    field("problems_solved", LongText),
    field("problems_open", LongText),
    field("watch_next_time", LongText),
    field("next_visit", Date),
    field("companions", Text),
    field("filled_by", Text),
    field("expenses", Json),
];

impl VisitReport {
    pub fn expense_total(&self) -> Money {
        self.expenses.iter().map(|e| e.amount).sum()
    }

    fn check_rules(&self, invalid: &mut Invalid) {
        if self.expenses.iter().any(|e| e.amount.0 < 0) {
            invalid.check("expenses", Err(Problem::Negative));
        }
        if let (Some(date), Some(next)) = (self.date, self.next_visit) {
            if next < date {
                invalid.check("next_visit", Err(Problem::BeforeVisit(date.to_string())));
            }
        }
    }
}

owned_record!(
    VisitReport,
    RecordKind::VisitReport,
    REPORT_FIELDS,
    |v| format!(
        "{} {}",
        v.date.map(|d| d.to_string()).unwrap_or_default(),
        v.summary.clone().unwrap_or_default()
    )
);
