//! Opportunities (销售机会), the funnel (客户漏斗表).

use super::codes::*;
use super::money::Money;
use super::record::{
    field, owned_record, required_field, FieldKind, FieldKind::*, FieldSpec, RecordKind,
};
use super::validate::{percent, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Opportunity {
    pub id: i64,
    pub account_id: i64,
    pub title: String,
    pub stage: Option<Stage>,
    pub expected_amount: Option<Money>,
    pub expected_close: Option<NaiveDate>,
    /// Percent, 0–100.
    pub probability: Option<i64>,
    pub owner: Option<String>,
    pub next_step: Option<String>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("title", Text),
    field("stage", Choice(Stage::CHOICES)),
    field("expected_amount", FieldKind::Money),
    field("expected_close", Date),
    field("probability", Percent),
    field("owner", Text),
    field("next_step", Text),
    field("notes", LongText),
];

impl Opportunity {
    fn check_rules(&self, invalid: &mut Invalid) {
        invalid.check("probability", percent(self.probability));
    }
}

owned_record!(Opportunity, RecordKind::Opportunity, FIELDS, |o| o
    .title
    .clone());
