//! Each account's latest visit and communication are kept in one row (`account_latest`, by
//! triggers) for the reminders and the week plan. The rules read them instead of the visit
//! reports, so the kept dates must follow every change: an edit, a removal to the trash and
//! back, a merge, forgetting an account, and must equal what `kam reindex` writes afresh
//! (and what a bulk load writes at its end: `demo::a_bulk_loaded_demo_is_the_book_…`).

use crate::support::*;
use chrono::NaiveDate;
use kam::domain::record::RecordKind;
use kam::domain::*;
use kam::store::Store;

fn account(s: &mut Store, code: &str) -> i64 {
    let mut a = Account {
        code: code.into(),
        name: format!("客户{code}"),
        category: Some(Category::Key),
        ..Default::default()
    };
    s.insert(&mut a).unwrap()
}

fn visit(s: &mut Store, account_id: i64, day: &str) -> VisitReport {
    let mut v = VisitReport {
        account_id,
        date: Some(date(day)),
        ..Default::default()
    };
    s.insert(&mut v).unwrap();
    v
}

fn talk(s: &mut Store, account_id: i64, at: &str) {
    let mut m = Communication {
        account_id,
        at: Some(datetime(at)),
        content: "电话".into(),
        ..Default::default()
    };
    s.insert(&mut m).unwrap();
}

/// The latest visit the week plan and the cadence read, by account.
fn last_visit(s: &Store, id: i64) -> Option<NaiveDate> {
    s.due_facts()
        .unwrap()
        .into_iter()
        .find(|f| f.id == id)
        .and_then(|f| f.last_visit)
}

/// The latest visit or communication the quiet-key-account reminder reads.
fn last_contact(s: &Store, id: i64) -> Option<NaiveDate> {
    s.quiet_key_accounts(date("2099-01-01"))
        .unwrap()
        .into_iter()
        .find(|a| a.id == id)
        .and_then(|a| a.last_contact)
}

#[test]
fn the_kept_dates_follow_edits_the_trash_merges_and_forgetting() {
    let db = TempDb::new();
    let mut s = db.writer();
    let k = account(&mut s, "K1");
    let l = account(&mut s, "K2");
    assert_eq!((last_visit(&s, k), last_contact(&s, k)), (None, None));

    visit(&mut s, k, "2026-11-01");
    let mut later = visit(&mut s, k, "2026-11-10");
    assert_eq!(last_visit(&s, k), Some(date("2026-11-10")));
    // An older visit entered afterwards changes nothing.
    visit(&mut s, k, "2026-10-01");
    assert_eq!(last_visit(&s, k), Some(date("2026-11-10")));

    // Edited to an earlier day: the latest is that day.
    later.date = Some(date("2026-11-05"));
    s.update(&mut later).unwrap();
    assert_eq!(last_visit(&s, k), Some(date("2026-11-05")));
    // To the trash: the one before it; back: again.
    s.delete(RecordKind::VisitReport, later.id).unwrap();
    assert_eq!(last_visit(&s, k), Some(date("2026-11-01")));
    s.restore(RecordKind::VisitReport, later.id).unwrap();
    assert_eq!(last_visit(&s, k), Some(date("2026-11-05")));

    // A communication after the visits is the account's latest contact.
    talk(&mut s, k, "2026-11-20 15:00");
    assert_eq!(last_contact(&s, k), Some(date("2026-11-20")));

    // K2 merged into K1: its later visit and communication become K1's.
    visit(&mut s, l, "2026-11-15");
    talk(&mut s, l, "2026-11-22 09:00");
    assert_eq!(last_visit(&s, l), Some(date("2026-11-15")));
    s.write(|w| w.merge_accounts(k, l)).unwrap();
    assert_eq!(last_visit(&s, k), Some(date("2026-11-15")));
    assert_eq!(last_contact(&s, k), Some(date("2026-11-22")));
    assert_eq!(last_visit(&s, l), None);

    // What a rebuild writes afresh is what the triggers kept.
    let kept = (last_visit(&s, k), last_contact(&s, k));
    s.reindex().unwrap();
    assert_eq!((last_visit(&s, k), last_contact(&s, k)), kept);

    // Forgotten: the account's rows are gone, and so are its dates.
    s.forget(|w| w.forget_account(k)).unwrap();
    assert_eq!((last_visit(&s, k), last_contact(&s, k)), (None, None));
    let m = account(&mut s, "K3");
    assert_eq!((last_visit(&s, m), last_contact(&s, m)), (None, None));
}

/// Kept dates changed behind kam's back (another program, a damaged copy): `kam check` counts
/// the accounts whose kept dates disagree with their visits and communications — in the
/// reader's language — and fails; `kam reindex` writes them afresh.
#[test]
fn check_finds_kept_dates_out_of_step_and_reindex_repairs_them() {
    let db = TempDb::new();
    let mut s = db.writer();
    let a = account(&mut s, "L01");
    let b = account(&mut s, "L02");
    let c = account(&mut s, "L03");
    visit(&mut s, a, "2026-11-02");
    talk(&mut s, b, "2026-11-03 10:00");
    drop(s);
    let ok = kam_db(&db.path, &["check"]);
    assert!(ok.status.success(), "{}", stdout(&ok));
    assert!(
        stdout(&ok).contains("kept per account: 0 accounts wrong"),
        "{}",
        stdout(&ok)
    );

    let raw = rusqlite::Connection::open(&db.path).unwrap();
    // One date moved, one row lost, one invented for an account never visited.
    raw.execute_batch(&format!(
        "UPDATE account_latest SET visit = '2026-01-01' WHERE account_id = {a};
         DELETE FROM account_latest WHERE account_id = {b};
         INSERT INTO account_latest (account_id, visit) VALUES ({c}, '2026-11-20');"
    ))
    .unwrap();
    drop(raw);
    let check = kam_db(&db.path, &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(
        stdout(&check).contains("kept per account: 3 accounts wrong"),
        "{}",
        stdout(&check)
    );
    let zh = kam_db(&db.path, &["--lang", "zh", "check"]);
    assert!(
        stdout(&zh).contains("每个客户保存的最近拜访和沟通日期：3 个客户不符"),
        "{}",
        stdout(&zh)
    );

    assert!(kam_db(&db.path, &["reindex"]).status.success());
    let after = kam_db(&db.path, &["check"]);
    assert!(after.status.success(), "{}", stdout(&after));
    let s = db.writer();
    assert_eq!(last_visit(&s, a), Some(date("2026-11-02")));
    assert_eq!(last_visit(&s, c), None);
}
