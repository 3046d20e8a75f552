//! The relationship side of the dossier in the store (issue 22): the schema step that adds
//! entertainment (客户招待), gifts (礼品馈赠) and competitors (竞争对手), and the query behind
//! `kam report gifts`. The records themselves go through the generic `Writer` like every
//! other section.

use super::Store;
use crate::domain::{Approval, Money};
use anyhow::Result;
use chrono::NaiveDate;

/// Schema step. Each table is owned by an account, with the global id (`uid`) the team
/// edition sends it by. Expense lines (budget, spent) are JSON as a visit's are. The dates
/// are indexed for the report, which reads one period.
pub(crate) fn schema() -> String {
    let owned = super::owned_table::owned_table;
    [
        owned(
            "entertainments",
            "date TEXT NOT NULL, venue TEXT, purpose TEXT NOT NULL, their_attendees TEXT,
             our_attendees TEXT, budget TEXT, status TEXT, spent TEXT, outcome TEXT,
             learned TEXT, notes TEXT",
        ),
        owned(
            "gifts",
            "date TEXT NOT NULL, purpose TEXT, gift TEXT NOT NULL, quantity INTEGER,
             unit_budget INTEGER, recipient TEXT, status TEXT, given_on TEXT,
             actual_cost INTEGER, notes TEXT",
        ),
        owned(
            "competitors",
            "name TEXT NOT NULL, products TEXT, prices TEXT, share INTEGER, strengths TEXT,
             weaknesses TEXT, notes TEXT",
        ),
        owned(
            "event_attendances",
            "event TEXT NOT NULL, kind TEXT, date TEXT NOT NULL, place TEXT, attendees TEXT,
             interest INTEGER, effect TEXT, notes TEXT",
        ),
        "CREATE INDEX event_attendances_date ON event_attendances(date);
         CREATE INDEX entertainments_date ON entertainments(date);
         CREATE INDEX gifts_day ON gifts(coalesce(given_on, date));"
            .to_string(),
    ]
    .join("\n")
}

/// What one account spent on relations in a period: entertainment and gifts, budget and
/// actual, and how many of each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RelationSpend {
    pub entertainments: usize,
    pub entertainment_budget: Money,
    pub entertainment_spent: Money,
    pub gifts: usize,
    pub gift_budget: Money,
    pub gift_spent: Money,
}

/// One account's relation spending, with its code and name.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct AccountSpend {
    #[serde(skip)]
    pub account_id: i64,
    pub code: String,
    pub name: String,
    #[serde(flatten)]
    pub spend: RelationSpend,
}

/// Sums of a JSON array of expense lines (`[{"item":…,"amount":"12.50"}]`) in cents.
fn lines_total(json: Option<&str>) -> Money {
    let Some(json) = json else {
        return Money::ZERO;
    };
    let lines: Vec<crate::domain::Expense> = serde_json::from_str(json).unwrap_or_default();
    lines.iter().map(|e| e.amount).sum()
}

impl Store {
    /// Entertainment and gift spending per live account in `from..=to`, by account id.
    /// An entertainment counts on its date, a gift on the day given (else the day planned);
    /// a refused or called-off one's budget does not count, what was spent always does.
    pub fn relation_spend(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<AccountSpend>> {
        let conn = self.conn();
        let (from, to) = (from.to_string(), to.to_string());
        let dropped = |s: Option<String>| {
            s.as_deref()
                .and_then(Approval::from_code)
                .is_some_and(|a| matches!(a, Approval::Rejected | Approval::Cancelled))
        };
        let mut out: std::collections::BTreeMap<i64, AccountSpend> = Default::default();
        fn entry<'a>(
            out: &'a mut std::collections::BTreeMap<i64, AccountSpend>,
            r: &rusqlite::Row,
        ) -> rusqlite::Result<&'a mut RelationSpend> {
            let id: i64 = r.get(0)?;
            let e = out.entry(id).or_insert_with(|| AccountSpend {
                account_id: id,
                ..AccountSpend::default()
            });
            if e.code.is_empty() {
                e.code = r.get(5)?;
                e.name = r.get(6)?;
            }
            Ok(&mut e.spend)
        }
        let mut stmt = conn.prepare_cached(
            "SELECT e.account_id, e.budget, e.spent, e.status, NULL, a.code, a.name
             FROM entertainments e
             JOIN accounts a ON a.id = e.account_id
             WHERE e.date >= ?1 AND e.date <= ?2
               AND e.deleted_at IS NULL AND a.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([&from, &to])?;
        while let Some(r) = rows.next()? {
            let s = entry(&mut out, r)?;
            let budget: Option<String> = r.get(1)?;
            let spent: Option<String> = r.get(2)?;
            s.entertainments += 1;
            if !dropped(r.get(3)?) {
                s.entertainment_budget += lines_total(budget.as_deref());
            }
            s.entertainment_spent += lines_total(spent.as_deref());
        }
        let mut stmt = conn.prepare_cached(
            "SELECT g.account_id, g.quantity, g.unit_budget, g.actual_cost, g.status, a.code,
                    a.name
             FROM gifts g
             JOIN accounts a ON a.id = g.account_id
             WHERE coalesce(g.given_on, g.date) >= ?1 AND coalesce(g.given_on, g.date) <= ?2
               AND g.deleted_at IS NULL AND a.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([&from, &to])?;
        while let Some(r) = rows.next()? {
            let s = entry(&mut out, r)?;
            let quantity: Option<i64> = r.get(1)?;
            let unit: Option<i64> = r.get(2)?;
            let actual: Option<i64> = r.get(3)?;
            s.gifts += 1;
            if !dropped(r.get(4)?) {
                s.gift_budget += Money(unit.unwrap_or(0).saturating_mul(quantity.unwrap_or(1)));
            }
            s.gift_spent += Money(actual.unwrap_or(0));
        }
        Ok(out.into_values().collect())
    }
}

/// One account's attendance of one market event, and what it bought in the days after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceOutcome {
    pub account_id: i64,
    pub event: String,
    pub kind: Option<String>,
    pub date: NaiveDate,
    pub place: Option<String>,
    /// Deals (not cancelled) dated after the event, within the days asked.
    pub deals_after: i64,
    pub amount_after: Money,
}

impl Store {
    /// The attendances of live accounts at events dated `from..=to`, each with the deals its
    /// account made in the `days` after the event (the day itself not counted: a deal signed
    /// at the fair was not won by it).
    pub fn attendance_outcomes(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        days: i64,
    ) -> Result<Vec<AttendanceOutcome>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT e.account_id, e.event, e.kind, e.date, e.place,
                    (SELECT count(*) FROM deals d WHERE d.account_id = e.account_id
                       AND d.deleted_at IS NULL AND coalesce(d.status, '') <> 'cancelled'
                       AND d.date > e.date AND d.date <= date(e.date, '+' || ?3 || ' days')),
                    (SELECT coalesce(sum(COALESCE(d.amount, d.quantity * d.unit_price, 0)), 0)
                       FROM deals d WHERE d.account_id = e.account_id
                       AND d.deleted_at IS NULL AND coalesce(d.status, '') <> 'cancelled'
                       AND d.date > e.date AND d.date <= date(e.date, '+' || ?3 || ' days'))
             FROM event_attendances e JOIN accounts a ON a.id = e.account_id
             WHERE e.date >= ?1 AND e.date <= ?2
               AND e.deleted_at IS NULL AND a.deleted_at IS NULL
             ORDER BY e.date, e.event, e.account_id",
        )?;
        let mut rows = stmt.query(rusqlite::params![from.to_string(), to.to_string(), days])?;
        let mut out = vec![];
        while let Some(r) = rows.next()? {
            let date: String = r.get(3)?;
            let Ok(date) = date.parse::<NaiveDate>() else {
                continue;
            };
            out.push(AttendanceOutcome {
                account_id: r.get(0)?,
                event: r.get(1)?,
                kind: r.get(2)?,
                date,
                place: r.get(4)?,
                deals_after: r.get(5)?,
                amount_after: Money(r.get(6)?),
            });
        }
        Ok(out)
    }
}
