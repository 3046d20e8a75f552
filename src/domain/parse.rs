//! A field's text as the value its record type reads: the one parser behind forms and
//! imports, so a value accepted in one is accepted in the other.

use super::money::Money;
use super::record::{FieldKind, FieldSpec};
use super::validate::{self, Problem};
use super::visit::parse_expenses;
use super::when::{parse_date_on, parse_datetime_on};
use chrono::NaiveDate;
use serde_json::Value;

/// One field's text as the JSON value its record type reads, relative dates (明天, `+7`,
/// 下周一) read on the computer's today.
pub fn parse_field(spec: &FieldSpec, text: &str) -> Result<Value, Problem> {
    parse_field_on(spec, text, chrono::Local::now().date_naive())
}

/// One field's text as the JSON value its record type reads, relative dates read on `today`
/// (the book's clock, which tests fix).
pub fn parse_field_on(spec: &FieldSpec, text: &str, today: NaiveDate) -> Result<Value, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(match spec.kind {
            // An empty flag is off; an empty yes/no answer is not known.
            FieldKind::Bool => Value::Bool(false),
            FieldKind::Json => Value::Array(vec![]),
            _ => Value::Null,
        });
    }
    Ok(match spec.kind {
        FieldKind::Text | FieldKind::LongText => Value::String(t.to_string()),
        FieldKind::Date => Value::String(parse_date_on(t, today)?.to_string()),
        FieldKind::DateTime => Value::String(
            parse_datetime_on(t, today)?
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
        ),
        FieldKind::Money => Value::String(Money::parse(t)?.to_string()),
        FieldKind::Integer | FieldKind::Rating | FieldKind::Percent => {
            let n: i64 = validate::normalize_width(t)
                .replace([',', ' '], "")
                .parse()
                .map_err(|_| Problem::Integer(t.to_string()))?;
            Value::from(n)
        }
        FieldKind::Number => {
            let n: f64 = validate::normalize_width(t)
                .parse()
                .map_err(|_| Problem::Number(t.to_string()))?;
            if !n.is_finite() {
                return Err(Problem::Number(t.to_string()));
            }
            Value::from(n)
        }
        FieldKind::Bool => match yes_no(t) {
            Some(Some(b)) => Value::Bool(b),
            _ => return Err(Problem::Bool(t.to_string())),
        },
        FieldKind::YesNo => match yes_no(t) {
            Some(Some(b)) => Value::Bool(b),
            Some(None) => Value::Null,
            None => return Err(Problem::Bool(t.to_string())),
        },
        FieldKind::Choice(set) => Value::String(
            set.resolve(t)
                .ok_or_else(|| Problem::Choice {
                    value: t.to_string(),
                    set,
                })?
                .to_string(),
        ),
        FieldKind::Json => serde_json::to_value(parse_expenses(t)?).unwrap_or(Value::Null),
        FieldKind::Tags => super::tags::normalize(t).map_or(Value::Null, Value::String),
    })
}

/// A yes/no answer as people write it in a form or a sheet, in either language: `Some(Some)`
/// yes or no, `Some(None)` said to be not known, `None` not an answer.
pub fn yes_no(text: &str) -> Option<Option<bool>> {
    let t = validate::normalize_width(text.trim()).to_lowercase();
    Some(match t.as_str() {
        "yes" | "y" | "true" | "t" | "1" | "是" | "有" | "对" | "x" | "√" | "✓" | "✔" => {
            Some(true)
        }
        "no" | "n" | "false" | "f" | "0" | "否" | "不是" | "无" | "没有" | "×" | "✗" | "✘" => {
            Some(false)
        }
        "" | "not known" | "unknown" | "n/a" | "?" | "-" | "不详" | "未知" | "不知道" => {
            None
        }
        _ => return None,
    })
}
