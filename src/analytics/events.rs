//! Market events and what followed (`kam report events`, 市场活动表 / 市场活动参与情况): per
//! event in the period, how many accounts came, and how many of them bought within N days
//! after it — the conversion rate (成交率) — with the amount of those deals. An event is
//! its name and date, as the attendances on the accounts name it.

use super::sheet::{Sheet, Value};
use super::{share, Period};
use crate::domain::{EventKind, Money};
use crate::i18n::{t, Lang};
use crate::store::AttendanceOutcome;
use chrono::NaiveDate;
use serde::Serialize;

/// Days after an event within which a deal counts as following it, unless asked otherwise.
pub const DEFAULT_DAYS: i64 = 90;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    pub event: String,
    pub kind: Option<EventKind>,
    pub date: NaiveDate,
    pub place: Option<String>,
    /// Accounts that came (an account counted once per event).
    pub accounts: usize,
    /// Of them, those with a deal within the days after.
    pub converted: usize,
    /// converted ÷ accounts.
    pub conversion: Option<f64>,
    pub amount_after: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventsReport {
    pub period: Option<Period>,
    pub days: i64,
    pub events: Vec<EventRow>,
    pub accounts: usize,
    pub converted: usize,
    pub conversion: Option<f64>,
    pub amount_after: Money,
}

/// An event's row as it fills, and the accounts seen there: (bought after, amount after).
type Gathering = (EventRow, std::collections::BTreeMap<i64, (bool, Money)>);

pub fn events_report(
    period: Option<Period>,
    days: i64,
    rows: &[AttendanceOutcome],
) -> EventsReport {
    use std::collections::BTreeMap;
    // (date, name trimmed and lower-cased) → the event's row and the accounts seen.
    let mut by: BTreeMap<(NaiveDate, String), Gathering> = BTreeMap::new();
    for r in rows {
        let key = (r.date, r.event.trim().to_lowercase());
        let (row, seen) = by.entry(key).or_insert_with(|| {
            (
                EventRow {
                    event: r.event.trim().to_string(),
                    kind: r.kind.as_deref().and_then(EventKind::from_code),
                    date: r.date,
                    place: r.place.clone(),
                    accounts: 0,
                    converted: 0,
                    conversion: None,
                    amount_after: Money::ZERO,
                },
                BTreeMap::new(),
            )
        });
        if row.place.is_none() {
            row.place.clone_from(&r.place);
        }
        // Two attendances of one account (two of its people, entered twice) count once.
        seen.insert(r.account_id, (r.deals_after > 0, r.amount_after));
    }
    let mut events = vec![];
    let (mut accounts, mut converted, mut amount) = (0, 0, Money::ZERO);
    for (_, (mut row, seen)) in by {
        row.accounts = seen.len();
        row.converted = seen.values().filter(|(c, _)| *c).count();
        row.amount_after = seen.values().map(|(_, m)| *m).sum();
        row.conversion = share(row.converted as i64, row.accounts as i64);
        accounts += row.accounts;
        converted += row.converted;
        amount += row.amount_after;
        events.push(row);
    }
    EventsReport {
        period,
        days,
        events,
        accounts,
        converted,
        conversion: share(converted as i64, accounts as i64),
        amount_after: amount,
    }
}

impl EventsReport {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        let c = |id: &str| t(lang, id);
        let mut s = Sheet::new(
            c("an-events"),
            vec![
                c("an-col-date"),
                c("an-col-event"),
                c("an-col-event-kind"),
                c("an-col-place"),
                c("an-col-accounts"),
                c("an-col-converted"),
                c("an-col-conversion"),
                c("an-col-amount-after"),
            ],
        );
        for e in &self.events {
            s.rows.push(vec![
                Value::text(e.date.to_string()),
                Value::text(e.event.as_str()),
                Value::text(e.kind.map(|k| k.label(lang)).unwrap_or_default()),
                Value::text(e.place.as_deref().unwrap_or_default()),
                Value::Int(e.accounts as i64),
                Value::Int(e.converted as i64),
                Value::Percent(e.conversion),
                Value::Money(e.amount_after),
            ]);
        }
        s.rows.push(vec![
            Value::text(c("an-total")),
            Value::text(""),
            Value::text(""),
            Value::text(""),
            Value::Int(self.accounts as i64),
            Value::Int(self.converted as i64),
            Value::Percent(self.conversion),
            Value::Money(self.amount_after),
        ]);
        let mut k = Sheet::new(
            c("an-events-summary"),
            vec![c("an-col-measure"), c("an-col-value")],
        );
        k.rows = vec![
            vec![Value::text(c("an-events-days")), Value::Int(self.days)],
            vec![
                Value::text(c("an-col-conversion")),
                Value::Percent(self.conversion),
            ],
        ];
        vec![s, k]
    }
}
