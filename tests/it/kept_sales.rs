//! Each account's sales per calendar year are kept in one row per account and year
//! (`account_sales`, by triggers) for the grades computed from sales. The rows must follow
//! every change of a deal — a new one, an edit of its amount, date (across a year) or status,
//! the trash and back, a merge, forgetting — and equal, at every step, what the sums
//! over each year's deals say (`sales_by_account`, the grading table's source); `kam check`
//! finds them out of step and `kam reindex` writes them afresh.

use crate::support::*;
use kam::domain::record::RecordKind;
use kam::domain::*;
use kam::store::Store;

fn account(s: &mut Store, code: &str) -> i64 {
    let mut a = Account {
        code: code.into(),
        name: format!("客户{code}"),
        ..Default::default()
    };
    s.insert(&mut a).unwrap()
}

fn deal(s: &mut Store, account_id: i64, day: &str, amount: &str) -> Deal {
    let mut d = Deal {
        account_id,
        date: Some(date(day)),
        product: "机柜".into(),
        amount: Some(money(amount)),
        ..Default::default()
    };
    s.insert(&mut d).unwrap();
    d
}

/// The kept sums of `year`, by account, for the accounts given.
fn kept(s: &Store, year: i32, ids: &[i64]) -> Vec<i64> {
    let k = s.kept_sales_of_year(year).unwrap();
    ids.iter()
        .map(|id| k.get(*id).copied().unwrap_or(0))
        .collect()
}

/// What the year's deals say, by the range query the reports use.
fn summed(s: &Store, year: i32, ids: &[i64]) -> Vec<i64> {
    let from = date(&format!("{year}-01-01"));
    let to = date(&format!("{year}-12-31"));
    let sums = s.sales_by_account(from, to).unwrap();
    ids.iter()
        .map(|id| sums.get(*id).map_or(0, |x| x.sales.cents()))
        .collect()
}

fn agree(s: &Store, ids: &[i64], expected_2026: &[i64]) {
    for year in [2025, 2026, 2027] {
        assert_eq!(kept(s, year, ids), summed(s, year, ids), "{year}");
    }
    assert_eq!(kept(s, 2026, ids), expected_2026);
}

#[test]
fn the_kept_sums_follow_every_change_of_a_deal() {
    let db = TempDb::new();
    let mut s = db.writer();
    let k = account(&mut s, "K1");
    let l = account(&mut s, "K2");
    let ids = [k, l];
    agree(&s, &ids, &[0, 0]);

    let mut a = deal(&mut s, k, "2026-03-01", "1000");
    deal(&mut s, k, "2026-12-31", "250");
    deal(&mut s, k, "2025-12-31", "7"); // last year's
    agree(&s, &ids, &[125_000, 0]);

    // Edited: its amount, then into 2027, then back and cancelled, then not.
    a.amount = Some(money("1500"));
    s.update(&mut a).unwrap();
    agree(&s, &ids, &[175_000, 0]);
    a.date = Some(date("2027-01-01"));
    s.update(&mut a).unwrap();
    agree(&s, &ids, &[25_000, 0]);
    a.date = Some(date("2026-05-05"));
    a.status = Some(OrderStatus::Cancelled);
    s.update(&mut a).unwrap();
    agree(&s, &ids, &[25_000, 0]);
    a.status = Some(OrderStatus::Delivered);
    s.update(&mut a).unwrap();
    agree(&s, &ids, &[175_000, 0]);

    // No amount: quantity × unit price.
    let mut q = Deal {
        account_id: l,
        date: Some(date("2026-07-01")),
        product: "线缆".into(),
        quantity: Some(3),
        unit_price: Some(money("20")),
        ..Default::default()
    };
    s.insert(&mut q).unwrap();
    agree(&s, &ids, &[175_000, 6_000]);

    // To the trash and back.
    s.delete(RecordKind::Deal, a.id).unwrap();
    agree(&s, &ids, &[25_000, 6_000]);
    s.restore(RecordKind::Deal, a.id).unwrap();
    agree(&s, &ids, &[175_000, 6_000]);
    // K2 merged into K1: all of it K1's.
    s.write(|w| w.merge_accounts(k, l)).unwrap();
    agree(&s, &ids, &[181_000, 0]);

    // What a rebuild writes afresh is what the triggers kept.
    let before = kept(&s, 2026, &ids);
    s.reindex().unwrap();
    assert_eq!(kept(&s, 2026, &ids), before);

    // Forgotten: its sums are gone with its deals.
    s.forget(|w| w.forget_account(k)).unwrap();
    agree(&s, &ids, &[0, 0]);
}

/// Kept sums changed behind kam's back: `kam check` counts the account-years out of step
/// (in the reader's language) and fails; `kam reindex` writes them afresh.
#[test]
fn check_finds_kept_sums_out_of_step_and_reindex_repairs_them() {
    let db = TempDb::new();
    let mut s = db.writer();
    let a = account(&mut s, "S01");
    let b = account(&mut s, "S02");
    let c = account(&mut s, "S03");
    deal(&mut s, a, "2026-02-02", "100");
    deal(&mut s, b, "2025-02-02", "200");
    drop(s);
    let ok = kam_db(&db.path, &["check"]);
    assert!(ok.status.success(), "{}", stdout(&ok));
    assert!(
        stdout(&ok).contains("sales kept per account and year: 0 wrong"),
        "{}",
        stdout(&ok)
    );

    let raw = rusqlite::Connection::open(&db.path).unwrap();
    // One sum changed, one lost, one invented.
    raw.execute_batch(&format!(
        "UPDATE account_sales SET sales = 1 WHERE account_id = {a};
         DELETE FROM account_sales WHERE account_id = {b};
         INSERT INTO account_sales (account_id, year, sales) VALUES ({c}, '2026', 999);"
    ))
    .unwrap();
    drop(raw);
    let check = kam_db(&db.path, &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(
        stdout(&check).contains("sales kept per account and year: 3 wrong"),
        "{}",
        stdout(&check)
    );
    let zh = kam_db(&db.path, &["--lang", "zh", "check"]);
    assert!(
        stdout(&zh).contains("每个客户按年保存的销售额：3 项不符"),
        "{}",
        stdout(&zh)
    );

    assert!(kam_db(&db.path, &["reindex"]).status.success());
    let after = kam_db(&db.path, &["check"]);
    assert!(after.status.success(), "{}", stdout(&after));
    let s = db.writer();
    assert_eq!(kept(&s, 2026, &[a, b, c]), vec![10_000, 0, 0]);
    assert_eq!(kept(&s, 2025, &[a, b, c]), vec![0, 20_000, 0]);
}
