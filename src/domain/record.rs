//! What every dossier record shares: a kind, a field list that forms, import and the store
//! all read, and validation.

use super::codes::ChoiceSet;
use super::validate::{required, Invalid};
use serde::{de::DeserializeOwned, Serialize};

/// How a field is typed in; the store and forms convert by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// Several lines (summaries, notes).
    LongText,
    Date,
    DateTime,
    Money,
    Integer,
    /// A decimal number such as a distance in km.
    Number,
    /// 1–5.
    Rating,
    /// 0–100.
    Percent,
    /// A flag, on or off (a contact is the primary one or not): never unknown.
    Bool,
    /// A question answered yes or no, or not (yet) known: `Option<bool>`, NULL when not
    /// known. Most yes/no questions of the dossier are of this kind: a form must not turn
    /// "nobody asked" into "no".
    YesNo,
    Choice(ChoiceSet),
    /// A nested document kept whole (the personal dossier, expense lines).
    Json,
    /// Free tags (`domain::tags`): typed with commas, spaces or `#`, kept as one text.
    Tags,
}

impl FieldKind {
    /// Whether a form picks the value (←/→/Space) rather than having it typed.
    pub fn is_picked(self) -> bool {
        matches!(
            self,
            FieldKind::Choice(_) | FieldKind::Bool | FieldKind::YesNo
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub kind: FieldKind,
    pub required: bool,
}

impl FieldSpec {
    /// Expense lines (a visit's expenses, an entertainment's budget and spending by item):
    /// edited, shown and exported as one line of text (`用餐 1200; 交通 200`).
    pub fn is_expense_lines(&self) -> bool {
        self.kind == FieldKind::Json && matches!(self.key, "expenses" | "budget" | "spent")
    }
}

pub const fn field(key: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        key,
        kind,
        required: false,
    }
}

pub const fn required_field(key: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        key,
        kind,
        required: true,
    }
}

/// The sections of a dossier, each one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Account,
    Contact,
    Deal,
    Opportunity,
    Needs,
    ServiceRecord,
    Feedback,
    Communication,
    VisitPlan,
    VisitReport,
    Contract,
    Payment,
    Entertainment,
    Gift,
    Competitor,
    EventAttendance,
    /// Returns and claims (退货/索赔).
    ReturnClaim,
    /// The product catalogue (商品资料表): the book's, owned by no account.
    Product,
    /// Targets and work plans (周期/月度工作方案表): a rep's, owned by no account.
    Target,
}

impl RecordKind {
    pub const ALL: [RecordKind; 17] = [
        RecordKind::Account,
        RecordKind::Contact,
        RecordKind::Deal,
        RecordKind::Opportunity,
        RecordKind::Needs,
        RecordKind::ServiceRecord,
        RecordKind::Feedback,
        RecordKind::Communication,
        RecordKind::VisitPlan,
        RecordKind::VisitReport,
        RecordKind::Contract,
        RecordKind::Payment,
        RecordKind::Entertainment,
        RecordKind::Gift,
        RecordKind::Competitor,
        RecordKind::EventAttendance,
        RecordKind::ReturnClaim,
    ];

    /// The book's own lists, owned by no account: kept apart from `ALL`, which is the
    /// account and what an account owns (merge, forget, a rep's scope and sync go by it).
    pub const BOOK: [RecordKind; 2] = [RecordKind::Product, RecordKind::Target];

    /// The table name; also the stable name in history rows and exports.
    pub fn table(self) -> &'static str {
        match self {
            RecordKind::Account => "accounts",
            RecordKind::Contact => "contacts",
            RecordKind::Deal => "deals",
            RecordKind::Opportunity => "opportunities",
            RecordKind::Needs => "needs",
            RecordKind::ServiceRecord => "service_records",
            RecordKind::Feedback => "feedback",
            RecordKind::Communication => "communications",
            RecordKind::VisitPlan => "visit_plans",
            RecordKind::VisitReport => "visit_reports",
            RecordKind::Contract => "contracts",
            RecordKind::Payment => "payments",
            RecordKind::Entertainment => "entertainments",
            RecordKind::Gift => "gifts",
            RecordKind::Competitor => "competitors",
            RecordKind::EventAttendance => "event_attendances",
            RecordKind::ReturnClaim => "returns",
            RecordKind::Product => "products",
            RecordKind::Target => "targets",
        }
    }

    pub fn from_table(table: &str) -> Option<RecordKind> {
        RecordKind::ALL
            .into_iter()
            .chain(RecordKind::BOOK)
            .find(|k| k.table() == table)
    }

    /// Whether a record of this kind belongs to one account (all but the account itself and
    /// the book's own lists).
    pub fn is_owned(self) -> bool {
        self != RecordKind::Account && !RecordKind::BOOK.contains(&self)
    }
}

/// A record of the dossier. `id` 0 means not yet stored. Records other than the account
/// belong to one account.
pub trait Record: Serialize + DeserializeOwned + Default + Clone + std::fmt::Debug {
    const KIND: RecordKind;
    fn fields() -> &'static [FieldSpec];
    fn id(&self) -> i64;
    fn set_id(&mut self, id: i64);
    fn account_id(&self) -> i64;
    fn set_account_id(&mut self, id: i64);
    /// A one-line description for lists, the trash and history.
    fn title(&self) -> String;
    /// Rules beyond "required": phone and email forms, credit code, ranges.
    fn check(&self, _invalid: &mut Invalid) {}

    fn validate(&self) -> Result<(), Invalid> {
        let mut invalid = Invalid::default();
        if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(self) {
            for spec in Self::fields().iter().filter(|s| s.required) {
                let empty = match map.get(spec.key) {
                    None | Some(serde_json::Value::Null) => true,
                    Some(serde_json::Value::String(s)) => s.trim().is_empty(),
                    _ => false,
                };
                if empty {
                    invalid.check(spec.key, required(""));
                }
            }
        }
        self.check(&mut invalid);
        invalid.into_result()
    }
}

/// Implements the id plumbing of a record with `id` and `account_id` fields.
macro_rules! owned_record {
    ($ty:ty, $kind:expr, $fields:expr, |$s:ident| $title:expr) => {
        impl $crate::domain::record::Record for $ty {
            const KIND: $crate::domain::record::RecordKind = $kind;
            fn fields() -> &'static [$crate::domain::record::FieldSpec] {
                $fields
            }
            fn id(&self) -> i64 {
                self.id
            }
            fn set_id(&mut self, id: i64) {
                self.id = id;
            }
            fn account_id(&self) -> i64 {
                self.account_id
            }
            fn set_account_id(&mut self, id: i64) {
                self.account_id = id;
            }
            fn title(&self) -> String {
                let $s = self;
                $title
            }
            fn check(&self, invalid: &mut $crate::domain::validate::Invalid) {
                self.check_rules(invalid)
            }
        }
    };
}
pub(crate) use owned_record;
