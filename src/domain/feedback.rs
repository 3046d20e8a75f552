//! Feedback (客户反馈): praise, suggestions and complaints.

use super::codes::*;
use super::record::{field, owned_record, required_field, FieldKind::*, FieldSpec, RecordKind};
use super::validate::{rating, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Feedback {
    pub id: i64,
    pub account_id: i64,
    pub date: Option<NaiveDate>,
    pub kind: Option<FeedbackKind>,
    /// 满意度评分 1–5.
    pub rating: Option<i64>,
    pub content: String,
    /// 原因, for complaints.
    pub cause: Option<String>,
    pub handling: Option<String>,
    pub handled_by: Option<String>,
    pub status: Option<FeedbackStatus>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("date", Date),
    field("kind", Choice(FeedbackKind::CHOICES)),
    field("rating", Rating),
    required_field("content", LongText),
    field("cause", Text),
    field("handling", LongText),
    field("handled_by", Text),
    field("status", Choice(FeedbackStatus::CHOICES)),
];

impl Feedback {
    pub fn is_open_complaint(&self) -> bool {
        self.kind == Some(FeedbackKind::Complaint) && self.status != Some(FeedbackStatus::Closed)
    }

    fn check_rules(&self, invalid: &mut Invalid) {
        invalid.check("rating", rating(self.rating));
    }
}

owned_record!(Feedback, RecordKind::Feedback, FIELDS, |f| f
    .content
    .clone());
