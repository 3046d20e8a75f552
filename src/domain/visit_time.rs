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
    (0, 12, &["上午", "早上", "morning", "am"]),
    (11, 14, &["中午", "午休", "noon", "lunch"]),
    (12, 18, &["下午", "afternoon", "pm"]),
    (18, 24, &["晚上", "evening", "night"]),
    (0, 24, &["全天", "all day"]),
];

/// One clause such as "周一上午", read: the days it names (none = every day) and hours.
struct Clause {
    days: Vec<Weekday>,
    weekend: bool,
    parts: Vec<(u32, u32)>,
}

impl Clause {
    /// `None` when the clause names no day and no part of the day.
    fn read(clause: &str) -> Option<Clause> {
        let mut days: Vec<Weekday> = WEEKDAYS
            .iter()
            .filter(|(_, names)| names.iter().any(|n| contains_word(clause, n)))
            .map(|(d, _)| *d)
            .collect();
        for (from, to) in day_ranges(clause) {
            days.extend(WEEKDAYS[from..=to].iter().map(|(d, _)| *d));
        }
        // "am" and "pm" only as words ("am" is in "team"); the rest as written.
        let parts: Vec<(u32, u32)> = PARTS
            .iter()
            .filter(|(_, _, names)| names.iter().any(|n| contains_word(clause, n)))
            .map(|(a, b, _)| (*a, *b))
            .collect();
        let weekend = clause.contains("周末") || clause.contains("weekend");
        if days.is_empty() && parts.is_empty() && !weekend {
            return None;
        }
        Some(Clause {
            days,
            weekend,
            parts,
        })
    }

    fn matches(&self, weekday: Weekday, hour: u32) -> bool {
        let day_ok = (self.days.is_empty() && !self.weekend)
            || self.days.contains(&weekday)
            || (self.weekend && matches!(weekday, Weekday::Sat | Weekday::Sun));
        let part_ok =
            self.parts.is_empty() || self.parts.iter().any(|(a, b)| (*a..*b).contains(&hour));
        day_ok && part_ok
    }
}

/// The unsuitable times of a text, read once to be asked about many times (the week plan
/// asks each hour of the week).
pub struct UnsuitableTimes(Vec<Clause>);

impl UnsuitableTimes {
    pub fn read(text: &str) -> UnsuitableTimes {
        let lower = text.to_lowercase();
        UnsuitableTimes(
            lower
                .split([',', ';', '，', '；', '、', '\n', '/'])
                .flat_map(|c| c.split(" and "))
                .filter_map(|clause| Clause::read(clause.trim()))
                .collect(),
        )
    }

    /// Whether the hour from `hour`:00 on `weekday` is unsuitable.
    pub fn at(&self, weekday: Weekday, hour: u32) -> bool {
        self.0.iter().any(|c| c.matches(weekday, hour))
    }
}

/// The ranges written between two weekday names — "周一至周三", "Mon-Wed", "Tuesday to
/// Thursday" — as (first, last) indexes into `WEEKDAYS`; the two ends are named days already,
/// the days between were not read before (a range meant only its ends).
fn day_ranges(clause: &str) -> Vec<(usize, usize)> {
    const JOINS: [&str; 10] = [
        "至", "到", "-", "–", "—", "~", "～", "to", "through", "thru",
    ];
    // Every weekday named, by where it stands: (start, end, weekday).
    let mut named: Vec<(usize, usize, usize)> = vec![];
    for (i, (_, names)) in WEEKDAYS.iter().enumerate() {
        for name in names.iter() {
            for (at, _) in clause.match_indices(name) {
                let mut end = at + name.len();
                if name.is_ascii() {
                    // The whole word: "mon" in "monday" is Monday, in "month" nothing.
                    let rest = &clause[end..];
                    end += rest
                        .find(|c: char| !c.is_ascii_alphabetic())
                        .unwrap_or(rest.len());
                    let word = &clause[at..end];
                    let before = clause[..at].chars().next_back();
                    let plural = word.strip_suffix('s');
                    if before.is_some_and(|c| c.is_ascii_alphanumeric())
                        || !(names.contains(&word) || plural.is_some_and(|w| names.contains(&w)))
                    {
                        continue;
                    }
                }
                named.push((at, end, i));
            }
        }
    }
    named.sort();
    named.dedup_by_key(|n| n.0);
    named
        .windows(2)
        .filter(|w| w[0].1 <= w[1].0 && w[0].2 < w[1].2)
        .filter(|w| JOINS.contains(&clause[w[0].1..w[1].0].trim()))
        .map(|w| (w[0].2, w[1].2))
        .collect()
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
    UnsuitableTimes::read(text).at(at.weekday(), at.hour())
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
            // A range is every day of it; am and pm are halves of the day, as words only.
            ("周一至周三", at(2026, 11, 24, 10), true),
            ("周一至周三", at(2026, 11, 26, 10), false),
            ("Mon-Wed", at(2026, 11, 24, 10), true),
            ("Tuesday to Thursday mornings", at(2026, 11, 25, 9), true),
            ("Tuesday to Thursday mornings", at(2026, 11, 25, 15), false),
            ("Wed pm", at(2026, 11, 25, 15), true),
            ("Wed pm", at(2026, 11, 25, 10), false),
            ("team meeting", at(2026, 11, 25, 10), false),
            ("no visits in the month of May", at(2026, 11, 23, 10), false),
        ];
        for (text, when, expected) in cases {
            assert_eq!(is_unsuitable(text, when), expected, "{text} at {when}");
        }
    }
}
