//! One analysis as a report: computed from the store for a period, titled, and rendered as
//! text, Markdown, JSON or an Excel workbook (`kam report grading|top10|…`).

use super::sheet::{self, Sheet};
use super::*;
use crate::i18n::{t_args, Lang};
use anyhow::Result;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analysis {
    Grading,
    Top10,
    Regions,
    Pivot,
    Funnel,
    Evaluation,
    Scorecard,
    /// Entertainment and gifts, budget against spending (issue 22).
    Gifts,
    /// Market events, attendance and the deals that followed (issue 22).
    Events,
    /// The return rate (退货率) per account and product.
    Returns,
    /// Purchase cycles: frequency, interval, next purchase, repurchase rate.
    Purchases,
    /// Satisfaction: ratings, their trend, quality and watch customers.
    Satisfaction,
    /// Targets and work plans against what was done (工作方案表).
    Targets,
}

impl Analysis {
    pub fn code(self) -> &'static str {
        match self {
            Analysis::Grading => "grading",
            Analysis::Top10 => "top10",
            Analysis::Regions => "regions",
            Analysis::Pivot => "pivot",
            Analysis::Funnel => "funnel",
            Analysis::Evaluation => "evaluation",
            Analysis::Scorecard => "scorecard",
            Analysis::Gifts => "gifts",
            Analysis::Events => "events",
            Analysis::Returns => "returns",
            Analysis::Purchases => "purchases",
            Analysis::Satisfaction => "satisfaction",
            Analysis::Targets => "targets",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Report {
    Grading(Grading),
    Top10(KeyCustomers),
    Regions(Regions),
    Pivot(Pivot),
    Funnel(Funnel),
    Evaluation(Evaluation),
    /// Boxed: two periods' figures make it the largest report by far.
    Scorecard(Box<Scorecard>),
    Gifts(GiftSpending),
    Events(EventsReport),
    Returns(Returns),
    Purchases(Purchases),
    Satisfaction(Satisfaction),
    Targets(TargetsReport),
}

pub fn report(
    store: &crate::store::Store,
    analysis: Analysis,
    period: Period,
    settings: &Settings,
) -> Result<Report> {
    // No memory map of the file (it took 0.09 → 0.05 s off the deal scan of 100,000
    // accounts): every page a report touched stayed resident, 150–240 MB of a 883 MB book
    // for any report; through SQLite's page cache the memory is the same for any book.
    Ok(match analysis {
        Analysis::Grading => {
            let book = Book::load_period_only(store, period)?;
            let products = store.sales_by_account_product(period.from, period.to)?;
            Report::Grading(grade(&book, settings.grading).with_products(&products))
        }
        Analysis::Top10 => Report::Top10(key_customers(
            &Book::load(store, period)?,
            &store.account_plans()?,
        )),
        Analysis::Regions => Report::Regions(regions(&Book::load_period_only(store, period)?)),
        Analysis::Pivot => {
            let (accounts, sales) = side_by_side(
                store,
                |s| s.account_facts(),
                |s| s.sales_by_account_product(period.from, period.to),
            )?;
            Report::Pivot(pivot(Some(period), &accounts, &sales))
        }
        Analysis::Funnel => Report::Funnel(funnel(
            Some(period),
            &store.opportunities_by_stage(period.from, period.to)?,
        )),
        Analysis::Returns => {
            let ((accounts, sales), lines) = side_by_side(
                store,
                |s| {
                    Ok((
                        s.account_facts()?,
                        s.sales_by_account_product(period.from, period.to)?,
                    ))
                },
                |s| s.returns_in(period.from, period.to),
            )?;
            Report::Returns(returns(Some(period), &accounts, &sales, &lines))
        }
        Analysis::Purchases => {
            let (accounts, days) = side_by_side(
                store,
                |s| s.account_facts(),
                |s| s.purchase_days(period.from, period.to),
            )?;
            Report::Purchases(purchases(Some(period), &accounts, &days))
        }
        Analysis::Satisfaction => {
            let (accounts, lines) = side_by_side(
                store,
                |s| s.account_facts(),
                |s| s.feedback_in(period.from, period.to),
            )?;
            Report::Satisfaction(satisfaction(Some(period), &accounts, &lines))
        }
        Analysis::Evaluation => {
            // The visits, complaints and plans are read beside the book.
            let ((visits, open_complaints, plans), book) = side_by_side(
                store,
                |s| {
                    Ok((
                        s.visits_by_account(period.from, period.to)?,
                        s.open_complaints_by_account()?,
                        s.account_plans()?,
                    ))
                },
                |s| Book::load(s, period),
            )?;
            let signals = Signals {
                visits: &visits,
                open_complaints: &open_complaints,
                plans: &plans,
            };
            Report::Evaluation(evaluate(&book, &signals, settings.weights))
        }
        Analysis::Scorecard => {
            Report::Scorecard(Box::new(scorecard(store, period, store.now().date())?))
        }
        Analysis::Events => events(store, period, events::DEFAULT_DAYS)?,
        // One rep's targets when the store is narrowed to that rep.
        Analysis::Targets => Report::Targets(targets(store, Some(period), store.narrowed_to())?),
        Analysis::Gifts => Report::Gifts(gift_spending(
            Some(period),
            store.relation_spend(period.from, period.to)?,
        )),
    })
}

/// The events report with deals counted within `days` after each event.
pub fn events(store: &crate::store::Store, period: Period, days: i64) -> Result<Report> {
    let rows = store.attendance_outcomes(period.from, period.to, days)?;
    Ok(Report::Events(events_report(Some(period), days, &rows)))
}

impl Report {
    pub fn analysis(&self) -> Analysis {
        match self {
            Report::Grading(_) => Analysis::Grading,
            Report::Top10(_) => Analysis::Top10,
            Report::Regions(_) => Analysis::Regions,
            Report::Pivot(_) => Analysis::Pivot,
            Report::Funnel(_) => Analysis::Funnel,
            Report::Evaluation(_) => Analysis::Evaluation,
            Report::Scorecard(_) => Analysis::Scorecard,
            Report::Gifts(_) => Analysis::Gifts,
            Report::Events(_) => Analysis::Events,
            Report::Returns(_) => Analysis::Returns,
            Report::Purchases(_) => Analysis::Purchases,
            Report::Satisfaction(_) => Analysis::Satisfaction,
            Report::Targets(_) => Analysis::Targets,
        }
    }

    fn period(&self) -> Option<Period> {
        match self {
            Report::Grading(r) => r.period,
            Report::Top10(r) => r.period,
            Report::Regions(r) => r.period,
            Report::Pivot(r) => r.period,
            Report::Funnel(r) => r.period,
            Report::Evaluation(r) => r.period,
            Report::Scorecard(r) => r.period,
            Report::Gifts(r) => r.period,
            Report::Events(r) => r.period,
            Report::Returns(r) => r.period,
            Report::Purchases(r) => r.period,
            Report::Satisfaction(r) => r.period,
            Report::Targets(r) => r.period,
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        let period = self.period().map(|p| p.label()).unwrap_or_default();
        t_args(
            lang,
            &format!("an-title-{}", self.analysis().code()),
            &[("period", period.into())],
        )
    }

    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        match self {
            Report::Grading(r) => r.sheets(lang),
            Report::Top10(r) => r.sheets(lang),
            Report::Regions(r) => r.sheets(lang),
            Report::Pivot(r) => r.sheets(lang),
            Report::Funnel(r) => r.sheets(lang),
            Report::Evaluation(r) => r.sheets(lang),
            Report::Scorecard(r) => r.sheets(lang),
            Report::Gifts(r) => r.sheets(lang),
            Report::Events(r) => r.sheets(lang),
            Report::Returns(r) => r.sheets(lang),
            Report::Purchases(r) => r.sheets(lang),
            Report::Satisfaction(r) => r.sheets(lang),
            Report::Targets(r) => r.sheets(lang),
        }
    }

    pub fn to_text(&self, lang: Lang) -> String {
        sheet::to_text(&self.title(lang), &self.sheets(lang))
    }

    /// `to_text`, written to `out` as it is made (a pivot of 100,000 accounts is ~30 MB).
    pub fn write_text(&self, lang: Lang, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        sheet::write_text(out, &self.title(lang), &self.sheets(lang))
    }

    pub fn to_markdown(&self, lang: Lang) -> String {
        sheet::to_markdown(&self.title(lang), &self.sheets(lang))
    }

    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>> {
        sheet::to_xlsx(&self.title(lang), &self.sheets(lang))
    }
}
