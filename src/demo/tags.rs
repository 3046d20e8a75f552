//! Demo tags on accounts and people, drawn from a stream of their own so that adding them left
//! every other demo value as it was.

use super::rng::Rng;
use super::Tongue;

const ACCOUNT_ZH: &[&str] = &[
    "展会客户",
    "年底冲量",
    "老客户",
    "重点跟进",
    "国产替代",
    "样板工程",
];
const ACCOUNT_EN: &[&str] = &[
    "trade-fair",
    "year-end",
    "reference",
    "follow-up",
    "tender",
    "pilot",
];
const PERSON_ZH: &[&str] = &["老乡", "校友", "高尔夫", "爱喝茶", "决策人", "技术派"];
const PERSON_EN: &[&str] = &[
    "golf",
    "alumni",
    "decision-maker",
    "tea",
    "champion",
    "runner",
];

/// One or two tags on about a third of the accounts (or of the people, with `person`).
pub(super) fn tags(tongue: Tongue, seed: u64, person: bool) -> Option<String> {
    let mut r = Rng::fork(seed, 99);
    if !r.chance(if person { 20 } else { 35 }) {
        return None;
    }
    let list = match (tongue, person) {
        (Tongue::Zh, false) => ACCOUNT_ZH,
        (Tongue::En, false) => ACCOUNT_EN,
        (Tongue::Zh, true) => PERSON_ZH,
        (Tongue::En, true) => PERSON_EN,
    };
    let first = list[r.below(list.len() as u64) as usize];
    let second = list[r.below(list.len() as u64) as usize];
    let text = if r.chance(30) && second != first {
        format!("{first}, {second}")
    } else {
        first.to_string()
    };
    Some(text)
}
