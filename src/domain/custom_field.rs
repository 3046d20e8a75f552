//! Custom fields (Monica #79; issue 22): a few typed fields a team adds to its accounts or its
//! people, named in the rep's own words (预算级别, Shoe size), each text, a number, a date or
//! one of a list. A record keeps its values by the field's name, as text in the field's
//! canonical form (a date as 2026-12-08, a number as typed without spaces, a choice as the
//! list spells it), so an export's column and an import's header are that name.

use super::codes::code_enum;
use super::parse::parse_field_on;
use super::record::{field, FieldKind, RecordKind};
use super::validate::Problem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

code_enum!(
    /// What a custom field holds.
    CustomType, "custom-type" { Text = "text", Number = "number", Date = "date", Choice = "choice" });

code_enum!(
    /// Which records a custom field is on (the table's name is the code).
    CustomOf, "custom-of" { Accounts = "accounts", Contacts = "contacts" });

/// A record's custom values, by field name.
pub type CustomValues = BTreeMap<String, String>;

/// The record kinds that take custom fields.
pub const CUSTOM_KINDS: [RecordKind; 2] = [RecordKind::Account, RecordKind::Contact];

/// The longest name a custom field may have, in characters: it is a column header.
pub const NAME_MAX: usize = 40;

/// One field a team defined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    /// `accounts` or `contacts`.
    pub kind: String,
    pub name: String,
    #[serde(rename = "type")]
    pub ty: CustomType,
    /// The choices of a choice list, in their order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

impl CustomField {
    pub fn record_kind(&self) -> Option<RecordKind> {
        CUSTOM_KINDS.into_iter().find(|k| k.table() == self.kind)
    }

    /// A value as typed, read by the field's type: `None` when empty, else its canonical
    /// text. A date may be typed as every date field of kam (12-08, 明天, +7).
    pub fn read(&self, typed: &str, today: NaiveDate) -> Result<Option<String>, Problem> {
        let t = typed.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let as_kind = |kind: FieldKind, t: &str| parse_field_on(&field("custom", kind), t, today);
        Ok(Some(match self.ty {
            CustomType::Text => t.to_string(),
            CustomType::Number => {
                // Thousands separated as a sheet writes them (1,200,000 or 1 200 000).
                let compact: String = t
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != ',')
                    .collect();
                as_kind(FieldKind::Number, &compact).map_err(|_| Problem::Number(t.into()))?;
                compact
            }
            CustomType::Date => match as_kind(FieldKind::Date, t)? {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            },
            CustomType::Choice => self
                .choices
                .iter()
                .find(|c| c.trim().to_lowercase() == t.to_lowercase())
                .cloned()
                .ok_or_else(|| Problem::NotListed {
                    value: t.to_string(),
                    allowed: self.choices.join(", "),
                })?,
        }))
    }
}

/// A choice list as typed on the command line or a form: split at commas, semicolons or
/// their full-width forms, each trimmed, empty ones and repeats left out.
pub fn split_choices(typed: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for c in typed.split([',', ';', '，', '；', '、']).map(str::trim) {
        if !c.is_empty() && !out.iter().any(|o| o.to_lowercase() == c.to_lowercase()) {
            out.push(c.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(ty: CustomType, choices: &[&str]) -> CustomField {
        CustomField {
            kind: "accounts".into(),
            name: "x".into(),
            ty,
            choices: choices.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn values_are_read_by_their_type_into_one_canonical_text() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        // (type, choices, typed, what it reads as: Err(()) for refused)
        type Case<'a> = (
            CustomType,
            &'a [&'a str],
            &'a str,
            Result<Option<&'a str>, ()>,
        );
        let cases: &[Case] = &[
            (CustomType::Text, &[], "  华东区  ", Ok(Some("华东区"))),
            (CustomType::Text, &[], "  ", Ok(None)),
            (CustomType::Number, &[], "1 200.5", Ok(Some("1200.5"))),
            (CustomType::Number, &[], "12,000", Ok(Some("12000"))),
            (CustomType::Number, &[], "twelve", Err(())),
            (CustomType::Date, &[], "2026-12-08", Ok(Some("2026-12-08"))),
            (CustomType::Date, &[], "+7", Ok(Some("2026-11-30"))),
            (CustomType::Date, &[], "soon", Err(())),
            (
                CustomType::Choice,
                &["高", "中", "低"],
                "中",
                Ok(Some("中")),
            ),
            (
                CustomType::Choice,
                &["High", "Low"],
                "high",
                Ok(Some("High")),
            ),
            (CustomType::Choice, &["High", "Low"], "medium", Err(())),
        ];
        for (ty, choices, typed, want) in cases {
            let got = def(*ty, choices).read(typed, today);
            match want {
                Ok(w) => assert_eq!(
                    got.as_ref().ok().cloned(),
                    Some(w.map(String::from)),
                    "{typed}"
                ),
                Err(()) => assert!(got.is_err(), "{typed}: {got:?}"),
            }
        }
    }

    #[test]
    fn a_choice_list_splits_at_either_width_of_comma_once_each() {
        assert_eq!(split_choices("高, 中，低;高"), vec!["高", "中", "低"]);
        assert!(split_choices(" , ").is_empty());
    }
}
