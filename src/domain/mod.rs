//! The domain: plain types and rules of a key-account dossier (see `shared/domain.md`). No
//! terminal and no SQL here.

pub mod account;
pub mod account_plan;
pub mod attachment;
pub mod codes;
pub mod communication;
pub mod competitor;
pub mod contact;
pub mod contract;
pub mod credit;
pub mod custom_field;
pub mod deal;
pub mod deal_tax;
pub mod dealer;
pub mod entertainment;
pub mod event;
pub mod expenses;
pub mod feedback;
pub mod gift;
pub mod money;
pub mod needs;
pub mod opportunity;
pub mod parse;
pub mod payment;
pub mod product;
pub mod profile;
pub mod record;
pub mod return_claim;
mod sections;
pub mod service;
pub mod tags;
pub mod target;
pub mod validate;
pub mod visit;
pub mod visit_time;
pub mod when;

pub use account::Account;
pub use account_plan::AccountPlan;
pub use codes::*;
pub use communication::Communication;
pub use competitor::Competitor;
pub use contact::{Contact, PersonalDossier};
pub use contract::Contract;
pub use custom_field::{CustomField, CustomType, CustomValues};
pub use deal::Deal;
pub use deal_tax::{deal_tax, DealTax, TaxRates};
pub use entertainment::Entertainment;
pub use event::EventAttendance;
pub use feedback::Feedback;
pub use gift::Gift;
pub use money::Money;
pub use needs::Needs;
pub use opportunity::Opportunity;
pub use payment::Payment;
pub use product::Product;
pub use record::{FieldKind, FieldSpec, Record, RecordKind};
pub use return_claim::ReturnClaim;
pub use service::ServiceRecord;
pub use target::{Target, TargetPeriod};
pub use validate::{FieldError, Invalid, Problem};
pub use visit::{Expense, VisitPlan, VisitReport};

/// Everything held about one account, as `get with all sections` returns it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Dossier {
    #[serde(flatten)]
    pub account: Account,
    pub contacts: Vec<Contact>,
    pub deals: Vec<Deal>,
    pub opportunities: Vec<Opportunity>,
    pub needs: Option<Needs>,
    pub service_records: Vec<ServiceRecord>,
    pub feedback: Vec<Feedback>,
    pub communications: Vec<Communication>,
    pub visit_plans: Vec<VisitPlan>,
    pub visit_reports: Vec<VisitReport>,
    pub contracts: Vec<Contract>,
    pub payments: Vec<Payment>,
    /// 客户招待, 礼品馈赠 and 竞争对手 (issue 22).
    pub entertainments: Vec<Entertainment>,
    pub gifts: Vec<Gift>,
    pub competitors: Vec<Competitor>,
    /// 市场活动参与情况 (issue 22).
    pub event_attendances: Vec<EventAttendance>,
    /// 退货/索赔 (issue 21).
    pub returns: Vec<ReturnClaim>,
}
