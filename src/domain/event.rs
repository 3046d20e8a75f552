//! Taking part in a market event (市场活动参与情况): which of the account's people came to
//! which seminar, fair or training (市场活动表: name, type, date, place) and how it went. An
//! event is named by its name and date, as on the invitation, so the attendances of one
//! event gather across accounts, exports and the team's books alike; `kam report events`
//! counts them and the deals that followed.

use super::codes::*;
use super::record::{field, owned_record, required_field, FieldKind::*, FieldSpec, RecordKind};
use super::validate::{self, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventAttendance {
    pub id: i64,
    pub account_id: i64,
    /// 活动名称.
    pub event: String,
    /// 活动类型.
    pub kind: Option<EventKind>,
    /// 活动日期.
    pub date: Option<NaiveDate>,
    /// 活动地点.
    pub place: Option<String>,
    /// 参加人: the account's contacts who came, by name.
    pub attendees: Option<String>,
    /// 兴趣程度 1–5: how interested they showed themselves.
    pub interest: Option<i64>,
    /// 活动效果: what came of it for this account.
    pub effect: Option<String>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("event", Text),
    field("kind", Choice(EventKind::CHOICES)),
    required_field("date", Date),
    field("place", Text),
    field("attendees", Text),
    field("interest", Rating),
    field("effect", LongText),
    field("notes", LongText),
];

impl EventAttendance {
    fn check_rules(&self, invalid: &mut Invalid) {
        invalid.check("interest", validate::rating(self.interest));
    }
}

owned_record!(EventAttendance, RecordKind::EventAttendance, FIELDS, |e| {
    format!(
        "{} {}",
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.event
    )
    .trim()
    .to_string()
});
