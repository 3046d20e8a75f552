//! 不宜拜访时间: when an account does not want visits, read from the free text people write
//! ("周一上午", "星期五下午", "Friday afternoons", "Mon, Tue mornings") so a plan at such a
//! time can be warned about.

use chrono::{Datelike, NaiveDateTime, Timelike, Weekday};

const WEEKDAYS: [(Weekday, &[&str]); 7] = [
    (Weekday::Mon, &["周一", "星期一", "礼拜一", "monday", "mon"]),
    (
        Weekday::Tue,
        &["周二", "星期二", "礼拜二", "tuesday", "tue"],
    ),
    (
        Weekday::Wed,
        &["周三", "星期三", "礼拜三", "wednesday", "wed"],
    ),
    (
        Weekday::Thu,
        &["周四", "星期四", "礼拜四", "thursday", "thu"],
    ),
    (Weekday::Fri, &["周五", "星期五", "礼拜五", "friday", "fri"]),
    (
        Weekday::Sat,
        &["周六", "星期六", "礼拜六", "saturday", "sat"],
    ),
    (
        Weekday::Sun,
        &[
            "周日",
            "周天",
            "星期日",
            "星期天",
            "礼拜天",
            "sunday",
            "sun",
        ],
    ),
];

/// Parts of the day as hour ranges [from, to).
const PARTS: [(u32, u32, &[&str]); 5] = [
    (0, 12, &["上午", "早上", "morning"]),
    (11, 14, &["中午", "午休", "noon", "lunch"]),
    (12, 18, &["下午", "afternoon"]),
    (18, 24, &["晚上", "evening", "night"]),
    (0, 24, &["全天", "all day"]),
];

/// One clause such as "周一上午": the days it names (none = every day) and hours.
fn clause_matches(clause: &str, at: NaiveDateTime) -> bool {
    let days: Vec<Weekday> = WEEKDAYS
        .iter()
        .filter(|(_, names)| names.iter().any(|n| contains_word(clause, n)))
        .map(|(d, _)| *d)
        .collect();
    let parts: Vec<(u32, u32)> = PARTS
        .iter()
        .filter(|(_, _, names)| names.iter().any(|n| clause.contains(n)))
        .map(|(a, b, _)| (*a, *b))
        .collect();
    let weekend = clause.contains("周末") || clause.contains("weekend");
    if days.is_empty() && parts.is_empty() && !weekend {
        return false;
    }
    let day_ok = (days.is_empty() && !weekend)
        || days.contains(&at.weekday())
        || (weekend && matches!(at.weekday(), Weekday::Sat | Weekday::Sun));
    let hour = at.hour();
    let part_ok = parts.is_empty() || parts.iter().any(|(a, b)| (*a..*b).contains(&hour));
    day_ok && part_ok
}

/// ASCII names must stand alone ("mon" not inside "month"); Chinese names need no spaces.
fn contains_word(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().last();
        let after = text[i + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphabetic());
        boundary(before) && (boundary(after) || after == Some('s'))
    })
}

/// Whether `at` falls in the unsuitable times described by `text`.
pub fn is_unsuitable(text: &str, at: NaiveDateTime) -> bool {
    let lower = text.to_lowercase();
    lower
        .split([',', ';', '，', '；', '、', '\n', '/'])
        .flat_map(|c| c.split(" and "))
        .any(|clause| clause_matches(clause.trim(), at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn reads_the_usual_ways_people_write_it() {
        // 2026-11-23 is a Monday; 2026-11-27 a Friday; 2026-11-28 a Saturday.
        let cases = [
            ("周一上午", at(2026, 11, 23, 9), true),
            ("周一上午", at(2026, 11, 23, 15), false),
            ("周一上午", at(2026, 11, 24, 9), false),
            ("星期五下午", at(2026, 11, 27, 15), true),
            ("星期五下午", at(2026, 11, 27, 10), false),
            ("Friday afternoons", at(2026, 11, 27, 14), true),
            ("Mon, Tue mornings", at(2026, 11, 23, 8), true),
            ("Mon, Tue mornings", at(2026, 11, 24, 8), true),
            ("Mon, Tue mornings", at(2026, 11, 25, 8), false),
            ("中午", at(2026, 11, 25, 12), true),
            ("周末", at(2026, 11, 28, 10), true),
            ("周末", at(2026, 11, 27, 10), false),
            ("月底结账期间", at(2026, 11, 30, 10), false),
            ("no visits in the month of May", at(2026, 11, 23, 10), false),
        ];
        for (text, when, expected) in cases {
            assert_eq!(is_unsuitable(text, when), expected, "{text} at {when}");
        }
    }
}
