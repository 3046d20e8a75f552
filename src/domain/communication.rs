//! The communication log (沟通记录 / 活动记录表).

use super::codes::*;
use super::record::{field, owned_record, required_field, FieldKind::*, FieldSpec, RecordKind};
use super::validate::Invalid;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Communication {
    pub id: i64,
    pub account_id: i64,
    pub at: Option<NaiveDateTime>,
    pub channel: Option<CommChannel>,
    /// Who took part, as names.
    pub contacts: Option<String>,
    pub content: String,
    pub result: Option<String>,
    pub next_step: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("at", DateTime),
    field("channel", Choice(CommChannel::CHOICES)),
    field("contacts", Text),
    required_field("content", LongText),
    field("result", Text),
    field("next_step", Text),
];

impl Communication {
    fn check_rules(&self, _invalid: &mut Invalid) {}
}

owned_record!(Communication, RecordKind::Communication, FIELDS, |c| c
    .content
    .clone());
