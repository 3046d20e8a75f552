//! Columns an export works out rather than stores: each deal's 税率, 不含税金额 and 税额 (by the
//! catalogue product's rate, else the book's default rate, as the Deals tab shows them). They
//! are written after a section's own fields and never read back (`sections_in` knows only
//! fields): an amount edited in Excel must not fight the old tax beside it.

use crate::domain::record::{FieldKind, RecordKind};
use crate::domain::{Deal, DealTax, TaxRates};
use crate::i18n::{t, Lang};
use std::any::Any;

/// The message ids of a kind's worked-out columns, in their order.
fn ids(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Deal => &["export-deal-tax-rate", "export-deal-net", "export-deal-tax"],
        _ => &[],
    }
}

/// The headers of a kind's worked-out columns, after its fields'.
pub fn headers(kind: RecordKind, lang: Lang) -> Vec<String> {
    ids(kind).iter().map(|id| t(lang, id)).collect()
}

/// How many worked-out columns a kind has.
pub fn count(kind: RecordKind) -> usize {
    ids(kind).len()
}

/// What the workbook writes worked-out column `i` as: the rate a number, the money money.
pub fn kind_of(kind: RecordKind, i: usize) -> Option<FieldKind> {
    match (kind, i) {
        (RecordKind::Deal, 0) => Some(FieldKind::Percent),
        (RecordKind::Deal, 1 | 2) => Some(FieldKind::Money),
        _ => None,
    }
}

/// A deal's split as cells: empty when no rate is known (kam does not guess one).
pub fn deal_cells(tax: Option<DealTax>) -> Vec<String> {
    match tax {
        Some(t) => vec![t.rate.to_string(), t.net.to_string(), t.tax.to_string()],
        None => vec![String::new(); 3],
    }
}

/// The worked-out cells of `record` (none for a kind without such columns).
pub fn cells_of<T: Any>(rates: &TaxRates, record: &T) -> Vec<String> {
    match (record as &dyn Any).downcast_ref::<Deal>() {
        Some(deal) => deal_cells(rates.of(deal)),
        None => vec![],
    }
}
