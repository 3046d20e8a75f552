//! Key-account analytics (分析表, domain.md §11): grading A–E, key customers, regions, the
//! sales pivot, the funnel, relationship evaluation and problem customers, computed from the
//! dossier for a period. The store sums the deals in SQL (`store::analytics`); each file here
//! is one analysis as a pure function of those rows, with its own sheets for text, Markdown,
//! Excel and the screen.

pub mod cadence;
pub mod chart;
pub mod evaluation;
pub mod events;
pub mod funnel;
pub mod gifts;
pub mod grading;
pub mod key_customers;
pub mod list_grades;
pub mod period;
pub mod pivot;
pub mod purchases;
pub mod regions;
pub mod report;
pub mod returns;
pub mod satisfaction;
pub mod scorecard;
pub mod settings;
pub mod sheet;
pub mod targets;

pub use evaluation::{evaluate, Evaluation, Signals, Weights};
pub use events::{events_report, EventsReport};
pub use funnel::{funnel, Funnel};
pub use gifts::{gift_spending, GiftSpending};
pub use grading::{grade, Grading, GradingRule};
pub use key_customers::{key_customers, KeyCustomers};
pub use list_grades::computed_grades;
pub use period::{Period, PeriodKind};
pub use pivot::{pivot, Pivot};
pub use purchases::{purchases, Purchases};
pub use regions::{regions, Regions};
pub use report::{report, Analysis, Report};
pub use returns::{returns, Returns};
pub use satisfaction::{satisfaction, Satisfaction};
pub use scorecard::{scorecard, Scorecard};
pub use settings::Settings;
pub use sheet::{Sheet, Value};
pub use targets::{targets, TargetsReport};

use crate::domain::Money;
use crate::store::{AccountFacts, ByAccount, SalesSum, Store};
use anyhow::Result;
use std::collections::HashMap;

/// The accounts and their sales in a period and in the period before: what most analyses
/// read. Loaded once, shared by every analysis of one screen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Book {
    pub period: Option<Period>,
    /// By code.
    pub accounts: Vec<AccountFacts>,
    /// By account id; trashed accounts may have some (read only the accounts').
    pub sales: ByAccount<SalesSum>,
    pub previous_sales: ByAccount<SalesSum>,
}

impl Book {
    pub fn load(store: &Store, period: Period) -> Result<Book> {
        Book::load_with(store, period, true)
    }

    /// The book without the sales of the period before (grading and regions do not read
    /// them): half the deals to read for a year.
    pub fn load_period_only(store: &Store, period: Period) -> Result<Book> {
        Book::load_with(store, period, false)
    }

    fn load_with(store: &Store, period: Period, with_previous: bool) -> Result<Book> {
        let before = period.previous();
        let mut periods = vec![(period.from, period.to)];
        if with_previous {
            periods.push((before.from, before.to));
        }
        // The accounts on this thread: reading them allocates a string or more for each,
        // which a new thread's empty allocator arena made slower; the sums allocate nothing.
        let (sums, accounts) = side_by_side(
            store,
            |s| s.sales_by_account_in(&periods),
            |s| s.account_facts(),
        )?;
        let mut sums = sums.into_iter();
        let sales = sums.next().unwrap_or_default();
        let previous_sales = sums.next().unwrap_or_default();
        Ok(Book {
            period: Some(period),
            accounts,
            sales,
            previous_sales,
        })
    }

    pub fn sales_of(&self, id: i64) -> Money {
        self.sales.get(id).map_or(Money::ZERO, |s| s.sales)
    }

    pub fn previous_sales_of(&self, id: i64) -> Money {
        self.previous_sales.get(id).map_or(Money::ZERO, |s| s.sales)
    }

    /// Sales of the book's accounts (the store sums trashed accounts too).
    pub fn total_sales(&self) -> Money {
        self.accounts.iter().map(|a| self.sales_of(a.id)).sum()
    }

    /// Growth this period over the last: (now − before) / before; none when there were no
    /// sales before (a rate from nothing is no rate, as Excel's #DIV/0! says).
    pub fn growth_of(&self, id: i64) -> Option<f64> {
        let before = self.previous_sales_of(id).cents();
        (before > 0).then(|| (self.sales_of(id).cents() - before) as f64 / before as f64)
    }

    /// Margin over the sales whose cost is known; none without such sales.
    pub fn profit_rate_of(&self, id: i64) -> Option<f64> {
        let s = self.sales.get(id)?;
        (s.costed_sales.cents() > 0)
            .then(|| s.margin.cents() as f64 / s.costed_sales.cents() as f64)
    }
}

/// `first` and `second` at once, `first` over a second read connection on another thread
/// (at 100,000 accounts reading the accounts and scanning the deals take ~0.2 s each; there
/// are two cores). In sequence on `store` when there is no second connection (in memory).
pub fn side_by_side<A: Send, B>(
    store: &Store,
    first: impl FnOnce(&Store) -> Result<A> + Send,
    second: impl FnOnce(&Store) -> Result<B>,
) -> Result<(A, B)> {
    let Some(other) = store.another_reader() else {
        return Ok((first(store)?, second(store)?));
    };
    std::thread::scope(|scope| {
        let helper = scope.spawn(move || first(&other));
        let b = second(store);
        let a = helper
            .join()
            .map_err(|_| anyhow::anyhow!("reading the accounts stopped"))?;
        Ok((a?, b?))
    })
}

/// `part / whole` as a fraction; none of nothing.
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole != 0).then(|| part as f64 / whole as f64)
}

/// Excel's PERCENTRANK.INC: the share of the *other* values strictly below `x`. The top of
/// ten distinct values ranks 1.0, the next 0.889; equal values rank equal; a single value
/// ranks 1.0. `sorted` is ascending.
pub fn percent_rank(sorted: &[i64], x: i64) -> f64 {
    if sorted.len() <= 1 {
        return 1.0;
    }
    let below = sorted.partition_point(|v| *v < x);
    below as f64 / (sorted.len() - 1) as f64
}

/// Sales per month of the period, every month present (zero when nothing was sold), summed
/// over the accounts `keep` accepts. `rows` as `Store::sales_by_account_month` gives them.
pub fn monthly(
    period: Period,
    rows: &[(i64, String, Money)],
    keep: impl Fn(i64) -> bool,
) -> Vec<(String, Money)> {
    let mut sums: HashMap<&str, Money> = HashMap::new();
    for (id, month, m) in rows {
        if keep(*id) {
            *sums.entry(month.as_str()).or_default() += *m;
        }
    }
    period
        .month_keys()
        .into_iter()
        .map(|k| {
            let v = sums.get(k.as_str()).copied().unwrap_or_default();
            (k, v)
        })
        .collect()
}
