//! The computed grade of every account as the list and the card show it beside a manual one:
//! this calendar year's sales, graded by the stored rule. Computed at start, and again after
//! saves that may change it (`app::grades`); read by the brief and the week plan too.

use super::grading::Ranking;
use super::{Period, Settings};
use crate::domain::Grade;
use crate::store::Store;
use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// The grade every account shows in the list and on its card: computed over the calendar
/// year of `today` with the grading rule stored in the book. Only ids and the sums kept per
/// account and year are read (the grading table's codes, names and rows are not needed for
/// a grade: the week plan at 100,000 accounts spent 97 ms here with them, 35 of it reading
/// and sorting the codes, 32 summing the year's deals).
pub fn computed_grades(store: &Store, today: NaiveDate) -> Result<HashMap<i64, Grade>> {
    let period = Period::year_of(today);
    let rule = Settings::load(store)?.grading;
    let ids = store.live_account_ids()?;
    let sales = store.kept_sales_of_year(period.from.year())?;
    let of = |id: &i64| sales.get(*id).copied().unwrap_or(0);
    let ranking = Ranking::new(rule, ids.iter().map(of).collect());
    Ok(ids
        .iter()
        .map(|id| (*id, ranking.computed(of(id))))
        .collect())
}
