//! Service records (服务记录 / 售后).

use super::codes::*;
use super::record::{field, owned_record, required_field, FieldKind::*, FieldSpec, RecordKind};
use super::validate::{rating, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceRecord {
    pub id: i64,
    pub account_id: i64,
    pub date: Option<NaiveDate>,
    pub kind: Option<ServiceKind>,
    pub product: Option<String>,
    pub serial_no: Option<String>,
    pub warranty_until: Option<NaiveDate>,
    /// 问题描述.
    pub request: String,
    pub handled_by: Option<String>,
    pub status: Option<ServiceStatus>,
    pub result: Option<String>,
    /// 满意度 1–5.
    pub satisfaction: Option<i64>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("date", Date),
    field("kind", Choice(ServiceKind::CHOICES)),
    required_field("request", LongText),
    field("product", Text),
    field("serial_no", Text),
    field("warranty_until", Date),
    field("handled_by", Text),
    field("status", Choice(ServiceStatus::CHOICES)),
    field("result", LongText),
    field("satisfaction", Rating),
];

impl ServiceRecord {
    pub fn is_open(&self) -> bool {
        self.status != Some(ServiceStatus::Resolved)
    }

    fn check_rules(&self, invalid: &mut Invalid) {
        invalid.check("satisfaction", rating(self.satisfaction));
    }
}

owned_record!(ServiceRecord, RecordKind::ServiceRecord, FIELDS, |s| s
    .request
    .clone());
