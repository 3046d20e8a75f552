//! An account's plan: the sales target, why it is a key account, the measures, and the
//! customer-service manager's and the general manager's advice.

use crate::app::fields::FieldEditor;
use crate::app::fields::Refused;
use crate::domain::record::{field, FieldKind, FieldSpec};
use crate::domain::AccountPlan;
use crate::i18n::{t, Lang};
use serde_json::{Map, Value};

pub const PLAN_FIELDS: &[FieldSpec] = &[
    field("target", FieldKind::Money),
    field("reason", FieldKind::Text),
    field("measures", FieldKind::LongText),
    field("service_manager_advice", FieldKind::LongText),
    field("general_manager_advice", FieldKind::LongText),
];

#[derive(Debug, Clone, PartialEq)]
pub struct AccountPlanDialog {
    pub editor: FieldEditor,
    account_id: i64,
    /// The plan as stored: a field left as shown keeps it exactly.
    current: Map<String, Value>,
}

impl AccountPlanDialog {
    pub fn new(account_id: i64, plan: &AccountPlan) -> AccountPlanDialog {
        let mut current = Map::new();
        if let Some(t) = plan.target {
            current.insert("target".into(), t.to_string().into());
        }
        if let Some(r) = &plan.reason {
            current.insert("reason".into(), r.clone().into());
        }
        for (name, text) in [
            ("measures", &plan.measures),
            ("service_manager_advice", &plan.service_manager_advice),
            ("general_manager_advice", &plan.general_manager_advice),
        ] {
            if let Some(m) = text {
                current.insert(name.into(), m.clone().into());
            }
        }
        AccountPlanDialog {
            editor: FieldEditor::new(PLAN_FIELDS, &current),
            account_id,
            current,
        }
    }

    pub fn value(&mut self, lang: Lang) -> Result<AccountPlan, Refused> {
        let mut values = self
            .editor
            .values(lang, &self.current, true)
            .ok_or_else(|| t(lang, "status-fix-fields"))?;
        values.retain(|_, v| !v.is_null() && v.as_str() != Some(""));
        let mut plan: AccountPlan =
            serde_json::from_value(Value::Object(values)).map_err(|e| e.to_string())?;
        plan.account_id = self.account_id;
        Ok(plan)
    }
}
