//! The product catalogue (商品资料表): the book's own list of what it sells, not one account's:
//! number, name, unit, category, specification, price and tax rate. A deal names its product
//! by name as typed (free text stays accepted); where the name is the catalogue's, the deal's
//! amount splits into 不含税价 and 税额 by the product's rate.

use super::money::Money;
use super::record::{
    field, required_field, FieldKind, FieldKind::*, FieldSpec, Record, RecordKind,
};
use super::validate::{Invalid, Problem};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Product {
    pub id: i64,
    /// 商品编号; the store numbers a product typed without one (`P0001` …).
    pub number: String,
    /// 商品名称: what deals name.
    pub name: String,
    /// 计量单位 (台, 套, kg …).
    pub unit: Option<String>,
    /// 商品类别.
    pub category: Option<String>,
    /// 规格型号.
    pub specification: Option<String>,
    /// 单价, tax included (含税), as a sales sheet quotes it.
    pub price: Option<Money>,
    /// 税率 in percent (13, 9, 6 …).
    pub tax_rate: Option<i64>,
    /// 条形码.
    pub barcode: Option<String>,
    pub notes: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

const FIELDS: &[FieldSpec] = &[
    field("number", Text),
    required_field("name", Text),
    field("unit", Text),
    field("category", Text),
    field("specification", Text),
    field("price", FieldKind::Money),
    field("tax_rate", Percent),
    field("barcode", Text),
    field("notes", LongText),
];

/// An amount with tax included, split into the part without tax (不含税价) and the tax
/// (税额): net = gross ÷ (1 + rate), rounded to the fen, and tax = gross − net, so the two
/// always add up to what was charged.
pub fn split_tax(gross: Money, rate_percent: i64) -> (Money, Money) {
    let g = gross.cents() as i128;
    let r = 100 + rate_percent.max(0) as i128;
    // Rounded half away from zero: 100 × g ÷ r.
    let twice = 2 * 100 * g / r;
    let net = (twice + twice.signum()) / 2;
    let net = net as i64;
    (Money(net), Money(gross.cents() - net))
}

impl Product {
    /// The price split into 不含税价 and 税额, when both are known.
    pub fn price_without_tax(&self) -> Option<(Money, Money)> {
        Some(split_tax(self.price?, self.tax_rate?))
    }

    /// Whether a deal's product as typed names this product (around spaces, any case).
    pub fn is_named(&self, typed: &str) -> bool {
        let t = typed.trim();
        !t.is_empty() && self.name.trim().to_lowercase() == t.to_lowercase()
    }
}

impl Record for Product {
    const KIND: RecordKind = RecordKind::Product;
    fn fields() -> &'static [FieldSpec] {
        FIELDS
    }
    fn id(&self) -> i64 {
        self.id
    }
    fn set_id(&mut self, id: i64) {
        self.id = id;
    }
    /// The catalogue is the book's, not an account's.
    fn account_id(&self) -> i64 {
        0
    }
    fn set_account_id(&mut self, _id: i64) {}
    fn title(&self) -> String {
        format!("{} {}", self.number, self.name).trim().to_string()
    }
    fn check(&self, invalid: &mut Invalid) {
        if self.price.is_some_and(|m| m.0 < 0) {
            invalid.check("price", Err(Problem::Negative));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_split_by_hand() {
        // ¥113.00 at 13 %: 113 ÷ 1.13 = 100.00 net, 13.00 tax.
        assert_eq!(split_tax(Money(11_300), 13), (Money(10_000), Money(1_300)));
        // ¥100.00 at 13 %: 88.495… → 88.50 net, 11.50 tax (adds back to 100.00).
        assert_eq!(split_tax(Money(10_000), 13), (Money(8_850), Money(1_150)));
        // ¥1.00 at 6 %: 0.9433… → 0.94 net, 0.06 tax.
        assert_eq!(split_tax(Money(100), 6), (Money(94), Money(6)));
        // No tax: all net.
        assert_eq!(split_tax(Money(12_345), 0), (Money(12_345), Money(0)));
    }

    #[test]
    fn a_deal_names_a_product_around_spaces_and_case() {
        let p = Product {
            name: "Pump X200".into(),
            ..Product::default()
        };
        assert!(p.is_named(" pump x200 "));
        assert!(!p.is_named("Pump"));
        assert!(!p.is_named(""));
    }
}
