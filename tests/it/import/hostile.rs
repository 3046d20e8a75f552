//! Issue 15: files a hostile (or merely unlucky) user brings. Each case failed first, or is
//! pinned so it cannot come back: nothing panics, nothing is garbled or invented, and what
//! cannot go in is said in one sentence or set aside with its reason.

use super::*;

fn write(db: &TempDb, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = db.file(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(db: &TempDb, path: &Path) -> std::process::Output {
    let o = import(db, path, &[]);
    assert!(
        o.status.code().is_some_and(|c| c <= 1),
        "no crash: {}",
        stderr(&o)
    );
    o
}

#[test]
fn a_file_with_only_a_header_imports_nothing_and_says_so() {
    let db = TempDb::new();
    let path = write(&db, "header.csv", "客户名称,联系人,手机\r\n".as_bytes());
    let o = run(&db, &path);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("rows read: 0"), "{}", stdout(&o));
    assert!(accounts(&db).is_empty());
}

#[test]
fn a_mostly_utf8_file_with_a_gbk_line_and_a_latin_1_line_reads_each_line_as_written() {
    let db = TempDb::new();
    let mut bytes = "客户名称,城市\n华为技术有限公司,深圳\n".as_bytes().to_vec();
    let (gbk, _, _) = encoding_rs::GB18030.encode("北京德茂隆商贸有限公司,北京\n");
    bytes.extend_from_slice(&gbk);
    bytes.extend_from_slice(b"Caf\xe9 R\xe9sum\xe9 S.A.,Madrid\n");
    bytes.extend_from_slice("杭州西湖茶业有限公司,杭州\n".as_bytes());
    let path = write(&db, "mixed.csv", &bytes);
    let o = run(&db, &path);
    assert!(o.status.success(), "{}", stderr(&o));
    // Read as GB18030 whole, the UTF-8 names became 鍗庝负… and nobody was told.
    let mut names: Vec<String> = accounts(&db).into_iter().map(|a| a.0.name).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Café Résumé S.A.",
            "北京德茂隆商贸有限公司",
            "华为技术有限公司",
            "杭州西湖茶业有限公司"
        ]
    );
}

#[test]
fn two_exports_pasted_together_do_not_make_their_header_an_account_or_keep_a_bom() {
    let db = TempDb::new();
    let part = |rows: &str| format!("\u{feff}客户名称,城市\r\n{rows}");
    let text = part("华为技术有限公司,深圳\r\n") + &part("杭州西湖茶业有限公司,杭州\r\n");
    let path = write(&db, "twice.csv", text.as_bytes());
    let o = run(&db, &path);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut names: Vec<String> = accounts(&db).into_iter().map(|a| a.0.name).collect();
    names.sort();
    assert_eq!(names, ["华为技术有限公司", "杭州西湖茶业有限公司"]);
    let out = stdout(&o);
    assert!(out.contains("row 3: the header again"), "{out}");
}

#[test]
fn a_column_named_twice_keeps_both_values() {
    let db = TempDb::new();
    let path = write(
        &db,
        "twice_named.csv",
        "客户名称,手机,手机\n华为技术有限公司,13800138000,13900139000\n".as_bytes(),
    );
    let o = run(&db, &path);
    assert!(o.status.success(), "{}", stderr(&o));
    let book = accounts(&db);
    let c = &book[0].1[0];
    assert_eq!(c.mobile.as_deref(), Some("13800138000"));
    assert!(
        c.notes.as_deref().unwrap_or("").contains("13900139000"),
        "{c:?}"
    );
}

#[test]
fn a_ten_megabyte_cell_is_stored_whole_or_set_aside_never_a_crash() {
    let db = TempDb::new();
    let big = "很长的备注".repeat(700_000);
    let text = format!("客户名称,备注\n华为技术有限公司,{big}\n杭州西湖茶业有限公司,短\n");
    assert!(text.len() > 10_000_000);
    let path = write(&db, "big.csv", text.as_bytes());
    let o = run(&db, &path);
    assert!(o.status.success(), "{}", stderr(&o));
    let book = accounts(&db);
    let small = book.iter().find(|a| a.0.name == "杭州西湖茶业有限公司");
    assert!(small.is_some(), "the other row went in");
    if let Some(huge) = book.iter().find(|a| a.0.name == "华为技术有限公司") {
        assert_eq!(huge.0.notes.as_deref().map(str::len), Some(big.len()));
    } else {
        assert!(stdout(&o).contains("row 2"), "{}", stdout(&o));
    }
}

#[test]
fn a_vcard_file_with_a_byte_order_mark_is_read() {
    let db = TempDb::new();
    // Windows tools write one; the first card was not recognised and the file refused.
    let text = "\u{feff}BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nORG:华为技术有限公司\r\nTEL;TYPE=CELL:13800138000\r\nEND:VCARD\r\n";
    let path = write(&db, "bom.vcf", text.as_bytes());
    let o = run(&db, &path);
    assert!(o.status.success(), "{}", stderr(&o));
    let book = accounts(&db);
    assert_eq!(book[0].0.name, "华为技术有限公司");
    assert_eq!(book[0].1[0].mobile.as_deref(), Some("13800138000"));
}
