//! Demo entertainment (客户招待), gifts (礼品馈赠) and competitors (竞争对手): more of each for
//! the accounts that matter more, as a rep spends on key accounts and hardly on potential
//! ones; competitors most of all where we are not (yet) the supplier. Drawn from a stream of
//! their own, so the rest of the demo book is what it was before (and stays the same for a
//! seed).

use super::*;

/// Mixed into the seed for this stream.
const RELATIONS_STREAM: u64 = 0x7265_6c61_7400_0022;

const ZH_VENUES: &[&str] = &[
    "海底捞(万达店)",
    "全聚德",
    "公司会议室",
    "香格里拉酒店中餐厅",
    "本地农家乐",
    "外婆家",
    "高尔夫球会",
];
const EN_VENUES: &[&str] = &[
    "The Ivy",
    "Hilton, the grill room",
    "our meeting room",
    "Golf club",
    "Steakhouse on Main Street",
    "Italian bistro near their plant",
];
const ZH_PURPOSES: &[&str] = &[
    "新产品推介",
    "年度合作答谢",
    "商谈明年框架协议",
    "解决售后投诉后的关系修复",
    "庆祝项目验收",
    "结识新任采购经理",
];
const EN_PURPOSES: &[&str] = &[
    "New product introduction",
    "Thank-you dinner for the year",
    "Next year's framework agreement",
    "Mending fences after the complaint",
    "Project acceptance celebration",
    "Meeting the new purchasing manager",
];
const ZH_OUTCOMES: &[&str] = &[
    "气氛融洽,对方同意下月安排技术交流",
    "了解到对方预算将增加两成",
    "对方对交货期仍有顾虑",
    "初步同意续签,价格待谈",
    "新采购经理对我司印象良好",
];
const EN_OUTCOMES: &[&str] = &[
    "Warm evening; they agreed to a technical meeting next month",
    "Learned their budget grows by a fifth",
    "Still worried about delivery times",
    "Agreed in principle to renew; price open",
    "The new buyer liked us",
];
const ZH_LEARNED: &[&str] = &[
    "竞争对手报价比我们低约8%",
    "明年扩产一条线",
    "决策权在总经理",
    "对方重视售后响应速度",
];
const EN_LEARNED: &[&str] = &[
    "The competitor quotes about 8% below us",
    "A second line opens next year",
    "The managing director decides",
    "Service response time matters most to them",
];
const ZH_GIFTS: &[(&str, i64)] = &[
    ("中秋月饼礼盒", 300),
    ("茶叶礼盒", 800),
    ("定制保温杯", 120),
    ("新年台历", 60),
    ("白酒", 1200),
    ("水果篮", 200),
];
const EN_GIFTS: &[(&str, i64)] = &[
    ("Hamper for the holidays", 90),
    ("Bottle of wine", 40),
    ("Branded notebook set", 15),
    ("Calendar", 8),
    ("Book voucher", 25),
];
const ZH_GIFT_PURPOSES: &[&str] = &["中秋节", "春节", "开业庆典", "合同签订", "生日"];
const EN_GIFT_PURPOSES: &[&str] = &[
    "Christmas",
    "New year",
    "Opening of the new plant",
    "Contract signed",
    "Birthday",
];
const ZH_RIVALS: &[&str] = &[
    "恒达机电有限公司",
    "华东精工集团",
    "联泰阀门",
    "新锐自动化",
    "博远科技",
];
const EN_RIVALS: &[&str] = &[
    "Acme Industrial",
    "Northwind Controls",
    "Globex Valves",
    "Initech Automation",
    "Vandelay Supplies",
];
const ZH_STRENGTHS: &[&str] = &["价格低", "本地有仓库,交货快", "与采购部关系深", "产品线全"];
const EN_STRENGTHS: &[&str] = &[
    "Cheaper",
    "Local warehouse, fast delivery",
    "Close to purchasing",
    "Broad range",
];
const ZH_WEAKNESSES: &[&str] = &["售后响应慢", "质量不稳定", "账期短", "技术支持弱"];
const EN_WEAKNESSES: &[&str] = &[
    "Slow service",
    "Uneven quality",
    "Short payment terms",
    "Weak technical support",
];

impl Gen<'_> {
    /// The account's entertainment, gifts and competitors.
    pub(super) fn relations(
        &self,
        number: u64,
        ctx: &Acct,
    ) -> (Vec<Entertainment>, Vec<Gift>, Vec<Competitor>) {
        let mut r = Rng::fork(self.seed ^ RELATIONS_STREAM, number);
        let zh = ctx.tongue == Tongue::Zh;
        let pick = |r: &mut Rng, zh_list: &[&'static str], en_list: &[&'static str]| {
            if zh {
                *r.pick(zh_list)
            } else {
                *r.pick(en_list)
            }
        };
        let (treat, give, rival) = match ctx.category {
            Category::Key => (70, 60, 80),
            Category::Major => (40, 35, 60),
            Category::Normal => (10, 10, 30),
            Category::Potential => (5, 3, 40),
        };
        let team = if zh { CN_SALES } else { EN_SALES };
        let contact = |r: &mut Rng| {
            (!ctx.contact_names.is_empty()).then(|| r.pick(&ctx.contact_names).clone())
        };
        let mut entertainments = vec![];
        if r.chance(treat) {
            for _ in 0..r.range(1, 3) {
                let date = self.days_ago(r.range(-20, 400));
                let held = date < self.today;
                let status = if held {
                    r.pick_weighted(&[
                        (Approval::Done, 85),
                        (Approval::Cancelled, 10),
                        (Approval::Rejected, 5),
                    ])
                } else {
                    r.pick_weighted(&[
                        (Approval::Applied, 50),
                        (Approval::Approved, 45),
                        (Approval::Rejected, 5),
                    ])
                };
                let scale = if ctx.category == Category::Key { 2 } else { 1 };
                let meals = money(r.range(3, 15) * 100 * scale);
                let mut budget = vec![line(ExpenseItem::Meals, meals)];
                if r.chance(40) {
                    budget.push(line(ExpenseItem::Transport, money(r.range(1, 5) * 100)));
                }
                if r.chance(30) {
                    budget.push(line(ExpenseItem::Gifts, money(r.range(2, 10) * 100)));
                }
                let spent = if status == Approval::Done {
                    // What it came to: within a fifth of the budget either way, mostly below.
                    budget
                        .iter()
                        .map(|e| {
                            line(
                                e.item,
                                Money::from_cents(e.amount.cents() * r.range(80, 120) / 100),
                            )
                        })
                        .collect()
                } else {
                    vec![]
                };
                let theirs: Vec<String> =
                    (0..r.range(1, 2)).filter_map(|_| contact(&mut r)).collect();
                let mut ours = vec![ctx.owner.to_string()];
                if r.chance(40) {
                    ours.push(r.pick(team).to_string());
                }
                ours.dedup();
                let done = status == Approval::Done;
                let (approver, approved_on) = decided(zh, status, date);
                entertainments.push(Entertainment {
                    date: Some(date),
                    venue: some(pick(&mut r, ZH_VENUES, EN_VENUES)),
                    purpose: some(pick(&mut r, ZH_PURPOSES, EN_PURPOSES)),
                    their_attendees: (!theirs.is_empty()).then(|| theirs.join(", ")),
                    our_attendees: Some(ours.join(", ")),
                    budget,
                    status: Some(status),
                    approver,
                    approved_on,
                    spent,
                    outcome: done.then(|| pick(&mut r, ZH_OUTCOMES, EN_OUTCOMES).to_string()),
                    learned: (done && r.chance(50))
                        .then(|| pick(&mut r, ZH_LEARNED, EN_LEARNED).to_string()),
                    ..Entertainment::default()
                });
            }
        }
        let mut gifts = vec![];
        if r.chance(give) {
            for _ in 0..r.range(1, 3) {
                let (name, unit) = if zh {
                    *r.pick(ZH_GIFTS)
                } else {
                    *r.pick(EN_GIFTS)
                };
                let date = self.days_ago(r.range(-30, 400));
                let given = date < self.today && r.chance(90);
                let quantity = *r.pick(&[1, 1, 1, 2, 2, 5, 10]);
                let status = if given {
                    Approval::Done
                } else {
                    r.pick_weighted(&[
                        (Approval::Applied, 45),
                        (Approval::Approved, 45),
                        (Approval::Rejected, 10),
                    ])
                };
                let (approver, approved_on) = decided(zh, status, date);
                gifts.push(Gift {
                    date: Some(date),
                    purpose: some(pick(&mut r, ZH_GIFT_PURPOSES, EN_GIFT_PURPOSES)),
                    gift: name.to_string(),
                    quantity: Some(quantity),
                    unit_budget: Some(money(unit)),
                    recipient: contact(&mut r),
                    status: Some(status),
                    approver,
                    approved_on,
                    given_on: given.then(|| date + Duration::days(r.range(0, 3))),
                    actual_cost: given
                        .then(|| Money::from_cents(unit * 100 * quantity * r.range(85, 110) / 100)),
                    ..Gift::default()
                });
            }
        }
        let mut competitors = vec![];
        if r.chance(rival) {
            let n = r.range(1, if ctx.category == Category::Key { 3 } else { 2 }) as usize;
            for i in r.distinct(ZH_RIVALS.len(), n) {
                let prod = &PRODUCTS[ctx.products[r.below(ctx.products.len() as u64) as usize]];
                let price = Money::from_cents(
                    r.range(prod.price.0, prod.price.1) * 100 * r.range(85, 105) / 100,
                );
                competitors.push(Competitor {
                    name: if zh { ZH_RIVALS[i] } else { EN_RIVALS[i] }.to_string(),
                    products: some(ctx.tongue.product(prod)),
                    prices: Some(format!("{} {}", prod.model, price.grouped())),
                    share: r.chance(60).then(|| r.range(1, 8) * 10),
                    strengths: some(pick(&mut r, ZH_STRENGTHS, EN_STRENGTHS)),
                    weaknesses: r
                        .chance(80)
                        .then(|| pick(&mut r, ZH_WEAKNESSES, EN_WEAKNESSES).to_string()),
                    ..Competitor::default()
                });
            }
        }
        (entertainments, gifts, competitors)
    }
}

/// Who decided an application and when (审批人, 审批日期): the team's manager, a week before
/// the day; an application still waiting has neither. Drawn from no stream, so the demo's
/// other figures stay as they were.
fn decided(zh: bool, status: Approval, day: NaiveDate) -> (Option<String>, Option<NaiveDate>) {
    if status == Approval::Applied {
        return (None, None);
    }
    let manager = if zh {
        "客户关系主管 孙丽"
    } else {
        "Ruth Hale, manager"
    };
    (Some(manager.to_string()), Some(day - Duration::days(7)))
}

fn line(item: ExpenseItem, amount: Money) -> Expense {
    Expense {
        item,
        amount,
        note: None,
    }
}

/// The book's market events: (Chinese name, English name, kind, place zh, place en, days ago).
const EVENTS: &[(&str, &str, EventKind, &str, &str, i64)] = &[
    (
        "中国国际工业博览会",
        "Hannover Messe",
        EventKind::Fair,
        "上海国家会展中心",
        "Hannover",
        300,
    ),
    (
        "新品技术研讨会(华东)",
        "Product seminar, Midlands",
        EventKind::Seminar,
        "杭州",
        "Birmingham",
        230,
    ),
    (
        "线上直播:数字化工厂",
        "Webinar: the digital plant",
        EventKind::Online,
        "",
        "",
        170,
    ),
    (
        "设备维护培训班",
        "Service training day",
        EventKind::Training,
        "公司培训中心",
        "our training centre",
        110,
    ),
    (
        "客户答谢会暨新品发布",
        "Customer day and product launch",
        EventKind::Seminar,
        "北京",
        "London",
        45,
    ),
];
const ZH_EFFECTS: &[&str] = &[
    "索要了报价单",
    "对新品很感兴趣,约了上门演示",
    "只是来看看",
    "介绍了他们的技术负责人",
];
const EN_EFFECTS: &[&str] = &[
    "Asked for a quote",
    "Keen on the new line; demo booked",
    "Just looking",
    "Introduced their technical lead",
];

impl Gen<'_> {
    /// The market events the account's people came to: more for key accounts, and for
    /// potential ones (events are where they are met).
    pub(super) fn event_attendances(&self, number: u64, ctx: &Acct) -> Vec<EventAttendance> {
        let mut r = Rng::fork(self.seed ^ RELATIONS_STREAM ^ 0xe7e7, number);
        let chance = match ctx.category {
            Category::Key => 50,
            Category::Major => 35,
            Category::Normal => 15,
            Category::Potential => 25,
        };
        if !r.chance(chance) || ctx.contact_names.is_empty() {
            return vec![];
        }
        let zh = ctx.tongue == Tongue::Zh;
        let n = r.range(1, 2) as usize;
        r.distinct(EVENTS.len(), n)
            .into_iter()
            .map(|i| {
                let (name_zh, name_en, kind, place_zh, place_en, ago) = EVENTS[i];
                let mut who = vec![r.pick(&ctx.contact_names).clone()];
                if r.chance(30) {
                    who.push(r.pick(&ctx.contact_names).clone());
                }
                who.dedup();
                let place = if zh { place_zh } else { place_en };
                EventAttendance {
                    event: if zh { name_zh } else { name_en }.to_string(),
                    kind: Some(kind),
                    date: Some(self.days_ago(ago)),
                    place: (!place.is_empty()).then(|| place.to_string()),
                    attendees: Some(who.join(", ")),
                    interest: r.chance(70).then(|| r.range(1, 5)),
                    effect: r.chance(50).then(|| {
                        if zh {
                            *r.pick(ZH_EFFECTS)
                        } else {
                            *r.pick(EN_EFFECTS)
                        }
                        .to_string()
                    }),
                    ..EventAttendance::default()
                }
            })
            .collect()
    }
}
