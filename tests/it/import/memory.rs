//! Issue 15: a big customer list imports in memory that does not grow with it. The sheet
//! (a UTF-8 CSV) is read from disk in each pass, accounts are built and written one at a
//! time, and the finder's records are built a chunk (4,096 accounts) at a time; what grows
//! with the file is only the small plan of which row is which account. Helpers from
//! tests/import.rs.

use super::*;

/// A customer sheet in the layout of the source documents (`scripts/import-bench.py`):
/// every row its own account with one contact.
fn sheet(path: &std::path::Path, rows: usize) {
    let cities = ["北京市", "上海市", "深圳市", "杭州市"];
    let mut text = String::from(
        "序号,客户名称,所属行业,联系人姓名,联系电话,电子邮箱,客户类别,地址,年订货量\r\n",
    );
    for i in 1..=rows {
        let city = cities[i % cities.len()];
        text.push_str(&format!(
            "{i},{}华泰机电{i}有限公司,制造业,王{}军,13{:09},u{i}@example.cn,重要客户,{city}某路{i}号,{}万\r\n",
            &city[..city.len() - 3],
            ["伟", "芳", "娜"][i % 3],
            i * 7919 % 1_000_000_000,
            i % 500
        ));
    }
    std::fs::write(path, text).unwrap();
}

/// The peak resident memory of one `kam import` into an empty book, as kam reports it.
fn import_peak_mb(rows: usize) -> f64 {
    let db = TempDb::new();
    let file = db.file("customers.csv");
    sheet(&file, rows);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["--db", db.path.to_str().unwrap(), "import"])
        .arg(&file)
        .env("KAM_REPORT_PEAK", "1")
        .env_remove("KAM_DB")
        .env_remove("KAM_PASSPHRASE")
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(&rows.to_string()),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    peak_mb(&err)
}

/// Three times the rows may not cost more memory: streamed, the peak grows by ~0.6 MB from
/// 4,500 to 13,500 rows; with the sheet's cells held whole it grew by 5.3 MB (and before the
/// finder's records were built a chunk at a time, by more).
#[test]
fn an_import_does_not_grow_with_the_sheet() {
    let small = import_peak_mb(4_500);
    let big = import_peak_mb(13_500);
    eprintln!("import peak: {small:.1} MB at 4,500 rows, {big:.1} MB at 13,500");
    assert!(
        big - small < 3.0,
        "{small:.1} MB at 4,500 rows, {big:.1} MB at 13,500"
    );
}
