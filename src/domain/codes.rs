//! Enumerations with stable codes. The code is what the database and exports hold and never
//! changes once released; the label is looked up in the message files per language.

use crate::i18n::Lang;

/// A set of codes that a choice field accepts, with the message-key prefix of their labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceSet {
    pub prefix: &'static str,
    pub codes: &'static [&'static str],
}

impl ChoiceSet {
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains(&code)
    }

    pub fn label(&self, lang: Lang, code: &str) -> String {
        crate::i18n::enum_label(lang, self.prefix, code)
    }

    /// Every label in `lang`, in the codes' order.
    pub fn labels(&self, lang: Lang) -> Vec<String> {
        self.codes.iter().map(|c| self.label(lang, c)).collect()
    }

    /// Accepts a code, or a label in any language (case-insensitive), as import and forms do.
    pub fn resolve(&self, text: &str) -> Option<&'static str> {
        let t = text.trim();
        if let Some(c) = self.codes.iter().find(|c| c.eq_ignore_ascii_case(t)) {
            return Some(c);
        }
        self.codes.iter().copied().find(|c| {
            Lang::ALL
                .iter()
                .any(|l| self.label(*l, c).eq_ignore_ascii_case(t))
        })
    }
}

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $prefix:literal { $($var:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            pub const CHOICES: $crate::domain::codes::ChoiceSet = $crate::domain::codes::ChoiceSet {
                prefix: $prefix,
                codes: &[$($code),+],
            };
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),+ }
            }
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$var),)+ _ => None }
            }
            pub fn label(self, lang: $crate::i18n::Lang) -> String {
                $crate::i18n::enum_label(lang, $prefix, self.code())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::from_code(&s).ok_or_else(|| serde::de::Error::custom(format!(
                    "unknown {} code {:?} (expected one of {})",
                    $prefix, s, $name::CHOICES.codes.join(", ")
                )))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use code_enum;

code_enum!(CustomerType, "customer-type" { Person = "person", Company = "company", Government = "government" });
code_enum!(
    /// GB/T 4754-2017 sections (门类).
    Industry, "industry" {
    A = "A", B = "B", C = "C", D = "D", E = "E", F = "F", G = "G", H = "H", I = "I", J = "J",
    K = "K", L = "L", M = "M", N = "N", O = "O", P = "P", Q = "Q", R = "R", S = "S", T = "T",
});
code_enum!(EnterpriseNature, "nature" { State = "state", Foreign = "foreign", Joint = "joint", Private = "private", Other = "other" });
code_enum!(Category, "category" { Key = "key", Major = "major", Normal = "normal", Potential = "potential" });
code_enum!(Credit, "credit" { A = "A", B = "B", C = "C" });
code_enum!(Grade, "grade" { A = "A", B = "B", C = "C", D = "D", E = "E" });
code_enum!(AccountStatus, "account-status" { Active = "active", Dormant = "dormant", Lost = "lost" });
code_enum!(BusinessPolicy, "policy" { Active = "active", Conservative = "conservative", Solid = "solid", Ordinary = "ordinary", Chaotic = "chaotic", Speculative = "speculative" });
code_enum!(BusinessState, "business-state" { Booming = "booming", Rising = "rising", Normal = "normal", Declining = "declining", Critical = "critical" });
code_enum!(LocationType, "location" { Downtown = "downtown", ShoppingStreet = "shopping_street", Residential = "residential", Industrial = "industrial", Suburb = "suburb" });
code_enum!(Funds, "funds" { Abundant = "abundant", Sufficient = "sufficient", Tight = "tight", Short = "short", Critical = "critical" });
code_enum!(PaymentAttitude, "payment-attitude" { Prompt = "prompt", Ordinary = "ordinary", Acceptable = "acceptable", Late = "late", Reluctant = "reluctant", Owing = "owing" });

code_enum!(Gender, "gender" { Male = "male", Female = "female", Other = "other" });
code_enum!(ContactRole, "role" { DecisionMaker = "decision_maker", Purchasing = "purchasing", Technical = "technical", Finance = "finance", User = "user", Other = "other" });
code_enum!(PreferredChannel, "preferred-channel" { Phone = "phone", Email = "email", FaceToFace = "face_to_face", Wechat = "wechat" });

code_enum!(OrderStatus, "order-status" { Placed = "placed", InProduction = "in_production", Shipped = "shipped", Delivered = "delivered", Cancelled = "cancelled" });
code_enum!(PaymentStatus, "payment-status" { Unpaid = "unpaid", Partial = "partial", Paid = "paid" });
code_enum!(Stage, "stage" { Initial = "initial", Needs = "needs", Demo = "demo", Quote = "quote", Negotiation = "negotiation", Won = "won", Lost = "lost" });
code_enum!(ServiceKind, "service-kind" { Support = "support", Training = "training", Maintenance = "maintenance", Repair = "repair", Consulting = "consulting", Other = "other" });
code_enum!(ServiceStatus, "service-status" { New = "new", InProgress = "in_progress", Resolved = "resolved" });
code_enum!(FeedbackKind, "feedback-kind" { Praise = "praise", Suggestion = "suggestion", Complaint = "complaint" });
code_enum!(FeedbackStatus, "feedback-status" { Open = "open", Closed = "closed" });
code_enum!(CommChannel, "comm-channel" { Phone = "phone", Email = "email", Meeting = "meeting", Wechat = "wechat", Other = "other" });
code_enum!(VisitMethod, "visit-method" { Visit = "visit", Phone = "phone", Other = "other" });
code_enum!(PlanStatus, "plan-status" { Planned = "planned", Done = "done", Cancelled = "cancelled" });
code_enum!(
    /// 商谈计划: what the visit was for.
    VisitPurpose, "purpose" { FirstVisit = "a", ProblemHandling = "b", RelationshipBuilding = "c" });
code_enum!(
    /// 成果: how the visit went.
    Outcome, "outcome" { DealAgreed = "A", Promising = "B", VisitAgain = "C", Hopeless = "D", KeepWatching = "E" });
code_enum!(ExpenseItem, "expense" { Transport = "transport", Meals = "meals", Gifts = "gifts", Lodging = "lodging", Other = "other" });
