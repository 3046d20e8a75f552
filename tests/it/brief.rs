//! The brief before a visit (`kam brief`), on a small book whose every figure was worked out
//! by hand: which visit, who is on the list and in what order, which dates are coming up,
//! what counts as the last visit and as still open, and the sales of the two years.

use crate::support::*;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;
use kam::visits::brief::{compose, DateKind};

struct Book {
    db: TempDb,
    account: i64,
}

fn person(store: &mut Store, account_id: i64, name: &str, set: impl FnOnce(&mut Contact)) {
    let mut c = Contact {
        account_id,
        name: name.into(),
        ..Default::default()
    };
    set(&mut c);
    store.insert(&mut c).unwrap();
}

fn deal(store: &mut Store, account_id: i64, day: &str, amount: &str, status: Option<OrderStatus>) {
    let mut d = Deal {
        account_id,
        date: Some(date(day)),
        product: format!("货品{day}"),
        amount: Some(money(amount)),
        status,
        ..Default::default()
    };
    store.insert(&mut d).unwrap();
}

/// One account, the week of 2026-11-23: a visit planned on Wednesday 11-25 with 王芳.
fn book() -> Book {
    let db = TempDb::new();
    let mut s = db.writer();
    let mut a = Account {
        code: "K001".into(),
        name: "杭州青禾电子有限公司".into(),
        grade: Some(Grade::B),
        province: Some("浙江省".into()),
        city: Some("杭州市".into()),
        unsuitable_visit_times: Some("周一上午".into()),
        ..Default::default()
    };
    let id = s.insert(&mut a).unwrap();
    // Entered in this order: the one with no role is left out, the others are ranked.
    person(&mut s, id, "孙丽", |c| c.role = Some(ContactRole::User));
    person(&mut s, id, "赵刚", |c| {
        c.role = Some(ContactRole::DecisionMaker)
    });
    person(&mut s, id, "王芳", |c| {
        c.role = Some(ContactRole::Purchasing);
        c.title = Some("采购经理".into());
        c.mobile = Some("13800001111".into());
        // 6 days after the visit's day (11-25); the spouse's 40 days after: not named.
        c.birthday = Some(date("1980-12-01"));
        c.dossier = Some(PersonalDossier {
            hobbies: Some("钓鱼".into()),
            topics_to_avoid: Some("前任供应商".into()),
            spouse_birthday: Some(date("1982-01-04")),
            ..Default::default()
        });
    });
    person(&mut s, id, "李强", |c| c.is_primary = true);
    person(&mut s, id, "钱多", |c| c.role = Some(ContactRole::Other));
    for (at, contact, status) in [
        ("2026-11-24 09:00", "赵刚", Some(PlanStatus::Done)),
        ("2026-11-25 10:00", "王芳 采购部", Some(PlanStatus::Planned)),
        ("2026-12-02 14:00", "赵刚", None),
    ] {
        let mut p = VisitPlan {
            account_id: id,
            planned_at: Some(datetime(at)),
            contact: Some(contact.into()),
            purpose: Some("报价".into()),
            notes: Some("带新版报价单".into()),
            status,
            ..Default::default()
        };
        s.insert(&mut p).unwrap();
    }
    for (day, open, watch) in [
        ("2026-11-10", Some("报价单有误"), None),
        ("2026-11-20", None, Some("先谈交期")),
    ] {
        let mut r = VisitReport {
            account_id: id,
            date: Some(date(day)),
            person_met: Some("王芳".into()),
            problems_open: open.map(Into::into),
            watch_next_time: watch.map(Into::into),
            ..Default::default()
        };
        s.insert(&mut r).unwrap();
    }
    for (at, next) in [
        ("2026-11-15 09:00", Some("寄样品")),
        ("2026-11-21 16:00", Some("发报价")),
        ("2026-11-22 11:00", None),
    ] {
        let mut c = Communication {
            account_id: id,
            at: Some(datetime(at)),
            content: format!("沟通{at}"),
            next_step: next.map(Into::into),
            ..Default::default()
        };
        s.insert(&mut c).unwrap();
    }
    // From the visit's day 2026-11-25: the twelve months are (2025-11-25, 2026-11-25], the
    // twelve before (2024-11-25, 2025-11-25].
    deal(&mut s, id, "2026-10-01", "10000", None);
    deal(
        &mut s,
        id,
        "2025-11-25",
        "5000",
        Some(OrderStatus::Delivered),
    );
    deal(&mut s, id, "2025-06-01", "20000", None);
    deal(
        &mut s,
        id,
        "2026-09-01",
        "99999",
        Some(OrderStatus::Cancelled),
    );
    deal(&mut s, id, "2026-11-26", "777", None);
    for (title, stage) in [("年度框架", Stage::Quote), ("旧单", Stage::Won)] {
        let mut o = Opportunity {
            account_id: id,
            title: title.into(),
            stage: Some(stage),
            next_step: Some("约技术交流".into()),
            ..Default::default()
        };
        s.insert(&mut o).unwrap();
    }
    for (request, status) in [
        ("主板维修", Some(ServiceStatus::InProgress)),
        ("上门培训", Some(ServiceStatus::Resolved)),
    ] {
        let mut r = ServiceRecord {
            account_id: id,
            date: Some(date("2026-11-12")),
            request: request.into(),
            status,
            ..Default::default()
        };
        s.insert(&mut r).unwrap();
    }
    for (content, kind, status) in [
        (
            "交货晚了三天",
            FeedbackKind::Complaint,
            FeedbackStatus::Open,
        ),
        ("包装破损", FeedbackKind::Complaint, FeedbackStatus::Closed),
        ("服务很好", FeedbackKind::Praise, FeedbackStatus::Open),
    ] {
        let mut f = Feedback {
            account_id: id,
            date: Some(date("2026-11-18")),
            content: content.into(),
            kind: Some(kind),
            status: Some(status),
            ..Default::default()
        };
        s.insert(&mut f).unwrap();
    }
    drop(s);
    Book { db, account: id }
}

fn names(b: &kam::visits::Brief) -> Vec<&str> {
    b.people.iter().map(|p| p.contact.name.as_str()).collect()
}

#[test]
fn the_brief_is_for_the_next_planned_visit_and_names_who_it_names_first() {
    let b = book();
    let store = b.db.writer();
    let d = store.dossier(b.account).unwrap();
    let brief = compose(&d, date("2026-11-23"), None, Some(Grade::C));
    // The plan of 11-24 is done; the next one still planned is 11-25.
    assert_eq!(
        brief.visit.as_ref().and_then(|v| v.planned_at),
        Some(datetime("2026-11-25 10:00"))
    );
    assert_eq!(brief.day, date("2026-11-25"));
    // Named by the visit, then primary, then decision maker, then purchasing; 孙丽 (user)
    // and 钱多 (other) are left out.
    assert_eq!(names(&brief), ["王芳", "李强", "赵刚"]);
    assert!(brief.people[0].named_by_visit && !brief.people[1].named_by_visit);
    assert_eq!(
        brief.people[0].dates,
        [(DateKind::Birthday, date("2026-12-01"))]
    );
    // The last visit before the day is 11-20; the next step of 11-15 came before it.
    assert_eq!(
        brief.last_visit.as_ref().and_then(|r| r.date),
        Some(date("2026-11-20"))
    );
    let steps: Vec<_> = brief
        .next_steps
        .iter()
        .map(|c| c.next_step.clone().unwrap())
        .collect();
    assert_eq!(steps, ["发报价"]);
    // Sales: 10,000 in the year up to 11-25 (the cancelled 99,999 and the 777 after the day
    // are none); 5,000 (on the boundary) + 20,000 in the year before.
    assert_eq!(brief.sales.last_12, money("10000"));
    assert_eq!(brief.sales.previous_12, money("25000"));
    assert_eq!(
        brief.sales.latest.as_ref().and_then(|d| d.date),
        Some(date("2026-10-01"))
    );
    let titles: Vec<_> = brief
        .opportunities
        .iter()
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(titles, ["年度框架"]);
    let open: Vec<_> = brief
        .open_service
        .iter()
        .map(|s| s.request.as_str())
        .collect();
    assert_eq!(open, ["主板维修"]);
    let complaints: Vec<_> = brief
        .open_complaints
        .iter()
        .map(|f| f.content.as_str())
        .collect();
    assert_eq!(complaints, ["交货晚了三天"]);
    assert_eq!(brief.communications.len(), 3);
    assert_eq!(
        brief.communications[0].at,
        Some(datetime("2026-11-22 11:00"))
    );

    let text = brief.to_text(Lang::En, false);
    for line in [
        "Brief · 杭州青禾电子有限公司 K001",
        "  Visit: 2026-11-25 Wednesday 10:00 · 王芳 采购部 · 报价",
        "Grade: B (computed C)",
        "  Address: 浙江省 杭州市",
        "  王芳 · 采购经理 · Purchasing · 13800001111",
        "    Birthday 12-01 (in 6 days)",
        "  Last visit 2026-11-20 · 王芳",
        "    Watch next time: 先谈交期",
        "  2026-11-21 Next step: 发报价",
        "  last 12 months 10,000.00 (the 12 before: 25,000.00, -60%)",
        "  latest order 2026-10-01: 货品2026-10-01, 10,000.00",
        "  Plan notes: 带新版报价单",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    // The personal dossier is said to exist, not shown.
    assert!(
        !text.contains("钓鱼") && !text.contains("前任供应商"),
        "{text}"
    );
    assert!(text.contains("a personal dossier is on file"), "{text}");
    let personal = brief.to_text(Lang::En, true);
    assert!(
        personal.contains("    Topics to avoid: 前任供应商"),
        "{personal}"
    );
    assert!(personal.contains("    Hobbies: 钓鱼"), "{personal}");
    // No message id is left untranslated in either language.
    for lang in [Lang::En, Lang::Zh] {
        let all = brief.to_text(lang, true) + &brief.to_markdown(lang, true);
        assert!(!all.contains("brief-") && !all.contains("field-"), "{all}");
    }
}

#[test]
fn a_day_picks_its_own_visit_or_none() {
    let b = book();
    let store = b.db.writer();
    let d = store.dossier(b.account).unwrap();
    let brief = compose(&d, date("2026-11-23"), Some(date("2026-12-02")), None);
    assert_eq!(brief.day, date("2026-12-02"));
    // 赵刚 is named on that day's plan: he comes first.
    assert_eq!(names(&brief), ["赵刚", "李强", "王芳"]);
    let brief = compose(&d, date("2026-11-23"), Some(date("2026-11-30")), None);
    assert!(brief.visit.is_none());
    assert_eq!(brief.day, date("2026-11-30"));
    assert!(brief
        .to_text(Lang::Zh, false)
        .contains("2026-11-30 起没有拜访计划"));
}

#[test]
fn kam_brief_prints_the_brief_in_chinese_and_as_markdown() {
    let b = book();
    let o = kam_db(
        &b.db.path,
        &[
            "--lang",
            "zh",
            "brief",
            "K001",
            "--date",
            "2026-11-25",
            "--format",
            "md",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.starts_with("# 拜访简报 · 杭州青禾电子有限公司 K001\n"),
        "{md}"
    );
    for line in [
        "## 要见的人",
        "- 王芳 · 采购经理 · 采购 · 13800001111",
        "  - 出生年月日 12-01（6 天后）",
        "- 近 12 个月 10,000.00（之前 12 个月：25,000.00，-60%）",
        "- 服务请求 · 2026-11-12 · 主板维修 · 处理中",
        "- 投诉 · 2026-11-18 · 交货晚了三天",
    ] {
        assert!(md.contains(line), "{line:?} not in:\n{md}");
    }
    let line = assert_one_error_line(&kam_db(&b.db.path, &["brief", "NOPE"]));
    assert!(
        line.contains("there is no account with code NOPE"),
        "{line}"
    );
    let line = assert_one_error_line(&kam_db(&b.db.path, &["brief", "K001", "--date", "someday"]));
    assert!(line.contains("someday"), "{line}");
}
