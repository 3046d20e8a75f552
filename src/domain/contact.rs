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
    field("dossier", Json),
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
    // 家庭
    pub marital_status: Option<String>,
    pub spouse_name: Option<String>,
    pub spouse_birthday: Option<NaiveDate>,
    pub spouse_education: Option<String>,
    pub spouse_interests: Option<String>,
    pub wedding_anniversary: Option<NaiveDate>,
    /// 子女: name, age, interests, education, one child per line.
    pub children: Option<String>,
    pub parents: Option<String>,
    pub home_address: Option<String>,
    // 业务背景
    pub previous_jobs: Option<String>,
    pub status_symbols: Option<String>,
    pub attitude_to_company: Option<String>,
    pub long_term_goals: Option<String>,
    pub short_term_goals: Option<String>,
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
    pub health: Option<String>,
    // 客户特点
    pub self_centred: Option<bool>,
    pub decisiveness: Option<String>,
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
    field("marital_status", Text),
    field("spouse_name", Text),
    field("spouse_birthday", Date),
    field("spouse_education", Text),
    field("spouse_interests", Text),
    field("wedding_anniversary", Date),
    field("children", LongText),
    field("parents", Text),
    field("home_address", Text),
    field("previous_jobs", LongText),
    field("status_symbols", Text),
    field("attitude_to_company", Text),
    field("long_term_goals", Text),
    field("short_term_goals", Text),
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
    field("health", Text),
    field("self_centred", YesNo),
    field("decisiveness", Text),
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

impl PersonalDossier {
    pub fn is_empty(&self) -> bool {
        self == &PersonalDossier::default()
    }
}
