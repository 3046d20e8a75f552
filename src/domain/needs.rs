//! Needs and preferences (客户需求和偏好): one per account.

use super::record::{field, owned_record, FieldKind::*, FieldSpec, RecordKind};
use super::validate::Invalid;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Needs {
    pub id: i64,
    pub account_id: i64,
    /// 产品需求: spec, model, quantity, timing.
    pub product_spec: Option<String>,
    pub product_model: Option<String>,
    pub product_quantity: Option<String>,
    pub product_timing: Option<String>,
    /// 服务需求 before, during and after the sale.
    pub service_pre_sale: Option<String>,
    pub service_in_sale: Option<String>,
    pub service_after_sale: Option<String>,
    /// 购买偏好.
    pub purchase_channel: Option<String>,
    pub payment_method: Option<String>,
    pub delivery_time: Option<String>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    field("product_spec", Text),
    field("product_model", Text),
    field("product_quantity", Text),
    field("product_timing", Text),
    field("service_pre_sale", LongText),
    field("service_in_sale", LongText),
    field("service_after_sale", LongText),
    field("purchase_channel", Text),
    field("payment_method", Text),
    field("delivery_time", Text),
    field("notes", LongText),
];

impl Needs {
    fn check_rules(&self, _invalid: &mut Invalid) {}
}

owned_record!(Needs, RecordKind::Needs, FIELDS, |n| n
    .product_spec
    .clone()
    .unwrap_or_default());
