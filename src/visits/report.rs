//! The daily visit report (客户拜访日报表): every visit of one date with its purpose (a/b/c)
//! and outcome (A–E), problems handled and open, companions, and expenses with the total.

use super::labels::{cell, one_line, weekday_of};
use crate::domain::{Expense, ExpenseItem, Money, Outcome, VisitPurpose, VisitReport};
use crate::i18n::{t, t_args, Lang};
use crate::store::Store;
use anyhow::Result;
use chrono::{NaiveDate, Weekday};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write;

/// One visit on the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitLine {
    pub visit_id: i64,
    pub account_id: i64,
    pub account_code: String,
    pub account_name: String,
    pub person_met: Option<String>,
    pub purpose: Option<VisitPurpose>,
    pub summary: Option<String>,
    pub outcome: Option<Outcome>,
    pub problems_solved: Option<String>,
    pub problems_open: Option<String>,
    pub companions: Option<String>,
    pub expenses: Vec<Expense>,
    pub expense_total: Money,
}

/// One expense of the day, with the account it was spent on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpenseLine {
    pub account_code: String,
    pub item: ExpenseItem,
    pub amount: Money,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DailyReport {
    pub date: NaiveDate,
    /// `Mon` … `Sun`; [`DailyReport::weekday_label`] gives the localized name.
    pub weekday: Weekday,
    pub filled_by: String,
    /// The rep's department and manager, from the profile (empty when not set).
    pub department: String,
    pub manager: String,
    pub visits: Vec<VisitLine>,
    pub visit_count: usize,
    /// 本日处理问题: visits that solved something.
    pub problems_handled: usize,
    /// 本日未处理问题: visits that left something open.
    pub problems_not_handled: usize,
    pub companions: Vec<String>,
    pub expenses: Vec<ExpenseLine>,
    pub expense_total: Money,
}

/// Code and name of the accounts these visits belong to.
pub(super) fn account_names(
    store: &Store,
    visits: &[VisitReport],
) -> Result<HashMap<i64, (String, String)>> {
    store.account_labels(visits.iter().map(|v| v.account_id))
}

fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|s| !s.trim().is_empty())
}

pub(super) fn visit_line(v: VisitReport, names: &HashMap<i64, (String, String)>) -> VisitLine {
    let (code, name) = names.get(&v.account_id).cloned().unwrap_or_default();
    VisitLine {
        visit_id: v.id,
        account_id: v.account_id,
        account_code: code,
        account_name: name,
        expense_total: v.expense_total(),
        person_met: v.person_met,
        purpose: v.purpose,
        summary: v.summary,
        outcome: v.outcome,
        problems_solved: v.problems_solved,
        problems_open: v.problems_open,
        companions: v.companions,
        expenses: v.expenses,
    }
}

pub fn daily_report(store: &Store, date: NaiveDate) -> Result<DailyReport> {
    let reports = store.visit_reports_between(date, date)?;
    let names = account_names(store, &reports)?;
    let mut filled_by: Vec<String> = vec![];
    for r in &reports {
        if let Some(f) = r
            .filled_by
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            if !filled_by.iter().any(|x| x == f) {
                filled_by.push(f.to_string());
            }
        }
    }
    let profile = store.profile()?;
    let filled_by = if filled_by.is_empty() {
        store.filler()?
    } else {
        filled_by.join(", ")
    };
    let visits: Vec<VisitLine> = reports.into_iter().map(|r| visit_line(r, &names)).collect();
    let mut companions: Vec<String> = vec![];
    for c in visits.iter().filter_map(|v| v.companions.as_deref()) {
        for name in c.split([',', '，', '、', ';', '；']).map(str::trim) {
            if !name.is_empty() && !companions.iter().any(|x| x == name) {
                companions.push(name.to_string());
            }
        }
    }
    let expenses: Vec<ExpenseLine> = visits
        .iter()
        .flat_map(|v| {
            v.expenses.iter().map(|e| ExpenseLine {
                account_code: v.account_code.clone(),
                item: e.item,
                amount: e.amount,
                note: e.note.clone(),
            })
        })
        .collect();
    Ok(DailyReport {
        date,
        weekday: chrono::Datelike::weekday(&date),
        filled_by,
        department: profile.department.unwrap_or_default(),
        manager: profile.manager.unwrap_or_default(),
        visit_count: visits.len(),
        problems_handled: visits.iter().filter(|v| filled(&v.problems_solved)).count(),
        problems_not_handled: visits.iter().filter(|v| filled(&v.problems_open)).count(),
        companions,
        expense_total: expenses.iter().map(|e| e.amount).sum(),
        expenses,
        visits,
    })
}

fn code<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map(|c| c.to_string()).unwrap_or_else(|| "-".into())
}

fn text_of(v: &Option<String>) -> String {
    v.as_deref().map(one_line).unwrap_or_default()
}

impl DailyReport {
    pub fn weekday_label(&self, lang: Lang) -> String {
        weekday_of(lang, self.date)
    }

    fn title(&self, lang: Lang) -> String {
        t_args(
            lang,
            "report-daily-title",
            &[
                ("date", self.date.to_string().into()),
                ("weekday", self.weekday_label(lang).into()),
            ],
        )
    }

    fn expense_text(e: &ExpenseLine, lang: Lang) -> String {
        let mut s = format!("{} {} {}", e.account_code, e.item.label(lang), e.amount);
        if let Some(n) = e.note.as_deref().filter(|n| !n.is_empty()) {
            s.push_str(&format!(" ({})", one_line(n)));
        }
        s
    }

    pub fn to_text(&self, lang: Lang) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{}", self.title(lang));
        let _ = writeln!(o, "{}: {}", t(lang, "report-filled-by"), self.filled_by);
        for (id, v) in [
            ("report-department", &self.department),
            ("report-manager", &self.manager),
        ] {
            if !v.is_empty() {
                let _ = writeln!(o, "{}: {}", t(lang, id), v);
            }
        }
        let _ = writeln!(o);
        if self.visits.is_empty() {
            let _ = writeln!(o, "{}", t(lang, "report-no-visits"));
        }
        for (i, v) in self.visits.iter().enumerate() {
            let _ = writeln!(
                o,
                "{}. {} {} — {}: {} · {}: {} · {}: {}",
                i + 1,
                v.account_code,
                v.account_name,
                t(lang, "report-col-person"),
                text_of(&v.person_met),
                t(lang, "report-col-purpose"),
                code(v.purpose),
                t(lang, "report-col-outcome"),
                code(v.outcome),
            );
            for (key, value) in [
                ("report-col-summary", &v.summary),
                ("report-col-solved", &v.problems_solved),
                ("report-col-open", &v.problems_open),
                ("report-col-companions", &v.companions),
            ] {
                if filled(value) {
                    let _ = writeln!(o, "   {}: {}", t(lang, key), text_of(value));
                }
            }
            if !v.expenses.is_empty() {
                let _ = writeln!(
                    o,
                    "   {}: {} = {}",
                    t(lang, "report-col-expenses"),
                    expenses_inline(&v.expenses, lang),
                    v.expense_total
                );
            }
        }
        let _ = writeln!(o);
        self.totals(lang, &mut o, "");
        super::sign_off::write_text(&mut o, lang);
        o
    }

    fn totals(&self, lang: Lang, o: &mut String, bullet: &str) {
        let _ = writeln!(
            o,
            "{bullet}{}: {}",
            t(lang, "report-visit-count"),
            self.visit_count
        );
        let _ = writeln!(
            o,
            "{bullet}{}: {} · {}: {}",
            t(lang, "report-problems-handled"),
            self.problems_handled,
            t(lang, "report-problems-not-handled"),
            self.problems_not_handled
        );
        let _ = writeln!(
            o,
            "{bullet}{}: {}",
            t(lang, "report-companions"),
            self.companions.join(", ")
        );
        for e in &self.expenses {
            let _ = writeln!(o, "{bullet}{}", Self::expense_text(e, lang));
        }
        let _ = writeln!(
            o,
            "{bullet}{}: {}",
            t(lang, "report-expense-total"),
            self.expense_total
        );
    }

    /// Ready to paste into a message to a manager: heading, a table of visits, totals.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "## {}\n", self.title(lang));
        let _ = writeln!(
            o,
            "**{}**: {}\n",
            t(lang, "report-filled-by"),
            cell(&self.filled_by)
        );
        for (id, v) in [
            ("report-department", &self.department),
            ("report-manager", &self.manager),
        ] {
            if !v.is_empty() {
                let _ = writeln!(o, "**{}**: {}\n", t(lang, id), cell(v));
            }
        }
        let cols = [
            "report-col-number",
            "report-col-account",
            "report-col-person",
            "report-col-purpose",
            "report-col-summary",
            "report-col-outcome",
            "report-col-solved",
            "report-col-open",
            "report-col-companions",
            "report-col-expenses",
        ];
        let head: Vec<String> = cols.iter().map(|c| t(lang, c)).collect();
        let _ = writeln!(o, "| {} |", head.join(" | "));
        let _ = writeln!(o, "|{}", "---|".repeat(cols.len()));
        for (i, v) in self.visits.iter().enumerate() {
            let opt = |x: &Option<String>| cell(x.as_deref().unwrap_or(""));
            let expenses = if v.expenses.is_empty() {
                String::new()
            } else {
                format!(
                    "{} = {}",
                    expenses_inline(&v.expenses, lang),
                    v.expense_total
                )
            };
            let row = [
                (i + 1).to_string(),
                cell(&format!("{} {}", v.account_code, v.account_name)),
                opt(&v.person_met),
                code(v.purpose),
                opt(&v.summary),
                code(v.outcome),
                opt(&v.problems_solved),
                opt(&v.problems_open),
                opt(&v.companions),
                cell(&expenses),
            ];
            let _ = writeln!(o, "| {} |", row.join(" | "));
        }
        let _ = writeln!(o);
        self.totals(lang, &mut o, "- ");
        super::sign_off::write_markdown(&mut o, lang);
        o
    }
}

fn expenses_inline(lines: &[Expense], lang: Lang) -> String {
    lines
        .iter()
        .map(|e| format!("{} {}", e.item.label(lang), e.amount))
        .collect::<Vec<_>>()
        .join(" + ")
}
