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

/// When, by its 不宜拜访时间, an account must not be visited: each weekday's unsuitable
/// hours, read once from the free text by the same reading the planner and the visit form
/// warn with (`domain::visit_time`): the week plan had a reading of its own, and the two
/// disagreed ("中午" was no time to the week plan, "Wed pm" all of Wednesday to the planner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unsuitable {
    /// Bit h of `hours[d]`: the hour from h:00 on weekday d (0 = Monday) is unsuitable.
    hours: [u32; 7],
}

/// The hours a visit may start at (09:00 to 17:00): a day unsuitable at each is wholly so.
const WORKING_HOURS: std::ops::Range<u32> = 9..18;

impl Unsuitable {
    /// `None` when the text names no day and no part of the day kam can read.
    pub fn read(text: &str) -> Option<Unsuitable> {
        let times = crate::domain::visit_time::UnsuitableTimes::read(text);
        let mut u = Unsuitable::default();
        for (d, hours) in u.hours.iter_mut().enumerate() {
            let weekday = Weekday::try_from(d as u8).unwrap_or(Weekday::Mon);
            for h in 0..24 {
                if times.at(weekday, h) {
                    *hours |= 1 << h;
                }
            }
        }
        (u.hours != [0; 7]).then_some(u)
    }

    fn of(&self, day: NaiveDate) -> u32 {
        self.hours[day.weekday().num_days_from_monday() as usize]
    }

    /// The whole of `day`'s working hours are unsuitable.
    pub fn whole_day(&self, day: NaiveDate) -> bool {
        let hours = self.of(day);
        WORKING_HOURS.clone().all(|h| hours & (1 << h) != 0)
    }

    /// A visit starting at `hour` on `day` falls in the unsuitable time.
    pub fn at(&self, day: NaiveDate, hour: u32) -> bool {
        hour < 24 && self.of(day) & (1 << hour) != 0
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
