//! The weekly visit summary for the week (Monday to Sunday) containing a date: visits per
//! day, the outcome distribution A–E, expenses per account and totals.

use super::labels::{cell, weekday_of};
use super::report::{account_names, visit_line};
use crate::domain::{Money, Outcome};
use crate::i18n::{t, t_args, Lang};
use crate::store::Store;
use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DaySummary {
    pub date: NaiveDate,
    pub visits: usize,
    pub expense_total: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeCount {
    pub outcome: Outcome,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountExpenses {
    pub account_id: i64,
    pub account_code: String,
    pub account_name: String,
    pub visits: usize,
    pub expense_total: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeeklySummary {
    /// The Monday.
    pub from: NaiveDate,
    /// The Sunday.
    pub to: NaiveDate,
    /// Seven days, Monday first, also the days without visits.
    pub days: Vec<DaySummary>,
    /// A–E in order, zeros included.
    pub outcomes: Vec<OutcomeCount>,
    /// Visits recorded without an outcome.
    pub no_outcome: usize,
    /// By account code.
    pub accounts: Vec<AccountExpenses>,
    pub visit_count: usize,
    pub expense_total: Money,
}

pub fn weekly_summary(store: &Store, date: NaiveDate) -> Result<WeeklySummary> {
    let from = date - Duration::days(date.weekday().num_days_from_monday() as i64);
    let to = from + Duration::days(6);
    let reports = store.visit_reports_between(from, to)?;
    let names = account_names(store, &reports)?;
    let visits: Vec<_> = reports
        .into_iter()
        .map(|v| (v.date.unwrap_or(from), visit_line(v, &names)))
        .collect();
    let days = (0..7)
        .map(|i| {
            let day = from + Duration::days(i);
            let of_day = visits.iter().filter(|(d, _)| *d == day);
            DaySummary {
                date: day,
                visits: of_day.clone().count(),
                expense_total: of_day.map(|(_, v)| v.expense_total).sum(),
            }
        })
        .collect();
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| OutcomeCount {
            outcome: *o,
            count: visits.iter().filter(|(_, v)| v.outcome == Some(*o)).count(),
        })
        .collect();
    let mut accounts: Vec<AccountExpenses> = vec![];
    for (_, v) in &visits {
        match accounts.iter_mut().find(|a| a.account_id == v.account_id) {
            Some(a) => {
                a.visits += 1;
                a.expense_total += v.expense_total;
            }
            None => accounts.push(AccountExpenses {
                account_id: v.account_id,
                account_code: v.account_code.clone(),
                account_name: v.account_name.clone(),
                visits: 1,
                expense_total: v.expense_total,
            }),
        }
    }
    accounts.sort_by(|a, b| a.account_code.cmp(&b.account_code));
    Ok(WeeklySummary {
        from,
        to,
        days,
        outcomes,
        no_outcome: visits.iter().filter(|(_, v)| v.outcome.is_none()).count(),
        visit_count: visits.len(),
        expense_total: visits.iter().map(|(_, v)| v.expense_total).sum(),
        accounts,
    })
}

impl WeeklySummary {
    fn title(&self, lang: Lang) -> String {
        t_args(
            lang,
            "report-weekly-title",
            &[
                ("from", self.from.to_string().into()),
                ("to", self.to.to_string().into()),
            ],
        )
    }

    /// Each section: heading, column titles, rows.
    fn sections(&self, lang: Lang) -> Vec<(String, [String; 3], Vec<[String; 3]>)> {
        let cols = |a: &str, b: &str, c: &str| [t(lang, a), t(lang, b), t(lang, c)];
        let days = self
            .days
            .iter()
            .map(|d| {
                [
                    format!("{} {}", d.date, weekday_of(lang, d.date)),
                    d.visits.to_string(),
                    d.expense_total.to_string(),
                ]
            })
            .collect();
        let mut outcomes: Vec<[String; 3]> = self
            .outcomes
            .iter()
            .map(|o| {
                [
                    o.outcome.code().to_string(),
                    o.outcome.label(lang),
                    o.count.to_string(),
                ]
            })
            .collect();
        outcomes.push([
            "-".into(),
            t(lang, "report-no-outcome"),
            self.no_outcome.to_string(),
        ]);
        let accounts = self
            .accounts
            .iter()
            .map(|a| {
                [
                    format!("{} {}", a.account_code, a.account_name),
                    a.visits.to_string(),
                    a.expense_total.to_string(),
                ]
            })
            .collect();
        vec![
            (
                t(lang, "report-visits-per-day"),
                cols(
                    "report-col-day",
                    "report-total-visits",
                    "report-col-expenses",
                ),
                days,
            ),
            (
                t(lang, "report-outcomes"),
                cols("report-col-code", "report-col-outcome", "report-col-count"),
                outcomes,
            ),
            (
                t(lang, "report-expenses-by-account"),
                cols(
                    "report-col-account",
                    "report-total-visits",
                    "report-col-expenses",
                ),
                accounts,
            ),
        ]
    }

    fn total_line(&self, lang: Lang) -> String {
        format!(
            "{}: {} · {}: {}",
            t(lang, "report-total-visits"),
            self.visit_count,
            t(lang, "report-expense-total"),
            self.expense_total
        )
    }

    pub fn to_text(&self, lang: Lang) -> String {
        let mut o = format!("{}\n", self.title(lang));
        for (heading, _, rows) in self.sections(lang) {
            let _ = writeln!(o, "\n{heading}");
            for r in rows {
                let _ = writeln!(o, "  {}\t{}\t{}", r[0], r[1], r[2]);
            }
        }
        let _ = writeln!(o, "\n{}", self.total_line(lang));
        o
    }

    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut o = format!("## {}\n", self.title(lang));
        for (heading, cols, rows) in self.sections(lang) {
            let _ = writeln!(o, "\n### {heading}\n");
            let _ = writeln!(o, "| {} |\n|---|---|---|", cols.join(" | "));
            for r in rows {
                let _ = writeln!(o, "| {} | {} | {} |", cell(&r[0]), cell(&r[1]), cell(&r[2]));
            }
        }
        let _ = writeln!(o, "\n**{}**", self.total_line(lang));
        o
    }
}
