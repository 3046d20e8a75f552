//! The plan kept for an important or a problem account (重点客户管理表 / 问题客户对策表): a sales
//! target for the period, why the account matters, and the measures (对策) agreed for it.

use super::money::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountPlan {
    pub account_id: i64,
    /// 销售目标.
    pub target: Option<Money>,
    /// 重点原因: why this account is a key account.
    pub reason: Option<String>,
    /// 对策: the counter-measures, for a key account or a problem one.
    pub measures: Option<String>,
}

impl AccountPlan {
    pub fn is_empty(&self) -> bool {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        self.target.is_none() && blank(&self.reason) && blank(&self.measures)
    }
}
