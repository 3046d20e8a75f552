//! Purchase cycles (交易频次, the seeds' 历史交易记录 "交易频次 … 高频次客户和低频次客户" and
//! "复购率"): per account, how many days it bought on in the period, the average interval
//! between them, the next purchase that interval predicts, and its segment; for the book,
//! how many buyers bought again (the repurchase rate).
//!
//! A purchase is a day with a sale (two orders on one day are one purchase). The segments,
//! by the average interval: high-frequency at most 30 days (monthly or more often), low at
//! more than 90 days or a single purchase in the period, medium between.

use super::sheet::{window, Sheet, Value, ALL};
use super::{share, Period};
use crate::i18n::{t, Lang};
use crate::store::AccountFacts;
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// The longest average interval of a high-frequency buyer, in days.
pub const HIGH_DAYS: f64 = 30.0;
/// The shortest average interval of a low-frequency buyer (longer than this), in days.
pub const LOW_DAYS: f64 = 90.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Segment {
    High,
    Medium,
    Low,
}

impl Segment {
    fn of(purchases: usize, interval: Option<f64>) -> Segment {
        match interval {
            Some(d) if purchases >= 2 && d <= HIGH_DAYS => Segment::High,
            Some(d) if purchases >= 2 && d <= LOW_DAYS => Segment::Medium,
            _ => Segment::Low,
        }
    }

    fn label(self, lang: Lang) -> String {
        t(
            lang,
            match self {
                Segment::High => "an-segment-high",
                Segment::Medium => "an-segment-medium",
                Segment::Low => "an-segment-low",
            },
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PurchaseRow {
    pub code: Arc<str>,
    pub name: Arc<str>,
    /// Days bought on in the period.
    pub purchases: usize,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Days between the first and the last purchase ÷ (purchases − 1); none for one purchase.
    pub average_interval: Option<f64>,
    /// The last purchase plus the average interval (rounded to the day).
    pub next_expected: Option<NaiveDate>,
    pub segment: Segment,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Purchases {
    pub period: Option<Period>,
    /// By purchases (most first), then code.
    pub accounts: Vec<PurchaseRow>,
    pub buyers: usize,
    /// Buyers with two purchases or more in the period.
    pub repeat_buyers: usize,
    /// repeat buyers ÷ buyers (复购率).
    pub repurchase_rate: Option<f64>,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
}

/// `accounts` as `Store::account_facts` gives them (the live ones); `days` as
/// `Store::purchase_days` gives them.
pub fn purchases(
    period: Option<Period>,
    accounts: &[AccountFacts],
    days: &[(i64, NaiveDate)],
) -> Purchases {
    let live: HashMap<i64, &AccountFacts> = accounts.iter().map(|a| (a.id, a)).collect();
    let mut by_account: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
    for &(id, day) in days {
        if live.contains_key(&id) {
            by_account.entry(id).or_default().push(day);
        }
    }
    let mut rows: Vec<PurchaseRow> = by_account
        .into_iter()
        .map(|(id, mut d)| {
            d.sort_unstable();
            d.dedup();
            let (first, last) = (d[0], d[d.len() - 1]);
            let interval =
                (d.len() >= 2).then(|| (last - first).num_days() as f64 / (d.len() - 1) as f64);
            let a = live[&id];
            PurchaseRow {
                code: a.code.clone(),
                name: a.name.clone(),
                purchases: d.len(),
                first,
                last,
                average_interval: interval,
                next_expected: interval.map(|i| last + Duration::days(i.round() as i64)),
                segment: Segment::of(d.len(), interval),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.purchases.cmp(&a.purchases).then(a.code.cmp(&b.code)));
    let count = |s: Segment| rows.iter().filter(|r| r.segment == s).count();
    let repeat = rows.iter().filter(|r| r.purchases >= 2).count();
    Purchases {
        period,
        buyers: rows.len(),
        repeat_buyers: repeat,
        repurchase_rate: share(repeat as i64, rows.len() as i64),
        high: count(Segment::High),
        medium: count(Segment::Medium),
        low: count(Segment::Low),
        accounts: rows,
    }
}

impl Purchases {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        vec![self.summary_sheet(lang), self.accounts_sheet(lang, ALL)]
    }

    pub fn summary_sheet(&self, lang: Lang) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let mut summary = Sheet::new(
            c("an-purchases-summary"),
            vec![c("an-col-measure"), c("an-col-value")],
        );
        let n = |x: usize| Value::Int(x as i64);
        summary.rows.extend([
            vec![Value::text(c("an-buyers")), n(self.buyers)],
            vec![Value::text(c("an-repeat-buyers")), n(self.repeat_buyers)],
            vec![
                Value::text(c("an-col-repurchase-rate")),
                Value::Percent(self.repurchase_rate),
            ],
            vec![Value::text(Segment::High.label(lang)), n(self.high)],
            vec![Value::text(Segment::Medium.label(lang)), n(self.medium)],
            vec![Value::text(Segment::Low.label(lang)), n(self.low)],
        ]);
        summary
    }

    /// The accounts `rows` (the screen draws only the visible ones): the cycle and its
    /// prediction before the dates it comes from, so a narrow screen keeps what matters.
    pub fn accounts_sheet(&self, lang: Lang, rows: Range<usize>) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let n = |x: usize| Value::Int(x as i64);
        let mut s = Sheet::new(
            c("an-purchases-by-account"),
            vec![
                c("an-col-code"),
                c("an-col-account"),
                c("an-col-purchases"),
                c("an-col-interval"),
                c("an-col-next"),
                c("an-col-segment"),
                c("an-col-first"),
                c("an-col-last"),
            ],
        );
        let day = |d: Option<NaiveDate>| Value::text(d.map(|d| d.to_string()).unwrap_or_default());
        for r in window(&self.accounts, rows) {
            s.rows.push(vec![
                Value::text(&*r.code),
                Value::text(&*r.name),
                n(r.purchases),
                Value::Number(r.average_interval),
                day(r.next_expected),
                Value::text(r.segment.label(lang)),
                day(Some(r.first)),
                day(Some(r.last)),
            ]);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn facts(id: i64, code: &str) -> AccountFacts {
        AccountFacts {
            id,
            code: code.into(),
            name: code.into(),
            ..AccountFacts::default()
        }
    }

    #[test]
    fn cycles_by_hand() {
        let accounts = [facts(1, "C1"), facts(2, "C2"), facts(3, "C3")];
        let days = [
            // C1: 01-10, 02-09 (twice: one purchase), 03-11 → 60 days over 2 intervals = 30:
            // high; next 03-11 + 30 = 04-10.
            (1, day("2026-01-10")),
            (1, day("2026-02-09")),
            (1, day("2026-02-09")),
            (1, day("2026-03-11")),
            // C2: 01-01 and 07-01 → 181 days: low; next 2026-12-29.
            (2, day("2026-07-01")),
            (2, day("2026-01-01")),
            // C3: once: low, no interval, no prediction.
            (3, day("2026-05-05")),
            // A trashed account's purchases count nowhere.
            (9, day("2026-05-05")),
        ];
        let p = purchases(None, &accounts, &days);
        type Row<'a> = (&'a str, usize, Option<f64>, Option<NaiveDate>, Segment);
        let got: Vec<Row> = p
            .accounts
            .iter()
            .map(|r| {
                (
                    &*r.code,
                    r.purchases,
                    r.average_interval,
                    r.next_expected,
                    r.segment,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("C1", 3, Some(30.0), Some(day("2026-04-10")), Segment::High),
                ("C2", 2, Some(181.0), Some(day("2026-12-29")), Segment::Low),
                ("C3", 1, None, None, Segment::Low),
            ]
        );
        // Two of three buyers bought again: 66.7 %.
        assert_eq!((p.buyers, p.repeat_buyers), (3, 2));
        assert!((p.repurchase_rate.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!((p.high, p.medium, p.low), (1, 0, 2));
    }
}
