//! Moving a planned visit (`m` on the planner): only the new time is asked for, typed as any
//! date and time (`下周一 9:00`, `tomorrow 3pm`). A time in the account's unsuitable visit
//! times is named once; Ctrl-S again keeps it, as the plan form does.

use crate::app::fields::{parsed, FieldEditor, Refused};
use crate::domain::record::{required_field, FieldKind, FieldSpec};
use crate::domain::visit_time::is_unsuitable;
use crate::i18n::{t_args, Lang};
use chrono::NaiveDateTime;
use serde_json::{Map, Value};

pub const RESCHEDULE_FIELDS: &[FieldSpec] = &[required_field("planned_at", FieldKind::DateTime)];

#[derive(Debug, Clone, PartialEq)]
pub struct RescheduleDialog {
    pub editor: FieldEditor,
    pub plan_id: i64,
    /// The account's unsuitable visit times, if any.
    unsuitable: Option<String>,
    /// The time already warned about: Ctrl-S again keeps it.
    warned: Option<NaiveDateTime>,
}

impl RescheduleDialog {
    pub fn new(plan_id: i64, at: Option<NaiveDateTime>, unsuitable: Option<String>) -> Self {
        let mut current = Map::new();
        if let Some(at) = at {
            current.insert(
                "planned_at".into(),
                Value::String(at.format("%Y-%m-%dT%H:%M:%S").to_string()),
            );
        }
        RescheduleDialog {
            editor: FieldEditor::new(RESCHEDULE_FIELDS, &current),
            plan_id,
            unsuitable: unsuitable.filter(|t| !t.trim().is_empty()),
            warned: None,
        }
    }

    /// The plan and its new time, or why not (yet).
    pub fn value(&mut self, lang: Lang) -> Result<(i64, NaiveDateTime), Refused> {
        let values = parsed(&mut self.editor, lang, &Map::new())?;
        let at = values
            .get("planned_at")
            .and_then(|v| v.as_str())
            .and_then(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok())
            .ok_or_else(|| crate::i18n::t(lang, "status-fix-fields"))?;
        if let Some(times) = &self.unsuitable {
            if is_unsuitable(times, at) && self.warned != Some(at) {
                self.warned = Some(at);
                let text = t_args(lang, "plan-unsuitable", &[("times", times.clone().into())]);
                self.editor.errors[0] = Some(text.clone());
                return Err(text);
            }
        }
        Ok((self.plan_id, at))
    }
}
