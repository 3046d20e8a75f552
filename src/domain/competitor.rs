//! A competitor at an account (竞争对手信息表): who they are, what they sell there and at what
//! price, their share, their strengths and weaknesses — what a rep reads before a visit to
//! answer "why not them?".

use super::record::{field, owned_record, required_field, FieldKind::*, FieldSpec, RecordKind};
use super::validate::{self, Invalid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Competitor {
    pub id: i64,
    pub account_id: i64,
    /// 竞争对手 (公司名称).
    pub name: String,
    /// 产品: what they sell to this account.
    pub products: Option<String>,
    /// 价格: their prices there, as heard (DN100 ¥1,150).
    pub prices: Option<String>,
    /// 份额: their share of the account's purchases, percent.
    pub share: Option<i64>,
    /// 优势.
    pub strengths: Option<String>,
    /// 劣势.
    pub weaknesses: Option<String>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("name", Text),
    field("products", Text),
    field("prices", Text),
    field("share", Percent),
    field("strengths", LongText),
    field("weaknesses", LongText),
    field("notes", LongText),
];

impl Competitor {
    fn check_rules(&self, invalid: &mut Invalid) {
        invalid.check("share", validate::percent(self.share));
    }
}

owned_record!(Competitor, RecordKind::Competitor, FIELDS, |c| c
    .name
    .clone());
