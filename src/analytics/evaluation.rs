//! Relationship evaluation (客户关系评估表) and problem customers (问题客户对策表).
//!
//! Each account we did business with in the period or the one before is scored 0–100 on six
//! indicators; the weighted mean decides the recommendation: develop 发展关系 (60 and more),
//! maintain 维持关系 (35 to 60) or terminate 终止关系 (below 35). Accounts without any sales in
//! either period are prospects, not relationships, and are not scored.
//!
//! How each indicator scores (the seed lists the indicators, not the scales; these are the
//! scales a sales manager's spreadsheet would use, and the weights are configurable):
//! - growth 成长率: 50 at no change, +20% or more 100, −20% or less 0; new business 100.
//! - credit 信用度: A 100, B 50, C 0; not rated 50.
//! - profit rate 总利润率: 50% margin or more 100, linear below; unknown cost 50.
//! - industry position 业界地位: the percentile rank of its sales among accounts of its industry.
//! - visit frequency 拜访频率: one visit a month or more 100, linear below.
//! - complaints 投诉: no open complaint 100, one 50, more 0.

use super::sheet::{window, Sheet, Value, ALL};
use super::{Book, Period};
use crate::domain::{AccountPlan, Credit, Industry, Money, SalesArea};
use crate::i18n::{t, Lang};
use crate::store::ByAccount;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

pub const INDICATORS: [&str; 6] = [
    "growth",
    "credit",
    "profit",
    "position",
    "visits",
    "complaints",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub growth: u32,
    pub credit: u32,
    pub profit: u32,
    pub position: u32,
    pub visits: u32,
    pub complaints: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            growth: 25,
            credit: 20,
            profit: 20,
            position: 15,
            visits: 10,
            complaints: 10,
        }
    }
}

impl Weights {
    pub fn as_array(&self) -> [u32; 6] {
        [
            self.growth,
            self.credit,
            self.profit,
            self.position,
            self.visits,
            self.complaints,
        ]
    }

    /// At least one weight above zero (they are whole numbers, so none is negative).
    pub fn check(&self) -> Result<(), String> {
        if self.as_array().iter().all(|w| *w == 0) {
            return Err("at least one weight must be above zero".into());
        }
        Ok(())
    }

    /// `growth=30,credit=20`: the named weights change, the others keep their defaults.
    pub fn parse(text: &str) -> Result<Weights, String> {
        Weights::default().with(text)
    }

    /// `growth=30,credit=20` over these weights: the named ones change, the others stay.
    pub fn with(self, text: &str) -> Result<Weights, String> {
        let mut w = self;
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part.split_once('=').ok_or_else(|| {
                format!("{part:?}: write a weight as name=number, e.g. growth=30")
            })?;
            let value: u32 = value
                .trim()
                .parse()
                .map_err(|_| format!("{part:?}: a weight is a whole number, 0 or more"))?;
            let slot = match name.trim() {
                "growth" => &mut w.growth,
                "credit" => &mut w.credit,
                "profit" => &mut w.profit,
                "position" => &mut w.position,
                "visits" => &mut w.visits,
                "complaints" => &mut w.complaints,
                other => {
                    return Err(format!(
                        "{other:?} is not an indicator; use {}",
                        INDICATORS.join(", ")
                    ))
                }
            };
            *slot = value;
        }
        w.check()?;
        Ok(w)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    Develop,
    Maintain,
    Terminate,
}

impl Recommendation {
    pub const ALL: [Recommendation; 3] = [
        Recommendation::Develop,
        Recommendation::Maintain,
        Recommendation::Terminate,
    ];

    pub fn of(score: f64) -> Recommendation {
        if score >= 60.0 {
            Recommendation::Develop
        } else if score >= 35.0 {
            Recommendation::Maintain
        } else {
            Recommendation::Terminate
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Recommendation::Develop => "develop",
            Recommendation::Maintain => "maintain",
            Recommendation::Terminate => "terminate",
        }
    }

    pub fn label(self, lang: Lang) -> String {
        t(lang, &format!("an-rec-{}", self.code()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluationRow {
    pub account_id: i64,
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub sales: Money,
    pub previous_sales: Money,
    pub growth: Option<f64>,
    pub credit: Option<Credit>,
    pub profit_rate: Option<f64>,
    pub visits: usize,
    pub open_complaints: usize,
    /// 0–100 per indicator, in the order of `INDICATORS`.
    pub scores: [f64; 6],
    pub score: f64,
    pub recommendation: Recommendation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    /// Sales fell against the period before.
    DecliningSales,
    /// Credit rating C: defaults, hard to recover.
    CreditC,
    OpenComplaints,
}

impl Problem {
    pub fn code(self) -> &'static str {
        match self {
            Problem::DecliningSales => "declining_sales",
            Problem::CreditC => "credit_c",
            Problem::OpenComplaints => "open_complaints",
        }
    }

    pub fn label(self, lang: Lang) -> String {
        t(lang, &format!("an-problem-{}", self.code()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProblemRow {
    pub account_id: i64,
    pub code: Arc<str>,
    pub name: Arc<str>,
    pub problems: Vec<Problem>,
    pub sales: Money,
    pub previous_sales: Money,
    /// The trend: growth over the period before.
    pub growth: Option<f64>,
    pub open_complaints: usize,
    /// 负责人.
    pub owner: Option<String>,
    /// 对策, from the account's plan.
    pub measures: Option<String>,
    /// 销售范围 and 所在位置 (province and city), the seed's columns.
    pub sales_area: Option<SalesArea>,
    pub location: Option<String>,
    /// 客户服务部经理建议 / 总经理建议, from the account's plan.
    pub service_manager_advice: Option<String>,
    pub general_manager_advice: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecommendationCount {
    pub recommendation: Recommendation,
    pub accounts: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub period: Option<Period>,
    pub weights: Weights,
    pub recommendations: Vec<RecommendationCount>,
    /// Best score first, then code.
    pub accounts: Vec<EvaluationRow>,
    /// Most problems first, then the larger account (sales before), then code.
    pub problems: Vec<ProblemRow>,
}

/// What evaluation reads besides the book: visits in the period and open complaints, per
/// account, and the stored plans (for the counter-measures).
pub struct Signals<'a> {
    pub visits: &'a ByAccount<usize>,
    pub open_complaints: &'a ByAccount<usize>,
    pub plans: &'a HashMap<i64, AccountPlan>,
}

fn clamp100(x: f64) -> f64 {
    x.clamp(0.0, 100.0)
}

pub fn evaluate(book: &Book, signals: &Signals, weights: Weights) -> Evaluation {
    let days = book.period.map_or(365, |p| p.days()).max(1) as f64;
    // The industry position: each account's percentile rank among the accounts of its
    // industry, from one sort by (industry, sales) rather than a binary search per account
    // (at 100,000 accounts the searches' cache misses were a quarter of this function).
    let sales_now: Vec<i64> = book
        .accounts
        .iter()
        .map(|a| book.sales_of(a.id).cents())
        .collect();
    let industries: Vec<Option<Industry>> = book.accounts.iter().map(|a| a.industry).collect();
    let industry = |i: usize| industries[i];
    let mut order: Vec<usize> = (0..book.accounts.len()).collect();
    order.sort_unstable_by_key(|&i| (industries[i], sales_now[i]));
    let mut position = vec![0.0; book.accounts.len()];
    let mut start = 0;
    while start < order.len() {
        let group = industry(order[start]);
        let end = start
            + order[start..]
                .iter()
                .take_while(|&&i| industry(i) == group)
                .count();
        let n = end - start;
        // Within the group: how many sell strictly less (PERCENTRANK.INC, as `percent_rank`).
        let mut below = 0;
        for k in start..end {
            if k > start && sales_now[order[k]] != sales_now[order[k - 1]] {
                below = k - start;
            }
            position[order[k]] = if n <= 1 {
                1.0
            } else {
                below as f64 / (n - 1) as f64
            };
        }
        start = end;
    }
    let w = weights.as_array();
    let w_sum: u32 = w.iter().sum::<u32>().max(1);
    let mut accounts = Vec::with_capacity(book.accounts.len());
    let mut problems = vec![];
    for (at, a) in book.accounts.iter().enumerate() {
        // One look-up per map and account (100,000 accounts): the `Book` helpers would each
        // look the account up again.
        let now = book.sales.get(a.id);
        let (sales, before) = (
            now.map_or(Money::ZERO, |s| s.sales),
            book.previous_sales
                .get(a.id)
                .map_or(Money::ZERO, |s| s.sales),
        );
        let growth = (before.cents() > 0)
            .then(|| (sales.cents() - before.cents()) as f64 / before.cents() as f64);
        let complaints = signals.open_complaints.of(a.id);
        let mut found = vec![];
        if before.cents() > 0 && sales < before {
            found.push(Problem::DecliningSales);
        }
        if a.credit == Some(Credit::C) {
            found.push(Problem::CreditC);
        }
        if complaints > 0 {
            found.push(Problem::OpenComplaints);
        }
        if !found.is_empty() {
            let plan = signals.plans.get(&a.id);
            problems.push(ProblemRow {
                account_id: a.id,
                code: a.code.clone(),
                name: a.name.clone(),
                problems: found,
                sales,
                previous_sales: before,
                growth,
                open_complaints: complaints,
                owner: a.owner.as_deref().map(str::to_string),
                measures: plan.and_then(|p| p.measures.clone()),
                sales_area: a.sales_area,
                location: location_of(a.province.as_deref(), a.city.as_deref()),
                service_manager_advice: plan.and_then(|p| p.service_manager_advice.clone()),
                general_manager_advice: plan.and_then(|p| p.general_manager_advice.clone()),
            });
        }
        if sales.cents() <= 0 && before.cents() <= 0 {
            continue;
        }
        let visits = signals.visits.of(a.id);
        let profit_rate = now.and_then(|s| {
            (s.costed_sales.cents() > 0)
                .then(|| s.margin.cents() as f64 / s.costed_sales.cents() as f64)
        });
        let scores = [
            match growth {
                Some(g) => clamp100(50.0 + g * 250.0),
                None if sales.cents() > 0 => 100.0,
                None => 0.0,
            },
            match a.credit {
                Some(Credit::A) => 100.0,
                Some(Credit::B) | None => 50.0,
                Some(Credit::C) => 0.0,
            },
            profit_rate.map_or(50.0, |r| clamp100(r * 200.0)),
            if sales.cents() > 0 {
                100.0 * position[at]
            } else {
                0.0
            },
            clamp100(visits as f64 * 30.0 * 100.0 / days),
            match complaints {
                0 => 100.0,
                1 => 50.0,
                _ => 0.0,
            },
        ];
        let score = scores.iter().zip(w).map(|(s, w)| s * w as f64).sum::<f64>() / w_sum as f64;
        // One decimal, as shown: the recommendation must follow the number a person reads.
        let score = (score * 10.0).round() / 10.0;
        accounts.push(EvaluationRow {
            account_id: a.id,
            code: a.code.clone(),
            name: a.name.clone(),
            sales,
            previous_sales: before,
            growth,
            credit: a.credit,
            profit_rate,
            visits,
            open_complaints: complaints,
            scores,
            score,
            recommendation: Recommendation::of(score),
        });
    }
    // The book is by code, so both lists are too: a stable sort on the numbers alone leaves
    // equal ones by code, with no string compared. It sorts positions, then moves each row
    // once (the rows are large; sorting them moved each some 16 times).
    let accounts = in_order(accounts, |a, b| b.score.total_cmp(&a.score));
    let problems = in_order(problems, |a, b| {
        b.problems
            .len()
            .cmp(&a.problems.len())
            .then(b.previous_sales.cmp(&a.previous_sales))
    });
    Evaluation {
        period: book.period,
        weights,
        recommendations: Recommendation::ALL
            .iter()
            .map(|&r| RecommendationCount {
                recommendation: r,
                accounts: accounts.iter().filter(|a| a.recommendation == r).count(),
            })
            .collect(),
        accounts,
        problems,
    }
}

/// 所在位置: the province and the city, as written on the account (广东省 深圳市).
fn location_of(province: Option<&str>, city: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [province, city]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `rows` stably sorted by `cmp`.
fn in_order<T>(rows: Vec<T>, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<T> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&i, &j| cmp(&rows[i], &rows[j]));
    let mut slots: Vec<Option<T>> = rows.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

impl Evaluation {
    pub fn accounts_sheet(&self, lang: Lang, rows: Range<usize>) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let w = self.weights.as_array();
        // The score and the recommendation first: what a manager reads, and what a narrow
        // screen must still show; the indicators behind them.
        let mut columns = vec![
            c("an-col-code"),
            c("an-col-account"),
            c("an-col-score"),
            c("an-col-recommendation"),
        ];
        columns.extend(
            INDICATORS
                .iter()
                .zip(w)
                .map(|(i, w)| format!("{} {w}", c(&format!("an-ind-{i}")))),
        );
        let mut s = Sheet::new(c("an-evaluation"), columns);
        let labels = Recommendation::ALL.map(|r| r.label(lang));
        let rows = window(&self.accounts, rows);
        s.rows.reserve(rows.len());
        for r in rows {
            let i = Recommendation::ALL
                .iter()
                .position(|x| *x == r.recommendation)
                .unwrap_or(0);
            let mut row = Vec::with_capacity(10);
            row.extend([
                Value::text(&*r.code),
                Value::text(&*r.name),
                Value::Number(Some(r.score)),
                Value::text(labels[i].clone()),
            ]);
            row.extend(r.scores.iter().map(|x| Value::Number(Some(*x))));
            s.rows.push(row);
        }
        s
    }

    pub fn problems_sheet(&self, lang: Lang, rows: Range<usize>) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let mut s = Sheet::new(
            c("an-problems"),
            vec![
                c("an-col-code"),
                c("an-col-account"),
                c("an-col-problem"),
                c("an-col-growth"),
                c("an-col-sales"),
                c("an-col-previous"),
                c("an-col-owner"),
                c("an-col-measures"),
                c("an-col-sales-area"),
                c("an-col-location"),
                c("an-col-service-advice"),
                c("an-col-gm-advice"),
            ],
        );
        // Each list of problems named once: there are seven.
        let mut named: HashMap<&[Problem], String> = HashMap::new();
        for p in window(&self.problems, rows) {
            let what = named
                .entry(&p.problems)
                .or_insert_with(|| {
                    let labels: Vec<String> = p.problems.iter().map(|x| x.label(lang)).collect();
                    labels.join(", ")
                })
                .clone();
            s.rows.push(vec![
                Value::text(&*p.code),
                Value::text(&*p.name),
                Value::text(what),
                Value::Percent(p.growth),
                Value::Money(p.sales),
                Value::Money(p.previous_sales),
                Value::text(p.owner.as_deref().unwrap_or_default()),
                Value::text(p.measures.as_deref().unwrap_or_default()),
                Value::text(p.sales_area.map(|x| x.label(lang)).unwrap_or_default()),
                Value::text(p.location.as_deref().unwrap_or_default()),
                Value::text(p.service_manager_advice.as_deref().unwrap_or_default()),
                Value::text(p.general_manager_advice.as_deref().unwrap_or_default()),
            ]);
        }
        s
    }

    pub fn recommendations_sheet(&self, lang: Lang) -> Sheet<'_> {
        let c = |id: &str| t(lang, id);
        let mut summary = Sheet::new(
            c("an-recommendations"),
            vec![c("an-col-recommendation"), c("an-col-accounts")],
        );
        for r in &self.recommendations {
            summary.rows.push(vec![
                Value::text(r.recommendation.label(lang)),
                Value::Int(r.accounts as i64),
            ]);
        }
        summary
    }

    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        vec![
            self.recommendations_sheet(lang),
            self.accounts_sheet(lang, ALL),
            self.problems_sheet(lang, ALL),
        ]
    }
}
