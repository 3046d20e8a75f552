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
        let lower = t.to_lowercase();
        labels_of(self)
            .iter()
            .find(|(label, _)| *label == lower)
            .map(|(_, c)| *c)
            .or_else(|| synonym(self.prefix, t).filter(|c| self.contains(c)))
    }

    /// The labels of a person's language for a complaint; an English reader sees the
    /// Chinese ones too (`Key (重要客户), …`), since the sheets people import are often Chinese.
    pub fn allowed(&self, lang: Lang) -> String {
        self.codes
            .iter()
            .map(|c| match lang {
                Lang::En => format!("{} ({})", self.label(Lang::En, c), self.label(Lang::Zh, c)),
                _ => self.label(lang, c),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Every label of a set's codes in every language, lower case, looked up once per set: an
/// import resolves a choice per cell, and asking the message catalogue each time was a fifth
/// of a 100,000-row import.
fn labels_of(set: &ChoiceSet) -> std::sync::Arc<Vec<(String, &'static str)>> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    type Cache = Mutex<HashMap<&'static str, Arc<Vec<(String, &'static str)>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(set.prefix)
        .or_insert_with(|| {
            let mut labels = vec![];
            for c in set.codes {
                for l in Lang::ALL {
                    labels.push((set.label(l, c).to_lowercase(), *c));
                }
            }
            Arc::new(labels)
        })
        .clone()
}

/// Words that sheets use for a code besides its labels: Chinese CRM templates call key
/// accounts 重点客户, VIP or 大客户 and normal ones 一般客户, an active account 正常;
/// Salesforce rates Hot/Warm/Cold.
fn synonym(prefix: &str, text: &str) -> Option<&'static str> {
    let t = text.trim().to_lowercase();
    let found = match (prefix, t.as_str()) {
        (
            "category",
            "重点客户" | "vip" | "vip客户" | "大客户" | "核心客户" | "关键客户" | "key account",
        ) => "key",
        ("category", "主要客户" | "重要") => "major",
        ("category", "一般客户" | "一般" | "普通" | "小客户" | "regular") => "normal",
        ("category", "潜在客户" | "意向客户" | "潜在" | "prospect" | "lead") => {
            "potential"
        }
        ("gender", "男" | "m" | "先生") => "male",
        ("gender", "女" | "f" | "女士") => "female",
        ("customer-type", "个人" | "individual" | "private" | "私人") => "person",
        ("customer-type", "企业" | "公司" | "company" | "business") => "company",
        // 状态 in Chinese sheets: 正常 (normal) is an account in business, 停用 one set aside.
        ("account-status", "正常" | "活跃" | "有效" | "正常合作") => "active",
        ("account-status", "停用" | "暂停" | "不活跃") => "dormant",
        ("account-status", "已流失" | "流失客户") => "lost",
        _ => return None,
    };
    Some(found)
}

#[cfg(test)]
mod synonym_tests {
    use super::ChoiceSet;
    #[test]
    fn chinese_template_words_are_categories_and_errors_list_labels() {
        let set = ChoiceSet {
            prefix: "category",
            codes: &["key", "major", "normal", "potential"],
        };
        assert_eq!(set.resolve("重点客户"), Some("key"));
        assert_eq!(set.resolve("VIP"), Some("key"));
        assert_eq!(set.resolve("一般客户"), Some("normal"));
        assert_eq!(set.resolve("重要客户"), Some("key"));
        assert_eq!(set.resolve("超级客户"), None);
        let status = ChoiceSet {
            prefix: "account-status",
            codes: &["active", "dormant", "lost"],
        };
        assert_eq!(status.resolve("正常"), Some("active"));
        assert_eq!(status.resolve("停用"), Some("dormant"));
        assert_eq!(status.resolve("不正常"), None);
        assert!(
            set.allowed(crate::i18n::Lang::En)
                .contains("Key (重要客户)"),
            "{}",
            set.allowed(crate::i18n::Lang::En)
        );
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
code_enum!(
    /// 目前最关切的是公司前途还是个人前途 (Mackay 66).
    FutureConcern, "future-concern" { Company = "company", Own = "own" });
code_enum!(
    /// 更多地思考现在还是将来 (Mackay 66).
    TimeFocus, "time-focus" { Present = "present", Future = "future" });
code_enum!(
    /// 销售范围 of a dealer (经销商档案).
    SalesArea, "sales-area" { Local = "local", OtherRegions = "other_regions", Both = "both" });
code_enum!(
    /// 销售价格 of a dealer against the list price: 合理 · 略低 · 略高 · 削价.
    PriceLevel, "price-level" { Fair = "fair", SlightlyLow = "slightly_low", SlightlyHigh = "slightly_high", CutPrice = "cut_price" });
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

code_enum!(
    /// 付款方式: how money came in (到账记录).
    PaymentMethod, "payment-method" { Transfer = "transfer", Cash = "cash", Acceptance = "acceptance", Cheque = "cheque", Other = "other" });
code_enum!(
    /// 合同状态: 新签订 · 执行中 · 已完成 · 已终止 (the seed's 合同管理表).
    ContractStatus, "contract-status" { New = "new", Active = "active", Completed = "completed", Terminated = "terminated" });

code_enum!(
    /// 审批: where an entertainment application (客户招待申请表) or a gift request (礼品申请表)
    /// stands; `done` is held (已招待) or given (已赠送), when the report's figures count.
    Approval, "approval" { Applied = "applied", Approved = "approved", Rejected = "rejected", Done = "done", Cancelled = "cancelled" });
code_enum!(
    /// 活动类型 (市场活动表): how the company met its market.
    EventKind, "event-kind" { Seminar = "seminar", Fair = "fair", Online = "online", Advertising = "advertising", Training = "training", Other = "other" });
