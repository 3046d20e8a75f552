//! Issue 15: rows that repeat an account code. A later row with the same code as an earlier
//! row of another account is set aside with the reason (the code belongs to the earlier one);
//! rows that repeat the same account (its code and name) are one account, as rows of one
//! company always were. Nothing aborts the import.

use super::sources::move_in;
use super::*;

#[test]
fn a_code_repeated_by_another_account_sets_the_later_row_aside_and_imports_the_rest() {
    let db = TempDb::new();
    let m = move_in(&db, "codes_repeated.csv", &[]);
    m.says("rows read: 5");
    m.says("rows set aside: 1");
    m.says("row 3: the code C000010 is already the code of row 2 (甲公司)");
    let mut names = m.names();
    names.sort();
    assert_eq!(names, ["丁公司", "丙公司", "甲公司"]);
    let (jia, _) = m.account("甲公司");
    assert_eq!(jia.code, "C000010");
    assert_eq!(jia.city.as_deref(), Some("北京"));
    // The identical rows of 丙公司 are one account with its one code.
    let (bing, _) = m.account("丙公司");
    assert_eq!(bing.code, "C000011");
    // The row set aside is in the rejected file unchanged, with its reason.
    let rows = m.rejected_rows();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][..3], ["C000010", "乙公司", "上海"]);
    assert!(rows[0][3].contains("C000010"), "{rows:?}");
}

#[test]
fn the_reason_is_in_chinese_with_lang_zh() {
    let db = TempDb::new();
    let m = move_in(&db, "codes_repeated.csv", &["--lang", "zh"]);
    assert!(
        m.out
            .contains("第 3 行：编号 C000010 已是第 2 行（甲公司）的编号"),
        "{}",
        m.out
    );
}

/// Two companies of one name, each with its own code or registration number, stay two: the
/// second row was taken for the first by its name and overwrote it (the demo's two
/// "Fletcher & Robinson Inc", read from a workbook). Into an empty book (the bulk path) and
/// into a book that holds one of them (the row-by-row path).
#[test]
fn two_companies_of_one_name_with_their_own_codes_or_numbers_stay_two() {
    let db = TempDb::new();
    let file = db.file("same_name.csv");
    std::fs::write(
        &file,
        "客户编号,客户名称,统一社会信用代码,城市\n\
         C000038,宏达机械,91350100MA2Y00000E,福州\n\
         C000051,宏达机械,,厦门\n",
    )
    .unwrap();
    let o = import(&db, &file, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cities = |db: &TempDb| {
        let mut got: Vec<(String, String)> = accounts(db)
            .iter()
            .map(|(a, _)| (a.code.clone(), a.city.clone().unwrap_or_default()))
            .collect();
        got.sort();
        got
    };
    assert_eq!(
        cities(&db),
        [
            ("C000038".into(), "福州".into()),
            ("C000051".into(), "厦门".into())
        ]
    );
    let other = db.file("other_number.csv");
    std::fs::write(
        &other,
        "客户名称,统一社会信用代码,城市\n宏达机械,91350100MA2Y00001H,泉州\n",
    )
    .unwrap();
    let o = import(&db, &other, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = cities(&db);
    assert_eq!(after.len(), 3, "{after:?}");
    assert!(
        after.contains(&("C000038".into(), "福州".into())),
        "{after:?}"
    );
}
