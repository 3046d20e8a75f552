//! Demo returns and claims (退货/索赔): about one delivered deal in forty comes back in part or
//! draws a claim, a few weeks after delivery, with a reason of the kind a 不良信息 form records.
//! Drawn from a stream of their own, so the rest of the demo book stays as it was.

use super::*;

/// Mixed into the seed for the returns' own stream.
const RETURNS_STREAM: u64 = 0x7265_7475_726e_0021;

const ZH_REASONS: &[&str] = &[
    "到货外观破损",
    "批次质量不良，功能测试不通过",
    "型号与订单不符",
    "交货延期造成停线，索赔损失",
    "现场安装后故障率偏高",
];
const EN_REASONS: &[&str] = &[
    "Damaged on arrival",
    "Batch failed the functional test",
    "Wrong model delivered",
    "Late delivery stopped the line: claim for the loss",
    "Failure rate too high after installation",
];

impl Gen<'_> {
    pub(super) fn returns(&self, number: u64, ctx: &Acct, deals: &[Deal]) -> Vec<ReturnClaim> {
        let mut r = Rng::fork(self.seed ^ RETURNS_STREAM, number);
        let mut out = vec![];
        for deal in deals {
            let (Some(date), Some(qty)) = (deal.date, deal.quantity) else {
                continue;
            };
            if deal.status == Some(OrderStatus::Cancelled) || qty <= 0 || !r.chance(3) {
                continue;
            }
            let on = (date + Duration::days(r.range(5, 45))).min(self.today);
            let claim = r.chance(25);
            let back = if claim { 0 } else { r.range(1, qty.max(1)) };
            let amount = match (claim, deal.unit_price) {
                (false, Some(unit)) => Money::from_cents(unit.cents() * back),
                _ => Money::from_cents(deal.total().cents() * r.range(2, 15) / 100),
            };
            let reasons = match ctx.tongue {
                Tongue::Zh => ZH_REASONS,
                Tongue::En => EN_REASONS,
            };
            let age = (self.today - on).num_days();
            let status = match age {
                0..=14 => *r.pick(&[ReturnStatus::Open, ReturnStatus::Processing]),
                15..=60 => *r.pick(&[ReturnStatus::Processing, ReturnStatus::Resolved]),
                _ => *r.pick(&[
                    ReturnStatus::Resolved,
                    ReturnStatus::Resolved,
                    ReturnStatus::Resolved,
                    ReturnStatus::Rejected,
                ]),
            };
            out.push(ReturnClaim {
                date: Some(on),
                kind: Some(if claim {
                    ReturnKind::Claim
                } else {
                    ReturnKind::Return
                }),
                product: deal.product.clone(),
                quantity: (!claim).then_some(back),
                amount: Some(amount),
                reason: Some(r.pick(reasons).to_string()),
                status: Some(status),
                order_no: deal.order_no.clone(),
                ..ReturnClaim::default()
            });
        }
        out
    }
}
