//! The store on real temporary database files: migrations, a round trip of every record
//! kind, history, trash and restore, the single writer, and the JSON export.

use crate::support::*;
use kam::domain::*;
use kam::store::{migrations, Access, Op, Store};
use serde_json::Value;

/// A record with what the store fills in (id, account id, timestamps, author) cleared, so
/// it can be compared with what was handed in.
fn user_part<R: Record>(r: &R) -> Value {
    let mut v = serde_json::to_value(r).unwrap();
    let m = v.as_object_mut().unwrap();
    for k in ["id", "account_id", "created_at", "updated_at", "created_by"] {
        m.remove(k);
    }
    v
}

// ---------- migrations ----------

#[test]
fn the_case_blind_code_check_uses_an_index_so_bulk_loads_stay_linear() {
    let db = TempDb::new();
    drop(db.writer());
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    // The statement of `prepare_account`'s uniqueness check.
    let plan: Vec<String> = conn
        .prepare("EXPLAIN QUERY PLAN SELECT name FROM accounts WHERE code = ?1 COLLATE NOCASE AND id != ?2")
        .unwrap()
        .query_map(["C000001", "0"], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        plan.iter().any(|p| p.contains("accounts_code_nocase")),
        "{plan:?}"
    );
}

#[test]
fn a_new_file_is_migrated_to_the_current_version_with_every_field_as_a_column() {
    let db = TempDb::new();
    drop(db.writer());
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, migrations::current_version());
    assert!(version >= 1);
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app, migrations::APPLICATION_ID);
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");

    for kind in RecordKind::ALL {
        let mut stmt = conn
            .prepare(&format!("PRAGMA table_info({})", kind.table()))
            .unwrap();
        let cols: Vec<String> = stmt
            .query_map([], |r| r.get(1))
            .unwrap()
            .map(|c| c.unwrap())
            .collect();
        assert!(!cols.is_empty(), "table {} exists", kind.table());
        let mut wanted: Vec<&str> = kind.fields().iter().map(|f| f.key).collect();
        wanted.extend(["id", "created_at", "updated_at", "deleted_at"]);
        if kind != RecordKind::Account {
            wanted.push("account_id");
        }
        for w in wanted {
            assert!(
                cols.iter().any(|c| c == w),
                "{}.{w} is missing; columns: {cols:?}",
                kind.table()
            );
        }
        // And every field key is unique within its kind.
        let mut keys: Vec<&str> = kind.fields().iter().map(|f| f.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(
            keys.len(),
            kind.fields().len(),
            "{:?} repeats a field",
            kind
        );
    }
    let history: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'history'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(history, 1);
}

#[test]
fn opening_twice_does_not_migrate_again() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    drop(store);
    let store = db.writer();
    assert_eq!(store.account_count().unwrap(), 1);
    assert!(store.health().unwrap().is_ok());
}

#[test]
fn a_newer_schema_is_refused_and_the_file_left_unchanged() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    drop(store);
    let newer = migrations::current_version() + 1;
    {
        let conn = rusqlite::Connection::open(&db.path).unwrap();
        conn.pragma_update(None, "user_version", newer).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    let before = std::fs::read(&db.path).unwrap();
    for access in [Access::Write, Access::Read] {
        let err = Store::open(&db.path, access)
            .err()
            .expect("a newer schema is refused")
            .to_string();
        assert!(err.contains("newer kam"), "{access:?}: {err}");
        assert!(
            err.contains(&format!("schema version {newer}")),
            "names the newer version: {err}"
        );
        assert!(err.contains("left unchanged"), "{err}");
        assert_eq!(
            std::fs::read(&db.path).unwrap(),
            before,
            "{access:?} left the file byte for byte"
        );
    }
    let out = kam_db(&db.path, &["check"]);
    let line = assert_one_error_line(&out);
    assert!(line.contains("newer kam"), "{line}");
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
}

// ---------- round trips ----------

/// Insert → get → equal; update → get → equal; the record is listed under its account only.
fn round_trip<R: Record + PartialEq>(
    store: &mut Store,
    account: i64,
    other: i64,
    mut rec: R,
    change: impl Fn(&mut R),
) {
    let given = rec.clone();
    let id = store.insert(&mut rec).unwrap();
    assert!(id > 0);
    assert_eq!(rec.id(), id);
    assert_eq!(rec.account_id(), account);
    let got: R = store.get(id).unwrap().expect("stored");
    assert_eq!(
        user_part(&got),
        user_part(&given),
        "{:?} insert → get",
        R::KIND
    );
    assert_eq!(got, rec, "insert hands back what get reads");

    let mut edited = got.clone();
    change(&mut edited);
    let wanted = user_part(&edited);
    assert_ne!(wanted, user_part(&given), "the change changes something");
    let n = store.update(&mut edited).unwrap();
    assert!(n >= 1, "{:?}", R::KIND);
    let got: R = store.get(id).unwrap().unwrap();
    assert_eq!(user_part(&got), wanted, "{:?} update → get", R::KIND);
    assert_eq!(got, edited);

    let listed = store.list::<R>(account).unwrap();
    assert_eq!(listed.len(), 1, "{:?}", R::KIND);
    assert_eq!(listed[0], got);
    if R::KIND != RecordKind::Account {
        assert!(
            store.list::<R>(other).unwrap().is_empty(),
            "{:?} is not listed under another account",
            R::KIND
        );
    }
}

#[test]
fn every_record_kind_round_trips_exactly() {
    let db = TempDb::new();
    let mut store = db.writer();
    let other = store.insert(&mut Account::new("另一家公司")).unwrap();
    let a = sample_account("C000777");
    let given = a.clone();
    let mut a2 = a.clone();
    let id = store.insert(&mut a2).unwrap();
    let got: Account = store.get(id).unwrap().unwrap();
    assert_eq!(user_part(&got), user_part(&given));
    assert_eq!(got.created_at.as_deref(), Some("2026-11-23T10:00:00"));
    assert_eq!(got.created_by.as_deref(), Some("tester"));
    assert_eq!(got.annual_revenue, Some(Money(123_450)));
    assert_eq!(got.distance_km, Some(12.5));
    let mut edited = got.clone();
    edited.annual_revenue = Some(money("99999999.99"));
    edited.cooperating_since = Some(date("2020-02-29"));
    edited.distance_km = Some(7.0);
    edited.credit = Some(Credit::C);
    edited.short_name = None;
    assert_eq!(store.update(&mut edited).unwrap(), 5);
    let got: Account = store.get(id).unwrap().unwrap();
    assert_eq!(got, edited);
    assert_eq!(got.distance_km, Some(7.0));

    round_trip(&mut store, id, other, sample_contact(id), |c| {
        c.is_primary = false;
        c.mobile = Some("13900139000".into());
        let d = c.dossier.as_mut().unwrap();
        d.hobbies = Some("围棋".into());
        d.smokes = Some(true);
        d.wedding_anniversary = Some(date("2002-10-01"));
    });
    round_trip(&mut store, id, other, sample_deal(id), |d| {
        d.amount = None;
        d.cost = Some(money("-0.01"));
        d.status = Some(OrderStatus::Delivered);
    });
    round_trip(&mut store, id, other, sample_opportunity(id), |o| {
        o.stage = Some(Stage::Won);
        o.probability = Some(100);
        o.expected_amount = Some(money("0.10"));
    });
    round_trip(&mut store, id, other, sample_needs(id), |n| {
        n.delivery_time = Some("30 天".into())
    });
    round_trip(&mut store, id, other, sample_service(id), |s| {
        s.status = Some(ServiceStatus::Resolved);
        s.satisfaction = Some(5);
    });
    round_trip(&mut store, id, other, sample_feedback(id), |f| {
        f.status = Some(FeedbackStatus::Closed)
    });
    round_trip(&mut store, id, other, sample_communication(id), |c| {
        c.at = Some(datetime("2026-11-21 08:05"));
        c.channel = Some(CommChannel::Wechat);
    });
    round_trip(&mut store, id, other, sample_plan(id), |p| {
        p.status = Some(PlanStatus::Done);
        p.planned_at = Some(datetime("2026-11-25 14:00"));
    });
    round_trip(&mut store, id, other, sample_report(id), |r| {
        r.expenses.push(Expense {
            item: ExpenseItem::Gifts,
            amount: money("1000.01"),
            note: Some("茶叶".into()),
        });
        r.outcome = Some(Outcome::DealAgreed);
    });

    // The whole dossier holds exactly what was stored, section by section.
    let d = store.dossier(id).unwrap();
    assert_eq!(d.account, got);
    assert_eq!(d.contacts, store.list::<Contact>(id).unwrap());
    assert_eq!(
        d.contacts[0].dossier.as_ref().unwrap().hobbies.as_deref(),
        Some("围棋")
    );
    assert_eq!(
        d.contacts[0].dossier.as_ref().unwrap().spouse_birthday,
        Some(date("1976-05-04"))
    );
    assert_eq!(d.deals[0].cost, Some(Money(-1)));
    assert_eq!(d.deals[0].unit_price, Some(Money(12_800_000)));
    assert_eq!(
        d.deals[0].total(),
        Money(38_400_000),
        "quantity × unit price once the amount is cleared"
    );
    assert_eq!(d.opportunities.len(), 1);
    assert_eq!(
        d.needs.as_ref().unwrap().delivery_time.as_deref(),
        Some("30 天")
    );
    assert_eq!(d.service_records.len(), 1);
    assert_eq!(d.feedback.len(), 1);
    assert_eq!(d.communications[0].at, Some(datetime("2026-11-21 08:05")));
    assert_eq!(d.visit_plans[0].status, Some(PlanStatus::Done));
    assert_eq!(d.visit_reports[0].expenses.len(), 3);
    assert_eq!(d.visit_reports[0].expense_total(), money("1303.51"));
    let empty = store.dossier(other).unwrap();
    assert!(empty.contacts.is_empty() && empty.visit_reports.is_empty() && empty.needs.is_none());
}

#[test]
fn records_with_only_the_required_fields_round_trip() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = store.insert(&mut Account::new("最少")).unwrap();
    let a: Account = store.get(id).unwrap().unwrap();
    assert_eq!(a.code, "C000001", "a code is generated");
    let mut c = Contact::new("李四");
    c.account_id = id;
    store.insert(&mut c).unwrap();
    let mut r = VisitReport {
        account_id: id,
        date: Some(date("2026-11-20")),
        ..Default::default()
    };
    let rid = store.insert(&mut r).unwrap();
    let got: VisitReport = store
        .get(rid)
        .unwrap()
        .expect("a report without expenses reads back");
    assert!(got.expenses.is_empty());
    assert_eq!(
        user_part(&got),
        user_part(&VisitReport {
            date: Some(date("2026-11-20")),
            ..Default::default()
        })
    );
    let got: Contact = store.get(c.id).unwrap().unwrap();
    assert_eq!(got.dossier, None);
    assert!(!got.is_primary);
    assert_eq!(store.dossier(id).unwrap().visit_reports.len(), 1);
    // An emptied list of expenses reads back as empty too.
    let mut full = sample_report(id);
    store.insert(&mut full).unwrap();
    full.expenses.clear();
    assert_eq!(store.update(&mut full).unwrap(), 1);
    assert!(store
        .get::<VisitReport>(full.id)
        .unwrap()
        .unwrap()
        .expenses
        .is_empty());
}

#[test]
fn account_codes_are_generated_and_unique() {
    let db = TempDb::new();
    let mut store = db.writer();
    let mut a = sample_account("C000777");
    store.insert(&mut a).unwrap();
    let mut b = Account::new("下一家");
    store.insert(&mut b).unwrap();
    assert_eq!(b.code, "C000778");
    let mut dup = Account::new("重复");
    dup.code = "C000777".into();
    let err = store.insert(&mut dup).unwrap_err().to_string();
    assert!(
        err.contains("code C000777 is already used by 福州宏达机械制造有限公司"),
        "{err}"
    );
    assert_eq!(
        store.account_by_code("c000778").unwrap().unwrap().name,
        "下一家"
    );
    // Codes are found case-insensitively, so they must be unique that way too.
    let mut lower = Account::new("小写");
    lower.code = "c000777".into();
    let err = store.insert(&mut lower).unwrap_err().to_string();
    assert!(
        err.contains("is already used by 福州宏达机械制造有限公司"),
        "{err}"
    );
    b.code = "c000777".into();
    assert!(store.update(&mut b).is_err());
    // Its own code in another case is fine.
    b.code = "c000778".into();
    assert_eq!(store.update(&mut b).unwrap(), 1);
    assert_eq!(store.account_count().unwrap(), 2);
    assert!(store.account_by_code("C999").unwrap().is_none());
}

#[test]
fn a_record_needs_a_live_account() {
    let db = TempDb::new();
    let mut store = db.writer();
    let err = store
        .insert(&mut sample_contact(42))
        .unwrap_err()
        .to_string();
    assert_eq!(err, "there is no account with id 42");
    let id = store.insert(&mut Account::new("x")).unwrap();
    store.delete(RecordKind::Account, id).unwrap();
    let err = store
        .insert(&mut sample_contact(id))
        .unwrap_err()
        .to_string();
    assert!(err.contains("in the trash"), "{err}");
}

// ---------- history ----------

#[test]
fn history_has_one_row_per_change_and_none_for_an_unchanged_save() {
    let db = TempDb::new();
    let mut store = db.writer();
    let mut a = sample_account("C000777");
    let id = store.insert(&mut a).unwrap();
    let h = store.history(id).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].op, Op::Insert);
    assert_eq!(h[0].entity, "accounts");
    assert_eq!(h[0].row_id, id);
    assert_eq!(h[0].actor, "tester");
    assert_eq!(h[0].at, "2026-11-23T10:00:00");
    assert_eq!(
        h[0].new_value.as_deref(),
        Some("C000777 福州宏达机械制造有限公司")
    );

    // Nothing changed: nothing written, not even updated_at.
    let before = store.get::<Account>(id).unwrap().unwrap();
    store.set_clock(Some(datetime("2026-11-24 10:00")));
    assert_eq!(store.update(&mut a.clone()).unwrap(), 0);
    assert_eq!(store.history(id).unwrap().len(), 1);
    assert_eq!(store.get::<Account>(id).unwrap().unwrap(), before);

    a.annual_revenue = Some(money("2000"));
    a.short_name = None;
    assert_eq!(store.update(&mut a).unwrap(), 2);
    assert_eq!(a.updated_at.as_deref(), Some("2026-11-24T10:00:00"));
    assert_eq!(a.created_at.as_deref(), Some("2026-11-23T10:00:00"));
    let h = store.history(id).unwrap();
    assert_eq!(h.len(), 3);
    let mut updates: Vec<(Option<&str>, Option<&str>, Option<&str>)> = h
        .iter()
        .filter(|c| c.op == Op::Update)
        .map(|c| {
            (
                c.field.as_deref(),
                c.old_value.as_deref(),
                c.new_value.as_deref(),
            )
        })
        .collect();
    updates.sort();
    assert_eq!(
        updates,
        [
            (Some("annual_revenue"), Some("1234.50"), Some("2000.00")),
            (Some("short_name"), Some("宏达机械"), None)
        ]
    );

    // A child record's changes belong to the account's history too.
    let mut c = sample_contact(id);
    store.insert(&mut c).unwrap();
    c.dossier.as_mut().unwrap().smokes = Some(true);
    c.is_primary = false;
    assert_eq!(store.update(&mut c).unwrap(), 2);
    store.delete(RecordKind::Contact, c.id).unwrap();
    store.restore(RecordKind::Contact, c.id).unwrap();
    let h = store.history(id).unwrap();
    let ops: Vec<Op> = h.iter().map(|c| c.op).collect();
    assert_eq!(
        ops,
        [
            Op::Restore,
            Op::Delete,
            Op::Update,
            Op::Update,
            Op::Insert,
            Op::Update,
            Op::Update,
            Op::Insert
        ],
        "newest first"
    );
    assert!(h.windows(2).all(|w| w[0].id > w[1].id));
    assert_eq!(h[0].entity, "contacts");
    assert_eq!(h[0].new_value.as_deref(), Some("张三"));
    assert_eq!(h[1].old_value.as_deref(), Some("张三"));
    let primary = h
        .iter()
        .find(|c| c.field.as_deref() == Some("is_primary"))
        .unwrap();
    assert_eq!(
        (primary.old_value.as_deref(), primary.new_value.as_deref()),
        (Some("true"), Some("false"))
    );
    let dossier = h
        .iter()
        .find(|c| c.field.as_deref() == Some("dossier"))
        .unwrap();
    assert!(dossier
        .old_value
        .as_deref()
        .unwrap()
        .contains("\"smokes\":false"));
    assert!(dossier
        .new_value
        .as_deref()
        .unwrap()
        .contains("\"smokes\":true"));

    let rh = store.record_history(RecordKind::Contact, c.id).unwrap();
    assert_eq!(
        rh.iter().map(|c| c.op).collect::<Vec<_>>(),
        [Op::Restore, Op::Delete, Op::Update, Op::Update, Op::Insert]
    );
}

#[test]
fn kam_history_prints_the_changes_newest_first() {
    let db = TempDb::new();
    let mut store = db.writer();
    let mut a = sample_account("C000777");
    let id = store.insert(&mut a).unwrap();
    a.owner = Some("王伟".into());
    store.update(&mut a).unwrap();
    let mut d = sample_deal(id);
    store.insert(&mut d).unwrap();
    store.delete(RecordKind::Deal, d.id).unwrap();
    drop(store);

    let out = kam_db(&db.path, &["history", "C000777"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 4, "{text}");
    assert_eq!(rows[0][2], "delete");
    assert!(rows[0][3].starts_with("deals#"));
    assert_eq!(rows[1][2], "insert");
    assert_eq!(
        rows[2][2..],
        ["update", &format!("accounts#{id}"), "owner", "李娜", "王伟"]
    );
    assert_eq!(rows[3][2], "insert");
    assert_eq!(rows[3][1], "tester");
    assert_eq!(rows[3][0], "2026-11-23T10:00:00");

    let out = kam_db(&db.path, &["history", "C404"]);
    let line = assert_one_error_line(&out);
    assert_eq!(line, "error: there is no account with code C404");
}

// ---------- trash ----------

#[test]
fn trashed_records_disappear_and_come_back() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = fill(&mut store);
    let keep = store.insert(&mut Account::new("留下的公司")).unwrap();
    let contact = store.list::<Contact>(id).unwrap().remove(0);
    let report = store.list::<VisitReport>(id).unwrap().remove(0);

    store.set_clock(Some(datetime("2026-11-24 08:00")));
    store.delete(RecordKind::Contact, contact.id).unwrap();
    assert!(store.list::<Contact>(id).unwrap().is_empty());
    assert!(store.all::<Contact>().unwrap().is_empty());
    assert!(store.dossier(id).unwrap().contacts.is_empty());
    assert!(store.contact_keys().unwrap().is_empty());
    assert_eq!(
        store.account_summary(id).unwrap().unwrap().primary_contact,
        None
    );
    let deleted: Contact = store
        .get(contact.id)
        .unwrap()
        .expect("still readable by id");
    assert_eq!(deleted.name, "张三");

    store.set_clock(Some(datetime("2026-11-24 08:01")));
    store.delete(RecordKind::VisitReport, report.id).unwrap();
    let trash = store.trash().unwrap();
    assert_eq!(trash.len(), 2);
    assert_eq!(
        (trash[0].entity, trash[0].id),
        ("visit_reports", report.id),
        "newest first"
    );
    assert_eq!(
        (trash[1].entity, trash[1].id, trash[1].title.as_str()),
        ("contacts", contact.id, "张三")
    );
    assert_eq!(trash[1].account_id, id);
    assert_eq!(trash[1].deleted_at, "2026-11-24T08:00:00");

    let err = store
        .delete(RecordKind::Contact, contact.id)
        .unwrap_err()
        .to_string();
    assert_eq!(err, "it is already in the trash");
    let mut edit = deleted.clone();
    edit.nickname = None;
    let err = store.update(&mut edit).unwrap_err().to_string();
    assert!(
        err.contains("is in the trash; restore it before editing"),
        "{err}"
    );

    // Trash the whole account: it leaves every list, and so does everything in it.
    store.delete(RecordKind::Account, id).unwrap();
    let codes: Vec<String> = store
        .account_summaries()
        .unwrap()
        .into_iter()
        .map(|s| s.code)
        .collect();
    assert_eq!(codes, [store.get::<Account>(keep).unwrap().unwrap().code]);
    assert!(store.all::<Account>().unwrap().iter().all(|a| a.id != id));
    assert!(store.all::<Deal>().unwrap().is_empty());
    assert!(store.all::<VisitPlan>().unwrap().is_empty());
    assert!(store.list::<Account>(id).unwrap().is_empty());
    assert!(store.account_summary(id).unwrap().is_none());
    assert_eq!(store.account_count().unwrap(), 1);
    assert_eq!(store.trash().unwrap()[0].entity, "accounts");

    // A contact cannot come back while its account is in the trash.
    let err = store
        .restore(RecordKind::Contact, contact.id)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "its account is in the trash; restore the account first"
    );
    assert!(store
        .trash()
        .unwrap()
        .iter()
        .any(|t| t.id == contact.id && t.entity == "contacts"));

    store.restore(RecordKind::Account, id).unwrap();
    assert_eq!(store.account_count().unwrap(), 2);
    assert_eq!(
        store.all::<Deal>().unwrap().len(),
        1,
        "the account's records come back with it"
    );
    store.restore(RecordKind::Contact, contact.id).unwrap();
    store.restore(RecordKind::VisitReport, report.id).unwrap();
    assert!(store.trash().unwrap().is_empty());
    assert_eq!(store.list::<Contact>(id).unwrap(), vec![deleted]);
    assert_eq!(store.dossier(id).unwrap().visit_reports.len(), 1);
    assert_eq!(
        store
            .account_summary(id)
            .unwrap()
            .unwrap()
            .primary_contact
            .as_deref(),
        Some("张三")
    );
    let err = store
        .restore(RecordKind::Contact, contact.id)
        .unwrap_err()
        .to_string();
    assert_eq!(err, "it is not in the trash");
    let err = store
        .restore(RecordKind::Contact, 9999)
        .unwrap_err()
        .to_string();
    assert!(err.contains("no such record"), "{err}");
}

#[test]
fn a_failed_change_inside_write_leaves_nothing_behind() {
    let db = TempDb::new();
    let mut store = db.writer();
    let result = store.write(|w| {
        let mut a = Account::new("半途");
        let id = w.insert(&mut a)?;
        w.insert(&mut sample_contact(id))?;
        let mut bad = sample_feedback(id);
        bad.rating = Some(9);
        w.insert(&mut bad)
    });
    assert!(result.is_err());
    assert_eq!(store.account_count().unwrap(), 0);
    assert!(store.all::<Contact>().unwrap().is_empty());
    let health = store.health().unwrap();
    assert!(
        health
            .counts
            .iter()
            .all(|(_, live, trashed)| *live == 0 && *trashed == 0),
        "{health:?}"
    );
}

// ---------- one writer ----------

#[test]
fn a_second_writer_is_refused_and_readers_work_beside_the_writer() {
    let db = TempDb::new();
    let mut writer = db.writer();
    let id = writer.insert(&mut sample_account("C000777")).unwrap();

    let err = Store::open(&db.path, Access::Write)
        .err()
        .expect("second writer refused")
        .to_string();
    assert!(err.contains("another kam is already writing"), "{err}");

    let reader = Store::open(&db.path, Access::Read).unwrap();
    assert_eq!(reader.get::<Account>(id).unwrap().unwrap().code, "C000777");
    // The reader sees what the writer commits later.
    writer.insert(&mut sample_contact(id)).unwrap();
    assert_eq!(reader.list::<Contact>(id).unwrap().len(), 1);

    // A second process: refused with one error line, exit status 1.
    let out = kam_db(&db.path, &["demo", "--accounts", "1"]);
    let line = assert_one_error_line(&out);
    assert!(line.contains("another kam is already writing"), "{line}");
    // Reading commands work beside the writer.
    let out = kam_db(&db.path, &["search", "x"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = kam_db(&db.path, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = kam_db(&db.path, &["export"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Once the writer is gone another may write.
    drop(reader);
    drop(writer);
    let again = Store::open(&db.path, Access::Write).unwrap();
    assert_eq!(again.account_count().unwrap(), 1);
}

// ---------- export ----------

#[test]
fn the_json_export_holds_exactly_what_was_stored() {
    let db = TempDb::new();
    let mut store = db.writer();
    let id = fill(&mut store);
    let gone = store.insert(&mut Account::new("已删除公司")).unwrap();
    store.delete(RecordKind::Account, gone).unwrap();
    let mut extra = sample_deal(id);
    extra.product = "删除的订单".into();
    store.insert(&mut extra).unwrap();
    store.delete(RecordKind::Deal, extra.id).unwrap();

    let doc = kam::exchange::json::export(&store).unwrap();
    let v = serde_json::to_value(&doc).unwrap();
    check_export(&v);

    // The command line writes the same document (asked for the personal dossiers too, their
    // sensitive items as well), owner-only.
    drop(store);
    let out_file = db.file("export.json");
    let out = kam_db(
        &db.path,
        &[
            "export",
            "--include-personal",
            "--include-sensitive",
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let from_file: Value = serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(from_file, v);
    check_export(&from_file);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out_file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let out = kam_db(
        &db.path,
        &["export", "--include-personal", "--include-sensitive"],
    );
    let from_stdout: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_stdout, v);

    // And it reads back into the same types.
    let back: kam::exchange::json::Document = serde_json::from_value(v).unwrap();
    assert_eq!(back, doc);
}

fn check_export(v: &Value) {
    assert_eq!(v["format"], "kam-export");
    assert_eq!(v["version"], 1);
    let accounts = v["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 1, "the trashed account is left out");
    let a = &accounts[0];
    assert_eq!(a["code"], "C000777");
    assert_eq!(a["name"], "福州宏达机械制造有限公司");
    assert_eq!(a["annual_revenue"], "1234.50");
    assert_eq!(a["cooperating_since"], "2019-03-01");
    assert_eq!(a["registration_no"], "91350100M000100Y43");
    assert_eq!(a["customer_type"], "company");
    assert_eq!(a["industry"], "C");
    assert_eq!(a["distance_km"], 12.5);
    assert_eq!(a["employees"], 320);
    assert_eq!(a["notes"], "第一行\n第二行");

    let deals = a["deals"].as_array().unwrap();
    assert_eq!(deals.len(), 1, "the trashed deal is left out");
    assert_eq!(deals[0]["unit_price"], "128000.00");
    assert_eq!(deals[0]["amount"], "380000.01");
    assert_eq!(deals[0]["cost"], "290000.99");
    assert_eq!(deals[0]["date"], "2026-10-15");
    assert_eq!(deals[0]["status"], "shipped");
    assert_eq!(deals[0]["quantity"], 3);

    let c = &a["contacts"][0];
    assert_eq!(c["name"], "张三");
    assert_eq!(c["is_primary"], true);
    assert_eq!(c["birthday"], "1975-02-28");
    assert_eq!(c["role"], "decision_maker");
    assert_eq!(c["dossier"]["spouse_birthday"], "1976-05-04");
    assert_eq!(c["dossier"]["objects_to_smoking"], true);
    assert_eq!(
        c["dossier"]["children"],
        "张小明, 14, 篮球\n张小红, 9, 钢琴"
    );

    assert_eq!(a["opportunities"][0]["expected_amount"], "2500000.00");
    assert_eq!(a["opportunities"][0]["stage"], "quote");
    assert_eq!(a["needs"]["payment_method"], "银行承兑");
    assert_eq!(a["service_records"][0]["warranty_until"], "2028-10-15");
    assert_eq!(a["feedback"][0]["rating"], 2);
    assert_eq!(a["communications"][0]["at"], "2026-11-20T15:45:00");

    let plans = v["visit_plans"].as_array().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0]["code"], "C000777");
    assert_eq!(plans[0]["planned_at"], "2026-11-24T09:30:00");
    assert_eq!(plans[0]["method"], "visit");
    let reports = v["visit_reports"].as_array().unwrap();
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["code"], "C000777");
    assert_eq!(reports[0]["date"], "2026-11-20");
    assert_eq!(reports[0]["purpose"], "c");
    assert_eq!(reports[0]["outcome"], "B");
    assert_eq!(reports[0]["expenses"][0]["item"], "transport");
    assert_eq!(reports[0]["expenses"][0]["amount"], "35.50");
    assert_eq!(reports[0]["expenses"][1]["amount"], "268.00");
    assert_eq!(reports[0]["expenses"][1]["note"], Value::Null);
}

#[test]
fn the_whole_book_summaries_agree_with_each_account_read_alone() {
    let db = TempDb::new();
    let mut store = db.writer();
    kam::demo::generate(&mut store, 60, 7).unwrap();
    // Some trashed sections and a trashed account must be left out the same way.
    let first = store.account_summaries().unwrap()[0].id;
    for c in store.list::<Contact>(first).unwrap().into_iter().take(1) {
        store.delete(RecordKind::Contact, c.id).unwrap();
    }
    for v in store
        .list::<VisitReport>(first)
        .unwrap()
        .into_iter()
        .take(1)
    {
        store.delete(RecordKind::VisitReport, v.id).unwrap();
    }
    let all = store.account_summaries().unwrap();
    store.delete(RecordKind::Account, all[1].id).unwrap();
    let all = store.account_summaries().unwrap();
    assert_eq!(all.len(), 59);
    assert!(all.windows(2).all(|w| w[0].code < w[1].code), "code order");
    assert!(all.iter().any(|a| a.next_visit.is_some()));
    assert!(all.iter().any(|a| a.last_visit.is_some()));
    for a in &all {
        assert_eq!(Some(a), store.account_summary(a.id).unwrap().as_ref());
    }
}

// ---------- a full disk ----------

#[test]
fn a_full_disk_gives_one_sentence_and_loses_nothing_saved_before() {
    let db = TempDb::new();
    let mut store = db.writer();
    store.cap_growth_for_tests(8).unwrap();
    let mut saved = vec![];
    let err = loop {
        let mut a = sample_account("");
        a.code = String::new();
        a.registration_no = None;
        a.notes = Some("备注".repeat(400));
        match store.insert(&mut a) {
            Ok(id) => saved.push(id),
            Err(e) => break e,
        }
        assert!(saved.len() < 10_000, "the cap never bit");
    };
    let sentence = kam::cli::sentence(&err);
    assert!(
        sentence.contains("the disk is full; nothing was saved"),
        "{sentence}"
    );
    assert_eq!(
        sentence.matches("nothing was saved").count(),
        1,
        "said once: {sentence}"
    );
    assert!(!saved.is_empty());
    drop(store);
    let store = Store::open(&db.path, Access::Read).unwrap();
    assert!(store.health().unwrap().is_ok());
    let ids: Vec<i64> = store
        .all::<Account>()
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(
        ids, saved,
        "every acknowledged save is there, the failed one is not"
    );
}

#[test]
fn step_7_adds_the_settings_and_the_analysis_indexes_to_a_version_6_file() {
    let db = TempDb::new();
    {
        let conn = version_6_book(&db.path);
        conn.execute_batch(
            "INSERT INTO accounts (code, name, created_at, updated_at) VALUES ('C000001', '老客户', 'x', 'x');
             INSERT INTO deals (account_id, date, product, amount, created_at, updated_at)
                 VALUES (1, '2026-03-01', '机柜', 100000, 'x', 'x');
             INSERT INTO feedback (account_id, kind, status, content, created_at, updated_at)
                 VALUES (1, 'complaint', 'open', '太慢', 'x', 'x');",
        )
        .unwrap();
    }
    // A reader upgrades the file once; nothing is stored yet, so the defaults hold.
    let store = Store::open(&db.path, Access::Read).unwrap();
    assert_eq!(
        migrations::version(&rusqlite::Connection::open(&db.path).unwrap()).unwrap(),
        migrations::current_version()
    );
    assert_eq!(store.setting("analytics.grading").unwrap(), None);
    assert_eq!(
        kam::analytics::Settings::load(&store).unwrap(),
        kam::analytics::Settings::default()
    );
    let sales = store
        .sales_by_account(date("2026-01-01"), date("2026-12-31"))
        .unwrap();
    assert_eq!(sales.get(1).unwrap().sales, money("1000"));
    assert_eq!(store.open_complaints_by_account().unwrap().of(1), 1);
    // The analyses read the new indexes (not the whole table).
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let plan = |sql: &str| -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    };
    assert!(
        plan("SELECT f.account_id, COUNT(*) FROM feedback f WHERE f.deleted_at IS NULL AND f.kind = 'complaint' AND (f.status IS NULL OR f.status = 'open') GROUP BY f.account_id")
            .contains("feedback_open_complaints")
    );
    assert!(plan(
        "SELECT account_id, amount FROM deals INDEXED BY deals_by_date WHERE date >= '2026-01-01'"
    )
    .contains("COVERING INDEX deals_by_date"));
    // Step 9 drops step 6's index by account, which nothing reads any more.
    let gone: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name = 'deals_sales'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gone, 0);
}

#[test]
fn a_setting_is_stored_with_its_history_and_an_unchanged_value_writes_nothing() {
    let db = TempDb::new();
    let mut store = db.writer();
    store
        .set_setting("analytics.weights", "{\"growth\":1}")
        .unwrap();
    store
        .set_setting("analytics.weights", "{\"growth\":1}")
        .unwrap();
    store
        .set_setting("analytics.weights", "{\"growth\":2}")
        .unwrap();
    assert_eq!(
        store.setting("analytics.weights").unwrap().as_deref(),
        Some("{\"growth\":2}")
    );
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let rows: Vec<(Option<String>, String)> = conn
        .prepare("SELECT old_value, new_value FROM history WHERE entity = 'settings' ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        vec![
            (None, "{\"growth\":1}".to_string()),
            (
                Some("{\"growth\":1}".to_string()),
                "{\"growth\":2}".to_string()
            ),
        ]
    );
}

#[test]
fn a_full_disk_says_nothing_was_saved_once_wherever_the_save_stops() {
    // Caps of 0, 1, 2 … more pages stop a save at different steps (the record, its history,
    // its note index, the finder's records at commit): each says the disk is full, once.
    let mut seen = 0;
    for pages in 0..24 {
        let db = TempDb::new();
        let mut store = db.writer();
        for i in 0..5 {
            let mut a = sample_account("");
            a.name = format!("公司 {i}");
            a.registration_no = None;
            store.insert(&mut a).unwrap();
        }
        store.cap_growth_for_tests(pages).unwrap();
        let mut a = sample_account("");
        a.registration_no = None;
        a.notes = Some("备注".repeat(3000));
        let Err(err) = store.insert(&mut a) else {
            continue;
        };
        seen += 1;
        let sentence = kam::cli::sentence(&err);
        assert!(
            sentence.contains("the disk is full; nothing was saved"),
            "{pages} pages: {sentence}"
        );
        assert_eq!(
            sentence.matches("nothing was saved").count(),
            1,
            "{pages} pages: {sentence}"
        );
    }
    assert!(seen > 0);
}

/// Runs `script` in a private mount namespace where `dir` is a tmpfs of `size`; false when
/// this machine does not allow it (not root, no user namespaces).
fn on_small_tmpfs(dir: &std::path::Path, size: &str, script: &str) -> bool {
    let status = std::process::Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c"])
        .arg(format!(
            "mount -t tmpfs -o size={size} none '{}' || exit 99; {script}",
            dir.display()
        ))
        .env("LANG", "en_US.UTF-8")
        .status();
    // The script ends with `exit 0`: anything else is unshare or mount refusing.
    status.is_ok_and(|s| s.success())
}

#[test]
fn a_real_full_disk_says_nothing_was_saved_once_and_the_book_stays_whole() {
    let small = crate::support::tempdir();
    let outside = crate::support::tempdir();
    let kam = env!("CARGO_BIN_EXE_kam");
    let (db, out, err, check, other, err2) = (
        small.path().join("k.db"),
        outside.path().join("out"),
        outside.path().join("err"),
        outside.path().join("check"),
        small.path().join("other.db"),
        outside.path().join("err2"),
    );
    let script = format!(
        "'{kam}' --db '{db}' save-loop --count 100000 > '{out}' 2> '{err}'; '{kam}' --db '{db}' check > '{check}' 2>&1; '{kam}' --db '{other}' demo --accounts 50 2> '{err2}'; exit 0",
        db = db.display(),
        out = out.display(),
        err = err.display(),
        check = check.display(),
        other = other.display(),
        err2 = err2.display()
    );
    if !on_small_tmpfs(small.path(), "1500k", &script) || !err.exists() {
        eprintln!("no private tmpfs here; skipping");
        return;
    }
    let err = std::fs::read_to_string(&err).unwrap();
    assert!(err.contains("the disk is full; nothing was saved"), "{err}");
    assert_eq!(err.matches("nothing was saved").count(), 1, "{err}");
    let saved = std::fs::read_to_string(&out).unwrap().lines().count();
    assert!(saved > 0);
    // A new book on the full disk: one plain sentence, not SQLite's code after it.
    let err2 = std::fs::read_to_string(&err2).unwrap();
    assert!(err2.contains("the disk is full"), "{err2}");
    assert!(!err2.contains("Error code"), "{err2}");
    let check = std::fs::read_to_string(&check).unwrap();
    assert!(check.ends_with("ok\n"), "the book is whole: {check}");
    assert!(
        check.contains(&format!("accounts\t{saved}\t")),
        "every acknowledged save is there: {check}"
    );
}

/// An older book is upgraded at its first opening, which on a big book takes a quarter of a
/// minute before anything shows: the command line says so first, in the person's language,
/// once; a new book and an up-to-date one say nothing.
#[test]
fn an_older_book_is_said_to_be_upgraded_once_before_it_is() {
    let db = TempDb::new();
    {
        let conn = version_6_book(&db.path);
        conn.execute(
            "INSERT INTO accounts (code, name, created_at, updated_at) VALUES ('C000001', '老客户', 'x', 'x')",
            [],
        )
        .unwrap();
    }
    let to = migrations::current_version();
    let first = kam_db(&db.path, &["--lang", "zh", "search", "老客户"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains(&format!("从第 6 版格式升级到第 {to} 版")),
        "{}",
        stderr(&first)
    );
    assert!(stdout(&first).contains("老客户"), "{}", stdout(&first));
    let again = kam_db(&db.path, &["--lang", "en", "search", "老客户"]);
    assert!(again.status.success());
    assert!(!stderr(&again).contains("upgrad"), "{}", stderr(&again));
    let fresh = TempDb::new();
    let made = kam_db(&fresh.path, &["--lang", "en", "demo", "--accounts", "3"]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(!stderr(&made).contains("upgrad"), "{}", stderr(&made));
}

/// A book as kam wrote it at schema version 6, empty, for the upgrade tests to fill.
fn version_6_book(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    for step in &migrations::steps()[..6] {
        conn.execute_batch(step).unwrap();
    }
    conn.pragma_update(None, "application_id", migrations::APPLICATION_ID)
        .unwrap();
    conn.pragma_update(None, "user_version", 6).unwrap();
    conn
}
