//! Issue 15: a file refused whole is refused in the reader's language. Each case runs
//! `kam import` on a file kam cannot take, once with `--lang zh` and once with `--lang en`:
//! one sentence on stderr, in that language, and the book unchanged (still empty).

use super::*;

fn write(db: &TempDb, name: &str, bytes: &[u8]) -> PathBuf {
    let path = db.file(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The one error line of `kam --lang LANG import FILE EXTRA…`, the book left empty.
fn refusal(db: &TempDb, lang: &str, file: &Path, extra: &[&str]) -> String {
    let mut args = vec!["--lang", lang, "import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = kam_db(&db.path, &args);
    let line = assert_one_error_line(&o);
    if db.path.exists() {
        assert!(accounts(db).is_empty(), "nothing went in: {line}");
    }
    line
}

/// Both languages: the Chinese line holds `zh` (and no English word of `en`), the English
/// line holds `en`.
fn says(db: &TempDb, file: &Path, extra: &[&str], zh: &str, en: &str) {
    let line = refusal(db, "zh", file, extra);
    assert!(line.contains(zh), "zh: {line:?} should say {zh:?}");
    assert!(!line.contains(en), "zh: {line:?} is still English ({en:?})");
    let line = refusal(db, "en", file, extra);
    assert!(line.contains(en), "en: {line:?} should say {en:?}");
}

#[test]
fn a_file_that_is_not_there() {
    let db = TempDb::new();
    let missing = db.file("没有.csv");
    says(&db, &missing, &[], "找不到文件", "no file");
}

#[test]
fn an_empty_file() {
    let db = TempDb::new();
    let path = write(&db, "empty.csv", b"   \r\n");
    says(&db, &path, &[], "文件是空的", "the file is empty");
}

#[test]
fn a_binary_file_named_csv() {
    let db = TempDb::new();
    let path = write(&db, "photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    says(&db, &path, &[], "不是文本文件", "not a text file");
}

#[test]
fn a_file_in_an_encoding_kam_does_not_read() {
    let db = TempDb::new();
    // Pairs of bytes that are neither UTF-8 nor GB18030 (0xFF starts nothing in either).
    let path = write(&db, "odd.csv", b"name,city\r\n\xff\xfe\xff\xfe,x\r\n");
    says(&db, &path, &[], "第 2 行", "line 2 of the file is neither");
}

#[test]
fn a_sheet_without_a_column_naming_the_account() {
    let db = TempDb::new();
    let path = write(&db, "nums.csv", "编号,金额\r\n1,20\r\n".as_bytes());
    says(
        &db,
        &path,
        &[],
        "没有一列写着客户名称",
        "no column names the account",
    );
}

#[test]
fn a_file_kam_does_not_import() {
    let db = TempDb::new();
    let path = write(&db, "contract.pdf", b"%PDF-1.4\n");
    says(
        &db,
        &path,
        &[],
        "kam 不导入这种文件",
        "is not a file kam imports",
    );
}

#[test]
fn a_zip_bomb() {
    let db = TempDb::new();
    says(
        &db,
        &fixture("hostile_zip_bomb.xlsx"),
        &[],
        "解压后有",
        "sheets unpack to",
    );
}

#[test]
fn a_workbook_that_is_not_one() {
    let db = TempDb::new();
    let path = write(&db, "broken.xlsx", b"PK\x03\x04 not really a zip");
    says(
        &db,
        &path,
        &[],
        "不是可读的 Excel 工作簿",
        "not a readable Excel workbook",
    );
}

#[test]
fn a_sheet_that_is_not_in_the_workbook() {
    let db = TempDb::new();
    says(
        &db,
        &fixture("customers_zh.xlsx"),
        &["--sheet", "没有这张表"],
        "工作簿里没有“没有这张表”这张表",
        "there is no sheet",
    );
}

#[test]
fn an_address_book_without_cards() {
    let db = TempDb::new();
    let path = write(&db, "empty.vcf", b"hello\r\n");
    says(&db, &path, &[], "没有名片", "holds no vCards");
}

#[test]
fn a_map_that_cannot_be_read() {
    let db = TempDb::new();
    let path = fixture("customers_zh_utf8.csv");
    says(
        &db,
        &path,
        &["--map", "客户名称"],
        "写成 列名=字段",
        "write it as Header=field",
    );
    says(
        &db,
        &path,
        &["--map", "客户名称=colour"],
        "客户没有“colour”这个字段",
        "accounts have no field",
    );
    says(
        &db,
        &path,
        &["--map", "客户名称=contact.colour"],
        "联系人没有“colour”这个字段",
        "contacts have no field",
    );
}

#[test]
fn no_import_to_undo() {
    let db = TempDb::new();
    let o = kam_db(&db.path, &["--lang", "zh", "import", "--undo"]);
    let line = assert_one_error_line(&o);
    assert!(line.contains("没有可以撤销的导入"), "{line}");
}

#[test]
fn a_json_file_that_is_not_a_kam_export() {
    let db = TempDb::new();
    let path = write(
        &db,
        "other.json",
        br#"{"format": "someone-else", "version": 1}"#,
    );
    says(&db, &path, &[], "不是 kam 的导出", "is not a kam export");
    let path = write(&db, "broken.json", b"{ not json");
    says(
        &db,
        &path,
        &[],
        "不是 kam 的导出文件",
        "this is not a kam export",
    );
}
