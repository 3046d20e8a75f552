//! Entertainment and gifts, budget against spending (`kam report gifts`): per account in the
//! period, what the applications and requests budgeted (refused and called-off ones left out)
//! and what was actually spent, entertainment and gifts side by side, with totals. The
//! figures a manager signs off (总经理审核, 财务部审核) and a rep accounts for.

use super::sheet::{Sheet, Value};
use super::Period;
use crate::domain::Money;
use crate::i18n::{t, Lang};
use crate::store::{AccountSpend, RelationSpend};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GiftSpending {
    pub period: Option<Period>,
    /// The accounts with any entertainment or gift in the period, the most spent first.
    pub accounts: Vec<AccountSpend>,
    pub total: RelationSpend,
    /// Σ budget − Σ spent, entertainment and gifts together: left (positive) or over.
    pub left: Money,
}

pub fn gift_spending(period: Option<Period>, mut accounts: Vec<AccountSpend>) -> GiftSpending {
    let spent = |s: &RelationSpend| s.entertainment_spent + s.gift_spent;
    let budget = |s: &RelationSpend| s.entertainment_budget + s.gift_budget;
    accounts.sort_by(|a, b| {
        spent(&b.spend)
            .cmp(&spent(&a.spend))
            .then(budget(&b.spend).cmp(&budget(&a.spend)))
            .then_with(|| a.code.cmp(&b.code))
    });
    let mut total = RelationSpend::default();
    for a in &accounts {
        let s = &a.spend;
        total.entertainments += s.entertainments;
        total.entertainment_budget += s.entertainment_budget;
        total.entertainment_spent += s.entertainment_spent;
        total.gifts += s.gifts;
        total.gift_budget += s.gift_budget;
        total.gift_spent += s.gift_spent;
    }
    GiftSpending {
        period,
        left: Money(budget(&total).0 - spent(&total).0),
        accounts,
        total,
    }
}

impl GiftSpending {
    pub fn sheets(&self, lang: Lang) -> Vec<Sheet<'_>> {
        let c = |id: &str| t(lang, id);
        let mut s = Sheet::new(
            c("an-gifts"),
            vec![
                c("an-col-code"),
                c("an-col-account"),
                c("an-col-entertainments"),
                c("an-col-ent-budget"),
                c("an-col-ent-spent"),
                c("an-col-gifts"),
                c("an-col-gift-budget"),
                c("an-col-gift-spent"),
                c("an-col-budget-total"),
                c("an-col-spent-total"),
            ],
        );
        let row = |code: Value<'static>, name, x: &RelationSpend| {
            vec![
                code,
                name,
                Value::Int(x.entertainments as i64),
                Value::Money(x.entertainment_budget),
                Value::Money(x.entertainment_spent),
                Value::Int(x.gifts as i64),
                Value::Money(x.gift_budget),
                Value::Money(x.gift_spent),
                Value::Money(x.entertainment_budget + x.gift_budget),
                Value::Money(x.entertainment_spent + x.gift_spent),
            ]
        };
        for a in &self.accounts {
            let mut r = row(Value::text(""), Value::text(a.name.as_str()), &a.spend);
            r[0] = Value::text(a.code.as_str());
            s.rows.push(r);
        }
        s.rows.push(row(
            Value::text(c("an-total")),
            Value::text(""),
            &self.total,
        ));
        let mut k = Sheet::new(
            c("an-gifts-summary"),
            vec![c("an-col-measure"), c("an-col-value")],
        );
        k.rows = vec![
            vec![
                Value::text(c("an-col-budget-total")),
                Value::Money(self.total.entertainment_budget + self.total.gift_budget),
            ],
            vec![
                Value::text(c("an-col-spent-total")),
                Value::Money(self.total.entertainment_spent + self.total.gift_spent),
            ],
            vec![Value::text(c("an-gifts-left")), Value::Money(self.left)],
        ];
        vec![s, k]
    }
}
