//! The field list of each section of the dossier, looked up by its kind. The one file that
//! knows every record type: `record.rs` (the trait and the kinds they share) stays below
//! them all, so no record file imports itself back through it.

use super::record::{FieldSpec, Record, RecordKind};
use super::{
    Account, Communication, Competitor, Contact, Contract, Deal, Entertainment, EventAttendance,
    Feedback, Gift, Needs, Opportunity, Payment, Product, ReturnClaim, ServiceRecord, VisitPlan,
    VisitReport,
};

impl RecordKind {
    /// The fields of this section, in the order forms and exports show them.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            RecordKind::Account => Account::fields(),
            RecordKind::Contact => Contact::fields(),
            RecordKind::Deal => Deal::fields(),
            RecordKind::Opportunity => Opportunity::fields(),
            RecordKind::Needs => Needs::fields(),
            RecordKind::ServiceRecord => ServiceRecord::fields(),
            RecordKind::Feedback => Feedback::fields(),
            RecordKind::Communication => Communication::fields(),
            RecordKind::VisitPlan => VisitPlan::fields(),
            RecordKind::VisitReport => VisitReport::fields(),
            RecordKind::Contract => Contract::fields(),
            RecordKind::Payment => Payment::fields(),
            RecordKind::Entertainment => Entertainment::fields(),
            RecordKind::Gift => Gift::fields(),
            RecordKind::Competitor => Competitor::fields(),
            RecordKind::EventAttendance => EventAttendance::fields(),
            RecordKind::Product => Product::fields(),
            RecordKind::Target => super::Target::fields(),
            RecordKind::ReturnClaim => ReturnClaim::fields(),
        }
    }
}
