//! When a visit fits: the accounts' unsuitable times (不宜拜访时间) read from free text, and
//! the working week. How often each account should be seen is the cadence
//! (`analytics::cadence`).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The cadence itself is a book setting beside the grading bands (`analytics::cadence`),
/// which the scorecard reads too; named here as well, where the visits read it.
pub use crate::analytics::cadence::Cadence;

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
