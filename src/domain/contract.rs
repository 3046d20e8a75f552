//! Contracts (合同, the seed's 合同管理表): number, name, signing date, amount, term and status.
//! Deals name the contract they fall under by its number (`Deal::contract_no`), payments too.

use super::codes::*;
use super::money::Money;
use super::record::{
    field, owned_record, required_field, FieldKind, FieldKind::*, FieldSpec, RecordKind,
};
use super::validate::{Invalid, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contract {
    pub id: i64,
    pub account_id: i64,
    /// 合同编号.
    pub number: String,
    /// 合同名称.
    pub name: String,
    /// 签订日期.
    pub signed_on: Option<NaiveDate>,
    /// 合同金额.
    pub amount: Option<Money>,
    /// 合同期限: from … to.
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub status: Option<ContractStatus>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("number", Text),
    required_field("name", Text),
    field("signed_on", Date),
    field("amount", FieldKind::Money),
    field("starts_on", Date),
    field("ends_on", Date),
    field("status", Choice(ContractStatus::CHOICES)),
    field("notes", LongText),
];

impl Contract {
    fn check_rules(&self, invalid: &mut Invalid) {
        if self.amount.is_some_and(|m| m.0 < 0) {
            invalid.check("amount", Err(Problem::Negative));
        }
        if let (Some(from), Some(to)) = (self.starts_on, self.ends_on) {
            if to < from {
                invalid.check("ends_on", Err(Problem::EndsBeforeStart));
            }
        }
    }
}

owned_record!(Contract, RecordKind::Contract, FIELDS, |c| format!(
    "{} {}",
    c.number, c.name
));
