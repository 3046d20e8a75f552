//! Demo contracts and payments received, consistent with each deal's typed payment status
//! and the account's credit rating: A pays by the due date, B weeks late, C late or not at
//! all. Drawn from a stream of their own, so the rest of the demo book is what it was before
//! money came in (and stays the same for a seed).

use super::*;

/// Mixed into the seed for the money's own stream.
const MONEY_STREAM: u64 = 0x6d6f_6e65_7900_0021;

impl Gen<'_> {
    /// Contracts and payments for an account's deals, giving each deal (not cancelled) a due
    /// date and, when it falls in a contract's term, the contract's number.
    pub(super) fn money(
        &self,
        number: u64,
        ctx: &Acct,
        deals: &mut [Deal],
    ) -> (Vec<Contract>, Vec<Payment>) {
        let mut r = Rng::fork(self.seed ^ MONEY_STREAM, number);
        let contracts = self.contracts(&mut r, number, ctx, deals);
        let mut payments = vec![];
        for deal in deals.iter_mut() {
            let (Some(date), Some(order_no)) = (deal.date, deal.order_no.clone()) else {
                continue;
            };
            if deal.status == Some(OrderStatus::Cancelled) {
                continue;
            }
            let terms = *r.pick(&[30, 30, 45, 60, 90]);
            let due = date + Duration::days(terms);
            deal.due_date = Some(due);
            for c in &contracts {
                if c.starts_on.is_some_and(|s| s <= date) && c.ends_on.is_some_and(|e| date <= e) {
                    deal.contract_no = Some(c.number.clone());
                }
            }
            let total = deal.total();
            // When the money came in, after the due date by the account's habit.
            let late = match ctx.credit {
                Credit::A => r.range(-20, 5),
                Credit::B => r.range(-5, 45),
                Credit::C => r.range(10, 120),
            };
            let settle = (due + Duration::days(late)).max(date).min(self.today);
            let method = r.pick_weighted(&[
                (PaymentMethod::Transfer, 70),
                (PaymentMethod::Acceptance, 18),
                (PaymentMethod::Cheque, 6),
                (PaymentMethod::Cash, 4),
                (PaymentMethod::Other, 2),
            ]);
            let mut pay = |on: NaiveDate, amount: Money, r: &mut Rng| {
                payments.push(Payment {
                    date: Some(on),
                    amount: Some(amount),
                    method: Some(method),
                    order_no: Some(order_no.clone()),
                    contract_no: deal.contract_no.clone(),
                    note: r.chance(12).then(|| self.payment_note(r, ctx)).flatten(),
                    ..Payment::default()
                });
            };
            match deal.payment_status {
                Some(PaymentStatus::Paid) => {
                    // A third of the larger orders come in two instalments.
                    if total.cents() >= 2_000_000 && r.chance(33) {
                        let first = Money::from_cents(total.cents() * r.range(30, 60) / 100);
                        let early = (date + Duration::days(r.range(0, terms / 2))).min(settle);
                        pay(early, first, &mut r);
                        pay(
                            settle,
                            Money::from_cents(total.cents() - first.cents()),
                            &mut r,
                        );
                    } else {
                        pay(settle, total, &mut r);
                    }
                }
                Some(PaymentStatus::Partial) => {
                    let part = Money::from_cents(total.cents() * r.range(20, 70) / 100);
                    let on = (date + Duration::days(r.range(0, terms))).min(self.today);
                    if part.cents() > 0 {
                        pay(on, part, &mut r);
                    }
                }
                _ => {}
            }
        }
        payments.sort_by_key(|p| p.date);
        (contracts, payments)
    }

    fn payment_note(&self, r: &mut Rng, ctx: &Acct) -> Option<String> {
        let person = (!ctx.contact_names.is_empty()).then(|| r.pick(&ctx.contact_names).clone());
        Some(match (ctx.tongue, person) {
            (Tongue::Zh, Some(p)) => format!("{p}确认已付款"),
            (Tongue::Zh, None) => r
                .pick(&["银行回单已核对", "承兑汇票六个月到期"])
                .to_string(),
            (Tongue::En, Some(p)) => format!("{p} confirmed the transfer"),
            (Tongue::En, None) => r
                .pick(&["Remittance advice checked", "Paid after a reminder call"])
                .to_string(),
        })
    }

    /// Key accounts buy under one or two yearly supply contracts, major ones sometimes.
    fn contracts(&self, r: &mut Rng, number: u64, ctx: &Acct, deals: &[Deal]) -> Vec<Contract> {
        let n = match ctx.category {
            Category::Key => r.range(1, 2),
            Category::Major => i64::from(r.chance(40)),
            _ => 0,
        };
        let Some(first) = deals.iter().filter_map(|d| d.date).min() else {
            return vec![];
        };
        let product = deals.first().map(|d| d.product.clone()).unwrap_or_default();
        let mut out = vec![];
        let mut start = first - Duration::days(r.range(0, 20));
        for k in 0..n {
            let signed = start - Duration::days(r.range(3, 15));
            let end = start + Duration::days(364);
            let amount: i64 = deals
                .iter()
                .filter(|d| d.date.is_some_and(|x| start <= x && x <= end))
                .map(|d| d.total().cents())
                .sum();
            let status = if signed > self.today - Duration::days(30) {
                ContractStatus::New
            } else if end < self.today {
                if r.chance(10) {
                    ContractStatus::Terminated
                } else {
                    ContractStatus::Completed
                }
            } else {
                ContractStatus::Active
            };
            let name = match ctx.tongue {
                Tongue::Zh => format!("{}年度供货合同", product),
                Tongue::En => format!("Annual supply agreement: {}", product),
            };
            out.push(Contract {
                number: format!(
                    "HT{}{:06}{}",
                    signed.format("%Y"),
                    number % 1_000_000,
                    k + 1
                ),
                name,
                signed_on: Some(signed),
                // Rounded up to ten thousand: a contract's amount is a ceiling, not a sum.
                amount: Some(Money::from_cents((amount / 1_000_000 + 1) * 1_000_000)),
                starts_on: Some(start),
                ends_on: Some(end),
                status: Some(status),
                ..Contract::default()
            });
            start = end + Duration::days(1);
        }
        out
    }
}
