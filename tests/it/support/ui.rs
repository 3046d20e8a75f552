//! Driving the whole app with keys on a temporary database, and drawing it on a test
//! terminal; `fill` is the small hand-made book of business the screens are drawn with.

pub use super::fixed_now;
use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kam::app::App;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::{Access, Store};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

pub struct Session {
    pub app: App,
    pub dir: tempfile::TempDir,
}

pub fn open_store(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("kam.db"), Access::Write).unwrap();
    store.set_clock(Some(fixed_now()));
    store.set_actor("tester");
    store
}

/// An app on an empty database.
pub fn empty(lang: Lang) -> Session {
    let dir = crate::support::tempdir();
    let store = open_store(&dir);
    Session {
        app: App::new(store, lang).unwrap(),
        dir,
    }
}

/// An app on a small hand-made book of business.
pub fn filled(lang: Lang) -> Session {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    fill(&mut store);
    Session {
        app: App::new(store, lang).unwrap(),
        dir,
    }
}

pub fn fill(store: &mut Store) {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let mut hw = Account {
        name: "华为技术有限公司".into(),
        short_name: Some("华为技术".into()),
        category: Some(Category::Key),
        grade: Some(Grade::A),
        credit: Some(Credit::A),
        status: Some(AccountStatus::Active),
        industry: Some(Industry::I),
        province: Some("广东省".into()),
        city: Some("深圳市".into()),
        district: Some("龙岗区".into()),
        owner: Some("李娜".into()),
        unsuitable_visit_times: Some("周一上午".into()),
        cooperating_since: Some(d(2019, 3, 1)),
        ..Default::default()
    };
    store.insert(&mut hw).unwrap();
    let mut zeng = Contact {
        account_id: hw.id,
        name: "曾小贤".into(),
        title: Some("采购经理".into()),
        role: Some(ContactRole::Purchasing),
        is_primary: true,
        mobile: Some("+86 138 0013 8000".into()),
        email: Some("zeng@example.cn".into()),
        birthday: Some(d(1985, 12, 1)),
        dossier: Some(PersonalDossier {
            hobbies: Some("钓鱼".into()),
            spouse_name: Some("胡一菲".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    store.insert(&mut zeng).unwrap();
    let mut deal = Deal {
        account_id: hw.id,
        date: Some(d(2026, 10, 8)),
        order_no: Some("SO-2026-118".into()),
        product: "服务器机柜".into(),
        model: Some("R42".into()),
        quantity: Some(4),
        unit_price: Some(Money::parse("12500").unwrap()),
        status: Some(OrderStatus::Delivered),
        ..Default::default()
    };
    store.insert(&mut deal).unwrap();
    let mut visit = VisitReport {
        account_id: hw.id,
        date: Some(d(2026, 11, 20)),
        person_met: Some("曾小贤".into()),
        purpose: Some(VisitPurpose::RelationshipBuilding),
        summary: Some("介绍新机柜方案".into()),
        outcome: Some(Outcome::Promising),
        expenses: vec![Expense {
            item: ExpenseItem::Transport,
            amount: Money::parse("35").unwrap(),
            note: None,
        }],
        ..Default::default()
    };
    store.insert(&mut visit).unwrap();
    let mut plan = VisitPlan {
        account_id: hw.id,
        planned_at: Some(d(2026, 11, 26).and_hms_opt(14, 30, 0).unwrap()),
        contact: Some("曾小贤".into()),
        purpose: Some("报价".into()),
        place: Some("坂田基地".into()),
        method: Some(VisitMethod::Visit),
        status: Some(PlanStatus::Planned),
        ..Default::default()
    };
    store.insert(&mut plan).unwrap();
    let mut complaint = Feedback {
        account_id: hw.id,
        date: Some(d(2026, 11, 2)),
        kind: Some(FeedbackKind::Complaint),
        rating: Some(2),
        content: "交货延迟三天".into(),
        status: Some(FeedbackStatus::Open),
        ..Default::default()
    };
    store.insert(&mut complaint).unwrap();

    let mut acme = Account {
        name: "Acme Logistics Inc".into(),
        category: Some(Category::Major),
        grade: Some(Grade::B),
        status: Some(AccountStatus::Active),
        industry: Some(Industry::G),
        province: Some("California".into()),
        city: Some("Oakland".into()),
        owner: Some("Sam".into()),
        ..Default::default()
    };
    store.insert(&mut acme).unwrap();
    let mut jane = Contact {
        account_id: acme.id,
        name: "Jane Smith".into(),
        title: Some("COO".into()),
        is_primary: true,
        office_phone: Some("(510) 555-0142".into()),
        email: Some("jane@acme.example".into()),
        ..Default::default()
    };
    store.insert(&mut jane).unwrap();

    let mut shan = Account {
        name: "单氏五金制品厂".into(),
        category: Some(Category::Normal),
        status: Some(AccountStatus::Dormant),
        industry: Some(Industry::C),
        province: Some("浙江省".into()),
        city: Some("宁波市".into()),
        owner: Some("李娜".into()),
        ..Default::default()
    };
    store.insert(&mut shan).unwrap();

    // Sales the analyses can tell apart (the right answers are worked out in
    // tests/it/analytics.rs): Acme sold less this year than last, 单氏 nothing this year.
    let m = |s: &str| Money::parse(s).unwrap();
    for (account_id, date, product, amount, cost) in [
        (acme.id, d(2026, 3, 16), "Racks", "20000", Some("15000")),
        (acme.id, d(2025, 5, 20), "Racks", "30000", None),
        (shan.id, d(2025, 9, 10), "模具钢", "8000", None),
    ] {
        let mut deal = Deal {
            account_id,
            date: Some(date),
            product: product.into(),
            amount: Some(m(amount)),
            cost: cost.map(m),
            status: Some(OrderStatus::Delivered),
            ..Default::default()
        };
        store.insert(&mut deal).unwrap();
    }
    // Opportunities in every kind of stage, all but the last closing this year.
    for (account_id, title, stage, amount, probability, close) in [
        (
            hw.id,
            "机柜扩容二期",
            Stage::Initial,
            "200000",
            None,
            d(2026, 12, 15),
        ),
        (
            acme.id,
            "Fleet tracking",
            Stage::Needs,
            "30000",
            None,
            d(2026, 12, 31),
        ),
        (
            hw.id,
            "机房监控",
            Stage::Quote,
            "80000",
            Some(50),
            d(2026, 9, 30),
        ),
        (
            acme.id,
            "Warehouse racks",
            Stage::Negotiation,
            "120000",
            None,
            d(2026, 7, 1),
        ),
        (
            hw.id,
            "服务器机柜 R42",
            Stage::Won,
            "50000",
            None,
            d(2026, 10, 8),
        ),
        (
            acme.id,
            "Dock doors",
            Stage::Won,
            "25000",
            None,
            d(2026, 3, 16),
        ),
        (
            shan.id,
            "五金模具",
            Stage::Lost,
            "40000",
            None,
            d(2026, 4, 30),
        ),
        (
            acme.id,
            "Old bid",
            Stage::Lost,
            "10000",
            None,
            d(2025, 6, 30),
        ),
    ] {
        let mut o = Opportunity {
            account_id,
            title: title.into(),
            stage: Some(stage),
            expected_amount: Some(m(amount)),
            probability,
            expected_close: Some(close),
            ..Default::default()
        };
        store.insert(&mut o).unwrap();
    }
}

/// Records of the kinds `fill` leaves out (needs, service, communications), for 华为技术: only
/// the screens of those tabs add them, so every other screen stays as it was drawn before.
pub fn fill_the_other_tabs(store: &mut Store) {
    let hw = store
        .all::<Account>()
        .unwrap()
        .into_iter()
        .find(|a| a.name == "华为技术有限公司")
        .unwrap()
        .id;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let mut needs = Needs {
        account_id: hw,
        product_spec: Some("42U 机柜, 承重 1000 kg".into()),
        product_model: Some("R42".into()),
        product_quantity: Some("每季度 20 台".into()),
        product_timing: Some("2027 Q1".into()),
        service_after_sale: Some("4 小时到场".into()),
        payment_method: Some("月结 60 天".into()),
        delivery_time: Some("30 天".into()),
        ..Default::default()
    };
    store.insert(&mut needs).unwrap();
    let mut service = ServiceRecord {
        account_id: hw,
        date: Some(d(2026, 11, 12)),
        kind: Some(ServiceKind::Repair),
        product: Some("服务器机柜".into()),
        serial_no: Some("R42-0117".into()),
        warranty_until: Some(d(2028, 10, 8)),
        request: "柜门锁损坏".into(),
        handled_by: Some("王工".into()),
        status: Some(ServiceStatus::Resolved),
        result: Some("更换门锁".into()),
        satisfaction: Some(5),
        ..Default::default()
    };
    store.insert(&mut service).unwrap();
    let mut call = Communication {
        account_id: hw,
        at: Some(d(2026, 11, 18).and_hms_opt(15, 45, 0).unwrap()),
        channel: Some(CommChannel::Phone),
        contacts: Some("曾小贤".into()),
        content: "确认二期扩容时间".into(),
        result: Some("12 月中旬下单".into()),
        next_step: Some("发报价单".into()),
        ..Default::default()
    };
    store.insert(&mut call).unwrap();
}

pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

impl Session {
    pub fn press(&mut self, code: KeyCode) -> &mut Self {
        kam::tui::handle(&mut self.app, key(code));
        self
    }

    /// Types text as keys; `\t` is Tab.
    pub fn keys(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            let code = match c {
                '\t' => KeyCode::Tab,
                '\n' => KeyCode::Enter,
                c => KeyCode::Char(c),
            };
            kam::tui::handle(&mut self.app, key(code));
        }
        self
    }

    pub fn save(&mut self) -> &mut Self {
        kam::tui::handle(&mut self.app, ctrl('s'));
        self
    }

    pub fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// The screen as text at `w`×`h`.
    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| kam::ui::draw(f, &self.app)).unwrap();
        terminal.backend().to_string()
    }
}
