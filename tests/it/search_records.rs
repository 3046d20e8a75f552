//! The finder's records kept by the store: whatever changed, a finder loaded from the file
//! finds what a finder built from the accounts' rows finds.

use crate::support::*;
use kam::domain::{Account, RecordKind};
use kam::search::Finder;
use kam::store::{Access, Store};

const QUERIES: [&str; 10] = [
    "",
    "hd",
    "宏达",
    "zs",
    "张三",
    "13800138000",
    "c0000",
    "lisi",
    "renamed",
    "zhangsan@",
];

/// Every hit of each query, with what it matched.
fn answers(f: &Finder) -> Vec<Vec<(i64, kam::search::MatchKind, Option<String>)>> {
    QUERIES
        .iter()
        .map(|q| {
            f.search(q, 500)
                .into_iter()
                .map(|h| (h.account_id, h.kind, h.matched_text))
                .collect()
        })
        .collect()
}

/// The finder loaded from the stored records against one built from the rows.
fn assert_records_current(store: &Store) {
    let (newer, stale) = store.search_overrides().unwrap();
    assert!(
        stale.is_empty(),
        "every save rewrites its records: {stale:?}"
    );
    assert!(
        newer.len() < 64,
        "a chunk takes in its rows at 64: {}",
        newer.len()
    );
    let loaded = Finder::from_store(store).unwrap();
    let built = Finder::new(
        store.account_summaries().unwrap(),
        store.contact_keys().unwrap(),
    );
    assert_eq!(loaded.len(), built.len());
    assert_eq!(answers(&loaded), answers(&built));
    // `kam search` ranks the stored chunks as read, without a finder: the same accounts, in
    // the same order, of the same kind.
    for (q, want) in QUERIES.iter().zip(answers(&built)) {
        let got: Vec<_> = kam::search::search_stored(store, q, 500)
            .unwrap()
            .into_iter()
            .map(|h| (h.account_id, h.kind))
            .collect();
        let want: Vec<_> = want.into_iter().map(|h| (h.0, h.1)).collect();
        assert_eq!(got, want, "{q}");
    }
    for id in [1, 2, 70] {
        assert_eq!(loaded.account(id), store.account_summary(id).unwrap());
    }
}

#[test]
fn records_follow_every_kind_of_change() {
    let db = TempDb::new();
    let mut store = db.writer();
    // 100 accounts in one chunk: more than a chunk takes before it takes in its rows.
    let mut ids = vec![];
    for i in 0..100 {
        let mut a = sample_account(&format!("C{:06}", i + 1));
        if i % 2 == 1 {
            a.name = format!("Account {i}");
            a.short_name = None;
        }
        ids.push(store.insert(&mut a).unwrap());
        if i % 3 == 0 {
            store.insert(&mut sample_contact(ids[i])).unwrap();
        }
    }
    assert_records_current(&store);

    // A contact renamed, a visit recorded, an account renamed, one deleted, one restored.
    let mut c = sample_contact(ids[1]);
    c.name = "李四".into();
    c.mobile = Some("139 1111 2222".into());
    store.insert(&mut c).unwrap();
    store.insert(&mut sample_report(ids[2])).unwrap();
    let mut a: kam::domain::Account = store.get(ids[3]).unwrap().unwrap();
    a.name = "Renamed Ltd".into();
    store.update(&mut a).unwrap();
    store.delete(RecordKind::Account, ids[4]).unwrap();
    store.delete(RecordKind::Account, ids[5]).unwrap();
    store.restore(RecordKind::Account, ids[5]).unwrap();
    assert_records_current(&store);
    assert!(Finder::from_store(&store).unwrap().search("renamed", 5)[0].account_id == ids[3]);

    // A write outside kam's own saves (here straight SQL) is caught by the triggers.
    drop(store);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "UPDATE accounts SET name = 'Renamed Again' WHERE id = ?1",
        [ids[6]],
    )
    .unwrap();
    drop(conn);
    let reader = Store::open(&db.path, Access::Read).unwrap();
    assert_eq!(
        Finder::from_store(&reader)
            .unwrap()
            .search("renamed again", 1)[0]
            .account_id,
        ids[6]
    );
    drop(reader);
    // Opening for writing brings the records up to date.
    let store = Store::open(&db.path, Access::Write).unwrap();
    assert_records_current(&store);
}

#[test]
fn a_bulk_load_writes_whole_chunks() {
    let db = TempDb::new();
    let mut store = db.writer();
    kam::demo::generate(&mut store, 2500, 7).unwrap();
    assert!(
        store.search_overrides().unwrap().0.is_empty(),
        "all in chunks"
    );
    let mut chunks = 0;
    store.search_chunks(false, |_, _, _| chunks += 1).unwrap();
    assert_eq!(chunks, 1, "2,500 ids fit one chunk of 4,096");
    assert_records_current(&store);
    // Then single saves on top of the chunks.
    for i in 0..70 {
        let mut c = sample_contact(1 + i * 30);
        c.name = format!("Lisi {i}");
        store.insert(&mut c).unwrap();
    }
    assert_records_current(&store);
}

#[test]
fn a_damaged_chunk_is_read_from_the_rows_instead() {
    let db = TempDb::new();
    let mut store = db.writer();
    kam::demo::generate(&mut store, 2100, 3).unwrap();
    let built = Finder::new(
        store.account_summaries().unwrap(),
        store.contact_keys().unwrap(),
    );
    drop(store);
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    // Cut the chunk's blobs short, as a damaged page might.
    conn.execute(
        "UPDATE search_chunks SET keys = substr(keys, 1, 1000), tails = x'00'",
        [],
    )
    .unwrap();
    drop(conn);
    let reader = Store::open(&db.path, Access::Read).unwrap();
    let loaded = Finder::from_store(&reader).unwrap();
    assert_eq!(loaded.len(), 2100);
    assert_eq!(answers(&loaded), answers(&built));
    for q in QUERIES {
        let ids = |hits: Vec<kam::search::Hit>| {
            hits.into_iter().map(|h| h.account_id).collect::<Vec<_>>()
        };
        assert_eq!(
            ids(kam::search::search_stored(&reader, q, 500).unwrap()),
            ids(built.search(q, 500)),
            "{q}"
        );
    }
}

/// Finder records damaged or removed by another program: `kam check` says which way the
/// records disagree with the accounts, `kam reindex` writes them afresh.
#[test]
fn check_finds_finder_records_out_of_step_and_reindex_repairs_them() {
    let db = TempDb::new();
    let mut store = db.writer();
    for i in 0..40 {
        store
            .insert(&mut Account::new(&format!("检查公司{i}")))
            .unwrap();
    }
    drop(store);
    let ok = kam_db(&db.path, &["check"]);
    assert!(ok.status.success(), "{}", stdout(&ok));
    assert!(stdout(&ok).contains("finder records: 0 wrong among 40 accounts"));

    let raw = rusqlite::Connection::open(&db.path).unwrap();
    raw.execute_batch("DELETE FROM search_chunks; DELETE FROM search_records;")
        .unwrap();
    drop(raw);
    let check = kam_db(&db.path, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains("finder records: 40 wrong among 40 accounts"),
        "{}",
        stdout(&check)
    );

    assert!(kam_db(&db.path, &["reindex"]).status.success());
    let after = kam_db(&db.path, &["check", "--full"]);
    assert!(after.status.success(), "{}", stdout(&after));
    assert!(stdout(&kam_db(&db.path, &["search", "检查公司7"])).contains("检查公司7"));
}

/// The interface's finder keeps each account's summary but not its contacts as typed (the
/// memory of a big book, issue 17): a hit on a contact, phone or email reads them from the
/// store, and shows what a finder keeping them shows.
#[test]
fn a_finder_keeping_summaries_only_shows_the_contacts_as_typed_read_from_the_store() {
    let db = TempDb::new();
    let mut store = db.writer();
    kam::demo::generate(&mut store, 300, 5).unwrap();
    let raw = rusqlite::Connection::open(&db.path).unwrap();
    let mut queries: Vec<String> = QUERIES.iter().map(|q| q.to_string()).collect();
    let mut stmt = raw
        .prepare("SELECT name, mobile, email FROM contacts WHERE id % 37 = 1 LIMIT 12")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?].map(|s: Option<String>| s.unwrap_or_default()))
        })
        .unwrap();
    for [name, mobile, email] in rows.map(Result::unwrap) {
        let digits: String = mobile.chars().filter(char::is_ascii_digit).collect();
        queries.push(name);
        queries.push(digits[digits.len().saturating_sub(7)..].to_string());
        queries.push(email.split('@').next().unwrap_or_default().to_string());
    }
    let whole = Finder::from_store(&store).unwrap();
    let lean = Finder::from_store_lean(&store).unwrap();
    let shown = |hits: Vec<kam::search::Hit>| -> Vec<_> {
        hits.into_iter()
            .map(|h| (h.account_id, h.kind, h.name_ranges, h.matched_text))
            .collect()
    };
    let mut typed_shown = 0;
    for q in &queries {
        let want = shown(whole.search(q, 50));
        typed_shown += want.iter().filter(|h| h.3.is_some()).count();
        assert_eq!(shown(lean.search_reading(q, 50, &store)), want, "{q}");
    }
    assert!(typed_shown > 20, "the queries hit contacts: {typed_shown}");
    // It is the store that gave them: the finder alone has no contacts as typed.
    let alone: usize = queries
        .iter()
        .map(|q| {
            lean.search(q, 50)
                .iter()
                .filter(|h| h.matched_text.is_some())
                .count()
        })
        .sum();
    assert!(alone < typed_shown / 2, "{alone} of {typed_shown}");
    // A save after loading is kept the same way.
    let id = lean.search("", 1)[0].account_id;
    let mut lean = lean;
    lean.upsert_record(&store.search_record_built(id).unwrap().unwrap());
    let mut whole = whole;
    whole.upsert_record(&store.search_record_built(id).unwrap().unwrap());
    for q in &queries {
        assert_eq!(
            shown(lean.search_reading(q, 50, &store)),
            shown(whole.search(q, 50)),
            "{q}"
        );
    }
    let [.., lean_tails] = lean.heap_bytes();
    let [.., whole_tails] = whole.heap_bytes();
    assert!(
        lean_tails * 3 < whole_tails * 2,
        "{lean_tails} of {whole_tails} bytes"
    );
}
