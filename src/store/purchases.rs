//! What the purchase-cycle and satisfaction reports read of a period: the days each account
//! bought on (交易频次, average interval, repurchase) and its feedback ratings. A purchase is a
//! day with a sale (as every analysis counts one: live, not cancelled), read from the period's
//! range of `deals_by_date`.

use super::analytics::sales_by_date_from;
use super::Store;
use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::params;

impl Store {
    /// (account id, day) of every sale in `from..=to`, trashed accounts' too (callers keep
    /// the live accounts'), in no particular order, one per deal.
    pub fn purchase_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(i64, NaiveDate)>> {
        let sql = format!("SELECT d.account_id, d.date {}", sales_by_date_from(self));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
        let mut out = vec![];
        while let Some(r) = rows.next()? {
            let day = r.get_ref(1)?.as_str_or_null()?.unwrap_or("");
            if let Ok(day) = day.get(..10).unwrap_or(day).parse::<NaiveDate>() {
                out.push((r.get(0)?, day));
            }
        }
        Ok(out)
    }
}

/// One feedback record in a period, as the satisfaction report reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackLine {
    pub account_id: i64,
    pub date: NaiveDate,
    /// 满意度评分 1–5, when given.
    pub rating: Option<i64>,
    pub complaint: bool,
}

impl Store {
    /// The live feedback dated in `from..=to` (trashed accounts' too: callers keep the live
    /// accounts'). Feedback is a few records an account, so the table is read through.
    pub fn feedback_in(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<FeedbackLine>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT account_id, date, rating, kind = 'complaint' FROM feedback
             WHERE deleted_at IS NULL AND date >= ?1 AND date <= ?2",
        )?;
        let mut rows = stmt.query(params![from.to_string(), to.to_string()])?;
        let mut out = vec![];
        while let Some(r) = rows.next()? {
            let day: String = r.get(1)?;
            let Ok(date) = day.get(..10).unwrap_or(&day).parse::<NaiveDate>() else {
                continue;
            };
            out.push(FeedbackLine {
                account_id: r.get(0)?,
                date,
                rating: r.get::<_, Option<i64>>(2)?.filter(|x| (1..=5).contains(x)),
                complaint: r.get::<_, Option<bool>>(3)?.unwrap_or(false),
            });
        }
        Ok(out)
    }
}
