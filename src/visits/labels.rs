//! Small text helpers shared by the report renderers.

use crate::i18n::{t, Lang};
use chrono::{Datelike, Weekday};

pub fn weekday(lang: Lang, day: Weekday) -> String {
    t(lang, &format!("weekday-{}", day.number_from_monday()))
}

pub fn weekday_of(lang: Lang, date: chrono::NaiveDate) -> String {
    weekday(lang, date.weekday())
}

/// A value as one Markdown table cell: no line breaks, no stray column bars.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

/// A value on one line of plain text.
pub fn one_line(text: &str) -> String {
    text.replace("\r\n", " / ").replace('\n', " / ")
}
