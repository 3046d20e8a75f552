//! The plan kept for an important or a problem account (重点客户管理表 / 问题客户对策表): a sales
//! target for the period, why the account matters, the measures (对策) agreed for it, and the
//! advice of the customer-service manager and of the general manager (the seed's last two
//! columns), which those managers enter.

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
    /// 客户服务部经理建议: the customer-service manager's advice, entered by that manager.
    pub service_manager_advice: Option<String>,
    /// 总经理建议: the general manager's advice.
    pub general_manager_advice: Option<String>,
}

impl AccountPlan {
    pub fn is_empty(&self) -> bool {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        self.target.is_none()
            && blank(&self.reason)
            && blank(&self.measures)
            && blank(&self.service_manager_advice)
            && blank(&self.general_manager_advice)
    }
}
