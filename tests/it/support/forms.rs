//! Forms saved unchanged: what is in the file before and after, the forms of every record
//! kind of an account, and random records to put through them (issue 14).

use super::ui::Session;
use kam::app::dialogs::{AccountPlanDialog, Dialog};
use kam::app::form::{self, Form, Saved};
use kam::domain::record::{FieldKind, FieldSpec};
use kam::domain::*;
use kam::store::Store;
use proptest::prelude::*;
use rusqlite::types::Value as Sql;
use serde_json::{Map, Value};
use std::path::Path;

/// Opens the edit form of a stored record, as `e` on its row does.
pub fn open_edit(s: &mut Session, kind: RecordKind, id: i64) {
    let map = form::load(&s.app.store, kind, id).unwrap().expect("stored");
    s.app.form = Some(Form::edit(kind, id, map));
}

/// What is in the file, row by row: "nothing was written" compares two of these.
pub fn every_row(book: &Path) -> Vec<String> {
    let conn =
        rusqlite::Connection::open_with_flags(book, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        // Virtual tables (the note index) are read through their shadow tables.
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = vec![];
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cells: Vec<Sql> = (0..n).map(|i| r.get(i).unwrap()).collect();
            out.push(format!("{t}: {cells:?}"));
        }
    }
    out
}

pub fn assert_same(before: &[String], after: &[String], what: &str) {
    let gone: Vec<&String> = before.iter().filter(|r| !after.contains(r)).collect();
    let new: Vec<&String> = after.iter().filter(|r| !before.contains(r)).collect();
    assert!(
        gone.is_empty() && new.is_empty(),
        "{what} saved unchanged wrote to the file:\n  before: {gone:#?}\n  after: {new:#?}"
    );
}

/// An account with one record of every kind, only the required fields given.
pub fn fill_sparse(store: &mut Store) -> i64 {
    let mut a = Account {
        name: "Sparse Ltd".into(),
        ..Default::default()
    };
    let id = store.insert(&mut a).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    store
        .insert(&mut Contact {
            account_id: id,
            name: "Li".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut Deal {
            account_id: id,
            date: Some(day),
            product: "Racks".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut Opportunity {
            account_id: id,
            title: "Racks".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut Needs {
            account_id: id,
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut ServiceRecord {
            account_id: id,
            date: Some(day),
            request: "Noise".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut Feedback {
            account_id: id,
            date: Some(day),
            content: "Late".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut Communication {
            account_id: id,
            at: Some(day.and_hms_opt(9, 0, 0).unwrap()),
            content: "Call".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut VisitPlan {
            account_id: id,
            planned_at: Some(day.and_hms_opt(9, 0, 0).unwrap()),
            ..Default::default()
        })
        .unwrap();
    store
        .insert(&mut VisitReport {
            account_id: id,
            date: Some(day),
            ..Default::default()
        })
        .unwrap();
    id
}

/// The one record of every kind an account holds (as `fill` and `fill_sparse` make them).
pub fn every_record(store: &Store, account_id: i64) -> Vec<(RecordKind, i64)> {
    let d = store.dossier(account_id).unwrap();
    vec![
        (RecordKind::Account, d.account.id),
        (RecordKind::Contact, d.contacts[0].id),
        (RecordKind::Deal, d.deals[0].id),
        (RecordKind::Opportunity, d.opportunities[0].id),
        (RecordKind::Needs, d.needs.as_ref().unwrap().id),
        (RecordKind::ServiceRecord, d.service_records[0].id),
        (RecordKind::Feedback, d.feedback[0].id),
        (RecordKind::Communication, d.communications[0].id),
        (RecordKind::VisitPlan, d.visit_plans[0].id),
        (RecordKind::VisitReport, d.visit_reports[0].id),
    ]
}

/// Opens every form of an account in turn (each record kind, the personal dossier, the
/// account plan) and saves it untouched: nothing in the file may change.
pub fn save_every_form_unchanged(s: &mut Session, account_id: i64, what: &str) {
    let book = s.dir.path().join("kam.db");
    s.app.open_account(account_id).unwrap();
    let before = every_row(&book);
    let nothing = kam::i18n::t(s.app.lang, "status-unchanged");
    for (kind, id) in every_record(&s.app.store, account_id) {
        open_edit(s, kind, id);
        s.save();
        let what = format!("{what}: {kind:?}");
        assert!(s.app.form.is_none(), "{what}: {}", s.status());
        assert_eq!(s.status(), nothing, "{what}");
        assert_same(&before, &every_row(&book), &what);
    }
    s.keys("2p").save();
    assert!(s.app.form.is_none(), "{what}: dossier: {}", s.status());
    assert_eq!(s.status(), nothing, "{what}: dossier");
    assert_same(&before, &every_row(&book), &format!("{what}: dossier"));
    let plan = s
        .app
        .store
        .account_plan(account_id)
        .unwrap()
        .unwrap_or_default();
    s.app.dialog = Some(Dialog::AccountPlan(AccountPlanDialog::new(
        account_id, &plan,
    )));
    s.save();
    assert!(
        s.app.dialog.is_none(),
        "{what}: account plan: {}",
        s.status()
    );
    assert_eq!(s.status(), nothing, "{what}: account plan");
    assert_same(&before, &every_row(&book), &format!("{what}: plan"));
}

/// Every field's text in the form reads back as the stored value (text trimmed: typing in
/// a field drops the spaces around it); then the form with every field read from its text
/// is saved, and changes nothing.
pub fn assert_fields_read_back(
    store: &mut Store,
    f: &Form,
    stored: &Map<String, Value>,
    what: &str,
) {
    // What the store keeps: an empty text, an empty list and nothing are all NULL.
    let kept = |v: &Value| match v {
        Value::Array(a) if a.is_empty() => Value::Null,
        Value::String(s) if s.is_empty() => Value::Null,
        v => v.clone(),
    };
    let trimmed = |v: &Value| match v {
        Value::String(s) => kept(&Value::String(s.trim().to_string())),
        v => kept(v),
    };
    let mut retyped = stored.clone();
    for (i, spec) in f.fields.iter().enumerate() {
        let text = f.inputs[i].text();
        let back = form::parse_field(spec, text).unwrap_or_else(|p| {
            panic!(
                "{what}.{}: the form shows {text:?} and refuses it: {p:?}",
                spec.key
            )
        });
        let was = stored.get(spec.key).cloned().unwrap_or(Value::Null);
        assert_eq!(
            trimmed(&back),
            trimmed(&was),
            "{what}.{} shown as {text:?}",
            spec.key
        );
        // Typed again as it reads (not trimmed, not emptied): the value itself.
        if back == was || (back.is_null() && !stored.contains_key(spec.key)) {
            retyped.insert(spec.key.to_string(), back);
        }
    }
    match form::save(store, f.target, retyped).unwrap() {
        Saved::Unchanged(_) => {}
        Saved::Ok(_) => panic!("{what}: every field typed again changed the record"),
        Saved::Invalid(i) => panic!("{what}: every field typed again is refused: {i:?}"),
    }
}

// ---- random records ----

/// Text as people leave it: Chinese, Latin, digits, spaces around it, lines in a note.
fn random_text(lines: bool) -> BoxedStrategy<String> {
    let one = prop_oneof![
        "[a-zA-Z0-9 ,.'&()\t\n-]{1,20}",
        any::<String>(),
        "[\u{4e00}-\u{9fa5}]{1,12}",
        " {0,2}[\u{4e00}-\u{4e40}a-z0-9（）、 ]{1,12} {0,2}",
    ];
    if lines {
        prop::collection::vec(one, 1..4)
            .prop_map(|l| l.join("\n"))
            .boxed()
    } else {
        one.boxed()
    }
}

fn random_date() -> impl Strategy<Value = chrono::NaiveDate> {
    (1i32..9999, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        (0..4)
            .find_map(|back| chrono::NaiveDate::from_ymd_opt(y, m, d - back))
            .unwrap()
    })
}

/// A value of one field as its record type serializes it; absent (null) often when optional.
fn random_value(spec: &FieldSpec) -> BoxedStrategy<Value> {
    let key = spec.key;
    let v: BoxedStrategy<Value> = match spec.kind {
        FieldKind::Text if key.contains("phone") || key == "mobile" => {
            "1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-[1-9][0-9]{6,7}"
                .prop_map(Value::String)
                .boxed()
        }
        FieldKind::Text if key == "email" => "[a-z]{1,8}@[a-z]{1,8}\\.(cn|com)"
            .prop_map(Value::String)
            .boxed(),
        FieldKind::Text => random_text(false).prop_map(Value::String).boxed(),
        FieldKind::LongText => random_text(true).prop_map(Value::String).boxed(),
        // Tags as kept: each once, told apart by ", ".
        FieldKind::Tags => "[a-z老乡展会]{1,4}(, [a-z老乡展会]{1,4}){0,2}"
            .prop_map(|t| kam::domain::tags::normalize(&t).map_or(Value::Null, Value::String))
            .boxed(),
        FieldKind::Date => random_date()
            .prop_map(|d| Value::String(d.to_string()))
            .boxed(),
        FieldKind::DateTime => (
            random_date(),
            0u32..24,
            // Full hours and half hours are what people plan at.
            prop_oneof![Just(0u32), Just(30), 0u32..60],
            prop_oneof![3 => Just(0u32), 1 => 0u32..60],
        )
            .prop_map(|(d, h, m, s)| {
                let at = d.and_hms_opt(h, m, s).unwrap();
                Value::String(at.format("%Y-%m-%dT%H:%M:%S").to_string())
            })
            .boxed(),
        FieldKind::Money => prop_oneof![
            0i64..1_000_000,
            -99_999_999_999_999_999i64..=99_999_999_999_999_999
        ]
        .prop_map(|c| Value::String(Money(c).to_string()))
        .boxed(),
        FieldKind::Integer => prop_oneof![0i64..10_000, any::<i64>()]
            .prop_map(Value::from)
            .boxed(),
        FieldKind::Number => prop_oneof![
            (0i64..1_000_000).prop_map(|n| n as f64 / 10.0),
            (-1e9f64..1e9f64),
            any::<f64>().prop_filter("finite", |f| f.is_finite()),
        ]
        .prop_map(Value::from)
        .boxed(),
        FieldKind::Rating => (1i64..=5).prop_map(Value::from).boxed(),
        FieldKind::Percent => (0i64..=100).prop_map(Value::from).boxed(),
        FieldKind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        FieldKind::YesNo => any::<Option<bool>>()
            .prop_map(|b| b.map_or(Value::Null, Value::Bool))
            .boxed(),
        FieldKind::Choice(set) => prop::sample::select(set.codes.to_vec())
            .prop_map(|c| Value::String(c.to_string()))
            .boxed(),
        FieldKind::Json if key == "expenses" => prop::collection::vec(
            (
                prop::sample::select(ExpenseItem::CHOICES.codes.to_vec()),
                0i64..10_000_000,
                prop::option::of(
                    "[a-z\u{4e00}-\u{4e40}]{1,3}( [a-z0-9\u{4e00}-\u{4e40}]{1,3}){0,2}",
                ),
            ),
            0..4,
        )
        .prop_map(|lines| {
            let lines: Vec<Expense> = lines
                .into_iter()
                .map(|(item, cents, note)| Expense {
                    item: ExpenseItem::from_code(item).unwrap(),
                    amount: Money(cents),
                    note,
                })
                .collect();
            serde_json::to_value(lines).unwrap()
        })
        .boxed(),
        FieldKind::Json if key == "dossier" => random_map(kam::domain::contact::DOSSIER_FIELDS)
            .prop_map(Value::Object)
            .boxed(),
        FieldKind::Json => Just(Value::Null).boxed(),
    };
    if spec.required {
        v.prop_filter("a required field is filled", |v| {
            v.as_str().is_none_or(|s| !s.trim().is_empty())
        })
        .boxed()
    } else {
        prop_oneof![1 => Just(Value::Null), 3 => v].boxed()
    }
}

/// Random values for a field list, as the JSON map of a record.
pub fn random_map(fields: &'static [FieldSpec]) -> BoxedStrategy<Map<String, Value>> {
    fields
        .iter()
        .map(random_value)
        .collect::<Vec<_>>()
        .prop_map(move |values| {
            fields
                .iter()
                .zip(values)
                .filter(|(_, v)| !v.is_null())
                .map(|(f, v)| (f.key.to_string(), v))
                .collect()
        })
        .boxed()
}

/// A random record of every kind for one account, and the account's plan.
#[derive(Debug, Clone)]
pub struct RandomBook {
    pub records: Vec<(RecordKind, Map<String, Value>)>,
    pub plan: (Option<i64>, Option<String>, Option<String>),
}

pub fn random_book() -> impl Strategy<Value = RandomBook> {
    let records: Vec<_> = RecordKind::ALL
        .iter()
        .map(|k| random_map(k.fields()).prop_map(move |m| (*k, m)))
        .collect();
    let plan = (
        prop::option::of(0i64..1_000_000_000),
        prop::option::of(random_text(false)),
        prop::option::of(random_text(true)),
    );
    (records, plan).prop_map(|(records, plan)| RandomBook { records, plan })
}

impl RandomBook {
    /// Stores the book through the forms' own save (a value the record's rules refuse, such
    /// as a random credit code, is left out). Returns the account's id.
    pub fn store_into(&self, store: &mut Store) -> i64 {
        let mut account_id = 0;
        for (kind, map) in &self.records {
            let mut map = map.clone();
            let target = form::FormTarget::New {
                kind: *kind,
                account_id,
            };
            let id = loop {
                match form::save(store, target, map.clone()).unwrap() {
                    Saved::Ok(id) => break id,
                    Saved::Invalid(invalid) => {
                        for e in &invalid.0 {
                            assert!(map.remove(e.field).is_some(), "{kind:?}: {invalid:?}");
                            // A required amount the rules refuse (a payment of nothing) is
                            // replaced rather than left out.
                            let spec = kind.fields().iter().find(|s| s.key == e.field);
                            if spec.is_some_and(|s| s.required && s.kind == FieldKind::Money) {
                                map.insert(e.field.to_string(), Value::String("1.00".into()));
                            }
                        }
                    }
                    Saved::Unchanged(_) => unreachable!("a new record"),
                }
            };
            if *kind == RecordKind::Account {
                account_id = id;
            }
        }
        let (target, reason, measures) = self.plan.clone();
        store
            .set_account_plan(&AccountPlan {
                account_id,
                target: target.map(Money),
                reason,
                measures,
                ..Default::default()
            })
            .unwrap();
        account_id
    }
}
