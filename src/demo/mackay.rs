//! Demo answers to the Mackay 66 questions the first dossier left out (学位, 外貌, 兵役, 宗教,
//! 政治活动 …), drawn from a stream of their own so that adding them left every other demo
//! value as it was (snapshots and examples read the demo book).

use super::rng::Rng;
use super::Tongue;
use crate::domain::{FutureConcern, PersonalDossier, TimeFocus};

struct Words {
    degrees: &'static [&'static str],
    heights: &'static [&'static str],
    weights: &'static [&'static str],
    appearance: &'static [&'static str],
    services: &'static [&'static str],
    ranks: &'static [&'static str],
    service_attitude: &'static [&'static str],
    why: &'static [&'static str],
    social: &'static [&'static str],
    habits: &'static [&'static str],
    religion: &'static [&'static str],
    politics: &'static [&'static str],
    ethics: &'static [&'static str],
}

const ZH: Words = Words {
    degrees: &["学士", "硕士", "博士", "MBA", "大专"],
    heights: &["160 cm", "168 cm", "172 cm", "175 cm", "180 cm"],
    weights: &["55 kg", "62 kg", "70 kg", "78 kg", "85 kg"],
    appearance: &[
        "戴眼镜, 中等身材",
        "高个子, 短发",
        "微胖, 笑容和善",
        "左眉有痣",
    ],
    services: &["陆军", "海军", "空军", "武警"],
    ranks: &["中士", "上尉", "少校"],
    service_attitude: &["以当过兵为荣", "很少提起", "常讲部队的故事"],
    why: &[
        "快退休了",
        "刚升职, 想做出成绩",
        "公司准备上市",
        "孩子明年高考",
    ],
    social: &[
        "行业协会理事",
        "热心公益, 每年捐助母校",
        "社区志愿者",
        "校友会会长",
    ],
    habits: &[
        "只喝绿茶",
        "每天早上跑步",
        "开会从不迟到",
        "饭后一定散步",
        "随身带笔记本",
    ],
    religion: &["佛教, 初一十五上香", "基督教", "无宗教信仰"],
    politics: &["区人大代表", "政协委员", "不参与政治活动"],
    ethics: &["原则性强, 不收礼", "讲义气", "重承诺, 说到做到"],
};

const EN: Words = Words {
    degrees: &["BA", "BSc", "MSc", "MBA", "PhD"],
    heights: &["5'6\"", "5'9\"", "5'11\"", "6'1\""],
    weights: &["140 lb", "165 lb", "180 lb", "200 lb"],
    appearance: &[
        "Glasses, medium build",
        "Tall, short grey hair",
        "Beard, always in a tweed jacket",
        "Short, energetic",
    ],
    services: &["Army", "Royal Navy", "RAF", "Marines"],
    ranks: &["Sergeant", "Captain", "Major"],
    service_attitude: &["Proud of it", "Rarely mentions it", "Tells stories of it"],
    why: &[
        "Retiring in two years",
        "Newly promoted, wants results",
        "The company is up for sale",
        "Building a name in the trade",
    ],
    social: &[
        "Chairs the local Rotary",
        "Runs a charity 10k each year",
        "School governor",
        "Trade association board",
    ],
    habits: &[
        "Only drinks tea",
        "Runs every morning",
        "Never late for a meeting",
        "Writes everything in a notebook",
    ],
    religion: &["Church of England", "Catholic", "Not religious"],
    politics: &["Local councillor", "Party member", "Not political"],
    ethics: &[
        "Strict, accepts no gifts",
        "Loyal to old suppliers",
        "A word given is kept",
    ],
};

/// Fills the items in about the proportions a rep who has known someone for years would:
/// the visible ones often, the sensitive ones (religion, politics) seldom.
pub(super) fn fill(p: &mut PersonalDossier, tongue: Tongue, seed: u64) {
    let mut r = Rng::fork(seed, 66);
    let w = match tongue {
        Tongue::Zh => &ZH,
        Tongue::En => &EN,
    };
    let mut maybe = |list: &[&str], pct: u64| {
        r.chance(pct)
            .then(|| list[r.below(list.len() as u64) as usize].to_string())
    };
    if p.university.is_some() {
        p.degree = maybe(w.degrees, 70);
    }
    p.height = maybe(w.heights, 30);
    p.weight = maybe(w.weights, 20);
    p.appearance = maybe(w.appearance, 40);
    p.military_service = maybe(w.services, 12);
    if p.military_service.is_some() {
        p.military_rank = maybe(w.ranks, 70);
        p.military_attitude = maybe(w.service_attitude, 80);
    }
    p.outlook_why = maybe(w.why, 30);
    p.social_activities = maybe(w.social, 30);
    p.special_habits = maybe(w.habits, 35);
    p.religion = maybe(w.religion, 10);
    p.political_activity = maybe(w.politics, 10);
    p.ethics = maybe(w.ethics, 30);
    if p.children.is_some() && r.chance(60) {
        p.children_custody = Some(r.chance(90));
    }
    if p.outlook_why.is_some() || r.chance(30) {
        p.cares_most_about = Some(if r.chance(60) {
            FutureConcern::Company
        } else {
            FutureConcern::Own
        });
        p.thinks_of = Some(if r.chance(50) {
            TimeFocus::Present
        } else {
            TimeFocus::Future
        });
    }
}
