//! Issue 15: real third-party files (and, where none with a licence was found, files built from
//! the format's documentation; tests/fixtures/import/SOURCES.md says which): one test per file,
//! asserting what is stored, what is set aside and why. Helpers come from tests/import.rs.

use super::*;

/// What one import of a fixture did: its standard output, the book, and the rejected rows
/// (the `--rejected` file, empty when nothing was set aside).
pub(super) struct Moved {
    pub(super) out: String,
    pub(super) book: Vec<(Account, Vec<Contact>)>,
    pub(super) rejected: String,
}

pub(super) fn move_in(db: &TempDb, name: &str, extra: &[&str]) -> Moved {
    let rejected = db.file(&format!("{name}.rejected.csv"));
    let mut args = vec!["--rejected", rejected.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = import(db, &fixture(name), &args);
    assert!(o.status.success(), "{name}: {}{}", stdout(&o), stderr(&o));
    Moved {
        out: stdout(&o),
        book: accounts(db),
        rejected: std::fs::read_to_string(&rejected).unwrap_or_default(),
    }
}

impl Moved {
    pub(super) fn account(&self, name: &str) -> &(Account, Vec<Contact>) {
        self.book
            .iter()
            .find(|a| a.0.name == name)
            .unwrap_or_else(|| panic!("no account {name:?} in {:?}", self.names()))
    }

    pub(super) fn names(&self) -> Vec<&str> {
        self.book.iter().map(|a| &*a.0.name).collect()
    }

    pub(super) fn contact(&self, account: &str, name: &str) -> &Contact {
        let (_, cs) = self.account(account);
        cs.iter().find(|c| c.name == name).unwrap_or_else(|| {
            panic!(
                "no contact {name:?} in {account}: {:?}",
                cs.iter().map(|c| &c.name).collect::<Vec<_>>()
            )
        })
    }

    pub(super) fn says(&self, line: &str) {
        assert!(self.out.contains(line), "{line:?} not in:\n{}", self.out);
    }

    /// The rejected file's data rows (after its header).
    pub(super) fn rejected_rows(&self) -> Vec<Vec<String>> {
        let text = self.rejected.trim_start_matches('\u{feff}');
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        r.records()
            .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
            .collect()
    }
}

#[test]
fn an_android_21_export_decodes_quoted_printable_and_sets_aside_the_cards_without_a_name() {
    let db = TempDb::new();
    let m = move_in(&db, "android_21_cardme.vcf", &[]);
    m.says("rows read: 6");
    m.says("rows set aside: 2");
    m.says("card 1: the card names no person and no company (it holds john.doe@company.com)");
    m.says("card 2: the card names no person and no company (it holds jane.doe@company.com)");
    assert_eq!(m.book.len(), 4, "{:?}", m.names());
    // A person's card without ORG: the person is the customer, the name decoded.
    let (person, cs) = m.account("Ñ Ñ Ñ Ñ Ñ");
    assert_eq!(person.customer_type, Some(CustomerType::Person));
    assert_eq!(cs[0].mobile.as_deref(), Some("123456789"));
    // A name split by a soft line break (`=` at the end of a line) is whole.
    let long = m.contact("Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ");
    assert_eq!(long.mobile.as_deref(), Some("123456"));
    assert_eq!(long.home_phone.as_deref(), Some("234567"));
    let notes = long.notes.as_deref().unwrap();
    assert!(
        notes.contains("3456789") && notes.contains("45678901"),
        "every phone kept: {notes}"
    );
    assert!(!notes.contains("=C3"), "decoded: {notes}");
    // ORG decoded and joined across its soft breaks; a fax and the web sites in the notes.
    let bob = m.contact("ÑÑÑÑÑÑÑÑÑÑÑÑ", "Ñ Ñ Ñ Ñ");
    assert_eq!(bob.email.as_deref(), Some("bob@company.com"));
    assert_eq!(bob.office_phone.as_deref(), Some("123456"));
    let notes = bob.notes.as_deref().unwrap();
    assert!(notes.contains("fax"), "{notes}");
    assert!(notes.contains("www.company.com"), "{notes}");
    assert!(
        notes.contains("ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ"),
        "the second e-mail: {notes}"
    );
    // The rejected cards are in the file as they were, with the reason.
    let rows = m.rejected_rows();
    assert_eq!(rows.len(), 2);
    assert!(rows[0]
        .iter()
        .any(|c| c.contains("EMAIL;PREF:john.doe@company.com")));
    assert!(rows[0].iter().any(|c| c.contains("names no person")));
}

#[test]
fn an_iphone_30_card_keeps_department_nickname_every_phone_and_address() {
    let db = TempDb::new();
    let m = move_in(&db, "iphone_30_cardme.vcf", &[]);
    m.says("rows set aside: 0");
    assert_eq!(m.names(), ["IBM"]);
    let (ibm, _) = m.account("IBM");
    let john = m.contact("IBM", "Mr. John Richter James Doe Sr.");
    assert_eq!(john.department.as_deref(), Some("Accounting"));
    assert_eq!(john.nickname.as_deref(), Some("Johny"));
    assert_eq!(john.title.as_deref(), Some("Money Counter"));
    assert_eq!(john.email.as_deref(), Some("john.doe@ibm.com"));
    assert_eq!(john.mobile.as_deref(), Some("905-555-1234"));
    assert_eq!(john.home_phone.as_deref(), Some("905-666-1234"));
    assert_eq!(john.office_phone.as_deref(), Some("905-777-1234"));
    assert_eq!(john.birthday, Some(date("2012-06-06")));
    let notes = john.notes.as_deref().unwrap();
    for kept in [
        "905-888-1234",
        "905-999-1234",
        "905-111-1234",
        // Defect: the label Apple writes after the phone (item2.X-ABLabel) was never read.
        "phone (AssistantPhone): 905-222-1234",
        "http://www.ibm.com",
        "Silicon Alley 5",
    ] {
        assert!(notes.contains(kept), "{kept} kept: {notes}");
    }
    assert!(!notes.contains("/9j/"), "the photo is skipped: {notes}");
    // The work address is the company's.
    assert_eq!(ibm.city.as_deref(), Some("New York"));
    assert!(ibm.street.as_deref().unwrap().contains("Street4"));
}

#[test]
fn rfc_6350s_example_card_imports_with_its_tel_uri_and_year_less_birthday() {
    let db = TempDb::new();
    let m = move_in(&db, "rfc6350_example.vcf", &[]);
    m.says("rows set aside: 0");
    let simon = m.contact("Viagenie", "Simon Perreault");
    assert_eq!(simon.gender, Some(Gender::Male));
    assert_eq!(
        simon.office_phone.as_deref(),
        Some("+1-418-656-9254 ext. 102")
    );
    assert_eq!(simon.mobile.as_deref(), Some("+1-418-262-6501"));
    assert_eq!(simon.email.as_deref(), Some("simon.perreault@viagenie.ca"));
    let notes = simon.notes.as_deref().unwrap();
    assert!(notes.contains("birthday: --02-03"), "{notes}");
    assert!(notes.contains("http://nomis80.org"), "{notes}");
    let (viagenie, _) = m.account("Viagenie");
    assert_eq!(viagenie.city.as_deref(), Some("Quebec"));
    assert_eq!(viagenie.province.as_deref(), Some("QC"));
}

#[test]
fn an_android_export_with_chinese_names_in_utf8_gbk_and_big5_is_read_as_written() {
    let db = TempDb::new();
    let m = move_in(&db, "android_21_zh_qp.vcf", &[]);
    m.says("rows read: 6");
    m.says("rows set aside: 1");
    m.says("card 6: the card names no person and no company");
    let (bai, _) = m.account("白璐");
    assert_eq!(bai.customer_type, Some(CustomerType::Person));
    let zeng = m.contact("深圳市云帆科技有限公司", "曾小贤");
    assert_eq!(zeng.department.as_deref(), Some("市场部"));
    assert_eq!(zeng.title.as_deref(), Some("市场总监"));
    assert_eq!(zeng.nickname.as_deref(), Some("阿贤"));
    assert_eq!(zeng.mobile.as_deref(), Some("139 1111 2222"));
    assert_eq!(zeng.office_phone.as_deref(), Some("0755-2345 6789"));
    assert_eq!(zeng.email.as_deref(), Some("zengxx@yunfan.example.cn"));
    let notes = zeng.notes.as_deref().unwrap();
    for kept in [
        "+86 138 0013 8000",
        "xiaoxian@163.example.com",
        "周三下午不宜拜访",
        "年底有采购计划",
        "birthday: --04-22",
        "https://yunfan.example.cn",
    ] {
        assert!(notes.contains(kept), "{kept} kept: {notes}");
    }
    let hu = m.contact("深圳市云帆科技有限公司", "胡一菲");
    assert_eq!(hu.gender, Some(Gender::Female));
    assert_eq!(hu.mobile.as_deref(), Some("13700001111"));
    let (yunfan, _) = m.account("深圳市云帆科技有限公司");
    assert_eq!(yunfan.province.as_deref(), Some("广东省"));
    assert_eq!(yunfan.city.as_deref(), Some("深圳市"));
    assert_eq!(yunfan.district.as_deref(), Some("南山区"));
    assert_eq!(yunfan.street.as_deref(), Some("科技园科苑路15号"));
    let chen = m.contact("香港長江貿易公司", "陳美玲");
    assert_eq!(chen.office_phone.as_deref(), Some("+852 2345 6789"));
    // A card with a company and a phone only: a contact named by the phone.
    let desk = m.contact("北京德茂隆商贸有限公司", "010-6543 2100");
    assert_eq!(desk.office_phone.as_deref(), Some("010-6543 2100"));
    // The finder finds the decoded name.
    let o = kam_db(&db.path, &["search", "白璐"]);
    assert!(stdout(&o).contains("白璐"), "{}", stdout(&o));
}

#[test]
fn an_outlook_export_keeps_its_four_line_note_and_sets_aside_the_bad_e_mail_by_its_row() {
    let db = TempDb::new();
    let m = move_in(&db, "outlook_contacts.csv", &[]);
    m.says("rows read: 4");
    m.says("rows set aside: 1");
    // Row 2 spans four lines of the file; the bad row is the spreadsheet's row 4.
    m.says("row 4, column E-mail Address: \"bob.smith@example\" is not an email address");
    let mut names = m.names();
    names.sort();
    assert_eq!(names, ["Contoso Ltd.", "Fabrikam, Inc.", "TheCompany"]);
    let mike = m.contact("TheCompany", "Michael Angstadt");
    assert_eq!(
        mike.title.as_deref(),
        Some("TheJobTitle"),
        "Job Title, not Mr."
    );
    assert_eq!(mike.department.as_deref(), Some("TheDepartment"));
    assert_eq!(mike.nickname.as_deref(), Some("Mike"));
    assert_eq!(mike.mobile.as_deref(), Some("(111) 555-4444"));
    assert_eq!(mike.office_phone.as_deref(), Some("(111) 555-1111"));
    assert_eq!(mike.home_phone.as_deref(), Some("(111) 555-2222"));
    assert_eq!(mike.birthday, Some(date("1922-03-10")));
    let (company, _) = m.account("TheCompany");
    let notes = company.notes.as_deref().unwrap();
    for line in [
        "This is the NOTE field",
        "I assume it encodes this text inside a NOTE vCard type.",
        "But I'm not sure because there's text formatting going on here.",
        "It does not preserve the formatting",
    ] {
        assert!(notes.contains(line), "{line}: {notes}");
    }
    assert!(
        !notes.contains("0/0/00"),
        "Outlook's empty date is empty: {notes}"
    );
    assert_eq!(company.city.as_deref(), Some("New York"));
    let orders = m.contact("Fabrikam, Inc.", "orders@fabrikam.example.com");
    assert_eq!(orders.office_phone.as_deref(), Some("+1 (206) 555-0188"));
    let rows = m.rejected_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][0], "Bob", "the row as it was");
    assert!(rows[0].last().unwrap().contains("not an email address"));
}

#[test]
fn a_google_contacts_export_keeps_typed_phones_and_emails_and_year_less_birthdays() {
    let db = TempDb::new();
    let m = move_in(&db, "google_contacts.csv", &[]);
    m.says("rows read: 5");
    m.says("rows set aside: 2");
    m.says("row 5: the row names no person and no company");
    m.says("row 6, column Birthday: \"1990-02-30\" is not a date");
    let hu = m.contact("深圳市云帆科技有限公司", "胡一菲");
    assert_eq!(hu.title.as_deref(), Some("采购经理"));
    assert_eq!(hu.department.as_deref(), Some("采购部"));
    assert_eq!(hu.nickname.as_deref(), Some("菲菲"));
    assert_eq!(hu.gender, Some(Gender::Female));
    assert_eq!(hu.email.as_deref(), Some("hu.yifei@yunfan.example.cn"));
    assert_eq!(hu.mobile.as_deref(), Some("137 0000 1111"));
    assert_eq!(hu.office_phone.as_deref(), Some("0755-8888 6666"));
    let notes = hu.notes.as_deref().unwrap();
    assert!(notes.contains("139 2222 3333"), "{notes}");
    assert!(notes.contains("Home: yifei@qq.example.com"), "{notes}");
    assert!(notes.contains("birthday: --04-22"), "{notes}");
    let ana = m.contact("Acme", "Ana Pérez");
    assert_eq!(ana.birthday, Some(date("1985-11-03")));
    assert_eq!(ana.title.as_deref(), Some("Gerenta"));
    // A person without a company is a private customer.
    let (juan, _) = m.account("Juan Soto");
    assert_eq!(juan.customer_type, Some(CustomerType::Person));
    m.says("private customers (a person without a company): 1");
}

#[test]
fn a_salesforce_data_loader_export_reads_name_as_the_account() {
    let db = TempDb::new();
    let m = move_in(&db, "salesforce_dataloader_accounts.csv", &[]);
    m.says("rows read: 6");
    m.says("accounts created: 5");
    m.says("rows set aside: 1");
    m.says("row 6: the row names no person and no company");
    let (edge, _) = m.account("Edge Communications");
    assert_eq!(edge.city.as_deref(), Some("Austin"));
    assert_eq!(edge.province.as_deref(), Some("TX"));
    assert_eq!(edge.employees, Some(1000));
    assert_eq!(edge.annual_revenue, Some(money("139000000")));
    assert_eq!(edge.industry_note.as_deref(), Some("Electronics"));
    let notes = edge.notes.as_deref().unwrap();
    assert!(notes.contains("Edge, founded in 1998"), "{notes}");
    assert!(notes.contains("Customer - Direct"), "{notes}");
}

#[test]
fn an_odoo_export_makes_individuals_contacts_of_their_related_company() {
    let db = TempDb::new();
    let m = move_in(&db, "odoo_res_partner.csv", &[]);
    m.says("rows set aside: 0");
    let mut names = m.names();
    names.sort();
    assert_eq!(names, ["Agrolait", "Grocery Outlet"]);
    let bob = m.contact("Grocery Outlet", "Bob");
    assert_eq!(bob.mobile.as_deref(), Some("4157654321"));
    let bill = m.contact("Grocery Outlet", "Bill");
    assert_eq!(bill.mobile.as_deref(), Some("4517864512"));
    let (grocery, _) = m.account("Grocery Outlet");
    assert_eq!(grocery.street.as_deref(), Some("51 Federal Street, #401"));
    assert_eq!(grocery.city.as_deref(), Some("San Francisco"));
}

#[test]
fn a_chinese_sheet_with_a_title_row_and_merged_header_cells_imports() {
    let db = TempDb::new();
    let m = move_in(&db, "zh_title_row_merged.xlsx", &[]);
    m.says("rows read: 4");
    m.says("rows set aside: 0");
    assert_eq!(
        m.names(),
        [
            "深圳市云帆科技有限公司",
            "苏州工业园区明辉精密机械有限公司",
            "武汉长江物流有限公司"
        ],
        "in the order of the sheet"
    );
    let (yunfan, cs) = m.account("深圳市云帆科技有限公司");
    assert_eq!(yunfan.category, Some(Category::Key), "重点客户");
    assert_eq!(cs.len(), 2);
    let hu = m.contact("深圳市云帆科技有限公司", "胡一菲");
    assert_eq!(hu.mobile.as_deref(), Some("13700001111"));
    assert_eq!(hu.office_phone.as_deref(), Some("0755-86668888"));
    assert_eq!(hu.wechat.as_deref(), Some("hyf_wx"));
    assert_eq!(hu.qq.as_deref(), Some("88886666"));
    assert_eq!(yunfan.province.as_deref(), Some("广东省"));
    assert_eq!(yunfan.city.as_deref(), Some("深圳市"));
    assert_eq!(yunfan.district.as_deref(), Some("南山区"));
    assert_eq!(yunfan.street.as_deref(), Some("科苑路15号"));
    let (suzhou, _) = m.account("苏州工业园区明辉精密机械有限公司");
    assert_eq!(suzhou.category, Some(Category::Normal), "一般客户");
    assert_eq!(suzhou.city.as_deref(), Some("苏州市"));
}

#[test]
fn a_gbk_csv_with_crlf_names_the_spreadsheets_row_in_the_interface_language() {
    let db = TempDb::new();
    let m = move_in(&db, "zh_gbk_crlf.csv", &["--dry-run"]);
    // The dry run shows which column became which field, with the first values.
    m.says(
        "单位名称 → account name (华为技术有限公司, 北京德茂隆商贸有限公司, 杭州西湖茶业有限公司)",
    );
    m.says("移动电话 → contact: mobile (13911112222, 13512345678, 18628001234)");
    let db = TempDb::new();
    let m = move_in(&db, "zh_gbk_crlf.csv", &["--lang", "zh"]);
    m.says("未导入的行：1");
    m.says("第 3 行，“电子邮箱”列：");
    assert_eq!(m.book.len(), 3);
    let (hw, _) = m.account("华为技术有限公司");
    assert_eq!(hw.category, Some(Category::Key), "重点客户");
    assert_eq!(hw.province.as_deref(), Some("广东省"));
    assert_eq!(hw.city.as_deref(), Some("深圳市"));
    assert_eq!(hw.district.as_deref(), Some("龙岗区"));
    let (tea, cs) = m.account("杭州西湖茶业有限公司");
    assert_eq!(tea.category, Some(Category::Key), "VIP");
    assert!(tea.notes.as_deref().unwrap().contains("春茶季忙"));
    assert_eq!(cs[0].wechat.as_deref(), Some("linwan88"));
    let (cd, _) = m.account("成都锦江电子有限公司");
    assert_eq!(cd.category, Some(Category::Key), "大客户");
    let rows = m.rejected_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0][0], "北京德茂隆商贸有限公司",
        "decoded from GBK, unchanged"
    );
    assert_eq!(rows[0][4], "wangqiang#demaolong");
    // Names decoded from GBK are found by pinyin and initials, as typed ones are.
    for query in ["xihu", "hzxhcy", "jinjiang"] {
        let o = kam_db(&db.path, &["search", query]);
        assert!(o.status.success(), "{}", stderr(&o));
        let found = stdout(&o);
        let want = if query == "jinjiang" {
            "成都锦江电子有限公司"
        } else {
            "杭州西湖茶业有限公司"
        };
        assert!(found.contains(want), "{query}: {found}");
    }
}

#[test]
fn the_rejected_rows_go_beside_the_file_unless_told_and_strict_refuses_them_all() {
    let db = TempDb::new();
    let copy = db.file("outlook.csv");
    std::fs::copy(fixture("outlook_contacts.csv"), &copy).unwrap();
    let o = import(&db, &copy, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let beside = db.file("outlook.csv.rejected.csv");
    assert!(beside.exists(), "{}", stdout(&o));
    assert!(stdout(&o).contains(beside.to_str().unwrap()));
    let again = TempDb::new();
    drop(again.writer());
    let before = std::fs::read(&again.path).unwrap();
    let o = import(&again, &copy, &["--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("row 4, column E-mail Address"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&again.path).unwrap(), before);
}

#[test]
fn an_exported_address_book_has_n_and_fn_and_version_30_for_older_phones() {
    let db = TempDb::new();
    move_in(&db, "android_21_zh_qp.vcf", &[]);
    let out = db.file("phone.vcf");
    let o = kam_db(
        &db.path,
        &[
            "export",
            "--format",
            "vcf",
            "--vcard-version",
            "3.0",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.matches("VERSION:3.0\r\n").count(), 5, "{text}");
    assert!(text.contains("N:曾;小贤;;;\r\nFN:曾小贤\r\n"), "{text}");
    assert!(
        text.contains("ORG:深圳市云帆科技有限公司;市场部\r\n"),
        "{text}"
    );
    assert!(text.contains("NICKNAME:阿贤\r\n"), "{text}");
    // The older phone's file comes back into an empty book as the same people.
    let again = TempDb::new();
    let o = import(&again, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let people = |book: Vec<(Account, Vec<Contact>)>| {
        let mut p: Vec<(String, String, Option<String>, Option<String>)> = book
            .into_iter()
            .flat_map(|(a, cs)| {
                cs.into_iter()
                    .map(move |c| (a.name.clone(), c.name, c.mobile, c.department))
            })
            .collect();
        p.sort();
        p
    };
    assert_eq!(people(accounts(&again)), people(accounts(&db)));
    let o = kam_db(
        &db.path,
        &["export", "--format", "vcf", "--vcard-version", "2.1"],
    );
    let line = assert_one_error_line(&o);
    assert!(line.contains("3.0, 4.0"), "only 3.0 and 4.0: {line}");
}
