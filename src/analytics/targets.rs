//! Targets against what was done (`kam report targets`, the targets screen; the seeds'
//! 周期工作方案表 and 月度工作方案表): per rep and period, the sales, new accounts (新开客户数)
//! and visits planned beside those achieved, and the share reached (完成率). A quarter's or
//! half-year's target also shows its breakdown (指标分解): the sum of the months' targets
//! inside it, or of its quarters' when no month has one.
//!
//! What counts: sales as every analysis counts them (live deals, not cancelled, dated in the
//! period); a new account is one whose FIRST deal falls in the period — a customer won (新开
//! 客户), not a name typed in: the day of entry is the import's day for a book brought in from
//! a spreadsheet, and a prospect entered has bought nothing yet; visits are the visit reports
//! dated in the period. In a team book each rep is measured on the accounts held now.

use super::sheet::{Sheet, Value};
use super::{share, Period};
use crate::domain::target::Span;
use crate::domain::{Money, Target, TargetPeriod};
use crate::i18n::{t, Lang};
use crate::store::{Achieved, Achievements, Store};
use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

/// One measure: planned, done, share reached.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Measure<T> {
    /// None: no target set for it (never read as zero).
    pub target: Option<T>,
    pub actual: T,
    /// actual ÷ target; none without a target above zero.
    pub reached: Option<f64>,
}

/// The sum of the targets of the shorter periods inside a longer one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    /// The periods summed (`2026-10`, `2026-11` …).
    pub parts: Vec<String>,
    pub sales: Money,
    pub new_accounts: i64,
    pub visits: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetLine {
    pub id: i64,
    pub rep: String,
    pub period: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub sales: Measure<Money>,
    pub new_accounts: Measure<i64>,
    pub visits: Measure<i64>,
    pub breakdown: Option<Breakdown>,
    pub plan: Option<String>,
    pub support: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetsReport {
    pub period: Option<Period>,
    /// The rep asked for, if any.
    pub rep: Option<String>,
    /// By rep, then by period's start, the longer period first (a quarter before its months).
    pub lines: Vec<TargetLine>,
}

fn measure_money(target: Option<Money>, actual: Money) -> Measure<Money> {
    Measure {
        target,
        actual,
        reached: target.and_then(|t| share(actual.cents(), t.cents())),
    }
}

fn measure_count(target: Option<i64>, actual: usize) -> Measure<i64> {
    Measure {
        target,
        actual: actual as i64,
        reached: target.and_then(|t| share(actual as i64, t)),
    }
}

/// The breakdown of `t` among `all` (the same rep's targets): its months, else its quarters.
fn breakdown(t: TargetPeriod, rep: &Target, all: &[(TargetPeriod, &Target)]) -> Option<Breakdown> {
    let inside = |want: fn(Span) -> bool| -> Vec<&(TargetPeriod, &Target)> {
        all.iter()
            .filter(|(p, o)| o.same_rep(&rep.rep) && t.holds(*p) && want(p.span))
            .collect()
    };
    let mut parts = inside(|s| matches!(s, Span::Month(_)));
    if parts.is_empty() {
        parts = inside(|s| matches!(s, Span::Quarter(_)));
    }
    if parts.is_empty() {
        return None;
    }
    parts.sort_by_key(|(p, _)| p.sort_key());
    Some(Breakdown {
        parts: parts.iter().map(|(p, _)| p.to_string()).collect(),
        sales: parts.iter().map(|(_, o)| o.sales.unwrap_or_default()).sum(),
        new_accounts: parts.iter().map(|(_, o)| o.new_accounts.unwrap_or(0)).sum(),
        visits: parts.iter().map(|(_, o)| o.visits.unwrap_or(0)).sum(),
    })
}

/// The targets of `rep` (all reps when none) whose period meets `period` (all when none),
/// measured by `done`, which holds one entry per target in `targets`' order.
pub fn lines(
    targets: &[Target],
    done: &[Achieved],
    period: Option<Period>,
    rep: Option<&str>,
) -> Vec<TargetLine> {
    let read: Vec<(TargetPeriod, &Target)> = targets
        .iter()
        .filter_map(|t| Some((t.parsed_period()?, t)))
        .collect();
    let mut out = vec![];
    for (t, a) in targets.iter().zip(done) {
        let Some(p) = t.parsed_period() else { continue };
        if rep.is_some_and(|r| !t.same_rep(r)) {
            continue;
        }
        if period.is_some_and(|w| p.to() < w.from || p.from() > w.to) {
            continue;
        }
        out.push(TargetLine {
            id: t.id,
            rep: t.rep.trim().to_string(),
            period: p.to_string(),
            from: p.from(),
            to: p.to(),
            sales: measure_money(t.sales, a.sales),
            new_accounts: measure_count(t.new_accounts, a.new_accounts),
            visits: measure_count(t.visits, a.visits),
            breakdown: (!matches!(p.span, Span::Month(_)))
                .then(|| breakdown(p, t, &read))
                .flatten(),
            plan: t.plan.clone().filter(|s| !s.trim().is_empty()),
            support: t.support.clone().filter(|s| !s.trim().is_empty()),
        });
    }
    out.sort_by(|a, b| {
        let key = |l: &TargetLine| {
            let p = TargetPeriod::parse(&l.period).map(|p| p.sort_key());
            (l.rep.to_lowercase(), p)
        };
        key(a).cmp(&key(b))
    });
    out
}

/// What each target's rep did in its period, one entry per target.
pub fn measured(
    targets: &[Target],
    achieved: &Achievements,
    asked: &[(NaiveDate, NaiveDate)],
) -> Vec<Achieved> {
    targets
        .iter()
        .map(|t| {
            t.parsed_period()
                .and_then(|p| asked.iter().position(|a| *a == (p.from(), p.to())))
                .map(|i| achieved.of(i, &t.rep))
                .unwrap_or_default()
        })
        .collect()
}

/// The targets report, read from the store.
pub fn targets(store: &Store, period: Option<Period>, rep: Option<&str>) -> Result<TargetsReport> {
    let all = store.targets()?;
    // Each distinct period once: a year of monthly targets for ten reps is twelve periods.
    let mut asked: Vec<(NaiveDate, NaiveDate)> = vec![];
    for p in all.iter().filter_map(Target::parsed_period) {
        let span = (p.from(), p.to());
        let wanted = period.is_none_or(|w| span.1 >= w.from && span.0 <= w.to);
        if wanted && !asked.contains(&span) {
            asked.push(span);
        }
    }
    let achieved = store.achieved(&asked)?;
    let done = measured(&all, &achieved, &asked);
    Ok(TargetsReport {
        period,
        rep: rep.map(str::to_string),
        lines: lines(&all, &done, period, rep),
    })
}

impl TargetsReport {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        let c = |id: &str| t(lang, id);
        let mut sheet = Sheet::new(
            c("an-targets-sheet"),
            vec![
                c("field-targets-rep"),
                c("field-targets-period"),
                c("an-col-sales-target"),
                c("an-col-sales-done"),
                c("an-col-reached"),
                c("an-col-new-target"),
                c("an-col-new-done"),
                c("an-col-reached"),
                c("an-col-visits-target"),
                c("an-col-visits-done"),
                c("an-col-reached"),
                c("an-col-breakdown"),
                c("field-targets-plan"),
            ],
        );
        let count = |n: Option<i64>| n.map_or(Value::text(""), Value::Int);
        for l in &self.lines {
            let split = l.breakdown.as_ref().map_or(String::new(), |b| {
                let first = b.parts.first().map(String::as_str).unwrap_or("");
                let last = b.parts.last().map(String::as_str).unwrap_or("");
                format!("{}…{} {}", first, last, b.sales.grouped())
            });
            sheet.rows.push(vec![
                Value::text(l.rep.as_str()),
                Value::text(l.period.as_str()),
                l.sales.target.map_or(Value::text(""), Value::Money),
                Value::Money(l.sales.actual),
                Value::Percent(l.sales.reached),
                count(l.new_accounts.target),
                Value::Int(l.new_accounts.actual),
                Value::Percent(l.new_accounts.reached),
                count(l.visits.target),
                Value::Int(l.visits.actual),
                Value::Percent(l.visits.reached),
                Value::text(split),
                Value::text(l.plan.as_deref().unwrap_or("").replace('\n', " / ")),
            ]);
        }
        vec![sheet]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(rep: &str, period: &str, sales: i64, new: i64, visits: i64) -> Target {
        Target {
            rep: rep.into(),
            period: period.into(),
            sales: Some(Money(sales * 100)),
            new_accounts: Some(new),
            visits: Some(visits),
            ..Target::default()
        }
    }

    #[test]
    fn reached_and_breakdown_by_hand() {
        let targets = [
            target("王磊", "2026-Q4", 300_000, 6, 90),
            target("王磊", "2026-10", 90_000, 2, 30),
            target("王磊", "2026-11", 100_000, 2, 30),
            Target {
                sales: None,
                ..target("王磊", "2026-12", 0, 0, 0)
            },
            target("李娜", "2026-11", 50_000, 0, 20),
        ];
        let done = [
            Achieved {
                sales: Money(27_000_000),
                new_accounts: 3,
                visits: 45,
            },
            Achieved {
                sales: Money(9_000_000),
                new_accounts: 1,
                visits: 15,
            },
            Achieved::default(),
            Achieved::default(),
            Achieved {
                sales: Money(6_000_000),
                new_accounts: 1,
                visits: 10,
            },
        ];
        let l = lines(&targets, &done, None, None);
        let order: Vec<(&str, &str)> = l
            .iter()
            .map(|l| (l.rep.as_str(), l.period.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                ("李娜", "2026-11"),
                ("王磊", "2026-Q4"),
                ("王磊", "2026-10"),
                ("王磊", "2026-11"),
                ("王磊", "2026-12"),
            ]
        );
        // Q4: 270,000 of 300,000 = 90 %; 3 of 6 new = 50 %; 45 of 90 visits = 50 %.
        let q4 = &l[1];
        assert_eq!(q4.sales.reached, Some(0.9));
        assert_eq!(q4.new_accounts.reached, Some(0.5));
        assert_eq!(q4.visits.reached, Some(0.5));
        // Its months: 90,000 + 100,000 + (none) = 190,000; 4 new; 60 visits.
        let b = q4.breakdown.as_ref().unwrap();
        assert_eq!(b.parts, ["2026-10", "2026-11", "2026-12"]);
        assert_eq!(b.sales, Money(19_000_000));
        assert_eq!((b.new_accounts, b.visits), (4, 60));
        // 李娜 beat hers: 60,000 of 50,000 = 120 %; no new account asked (0): no share.
        assert_eq!(l[0].sales.reached, Some(1.2));
        assert_eq!(l[0].new_accounts.reached, None);
        // December without a sales target: none, not 0 %.
        assert_eq!(l[4].sales.target, None);
        assert_eq!(l[4].sales.reached, None);
        // A rep asked for, and a period that leaves October out.
        let only = lines(&targets, &done, None, Some("李娜"));
        assert_eq!(only.len(), 1);
        let nov = Period::new(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        );
        let in_nov = lines(&targets, &done, Some(nov), Some("王磊"));
        let in_nov: Vec<&str> = in_nov.iter().map(|l| l.period.as_str()).collect();
        assert_eq!(in_nov, ["2026-Q4", "2026-11"]);
    }
}
