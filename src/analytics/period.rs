//! The period an analysis covers: a month, a quarter, a year or any range of days, and the
//! period before it (for growth).

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    Custom,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::Year,
        PeriodKind::Custom,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
            PeriodKind::Custom => "custom",
        }
    }
}

/// From `from` to `to`, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

impl Period {
    /// A range in either order.
    pub fn new(a: NaiveDate, b: NaiveDate) -> Period {
        Period {
            from: a.min(b),
            to: a.max(b),
        }
    }

    pub fn month_of(d: NaiveDate) -> Period {
        Period::months_from(ymd(d.year(), d.month(), 1), 1)
    }

    pub fn quarter_of(d: NaiveDate) -> Period {
        Period::months_from(ymd(d.year(), (d.month0() / 3) * 3 + 1, 1), 3)
    }

    pub fn year_of(d: NaiveDate) -> Period {
        Period::months_from(ymd(d.year(), 1, 1), 12)
    }

    pub fn of_kind(kind: PeriodKind, d: NaiveDate) -> Period {
        match kind {
            PeriodKind::Month => Period::month_of(d),
            PeriodKind::Quarter => Period::quarter_of(d),
            PeriodKind::Year | PeriodKind::Custom => Period::year_of(d),
        }
    }

    fn months_from(first: NaiveDate, months: u32) -> Period {
        let next = first + Months::new(months);
        Period {
            from: first,
            to: next - Duration::days(1),
        }
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Whole calendar months, when the period is made of them (a month, a quarter, a year).
    fn whole_months(&self) -> Option<u32> {
        let after = self.to + Duration::days(1);
        if self.from.day() != 1 || after.day() != 1 {
            return None;
        }
        let months = (after.year() - self.from.year()) * 12 + after.month() as i32
            - self.from.month() as i32;
        u32::try_from(months).ok().filter(|m| *m > 0)
    }

    /// The period of equal length just before: the previous month, quarter or year for
    /// whole months (October for November, not "the 30 days before"), else the same number
    /// of days ending the day before.
    pub fn previous(&self) -> Period {
        match self.whole_months() {
            Some(m) => Period::months_from(self.from - Months::new(m), m),
            None => Period {
                from: self.from - Duration::days(self.days()),
                to: self.from - Duration::days(1),
            },
        }
    }

    /// The period of equal length just after (for stepping forward on screen).
    pub fn next(&self) -> Period {
        match self.whole_months() {
            Some(m) => Period::months_from(self.from + Months::new(m), m),
            None => Period {
                from: self.to + Duration::days(1),
                to: self.to + Duration::days(self.days()),
            },
        }
    }

    /// The twelve calendar months ending with the month of `d`, for sparklines.
    pub fn twelve_months_to(d: NaiveDate) -> Period {
        let first = ymd(d.year(), d.month(), 1) - Months::new(11);
        Period::months_from(first, 12)
    }

    /// Every `YYYY-MM` the period touches, in order.
    pub fn month_keys(&self) -> Vec<String> {
        let mut out = vec![];
        let mut m = ymd(self.from.year(), self.from.month(), 1);
        while m <= self.to {
            out.push(m.format("%Y-%m").to_string());
            m = m + Months::new(1);
        }
        out
    }

    pub fn label(&self) -> String {
        format!("{} – {}", self.from, self.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn periods_and_the_one_before() {
        let nov = Period::month_of(d("2026-11-23"));
        assert_eq!((nov.from, nov.to), (d("2026-11-01"), d("2026-11-30")));
        let oct = nov.previous();
        assert_eq!((oct.from, oct.to), (d("2026-10-01"), d("2026-10-31")));
        let q = Period::quarter_of(d("2026-11-23"));
        assert_eq!((q.from, q.to), (d("2026-10-01"), d("2026-12-31")));
        assert_eq!(q.previous().from, d("2026-07-01"));
        assert_eq!(q.next().to, d("2027-03-31"));
        let y = Period::year_of(d("2026-11-23"));
        assert_eq!(y.previous(), Period::year_of(d("2025-06-01")));
        let custom = Period::new(d("2026-03-10"), d("2026-03-01"));
        assert_eq!(custom.days(), 10);
        let before = custom.previous();
        assert_eq!((before.from, before.to), (d("2026-02-19"), d("2026-02-28")));
        assert_eq!(
            Period::twelve_months_to(d("2026-11-23")).from,
            d("2025-12-01")
        );
        assert_eq!(q.month_keys(), ["2026-10", "2026-11", "2026-12"]);
    }
}
