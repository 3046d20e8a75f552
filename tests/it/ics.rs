//! The calendar export, read back with a real iCalendar parser (the `ical` crate).

use crate::support::*;
use kam::domain::*;
use kam::visits::{to_ics, Reminder, ReminderKind};
use std::collections::HashMap;

fn prop(event: &ical::parser::ical::component::IcalEvent, name: &str) -> Option<String> {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
}

/// TEXT values come back as written; undo the RFC 5545 escapes to compare.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn parse(text: &str) -> Vec<ical::parser::ical::component::IcalEvent> {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = calendars.next().expect("one calendar").expect("it parses");
    assert!(calendars.next().is_none());
    assert!(cal
        .properties
        .iter()
        .any(|p| p.name == "VERSION" && p.value.as_deref() == Some("2.0")));
    assert!(cal.properties.iter().any(|p| p.name == "PRODID"));
    cal.events
}

fn plans() -> Vec<(VisitPlan, String)> {
    let long =
        "讨论二〇二七年度框架协议、售后服务条款;以及新型号数控车床的试用安排,\\ 备注".repeat(2);
    vec![
        (
            VisitPlan {
                id: 7,
                account_id: 1,
                planned_at: Some(datetime("2026-11-24 09:30")),
                purpose: Some(long),
                place: Some("福州市鼓楼区五四路 88 号, 3 楼".into()),
                contact: Some("张三".into()),
                notes: Some("第一行\n第二行".into()),
                updated_at: Some("2026-11-20T08:00:00".into()),
                ..Default::default()
            },
            "C000001 福州宏达机械制造有限公司".to_string(),
        ),
        (
            VisitPlan {
                id: 9,
                account_id: 2,
                planned_at: Some(datetime("2026-11-25 14:00")),
                purpose: Some("回访".into()),
                ..Default::default()
            },
            "C000002 厦门海蓝贸易".to_string(),
        ),
    ]
}

#[test]
fn the_calendar_parses_and_matches_the_plans() {
    let plans = plans();
    let reminder = Reminder {
        kind: ReminderKind::Birthday,
        date: date("2027-01-03"),
        account_id: 1,
        account_code: "C000001".into(),
        account_name: "福州宏达机械制造有限公司".into(),
        record_id: 3,
        detail: "张三".into(),
        what: None,
        reason: None,
    };
    let text = to_ics(&plans, std::slice::from_ref(&reminder));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'), "CRLF only");
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let events = parse(&text);
    assert_eq!(events.len(), 3);
    let by_uid: HashMap<String, _> = events
        .iter()
        .map(|e| (prop(e, "UID").unwrap(), e))
        .collect();
    let first = by_uid["plan-7@kam"];
    assert_eq!(
        unescape(&prop(first, "SUMMARY").unwrap()),
        format!("{}: {}", plans[0].1, plans[0].0.purpose.as_deref().unwrap())
    );
    assert_eq!(
        unescape(&prop(first, "LOCATION").unwrap()),
        "福州市鼓楼区五四路 88 号, 3 楼"
    );
    assert_eq!(
        unescape(&prop(first, "DESCRIPTION").unwrap()),
        "张三\n第一行\n第二行"
    );
    assert_eq!(prop(first, "DTSTART").unwrap(), "20261124T093000");
    assert_eq!(prop(first, "DTEND").unwrap(), "20261124T103000");
    assert_eq!(prop(first, "DTSTAMP").unwrap(), "20261120T080000Z");
    let second = by_uid["plan-9@kam"];
    assert_eq!(
        unescape(&prop(second, "SUMMARY").unwrap()),
        "C000002 厦门海蓝贸易: 回访"
    );
    let birthday = by_uid["remind-birthday-3-20270103@kam"];
    assert_eq!(prop(birthday, "DTSTART").unwrap(), "20270103");
    assert_eq!(prop(birthday, "DTEND").unwrap(), "20270104");
    assert!(unescape(&prop(birthday, "SUMMARY").unwrap()).contains("张三"));
}

#[test]
fn kam_export_ics_writes_future_plans() {
    let db = TempDb::new();
    {
        let mut store = db.writer();
        let mut a = Account {
            code: "C000001".into(),
            name: "福州宏达机械制造有限公司".into(),
            ..Default::default()
        };
        store.insert(&mut a).unwrap();
        // Far in the future and far in the past: the binary reads the real clock.
        for (at, status) in [
            ("2099-03-02 09:00", None),
            ("2099-03-03 09:00", Some(PlanStatus::Cancelled)),
            ("2000-01-01 09:00", None),
        ] {
            let mut p = VisitPlan {
                account_id: a.id,
                planned_at: Some(datetime(at)),
                purpose: Some("签约,交付".into()),
                status,
                ..Default::default()
            };
            store.insert(&mut p).unwrap();
        }
    }
    let file = db.file("visits.ics");
    let o = kam_db(
        &db.path,
        &["export", "--format", "ics", "--out", file.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&file).unwrap();
    let plans: Vec<_> = parse(&text)
        .into_iter()
        .filter(|e| prop(e, "UID").is_some_and(|u| u.starts_with("plan-")))
        .collect();
    assert_eq!(plans.len(), 1);
    assert_eq!(
        unescape(&prop(&plans[0], "SUMMARY").unwrap()),
        "C000001 福州宏达机械制造有限公司: 签约,交付"
    );
}

/// The calendar reads only the plans from today on and their accounts' code and name (every
/// account and plan read whole held 120 MB at 100,000 accounts): the file is byte for byte
/// what reading everything and keeping what belongs gave, on a demo book with plans before,
/// on and after today, a cancelled one, one of a trashed account, and one at midnight.
#[test]
fn the_calendar_is_what_reading_every_plan_gave() {
    use kam::visits::{calendar, reminders};
    let db = TempDb::new();
    let mut store = db.writer();
    kam::demo::generate(&mut store, 40, 3).unwrap();
    let today = store.now().date();
    let accounts = store.all::<Account>().unwrap();
    for (i, (at, status)) in [
        (today.and_hms_opt(0, 0, 0).unwrap(), None),
        (today.and_hms_opt(23, 59, 59).unwrap(), None),
        (
            (today - chrono::Duration::days(1))
                .and_hms_opt(23, 59, 59)
                .unwrap(),
            None,
        ),
        (
            (today + chrono::Duration::days(3))
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            Some(PlanStatus::Cancelled),
        ),
        (
            (today + chrono::Duration::days(400))
                .and_hms_opt(9, 0, 0)
                .unwrap(),
            Some(PlanStatus::Done),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let mut p = VisitPlan {
            account_id: accounts[i].id,
            planned_at: Some(at),
            purpose: Some(format!("plan {i}")),
            status,
            ..Default::default()
        };
        store.insert(&mut p).unwrap();
    }
    let trashed = accounts[7].id;
    let mut p = VisitPlan {
        account_id: trashed,
        planned_at: Some(
            (today + chrono::Duration::days(2))
                .and_hms_opt(10, 0, 0)
                .unwrap(),
        ),
        ..Default::default()
    };
    store.insert(&mut p).unwrap();
    store.delete(RecordKind::Account, trashed).unwrap();

    // As the calendar was made before: every account and every plan.
    let names: HashMap<i64, String> = store
        .all::<Account>()
        .unwrap()
        .into_iter()
        .map(|a| (a.id, format!("{} {}", a.code, a.name)))
        .collect();
    let plans: Vec<_> = store
        .all::<VisitPlan>()
        .unwrap()
        .into_iter()
        .filter(|p| p.planned_at.is_some_and(|at| at.date() >= today))
        .filter(|p| p.status != Some(PlanStatus::Cancelled))
        .map(|p| {
            let account = names.get(&p.account_id).cloned().unwrap_or_default();
            (p, account)
        })
        .collect();
    assert!(plans.len() > 5, "the demo's plans and ours");
    let others: Vec<_> = reminders(&store, today, 14)
        .unwrap()
        .into_iter()
        .filter(|r| {
            !matches!(
                r.kind,
                ReminderKind::PlannedToday | ReminderKind::PlannedThisWeek
            )
        })
        .collect();
    // The plans of the next days carry their brief; every plan rings 30 minutes before.
    let plans: Vec<_> = plans
        .into_iter()
        .map(|(p, account)| {
            let near = p.planned_at.is_some_and(|at| {
                at.date() < today + chrono::Duration::days(kam::visits::ics::BRIEF_DAYS)
            });
            let brief = near.then(|| {
                kam::visits::ics::brief_summary(&store, &p, today, kam::i18n::Lang::En).unwrap()
            });
            (p, account, brief)
        })
        .collect();
    let want = kam::visits::ics::to_ics_with(&plans, &others, Some(30));
    let got = calendar(&store, today, kam::i18n::Lang::En).unwrap();
    assert!(got == want, "the calendar differs:\n{got}\n---\n{want}");
}

/// `kam export --format ics` writes the calendar as it is made (issue 17: 24 MB at 100,000
/// accounts was built whole first): the file is byte for byte the whole calendar, shown
/// safely, as before.
#[test]
fn the_exported_calendar_is_byte_for_byte_the_whole_one() {
    let db = TempDb::new();
    let mut store = db.writer();
    kam::demo::generate(&mut store, 120, 4).unwrap();
    let mut a = sample_account("C900001");
    a.name = "=名\u{1b}]52;c;x\u{7}".into();
    a.registration_no = None;
    let id = store.insert(&mut a).unwrap();
    let soon = chrono::Local::now().naive_local() + chrono::Duration::days(2);
    let mut p = VisitPlan {
        account_id: id,
        planned_at: Some(soon),
        purpose: Some("送样，洽谈;续约\n第二行".into()),
        notes: Some("长".repeat(60)),
        ..Default::default()
    };
    store.insert(&mut p).unwrap();
    drop(store);
    let reader = kam::store::Store::open(&db.path, kam::store::Access::Read).unwrap();
    let want = kam::visits::calendar(&reader, reader.now().date(), kam::i18n::Lang::En).unwrap();
    assert!(want.contains("UID:plan-"), "{want}");
    let out = db.file("book.ics");
    let o = kam_db(
        &db.path,
        &["export", "--format", "ics", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let got = std::fs::read(&out).unwrap();
    let want = kam::text_safety::text(&want);
    assert!(
        got == want.as_bytes(),
        "first difference at byte {}",
        got.iter()
            .zip(want.as_bytes())
            .take_while(|(a, b)| a == b)
            .count()
    );
    let o = kam_db(&db.path, &["export", "--format", "ics"]);
    assert!(o.stdout == want.as_bytes(), "to standard output too");
}

/// A day of two visits and one cancelled, on a book with a contact, an open promise and an
/// order, for the day's calendar and `kam today`.
fn day_book(db: &TempDb, alarm: Option<i64>) {
    let mut s = db.writer();
    let mut a = Account {
        code: "K001".into(),
        name: "杭州青禾电子有限公司".into(),
        province: Some("浙江省".into()),
        city: Some("杭州市".into()),
        district: Some("西湖区".into()),
        street: Some("文三路 90 号".into()),
        ..Default::default()
    };
    s.insert(&mut a).unwrap();
    let mut c = Contact {
        account_id: a.id,
        name: "王芳".into(),
        title: Some("采购经理".into()),
        mobile: Some("13800001111".into()),
        is_primary: true,
        ..Default::default()
    };
    s.insert(&mut c).unwrap();
    let mut m = Communication {
        account_id: a.id,
        at: Some(datetime("2026-11-18 10:00")),
        content: "报价沟通".into(),
        next_step: Some("寄样品, 报价单".into()),
        ..Default::default()
    };
    s.insert(&mut m).unwrap();
    for (at, purpose, status) in [
        ("2026-11-24 09:30", "送样", None),
        ("2026-11-24 14:00", "回访", Some(PlanStatus::Cancelled)),
        ("2026-11-25 10:00", "谈合同", None),
    ] {
        let mut p = VisitPlan {
            account_id: a.id,
            planned_at: Some(datetime(at)),
            purpose: Some(purpose.into()),
            contact: Some("王芳".into()),
            status,
            ..Default::default()
        };
        s.insert(&mut p).unwrap();
    }
    if let Some(minutes) = alarm {
        s.set_profile(&kam::domain::profile::Profile {
            alarm_minutes: Some(minutes),
            ..Default::default()
        })
        .unwrap();
    }
}

fn day_calendar(alarm: Option<i64>, lang: kam::i18n::Lang) -> String {
    let db = TempDb::new();
    day_book(&db, alarm);
    let store = db.writer();
    let mut out = vec![];
    kam::visits::ics::write_day(&store, date("2026-11-24"), lang, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_day_rings_before_each_visit_and_carries_its_brief() {
    let text = day_calendar(None, kam::i18n::Lang::Zh);
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let events = parse(&text);
    // The cancelled visit and the next day's are not in the day.
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        prop(e, "SUMMARY").as_deref(),
        Some("K001 杭州青禾电子有限公司: 送样")
    );
    // The brief's summary, after the plan's own contact: who, and what was promised.
    let description = unescape(&prop(e, "DESCRIPTION").unwrap());
    assert!(
        description.starts_with("王芳\n要见的人\n- 王芳 · 采购经理"),
        "{description}"
    );
    assert!(description.contains("寄样品, 报价单"), "{description}");
    // One alarm, thirty minutes before (the default), that says what the visit is.
    assert_eq!(e.alarms.len(), 1);
    let alarm = &e.alarms[0];
    let get = |name: &str| {
        alarm
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(get("ACTION").as_deref(), Some("DISPLAY"));
    assert_eq!(get("TRIGGER").as_deref(), Some("-PT30M"));
    assert_eq!(
        get("DESCRIPTION").as_deref(),
        Some("K001 杭州青禾电子有限公司: 送样")
    );
}

#[test]
fn the_profile_sets_the_alarm_and_zero_turns_it_off() {
    let events = parse(&day_calendar(Some(10), kam::i18n::Lang::En));
    let trigger = events[0].alarms[0]
        .properties
        .iter()
        .find(|p| p.name == "TRIGGER")
        .and_then(|p| p.value.clone());
    assert_eq!(trigger.as_deref(), Some("-PT10M"));
    let events = parse(&day_calendar(Some(0), kam::i18n::Lang::En));
    assert!(events[0].alarms.is_empty());
}

#[test]
fn kam_today_lists_the_day_draws_it_as_a_qr_code_and_writes_its_calendar() {
    let db = TempDb::new();
    day_book(&db, None);
    let file = db.file("day.ics");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "today",
            "--date",
            "2026-11-24",
            "--qr",
            "--ics",
            file.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("2026-11-24 的拜访：1 个\n"), "{out}");
    assert!(
        out.contains("K001 09:30 · 杭州青禾电子有限公司 · 浙江省杭州市西湖区文三路 90 号 · 王芳 · 13800001111"),
        "{out}"
    );
    // The code: a square of half blocks, its quiet zone light on every side.
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with('█')).collect();
    assert!(rows.len() > 10, "{out}");
    let width = rows[0].chars().count();
    assert!(rows.iter().all(|r| r.chars().count() == width));
    assert!(out.contains("用手机相机扫码：当天全部 1 个拜访。"), "{out}");
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(parse(&written)[0].alarms.len(), 1);

    // A day without visits says so, and draws nothing.
    let o = kam_db(&db.path, &["today", "--date", "2026-11-26", "--qr"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "No visits planned on 2026-11-26.\n");
}
