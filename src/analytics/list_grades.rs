//! The computed grade of every account as the list and the card show it beside a manual one:
//! this calendar year's sales, graded by the stored rule. Computed at start, and again after
//! saves that may change it (`app::grades`).

use super::{grade, Book, Period, Settings};
use crate::domain::Grade;
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The grade every account shows in the list and on its card: computed over the calendar
/// year of `today` with the grading rule stored in the book.
pub fn computed_grades(store: &Store, today: NaiveDate) -> Result<HashMap<i64, Grade>> {
    let period = Period::year_of(today);
    let rule = Settings::load(store)?.grading;
    let book = Book::load_for_grades(store, period)?;
    Ok(grade(&book, rule)
        .accounts
        .into_iter()
        .map(|r| (r.account_id, r.computed))
        .collect())
}
