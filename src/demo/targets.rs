//! The demo book's targets and work plans (月度/周期工作方案表): for the book's rep (the
//! profile's name, or the demo team's first rep), a target for each month of the current
//! year, each quarter and each half-year. A month's target is set around what the demo's data
//! achieved in it (85–125 %, so some months are beaten and some missed, as in life); a month
//! under way or still to come is set from the average of the months before; a quarter is the sum of its
//! months and a half-year of its quarters (指标分解). Written once: a rep's period that
//! already has a target is left alone.

use super::rng::Rng;
use super::vocab::CN_SALES;
use crate::domain::target::Span;
use crate::domain::{Money, Target, TargetPeriod};
use crate::store::Writer;
use anyhow::Result;
use chrono::{Datelike, NaiveDate};

const PLANS_ZH: &[&str] = &[
    "重点跟进A类客户续签;每周拜访不少于8家",
    "开发开发区新客户3家;配合市场部做一次产品推介会",
    "催收到期货款;处理两起投诉并回访",
    "季度大客户拜访全覆盖;推动新品试用",
];
const PLANS_EN: &[&str] = &[
    "Renewals with every A account; at least 8 visits a week",
    "Open 3 accounts in the industrial park; one product seminar with marketing",
    "Collect payments due; close the two open complaints with a follow-up call",
    "Visit every key account this quarter; push trials of the new model",
];

/// Rounded to the thousand yuan, as targets are set.
fn thousands(cents: f64) -> Money {
    Money(((cents / 100_000.0).round() as i64) * 100_000)
}

/// The targets of one rep for `year`, around `done` (sales, new accounts, visits per month).
pub(super) fn targets(
    rep: &str,
    year: i32,
    today: NaiveDate,
    done: &[(Money, usize, usize); 12],
    seed: u64,
) -> Vec<Target> {
    let mut r = Rng::fork(seed, 0x07a4_6e75);
    let zh = !rep.is_ascii();
    let plans = if zh { PLANS_ZH } else { PLANS_EN };
    // The months over by today: a month under way is planned like one to come.
    let this_month = if today.year() == year {
        today.month0() as usize
    } else if today.year() > year {
        12
    } else {
        0
    };
    // The average month so far: what a month to come is planned from.
    let past = &done[..this_month.min(12)];
    let n = past.len().max(1) as f64;
    let avg = (
        past.iter().map(|d| d.0.cents() as f64).sum::<f64>() / n,
        past.iter().map(|d| d.1 as f64).sum::<f64>() / n,
        past.iter().map(|d| d.2 as f64).sum::<f64>() / n,
    );
    let mut months: Vec<Target> = vec![];
    for (i, d) in done.iter().enumerate() {
        let base = if i < this_month {
            (d.0.cents() as f64, d.1 as f64, d.2 as f64)
        } else {
            avg
        };
        let f = 0.85 + r.unit() * 0.4;
        let p = TargetPeriod {
            year,
            span: Span::Month(i as u32 + 1),
        };
        months.push(Target {
            rep: rep.to_string(),
            period: p.to_string(),
            sales: Some(thousands(base.0 * f)),
            new_accounts: Some(((base.1 * f).round() as i64).max(1)),
            visits: Some(((base.2 * f).round() as i64).max(1)),
            plan: Some(r.pick(plans).to_string()),
            ..Target::default()
        });
    }
    let sum = |span: Span, parts: &[Target]| {
        let p = TargetPeriod { year, span };
        let inside: Vec<&Target> = parts
            .iter()
            .filter(|t| t.parsed_period().is_some_and(|q| p.holds(q)))
            .collect();
        Target {
            rep: rep.to_string(),
            period: p.to_string(),
            sales: Some(inside.iter().map(|t| t.sales.unwrap_or_default()).sum()),
            new_accounts: Some(inside.iter().map(|t| t.new_accounts.unwrap_or(0)).sum()),
            visits: Some(inside.iter().map(|t| t.visits.unwrap_or(0)).sum()),
            plan: inside.first().and_then(|t| t.plan.clone()),
            ..Target::default()
        }
    };
    let quarters: Vec<Target> = (1..=4).map(|q| sum(Span::Quarter(q), &months)).collect();
    let halves: Vec<Target> = (1..=2).map(|h| sum(Span::Half(h), &quarters)).collect();
    halves.into_iter().chain(quarters).chain(months).collect()
}

/// Writes the demo's targets for the book's rep; returns how many.
pub(super) fn write(
    w: &mut Writer,
    rep: Option<String>,
    today: NaiveDate,
    seed: u64,
) -> Result<usize> {
    let rep = rep
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| CN_SALES[0].to_string());
    let year = today.year();
    let periods: Vec<(NaiveDate, NaiveDate)> = (1..=12)
        .map(|m| {
            let p = TargetPeriod {
                year,
                span: Span::Month(m),
            };
            (p.from(), p.to())
        })
        .collect();
    let achieved = w.book_achieved(&periods)?;
    let mut done = [(Money::ZERO, 0usize, 0usize); 12];
    for (i, d) in done.iter_mut().enumerate() {
        let a = achieved.of(i, &rep);
        *d = (a.sales, a.new_accounts, a.visits);
    }
    let have = w.target_keys()?;
    let mut n = 0;
    for mut t in targets(&rep, year, today, &done, seed) {
        if have.iter().any(|(r, p)| t.same_rep(r) && *p == t.period) {
            continue;
        }
        w.insert(&mut t)?;
        n += 1;
    }
    Ok(n)
}
