//! Per-keystroke speed of the finder at 100,000 accounts and 300,000 contacts.
//!
//! `cargo bench --bench finder` builds synthetic accounts (half Chinese, half English, three
//! contacts each) from a fixed-seed generator, then types ~200 queries one character at a
//! time and reports the time of each keystroke's search.

use kam::search::Finder;
use kam::store::{AccountSummary, ContactKey};
use std::time::{Duration, Instant};

const ACCOUNTS: usize = 100_000;
const LIMIT: usize = 50;

/// xorshift64*: small, fixed seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T: ?Sized>(&mut self, xs: &[&'a T]) -> &'a T {
        xs[self.below(xs.len())]
    }
}

const SURNAMES: &[&str] = &[
    "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "曾", "单", "解", "区", "查", "仇", "郑", "谢", "宋", "唐",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "小", "贤", "文", "建", "国", "红", "乐", "长",
    "重",
];
const WORDS: &[&str] = &[
    "华", "为", "技", "术", "中", "国", "银", "行", "东", "方", "海", "天", "新", "兴", "恒", "通",
    "达", "信", "远", "航", "金", "山", "宏", "发", "安", "泰", "长", "城", "盛", "世", "光", "明",
    "电", "子", "重", "工", "乐", "康",
];
const SUFFIXES: &[&str] = &[
    "科技有限公司",
    "集团",
    "股份有限公司",
    "贸易公司",
    "医药",
    "物流",
    "软件",
    "",
];
const FIRST: &[&str] = &[
    "John", "Mary", "Peter", "Linda", "James", "Susan", "Robert", "Karen", "David", "Lisa",
    "Thomas", "Anna", "Mark", "Laura", "Paul", "Emma",
];
const LAST: &[&str] = &[
    "Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Clark", "Lewis", "Walker",
    "Hall", "Young", "King", "Wright", "Green", "Baker",
];
const ENGLISH: &[&str] = &[
    "Acme", "Global", "Northern", "Pacific", "Summit", "Blue", "River", "Atlas", "Pioneer",
    "Vertex", "Orion", "Silver", "Harbor", "Maple", "Quantum", "Apex", "Delta", "Sterling",
    "Crown", "Falcon",
];
const KINDS: &[&str] = &[
    "Trading",
    "Logistics",
    "Foods",
    "Systems",
    "Pharma",
    "Holdings",
    "Motors",
    "Labs",
    "Energy",
];
const ENDINGS: &[&str] = &["Ltd", "Inc", "GmbH", "Co", "Group", ""];

fn phone(rng: &mut Rng) -> String {
    let n = format!("1{}{:09}", 3 + rng.below(7), rng.below(1_000_000_000));
    match rng.below(4) {
        0 => n,
        1 => format!("+86 {} {} {}", &n[..3], &n[3..7], &n[7..]),
        2 => format!("{}-{}-{}", &n[..3], &n[3..7], &n[7..]),
        _ => format!("0086{n}"),
    }
}

fn generate() -> (Vec<AccountSummary>, Vec<ContactKey>) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut accounts = Vec::with_capacity(ACCOUNTS);
    let mut contacts = Vec::with_capacity(ACCOUNTS * 3);
    for i in 0..ACCOUNTS {
        let id = i as i64 + 1;
        let chinese = i % 2 == 0;
        let (name, short) = if chinese {
            let mut core = String::new();
            for _ in 0..2 + rng.below(3) {
                core.push_str(rng.pick(WORDS));
            }
            let name = format!("{}{}", core, rng.pick(SUFFIXES));
            (name, Some(core))
        } else {
            let name = format!(
                "{} {} {}",
                rng.pick(ENGLISH),
                rng.pick(KINDS),
                rng.pick(ENDINGS)
            );
            (name.trim().to_string(), None)
        };
        let day = rng.below(1500);
        accounts.push(AccountSummary {
            id,
            code: format!("C{id:06}"),
            name,
            short_name: short,
            last_activity: Some(format!(
                "{}-{:02}-{:02} 10:00:00",
                2021 + day / 365,
                1 + day % 365 / 31,
                1 + day % 28
            )),
            ..AccountSummary::default()
        });
        for _ in 0..3 {
            let (name, email) = if chinese {
                let n = format!(
                    "{}{}{}",
                    rng.pick(SURNAMES),
                    rng.pick(GIVEN),
                    if rng.below(2) == 0 {
                        rng.pick(GIVEN)
                    } else {
                        ""
                    }
                );
                (n, format!("user{}@example.cn", rng.below(1_000_000)))
            } else {
                let (f, l) = (rng.pick(FIRST), rng.pick(LAST));
                (
                    format!("{f} {l}"),
                    format!("{}.{}@example.com", f.to_lowercase(), l.to_lowercase()),
                )
            };
            let phones = (0..1 + rng.below(2)).map(|_| phone(&mut rng)).collect();
            contacts.push(ContactKey {
                account_id: id,
                name,
                phones,
                email: Some(email),
                title: None,
                custom: vec![],
            });
        }
    }
    (accounts, contacts)
}

fn queries(rng: &mut Rng, accounts: &[AccountSummary]) -> Vec<String> {
    let mut qs: Vec<String> = [
        "zhangsan",
        "zs",
        "hwjs",
        "huawei",
        "zxx",
        "cxx",
        "zengxiao",
        "shantian",
        "xiej",
        "ouyang",
        "zhaw",
        "qiuc",
        "华为",
        "华为技术",
        "中国银行",
        "张伟",
        "长城",
        "重工",
        "smith",
        "acme tr",
        "global",
        "pacific foods",
        "vertex",
        "john",
        "laura.green",
        "example.cn",
        "13800138000",
        "138 0013",
        "+86 139",
        "0086138",
        "c000123",
        "c0999",
        "ＡＣＭＥ",
        "zhongguo",
        "zgyh",
        "yinhang",
        "xingye",
        "hengtong",
        "kjyxgs",
        "ltd",
        "xyzqw",
        "qqqq",
        "acmx",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    while qs.len() < 200 {
        let a = &accounts[rng.below(accounts.len())];
        let q: String = match rng.below(4) {
            0 => a.name.chars().take(1 + rng.below(4)).collect(),
            1 => a
                .name
                .to_lowercase()
                .chars()
                .skip(rng.below(3))
                .take(3 + rng.below(5))
                .collect(),
            2 => format!("1{}{}", 3 + rng.below(7), rng.below(1_000_000)),
            _ => a.code.to_lowercase(),
        };
        let q = q.trim().to_string();
        if !q.is_empty() {
            qs.push(q);
        }
    }
    qs
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let (accounts, contacts) = generate();
    let started = Instant::now();
    let finder = Finder::new(accounts.clone(), contacts);
    let build = started.elapsed();
    // `KAM_BENCH_REPEAT=xie` repeats one query (for a profiler) instead of the keystrokes.
    if let Ok(q) = std::env::var("KAM_BENCH_REPEAT") {
        let t = Instant::now();
        for _ in 0..500 {
            std::hint::black_box(finder.search(&q, LIMIT));
        }
        println!(
            "{q:?}: {:.2} ms per search",
            t.elapsed().as_secs_f64() * 1e3 / 500.0
        );
        return;
    }
    let mut rng = Rng(42);
    let qs = queries(&mut rng, &accounts);

    let mut times = Vec::new();
    let mut each: Vec<(Duration, String)> = Vec::new();
    let mut hits = 0usize;
    let mut slowest = (Duration::ZERO, String::new());
    for q in &qs {
        let chars: Vec<char> = q.chars().collect();
        for n in 1..=chars.len().min(8) {
            let typed: String = chars[..n].iter().collect();
            let t = Instant::now();
            let found = finder.search(&typed, LIMIT);
            let d = t.elapsed();
            hits += found.len();
            if d > slowest.0 {
                slowest = (d, typed.clone());
            }
            times.push(d);
            each.push((d, typed));
        }
    }
    times.sort();
    each.sort_by_key(|e| std::cmp::Reverse(e.0));
    let worst: Vec<String> = each
        .iter()
        .take(12)
        .map(|(d, q)| format!("{q:?} {:.1}", d.as_secs_f64() * 1e3))
        .collect();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "accounts {} contacts {} build {:.0} ms",
        finder.len(),
        ACCOUNTS * 3,
        ms(build)
    );
    println!(
        "{} queries, {} keystrokes (limit {LIMIT}, {} hits): p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms (slowest: {:?})",
        qs.len(),
        times.len(),
        hits,
        ms(pct(&times, 0.5)),
        ms(pct(&times, 0.99)),
        ms(*times.last().unwrap()),
        slowest.1
    );
    println!("slowest keystrokes (ms): {}", worst.join(", "));
    let t = Instant::now();
    let empty = finder.search("", LIMIT);
    println!(
        "empty query: {} hits in {:.2} ms",
        empty.len(),
        ms(t.elapsed())
    );
}
