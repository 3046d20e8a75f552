//! Commands that look at every account of a book must not need more memory for a bigger book
//! (issue 17: a rep's ten-year book on an old laptop). `kam duplicates` held every key of the
//! book in one map (425 MB at 100,000 accounts); every `kam report` kept the pages of the file
//! it had mapped (150–250 MB); the calendar was made whole before it was written. Each is run
//! as a whole process on a 300- and a 3,000-account demo book and its reported peak resident
//! memory compared.

use crate::support::*;
use std::path::Path;

/// The peak resident memory of one kam process on `db`, as kam reports it (`bench` builds).
fn peak_of(db: &Path, args: &[&str]) -> f64 {
    run_peak_mb(&[&["--db", db.to_str().unwrap()][..], args].concat())
}

/// Two demo books, 300 and 3,000 accounts.
fn small_and_big() -> (TempDb, TempDb) {
    let (small, big) = (TempDb::new(), TempDb::new());
    for (db, n) in [(&small, "300"), (&big, "3000")] {
        let o = kam_db(&db.path, &["demo", "--accounts", n, "--seed", "5"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    (small, big)
}

/// Ten times the accounts may cost a few MB more (SQLite's page cache filling, the groups
/// found; grading, pivot and evaluation keep one row of about 1 KB per account, 2.5–4 MB
/// here), not ten times the memory: the code before grew by 14 MB and more.
#[test]
fn duplicates_reports_the_calendar_and_the_check_do_not_grow_with_the_number_of_accounts() {
    let (small, big) = small_and_big();
    let mut grew = vec![];
    for args in [
        &["duplicates"][..],
        &["duplicates", "--json"],
        &["report", "top10"],
        &["report", "funnel"],
        &["report", "regions"],
        &["report", "grading"],
        &["report", "pivot"],
        &["report", "evaluation"],
        &["export", "--format", "ics"],
        &["check"],
    ] {
        let peak_small = peak_of(&small.path, args);
        let peak_big = peak_of(&big.path, args);
        eprintln!("{args:?}: {peak_small:.1} MB at 300 accounts, {peak_big:.1} MB at 3,000");
        if peak_big - peak_small >= 6.0 {
            grew.push(format!(
                "{args:?}: {peak_small:.1} MB at 300 accounts, {peak_big:.1} MB at 3,000"
            ));
        }
    }
    assert!(grew.is_empty(), "{grew:#?}");
}
