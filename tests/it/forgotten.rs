//! Nothing forgotten (issue 23): the cadence, reorder, one-contact, keep-in-touch and promise
//! reminders on a small book whose dates were chosen by hand; today is Monday 2026-11-23.
//! Each expected date is worked out in the comment beside it.

use crate::support::ui::{open_store, Session};
use crate::support::*;
use chrono::NaiveDate;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;
use kam::visits::forgotten::Reason;
use kam::visits::{reminders, Reminder, ReminderKind};

fn account(store: &mut Store, code: &str, grade: Option<Grade>) -> i64 {
    let mut a = Account {
        code: code.into(),
        name: format!("客户{code}"),
        category: Some(Category::Normal),
        grade,
        ..Default::default()
    };
    store.insert(&mut a).unwrap()
}

fn visit(store: &mut Store, account_id: i64, day: &str, met: Option<&str>) {
    let mut v = VisitReport {
        account_id,
        date: Some(date(day)),
        person_met: met.map(str::to_string),
        ..Default::default()
    };
    store.insert(&mut v).unwrap();
}

fn plan(store: &mut Store, account_id: i64, at: &str) {
    let mut p = VisitPlan {
        account_id,
        planned_at: Some(datetime(at)),
        ..Default::default()
    };
    store.insert(&mut p).unwrap();
}

fn order(store: &mut Store, account_id: i64, day: &str, status: Option<OrderStatus>) {
    let mut d = Deal {
        account_id,
        date: Some(date(day)),
        product: "机柜".into(),
        status,
        ..Default::default()
    };
    store.insert(&mut d).unwrap();
}

fn contact(store: &mut Store, account_id: i64, name: &str, keep: Option<i64>) -> i64 {
    let mut c = Contact {
        account_id,
        name: name.into(),
        keep_in_touch_days: keep,
        ..Default::default()
    };
    store.insert(&mut c).unwrap()
}

fn talk(store: &mut Store, account_id: i64, at: &str, who: &str, next: Option<&str>) -> i64 {
    let mut c = Communication {
        account_id,
        at: Some(datetime(at)),
        contacts: Some(who.into()),
        content: "电话沟通".into(),
        next_step: next.map(str::to_string),
        ..Default::default()
    };
    store.insert(&mut c).unwrap()
}

fn of(list: &[Reminder], kind: ReminderKind) -> Vec<(NaiveDate, String)> {
    list.iter()
        .filter(|r| r.kind == kind)
        .map(|r| (r.date, r.account_code.clone()))
        .collect()
}

fn today() -> NaiveDate {
    date("2026-11-23")
}

/// The small book of this file (see each rule's test for its part).
fn book(store: &mut Store) {
    // Cadence (A every 14 days, B 30, no grade as E 180).
    let a1 = account(store, "V1", Some(Grade::A));
    visit(store, a1, "2026-11-01", None); // due 11-15: overdue
    let a2 = account(store, "V2", Some(Grade::A));
    visit(store, a2, "2026-11-10", None); // due 11-24: not yet
    let a3 = account(store, "V3", Some(Grade::B));
    visit(store, a3, "2026-10-01", None); // due 10-31, but a visit is planned
    plan(store, a3, "2026-11-25 09:00");
    let a4 = account(store, "V4", None);
    visit(store, a4, "2026-05-01", None); // + 180 days: 10-28
    account(store, "V5", Some(Grade::C)); // never visited: no rhythm to be late on

    // Reorders.
    let r1 = account(store, "R1", None);
    for d in ["2026-08-01", "2026-09-15", "2026-10-15"] {
        order(store, r1, d, None); // 75 days over 2 gaps: 37.5 → 38; 10-15 + 38 = 11-22
    }
    let r2 = account(store, "R2", None);
    for d in ["2026-10-01", "2026-10-21", "2026-11-10"] {
        order(store, r2, d, Some(OrderStatus::Delivered)); // every 20 days: 11-30
    }
    order(store, r2, "2026-11-20", Some(OrderStatus::Cancelled)); // not an order
    let r3 = account(store, "R3", None);
    for d in ["2026-09-01", "2026-09-01", "2026-10-01"] {
        order(store, r3, d, None); // two days only: no rhythm
    }
    let r4 = account(store, "R4", None);
    for d in ["2026-01-01", "2026-02-01", "2026-03-01"] {
        order(store, r4, d, None); // every 30 days (59 / 2 = 29.5): due 03-31, a cycle missed
    }

    // Coverage of key accounts.
    let k1 = account(store, "K1", Some(Grade::A));
    contact(store, k1, "王五", None);
    account(store, "K2", Some(Grade::B)); // nobody at all
    let k3 = account(store, "K3", Some(Grade::A));
    contact(store, k3, "甲", None);
    contact(store, k3, "乙", None);
    let k4 = account(store, "K4", Some(Grade::C));
    contact(store, k4, "丙", None); // a C account: not a key one

    // Keep in touch.
    let c = account(store, "C1", None);
    contact(store, c, "李四", Some(30)); // last 10-20 (a visit met them): due 11-19
    talk(store, c, "2026-10-01 10:00", "李四、张三", None);
    visit(store, c, "2026-10-20", Some("李四"));
    contact(store, c, "赵六", Some(60)); // last 10-01: due 11-30
    talk(store, c, "2026-10-01 11:00", "赵六", None);
    contact(store, c, "钱七", Some(14)); // never spoken to: due today
    contact(store, c, "孙八", None); // no interval: never reminded

    // Promises: said on P1 11-10, nothing since: due 11-17.
    let p1 = account(store, "P1", None);
    talk(store, p1, "2026-11-10 09:00", "", Some("寄样品"));
    let p2 = account(store, "P2", None);
    talk(store, p2, "2026-11-20 09:00", "", Some("报价")); // due 11-27: not yet
    let p3 = account(store, "P3", None);
    talk(store, p3, "2026-11-01 09:00", "", Some("报价"));
    talk(store, p3, "2026-11-05 09:00", "", None); // a later talk followed it
    let p4 = account(store, "P4", None);
    talk(store, p4, "2026-11-01 09:00", "", Some("报价"));
    visit(store, p4, "2026-11-03", None); // a visit followed it
    let p5 = account(store, "P5", None);
    talk(store, p5, "2026-11-01 09:00", "", Some("报价"));
    plan(store, p5, "2026-11-26 14:00"); // the follow-up is arranged
}

fn due(days: u32) -> Vec<Reminder> {
    let db = TempDb::new();
    let mut store = db.writer();
    book(&mut store);
    reminders(&store, today(), days).unwrap()
}

fn on(s: &str, code: &str) -> (NaiveDate, String) {
    (date(s), code.to_string())
}

#[test]
fn an_account_past_its_cadence_is_reminded_from_the_day_it_fell_due() {
    let all = due(14);
    assert_eq!(
        of(&all, ReminderKind::CadenceDue)
            .into_iter()
            .filter(|(_, code)| code.starts_with('V'))
            .collect::<Vec<_>>(),
        vec![on("2026-10-28", "V4"), on("2026-11-15", "V1")]
    );
    let v1 = all.iter().find(|r| r.account_code == "V1").unwrap();
    assert_eq!(
        v1.reason,
        Some(Reason::Cadence {
            grade: "A".into(),
            every_days: 14,
            last_visit: date("2026-11-01")
        })
    );
    assert_eq!(
        v1.text(Lang::En),
        "Visit due (cadence): V1 客户V1 — grade A: a visit every 14 days; last visit 2026-11-01"
    );
}

#[test]
fn a_reorder_is_due_one_purchase_cycle_after_the_last_order() {
    // Within 14 days (to 12-07) both; within 3 days (to 11-26) only the one already due.
    assert_eq!(
        of(&due(14), ReminderKind::ReorderDue),
        vec![on("2026-11-22", "R1"), on("2026-11-30", "R2")]
    );
    let all = due(3);
    assert_eq!(
        of(&all, ReminderKind::ReorderDue),
        vec![on("2026-11-22", "R1")]
    );
    let r1 = all.iter().find(|r| r.account_code == "R1").unwrap();
    assert_eq!(
        r1.about(Lang::Zh),
        "平均每 38 天下单（共 3 单）；上次下单 2026-10-15"
    );
}

#[test]
fn a_key_account_with_one_contact_or_none_is_reminded_today() {
    let all = due(14);
    assert_eq!(
        of(&all, ReminderKind::OneContact),
        // The V accounts of the cadence test are graded A or B with nobody on file either.
        ["K1", "K2", "V1", "V2", "V3"]
            .map(|code| on("2026-11-23", code))
            .to_vec()
    );
    let k1 = all
        .iter()
        .find(|r| r.kind == ReminderKind::OneContact && r.account_code == "K1")
        .unwrap();
    assert_eq!(k1.detail, "王五");
    assert_eq!(
        k1.about(Lang::En),
        "王五 · grade A account with one contact: if they leave, the account goes"
    );
}

#[test]
fn a_contact_past_their_own_interval_is_reminded() {
    let all = due(14);
    let people: Vec<_> = all
        .iter()
        .filter(|r| r.kind == ReminderKind::KeepInTouch)
        .map(|r| (r.date, r.detail.as_str()))
        .collect();
    assert_eq!(
        people,
        vec![(date("2026-11-19"), "李四"), (date("2026-11-23"), "钱七")]
    );
    let qian = all.iter().find(|r| r.detail == "钱七").unwrap();
    assert_eq!(qian.about(Lang::Zh), "钱七 · 每 14 天联系一次；从未联系");
}

#[test]
fn a_promised_next_step_with_nothing_after_it_is_overdue_a_week_later() {
    let all = due(14);
    assert_eq!(
        of(&all, ReminderKind::PromiseOverdue),
        vec![on("2026-11-17", "P1")]
    );
    let p1 = all
        .iter()
        .find(|r| r.kind == ReminderKind::PromiseOverdue)
        .unwrap();
    assert_eq!(
        p1.about(Lang::En),
        "寄样品 · promised 2026-11-10; nothing since for 7 days"
    );
}

#[test]
fn a_contact_keep_in_touch_interval_out_of_range_is_refused() {
    let db = TempDb::new();
    let mut store = db.writer();
    let a = account(&mut store, "X", None);
    let mut c = Contact {
        account_id: a,
        name: "零".into(),
        keep_in_touch_days: Some(0),
        ..Default::default()
    };
    assert!(store.insert(&mut c).is_err());
    let contacts: Vec<Contact> = store.list(a).unwrap();
    assert!(contacts.is_empty(), "nothing saved");
}

#[test]
fn on_the_dashboard_each_reminder_opens_where_it_is_acted_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open_store(&dir);
    book(&mut store);
    let mut s = Session {
        app: kam::app::App::new(store, Lang::En).unwrap(),
        dir,
    };
    s.keys("b");
    let r = s.app.reminders().unwrap();
    let at = r
        .items
        .iter()
        .position(|r| r.kind == ReminderKind::OneContact && r.account_code == "K1")
        .unwrap();
    for _ in 0..at {
        s.keys("j");
    }
    // The last line gives the selected reminder's reason in full, whatever the columns cut.
    let screen = s.screen(80, 24);
    assert!(
        screen.contains("One contact only: 王五 · grade A account with one contact: if they"),
        "{screen}"
    );
    // Enter: the account on its contacts tab, the one contact selected.
    s.press(crossterm::event::KeyCode::Enter);
    let d = s.app.detail().unwrap();
    assert_eq!(d.dossier.account.code, "K1");
    assert_eq!(d.tab, kam::app::detail::Tab::Contacts);
    // b: the dashboard again, on the same reminder; N: a visit plan form for its account.
    s.keys("b");
    assert_eq!(s.app.view(), kam::app::View::Reminders);
    s.keys("N");
    assert!(s.app.form.is_some(), "a plan form is open");
    s.press(crossterm::event::KeyCode::Esc);
    // B: its brief.
    s.keys("B");
    assert_eq!(s.app.brief().unwrap().brief.dossier_account.code, "K1");
}

/// The grade the rules read is the one the list shows: typed, else computed from the year's
/// sales. S1 has no grade typed but sells the most this year (computed A: a visit every 14
/// days, so 11-01 + 14 = 11-15 overdue; one contact: a key account on one person); S2 is
/// typed C (60 days: due 12-31, not yet) and sells nothing; S3–S5 sell nothing (computed E).
#[test]
fn the_rules_read_the_grade_computed_from_sales_when_none_is_typed() {
    let db = TempDb::new();
    let mut store = db.writer();
    let s1 = account(&mut store, "S1", None);
    visit(&mut store, s1, "2026-11-01", None);
    contact(&mut store, s1, "周一", None);
    let mut big = Deal {
        account_id: s1,
        date: Some(date("2026-06-01")),
        product: "机柜".into(),
        amount: Some(money("100000")),
        ..Default::default()
    };
    store.insert(&mut big).unwrap();
    let s2 = account(&mut store, "S2", Some(Grade::C));
    visit(&mut store, s2, "2026-11-01", None);
    contact(&mut store, s2, "甲", None);
    contact(&mut store, s2, "乙", None);
    for code in ["S3", "S4", "S5"] {
        let id = account(&mut store, code, None);
        contact(&mut store, id, "丙", None);
        contact(&mut store, id, "丁", None);
    }
    let all = reminders(&store, today(), 14).unwrap();
    assert_eq!(
        of(&all, ReminderKind::CadenceDue),
        vec![on("2026-11-15", "S1")]
    );
    let s1_due = all
        .iter()
        .find(|r| r.kind == ReminderKind::CadenceDue)
        .unwrap();
    assert_eq!(
        s1_due.reason,
        Some(Reason::Cadence {
            grade: "A".into(),
            every_days: 14,
            last_visit: date("2026-11-01")
        })
    );
    assert_eq!(
        of(&all, ReminderKind::OneContact),
        vec![on("2026-11-23", "S1")]
    );
}
