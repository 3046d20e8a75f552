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

/// A sheet with a 50 MB cell in its middle row (a note pasted from somewhere, or a file
/// gone wrong): `cell` is the 50 MB text, `name_column` puts it in the customer name
/// instead of the notes.
fn sheet_with_a_huge_cell(path: &std::path::Path, cell: &str, name_column: bool) {
    let huge_row = if name_column {
        format!("\"{cell}\",李娜,13900139000,\r\n")
    } else {
        format!("杭州西湖茶业有限公司,李娜,13900139000,\"{cell}\"\r\n")
    };
    let text = format!(
        "客户名称,联系人,手机,备注\r\n华为技术有限公司,王伟,13800138000,常规客户\r\n{huge_row}北京德茂隆商贸有限公司,张军,13700137000,\r\n"
    );
    std::fs::write(path, text).unwrap();
}

/// A cell of 50 MB is no customer's name, phone or note: its row is set aside, kept whole
/// in the rejected file with the reason, the other rows go in, and the import's memory
/// stays under the 150 MB of the target (before: stored whole, 400 MB).
#[test]
fn a_50_mb_cell_sets_its_row_aside_in_little_memory() {
    let cell = "长".repeat(50 * 1024 * 1024 / 3);
    for name_column in [false, true] {
        let db = TempDb::new();
        let file = db.file("customers.csv");
        sheet_with_a_huge_cell(&file, &cell, name_column);
        let peak = run_peak_mb(&[
            "--db",
            db.path.to_str().unwrap(),
            "--lang",
            "zh",
            "import",
            file.to_str().unwrap(),
        ]);
        eprintln!("a 50 MB cell (name column: {name_column}): peak {peak:.1} MB");
        let mut names: Vec<String> = accounts(&db).into_iter().map(|a| a.0.name).collect();
        names.sort();
        assert_eq!(names, ["北京德茂隆商贸有限公司", "华为技术有限公司"]);
        let rejected = db.file("customers.csv.rejected.csv");
        let mut reader = csv::Reader::from_path(&rejected).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1, "the one row set aside");
        let (kept, reason) = (&rows[0], rows[0].get(4).unwrap());
        let at = if name_column { 0 } else { 3 };
        assert!(kept.get(at) == Some(cell.as_str()), "the cell kept whole");
        assert!(
            reason.contains("第 3 行") && reason.contains("MB"),
            "the reason names the row and the size: {reason}"
        );
        assert!(peak < 150.0, "peak {peak:.1} MB with a 50 MB cell");
    }
}
