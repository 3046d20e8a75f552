//! Issue 21, the money side: contracts and payments received are stored with their history,
//! go to the trash and back, travel in every export and come back, lose a forgotten person's
//! name, make the overdue-payment reminder, and show under the deals with the credit rating
//! they suggest (the rule itself is computed by hand in `domain/credit.rs`).

use crate::support::ui::{fill as fill_ui, open_store, Session};
use crate::support::*;
use crossterm::event::KeyCode;
use kam::app::App;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;
use kam::visits::{reminders, ReminderKind};

fn deal(store: &mut Store, account_id: i64, order_no: &str, due: &str, yuan: &str) -> Deal {
    let mut d = Deal {
        account_id,
        date: Some(date("2026-09-01")),
        order_no: Some(order_no.into()),
        product: "服务器机柜".into(),
        amount: Some(money(yuan)),
        due_date: Some(date(due)),
        ..Default::default()
    };
    store.insert(&mut d).unwrap();
    d
}

fn pay(store: &mut Store, account_id: i64, order_no: &str, on: &str, yuan: &str) -> Payment {
    let mut p = Payment {
        account_id,
        date: Some(date(on)),
        amount: Some(money(yuan)),
        method: Some(PaymentMethod::Transfer),
        order_no: Some(order_no.into()),
        ..Default::default()
    };
    store.insert(&mut p).unwrap();
    p
}

#[test]
fn contracts_and_payments_are_stored_with_history_and_go_to_the_trash_and_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = fill(&mut store);
    let d = store.dossier(id).unwrap();
    assert_eq!(d.contracts.len(), 1);
    assert_eq!(d.contracts[0].number, "HT-2026-007");
    assert_eq!(d.contracts[0].amount, Some(money("1200000.00")));
    assert_eq!(d.payments.len(), 1);
    assert_eq!(d.payments[0].amount, Some(money("150000.00")));
    assert_eq!(d.deals[0].due_date, Some(date("2026-11-14")));
    assert_eq!(d.deals[0].contract_no.as_deref(), Some("HT-2026-007"));
    // Edited: one history row for the field changed.
    let mut p = d.payments[0].clone();
    p.amount = Some(money("160000"));
    assert_eq!(store.update(&mut p).unwrap(), 1);
    let history = store.history(id).unwrap();
    assert!(history
        .iter()
        .any(|c| c.entity == "payments" && c.field.as_deref() == Some("amount")));
    assert!(history.iter().any(|c| c.entity == "contracts"));
    store.delete(RecordKind::Payment, p.id).unwrap();
    assert!(store.dossier(id).unwrap().payments.is_empty());
    let trash = store.trash().unwrap();
    assert!(trash
        .iter()
        .any(|t| t.kind == RecordKind::Payment && t.id == p.id));
    store.restore(RecordKind::Payment, p.id).unwrap();
    assert_eq!(store.dossier(id).unwrap().payments.len(), 1);
}

#[test]
fn a_payment_of_nothing_and_a_term_ending_before_it_starts_are_refused() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = fill(&mut store);
    let mut p = sample_payment(id);
    p.amount = Some(money("0"));
    let e = store.insert(&mut p).unwrap_err().to_string();
    assert!(e.contains("amount") && e.contains("more than zero"), "{e}");
    let mut c = sample_contract(id);
    c.ends_on = Some(date("2025-12-31"));
    let e = store.insert(&mut c).unwrap_err().to_string();
    assert!(e.contains("must not be before the start"), "{e}");
    assert_eq!(
        store.dossier(id).unwrap().payments.len(),
        1,
        "nothing added"
    );
}

#[test]
fn a_forgotten_person_leaves_the_payment_notes_that_named_them() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = fill(&mut store);
    let mut c = sample_contact(id);
    c.name = "王建国".into();
    store.insert(&mut c).unwrap();
    store.forget(|w| w.forget_contact(c.id)).unwrap();
    let p = &store.dossier(id).unwrap().payments[0];
    assert_eq!(p.note.as_deref(), Some("[removed]确认承兑汇票"));
}

#[test]
fn the_overdue_reminder_names_the_order_and_what_is_still_owed() {
    let db = TempDb::new();
    let mut store = db.writer();
    let mut a = sample_account("C000901");
    let id = store.insert(&mut a).unwrap();
    // Today is 2026-11-23.
    deal(&mut store, id, "SO-1", "2026-11-01", "1000"); // part paid: overdue
    pay(&mut store, id, "SO-1", "2026-10-20", "400");
    deal(&mut store, id, "SO-2", "2026-11-01", "500"); // paid in two: not overdue
    pay(&mut store, id, "so-2", "2026-10-20", "200");
    pay(&mut store, id, "SO-2 ", "2026-11-02", "300");
    deal(&mut store, id, "SO-3", "2026-11-30", "800"); // not yet due
    deal(&mut store, id, "SO-4", "2026-11-23", "800"); // due today: not yet overdue
    let mut typed = deal(&mut store, id, "SO-5", "2026-10-01", "800");
    typed.payment_status = Some(PaymentStatus::Paid); // typed as paid: never reminded
    store.update(&mut typed).unwrap();
    let mut cancelled = deal(&mut store, id, "SO-6", "2026-10-01", "800");
    cancelled.status = Some(OrderStatus::Cancelled);
    store.update(&mut cancelled).unwrap();
    let list = reminders(&store, date("2026-11-23"), 7).unwrap();
    let overdue: Vec<_> = list
        .iter()
        .filter(|r| r.kind == ReminderKind::PaymentOverdue)
        .collect();
    assert_eq!(overdue.len(), 1, "{overdue:?}");
    assert_eq!(overdue[0].date, date("2026-11-01"));
    assert_eq!(overdue[0].account_code, "C000901");
    assert_eq!(overdue[0].detail, "SO-1 600.00 / 1,000.00");
    assert_eq!(
        overdue[0].text(Lang::Zh),
        format!("回款逾期: C000901 {} — SO-1 600.00 / 1,000.00", a.name)
    );
    // Paid in full, the reminder goes.
    pay(&mut store, id, "SO-1", "2026-11-23", "600");
    let list = reminders(&store, date("2026-11-23"), 7).unwrap();
    assert!(list.iter().all(|r| r.kind != ReminderKind::PaymentOverdue));
}

#[test]
fn every_export_holds_the_contracts_and_payments_and_a_workbook_brings_them_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    drop(store);
    let xlsx = db.file("book.xlsx");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "export",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&xlsx).unwrap();
    let names = kam::exchange::table::sheet_names(&bytes).unwrap();
    assert!(
        names.contains(&"合同".to_string()) && names.contains(&"回款记录".to_string()),
        "{names:?}"
    );
    let (_, rows) = kam::exchange::table::workbook_rows(&bytes, Some("回款记录")).unwrap();
    let header = &rows[0].1;
    assert!(
        header.contains(&"到账日期".to_string()) && header.contains(&"订单编号".to_string()),
        "{header:?}"
    );
    assert_eq!(rows.len(), 2, "header and the one payment");
    let copy = TempDb::new();
    let o = kam_db(&copy.path, &["import", xlsx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let store = Store::open(&copy.path, kam::store::Access::Read).unwrap();
    let back = store.all::<Payment>().unwrap();
    let mut want = sample_payment(back[0].account_id);
    want.id = back[0].id;
    want.created_at = back[0].created_at.clone();
    want.updated_at = back[0].updated_at.clone();
    assert_eq!(back, vec![want]);
    let contracts = store.all::<Contract>().unwrap();
    assert_eq!(contracts.len(), 1);
    assert_eq!(contracts[0].status, Some(ContractStatus::Active));
    assert_eq!(contracts[0].ends_on, Some(date("2027-01-09")));
}

/// The hand-made book of the screen tests, its deal due 2026-11-07 (50,000.00) and 20,000.00
/// paid: 16 days overdue today, so the payments suggest B beside the typed A.
fn money_session(lang: Lang) -> Session {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    fill_ui(&mut store);
    let mut deal = store.all::<Deal>().unwrap().remove(0);
    deal.due_date = Some(date("2026-11-07"));
    deal.contract_no = Some("HT-2026-01".into());
    store.update(&mut deal).unwrap();
    let mut c = Contract {
        account_id: deal.account_id,
        number: "HT-2026-01".into(),
        name: "机柜年度供货合同".into(),
        signed_on: Some(date("2026-01-05")),
        amount: Some(money("200000")),
        starts_on: Some(date("2026-01-10")),
        ends_on: Some(date("2027-01-09")),
        status: Some(ContractStatus::Active),
        ..Default::default()
    };
    store.insert(&mut c).unwrap();
    pay(
        &mut store,
        deal.account_id,
        "SO-2026-118",
        "2026-10-30",
        "20000",
    );
    Session {
        app: App::new(store, lang).unwrap(),
        dir,
    }
}

#[test]
fn the_deals_tab_shows_contracts_payments_and_what_is_overdue() {
    for lang in [Lang::En, Lang::Zh] {
        let mut s = money_session(lang);
        s.press(KeyCode::Enter).keys("3");
        for (w, h) in [(80, 24), (120, 40)] {
            let screen = s.screen(w, h);
            insta::assert_snapshot!(format!("money_deals_tab_{}_{w}x{h}", lang.code()), screen);
        }
    }
}

#[test]
fn m_on_a_deal_fills_its_order_number_and_what_is_owed_and_saves_a_payment() {
    let mut s = money_session(Lang::En);
    s.press(KeyCode::Enter).keys("3m");
    let screen = s.screen(80, 24);
    assert!(
        screen.contains("SO-2026-118") && screen.contains("30000.00"),
        "{screen}"
    );
    s.save();
    let payments = s.app.store.all::<Payment>().unwrap();
    assert_eq!(payments.len(), 2, "{}", s.status());
    assert_eq!(payments[1].amount, Some(money("30000")));
    assert_eq!(payments[1].date, Some(date("2026-11-23")));
    assert_eq!(payments[1].contract_no.as_deref(), Some("HT-2026-01"));
    // Paid in full now, on 2026-11-23 (16 days after the due date): late, so B stays.
    let shown = s.screen(80, 24);
    assert!(!shown.contains("overdue"), "{shown}");
}
