//! Each reminder rule with an injected "today".

use crate::support::*;
use chrono::NaiveDate;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;
use kam::visits::reminders::next_anniversary;
use kam::visits::{reminders, Reminder, ReminderKind};

fn account(store: &mut Store, code: &str, category: Category) -> i64 {
    let mut a = Account {
        code: code.into(),
        name: format!("客户{code}"),
        category: Some(category),
        ..Default::default()
    };
    store.insert(&mut a).unwrap()
}

fn plan(store: &mut Store, account_id: i64, at: &str, status: Option<PlanStatus>) -> i64 {
    let mut p = VisitPlan {
        account_id,
        planned_at: Some(datetime(at)),
        purpose: Some("报价".into()),
        status,
        ..Default::default()
    };
    store.insert(&mut p).unwrap()
}

fn visit(store: &mut Store, account_id: i64, day: &str, next: Option<&str>) -> i64 {
    let mut v = VisitReport {
        account_id,
        date: Some(date(day)),
        next_visit: next.map(date),
        ..Default::default()
    };
    store.insert(&mut v).unwrap()
}

fn contact(store: &mut Store, account_id: i64, name: &str, birthday: Option<&str>) -> Contact {
    let mut c = Contact {
        account_id,
        name: name.into(),
        birthday: birthday.map(date),
        ..Default::default()
    };
    store.insert(&mut c).unwrap();
    c
}

fn of(list: &[Reminder], kind: ReminderKind) -> Vec<(NaiveDate, String)> {
    list.iter()
        .filter(|r| r.kind == kind)
        .map(|r| (r.date, r.account_code.clone()))
        .collect()
}

#[test]
fn anniversaries_recur_yearly_and_keep_29_february_on_the_28th() {
    let cases = [
        ("1980-01-03", "2026-12-28", "2027-01-03"),
        ("1980-12-28", "2026-12-28", "2026-12-28"),
        ("1980-12-27", "2026-12-28", "2027-12-27"),
        ("1988-02-29", "2027-02-20", "2027-02-28"),
        ("1988-02-29", "2028-02-20", "2028-02-29"),
        ("1988-02-29", "2027-03-01", "2028-02-29"),
    ];
    for (born, today, next) in cases {
        assert_eq!(
            next_anniversary(date(born), date(today)),
            date(next),
            "{born} from {today}"
        );
    }
}

#[test]
fn every_rule_with_an_injected_today() {
    let db = TempDb::new();
    let mut store = db.writer();
    let today = date("2026-12-28"); // a Monday
    let a = account(&mut store, "C000001", Category::Normal);
    let b = account(&mut store, "C000002", Category::Normal);
    let c = account(&mut store, "C000003", Category::Normal);
    let key_quiet = account(&mut store, "C000004", Category::Key);
    let major_busy = account(&mut store, "C000005", Category::Major);
    let key_never = account(&mut store, "C000006", Category::Key);
    let late = account(&mut store, "C000007", Category::Normal);

    // Plans: today, later this week, next week, and a cancelled one today.
    plan(&mut store, a, "2026-12-28 10:00", Some(PlanStatus::Planned));
    plan(&mut store, a, "2027-01-01 15:30", None);
    plan(&mut store, b, "2027-01-05 09:00", None);
    plan(
        &mut store,
        b,
        "2026-12-28 14:00",
        Some(PlanStatus::Cancelled),
    );

    // Birthdays across the year end; one far away.
    contact(&mut store, a, "张三", Some("1980-01-03"));
    contact(&mut store, b, "李四", Some("1975-06-01"));
    let mut family = contact(&mut store, c, "王五", None);
    family.dossier = Some(PersonalDossier {
        spouse_birthday: Some(date("1976-12-30")),
        wedding_anniversary: Some(date("2001-01-10")),
        ..Default::default()
    });
    store.update(&mut family).unwrap();

    // Follow-ups: `late` overdue; b visited again later; c and a have plans after the visit.
    visit(&mut store, late, "2026-12-01", Some("2026-12-15"));
    visit(&mut store, a, "2026-12-01", Some("2026-12-12"));
    visit(&mut store, b, "2026-12-01", Some("2026-12-10"));
    visit(&mut store, b, "2026-12-20", None);
    visit(&mut store, c, "2026-12-01", Some("2026-12-10"));
    plan(&mut store, c, "2027-01-20 09:00", None);
    // Not yet due.
    visit(&mut store, major_busy, "2026-12-01", Some("2027-01-02"));

    // Key accounts: one last visited 38 days ago, one busy (communication 8 days ago).
    visit(&mut store, key_quiet, "2026-11-20", None);
    let mut comm = Communication {
        account_id: major_busy,
        at: Some(datetime("2026-12-20 10:00")),
        content: "电话".into(),
        ..Default::default()
    };
    store.insert(&mut comm).unwrap();

    // Service: open 18 days, open 3 days, resolved long ago.
    for (day, status) in [
        ("2026-12-10", ServiceStatus::InProgress),
        ("2026-12-25", ServiceStatus::New),
        ("2026-12-01", ServiceStatus::Resolved),
    ] {
        let mut s = ServiceRecord {
            account_id: b,
            date: Some(date(day)),
            request: "设备异响".into(),
            status: Some(status),
            ..Default::default()
        };
        store.insert(&mut s).unwrap();
    }
    // Feedback: an open complaint, a closed one, an open suggestion.
    for (kind, status) in [
        (FeedbackKind::Complaint, FeedbackStatus::Open),
        (FeedbackKind::Complaint, FeedbackStatus::Closed),
        (FeedbackKind::Suggestion, FeedbackStatus::Open),
    ] {
        let mut f = Feedback {
            account_id: c,
            date: Some(date("2026-12-20")),
            kind: Some(kind),
            content: "交货延迟".into(),
            status: Some(status),
            ..Default::default()
        };
        store.insert(&mut f).unwrap();
    }

    let list = reminders(&store, today, 14).unwrap();
    assert_eq!(
        of(&list, ReminderKind::PlannedToday),
        [(date("2026-12-28"), "C000001".to_string())]
    );
    assert_eq!(
        of(&list, ReminderKind::PlannedThisWeek),
        [(date("2027-01-01"), "C000001".to_string())]
    );
    assert_eq!(
        of(&list, ReminderKind::Birthday),
        [(date("2027-01-03"), "C000001".to_string())]
    );
    assert_eq!(
        of(&list, ReminderKind::FamilyDate),
        [
            (date("2026-12-30"), "C000003".to_string()),
            (date("2027-01-10"), "C000003".to_string())
        ]
    );
    assert_eq!(
        of(&list, ReminderKind::OverdueNextVisit),
        [(date("2026-12-15"), "C000007".to_string())]
    );
    assert_eq!(
        of(&list, ReminderKind::ServiceOpenTooLong),
        [(date("2026-12-10"), "C000002".to_string())]
    );
    assert_eq!(
        of(&list, ReminderKind::OpenComplaint),
        [(date("2026-12-20"), "C000003".to_string())]
    );
    let quiet: Vec<String> = of(&list, ReminderKind::NoContact)
        .into_iter()
        .map(|(_, code)| code)
        .collect();
    assert_eq!(quiet, ["C000004", "C000006"]);
    let _ = key_never;

    // Sorted by date, then kind.
    let keys: Vec<_> = list.iter().map(|r| (r.date, r.kind)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);

    let spouse = list
        .iter()
        .find(|r| r.kind == ReminderKind::FamilyDate)
        .unwrap();
    assert_eq!(
        spouse.text(Lang::Zh),
        "家庭纪念日: C000003 客户C000003 — 王五 (配偶生日)"
    );

    // A shorter window leaves out what lies beyond it but keeps what is overdue.
    let short = reminders(&store, today, 3).unwrap();
    assert!(of(&short, ReminderKind::Birthday).is_empty());
    assert_eq!(of(&short, ReminderKind::FamilyDate).len(), 1);
    assert_eq!(of(&short, ReminderKind::OverdueNextVisit).len(), 1);
}

#[test]
fn a_29_february_birthday_is_reminded_on_the_28th_in_common_years() {
    let db = TempDb::new();
    let mut store = db.writer();
    let a = account(&mut store, "C000001", Category::Normal);
    contact(&mut store, a, "赵六", Some("1988-02-29"));
    let list = reminders(&store, date("2027-02-20"), 14).unwrap();
    assert_eq!(
        of(&list, ReminderKind::Birthday),
        [(date("2027-02-28"), "C000001".to_string())]
    );
    let leap = reminders(&store, date("2028-02-20"), 14).unwrap();
    assert_eq!(
        of(&leap, ReminderKind::Birthday),
        [(date("2028-02-29"), "C000001".to_string())]
    );
}

#[test]
fn trashed_accounts_give_no_reminders() {
    let db = TempDb::new();
    let mut store = db.writer();
    let a = account(&mut store, "C000001", Category::Key);
    contact(&mut store, a, "张三", Some("1980-12-30"));
    store.delete(RecordKind::Account, a).unwrap();
    assert!(reminders(&store, date("2026-12-28"), 14)
        .unwrap()
        .is_empty());
}

#[test]
fn remind_on_the_command_line() {
    let db = TempDb::new();
    {
        let mut store = db.writer();
        account(&mut store, "C000001", Category::Key);
    }
    let o = kam_db(&db.path, &["remind", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list[0]["kind"], "no_contact");
    assert_eq!(list[0]["account_code"], "C000001");
    let o = kam_db(&db.path, &["remind", "--days", "4294967295"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kam_db(&db.path, &["--lang", "zh", "remind", "--days", "3"]);
    assert!(stdout(&o).contains("流失预警"), "{}", stdout(&o));
}
