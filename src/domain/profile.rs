//! The rep's own profile (个人资料): who fills the reports (填表人), their department and
//! manager (the daily report's header and sign-off), the city they start from (the planner's
//! distances and routes) and how long a visit usually takes. Set once with `kam config` or
//! the profile dialog (`,`), kept in the book's settings.

use super::record::{field, FieldKind, FieldSpec};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// 姓名: the default 填表人 of visit records and reports.
    pub name: Option<String>,
    /// 部门.
    pub department: Option<String>,
    /// 主管 / 部门经理: who the daily report goes to.
    pub manager: Option<String>,
    /// 常驻城市: where the rep's trips start.
    pub home_city: Option<String>,
    /// 默认拜访时长 in minutes.
    pub visit_minutes: Option<i64>,
    /// How many minutes before a planned visit the phone's calendar rings (0: no alarm;
    /// unset: [`DEFAULT_ALARM_MINUTES`]).
    pub alarm_minutes: Option<i64>,
    /// 默认税率 in percent: splits a deal whose product is not in the catalogue (or has no
    /// rate there) into 不含税价 and 税额; unset, such deals show no split.
    pub default_tax_rate: Option<i64>,
}

/// Minutes before a visit the exported calendar's alarm rings when the profile says nothing.
pub const DEFAULT_ALARM_MINUTES: i64 = 30;

impl Profile {
    /// The alarm's lead time, `None` for no alarm (0, or a negative number typed).
    pub fn alarm(&self) -> Option<i64> {
        Some(self.alarm_minutes.unwrap_or(DEFAULT_ALARM_MINUTES)).filter(|m| *m > 0)
    }
}

/// The profile's fields, in the order the dialog and `kam config` show them; their keys are
/// also the settings' keys (after `profile.`).
pub const PROFILE_FIELDS: &[FieldSpec] = &[
    field("name", FieldKind::Text),
    field("department", FieldKind::Text),
    field("manager", FieldKind::Text),
    field("home_city", FieldKind::Text),
    field("visit_minutes", FieldKind::Integer),
    field("alarm_minutes", FieldKind::Integer),
    field("default_tax_rate", FieldKind::Percent),
];

impl Profile {
    /// The settings' key of a profile field.
    pub fn setting_key(field: &str) -> String {
        format!("profile.{field}")
    }
}
