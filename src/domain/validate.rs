//! Validation rules that every entry path (forms, import, command line) shares. Each error
//! names its field, so a person can find and fix it.

use super::codes::ChoiceSet;
use crate::i18n::{t_args, Arg, Lang};
use chrono::{NaiveDate, NaiveDateTime};
use std::fmt;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("is required")]
    Required,
    #[error("has {0} characters; a unified social credit code has 18")]
    CreditCodeLength(usize),
    #[error("contains {0:?}, which is not allowed in a unified social credit code (digits and capitals except I, O, S, V, Z)")]
    CreditCodeChar(char),
    #[error("has check character {found:?} but its first 17 characters give {expected:?}; a character was probably mistyped")]
    CreditCodeCheck { expected: char, found: char },
    #[error("{0:?} is not a phone number (digits, spaces, +86, dashes and an extension are fine)")]
    Phone(String),
    #[error("{0:?} is not an email address (expected name@example.com)")]
    Email(String),
    #[error("{0:?} is not a date (e.g. 2026-12-08, 12-08, tomorrow, next mon, +7)")]
    Date(String),
    #[error("{0:?} is not a date and time (e.g. 2026-12-08 14:30, tomorrow 3pm)")]
    DateTime(String),
    #[error("{0:?} is not an amount of money (e.g. 1234.50, 12k, 5000万; at most 2 decimals)")]
    Money(String),
    #[error("{0:?} is not a whole number")]
    Integer(String),
    #[error("{0:?} is not a number")]
    Number(String),
    #[error("must be between {min} and {max}, not {value}")]
    Range { min: i64, max: i64, value: i64 },
    #[error("{value:?} is not one of {}", .set.codes.join(", "))]
    Choice { value: String, set: ChoiceSet },
    #[error("{0:?} is not yes or no")]
    Bool(String),
    #[error("must not be negative")]
    Negative,
    #[error("{0:?} has no amount (expected e.g. meals 120; taxi 35)")]
    ExpenseAmount(String),
    #[error("must not be before the visit date ({0})")]
    BeforeVisit(String),
    #[error("must be more than zero")]
    NotPositive,
    #[error("must not be before the start")]
    EndsBeforeStart,
    #[error("the shares add up to {0}%, more than the whole")]
    SharesOverWhole(String),
    #[error("needs the latitude and the longitude both")]
    HalfPoint,
    #[error("{0:?} is not a period (a month 2026-11, a quarter 2026-Q4 or a half-year 2026-H2)")]
    Period(String),
    /// A custom choice list's value that is none of its choices.
    #[error("{value:?} is not one of {allowed}")]
    NotListed { value: String, allowed: String },
}

impl Problem {
    /// The problem in the person's language, for a form: the same sentence as `Display` (what
    /// the command line and imports print), from the message files.
    pub fn message(&self, lang: Lang) -> String {
        let (id, args): (&str, Vec<(&str, String)>) = match self {
            Problem::Required => ("problem-required", vec![]),
            Problem::CreditCodeLength(n) => {
                ("problem-credit-code-length", vec![("n", n.to_string())])
            }
            Problem::CreditCodeChar(c) => {
                ("problem-credit-code-char", vec![("char", c.to_string())])
            }
            Problem::CreditCodeCheck { expected, found } => (
                "problem-credit-code-check",
                vec![
                    ("expected", expected.to_string()),
                    ("found", found.to_string()),
                ],
            ),
            Problem::Phone(v) => ("problem-phone", vec![("value", v.clone())]),
            Problem::Email(v) => ("problem-email", vec![("value", v.clone())]),
            Problem::Date(v) => ("problem-date", vec![("value", v.clone())]),
            Problem::DateTime(v) => ("problem-datetime", vec![("value", v.clone())]),
            Problem::Money(v) => ("problem-money", vec![("value", v.clone())]),
            Problem::Integer(v) => ("problem-integer", vec![("value", v.clone())]),
            Problem::Number(v) => ("problem-number", vec![("value", v.clone())]),
            Problem::Range { min, max, value } => (
                "problem-range",
                vec![
                    ("min", min.to_string()),
                    ("max", max.to_string()),
                    ("value", value.to_string()),
                ],
            ),
            // The labels of the person's language, which is what a form shows and accepts.
            Problem::Choice { value, set } => (
                "problem-choice",
                vec![("value", value.clone()), ("allowed", set.allowed(lang))],
            ),
            Problem::Bool(v) => ("problem-bool", vec![("value", v.clone())]),
            Problem::Negative => ("problem-negative", vec![]),
            Problem::ExpenseAmount(v) => ("problem-expense-amount", vec![("value", v.clone())]),
            Problem::BeforeVisit(d) => ("problem-before-visit", vec![("date", d.clone())]),
            Problem::NotPositive => ("problem-not-positive", vec![]),
            Problem::EndsBeforeStart => ("problem-ends-before-start", vec![]),
            Problem::HalfPoint => ("problem-half-point", vec![]),
            Problem::Period(v) => ("problem-period", vec![("value", v.clone())]),
            Problem::NotListed { value, allowed } => (
                "problem-not-listed",
                vec![("value", value.clone()), ("allowed", allowed.clone())],
            ),
            Problem::SharesOverWhole(t) => {
                ("problem-shares-over-whole", vec![("total", t.clone())])
            }
        };
        let args: Vec<(&str, Arg)> = args.into_iter().map(|(k, v)| (k, Arg::Str(v))).collect();
        t_args(lang, id, &args)
    }
}

/// A problem with a named field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: Problem) -> Self {
        FieldError { field, problem }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field.replace('_', " "), self.problem)
    }
}

impl std::error::Error for FieldError {}

/// All the problems of one record; empty means valid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn check(&mut self, field: &'static str, result: Result<(), Problem>) {
        if let Err(problem) = result {
            self.0.push(FieldError::new(field, problem));
        }
    }
    pub fn into_result(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|e| e.to_string()).collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for Invalid {}

pub fn required(value: &str) -> Result<(), Problem> {
    if value.trim().is_empty() {
        Err(Problem::Required)
    } else {
        Ok(())
    }
}

const CREDIT_CODE_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_CODE_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The GB 32100-2015 check character for the first 17 characters of a credit code, or the
/// first character that is not allowed.
pub fn credit_code_check_char(first17: &str) -> Result<char, Problem> {
    let mut sum = 0u32;
    for (c, w) in first17.chars().zip(CREDIT_CODE_WEIGHTS) {
        let v = CREDIT_CODE_CHARS
            .find(c)
            .ok_or(Problem::CreditCodeChar(c))?;
        sum += v as u32 * w;
    }
    let check = (31 - sum % 31) % 31;
    Ok(CREDIT_CODE_CHARS.as_bytes()[check as usize] as char)
}

/// A registration number: older registration numbers of other lengths pass as they are; an
/// 18-character one is a unified social credit code and must carry the right check character.
pub fn registration_no(value: &str) -> Result<(), Problem> {
    let v = value.trim().to_uppercase();
    let n = v.chars().count();
    if n == 0 || (n != 18 && !looks_like_credit_code(&v)) {
        return Ok(());
    }
    if n != 18 {
        return Err(Problem::CreditCodeLength(n));
    }
    let first17: String = v.chars().take(17).collect();
    let found = v.chars().last().unwrap_or(' ');
    if !CREDIT_CODE_CHARS.contains(found) {
        return Err(Problem::CreditCodeChar(found));
    }
    let expected = credit_code_check_char(&first17)?;
    if expected != found {
        return Err(Problem::CreditCodeCheck { expected, found });
    }
    Ok(())
}

/// 17 or 19 characters of credit-code alphabet are almost certainly a mistyped credit code,
/// not an older registration number (those are 13 or 15 digits).
fn looks_like_credit_code(v: &str) -> bool {
    let n = v.chars().count();
    (n == 17 || n == 19) && v.chars().all(|c| CREDIT_CODE_CHARS.contains(c))
}

/// Permissive phone check for real data: `+86 138 0013 8000`, `(010) 6552-1234 ext 8`,
/// `0755-8888 8888转123`. Counts digits before any extension.
pub fn phone(value: &str) -> Result<(), Problem> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(());
    }
    let lower = v.to_lowercase();
    let main = ["ext", "转", "x", "#", ","]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .map_or(lower.as_str(), |i| &lower[..i]);
    let ok_chars = main
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().\u{3000}".contains(c) || is_fullwidth_digit(c));
    let digits = main
        .chars()
        .filter(|c| c.is_ascii_digit() || is_fullwidth_digit(*c))
        .count();
    let plus_ok = main.matches('+').count() <= 1
        && (!main.contains('+') || main.trim_start().starts_with('+'));
    if ok_chars && plus_ok && (5..=15).contains(&digits) {
        Ok(())
    } else {
        Err(Problem::Phone(v.to_string()))
    }
}

fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

pub fn email(value: &str) -> Result<(), Problem> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(());
    }
    let bad = || Problem::Email(v.to_string());
    let (local, domain) = v.split_once('@').ok_or_else(bad)?;
    let ok = !local.is_empty()
        && !domain.contains('@')
        && !v.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty());
    if ok {
        Ok(())
    } else {
        Err(bad())
    }
}

pub fn rating(value: Option<i64>) -> Result<(), Problem> {
    match value {
        Some(v) if !(1..=5).contains(&v) => Err(Problem::Range {
            min: 1,
            max: 5,
            value: v,
        }),
        _ => Ok(()),
    }
}

pub fn percent(value: Option<i64>) -> Result<(), Problem> {
    match value {
        Some(v) if !(0..=100).contains(&v) => Err(Problem::Range {
            min: 0,
            max: 100,
            value: v,
        }),
        _ => Ok(()),
    }
}

/// Dates as people type them: `2026-11-23`, `2026/11/23`, `2026.11.23`, `20261123`,
/// `2026年11月23日`.
pub fn parse_date(text: &str) -> Result<NaiveDate, Problem> {
    let t = normalize_width(text.trim());
    let t = t.replace(['年', '月', '/', '.'], "-").replace('日', "");
    let parsed = NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&t, "%Y%m%d"));
    parsed.map_err(|_| Problem::Date(text.trim().to_string()))
}

/// A date and time: `2026-11-23 14:30`, `2026-11-23T14:30:00`, or a date alone (midnight).
pub fn parse_datetime(text: &str) -> Result<NaiveDateTime, Problem> {
    let t = normalize_width(text.trim()).replace('T', " ");
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(&t, fmt) {
            return Ok(dt);
        }
    }
    parse_date(&t)
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists"))
        .map_err(|_| Problem::DateTime(text.trim().to_string()))
}

/// Full-width digits and punctuation (as Chinese input methods produce) to ASCII.
pub fn normalize_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_char_of_a_published_code() {
        // 91350100M000100Y43 is the worked example printed with GB 32100-2015.
        assert_eq!(credit_code_check_char("91350100M000100Y4"), Ok('3'));
    }
}
