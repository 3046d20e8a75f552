//! How often each account should be seen (确定拜访频次): a target interval per grade, kept in
//! the book like the grading bands, and the rule that makes an account due. The grade is the
//! one typed on the account, else the one computed from sales; an account with neither is
//! seen as often as an E.

use crate::domain::Grade;
use crate::i18n::Said;
use crate::store::Store;
use anyhow::{bail, Result};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

const KEY: &str = "visits.cadence";

/// Days between visits for grades A to E.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cadence {
    pub days: [u32; 5],
}

impl Default for Cadence {
    /// A every two weeks, B monthly, C every two months, D quarterly, E twice a year.
    fn default() -> Self {
        Cadence {
            days: [14, 30, 60, 90, 180],
        }
    }
}

impl Cadence {
    pub fn load(store: &Store) -> Result<Cadence> {
        Ok(store
            .setting(KEY)?
            .and_then(|v| serde_json::from_str::<Cadence>(&v).ok())
            .filter(|c| c.check().is_ok())
            .unwrap_or_default())
    }

    pub fn save(self, store: &mut Store) -> Result<()> {
        self.check()?;
        store.set_setting(KEY, &serde_json::to_string(&self)?)
    }

    /// Each interval from 1 day to 3 years, and never shorter for a lower grade.
    pub fn check(&self) -> std::result::Result<(), Said> {
        if self.days.iter().any(|d| !(1..=1095).contains(d)) {
            return Err(Said::new("cadence-out-of-range"));
        }
        if self.days.windows(2).any(|w| w[0] > w[1]) {
            return Err(Said::new("cadence-lower-more-often"));
        }
        Ok(())
    }

    /// `A=14 B=30 C=60 D=90 E=180` (any of them, in any order): the others keep their value.
    pub fn with(mut self, text: &str) -> Result<Cadence> {
        for part in text.split([' ', ',', '，', ';']).filter(|p| !p.is_empty()) {
            let Some((grade, days)) = part.split_once(['=', ':']) else {
                bail!(Said::new("cadence-write-grade").with("part", part));
            };
            let i = ["A", "B", "C", "D", "E"]
                .iter()
                .position(|g| g.eq_ignore_ascii_case(grade.trim()))
                .ok_or_else(|| Said::new("cadence-unknown-grade").with("grade", grade))?;
            self.days[i] = days
                .trim()
                .trim_end_matches(['d', '天'])
                .parse()
                .map_err(|_| Said::new("cadence-not-days").with("days", days))?;
        }
        self.check()?;
        Ok(self)
    }

    pub fn interval(&self, grade: Option<Grade>) -> u32 {
        let i = match grade {
            Some(Grade::A) => 0,
            Some(Grade::B) => 1,
            Some(Grade::C) => 2,
            Some(Grade::D) => 3,
            Some(Grade::E) | None => 4,
        };
        self.days[i]
    }

    /// When an account is due: its latest visit plus its interval; never visited, at once.
    pub fn due(
        &self,
        grade: Option<Grade>,
        last_visit: Option<NaiveDate>,
        today: NaiveDate,
    ) -> NaiveDate {
        match last_visit {
            Some(d) => d + Duration::days(self.interval(grade) as i64),
            None => today,
        }
    }
}

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
        u.weekdays |= day_ranges(&t, &DAYS);
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

/// The days inside ranges written between two weekday names — "周一至周三", "Mon-Wed",
/// "Tuesday to Thursday" — as weekday bits (the ends are read as named days already).
fn day_ranges(text: &str, days: &[&[&str]]) -> u8 {
    const JOINS: [&str; 10] = [
        "至", "到", "-", "–", "—", "~", "～", "to", "through", "thru",
    ];
    // Every weekday named, by where it stands: (start, end, weekday).
    let mut named: Vec<(usize, usize, usize)> = vec![];
    for (i, names) in days.iter().enumerate() {
        for name in names.iter() {
            for (at, _) in text.match_indices(name) {
                let mut end = at + name.len();
                if name.is_ascii() {
                    let rest = &text[end..];
                    // The rest of a longer word ("mon" in "monday", "tue" in "tues").
                    let tail = rest
                        .find(|c: char| !c.is_ascii_alphabetic())
                        .unwrap_or(rest.len());
                    let before = text[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_ascii_alphanumeric()) {
                        continue;
                    }
                    end += tail;
                    let word = &text[at..end];
                    let plural = word.strip_suffix('s');
                    if !names.contains(&word) && !plural.is_some_and(|w| names.contains(&w)) {
                        continue;
                    }
                }
                named.push((at, end, i));
            }
        }
    }
    named.sort();
    named.dedup_by_key(|n| n.0);
    let mut bits = 0;
    for pair in named.windows(2) {
        let ((_, end, from), (start, _, to)) = (pair[0], pair[1]);
        if start < end || from >= to {
            continue;
        }
        if JOINS.contains(&text[end..start].trim()) {
            for d in from..=to {
                bits |= 1 << d;
            }
        }
    }
    bits
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
