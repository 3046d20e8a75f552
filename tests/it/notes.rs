//! The note index: what it finds (one and two Chinese characters, Latin words), in which
//! order, and that it follows every save, edit, trash and restore in the same transaction.

use crate::support::*;
use kam::domain::*;
use kam::store::{migrations, Store};

fn report(account_id: i64, day: &str, summary: &str) -> VisitReport {
    VisitReport {
        account_id,
        date: Some(date(day)),
        summary: Some(summary.to_string()),
        ..Default::default()
    }
}

fn found(store: &Store, query: &str) -> Vec<(String, i64)> {
    store
        .search_notes(query, None, 50)
        .unwrap()
        .into_iter()
        .map(|h| (h.entity.to_string(), h.id))
        .collect()
}

fn ids(store: &Store, query: &str) -> Vec<i64> {
    found(store, query).into_iter().map(|(_, id)| id).collect()
}

/// Two accounts with a visit report, a service record, feedback and a communication.
struct Book {
    store: Store,
    a: i64,
    b: i64,
    visit: i64,
    service: i64,
    feedback: i64,
    talk: i64,
}

fn book(db: &TempDb) -> Book {
    let mut store = db.writer();
    let a = store.insert(&mut Account::new("华东机械有限公司")).unwrap();
    let b = store.insert(&mut Account::new("Acme Trading")).unwrap();
    let visit = store
        .insert(&mut report(a, "2026-11-20", "初次拜访张三，介绍公司产品。"))
        .unwrap();
    let service = store
        .insert(&mut ServiceRecord {
            account_id: a,
            date: Some(date("2026-11-21")),
            request: "变频器报警，需要上门维修".into(),
            ..Default::default()
        })
        .unwrap();
    let feedback = store
        .insert(&mut Feedback {
            account_id: b,
            date: Some(date("2026-11-19")),
            content: "Customer praised the quick delivery".into(),
            ..Default::default()
        })
        .unwrap();
    let talk = store
        .insert(&mut Communication {
            account_id: b,
            at: Some(datetime("2026-11-22 10:00")),
            content: "电话拜访，确认报价".into(),
            next_step: Some("send the quotation".into()),
            ..Default::default()
        })
        .unwrap();
    Book {
        store,
        a,
        b,
        visit,
        service,
        feedback,
        talk,
    }
}

#[test]
fn one_and_two_chinese_characters_and_latin_words_are_found_newest_first() {
    let db = TempDb::new();
    let k = book(&db);
    let s = &k.store;
    // One character, in two kinds of notes: the communication (11-22) before the visit (11-20).
    assert_eq!(
        found(s, "访"),
        vec![
            ("communications".to_string(), k.talk),
            ("visit_reports".to_string(), k.visit)
        ]
    );
    assert_eq!(ids(s, "拜访"), vec![k.talk, k.visit]);
    assert_eq!(ids(s, "张三"), vec![k.visit]);
    assert_eq!(ids(s, "维修"), vec![k.service]);
    // Adjacent only: both characters are in the visit report, but not side by side.
    assert_eq!(ids(s, "三初"), Vec::<i64>::new());
    // Latin: whole words, starts of words, any case; all parts must match.
    assert_eq!(ids(s, "customer"), vec![k.feedback]);
    assert_eq!(ids(s, "Quick DELIV"), vec![k.feedback]);
    assert_eq!(ids(s, "quot"), vec![k.talk]);
    assert_eq!(ids(s, "uotation"), Vec::<i64>::new());
    assert_eq!(ids(s, "拜访 send"), vec![k.talk]);
    assert_eq!(ids(s, ""), Vec::<i64>::new());
    assert_eq!(ids(s, "，"), Vec::<i64>::new());
    // The limit keeps the newest.
    assert_eq!(
        s.search_notes("访", None, 1).unwrap()[0].id,
        k.talk,
        "newest first"
    );
}

#[test]
fn a_hit_names_its_account_date_and_the_text_that_matched() {
    let db = TempDb::new();
    let k = book(&db);
    let hit = k.store.search_notes("send", None, 5).unwrap().remove(0);
    assert_eq!(hit.account_id, k.b);
    assert_eq!(hit.account_name, "Acme Trading");
    assert_eq!(hit.account_code, "C000002");
    assert!(hit.date.starts_with("2026-11-22"), "{}", hit.date);
    assert_eq!(hit.snippet, "send the quotation");
    let hit = k.store.search_notes("拜访", None, 5).unwrap().remove(0);
    assert_eq!(hit.snippet, "电话拜访，确认报价");
}

#[test]
fn notes_of_one_account_are_matched_the_same_way() {
    let db = TempDb::new();
    let k = book(&db);
    let of = |account, q| -> Vec<i64> {
        k.store
            .search_notes(q, Some(account), 50)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    assert_eq!(of(k.a, "访"), vec![k.visit]);
    assert_eq!(of(k.b, "访"), vec![k.talk]);
    assert_eq!(of(k.a, "拜访"), vec![k.visit]);
    assert_eq!(of(k.b, "cust"), vec![k.feedback]);
    assert_eq!(of(k.a, "cust"), Vec::<i64>::new());
    assert_eq!(of(k.a, "三初"), Vec::<i64>::new());
}

#[test]
fn edits_trash_and_restore_keep_the_index_current() {
    let db = TempDb::new();
    let mut k = book(&db);
    let s = &mut k.store;
    // An edit replaces the old words and moves the note by its new date.
    let mut r: VisitReport = s.get(k.visit).unwrap().unwrap();
    r.summary = Some("第二次拜访，签订合同".into());
    r.date = Some(date("2026-11-23"));
    s.update(&mut r).unwrap();
    assert_eq!(ids(s, "张三"), Vec::<i64>::new());
    assert_eq!(ids(s, "合同"), vec![k.visit]);
    assert_eq!(ids(s, "拜访"), vec![k.visit, k.talk]);
    // Trash and restore.
    s.delete(RecordKind::VisitReport, k.visit).unwrap();
    assert_eq!(ids(s, "合同"), Vec::<i64>::new());
    assert_eq!(ids(s, "拜访"), vec![k.talk]);
    s.restore(RecordKind::VisitReport, k.visit).unwrap();
    assert_eq!(ids(s, "合同"), vec![k.visit]);
    // A trashed account hides its notes; restored, they are back.
    s.delete(RecordKind::Account, k.b).unwrap();
    assert_eq!(ids(s, "拜访"), vec![k.visit]);
    assert_eq!(ids(s, "customer"), Vec::<i64>::new());
    s.restore(RecordKind::Account, k.b).unwrap();
    assert_eq!(ids(s, "customer"), vec![k.feedback]);
    // Taking notes out by their old text left no stray entries: the edited words are gone
    // from the index itself, not only filtered from the results.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let stray: i64 = conn
        .query_row(
            "SELECT count(*) FROM note_index WHERE note_index MATCH '\"张 三\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stray, 0);
    integrity(&db);
}

#[test]
fn the_index_changes_in_the_same_transaction_as_the_note() {
    let db = TempDb::new();
    let mut k = book(&db);
    let a = k.a;
    let failed: anyhow::Result<()> = k.store.write(|w| {
        w.insert(&mut report(a, "2026-11-23", "回访客户王五"))?;
        anyhow::bail!("the save fails after the note was written")
    });
    assert!(failed.is_err());
    assert_eq!(ids(&k.store, "王五"), Vec::<i64>::new());
    // And what one transaction saves, the index holds at once, also for bulk loads.
    let mut many = vec![report(a, "2026-11-23", "回访客户王五"); 3];
    k.store.write(|w| w.insert_many(&mut many)).unwrap();
    assert_eq!(ids(&k.store, "王五").len(), 3);
    // The raw index holds the three notes once each, and is consistent.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM note_index WHERE note_index MATCH '\"王 五\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 3);
    integrity(&db);
}

/// FTS5's own check of the index's structure.
fn integrity(db: &TempDb) {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "INSERT INTO note_index (note_index) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
}

#[test]
fn upgrading_an_older_database_indexes_the_notes_it_holds() {
    let db = TempDb::new();
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.execute_batch(&migrations::steps()[0]).unwrap();
        conn.pragma_update(None, "application_id", migrations::APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts (code, name, created_at, updated_at) VALUES ('C000001', '老客户', 'x', 'x');
             INSERT INTO visit_reports (account_id, date, summary, created_at, updated_at)
                 VALUES (1, '2025-01-02', '年底拜访，客户满意', 'x', 'x');
             INSERT INTO communications (account_id, at, content, created_at, updated_at, deleted_at)
                 VALUES (1, '2025-01-03T08:00:00', '已删除的拜访记录', 'x', 'x', 'x');",
        )
        .unwrap();
    }
    let store = db.writer();
    assert_eq!(ids(&store, "拜访"), vec![1]);
    assert_eq!(ids(&store, "满意"), vec![1]);
}

#[test]
fn kam_notes_prints_code_name_date_kind_and_text() {
    let db = TempDb::new();
    let k = book(&db);
    drop(k.store);
    let o = kam_db(&db.path, &["notes", "拜访"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "C000002\tAcme Trading\t2026-11-22T10:00:00\tcommunications\t电话拜访，确认报价\n\
         C000001\t华东机械有限公司\t2026-11-20\tvisit_reports\t初次拜访张三，介绍公司产品。\n"
    );
    let o = kam_db(&db.path, &["notes", "拜访", "--account", "C000001"]);
    assert_eq!(
        stdout(&o),
        "C000001\t华东机械有限公司\t2026-11-20\tvisit_reports\t初次拜访张三，介绍公司产品。\n"
    );
    let o = kam_db(&db.path, &["notes", "quick", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["entity"], "feedback");
    assert_eq!(v[0]["account_code"], "C000002");
    let o = kam_db(&db.path, &["notes", "x", "--account", "C999"]);
    assert_one_error_line(&o);
    let o = kam_db(&db.path, &["notes", "没有的词"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "");
}

#[test]
fn a_word_start_shared_by_many_words_is_still_found() {
    let db = TempDb::new();
    let mut k = book(&db);
    // 80 distinct words starting "zq": more than the index lists one by one.
    let text: Vec<String> = (0..80).map(|i| format!("zq{i:02}x")).collect();
    let id = k
        .store
        .insert(&mut report(k.a, "2026-11-23", &text.join(" ")))
        .unwrap();
    assert_eq!(ids(&k.store, "zq"), vec![id]);
    assert_eq!(ids(&k.store, "zq7"), vec![id]);
    assert_eq!(ids(&k.store, "zq79x"), vec![id]);
    assert_eq!(ids(&k.store, "zq8"), Vec::<i64>::new());
    // Words of a note that was edited away stay listed but find nothing.
    let mut r: VisitReport = k.store.get(id).unwrap().unwrap();
    r.summary = Some("plain".into());
    k.store.update(&mut r).unwrap();
    assert_eq!(ids(&k.store, "zq7"), Vec::<i64>::new());
    assert_eq!(ids(&k.store, "pla"), vec![id]);
}

/// A note changed by another program (a hand edit, a restore from an older kam) leaves the
/// index out of step: `kam check --full` says so, a sample check catches an index emptied
/// whole, and `kam reindex` makes search find the note again.
#[test]
fn check_finds_an_index_out_of_step_and_reindex_repairs_it() {
    let db = TempDb::new();
    let b = book(&db);
    drop(b.store);
    let healthy = kam_db(&db.path, &["check", "--full"]);
    assert!(healthy.status.success(), "{}", stderr(&healthy));
    assert!(stdout(&healthy).contains("note index: 0 of 4 notes wrong (all)"));

    // One note's text changed outside kam: the index still holds the old words.
    let raw = rusqlite::Connection::open(&db.path).unwrap();
    raw.execute(
        "UPDATE visit_reports SET summary = '回访李四磋商' WHERE id = ?1",
        [b.visit],
    )
    .unwrap();
    let check = kam_db(&db.path, &["check", "--full"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("note index: 1 of 4 notes wrong"));
    assert!(stderr(&check).contains("kam reindex"), "{}", stderr(&check));
    assert_eq!(stdout(&kam_db(&db.path, &["notes", "磋商"])), "");

    // The whole index emptied: even the quick sample sees it.
    raw.execute(
        "INSERT INTO note_index (note_index) VALUES ('delete-all')",
        [],
    )
    .unwrap();
    drop(raw);
    let quick = kam_db(&db.path, &["check"]);
    assert_eq!(quick.status.code(), Some(1), "{}", stdout(&quick));
    assert!(stdout(&quick).contains("note index: 4 of 4 notes wrong (a sample)"));

    let reindex = kam_db(&db.path, &["reindex"]);
    assert!(reindex.status.success(), "{}", stderr(&reindex));
    let after = kam_db(&db.path, &["check", "--full"]);
    assert!(after.status.success(), "{}", stdout(&after));
    assert!(stdout(&kam_db(&db.path, &["notes", "磋商"])).contains("回访李四磋商"));
    assert!(stdout(&kam_db(&db.path, &["notes", "变频器"])).contains("变频器"));
    let store = Store::open(&db.path, kam::store::Access::Read).unwrap();
    assert_eq!(ids(&store, "磋商"), vec![b.visit]);
}
