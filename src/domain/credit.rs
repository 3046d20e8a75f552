//! What a deal's payments say: how much of it came in, whether it is overdue, and the credit
//! rating (客户信誉) the payment record suggests, beside the one typed by hand. The rule and its
//! thresholds are written out in docs/analytics.md ("Credit suggested by payments"); the tests
//! below compute it by hand.

use super::codes::{Credit, OrderStatus, PaymentStatus};
use super::money::Money;
use super::{Deal, Payment};
use chrono::NaiveDate;

/// Days after the due date a payment still counts as on time (a bank transfer takes days).
pub const GRACE_DAYS: i64 = 7;
/// Days past due, still unpaid, after which a debt counts as hard to recover (C).
pub const DEFAULT_DAYS: i64 = 90;
/// How far back (by due date) the record is read for A and B: the last twelve months.
pub const WINDOW_DAYS: i64 = 365;

/// Where a deal's money stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settlement {
    /// Not yet due and not paid in full.
    Open,
    /// Paid in full by the due date (plus the grace days).
    OnTime,
    /// Paid in full, later than the due date plus the grace days.
    Late,
    /// Past its due date with money still owed: how many days.
    Overdue(i64),
    /// Typed as paid but the payments recorded do not cover it: settled at a day nobody wrote
    /// down, so it is neither on time nor late, and never reminded of.
    MarkedPaid,
}

/// One deal with a due date and an order number, and the payments made for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Receivable {
    pub deal_id: i64,
    pub account_id: i64,
    pub order_no: String,
    pub due: NaiveDate,
    pub total: Money,
    pub paid: Money,
    /// The day the payments first covered the total.
    pub settled_on: Option<NaiveDate>,
    pub marked_paid: bool,
}

impl Receivable {
    /// The deal's receivable, when it is tracked: not cancelled, with an amount, a due date
    /// and an order number (what payments name). `payments` may be any of the account's.
    pub fn of(deal: &Deal, payments: &[Payment]) -> Option<Receivable> {
        let order_no = deal.order_no.as_deref()?.trim();
        let due = deal.due_date?;
        let total = deal.total();
        if order_no.is_empty() || total.0 <= 0 || deal.status == Some(OrderStatus::Cancelled) {
            return None;
        }
        let mut own: Vec<(NaiveDate, Money)> = payments
            .iter()
            .filter(|p| p.pays_order(order_no))
            .filter_map(|p| Some((p.date?, p.received())))
            .collect();
        own.sort();
        Some(Receivable::from_payments(
            deal,
            order_no.to_string(),
            due,
            total,
            &own,
        ))
    }

    /// From the deal's payments as (date, amount), oldest first.
    pub fn from_payments(
        deal: &Deal,
        order_no: String,
        due: NaiveDate,
        total: Money,
        payments: &[(NaiveDate, Money)],
    ) -> Receivable {
        let mut paid = Money::ZERO;
        let mut settled_on = None;
        for (date, amount) in payments {
            paid += *amount;
            if settled_on.is_none() && paid >= total {
                settled_on = Some(*date);
            }
        }
        Receivable {
            deal_id: deal.id,
            account_id: deal.account_id,
            order_no,
            due,
            total,
            paid,
            settled_on,
            marked_paid: deal.payment_status == Some(PaymentStatus::Paid),
        }
    }

    pub fn outstanding(&self) -> Money {
        Money((self.total.0 - self.paid.0).max(0))
    }

    pub fn settlement(&self, today: NaiveDate) -> Settlement {
        match self.settled_on {
            Some(day) if (day - self.due).num_days() > GRACE_DAYS => Settlement::Late,
            Some(_) => Settlement::OnTime,
            None if self.marked_paid => Settlement::MarkedPaid,
            None if today > self.due => Settlement::Overdue((today - self.due).num_days()),
            None => Settlement::Open,
        }
    }

    /// Days past due with money owed (0 when not overdue): what the reminder tells.
    pub fn overdue_days(&self, today: NaiveDate) -> i64 {
        match self.settlement(today) {
            Settlement::Overdue(days) => days,
            _ => 0,
        }
    }
}

/// The rating the payment record suggests (see docs/analytics.md):
/// - C: some deal is unpaid more than `DEFAULT_DAYS` past its due date (拖欠货款,不容易追回);
/// - B: else some deal due in the last `WINDOW_DAYS` was paid more than `GRACE_DAYS` late, or
///   some deal is unpaid more than `GRACE_DAYS` past due (经常出现欠款情况,较容易追回);
/// - A: else at least one deal due in the last `WINDOW_DAYS` was paid on time (按时回款);
/// - none: nothing due in the window to judge by.
pub fn suggested(receivables: &[Receivable], today: NaiveDate) -> Option<Credit> {
    let window_start = today - chrono::Duration::days(WINDOW_DAYS);
    let mut late = false;
    let mut on_time = false;
    for r in receivables {
        match r.settlement(today) {
            Settlement::Overdue(days) if days > DEFAULT_DAYS => return Some(Credit::C),
            Settlement::Overdue(days) if days > GRACE_DAYS => late = true,
            Settlement::Late if r.due > window_start && r.due <= today => late = true,
            Settlement::OnTime if r.due > window_start && r.due <= today => on_time = true,
            _ => {}
        }
    }
    if late {
        Some(Credit::B)
    } else if on_time {
        Some(Credit::A)
    } else {
        None
    }
}

/// The receivables of an account's deals, given its payments.
pub fn receivables(deals: &[Deal], payments: &[Payment]) -> Vec<Receivable> {
    deals
        .iter()
        .filter_map(|d| Receivable::of(d, payments))
        .collect()
}

/// The money received for one deal (by its order number), whether or not it has a due date.
pub fn received_for(deal: &Deal, payments: &[Payment]) -> Money {
    match deal.order_no.as_deref() {
        Some(no) => payments
            .iter()
            .filter(|p| p.pays_order(no))
            .map(Payment::received)
            .sum(),
        None => Money::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn deal(order: &str, due: &str, yuan: i64) -> Deal {
        Deal {
            id: 1,
            order_no: Some(order.into()),
            due_date: Some(day(due)),
            amount: Some(Money(yuan * 100)),
            product: "x".into(),
            ..Deal::default()
        }
    }

    fn paid(order: &str, on: &str, yuan: i64) -> Payment {
        Payment {
            order_no: Some(order.into()),
            date: Some(day(on)),
            amount: Some(Money(yuan * 100)),
            ..Payment::default()
        }
    }

    const TODAY: &str = "2026-11-23";

    fn rate(deals: &[Deal], payments: &[Payment]) -> Option<Credit> {
        suggested(&receivables(deals, payments), day(TODAY))
    }

    #[test]
    fn partial_payments_settle_on_the_day_they_cover_the_total() {
        let d = deal("SO-1", "2026-10-01", 1000);
        let ps = [
            paid("SO-1", "2026-09-20", 400),
            paid("so-1 ", "2026-10-05", 600),
        ];
        let r = Receivable::of(&d, &ps).unwrap();
        assert_eq!(r.paid, Money(100_000));
        assert_eq!(r.settled_on, Some(day("2026-10-05")));
        // Four days after the due date is within the grace days: on time.
        assert_eq!(r.settlement(day(TODAY)), Settlement::OnTime);
    }

    #[test]
    fn the_rule_by_hand() {
        // All paid within the grace: A.
        let on_time = [deal("1", "2026-06-30", 500)];
        assert_eq!(
            rate(&on_time, &[paid("1", "2026-07-07", 500)]),
            Some(Credit::A)
        );
        // Paid 8 days late (past the 7 grace days), recovered: B.
        assert_eq!(
            rate(&on_time, &[paid("1", "2026-07-08", 500)]),
            Some(Credit::B)
        );
        // Half paid, 2026-11-23 is 146 days past 2026-06-30: more than 90, C.
        assert_eq!(
            rate(&on_time, &[paid("1", "2026-06-30", 250)]),
            Some(Credit::C)
        );
        // Due 2026-10-01, unpaid, 53 days past due: B (owed, not yet long).
        let recent = [deal("2", "2026-10-01", 500)];
        assert_eq!(rate(&recent, &[]), Some(Credit::B));
        // Due 2026-11-20, unpaid: 3 days, within the grace; nothing judged yet.
        assert_eq!(rate(&[deal("3", "2026-11-20", 500)], &[]), None);
        // Not yet due: nothing to judge.
        assert_eq!(rate(&[deal("4", "2026-12-20", 500)], &[]), None);
        // Paid late more than a year ago (due 2025-10-01) no longer weighs: A from the recent one.
        let both = [deal("5", "2025-10-01", 500), deal("1", "2026-06-30", 500)];
        let ps = [paid("5", "2025-12-01", 500), paid("1", "2026-06-01", 500)];
        assert_eq!(rate(&both, &ps), Some(Credit::A));
        // An old debt never paid is C however old.
        assert_eq!(rate(&[deal("6", "2024-01-31", 500)], &[]), Some(Credit::C));
    }

    #[test]
    fn a_deal_typed_paid_is_not_overdue_nor_judged() {
        let mut d = deal("7", "2026-01-31", 500);
        d.payment_status = Some(PaymentStatus::Paid);
        let r = Receivable::of(&d, &[]).unwrap();
        assert_eq!(r.settlement(day(TODAY)), Settlement::MarkedPaid);
        assert_eq!(r.overdue_days(day(TODAY)), 0);
        assert_eq!(rate(&[d], &[]), None);
    }

    #[test]
    fn untracked_deals_have_no_receivable() {
        let mut no_order = deal("8", "2026-01-31", 500);
        no_order.order_no = None;
        let mut no_due = deal("8", "2026-01-31", 500);
        no_due.due_date = None;
        let mut cancelled = deal("8", "2026-01-31", 500);
        cancelled.status = Some(OrderStatus::Cancelled);
        for d in [no_order, no_due, cancelled] {
            assert_eq!(Receivable::of(&d, &[]), None);
        }
    }
}
