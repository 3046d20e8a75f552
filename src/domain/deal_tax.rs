//! 不含税价 and 税额 of a deal: its amount (tax included, as invoiced in China) split by its tax
//! rate, which is its product's in the catalogue, else the book's default rate (`kam config
//! default_tax_rate 13`). With neither there is no split: kam does not guess a rate.

use super::deal::Deal;
use super::money::Money;
use super::product::{split_tax, Product};
use serde::Serialize;

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
}
