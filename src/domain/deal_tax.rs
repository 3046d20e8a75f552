//! 不含税价 and 税额 of a deal: its amount (tax included, as invoiced in China) split by its tax
//! rate, which is its product's in the catalogue, else the book's default rate (`kam config
//! default_tax_rate 13`). With neither there is no split: kam does not guess a rate.

use super::deal::Deal;
use super::money::Money;
use super::product::{split_tax, Product};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DealTax {
    /// 税率 in percent.
    pub rate: i64,
    /// 不含税金额.
    pub net: Money,
    /// 税额.
    pub tax: Money,
    /// The rate is the catalogue product's (else the default rate).
    pub from_catalogue: bool,
}

/// The split of `deal`'s amount; none when it has no amount or no rate is known.
pub fn deal_tax(deal: &Deal, products: &[Product], default_rate: Option<i64>) -> Option<DealTax> {
    let known = deal.amount.is_some() || (deal.quantity.is_some() && deal.unit_price.is_some());
    if !known {
        return None;
    }
    let product_rate = products
        .iter()
        .find(|p| p.is_named(&deal.product))
        .and_then(|p| p.tax_rate);
    let rate = product_rate.or(default_rate)?;
    let (net, tax) = split_tax(deal.total(), rate);
    Some(DealTax {
        rate,
        net,
        tax,
        from_catalogue: product_rate.is_some(),
    })
}

/// The rates a whole export splits its deals by: the catalogue's by name, and the default.
/// Looked up by name once per deal (an export of 100,000 accounts has a million deals).
#[derive(Debug, Clone, Default)]
pub struct TaxRates {
    /// Each catalogue name (trimmed, lower-cased) and its rate; the first product of a name
    /// wins, as `deal_tax` finds it.
    by_name: HashMap<String, Option<i64>>,
    default_rate: Option<i64>,
}

impl TaxRates {
    pub fn new(products: &[Product], default_rate: Option<i64>) -> TaxRates {
        let mut by_name = HashMap::new();
        for p in products {
            let name = p.name.trim().to_lowercase();
            if !name.is_empty() {
                by_name.entry(name).or_insert(p.tax_rate);
            }
        }
        TaxRates {
            by_name,
            default_rate,
        }
    }

    /// What `deal_tax` gives for `deal` with the same catalogue and default rate.
    pub fn of(&self, deal: &Deal) -> Option<DealTax> {
        let known = deal.amount.is_some() || (deal.quantity.is_some() && deal.unit_price.is_some());
        if !known {
            return None;
        }
        let typed = deal.product.trim();
        let product_rate = if typed.is_empty() {
            None
        } else {
            self.by_name.get(&typed.to_lowercase()).copied().flatten()
        };
        let rate = product_rate.or(self.default_rate)?;
        let (net, tax) = split_tax(deal.total(), rate);
        Some(DealTax {
            rate,
            net,
            tax,
            from_catalogue: product_rate.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deal(product: &str, amount: Option<i64>) -> Deal {
        Deal {
            product: product.into(),
            amount: amount.map(Money),
            ..Default::default()
        }
    }

    #[test]
    fn the_products_rate_then_the_default_then_none() {
        let catalogue = [Product {
            name: "技术服务".into(),
            tax_rate: Some(6),
            ..Default::default()
        }];
        // 10,600.00 at 6 %: 10,000.00 + 600.00; the name matched around spaces and case.
        let t = deal_tax(&deal(" 技术服务 ", Some(1_060_000)), &catalogue, Some(13)).unwrap();
        assert_eq!(
            (t.rate, t.net, t.tax, t.from_catalogue),
            (6, Money(1_000_000), Money(60_000), true)
        );
        // Free text: the default 13 %: 11,300.00 → 10,000.00 + 1,300.00.
        let t = deal_tax(&deal("机柜", Some(1_130_000)), &catalogue, Some(13)).unwrap();
        assert_eq!(
            (t.rate, t.net, t.tax, t.from_catalogue),
            (13, Money(1_000_000), Money(130_000), false)
        );
        assert_eq!(
            deal_tax(&deal("机柜", Some(1_130_000)), &catalogue, None),
            None
        );
        assert_eq!(
            deal_tax(&deal("技术服务", None), &catalogue, Some(13)),
            None
        );
    }

    #[test]
    fn the_rates_of_an_export_split_as_the_deals_tab_does() {
        let catalogue = [
            Product {
                name: "技术服务".into(),
                tax_rate: Some(6),
                ..Default::default()
            },
            Product {
                name: "机柜".into(),
                tax_rate: None,
                ..Default::default()
            },
        ];
        for default in [Some(13), None] {
            let rates = TaxRates::new(&catalogue, default);
            for d in [
                deal(" 技术服务 ", Some(1_060_000)),
                deal("机柜", Some(1_130_000)),
                deal("", Some(1_130_000)),
                deal("技术服务", None),
            ] {
                assert_eq!(rates.of(&d), deal_tax(&d, &catalogue, default), "{d:?}");
            }
        }
    }
}
