//! Issue 15: sheets and cards a hostile (or unlucky) user brings, beyond `hostile.rs`: a zip
//! bomb, ten thousand columns, Excel's "Unicode text", an .xls renamed .xlsx, formulas, dates
//! as Excel's day numbers, vCard 4.0 groups. Nothing panics, nothing is lost or invented, and
//! what cannot go in is said in one sentence or set aside with its reason.

use super::*;

fn write(db: &TempDb, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = db.file(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_zip_bomb_workbook_is_refused_in_one_sentence_before_it_is_unpacked() {
    let db = TempDb::new();
    // 300 KB that unpack to 300 MB of sheet: it took 2.2 GB of memory and 38 s.
    let o = import(&db, &fixture("hostile_zip_bomb.xlsx"), &[]);
    let line = assert_one_error_line(&o);
    assert!(line.contains("unpack to 300 MB"), "{line}");
    assert!(line.contains("save the sheet as CSV"), "{line}");
    assert!(
        !db.path.exists() || accounts(&db).is_empty(),
        "nothing changed"
    );
}

#[test]
fn a_sheet_of_ten_thousand_columns_keeps_every_value() {
    let db = TempDb::new();
    // The notes were joined line by line against all lines before: 95 s for one row.
    let headers: Vec<String> = std::iter::once("客户名称".to_string())
        .chain((1..10_000).map(|i| format!("列{i}")))
        .collect();
    let values: Vec<String> = std::iter::once("甲公司".to_string())
        .chain((1..10_000).map(|i| format!("值{i}")))
        .collect();
    let text = format!("{}\n{}\n", headers.join(","), values.join(","));
    let path = write(&db, "wide.csv", text.as_bytes());
    let o = import(&db, &path, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let book = accounts(&db);
    assert_eq!(book.len(), 1);
    let notes = book[0].0.notes.as_deref().unwrap_or("");
    assert_eq!(notes.lines().count(), 9_999, "one line a column");
    assert!(
        notes.contains("列9999: 值9999"),
        "{}",
        &notes[notes.len() - 40..]
    );
}

#[test]
fn excels_unicode_text_in_utf16_with_tabs_is_read() {
    let db = TempDb::new();
    // Excel's "Unicode Text (*.txt)": UTF-16 LE with a byte-order mark, tab-separated, CRLF.
    let text =
        "客户名称\t联系人\t手机\r\n甲公司\t张三\t13800138000\r\n乙公司\t李四\t13900139000\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = write(&db, "unicode.txt", &bytes);
    let o = import(&db, &path, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let book = accounts(&db);
    assert_eq!(book.len(), 2);
    assert_eq!(book[0].0.name, "甲公司");
    assert_eq!(book[1].1[0].mobile.as_deref(), Some("13900139000"));
}

#[test]
fn an_xls_renamed_xlsx_is_read_by_what_it_holds() {
    let db = TempDb::new();
    let path = db.file("list.xlsx");
    std::fs::copy(fixture("moe_universities_2017.xls"), &path).unwrap();
    let o = import(&db, &path, &["--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("accounts created: 2631"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_formula_cell_brings_the_value_excel_shows_and_a_day_number_is_set_aside_with_its_reason() {
    let db = TempDb::new();
    let path = db.file("formulas.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["客户名称", "联系人", "生日"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // As Excel saves it: the formula and the value it showed.
    sheet
        .write_formula(
            1,
            0,
            rust_xlsxwriter::Formula::new("=\"甲\"&\"公司\"").set_result("甲公司"),
        )
        .unwrap();
    sheet.write_string(1, 1, "张三").unwrap();
    sheet.write_string(2, 0, "乙公司").unwrap();
    sheet.write_string(2, 1, "李四").unwrap();
    // A birthday typed into a cell formatted as a number: Excel's day number 44927.
    sheet.write_number(2, 2, 44927).unwrap();
    book.save(&path).unwrap();
    let o = import(&db, &path, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let book = accounts(&db);
    assert_eq!(book.len(), 1, "{}", stdout(&o));
    assert_eq!(book[0].0.name, "甲公司");
    assert!(
        stdout(&o).contains("row 3, column 生日: \"44927\" is not a date"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_vcard_40_with_grouped_properties_keeps_each_one() {
    let db = TempDb::new();
    let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:张三\r\nORG:甲公司\r\n\
                item1.TEL;TYPE=cell:13800138000\r\nitem1.X-ABLabel:私人\r\n\
                item2.EMAIL:zs@example.com\r\n\
                item3.X-SOCIALPROFILE;TYPE=weibo:http://weibo.com/zs\r\n\
                item4.X-ABRELATEDNAMES:李四\r\nitem4.X-ABLabel:_$!<Spouse>!$_\r\nEND:VCARD\r\n";
    let path = write(&db, "groups.vcf", card.as_bytes());
    let o = import(&db, &path, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let book = accounts(&db);
    let zhang = &book[0].1[0];
    assert_eq!(zhang.mobile.as_deref(), Some("13800138000"));
    assert_eq!(zhang.email.as_deref(), Some("zs@example.com"));
    // Defect: a social profile and a spouse (Apple's related names) were dropped unsaid, and
    // a label written after its phone (as Apple writes it) was never read.
    let notes = zhang.notes.as_deref().unwrap_or("");
    assert!(notes.contains("私人"), "{notes}");
    assert!(
        notes.contains("spouse") || notes.contains("Spouse"),
        "{notes}"
    );
    assert!(notes.contains("http://weibo.com/zs"), "{notes}");
    assert!(notes.contains("李四"), "{notes}");
}
