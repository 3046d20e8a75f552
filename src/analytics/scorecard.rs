//! The personal scorecard (issue 23): for a period and the period of the same length before
//! it, the rep's own figures — visits made against what the cadence asked, coverage of the A
//! and B accounts, sales against target, new accounts, payments on time and complaint
//! handling — each with its trend. A pure function of what `store::scorecard` reads.

use super::cadence::{Cadence, Grades};
use super::sheet::{Sheet, Value};
use super::{share, Period};
use crate::domain::credit::{Receivable, Settlement};
use crate::domain::{Grade, Money};
use crate::i18n::{t, Lang};
use crate::store::{ByAccount, CadenceFact, Handled, SalesSum, Store};
use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

/// One period's figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub visits_made: usize,
    /// Visits the cadence asked for: for each active account, its due days that fall in
    /// the period if every visit had been made on its day (see `visits_asked`).
    pub visits_due: usize,
    pub ab_accounts: usize,
    pub ab_visited: usize,
    pub ab_coverage: Option<f64>,
    pub sales: Money,
    /// None: no sales target set for the period (printed as "no target set", never invented);
    /// else the targets (工作方案表) of exactly this period.
    pub target: Option<Money>,
    pub new_accounts: usize,
    /// Receivables due in the period whose day of payment is known by now.
    pub payments_due: usize,
    pub paid_on_time: usize,
    pub on_time_share: Option<f64>,
    pub complaints_opened: usize,
    pub complaints_closed: usize,
    pub closed_share: Option<f64>,
    pub average_days_to_close: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub period: Option<Period>,
    pub previous: Period,
    pub now: Figures,
    pub before: Figures,
}

/// The due days of one account in `period`: the first is its latest visit before the period
/// plus its interval (the period's first day when it is overdue already), or, never visited
/// before, the period's first day or the day it was entered in kam if later; then one every
/// interval to the period's end. A visit before the day of entry (an imported book) shows the
/// account was there: then the day of entry does not count.
pub fn visits_asked(
    interval: u32,
    last_visit: Option<NaiveDate>,
    created: Option<NaiveDate>,
    period: Period,
) -> usize {
    let interval = interval.max(1) as i64;
    let first = match last_visit {
        Some(d) => (d + chrono::Duration::days(interval)).max(period.from),
        None => created.map_or(period.from, |c| c.max(period.from)),
    };
    if first > period.to {
        return 0;
    }
    ((period.to - first).num_days() / interval + 1) as usize
}

/// The figures of one period from the facts read for it.
pub fn figures(
    period: Period,
    cadence: &Cadence,
    accounts: &[CadenceFact],
    sales: &ByAccount<SalesSum>,
    receivables: &[Receivable],
    handled: &[Handled],
    today: NaiveDate,
) -> Figures {
    let mut f = Figures::default();
    for a in accounts {
        // An account entered after the period still counts its visits and sales of the
        // period: a book imported today holds years of them.
        f.visits_made += a.visits_in;
        f.sales += sales.get(a.id).map_or(Money::ZERO, |s| s.sales);
        if a.created
            .is_some_and(|c| c >= period.from && c <= period.to)
        {
            f.new_accounts += 1;
        }
        if a.active {
            f.visits_due += visits_asked(
                cadence.interval(a.grade),
                a.last_visit_before,
                a.created,
                period,
            );
        }
        if matches!(a.grade, Some(Grade::A | Grade::B)) && a.active {
            f.ab_accounts += 1;
            f.ab_visited += usize::from(a.visits_in > 0);
        }
    }
    f.ab_coverage = share(f.ab_visited as i64, f.ab_accounts as i64);
    for r in receivables {
        // Not yet due, or typed paid on a day nobody wrote down: not judged.
        match r.settlement(today) {
            Settlement::OnTime => {
                f.payments_due += 1;
                f.paid_on_time += 1;
            }
            Settlement::Late | Settlement::Overdue(_) => f.payments_due += 1,
            Settlement::Open | Settlement::MarkedPaid => {}
        }
    }
    f.on_time_share = share(f.paid_on_time as i64, f.payments_due as i64);
    f.complaints_opened = handled.len();
    let days: Vec<i64> = handled
        .iter()
        .filter_map(|h| h.closed.map(|c| (c - h.opened).num_days().max(0)))
        .collect();
    f.complaints_closed = days.len();
    f.closed_share = share(f.complaints_closed as i64, f.complaints_opened as i64);
    f.average_days_to_close =
        (!days.is_empty()).then(|| days.iter().sum::<i64>() as f64 / days.len() as f64);
    f
}

/// The scorecard of `period` and the period before, read from the store.
pub fn scorecard(store: &Store, period: Period, today: NaiveDate) -> Result<Scorecard> {
    let cadence = Cadence::load(store)?;
    // The grade the list shows today (typed, else computed from this year's sales), for
    // the visits asked and the A/B coverage of both periods.
    let grades = Grades::load(store, today)?;
    let previous = period.previous();
    let mut sums = store
        .sales_by_account_in(&[(period.from, period.to), (previous.from, previous.to)])?
        .into_iter();
    let (sales, previous_sales) = (
        sums.next().unwrap_or_default(),
        sums.next().unwrap_or_default(),
    );
    let of = |p: Period, sales: &ByAccount<SalesSum>| -> Result<Figures> {
        Ok(figures(
            p,
            &cadence,
            &store
                .cadence_facts(p.from, p.to)?
                .into_iter()
                .map(|mut a| {
                    a.grade = grades.of(a.id, a.grade);
                    a
                })
                .collect::<Vec<_>>(),
            sales,
            &store.receivables_due_between(p.from, p.to)?,
            &store.handled_between(p.from, p.to)?,
            today,
        ))
    };
    let (mut now, mut before) = (of(period, &sales)?, of(previous, &previous_sales)?);
    // The sales target: the targets (工作方案表) set for exactly this period, the rep's own
    // when narrowed to one; none typed, none shown.
    let targets = store.targets()?;
    let target_of = |p: Period| -> Option<Money> {
        let set: Vec<Money> = targets
            .iter()
            .filter(|t| store.narrowed_to().is_none_or(|rep| t.same_rep(rep)))
            .filter(|t| {
                t.parsed_period()
                    .is_some_and(|q| (q.from(), q.to()) == (p.from, p.to))
            })
            .filter_map(|t| t.sales)
            .collect();
        (!set.is_empty()).then(|| set.into_iter().sum())
    };
    now.target = target_of(period);
    before.target = target_of(previous);
    Ok(Scorecard {
        period: Some(period),
        previous,
        now,
        before,
    })
}

/// ▲ or ▼ and the change in percent against the period before; `=` when equal, `—` when
/// there is nothing to compare with.
pub fn trend(now: Option<f64>, before: Option<f64>) -> String {
    match (now, before) {
        (Some(n), Some(b)) if (n - b).abs() < 1e-9 => "=".into(),
        (Some(n), Some(b)) if b != 0.0 => {
            let pct = (n - b) / b.abs() * 100.0;
            format!("{} {:.0}%", if n > b { "▲" } else { "▼" }, pct.abs())
        }
        (Some(n), Some(_)) => (if n > 0.0 { "▲" } else { "▼" }).into(),
        _ => "—".into(),
    }
}

impl Scorecard {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        let c = |id: &str| t(lang, id);
        let mut s = Sheet::new(
            c("sc-sheet"),
            vec![
                c("an-col-measure"),
                c("sc-col-now"),
                c("sc-col-before"),
                c("sc-col-trend"),
            ],
        );
        let (n, b) = (&self.now, &self.before);
        let mut row = |id: &str, (now, before, tr): (Value<'static>, Value<'static>, String)| {
            s.rows
                .push(vec![Value::text(c(id)), now, before, Value::text(tr)]);
        };
        // A figure of each period and the trend between them, by its kind.
        let count = |get: fn(&Figures) -> usize| {
            let (now, before) = (get(n), get(b));
            let tr = trend(Some(now as f64), Some(before as f64));
            (Value::Int(now as i64), Value::Int(before as i64), tr)
        };
        let part = |get: &dyn Fn(&Figures) -> Option<f64>| {
            let tr = trend(get(n), get(b));
            (Value::Percent(get(n)), Value::Percent(get(b)), tr)
        };
        row("sc-visits-made", count(|x| x.visits_made));
        row("sc-visits-due", count(|x| x.visits_due));
        row(
            "sc-visits-kept",
            part(&|x| share(x.visits_made as i64, x.visits_due as i64)),
        );
        row("sc-ab-coverage", part(&|x| x.ab_coverage));
        row("sc-ab-accounts", count(|x| x.ab_accounts));
        let money = |m: Money| Some(m.cents() as f64);
        row(
            "sc-sales",
            (
                Value::Money(n.sales),
                Value::Money(b.sales),
                trend(money(n.sales), money(b.sales)),
            ),
        );
        let target = |x: &Figures| match x.target {
            Some(m) => Value::Money(m),
            None => Value::text(c("sc-no-target")),
        };
        row("sc-target", (target(n), target(b), "—".into()));
        row("sc-new-accounts", count(|x| x.new_accounts));
        row("sc-payments-due", count(|x| x.payments_due));
        row("sc-on-time", part(&|x| x.on_time_share));
        row("sc-complaints", count(|x| x.complaints_opened));
        row("sc-closed", part(&|x| x.closed_share));
        // Fewer days to close is better, but the arrow shows only the direction of the figure.
        row(
            "sc-days-to-close",
            (
                Value::Number(n.average_days_to_close),
                Value::Number(b.average_days_to_close),
                trend(n.average_days_to_close, b.average_days_to_close),
            ),
        );
        vec![s]
    }
}
