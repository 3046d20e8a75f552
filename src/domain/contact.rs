//! Contacts (联系人) and their personal dossier (客户深度关怀表, the "Mackay 66").

use super::codes::*;
use super::record::{field, owned_record, required_field, FieldKind::*, FieldSpec, RecordKind};
use super::validate::{email, phone, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub id: i64,
    pub account_id: i64,
    pub name: String,
    pub nickname: Option<String>,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    /// 职位/职称.
    pub title: Option<String>,
    pub department: Option<String>,
    pub role: Option<ContactRole>,
    pub is_primary: bool,
    pub office_phone: Option<String>,
    pub mobile: Option<String>,
    pub home_phone: Option<String>,
    pub email: Option<String>,
    pub qq: Option<String>,
    pub wechat: Option<String>,
    pub preferred_channel: Option<PreferredChannel>,
    pub birthday: Option<NaiveDate>,
    pub birthplace: Option<String>,
    /// 籍贯.
    pub native_place: Option<String>,
    /// Keep in touch every this many days (the contact's own cadence): a reminder when
    /// nobody spoke to them for longer.
    pub keep_in_touch_days: Option<i64>,
    pub notes: Option<String>,
    /// Free tags (`domain::tags`): "golf, 老乡".
    pub tags: Option<String>,
    /// The team's own fields (`domain::custom_field`), by name.
    pub custom: Option<super::CustomValues>,
    /// Sensitive: shown only when asked for.
    pub dossier: Option<PersonalDossier>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    required_field("name", Text),
    field("nickname", Text),
    field("gender", Choice(Gender::CHOICES)),
    field("ethnicity", Text),
    field("title", Text),
    field("department", Text),
    field("role", Choice(ContactRole::CHOICES)),
    // A flag, not a question: a contact is the primary one or is not (issue 14 kept it
    // two-state); the dossier's yes/no questions below may be not known.
    field("is_primary", Bool),
    field("mobile", Text),
    field("office_phone", Text),
    field("home_phone", Text),
    field("email", Text),
    field("qq", Text),
    field("wechat", Text),
    field("preferred_channel", Choice(PreferredChannel::CHOICES)),
    field("birthday", Date),
    field("birthplace", Text),
    field("native_place", Text),
    field("keep_in_touch_days", Integer),
    field("notes", LongText),
    field("tags", Tags),
    field("dossier", Json),
    field("custom", Json),
];

impl Contact {
    pub fn new(name: &str) -> Self {
        Contact {
            name: name.to_string(),
            ..Default::default()
        }
    }

    /// The number to call: mobile first, then office, then home.
    pub fn best_phone(&self) -> Option<&str> {
        [&self.mobile, &self.office_phone, &self.home_phone]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .find(|p| !p.trim().is_empty())
    }

    fn check_rules(&self, invalid: &mut Invalid) {
        for (key, value) in [
            ("mobile", &self.mobile),
            ("office_phone", &self.office_phone),
            ("home_phone", &self.home_phone),
        ] {
            if let Some(v) = value {
                invalid.check(key, phone(v));
            }
        }
        if let Some(v) = &self.email {
            invalid.check("email", email(v));
        }
        // From a day to ten years: 0 or less would remind every day of nothing.
        if let Some(days) = self.keep_in_touch_days.filter(|d| !(1..=3650).contains(d)) {
            invalid.check(
                "keep_in_touch_days",
                Err(super::Problem::Range {
                    min: 1,
                    max: 3650,
                    value: days,
                }),
            );
        }
    }
}

owned_record!(Contact, RecordKind::Contact, FIELDS, |c| c.name.clone());

/// The personal dossier, kept as one document because it is read and written as a whole and
/// never queried field by field. Dates in it (spouse birthday, anniversary) feed reminders.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonalDossier {
    // 教育背景
    pub high_school: Option<String>,
    pub university: Option<String>,
    pub major: Option<String>,
    pub graduation: Option<String>,
    pub awards: Option<String>,
    pub school_clubs: Option<String>,
    pub sports: Option<String>,
    /// 学位.
    pub degree: Option<String>,
    // 外貌 (the seed's 身高, 体重, 身体五官特征): recognising someone at a fair.
    pub height: Option<String>,
    pub weight: Option<String>,
    pub appearance: Option<String>,
    // 家庭
    pub marital_status: Option<String>,
    pub spouse_name: Option<String>,
    pub spouse_birthday: Option<NaiveDate>,
    pub spouse_education: Option<String>,
    pub spouse_interests: Option<String>,
    pub wedding_anniversary: Option<NaiveDate>,
    /// 子女: name, age, interests, education, one child per line.
    pub children: Option<String>,
    /// 是否有抚养权: not known until asked (a divorce is a topic to avoid).
    pub children_custody: Option<bool>,
    pub parents: Option<String>,
    pub home_address: Option<String>,
    // 业务背景
    pub previous_jobs: Option<String>,
    pub status_symbols: Option<String>,
    pub attitude_to_company: Option<String>,
    pub long_term_goals: Option<String>,
    pub short_term_goals: Option<String>,
    /// 目前最关切的是公司前途还是个人前途.
    pub cares_most_about: Option<FutureConcern>,
    /// 更多地思考现在还是将来, and why (为什么).
    pub thinks_of: Option<TimeFocus>,
    pub outlook_why: Option<String>,
    // 兵役 (其它: 兵役军种, 退役时军阶, 对兵役的态度).
    pub military_service: Option<String>,
    pub military_rank: Option<String>,
    pub military_attitude: Option<String>,
    // 兴趣与生活方式
    pub hobbies: Option<String>,
    pub favourite_topics: Option<String>,
    pub books: Option<String>,
    pub vacation: Option<String>,
    pub drinking: Option<String>,
    pub objects_to_drinking: Option<bool>,
    pub smokes: Option<bool>,
    pub objects_to_smoking: Option<bool>,
    pub lunch_places: Option<String>,
    pub dinner_places: Option<String>,
    pub dishes: Option<String>,
    pub private_clubs: Option<String>,
    /// 是否热衷于社会活动, 如何参与.
    pub social_activities: Option<String>,
    /// 特殊习惯.
    pub special_habits: Option<String>,
    /// Sensitive (PIPL Art. 28, GDPR Art. 9): see [`SENSITIVE_DOSSIER_FIELDS`].
    pub health: Option<String>,
    /// 宗教, 是否热衷: sensitive.
    pub religion: Option<String>,
    /// 是否参与政治活动, 支持哪个政党: sensitive.
    pub political_activity: Option<String>,
    // 客户特点
    pub self_centred: Option<bool>,
    pub decisiveness: Option<String>,
    /// 道德感如何.
    pub ethics: Option<String>,
    pub cares_about_opinions: Option<bool>,
    pub proudest_achievement: Option<String>,
    pub key_concerns: Option<String>,
    pub topics_to_avoid: Option<String>,
    pub strong_opinions: Option<String>,
    // 客户关系
    pub relation_to_our_staff: Option<String>,
    pub known_by: Option<String>,
    pub relation_to_others: Option<String>,
    pub relation_nature: Option<String>,
}

pub const DOSSIER_FIELDS: &[FieldSpec] = &[
    field("high_school", Text),
    field("university", Text),
    field("major", Text),
    field("graduation", Text),
    field("awards", Text),
    field("school_clubs", Text),
    field("sports", Text),
    field("degree", Text),
    field("height", Text),
    field("weight", Text),
    field("appearance", Text),
    field("marital_status", Text),
    field("spouse_name", Text),
    field("spouse_birthday", Date),
    field("spouse_education", Text),
    field("spouse_interests", Text),
    field("wedding_anniversary", Date),
    field("children", LongText),
    field("children_custody", YesNo),
    field("parents", Text),
    field("home_address", Text),
    field("previous_jobs", LongText),
    field("status_symbols", Text),
    field("attitude_to_company", Text),
    field("long_term_goals", Text),
    field("short_term_goals", Text),
    field("cares_most_about", Choice(FutureConcern::CHOICES)),
    field("thinks_of", Choice(TimeFocus::CHOICES)),
    field("outlook_why", Text),
    field("military_service", Text),
    field("military_rank", Text),
    field("military_attitude", Text),
    field("hobbies", Text),
    field("favourite_topics", Text),
    field("books", Text),
    field("vacation", Text),
    field("drinking", Text),
    field("objects_to_drinking", YesNo),
    field("smokes", YesNo),
    field("objects_to_smoking", YesNo),
    field("lunch_places", Text),
    field("dinner_places", Text),
    field("dishes", Text),
    field("private_clubs", Text),
    field("social_activities", Text),
    field("special_habits", Text),
    field("health", Text),
    field("religion", Text),
    field("political_activity", Text),
    field("self_centred", YesNo),
    field("decisiveness", Text),
    field("ethics", Text),
    field("cares_about_opinions", YesNo),
    field("proudest_achievement", Text),
    field("key_concerns", Text),
    field("topics_to_avoid", Text),
    field("strong_opinions", Text),
    field("relation_to_our_staff", Text),
    field("known_by", Text),
    field("relation_to_others", Text),
    field("relation_nature", Text),
];

/// The dossier's special categories of personal information (PIPL Art. 28: religious
/// belief, medical health; GDPR Art. 9 adds political opinions): like the rest of the dossier
/// hidden until revealed, and besides left out of every file that leaves kam unless asked
/// for (`--include-sensitive`).
pub const SENSITIVE_DOSSIER_FIELDS: &[&str] = &["health", "religion", "political_activity"];

impl PersonalDossier {
    pub fn is_empty(&self) -> bool {
        self == &PersonalDossier::default()
    }

    /// The dossier without its sensitive items (see [`SENSITIVE_DOSSIER_FIELDS`]).
    pub fn without_sensitive(mut self) -> PersonalDossier {
        self.health = None;
        self.religion = None;
        self.political_activity = None;
        self
    }

    /// How much of the Mackay dossier is known: (answered items, all items).
    pub fn completion(&self) -> (usize, usize) {
        let map = match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => Default::default(),
        };
        let known = DOSSIER_FIELDS
            .iter()
            .filter(|f| match map.get(f.key) {
                None | Some(serde_json::Value::Null) => false,
                Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
                Some(_) => true,
            })
            .count();
        (known, DOSSIER_FIELDS.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dossier_item_is_a_field_and_the_sensitive_ones_are_dropped_whole() {
        let map = match serde_json::to_value(PersonalDossier::default()).unwrap() {
            serde_json::Value::Object(m) => m,
            _ => unreachable!(),
        };
        let keys: Vec<&str> = DOSSIER_FIELDS.iter().map(|f| f.key).collect();
        for k in map.keys() {
            assert!(
                keys.contains(&k.as_str()),
                "{k} has no field: no form shows it"
            );
        }
        assert_eq!(keys.len(), map.len());
        for k in SENSITIVE_DOSSIER_FIELDS {
            assert!(keys.contains(k), "{k}");
        }
        let d = PersonalDossier {
            religion: Some("佛教".into()),
            health: Some("高血压".into()),
            political_activity: Some("人大代表".into()),
            degree: Some("硕士".into()),
            smokes: Some(false),
            ..Default::default()
        };
        assert_eq!(d.completion(), (5, DOSSIER_FIELDS.len()));
        let kept = d.without_sensitive();
        assert_eq!(kept.completion(), (2, DOSSIER_FIELDS.len()));
        assert_eq!(kept.degree.as_deref(), Some("硕士"));
        assert_eq!(PersonalDossier::default().completion().0, 0);
    }
}
