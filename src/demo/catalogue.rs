//! The demo book's product catalogue (商品资料表): every product the demo deals name, in both
//! languages (a Chinese account's deals name 工业路由器, an English one's Industrial router),
//! with a list price, a unit and the VAT rate a Chinese seller charges (13 % on goods, 6 % on
//! services and software licences). Written once; a product already there is left alone.

use super::phrases::PRODUCTS;
use crate::domain::{Money, Product};
use crate::store::Writer;
use anyhow::Result;

/// Services and licences: 6 % VAT (现代服务), the rest goods at 13 %.
fn is_service(model: &str) -> bool {
    matches!(model, "MES" | "AMC" | "ICS")
}

/// The demo catalogue, numbered P0001 … in the vocabulary's order, Chinese names first.
pub(super) fn products() -> Vec<Product> {
    let mut out = vec![];
    for (zh, p) in [true, false]
        .into_iter()
        .flat_map(|zh| PRODUCTS.iter().map(move |p| (zh, p)))
    {
        let service = is_service(p.model);
        let (name, unit, category) = match (zh, service) {
            (true, false) => (p.zh, "台", "工业自动化设备"),
            (true, true) => (p.zh, "项", "服务与软件"),
            (false, false) => (p.en, "pcs", "Automation equipment"),
            (false, true) => (p.en, "job", "Services and software"),
        };
        // The list price: the middle of the range deals are sold at, to the ten.
        let list = ((p.price.0 + p.price.1) / 20) * 10;
        out.push(Product {
            number: format!("P{:04}", out.len() + 1),
            name: name.to_string(),
            unit: Some(unit.to_string()),
            category: Some(category.to_string()),
            specification: Some(format!("{}-1000 … {}-8000", p.model, p.model)),
            price: Some(Money::from_cents(list * 100)),
            tax_rate: Some(if service { 6 } else { 13 }),
            ..Product::default()
        });
    }
    out
}

/// Writes the demo catalogue's products the book lacks (by name); returns how many.
pub(super) fn write(w: &mut Writer) -> Result<usize> {
    let have: Vec<String> = w.product_names()?;
    let mut n = 0;
    for mut p in products() {
        if have.iter().any(|h| p.is_named(h)) {
            continue;
        }
        // Numbered by the book: a catalogue typed by hand before keeps its numbers.
        p.number.clear();
        w.insert(&mut p)?;
        n += 1;
    }
    Ok(n)
}
