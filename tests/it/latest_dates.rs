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
