//! Issue 15: files written by others and copied unchanged (tests/fixtures/import/SOURCES.md
//! names each with its commit and licence). Each test says what is stored, what is set aside
//! and why; each file showed a defect, and the assertion that caught it is marked.

use super::sources::move_in;
use super::*;

#[test]
fn a_salesforce_data_loader_file_in_latin_1_imports_every_account_with_its_accents() {
    let db = TempDb::new();
    // Defect: "the file is neither UTF-8 nor GBK/GB18030 text" — Data Loader wrote ISO-8859-1.
    let m = move_in(&db, "salesforce_dataloader_accountData.csv", &[]);
    m.says("rows read: 423");
    // Two amounts are in scientific notation: 6.0E7 is exact here, but Excel writes
    // 123456789012 as 1.23457E+11, so kam sets such a row aside with its reason rather than
    // store an amount that may have been rounded.
    m.says("rows set aside: 2");
    m.says("row 413, column ANNUALREVENUE: \"6.0E7\" is not an amount of money");
    m.says("row 415, column ANNUALREVENUE: \"8.48E10\" is not an amount of money");
    let rows = m.rejected_rows();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][3], "salesforce.com");
    let (madrid, _) = m.account("Recall Information Management, S. A.");
    assert_eq!(
        madrid.street.as_deref(),
        Some("00045844 c/ San Romualdo, 26 5º")
    );
    assert_eq!(madrid.city.as_deref(), Some("MADRID"));
    let (gravity, _) = m.account("Gravity Investments");
    assert_eq!(gravity.city.as_deref(), Some("FORT COLLINS"));
    assert_eq!(gravity.province.as_deref(), Some("CO"));
    // Salesforce's own id and the org's columns are kept, not dropped.
    let notes = gravity.notes.as_deref().unwrap_or("");
    assert!(notes.contains("001x0000002xLCVAA2"), "{notes}");
    assert!(notes.contains("4-203974"), "{notes}");
    // The Japanese names were lost to question marks before the file was written; kam keeps
    // what is there rather than guessing.
    assert!(m.names().contains(&"?????????"), "{:?}", m.names());
}

#[test]
fn googles_sample_outlook_csv_keeps_the_business_address_and_every_extra_phone() {
    let db = TempDb::new();
    let m = move_in(&db, "outlook_google_shared_contacts.csv", &[]);
    m.says("rows read: 3");
    m.says("rows set aside: 0");
    // Adam works for Acme Inc.: the company is the account, he its contact.
    let adam = m.contact("Acme Inc.", "Adam Glacius");
    assert_eq!(adam.email.as_deref(), Some("adam.glacius@anycom.com"));
    assert_eq!(adam.mobile.as_deref(), Some("+1 555 3227 8544"));
    assert_eq!(adam.title.as_deref(), Some("Sales Planner"));
    // Defect: the Pager, a column before Business Phone, took the office phone and the
    // business number went to the notes.
    assert_eq!(adam.office_phone.as_deref(), Some("+1 555 3227 8547"));
    assert_eq!(adam.home_phone.as_deref(), Some("+1 555 3227 8545"));
    let notes = adam.notes.as_deref().unwrap_or("");
    for kept in [
        "adam.g@example.com",
        "ag@glacius.com",
        "Pager: +1 555 3227 8543",
    ] {
        assert!(notes.contains(kept), "{kept} not in {notes}");
    }
    // Defect: Business Address went to the notes; it is the company's street.
    let (acme, _) = m.account("Acme Inc.");
    assert_eq!(acme.street.as_deref(), Some("8999 Corporate Way"));
    // Outlook's Notes and the columns kam has no place for (Action, ID, Home Address) are
    // kept in the account's notes.
    let notes = acme.notes.as_deref().unwrap_or("");
    for kept in ["Has 2 kids", "999 Super Way, Super, CA, 94043"] {
        assert!(notes.contains(kept), "{kept} not in {notes}");
    }
    // The two short rows (fewer cells than headers, as this sample writes them) are people of
    // their own.
    let (daniel, _) = m.account("Daniel Ireland");
    assert_eq!(daniel.customer_type, Some(CustomerType::Person));
}

#[test]
fn openharmonys_vcard_tests_read_as_their_authors_meant() {
    let db = TempDb::new();
    let m = move_in(&db, "openharmony_vcard_test.vcf", &[]);
    m.says("rows read: 6");
    m.says("rows set aside: 0");
    // vCard 2.1, FN in quoted-printable: 外公 with every phone by its type.
    let grandpa = m.contact("外公", "外公");
    assert_eq!(grandpa.office_phone.as_deref(), Some("1234567890"));
    assert_eq!(grandpa.home_phone.as_deref(), Some("9876543210"));
    assert_eq!(grandpa.mobile.as_deref(), Some("5555555555"));
    assert!(grandpa
        .notes
        .as_deref()
        .unwrap_or("")
        .contains("9999999999"));
    // A card holding only N in quoted-printable.
    m.contact("测试N", "测试N");
    m.contact("测试11111test", "测试11111test");
    let liu = m.contact("开放人工智能", "刘小");
    assert_eq!(liu.title.as_deref(), Some("AI助手"));
    assert_eq!(liu.email.as_deref(), Some("liuxiao@example.com"));
    // Defect: the card says CHARSET=SHIFT_JIS but its bytes are UTF-8; read as Shift_JIS the
    // names became 繧ｪ繝ｼ… — text that is valid UTF-8 is read as UTF-8.
    let yamada = m.contact("オープンAI株式会社", "山田太郎");
    // Defect: the e-mail `"llll" <test@example.com>` (folded) was stored whole; the address
    // is the e-mail, the display name is kept in the notes.
    assert_eq!(yamada.email.as_deref(), Some("test@example.com"));
    let notes = yamada.notes.as_deref().unwrap_or("");
    assert!(notes.contains("llll"), "{notes}");
    // A note split by a quoted-printable soft line break is whole.
    assert!(notes.contains("这是一个测试备注"), "{notes}");
}
