//! How often each account should be seen (确定拜访频次): a target interval per grade, kept in
//! the book like the grading bands, and the rule that makes an account due. The grade is the
//! one typed on the account, else the one computed from sales (`computed_grades`: the grade
//! the list shows); an account with neither is seen as often as an E. Here, beside the
//! grading rule, so that the visits' rules (reminders, week plan) and the scorecard read the
//! same grades without the two modules reading each other.

use super::computed_grades;
use crate::domain::Grade;
use crate::i18n::Said;
use crate::store::Store;
use anyhow::{bail, Result};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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

/// Each account's grade as the cadence reads it: typed on the account, else computed from
/// this calendar year's sales.
pub struct Grades {
    computed: HashMap<i64, Grade>,
}

impl Grades {
    /// The computed grades of the year of `today` (0.04 s at 100,000 accounts).
    pub fn load(store: &Store, today: NaiveDate) -> Result<Grades> {
        Ok(Grades {
            computed: computed_grades(store, today)?,
        })
    }

    pub fn of(&self, id: i64, typed: Option<Grade>) -> Option<Grade> {
        typed.or_else(|| self.computed.get(&id).copied())
    }
}
