//! When a visit fits: the accounts' unsuitable times (不宜拜访时间) read from free text, and
//! the working week. How often each account should be seen is the cadence
//! (`analytics::cadence`).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The cadence itself is a book setting beside the grading bands (`analytics::cadence`),
/// which the scorecard reads too; named here as well, where the visits read it.
pub use crate::analytics::cadence::Cadence;

/// When, by its 不宜拜访时间, an account must not be visited: which weekdays (all, when the
/// text names none) and which half of the day (both, when it names neither). Read from the
/// free text: 周一 / 星期一 / 礼拜一 / Monday / Mon, 上午 / morning / am, 下午 / afternoon / pm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unsuitable {
    /// Bit 0 = Monday … bit 6 = Sunday; 0 = every day.
    pub weekdays: u8,
    pub morning: bool,
    pub afternoon: bool,
}

impl Unsuitable {
    /// `None` when the text names no day and no half-day kam can read.
    pub fn read(text: &str) -> Option<Unsuitable> {
        let t = text.to_lowercase();
        // English by whole words (so "am" is not read in "team"), Chinese as written.
        let words: Vec<&str> = t
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let says = |names: &[&str]| {
            names.iter().any(|n| {
                if n.is_ascii() {
                    words.contains(n) || words.contains(&format!("{n}s").as_str())
                } else {
                    t.contains(n)
                }
            })
        };
        const DAYS: [&[&str]; 7] = [
            &["周一", "星期一", "礼拜一", "monday", "mon"],
            &["周二", "星期二", "礼拜二", "tuesday", "tue"],
            &["周三", "星期三", "礼拜三", "wednesday", "wed"],
            &["周四", "星期四", "礼拜四", "thursday", "thu"],
            &["周五", "星期五", "礼拜五", "friday", "fri"],
            &[
                "周六",
                "星期六",
                "礼拜六",
                "saturday",
                "sat",
                "周末",
                "weekend",
            ],
            &[
                "周日",
                "星期日",
                "星期天",
                "礼拜天",
                "sunday",
                "sun",
                "周末",
                "weekend",
            ],
        ];
        let mut u = Unsuitable::default();
        for (i, names) in DAYS.iter().enumerate() {
            if says(names) {
                u.weekdays |= 1 << i;
            }
        }
        u.morning = says(&["上午", "早上", "morning", "am"]);
        u.afternoon = says(&["下午", "afternoon", "pm"]);
        if u.weekdays == 0 && !u.morning && !u.afternoon {
            return None;
        }
        Some(u)
    }

    fn on(&self, day: NaiveDate) -> bool {
        self.weekdays == 0 || self.weekdays & (1 << day.weekday().num_days_from_monday()) != 0
    }

    /// The whole of `day` is unsuitable.
    pub fn whole_day(&self, day: NaiveDate) -> bool {
        self.on(day) && self.morning == self.afternoon && self.weekdays != 0
    }

    /// A visit starting at `hour` on `day` falls in the unsuitable time.
    pub fn at(&self, day: NaiveDate, hour: u32) -> bool {
        if !self.on(day) {
            return false;
        }
        match (self.morning, self.afternoon) {
            (true, false) => hour < 12,
            (false, true) => hour >= 12,
            _ => self.weekdays != 0 || (self.morning && self.afternoon),
        }
    }
}

/// Monday to Friday of the week `day` falls in; from a Saturday or Sunday, the next week.
pub fn work_week(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let day = match day.weekday() {
        Weekday::Sat => day + Duration::days(2),
        Weekday::Sun => day + Duration::days(1),
        _ => day,
    };
    let monday = day - Duration::days(day.weekday().num_days_from_monday() as i64);
    (monday, monday + Duration::days(4))
}
