//! Satisfaction (满意度分析, the seeds' 售后追踪): the feedback ratings (满意度评分 1–5) of the
//! period, their average and its trend month by month, and per account the average, the
//! satisfaction (average ÷ 5) and the complaints, with the seeds' two marks: a quality
//! customer (优质客户) at a satisfaction above 90 %, a watch customer (关注客户) with more than
//! three complaints in the period. Feedback without a rating counts only as a complaint (if
//! it is one).

use super::sheet::{window, Sheet, Value, ALL};
use super::Period;
use crate::i18n::{t, Lang};
use crate::store::{AccountFacts, FeedbackLine};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// A satisfaction above this share makes a quality customer.
pub const QUALITY: f64 = 0.9;
/// More complaints than this in the period make a watch customer.
pub const WATCH_COMPLAINTS: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRatings {
    /// `YYYY-MM`.
    pub month: String,
    pub ratings: usize,
    pub average: Option<f64>,
    pub complaints: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountSatisfaction {
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub ratings: usize,
    pub average: Option<f64>,
    /// average ÷ 5.
    pub satisfaction: Option<f64>,
    pub complaints: usize,
    pub quality: bool,
    pub watch: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Satisfaction {
    pub period: Option<Period>,
    pub ratings: usize,
    pub average: Option<f64>,
    pub complaints: usize,
    /// Month by month, oldest first: the trend.
    pub months: Vec<MonthRatings>,
    /// Accounts with feedback in the period: watch customers first, then by satisfaction
    /// (lowest first), then code.
    pub accounts: Vec<AccountSatisfaction>,
    pub quality_customers: usize,
    pub watch_customers: usize,
}

fn average(sum: i64, n: usize) -> Option<f64> {
    (n > 0).then(|| sum as f64 / n as f64)
}

pub fn satisfaction(
    period: Option<Period>,
    accounts: &[AccountFacts],
    lines: &[FeedbackLine],
) -> Satisfaction {
    let live: HashMap<i64, &AccountFacts> = accounts.iter().map(|a| (a.id, a)).collect();
    // (sum of ratings, ratings, complaints)
    let mut by_account: HashMap<i64, (i64, usize, usize)> = HashMap::new();
    let mut by_month: BTreeMap<String, (i64, usize, usize)> = BTreeMap::new();
    for l in lines.iter().filter(|l| live.contains_key(&l.account_id)) {
        let a = by_account.entry(l.account_id).or_default();
        let m = by_month
            .entry(l.date.format("%Y-%m").to_string())
            .or_default();
        if let Some(r) = l.rating {
            a.0 += r;
            a.1 += 1;
            m.0 += r;
            m.1 += 1;
        }
        if l.complaint {
            a.2 += 1;
            m.2 += 1;
        }
    }
    let (sum, n, complaints) = by_month
        .values()
        .fold((0, 0, 0), |t, m| (t.0 + m.0, t.1 + m.1, t.2 + m.2));
    let months = by_month
        .into_iter()
        .map(|(month, (s, n, c))| MonthRatings {
            month,
            ratings: n,
            average: average(s, n),
            complaints: c,
        })
        .collect();
    let mut rows: Vec<AccountSatisfaction> = by_account
        .into_iter()
        .map(|(id, (s, n, c))| {
            let a = live[&id];
            let avg = average(s, n);
            let satisfaction = avg.map(|x| x / 5.0);
            AccountSatisfaction {
                code: a.code.clone(),
                name: a.name.clone(),
                ratings: n,
                average: avg,
                satisfaction,
                complaints: c,
                quality: satisfaction.is_some_and(|x| x > QUALITY),
                watch: c > WATCH_COMPLAINTS,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.watch
            .cmp(&a.watch)
            .then(
                a.satisfaction
                    .unwrap_or(2.0)
                    .total_cmp(&b.satisfaction.unwrap_or(2.0)),
            )
            .then(a.code.cmp(&b.code))
    });
    Satisfaction {
        period,
        ratings: n,
        average: average(sum, n),
        complaints,
        months,
        quality_customers: rows.iter().filter(|r| r.quality).count(),
        watch_customers: rows.iter().filter(|r| r.watch).count(),
        accounts: rows,
    }
}

impl Satisfaction {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        vec![self.trend_sheet(lang), self.accounts_sheet(lang, ALL)]
    }

    /// Month by month, then the period's total.
    pub fn trend_sheet(&self, lang: Lang) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let n = |x: usize| Value::Int(x as i64);
        let mut trend = Sheet::new(
            c("an-satisfaction-trend"),
            vec![
                c("an-col-month"),
                c("an-col-ratings"),
                c("an-col-average-rating"),
                c("an-col-complaints"),
            ],
        );
        for m in &self.months {
            trend.rows.push(vec![
                Value::text(m.month.as_str()),
                n(m.ratings),
                Value::Number(m.average),
                n(m.complaints),
            ]);
        }
        trend.rows.push(vec![
            Value::text(c("an-total")),
            n(self.ratings),
            Value::Number(self.average),
            n(self.complaints),
        ]);
        trend
    }

    /// The accounts `rows` (the screen draws only the visible ones): the satisfaction and the
    /// mark first, what a narrow screen must still show.
    pub fn accounts_sheet(&self, lang: Lang, rows: Range<usize>) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let n = |x: usize| Value::Int(x as i64);
        let mut s = Sheet::new(
            c("an-satisfaction-by-account"),
            vec![
                c("an-col-code"),
                c("an-col-account"),
                c("an-col-satisfaction"),
                c("an-col-mark"),
                c("an-col-average-rating"),
                c("an-col-ratings"),
                c("an-col-complaints"),
            ],
        );
        for r in window(&self.accounts, rows) {
            let mark = match (r.watch, r.quality) {
                (true, _) => c("an-watch-customer"),
                (false, true) => c("an-quality-customer"),
                _ => String::new(),
            };
            s.rows.push(vec![
                Value::text(&*r.code),
                Value::text(&*r.name),
                Value::Percent(r.satisfaction),
                Value::text(mark),
                Value::Number(r.average),
                n(r.ratings),
                n(r.complaints),
            ]);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn facts(id: i64, code: &str) -> AccountFacts {
        AccountFacts {
            id,
            code: code.into(),
            name: code.into(),
            ..AccountFacts::default()
        }
    }

    fn fb(account_id: i64, day: &str, rating: Option<i64>, complaint: bool) -> FeedbackLine {
        FeedbackLine {
            account_id,
            date: day.parse::<NaiveDate>().unwrap(),
            rating,
            complaint,
        }
    }

    #[test]
    fn satisfaction_by_hand() {
        let accounts = [facts(1, "C1"), facts(2, "C2")];
        let lines = [
            // C1: 5, 5, 4 → 4.667, 93.3 %: a quality customer.
            fb(1, "2026-01-05", Some(5), false),
            fb(1, "2026-01-20", Some(5), false),
            fb(1, "2026-02-03", Some(4), false),
            // C2: four complaints (rated 2, 1, none, none) → 1.5, 30 %: a watch customer.
            fb(2, "2026-02-10", Some(2), true),
            fb(2, "2026-02-11", Some(1), true),
            fb(2, "2026-03-01", None, true),
            fb(2, "2026-03-02", None, true),
            // A trashed account's feedback counts nowhere.
            fb(9, "2026-03-02", Some(1), true),
        ];
        let s = satisfaction(None, &accounts, &lines);
        // 17 over 5 ratings = 3.4; four complaints.
        assert_eq!((s.ratings, s.complaints), (5, 4));
        assert!((s.average.unwrap() - 3.4).abs() < 1e-12);
        // The trend: January 5.0 (2 ratings), February 7 / 3 = 2.333 (3, two complaints), March
        // no rating (two complaints).
        let m: Vec<(&str, usize, usize)> = s
            .months
            .iter()
            .map(|m| (m.month.as_str(), m.ratings, m.complaints))
            .collect();
        assert_eq!(m, [("2026-01", 2, 0), ("2026-02", 3, 2), ("2026-03", 0, 2)]);
        assert_eq!(s.months[0].average, Some(5.0));
        assert!((s.months[1].average.unwrap() - 7.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.months[2].average, None);
        // Watch customers first.
        assert_eq!(&*s.accounts[0].code, "C2");
        assert!(s.accounts[0].watch && !s.accounts[0].quality);
        assert!((s.accounts[0].satisfaction.unwrap() - 0.3).abs() < 1e-12);
        assert!(s.accounts[1].quality && !s.accounts[1].watch);
        assert!((s.accounts[1].satisfaction.unwrap() - 14.0 / 15.0).abs() < 1e-12);
        assert_eq!((s.quality_customers, s.watch_customers), (1, 1));
    }
}
