//! `kam demo`: realistic, deterministic, valid generated data.

use chrono::{NaiveDate, NaiveDateTime};
use kam::domain::validate::credit_code_check_char;
use kam::domain::*;
use kam::exchange::json::{export, Document};
use kam::store::{Access, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap()
}

fn noon() -> NaiveDateTime {
    today().and_hms_opt(12, 0, 0).unwrap()
}

fn demo_store(dir: &tempfile::TempDir, name: &str, accounts: usize, seed: u64) -> Store {
    let mut store = Store::open(&dir.path().join(name), Access::Write).unwrap();
    store.set_clock(Some(noon()));
    kam::demo::generate(&mut store, accounts, seed).unwrap();
    store
}

fn blank_audit(doc: &mut Document) {
    for a in &mut doc.accounts {
        a.account.created_at = None;
        a.account.updated_at = None;
        a.account.created_by = None;
        macro_rules! blank {
            ($($f:ident),*) => {$(for r in &mut a.$f { r.created_at = None; r.updated_at = None; })*};
        }
        blank!(
            contacts,
            deals,
            opportunities,
            service_records,
            feedback,
            communications
        );
        if let Some(n) = &mut a.needs {
            n.created_at = None;
            n.updated_at = None;
        }
    }
    for p in &mut doc.visit_plans {
        p.record.created_at = None;
        p.record.updated_at = None;
    }
    for v in &mut doc.visit_reports {
        v.record.created_at = None;
        v.record.updated_at = None;
    }
    blank_uids(doc);
}

/// An attachment's global id is new each time, like every record's (which no export shows).
fn blank_uids(doc: &mut Document) {
    for a in &mut doc.attachments {
        a.attachment.uid.clear();
    }
}

#[test]
fn same_seed_and_today_give_the_same_data() {
    let dir = crate::support::tempdir();
    let a = demo_store(&dir, "a.db", 40, 7);
    let b = demo_store(&dir, "b.db", 40, 7);
    let c = demo_store(&dir, "c.db", 40, 8);
    let (mut da, mut db, mut dc) = (
        export(&a).unwrap(),
        export(&b).unwrap(),
        export(&c).unwrap(),
    );
    blank_audit(&mut da);
    blank_audit(&mut db);
    blank_audit(&mut dc);
    assert_eq!(da.accounts.len(), 40);
    assert_eq!(
        serde_json::to_string(&da).unwrap(),
        serde_json::to_string(&db).unwrap()
    );
    assert_ne!(
        serde_json::to_string(&da).unwrap(),
        serde_json::to_string(&dc).unwrap(),
        "another seed gives other data"
    );
}

#[test]
fn every_section_is_populated_and_every_record_is_valid() {
    let dir = crate::support::tempdir();
    let store = demo_store(&dir, "d.db", 50, 1);
    let doc = export(&store).unwrap();
    assert_eq!(doc.accounts.len(), 50);
    let all = |f: fn(&kam::exchange::json::ExportAccount) -> usize| {
        doc.accounts.iter().map(f).sum::<usize>()
    };
    assert!(all(|a| a.contacts.len()) >= 100);
    assert!(all(|a| a.deals.len()) > 0);
    assert!(all(|a| a.opportunities.len()) > 0);
    assert!(all(|a| a.needs.iter().count()) > 0);
    assert!(all(|a| a.service_records.len()) > 0);
    assert!(all(|a| a.feedback.len()) > 0);
    assert!(all(|a| a.communications.len()) > 0);
    assert!(!doc.visit_plans.is_empty());
    assert!(!doc.visit_reports.is_empty());

    for a in &doc.accounts {
        a.account.validate().unwrap();
        assert!(
            (2..=5).contains(&a.contacts.len()),
            "{} has {} contacts",
            a.account.name,
            a.contacts.len()
        );
        assert_eq!(a.contacts.iter().filter(|c| c.is_primary).count(), 1);
        a.contacts.iter().for_each(|r| r.validate().unwrap());
        a.deals.iter().for_each(|r| r.validate().unwrap());
        a.opportunities.iter().for_each(|r| r.validate().unwrap());
        a.needs.iter().for_each(|r| r.validate().unwrap());
        a.service_records.iter().for_each(|r| r.validate().unwrap());
        a.feedback.iter().for_each(|r| r.validate().unwrap());
        a.communications.iter().for_each(|r| r.validate().unwrap());
        for d in &a.deals {
            assert_eq!(
                d.amount,
                d.unit_price
                    .and_then(|p| p.checked_mul(d.quantity.unwrap()))
            );
            let date = d.date.unwrap();
            assert!(date <= today() && date >= today() - chrono::Duration::days(731));
        }
    }
    doc.visit_plans
        .iter()
        .for_each(|p| p.record.validate().unwrap());
    doc.visit_reports
        .iter()
        .for_each(|p| p.record.validate().unwrap());

    // Realistic mixes: few key accounts, all funnel stages, open complaints, old open service.
    let cats: Vec<Category> = doc
        .accounts
        .iter()
        .filter_map(|a| a.account.category)
        .collect();
    let key = cats.iter().filter(|c| **c == Category::Key).count();
    assert!(key < 15, "{key} key accounts of 50");
    assert!(cats.contains(&Category::Potential) && cats.contains(&Category::Normal));
    assert!(doc.accounts.iter().any(|a| a.contacts.iter().any(|c| c
        .dossier
        .as_ref()
        .is_some_and(|d| d.hobbies.is_some() || d.spouse_name.is_some()))));
    assert!(doc
        .accounts
        .iter()
        .any(|a| a.account.unsuitable_visit_times.is_some()));
    assert!(doc
        .accounts
        .iter()
        .any(|a| a.feedback.iter().any(|f| f.is_open_complaint())));
    assert!(doc.accounts.iter().any(|a| a
        .service_records
        .iter()
        .any(|s| s.is_open() && s.date.unwrap() < today() - chrono::Duration::days(7))));
    let stages: std::collections::BTreeSet<_> = doc
        .accounts
        .iter()
        .flat_map(|a| a.opportunities.iter().filter_map(|o| o.stage))
        .collect();
    assert!(stages.len() >= 5, "stages {stages:?}");
    let plans: Vec<&VisitPlan> = doc.visit_plans.iter().map(|p| &p.record).collect();
    assert!(plans.iter().any(|p| p.status == Some(PlanStatus::Done)));
    assert!(plans.iter().any(|p| p.status == Some(PlanStatus::Planned)
        && p.planned_at.unwrap().date() > today()
        && p.planned_at.unwrap().date() <= today() + chrono::Duration::days(14)));
}

#[test]
fn about_half_the_accounts_are_chinese() {
    let dir = crate::support::tempdir();
    let store = demo_store(&dir, "h.db", 200, 3);
    let accounts: Vec<Account> = store.all().unwrap();
    let han = accounts
        .iter()
        .filter(|a| {
            a.name
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
        .count();
    assert!((70..=130).contains(&han), "{han} of 200 have Chinese names");
    // Chinese company names end in a legal form; the region is a real one.
    let companies: Vec<&Account> = accounts
        .iter()
        .filter(|a| a.customer_type == Some(CustomerType::Company) && a.name.contains("公司"))
        .collect();
    assert!(!companies.is_empty());
    for a in &companies {
        assert!(a.name.ends_with("有限公司"), "{}", a.name);
        let short = a.short_name.as_deref().unwrap();
        assert!(a.name.contains(short), "{} / {short}", a.name);
        assert!(a.province.as_deref().unwrap().ends_with(['省', '市', '区']));
    }
}

#[test]
fn registration_numbers_pass_the_gb_32100_check() {
    let dir = crate::support::tempdir();
    let store = demo_store(&dir, "r.db", 150, 5);
    let accounts: Vec<Account> = store.all().unwrap();
    let codes: Vec<&str> = accounts
        .iter()
        .filter_map(|a| a.registration_no.as_deref())
        .filter(|r| r.len() == 18)
        .collect();
    assert!(codes.len() > 20, "only {} credit codes", codes.len());
    for code in codes {
        assert_eq!(
            credit_code_check_char(&code[..17]),
            Ok(code.chars().last().unwrap()),
            "{code}"
        );
        assert!(kam::domain::validate::registration_no(code).is_ok());
    }
}

#[test]
fn visit_records_carry_purpose_outcome_and_expenses() {
    let dir = crate::support::tempdir();
    let store = demo_store(&dir, "v.db", 60, 11);
    let reports: Vec<VisitReport> = store.all().unwrap();
    assert!(reports.len() > 30);
    for v in &reports {
        assert!(v.purpose.is_some() && v.outcome.is_some() && v.summary.is_some());
        assert!(!v.expenses.is_empty());
        assert!(v.expense_total().cents() > 0);
        assert!(v.date.unwrap() <= today());
    }
    let purposes: std::collections::BTreeSet<_> =
        reports.iter().filter_map(|v| v.purpose).collect();
    assert_eq!(purposes.len(), 3);
    let outcomes: std::collections::BTreeSet<_> =
        reports.iter().filter_map(|v| v.outcome).collect();
    assert!(outcomes.len() >= 4, "{outcomes:?}");
    let items: std::collections::BTreeSet<_> = reports
        .iter()
        .flat_map(|v| v.expenses.iter().map(|e| e.item))
        .collect();
    assert!(items.contains(&ExpenseItem::Transport) && items.contains(&ExpenseItem::Meals));
}

#[test]
fn demo_adds_to_an_existing_database() {
    let dir = crate::support::tempdir();
    let mut store = Store::open(&dir.path().join("e.db"), Access::Write).unwrap();
    store.set_clock(Some(noon()));
    let mut mine = Account::new("我的老客户");
    store.insert(&mut mine).unwrap();
    let s = kam::demo::generate(&mut store, 5, 1).unwrap();
    assert_eq!(s.accounts, 5);
    assert!(s.contacts >= 10 && s.records > 0);
    let again = kam::demo::generate(&mut store, 5, 1).unwrap();
    assert_eq!(again.accounts, 5);
    let accounts: Vec<Account> = store.all().unwrap();
    assert_eq!(accounts.len(), 11);
    assert_eq!(accounts[0].name, "我的老客户");
    let codes: Vec<&str> = accounts.iter().map(|a| &*a.code).collect();
    assert_eq!(codes.first(), Some(&"C000001"));
    assert_eq!(codes.last(), Some(&"C000011"));
    // Every insert is in the history, as with any other save.
    assert!(!store.history(accounts[5].id).unwrap().is_empty());
}

/// Everything of a book a person or the finder can read, as text: the export, the finder's
/// chunks and records, the schema, the history (its row ids aside, which no one reads) and
/// the note index's answers.
fn book_state(path: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = String::new();
    let mut dump = |sql: &str| {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..n {
                match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) => out.push_str(&String::from_utf8_lossy(t)),
                    v => out.push_str(&format!("{v:?}")),
                }
                out.push('|');
            }
            out.push('\n');
        }
    };
    dump("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
    dump("SELECT chunk, sizes, keys, tails FROM search_chunks ORDER BY chunk");
    dump("SELECT * FROM search_records ORDER BY account_id");
    dump("SELECT count(*) FROM search_stale");
    dump("SELECT * FROM account_latest ORDER BY account_id");
    dump("SELECT * FROM account_sales ORDER BY account_id, year");
    dump("SELECT at, actor, account_id, entity, row_id, op, field, old_value, new_value FROM history ORDER BY entity, row_id, id");
    dump("SELECT word FROM note_words ORDER BY word");
    dump("PRAGMA integrity_check");
    out
}

#[test]
fn a_bulk_loaded_demo_is_the_book_a_row_by_row_load_makes() {
    let dir = crate::support::tempdir();
    let bulk = demo_store(&dir, "bulk.db", 300, 5);
    let plain = kam::store::without_bulk_loads(|| demo_store(&dir, "plain.db", 300, 5));
    let json = |s: &Store| {
        let mut doc = export(s).unwrap();
        blank_uids(&mut doc);
        serde_json::to_string(&doc).unwrap()
    };
    assert_eq!(json(&bulk), json(&plain));
    for word in ["拜访", "price", "客户"] {
        let hits = |s: &Store| format!("{:?}", s.search_notes(word, None, 50).unwrap());
        assert_eq!(hits(&bulk), hits(&plain), "notes matching {word}");
    }
    drop((bulk, plain));
    let (b, p) = (
        book_state(&dir.path().join("bulk.db")),
        book_state(&dir.path().join("plain.db")),
    );
    assert!(b.contains("deals_by_date") && b.contains("search_stale_contact_new"));
    assert_eq!(b, p);
}

/// A bulk load binds each record's fields straight to its insert (`store/row_values.rs`):
/// the values must be those the record's JSON map gives, on every record of a demo book and
/// on blank and missing values.
#[test]
fn a_bulk_loads_values_are_what_the_records_json_map_gives() {
    fn same_for_all<R: Record>(store: &Store) -> usize {
        let all: Vec<R> = store.all().unwrap();
        for r in &all {
            assert_eq!(kam::store::differs_from_json_map(r), None, "{r:?}");
        }
        all.len()
    }
    let dir = crate::support::tempdir();
    let store = demo_store(&dir, "v.db", 60, 3);
    let n = same_for_all::<Account>(&store)
        + same_for_all::<Contact>(&store)
        + same_for_all::<Deal>(&store)
        + same_for_all::<Opportunity>(&store)
        + same_for_all::<Needs>(&store)
        + same_for_all::<ServiceRecord>(&store)
        + same_for_all::<Feedback>(&store)
        + same_for_all::<Communication>(&store)
        + same_for_all::<VisitPlan>(&store)
        + same_for_all::<VisitReport>(&store);
    assert!(n > 600, "{n} records");
    let blank = Account {
        name: "  ".into(),
        ..Default::default()
    };
    assert!(blank.validate().is_err());
    assert_eq!(kam::store::differs_from_json_map(&blank), None);
    assert_eq!(kam::store::differs_from_json_map(&Contact::default()), None);
}

/// Issue 22: a few accounts in a hundred keep a file (a quotation as text, a card as a tiny
/// PNG on a person), the same for the same seed, small enough not to weigh on a big demo.
#[test]
fn a_few_accounts_in_a_hundred_have_attachments() {
    let dir = crate::support::tempdir();
    let store = demo_store(&dir, "a.db", 1_000, 7);
    let all = store.all_attachments().unwrap();
    assert!((10..=60).contains(&all.len()), "{}", all.len());
    assert!(all
        .iter()
        .any(|a| a.mime == "text/plain" && a.contact_id.is_none()));
    let card = all.iter().find(|a| a.mime == "image/png").expect("a card");
    assert!(card.contact_id.is_some());
    assert!(all.iter().all(|a| a.size < 400), "small files only");
    let again = demo_store(&dir, "b.db", 1_000, 7)
        .all_attachments()
        .unwrap();
    let names = |v: &[attachment::Attachment]| v.iter().map(|a| a.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&all), names(&again));
}
