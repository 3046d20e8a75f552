//! The finder finds what a rep typed into custom fields (经销商编号, a choice such as 华东区,
//! a person's 爱好): as typed, by pinyin and by initials, the account's own values and its
//! people's, ranked below every match on a name; a changed, erased, trashed or forgotten
//! value is never found again; a book whose finder records were written before the values
//! were in them rebuilds them once when opened.

use crate::support::*;
use kam::domain::*;
use kam::search::{Finder, Hit, MatchKind};
use kam::store::{Access, Store};

fn custom(pairs: &[(&str, &str)]) -> Option<CustomValues> {
    Some(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

fn fields(db: &TempDb, args: &[&str]) {
    let mut all = vec!["fields"];
    all.extend(args);
    let o = kam_db(&db.path, &all);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

/// Every way kam searches a book: the finder loaded from the records, the interface's lean
/// finder reading contacts from the store, a finder built from the rows, `kam search`'s
/// search over the stored chunks. Each gives the hits' account ids; the first gives hits.
fn searched(store: &Store, q: &str) -> Vec<Hit> {
    let loaded = Finder::from_store(store).unwrap().search(q, 50);
    let ids = |h: &[Hit]| h.iter().map(|h| h.account_id).collect::<Vec<_>>();
    let lean = Finder::from_store_lean(store)
        .unwrap()
        .search_reading(q, 50, store);
    assert_eq!(lean, loaded, "{q}: the interface's finder");
    let built = Finder::new(
        store.account_summaries().unwrap(),
        store.contact_keys().unwrap(),
    )
    .search(q, 50);
    assert_eq!(built, loaded, "{q}: built from the rows");
    let stored = kam::search::search_stored(store, q, 50).unwrap();
    assert_eq!(ids(&stored), ids(&loaded), "{q}: kam search");
    loaded
}

fn ids(hits: &[Hit]) -> Vec<i64> {
    hits.iter().map(|h| h.account_id).collect()
}

struct Book {
    db: TempDb,
    /// 华东机电 (a name holding 华东), the dealer with values, the one whose person has one.
    named: i64,
    dealer: i64,
    person_of: i64,
    person: i64,
}

fn book() -> Book {
    let db = TempDb::new();
    fields(&db, &["add", "account", "经销商编号"]);
    fields(
        &db,
        &[
            "add",
            "account",
            "区域",
            "--type",
            "choice",
            "--choices",
            "华东区,华南区",
        ],
    );
    fields(&db, &["add", "contact", "爱好"]);
    let mut store = db.writer();
    let mut add = |code: &str, name: &str, values: Option<CustomValues>| {
        let mut a = sample_account(code);
        a.name = name.into();
        a.short_name = None;
        a.registration_no = None;
        a.custom = values;
        store.insert(&mut a).unwrap()
    };
    let named = add("C000001", "华东机电有限公司", None);
    let dealer = add(
        "C000002",
        "Northwind Traders",
        custom(&[("经销商编号", "JX-0042"), ("区域", "华东区")]),
    );
    let person_of = add("C000003", "Contoso Ltd", None);
    let mut c = sample_contact(person_of);
    c.name = "Mary Major".into();
    c.custom = custom(&[("爱好", "高尔夫")]);
    let person = store.insert(&mut c).unwrap();
    drop(store);
    Book {
        db,
        named,
        dealer,
        person_of,
        person,
    }
}

#[test]
fn a_custom_value_finds_its_account_as_typed_by_pinyin_and_by_initials() {
    let b = book();
    let store = Store::open(&b.db.path, Access::Read).unwrap();
    for q in ["JX-0042", "jx-00", "0042"] {
        let hits = searched(&store, q);
        assert_eq!(ids(&hits), vec![b.dealer], "{q}");
        assert_eq!(hits[0].kind, MatchKind::Field, "{q}");
        assert_eq!(hits[0].matched_text.as_deref(), Some("jx-0042"), "{q}");
    }
    // A choice's value, in Chinese, in pinyin, in initials, from its start or inside it.
    for q in ["华东区", "huadongqu", "hdq", "dongqu"] {
        let hits = searched(&store, q);
        assert!(ids(&hits).contains(&b.dealer), "{q}: {hits:?}");
        let hit = hits.iter().find(|h| h.account_id == b.dealer).unwrap();
        assert_eq!(hit.kind, MatchKind::Field, "{q}");
        assert_eq!(hit.matched_text.as_deref(), Some("华东区"), "{q}");
    }
    // A person's value finds the person's account.
    for q in ["高尔夫", "gaoerfu", "gef"] {
        let hits = searched(&store, q);
        assert_eq!(ids(&hits), vec![b.person_of], "{q}");
        assert_eq!(hits[0].kind, MatchKind::Field);
    }
    // With other words, in any order: every word must match somewhere.
    assert_eq!(ids(&searched(&store, "northwind hdq")), vec![b.dealer]);
    assert_eq!(ids(&searched(&store, "jx-0042 northwind")), vec![b.dealer]);
    assert!(searched(&store, "contoso hdq").is_empty());
    // The field's name is not a value: typing it finds no account holding the field.
    assert!(searched(&store, "经销商编号").is_empty());
}

#[test]
fn a_name_match_ranks_above_a_custom_value() {
    let b = book();
    let store = Store::open(&b.db.path, Access::Read).unwrap();
    // 华东 is in one account's name and in the other's value: the name first, in every way.
    for q in ["华东", "huadong", "hd"] {
        let got = ids(&searched(&store, q));
        let at = |id| got.iter().position(|&g| g == id);
        assert!(
            at(b.named).is_some() && at(b.named) < at(b.dealer),
            "{q}: {got:?}"
        );
    }
}

#[test]
fn a_changed_erased_trashed_or_forgotten_value_is_not_found_again() {
    let b = book();
    let mut store = b.db.writer();
    // Changed: the new value is found, the old one not.
    let mut a: Account = store.get(b.dealer).unwrap().unwrap();
    a.custom = custom(&[("经销商编号", "JX-0777"), ("区域", "华东区")]);
    store.update(&mut a).unwrap();
    assert!(searched(&store, "jx-0042").is_empty());
    assert_eq!(ids(&searched(&store, "jx-0777")), vec![b.dealer]);
    // The field removed with its values: nothing finds them.
    store
        .remove_custom_field(RecordKind::Account, "经销商编号", true)
        .unwrap();
    assert!(searched(&store, "jx-0777").is_empty());
    assert_eq!(ids(&searched(&store, "hdq")), vec![b.dealer]);
    // The account in the trash: not found; back from it: found again.
    store.delete(RecordKind::Account, b.dealer).unwrap();
    assert!(searched(&store, "hdq").is_empty());
    store.restore(RecordKind::Account, b.dealer).unwrap();
    assert_eq!(ids(&searched(&store, "hdq")), vec![b.dealer]);
    // The person in the trash, then forgotten.
    store.delete(RecordKind::Contact, b.person).unwrap();
    assert!(searched(&store, "gef").is_empty());
    store.restore(RecordKind::Contact, b.person).unwrap();
    assert_eq!(ids(&searched(&store, "gef")), vec![b.person_of]);
    store.forget(|w| w.forget_contact(b.person)).unwrap();
    assert!(searched(&store, "gef").is_empty());
    assert!(searched(&store, "高尔夫").is_empty());
    // The account forgotten: its value is in no record of the finder.
    store.forget(|w| w.forget_account(b.dealer)).unwrap();
    assert!(searched(&store, "hdq").is_empty());
    drop(store);
    let conn = rusqlite::Connection::open(&b.db.path).unwrap();
    let holding: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM search_chunks WHERE instr(keys, CAST('华东区' AS BLOB)) > 0)
                  + (SELECT count(*) FROM search_records WHERE instr(record, CAST('华东区' AS BLOB)) > 0)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(holding, 0, "a forgotten value left in the finder's records");
}

#[test]
fn a_book_whose_records_left_the_values_out_rebuilds_them_once_when_opened() {
    let dir = tempdir();
    let path = dir.path().join("kam.db");
    std::fs::copy("tests/fixtures/finder/records-v2.db", &path).unwrap();
    let versions = |path: &std::path::Path| -> Vec<u8> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT substr(keys, 1, 1) FROM search_chunks
                 UNION ALL SELECT substr(record, 1, 1) FROM search_records WHERE record IS NOT NULL",
            )
            .unwrap();
        let v: Vec<Vec<u8>> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        v.into_iter().flatten().collect()
    };
    let before = versions(&path);
    assert!(!before.is_empty() && before.iter().all(|&v| v == 2));
    // Read as it is (a reader rebuilds nothing), the old records are not taken as current:
    // `kam search` finds the value all the same.
    let o = kam_db(&path, &["search", "jx-0042"]);
    assert!(stdout(&o).contains("C000005"), "{}", stdout(&o));
    // Opened for writing: every record written again in the layout that holds the values.
    let store = Store::open(&path, Access::Write).unwrap();
    let current = kam::search_keys::record::VERSION;
    let after = versions(&path);
    assert!(after.iter().all(|&v| v == current), "{after:?}");
    assert!(store.search_overrides().unwrap().1.is_empty(), "none stale");
    let code = |hits: Vec<Hit>| -> Vec<String> {
        hits.iter()
            .map(|h| store.account_summary(h.account_id).unwrap().unwrap().code)
            .collect()
    };
    assert_eq!(code(searched(&store, "jx-0042")), vec!["C000005"]);
    assert_eq!(code(searched(&store, "gef")), vec!["C000002"]);
    drop(store);
    // Once: the next opening finds every record current and rewrites none.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE rewritten (n INTEGER); INSERT INTO rewritten VALUES (0);
         CREATE TRIGGER count_chunks AFTER INSERT ON search_chunks
         BEGIN UPDATE rewritten SET n = n + 1; END;
         CREATE TRIGGER count_records AFTER INSERT ON search_records
         BEGIN UPDATE rewritten SET n = n + 1; END;",
    )
    .unwrap();
    drop(conn);
    drop(Store::open(&path, Access::Write).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = conn
        .query_row("SELECT n FROM rewritten", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0, "records rewritten at the second opening");
}
