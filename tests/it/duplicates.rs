//! Probable duplicates and the merge that joins two accounts, undone from the trash.

use crate::support::*;
use kam::domain::*;
use kam::duplicates::{account_duplicates, contact_duplicates, name_key, Reason};
use kam::store::Store;

#[test]
fn names_are_compared_without_spaces_width_and_company_suffixes() {
    assert_eq!(
        name_key("华为技术有限公司"),
        name_key("华为技术 有限责任公司")
    );
    assert_eq!(
        name_key("华为技术有限公司"),
        name_key("华为技术股份有限公司")
    );
    assert_eq!(name_key("Acme Co., Ltd."), name_key("ACME co ltd"));
    assert_eq!(name_key("Acme Co., Ltd."), name_key("Ａｃｍｅ Limited"));
    assert_eq!(name_key("Acme Inc."), "acme");
    assert_ne!(name_key("华为技术有限公司"), name_key("华为终端有限公司"));
    // A name that is only a suffix keeps something to compare.
    assert_eq!(name_key("公司"), "公司");
}

fn account(store: &mut Store, name: &str, reg: Option<&str>) -> Account {
    let mut a = Account {
        name: name.into(),
        registration_no: reg.map(Into::into),
        ..Default::default()
    };
    store.insert(&mut a).unwrap();
    a
}

fn contact(
    store: &mut Store,
    account_id: i64,
    name: &str,
    mobile: &str,
    email: Option<&str>,
) -> Contact {
    let mut c = Contact {
        account_id,
        name: name.into(),
        mobile: Some(mobile.into()),
        email: email.map(Into::into),
        ..Default::default()
    };
    store.insert(&mut c).unwrap();
    c
}

#[test]
fn duplicates_are_found_by_number_name_phone_and_email() {
    let db = TempDb::new();
    let mut s = db.writer();
    let a = account(&mut s, "华为技术有限公司", Some("914403001922038216"));
    let b = account(&mut s, "华为技术 有限责任公司", None);
    let c = account(&mut s, "深圳华为", Some("914403001922038216"));
    let d = account(&mut s, "Acme Logistics Inc", None);
    let e = account(&mut s, "ACME Trading", None);
    let lone = account(&mut s, "单氏五金", None);
    contact(
        &mut s,
        d.id,
        "Jane",
        "+86 138 0013 8000",
        Some("jane@acme.example"),
    );
    contact(
        &mut s,
        e.id,
        "J. Smith",
        "13800138000",
        Some("JANE@acme.example"),
    );
    contact(&mut s, lone.id, "单田芳", "13900000000", None);
    contact(&mut s, lone.id, "单田芳", "13900000001", None);
    let groups = account_duplicates(&s).unwrap();
    let found: Vec<(Reason, Vec<&str>)> = groups
        .iter()
        .map(|g| (g.reason, g.accounts.iter().map(|m| &*m.code).collect()))
        .collect();
    let code = |x: &Account| x.code.clone();
    assert!(
        found.contains(&(Reason::RegistrationNo, vec![&code(&a), &code(&c)])),
        "{found:?}"
    );
    assert!(
        found.contains(&(Reason::Name, vec![&code(&a), &code(&b)])),
        "{found:?}"
    );
    assert!(
        found.contains(&(Reason::Phone, vec![&code(&d), &code(&e)])),
        "+86 and without: {found:?}"
    );
    assert!(
        found.contains(&(Reason::Email, vec![&code(&d), &code(&e)])),
        "any case: {found:?}"
    );
    assert_eq!(found.len(), 4, "nothing else: {found:?}");
    let twins = contact_duplicates(&s).unwrap();
    assert_eq!(twins.len(), 1);
    assert_eq!(twins[0].account.code, lone.code);
    assert_eq!(twins[0].names, ["单田芳", "单田芳"]);

    drop(s);
    let o = kam_db(&db.path, &["duplicates"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("same registration number: 914403001922038216"),
        "{out}"
    );
    assert!(out.lines().count() == 5, "{out}");
}

#[test]
fn a_merge_moves_everything_and_restoring_the_dropped_account_undoes_it() {
    let db = TempDb::new();
    let mut s = db.writer();
    let keep = account(&mut s, "华为技术有限公司", None);
    let mut dropped = Account {
        name: "华为技术 有限责任公司".into(),
        city: Some("深圳市".into()),
        ..Default::default()
    };
    s.insert(&mut dropped).unwrap();
    let kept_contact = contact(&mut s, keep.id, "曾小贤", "13800138000", None);
    let moved_contact = contact(&mut s, dropped.id, "胡一菲", "13900139000", None);
    let mut deal = sample_deal(dropped.id);
    s.insert(&mut deal).unwrap();
    let mut visit = sample_report(dropped.id);
    s.insert(&mut visit).unwrap();
    drop(s);

    let o = kam_db(&db.path, &["merge", &keep.code, &dropped.code]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("3 records moved, 1 empty fields filled"),
        "{}",
        stdout(&o)
    );
    let s = db.writer();
    let names: Vec<String> = s
        .list::<Contact>(keep.id)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["曾小贤", "胡一菲"]);
    assert_eq!(s.list::<Deal>(keep.id).unwrap().len(), 1);
    assert_eq!(s.list::<VisitReport>(keep.id).unwrap().len(), 1);
    assert_eq!(
        s.get::<Account>(keep.id).unwrap().unwrap().city.as_deref(),
        Some("深圳市")
    );
    let trash = s.trash().unwrap();
    assert!(trash
        .iter()
        .any(|t| t.kind == RecordKind::Account && t.id == dropped.id));
    // Both histories are kept: the dropped account's own, and the moves on the kept one.
    assert!(!s.history(dropped.id).unwrap().is_empty());
    assert!(s.history(keep.id).unwrap().len() > 3);
    drop(s);

    // Undo: restore the dropped account; its records come back, the kept ones stay.
    let mut s = db.writer();
    s.restore(RecordKind::Account, dropped.id).unwrap();
    let back: Vec<String> = s
        .list::<Contact>(dropped.id)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(back, ["胡一菲"]);
    assert_eq!(s.list::<Deal>(dropped.id).unwrap().len(), 1);
    assert_eq!(s.list::<VisitReport>(dropped.id).unwrap().len(), 1);
    let kept: Vec<i64> = s
        .list::<Contact>(keep.id)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(kept, [kept_contact.id]);
    assert_ne!(moved_contact.id, kept_contact.id);
}

#[test]
fn merging_an_account_into_itself_or_an_unknown_code_is_refused() {
    let db = TempDb::new();
    let mut s = db.writer();
    let a = account(&mut s, "甲公司", None);
    drop(s);
    let line = assert_one_error_line(&kam_db(&db.path, &["merge", &a.code, &a.code]));
    assert!(line.contains("into itself"), "{line}");
    let line = assert_one_error_line(&kam_db(&db.path, &["merge", &a.code, "C999999"]));
    assert!(line.contains("no account with code C999999"), "{line}");
}
