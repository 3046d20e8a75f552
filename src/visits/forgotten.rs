//! Nothing forgotten (issue 23): the reminders a rep's memory drops first. An account past
//! its visit cadence; a reorder due by the account's own purchase cycle; a key account that
//! hangs on one person; a contact not spoken to within their own keep-in-touch interval; a
//! promised next step with nothing after it. Each comes with its reason (`Reason`), so the
//! rep sees why kam asks, and checks it. `today` is always an argument.

use super::cadence::Cadence;
use crate::analytics::cadence::Grades;
use crate::domain::Grade;
use crate::i18n::{t_args, Lang};
use crate::store::Store;
use anyhow::Result;
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// A promised next step (a communication's) is overdue this many days after it was said,
/// when nothing followed: no visit report, no later communication, no visit planned.
pub const PROMISE_DAYS: i64 = 7;

/// Why a reminder is due, with the figures it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Reason {
    /// The account's grade asks for a visit every `every_days`; the last was `last_visit`.
    Cadence {
        grade: String,
        every_days: u32,
        last_visit: NaiveDate,
    },
    /// `orders` orders on distinct days, one every `every_days` on average; the last on
    /// `last_order`.
    Reorder {
        orders: usize,
        every_days: u32,
        last_order: NaiveDate,
    },
    /// A key account (grade) with `contacts` contacts (0 or 1).
    OneContact { grade: String, contacts: usize },
    /// The contact is to be spoken to every `every_days`; last on `last_spoken`, if ever.
    KeepInTouch {
        every_days: u32,
        last_spoken: Option<NaiveDate>,
    },
    /// A next step promised on `promised_on`, with nothing after it.
    Promise { promised_on: NaiveDate },
}

impl Reason {
    /// The reason in a sentence of the rep's language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Reason::Cadence {
                grade,
                every_days,
                last_visit,
            } => t_args(
                lang,
                "remind-why-cadence",
                &[
                    ("grade", grade.clone().into()),
                    ("days", (*every_days as usize).into()),
                    ("last", last_visit.to_string().into()),
                ],
            ),
            Reason::Reorder {
                orders,
                every_days,
                last_order,
            } => t_args(
                lang,
                "remind-why-reorder",
                &[
                    ("orders", (*orders).into()),
                    ("days", (*every_days as usize).into()),
                    ("last", last_order.to_string().into()),
                ],
            ),
            Reason::OneContact { grade, contacts } => t_args(
                lang,
                "remind-why-one-contact",
                &[
                    ("grade", grade.clone().into()),
                    ("count", (*contacts).into()),
                ],
            ),
            Reason::KeepInTouch {
                every_days,
                last_spoken: Some(last),
            } => t_args(
                lang,
                "remind-why-keep-in-touch",
                &[
                    ("days", (*every_days as usize).into()),
                    ("last", last.to_string().into()),
                ],
            ),
            Reason::KeepInTouch {
                every_days,
                last_spoken: None,
            } => t_args(
                lang,
                "remind-why-keep-in-touch-never",
                &[("days", (*every_days as usize).into())],
            ),
            Reason::Promise { promised_on } => t_args(
                lang,
                "remind-why-promise",
                &[
                    ("date", promised_on.to_string().into()),
                    ("days", (PROMISE_DAYS as usize).into()),
                ],
            ),
        }
    }
}

/// One reminder of these rules before its account is labelled (its kind follows from its
/// reason).
pub(super) struct Forgotten {
    pub date: NaiveDate,
    pub account_id: i64,
    pub record_id: i64,
    pub detail: String,
    pub reason: Reason,
}

/// The average days between distinct order dates (oldest first), rounded; `None` below three
/// orders, where one gap is no rhythm.
pub fn purchase_cycle(dates: &[NaiveDate]) -> Option<u32> {
    let (first, last) = (dates.first()?, dates.last()?);
    if dates.len() < 3 {
        return None;
    }
    let gaps = dates.len() as i64 - 1;
    let span = (*last - *first).num_days();
    // Rounded half up, in whole days.
    Some(((span * 2 + gaps) / (gaps * 2)).max(1) as u32)
}

/// Every reminder of these rules: the reorders due up to `horizon`, the rest due by `today`.
pub(super) fn forgotten(
    store: &Store,
    today: NaiveDate,
    horizon: NaiveDate,
) -> Result<Vec<Forgotten>> {
    let mut out = vec![];
    // The grade the list shows (typed, else computed from the year's sales): an account
    // selling the most with no grade typed is an A here too, as in the week plan.
    let grades = Grades::load(store, today)?;
    cadence_due(store, today, &grades, &mut out)?;
    reorders_due(store, today, horizon, &mut out)?;
    thin_coverage(store, today, &grades, &mut out)?;
    kept_in_touch(store, today, &mut out)?;
    promises(store, today, &mut out)?;
    Ok(out)
}

/// An account visited before whose grade's interval has run out by `today`, with no visit
/// planned from today on. One never visited has no rhythm to be late on: the week plan
/// proposes it, and a quiet key account is reminded of as such.
fn cadence_due(
    store: &Store,
    today: NaiveDate,
    grades: &Grades,
    out: &mut Vec<Forgotten>,
) -> Result<()> {
    let cadence = Cadence::load(store)?;
    let planned = store.accounts_planned_from(today)?;
    for mut f in store.due_facts()? {
        let Some(last) = f.last_visit else { continue };
        f.grade = grades.of(f.id, f.grade);
        let due = cadence.due(f.grade, Some(last), today);
        if due > today || planned.contains(&f.id) {
            continue;
        }
        out.push(Forgotten {
            date: due,
            account_id: f.id,
            record_id: f.id,
            detail: String::new(),
            reason: Reason::Cadence {
                grade: f.grade.map_or("E", |g| g.code()).to_string(),
                every_days: cadence.interval(f.grade),
                last_visit: last,
            },
        });
    }
    Ok(())
}

/// The account's next order by its purchase cycle, due by `horizon` (ahead, so the rep calls
/// before the customer orders elsewhere) and missed by less than a whole cycle: an account a
/// cycle late has stopped buying on its rhythm (the demo's books held reorders "due" a year
/// and a half ago), which is the quiet-account warning's and the analyses' business.
fn reorders_due(
    store: &Store,
    today: NaiveDate,
    horizon: NaiveDate,
    out: &mut Vec<Forgotten>,
) -> Result<()> {
    for o in store.order_dates()? {
        let Some(cycle) = purchase_cycle(&o.dates) else {
            continue;
        };
        let last = *o.dates.last().expect("a cycle needs orders");
        let due = last + Duration::days(cycle as i64);
        if due > horizon || due + Duration::days(cycle as i64) < today {
            continue;
        }
        out.push(Forgotten {
            date: due,
            account_id: o.account_id,
            record_id: o.account_id,
            detail: String::new(),
            reason: Reason::Reorder {
                orders: o.dates.len(),
                every_days: cycle,
                last_order: last,
            },
        });
    }
    Ok(())
}

/// A key account (A or B) with one contact or none: if that person leaves, the account goes.
fn thin_coverage(
    store: &Store,
    today: NaiveDate,
    grades: &Grades,
    out: &mut Vec<Forgotten>,
) -> Result<()> {
    for t in store.thinly_covered_accounts()? {
        let grade = match grades.of(t.account_id, t.grade) {
            Some(g @ (Grade::A | Grade::B)) => g,
            _ => continue,
        };
        let (record_id, detail) = t.contact.unwrap_or((t.account_id, String::new()));
        out.push(Forgotten {
            date: today,
            account_id: t.account_id,
            record_id,
            detail,
            reason: Reason::OneContact {
                grade: grade.code().to_string(),
                contacts: t.contacts,
            },
        });
    }
    Ok(())
}

/// A contact whose keep-in-touch interval has run out by `today`; one never spoken to is due
/// today (the rep asked for the rhythm).
fn kept_in_touch(store: &Store, today: NaiveDate, out: &mut Vec<Forgotten>) -> Result<()> {
    for c in store.contacts_kept_in_touch()? {
        let due = c.last.map_or(today, |d| d + Duration::days(c.days as i64));
        if due > today {
            continue;
        }
        out.push(Forgotten {
            date: due,
            account_id: c.account_id,
            record_id: c.id,
            detail: c.name,
            reason: Reason::KeepInTouch {
                every_days: c.days,
                last_spoken: c.last,
            },
        });
    }
    Ok(())
}

/// A next step said in an account's latest communication, `PROMISE_DAYS` ago or more, with
/// nothing after it; dated the day it fell due.
fn promises(store: &Store, today: NaiveDate, out: &mut Vec<Forgotten>) -> Result<()> {
    // Said before this day means due by today.
    let before = today - Duration::days(PROMISE_DAYS - 1);
    for p in store.open_promises(before)? {
        let said = p.at.date();
        out.push(Forgotten {
            date: said + Duration::days(PROMISE_DAYS),
            account_id: p.account_id,
            record_id: p.id,
            detail: p.next_step,
            reason: Reason::Promise { promised_on: said },
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_purchase_cycle_is_the_average_gap_between_orders() {
        // Two orders are one gap: no rhythm yet.
        assert_eq!(purchase_cycle(&[d("2026-01-01"), d("2026-02-01")]), None);
        // 2026-01-01 → 2026-03-02 is 60 days over 2 gaps.
        let three = [d("2026-01-01"), d("2026-01-21"), d("2026-03-02")];
        assert_eq!(purchase_cycle(&three), Some(30));
        // 61 days over 2 gaps: 30.5 rounds up.
        let odd = [d("2026-01-01"), d("2026-01-02"), d("2026-03-03")];
        assert_eq!(purchase_cycle(&odd), Some(31));
    }
}
