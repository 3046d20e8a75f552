//! Sample records with every field filled, so a column lost on the way through the store, an
//! export or an import shows up as a difference; `fill` puts one of each kind in a book.

use super::{date, datetime, money};
use kam::domain::*;
use kam::store::Store;

pub fn sample_account(code: &str) -> Account {
    Account {
        id: 0,
        code: code.into(),
        name: "福州宏达机械制造有限公司".into(),
        short_name: Some("宏达机械".into()),
        customer_type: Some(CustomerType::Company),
        registration_no: Some("91350100M000100Y43".into()),
        industry: Some(Industry::C),
        industry_note: Some("机床".into()),
        nature: Some(EnterpriseNature::Private),
        employees: Some(320),
        annual_revenue: Some(money("1234.50")),
        size_source: Some("年报".into()),
        province: Some("福建省".into()),
        city: Some("福州市".into()),
        district: Some("鼓楼区".into()),
        street: Some("五四路 88 号".into()),
        distance_km: Some(12.5),
        unsuitable_visit_times: Some("周一上午".into()),
        category: Some(Category::Key),
        credit: Some(Credit::A),
        grade: Some(Grade::B),
        status: Some(AccountStatus::Active),
        owner: Some("李娜".into()),
        source: Some("展会".into()),
        cooperating_since: Some(date("2019-03-01")),
        business_policy: Some(BusinessPolicy::Solid),
        business_state: Some(BusinessState::Rising),
        location_type: Some(LocationType::Industrial),
        bank: Some("招商银行".into()),
        bank_account: Some("6225 8801 2345 6789".into()),
        funds: Some(Funds::Sufficient),
        payment_attitude: Some(PaymentAttitude::Prompt),
        dealer_brands: Some("本公司 60%, 竞品甲 40%".into()),
        dealer_stores: Some("总店 70%, 门市 30%".into()),
        dealer_sales_area: Some(SalesArea::Local),
        dealer_price_level: Some(PriceLevel::SlightlyLow),
        dealer_exclusive: Some(false),
        relationship_status: Some("采购总监认可, 财务偏向竞品".into()),
        relationship_outlook: Some("明年争取独家".into()),
        place_lat: Some(31.2304),
        place_lon: Some(121.4737),
        notes: Some("第一行\n第二行".into()),
        tags: Some("vip, 老客户".into()),
        custom: None,
        created_at: None,
        updated_at: None,
        created_by: None,
    }
}

pub fn sample_dossier() -> PersonalDossier {
    PersonalDossier {
        high_school: Some("福州一中".into()),
        university: Some("厦门大学".into()),
        major: Some("机械工程".into()),
        graduation: Some("1998".into()),
        spouse_name: Some("王芳".into()),
        spouse_birthday: Some(date("1976-05-04")),
        wedding_anniversary: Some(date("2001-10-01")),
        children: Some("张小明, 14, 篮球\n张小红, 9, 钢琴".into()),
        hobbies: Some("钓鱼".into()),
        drinking: Some("红酒, 少量".into()),
        objects_to_drinking: Some(false),
        smokes: Some(false),
        objects_to_smoking: Some(true),
        self_centred: Some(false),
        topics_to_avoid: Some("政治".into()),
        relation_nature: Some("校友".into()),
        // The Mackay items issue 22 added; religion, health and politics are sensitive.
        degree: Some("工学硕士".into()),
        height: Some("176 cm".into()),
        military_service: Some("海军".into()),
        children_custody: Some(true),
        cares_most_about: Some(FutureConcern::Own),
        thinks_of: Some(TimeFocus::Future),
        special_habits: Some("只喝铁观音".into()),
        ethics: Some("不收礼".into()),
        religion: Some("信仰佛教".into()),
        health: Some("患有糖尿病".into()),
        political_activity: Some("区人大代表".into()),
        ..Default::default()
    }
}

pub fn sample_contact(account_id: i64) -> Contact {
    Contact {
        id: 0,
        account_id,
        name: "张三".into(),
        nickname: Some("老张".into()),
        gender: Some(Gender::Male),
        ethnicity: Some("汉族".into()),
        title: Some("采购总监".into()),
        department: Some("采购部".into()),
        role: Some(ContactRole::DecisionMaker),
        is_primary: true,
        office_phone: Some("(0591) 8765-4321 ext 8".into()),
        mobile: Some("+86 138 0013 8000".into()),
        home_phone: Some("0591-8888 8888".into()),
        email: Some("zhangsan@hongda.example.cn".into()),
        qq: Some("123456".into()),
        wechat: Some("zhangsan_fz".into()),
        preferred_channel: Some(PreferredChannel::Wechat),
        birthday: Some(date("1975-02-28")),
        birthplace: Some("福州".into()),
        native_place: Some("莆田".into()),
        keep_in_touch_days: Some(30),
        notes: Some("喜欢早上开会".into()),
        tags: Some("golf, 老乡".into()),
        custom: None,
        dossier: Some(sample_dossier()),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_deal(account_id: i64) -> Deal {
    Deal {
        id: 0,
        account_id,
        date: Some(date("2026-10-15")),
        order_no: Some("SO-2026-0042".into()),
        product: "数控车床".into(),
        model: Some("CK6150".into()),
        quantity: Some(3),
        unit_price: Some(money("128000.00")),
        amount: Some(money("380000.01")),
        cost: Some(money("290000.99")),
        payment_status: Some(PaymentStatus::Partial),
        due_date: Some(date("2026-11-14")),
        contract_no: Some("HT-2026-007".into()),
        status: Some(OrderStatus::Shipped),
        notes: Some("含安装".into()),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_contract(account_id: i64) -> Contract {
    Contract {
        id: 0,
        account_id,
        number: "HT-2026-007".into(),
        name: "数控车床年度供货合同".into(),
        signed_on: Some(date("2026-01-05")),
        amount: Some(money("1200000.00")),
        starts_on: Some(date("2026-01-10")),
        ends_on: Some(date("2027-01-09")),
        status: Some(ContractStatus::Active),
        notes: Some("分三期交货".into()),
        created_at: None,
        updated_at: None,
    }
}

/// A part payment of `sample_deal` (380,000.01 due 2026-11-14): 150,000.00 of it came in.
pub fn sample_payment(account_id: i64) -> Payment {
    Payment {
        id: 0,
        account_id,
        date: Some(date("2026-10-30")),
        amount: Some(money("150000.00")),
        method: Some(PaymentMethod::Acceptance),
        order_no: Some("SO-2026-0042".into()),
        contract_no: Some("HT-2026-007".into()),
        note: Some("王建国确认承兑汇票".into()),
        created_at: None,
        updated_at: None,
    }
}

/// A dinner held (客户招待申请表 then 报告表): budget 1,500 + 200, spent 1,380 + 150.
pub fn sample_entertainment(account_id: i64) -> Entertainment {
    Entertainment {
        id: 0,
        account_id,
        date: Some(date("2026-11-06")),
        venue: Some("全聚德(前门店)".into()),
        purpose: Some("年度合作答谢".into()),
        their_attendees: Some("王建国, 采购部李工".into()),
        our_attendees: Some("赵六, 销售总监".into()),
        budget: vec![
            Expense {
                item: ExpenseItem::Meals,
                amount: money("1500.00"),
                note: None,
            },
            Expense {
                item: ExpenseItem::Transport,
                amount: money("200.00"),
                note: None,
            },
        ],
        status: Some(Approval::Done),
        approver: Some("销售总监 赵六".into()),
        approved_on: Some(date("2026-09-18")),
        spent: vec![
            Expense {
                item: ExpenseItem::Meals,
                amount: money("1380.00"),
                note: Some("含酒水".into()),
            },
            Expense {
                item: ExpenseItem::Transport,
                amount: money("150.00"),
                note: None,
            },
        ],
        outcome: Some("对方同意下月安排技术交流".into()),
        learned: Some("明年扩产一条线".into()),
        notes: Some("王总不喝白酒".into()),
        created_at: None,
        updated_at: None,
    }
}

/// Two tea sets of 800 planned, given at 1,560.
pub fn sample_gift(account_id: i64) -> Gift {
    Gift {
        id: 0,
        account_id,
        date: Some(date("2026-09-20")),
        purpose: Some("中秋节".into()),
        gift: "茶叶礼盒".into(),
        quantity: Some(2),
        unit_budget: Some(money("800.00")),
        recipient: Some("王建国".into()),
        status: Some(Approval::Done),
        approver: Some("销售总监 赵六".into()),
        approved_on: Some(date("2026-09-18")),
        given_on: Some(date("2026-09-25")),
        actual_cost: Some(money("1560.00")),
        notes: Some("送到办公室".into()),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_competitor(account_id: i64) -> Competitor {
    Competitor {
        id: 0,
        account_id,
        name: "恒达机电有限公司".into(),
        products: Some("数控车床 CK6150".into()),
        prices: Some("CK6150 ¥168,000".into()),
        share: Some(30),
        strengths: Some("价格低,本地有仓库".into()),
        weaknesses: Some("售后响应慢".into()),
        notes: Some("去年丢了二号车间的单子给他们".into()),
        created_at: None,
        updated_at: None,
    }
}

/// Two of the account's people at the autumn seminar.
pub fn sample_event_attendance(account_id: i64) -> EventAttendance {
    EventAttendance {
        id: 0,
        account_id,
        event: "新品技术研讨会(华东)".into(),
        kind: Some(EventKind::Seminar),
        date: Some(date("2026-10-15")),
        place: Some("杭州国际博览中心".into()),
        attendees: Some("王建国, 采购部李工".into()),
        interest: Some(4),
        effect: Some("索要了报价单".into()),
        notes: Some("带了两份样本".into()),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_opportunity(account_id: i64) -> Opportunity {
    Opportunity {
        id: 0,
        account_id,
        title: "二期产线改造".into(),
        stage: Some(Stage::Quote),
        expected_amount: Some(money("2500000.00")),
        expected_close: Some(date("2027-01-31")),
        probability: Some(60),
        owner: Some("李娜".into()),
        next_step: Some("报价评审".into()),
        notes: Some("竞争对手: 沈阳机床".into()),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_needs(account_id: i64) -> Needs {
    Needs {
        id: 0,
        account_id,
        product_spec: Some("加工直径 500mm".into()),
        product_model: Some("CK6150".into()),
        product_quantity: Some("每年 5 台".into()),
        product_timing: Some("Q1".into()),
        service_pre_sale: Some("试切".into()),
        service_in_sale: Some("驻场安装".into()),
        service_after_sale: Some("24 小时响应".into()),
        purchase_channel: Some("直销".into()),
        payment_method: Some("银行承兑".into()),
        delivery_time: Some("45 天".into()),
        notes: Some("预算年初批".into()),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_service(account_id: i64) -> ServiceRecord {
    ServiceRecord {
        id: 0,
        account_id,
        date: Some(date("2026-11-02")),
        kind: Some(ServiceKind::Repair),
        product: Some("数控车床".into()),
        serial_no: Some("SN-0099".into()),
        warranty_until: Some(date("2028-10-15")),
        request: "主轴异响".into(),
        handled_by: Some("王工".into()),
        status: Some(ServiceStatus::InProgress),
        result: Some("更换轴承".into()),
        satisfaction: Some(4),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_feedback(account_id: i64) -> Feedback {
    Feedback {
        id: 0,
        account_id,
        date: Some(date("2026-11-05")),
        kind: Some(FeedbackKind::Complaint),
        rating: Some(2),
        content: "交货晚了一周".into(),
        cause: Some("物流".into()),
        handling: Some("赔偿运费".into()),
        handled_by: Some("李娜".into()),
        status: Some(FeedbackStatus::Open),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_communication(account_id: i64) -> Communication {
    Communication {
        id: 0,
        account_id,
        at: Some(datetime("2026-11-20 15:45")),
        channel: Some(CommChannel::Meeting),
        contacts: Some("张三, 王工".into()),
        content: "讨论二期方案".into(),
        result: Some("同意报价".into()),
        next_step: Some("周五前发报价单".into()),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_plan(account_id: i64) -> VisitPlan {
    VisitPlan {
        id: 0,
        account_id,
        planned_at: Some(datetime("2026-11-24 09:30")),
        contact: Some("张三".into()),
        purpose: Some("送报价".into()),
        place: Some("客户工厂".into()),
        method: Some(VisitMethod::Visit),
        department: Some("采购部".into()),
        status: Some(PlanStatus::Planned),
        notes: Some("带样件".into()),
        created_at: None,
        updated_at: None,
    }
}

pub fn sample_report(account_id: i64) -> VisitReport {
    VisitReport {
        id: 0,
        account_id,
        date: Some(date("2026-11-20")),
        person_met: Some("张三".into()),
        purpose: Some(VisitPurpose::RelationshipBuilding),
        summary: Some("参观新车间".into()),
        outcome: Some(Outcome::Promising),
        problems_solved: Some("交期说明".into()),
        problems_open: Some("付款方式".into()),
        watch_next_time: Some("避开周一".into()),
        next_visit: Some(date("2026-12-01")),
        companions: Some("王工".into()),
        filled_by: Some("李娜".into()),
        expenses: vec![
            Expense {
                item: ExpenseItem::Transport,
                amount: money("35.50"),
                note: Some("出租车".into()),
            },
            Expense {
                item: ExpenseItem::Meals,
                amount: money("268.00"),
                note: None,
            },
        ],
        created_at: None,
        updated_at: None,
    }
}

/// A database with one fully filled account (`C000777`) holding one record of every kind.
/// Returns the account id.
pub fn fill(store: &mut Store) -> i64 {
    let mut a = sample_account("C000777");
    let id = store.insert(&mut a).unwrap();
    store.insert(&mut sample_contact(id)).unwrap();
    store.insert(&mut sample_deal(id)).unwrap();
    store.insert(&mut sample_opportunity(id)).unwrap();
    store.insert(&mut sample_needs(id)).unwrap();
    store.insert(&mut sample_service(id)).unwrap();
    store.insert(&mut sample_feedback(id)).unwrap();
    store.insert(&mut sample_communication(id)).unwrap();
    store.insert(&mut sample_plan(id)).unwrap();
    store.insert(&mut sample_report(id)).unwrap();
    store.insert(&mut sample_contract(id)).unwrap();
    store.insert(&mut sample_payment(id)).unwrap();
    store.insert(&mut sample_entertainment(id)).unwrap();
    store.insert(&mut sample_gift(id)).unwrap();
    store.insert(&mut sample_competitor(id)).unwrap();
    store.insert(&mut sample_event_attendance(id)).unwrap();
    id
}
