//! The columns of an account plan and how one row of them reads, shared by every query of
//! `account_plans` (the analyses, the export, the writer, team sync): a field added to the
//! plan reaches all of them at once. The two advice fields (客户服务部经理建议 / 总经理建议,
//! the last columns of the seeds' 重点客户管理表) were added in a later schema step.

use crate::domain::{AccountPlan, Money};

/// The plan's columns after `account_id`, in the order `plan_from_row` reads them.
pub const PLAN_FIELDS: [&str; 5] = [
    "target",
    "reason",
    "measures",
    "service_manager_advice",
    "general_manager_advice",
];

/// `account_id, target, …`: every column `plan_from_row` reads.
pub const PLAN_COLUMNS: &str =
    "account_id, target, reason, measures, service_manager_advice, general_manager_advice";

/// The schema step that adds the advice columns.
pub const ADVICE_SCHEMA: &str = "ALTER TABLE account_plans ADD COLUMN service_manager_advice TEXT;
    ALTER TABLE account_plans ADD COLUMN general_manager_advice TEXT;";

/// A row selected as `PLAN_COLUMNS`.
pub fn plan_from_row(r: &rusqlite::Row) -> rusqlite::Result<AccountPlan> {
    Ok(AccountPlan {
        account_id: r.get(0)?,
        target: r.get::<_, Option<i64>>(1)?.map(Money),
        reason: r.get(2)?,
        measures: r.get(3)?,
        service_manager_advice: r.get(4)?,
        general_manager_advice: r.get(5)?,
    })
}

/// The plan's text fields after the target, in `PLAN_FIELDS` order.
pub fn plan_texts(plan: &AccountPlan) -> [&Option<String>; 4] {
    [
        &plan.reason,
        &plan.measures,
        &plan.service_manager_advice,
        &plan.general_manager_advice,
    ]
}
