//! Demo dealer profiles for the wholesale and retail accounts (GB/T 4754 section F) and
//! relationship analyses for the key and major ones, from a stream of their own so that
//! adding them left every other demo value as it was.

use super::rng::Rng;
use super::Tongue;
use crate::domain::{Account, Category, Industry, PriceLevel, SalesArea};

const BRANDS_ZH: &[&str] = &[
    "本公司 55%, 竞品甲 30%, 其他 15%",
    "本公司 40%, 竞品乙 40%, 其他 20%",
    "本公司 80%, 其他 20%",
];
const BRANDS_EN: &[&str] = &[
    "Ours 55%, Rival A 30%, others 15%",
    "Ours 40%, Rival B 40%, others 20%",
    "Ours 80%, others 20%",
];
const STORES_ZH: &[&str] = &["总店 60%, 东区门市 25%, 网店 15%", "批发部 70%, 门市 30%"];
const STORES_EN: &[&str] = &[
    "Main store 60%, East branch 25%, online 15%",
    "Wholesale 70%, shop 30%",
];
const STATUS_ZH: &[&str] = &[
    "采购总监认可我们的服务, 财务仍偏向竞品",
    "高层关系稳定, 技术部有顾虑",
    "新任总经理尚未拜会",
];
const STATUS_EN: &[&str] = &[
    "The buyer rates our service; finance still leans to a rival",
    "Good at the top; engineering has doubts",
    "New managing director not yet met",
];
const OUTLOOK_ZH: &[&str] = &[
    "明年有望成为独家供应商",
    "需借展会加深技术交流",
    "保持现状, 防止流失",
];
const OUTLOOK_EN: &[&str] = &[
    "Could be sole supplier next year",
    "Deepen technical ties at the fair",
    "Hold on; guard against losing them",
];

/// Fills what an account of its kind would have on file.
pub(super) fn fill(a: &mut Account, tongue: Tongue, seed: u64) {
    let mut r = Rng::fork(seed, 22);
    let zh = tongue == Tongue::Zh;
    let mut pick = |zh_list: &[&str], en_list: &[&str]| {
        let list = if zh { zh_list } else { en_list };
        list[r.below(list.len() as u64) as usize].to_string()
    };
    if a.industry == Some(Industry::F) {
        a.dealer_brands = Some(pick(BRANDS_ZH, BRANDS_EN));
        a.dealer_stores = Some(pick(STORES_ZH, STORES_EN));
    }
    if matches!(a.category, Some(Category::Key | Category::Major)) {
        a.relationship_status = Some(pick(STATUS_ZH, STATUS_EN));
        a.relationship_outlook = Some(pick(OUTLOOK_ZH, OUTLOOK_EN));
    }
    if a.industry == Some(Industry::F) {
        a.dealer_sales_area = Some(*r.pick(SalesArea::ALL));
        a.dealer_price_level = Some(*r.pick(PriceLevel::ALL));
        a.dealer_exclusive = Some(r.chance(25));
    }
}
