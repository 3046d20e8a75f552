//! Issue 23 attacked as a demanding rep would: the week plan on a book spread over cities a
//! flight apart, the grade the reminders and the scorecard judge by (the one the list shows,
//! computed from sales when none is typed), a day's lines in the order of the clock, and
//! unsuitable times written as reps write them. Each test failed before its fix.

use crate::support::*;
use kam::domain::profile::Profile;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;
use kam::visits::cadence::Unsuitable;
use kam::visits::week_plan::propose_week;
use std::collections::HashMap;

fn account(s: &mut Store, code: &str, place: [&str; 3], grade: Grade, last: &str) -> i64 {
    let mut a = Account {
        code: code.into(),
        name: format!("客户{code}"),
        province: Some(place[0].into()),
        city: Some(place[1].into()),
        district: Some(place[2].into()),
        grade: Some(grade),
        ..Default::default()
    };
    let id = s.insert(&mut a).unwrap();
    let mut r = VisitReport {
        account_id: id,
        date: Some(date(last)),
        ..Default::default()
    };
    s.insert(&mut r).unwrap();
    id
}

/// A rep cannot see a customer in 北京 at 09:00 and one in 广州 at 10:00: a day's proposals
/// stay within a drive of each other (`week_plan::FAR_KM`), and what is a flight away waits for a day of
/// its own, or is named among those without room — never slipped in beside another city.
#[test]
fn a_day_never_joins_cities_a_flight_apart() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.set_profile(&Profile {
        home_city: Some("杭州".into()),
        ..Default::default()
    })
    .unwrap();
    // Friday 2026-11-27 is the only day left of the week: room for six, three due.
    account(
        &mut s,
        "H1",
        ["浙江省", "杭州市", "西湖区"],
        Grade::A,
        "2026-10-01",
    );
    account(
        &mut s,
        "B1",
        ["北京市", "北京市", "东城区"],
        Grade::A,
        "2026-10-02",
    );
    account(
        &mut s,
        "G1",
        ["广东省", "广州市", "越秀区"],
        Grade::A,
        "2026-10-03",
    );
    account(
        &mut s,
        "H2",
        ["浙江省", "杭州市", "拱墅区"],
        Grade::A,
        "2026-10-04",
    );
    drop(s);
    let store = db.writer();
    let plan = propose_week(
        &store,
        date("2026-11-27"),
        date("2026-11-27"),
        &HashMap::new(),
    )
    .unwrap();
    assert_eq!(plan.days.len(), 1);
    let friday: Vec<&str> = plan.days[0]
        .proposals
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    // 杭州 is the most overdue area; 北京 and 广州 are a flight from it.
    assert_eq!(friday, ["H1", "H2"], "{}", plan.to_text(Lang::En));
    assert!(plan.days[0].proposals.iter().all(|p| !p.far));
    let waiting: Vec<&str> = plan.not_fitted.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(waiting, ["B1", "G1"]);
    assert_eq!(plan.not_fitted_count, 2);

    // A whole week: each city a day of its own, in the order of its most overdue account.
    let plan = propose_week(
        &store,
        date("2026-11-23"),
        date("2026-11-23"),
        &HashMap::new(),
    )
    .unwrap();
    let days: Vec<Vec<&str>> = plan
        .days
        .iter()
        .map(|d| d.proposals.iter().map(|p| p.code.as_str()).collect())
        .collect();
    assert_eq!(
        days,
        [vec!["H1", "H2"], vec!["B1"], vec!["G1"], vec![], vec![]],
        "{}",
        plan.to_text(Lang::En)
    );
}

/// A book whose grades kam computes from sales (the demo's: almost none is typed).
fn graded_book(dir: &tempfile::TempDir) -> (Store, chrono::NaiveDate, HashMap<i64, Grade>) {
    let mut store = Store::open(&dir.path().join("kam.db"), kam::store::Access::Write).unwrap();
    store.set_clock(Some(fixed_now()));
    kam::demo::generate(&mut store, 80, 7).unwrap();
    let today = store.now().date();
    let computed = kam::analytics::computed_grades(&store, today).unwrap();
    (store, today, computed)
}

/// The grade an account is judged by is the one the list, the card and the week plan show:
/// typed, else computed from sales. A computed A past its two weeks was reminded of as an E
/// ("a visit every 180 days"), half a year late, while the week plan proposed it as an A.
#[test]
fn a_cadence_reminder_judges_by_the_grade_the_list_shows() {
    let dir = tempdir();
    let (store, today, computed) = graded_book(&dir);
    let cadence = kam::visits::cadence::Cadence::load(&store).unwrap();
    let reminders = kam::visits::reminders(&store, today, 14).unwrap();
    let mut checked = 0;
    for r in reminders
        .iter()
        .filter(|r| r.kind == kam::visits::ReminderKind::CadenceDue)
    {
        let account = store.get::<Account>(r.account_id).unwrap().unwrap();
        let shown = account
            .grade
            .or_else(|| computed.get(&r.account_id).copied());
        let json = serde_json::to_value(r).unwrap();
        let reason = &json["reason"];
        assert_eq!(
            reason["grade"].as_str(),
            Some(shown.map_or("E", |g| g.code())),
            "{json}"
        );
        assert_eq!(reason["every_days"], cadence.interval(shown), "{json}");
        checked += 1;
    }
    // Computed A and B accounts past their interval are among them, not only typed ones.
    let computed_ab = reminders
        .iter()
        .filter(|r| r.kind == kam::visits::ReminderKind::CadenceDue)
        .filter(|r| {
            store
                .get::<Account>(r.account_id)
                .unwrap()
                .unwrap()
                .grade
                .is_none()
                && matches!(computed.get(&r.account_id), Some(Grade::A | Grade::B))
        })
        .count();
    assert!(
        computed_ab > 0 && checked > computed_ab,
        "{checked} {computed_ab}"
    );
}

/// The scorecard's A/B coverage and the visits the cadence asked for count the accounts the
/// rep sees as A and B: a book of computed grades had 2 "A/B accounts" out of dozens.
#[test]
fn the_scorecard_counts_the_a_and_b_accounts_the_list_shows() {
    let dir = tempdir();
    let (store, today, computed) = graded_book(&dir);
    let period = kam::analytics::Period::year_of(today);
    let card = kam::analytics::scorecard::scorecard(&store, period, today).unwrap();
    let accounts = store.all::<Account>().unwrap();
    let ab = accounts
        .iter()
        .filter(|a| matches!(a.status, None | Some(AccountStatus::Active)))
        .filter(|a| {
            matches!(
                a.grade.or_else(|| computed.get(&a.id).copied()),
                Some(Grade::A | Grade::B)
            )
        })
        .count();
    assert!(ab > 10, "{ab}");
    assert_eq!(card.now.ab_accounts, ab);
}

/// Unsuitable times as reps write them: a range of days is every day of it ("周一至周三",
/// "Mon-Wed", "Monday to Friday"), not only its two ends.
#[test]
fn unsuitable_days_written_as_a_range_are_every_day_of_it() {
    let week: Vec<chrono::NaiveDate> = (23..=29).map(|d| date(&format!("2026-11-{d}"))).collect();
    let days_of = |text: &str| -> Vec<usize> {
        let u = Unsuitable::read(text).unwrap_or_else(|| panic!("{text}"));
        (0..7).filter(|&i| u.at(week[i], 10)).collect()
    };
    for (text, want) in [
        ("周三下午", vec![]),
        ("Wed pm", vec![]),
        ("每周一上午", vec![0]),
        ("周一至周三", vec![0, 1, 2]),
        ("周二到周四上午", vec![1, 2, 3]),
        ("星期一～星期五", vec![0, 1, 2, 3, 4]),
        ("Mon-Wed", vec![0, 1, 2]),
        ("Tuesday to Thursday mornings", vec![1, 2, 3]),
        ("周一、周三", vec![0, 2]),
        ("Mondays and Fridays", vec![0, 4]),
    ] {
        assert_eq!(days_of(text), want, "{text}");
    }
    // The afternoon ones at 15:00.
    let wed = date("2026-11-25");
    assert!(Unsuitable::read("周三下午").unwrap().at(wed, 15));
    assert!(Unsuitable::read("Wed pm").unwrap().at(wed, 15));
}

#[test]
fn a_range_reaches_the_weekend_and_a_month_is_no_monday() {
    let u = Unsuitable::read("周一至周日").unwrap();
    assert!((23..=29).all(|d| u.whole_day(date(&format!("2026-11-{d}")))));
    // "months" is not "mon": no range from it.
    let u = Unsuitable::read("months to friday").unwrap();
    assert!(!u.whole_day(date("2026-11-23")) && u.whole_day(date("2026-11-27")));
}

/// A day reads in the order of the clock: a proposal at 09:20 stands before a visit planned
/// at 14:00, not after every planned one.
#[test]
fn a_day_of_the_week_plan_reads_in_the_order_of_the_clock() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.set_profile(&Profile {
        home_city: Some("杭州".into()),
        ..Default::default()
    })
    .unwrap();
    account(
        &mut s,
        "H1",
        ["浙江省", "杭州市", "西湖区"],
        Grade::A,
        "2026-10-01",
    );
    let h2 = account(
        &mut s,
        "H2",
        ["浙江省", "杭州市", "拱墅区"],
        Grade::A,
        "2026-11-20",
    );
    let mut p = VisitPlan {
        account_id: h2,
        planned_at: Some(datetime("2026-11-27 14:00")),
        purpose: Some("报价".into()),
        ..Default::default()
    };
    s.insert(&mut p).unwrap();
    drop(s);
    let store = db.writer();
    let plan = propose_week(
        &store,
        date("2026-11-27"),
        date("2026-11-27"),
        &HashMap::new(),
    )
    .unwrap();
    let text = plan.to_text(Lang::Zh);
    let times: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  ") && l.as_bytes().get(4) == Some(&b':'))
        .map(|l| &l[2..7])
        .collect();
    assert_eq!(times.len(), 2, "{text}");
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{text}");
}

/// The week plan marks a proposal unsuitable exactly when the planner and the visit form warn
/// of the same time: one reading of what the rep wrote. They disagreed on "中午" (no time at
/// all to the week plan) and "Wed pm" (all of Wednesday to the planner).
#[test]
fn the_week_plan_and_the_planner_read_unsuitable_times_alike() {
    let texts = [
        "中午",
        "Wed pm",
        "周三下午",
        "每周一上午",
        "周二不见客",
        "Lunch hours 12–2 pm",
        "周末",
        "Mon, Tue mornings",
        "周一至周三",
        "全天",
        "晚上",
    ];
    for text in texts {
        let u = Unsuitable::read(text);
        for d in 23..=29 {
            let day = date(&format!("2026-11-{d}"));
            for hour in 0..24 {
                let at = day.and_hms_opt(hour, 0, 0).unwrap();
                assert_eq!(
                    u.is_some_and(|u| u.at(day, hour)),
                    kam::domain::visit_time::is_unsuitable(text, at),
                    "{text} at {at}"
                );
            }
        }
    }
    let wed = date("2026-11-25");
    let noon = Unsuitable::read("中午").unwrap();
    assert!(noon.at(wed, 12) && !noon.at(wed, 10) && !noon.whole_day(wed));
    let pm = Unsuitable::read("Wed pm").unwrap();
    assert!(pm.at(wed, 15) && !pm.at(wed, 10) && !pm.whole_day(wed));
}

/// The cadence is shown and edited in the interface like the grading bands: `c` on the week
/// proposed opens it as `A=14 B=30 …`; what is typed is stored and the week proposed again by
/// it; a lower grade seen more often is refused in one sentence and nothing changes.
#[test]
fn the_cadence_is_edited_on_the_week_plan() {
    use crate::support::ui::*;
    use crossterm::event::KeyCode;
    use kam::visits::cadence::Cadence;
    let mut s = filled(Lang::Zh);
    s.keys("aP");
    assert_eq!(s.app.view(), kam::app::View::WeekPlan);
    s.keys("c");
    let screen = s.screen(100, 30);
    assert!(screen.contains("拜访频次"), "{screen}");
    assert!(screen.contains("A=14 B=30 C=60 D=90 E=180"), "{screen}");
    // A lower grade more often than a higher one: refused, the dialog stays.
    s.keys(" C=10");
    s.save();
    assert!(s.app.dialog.is_some());
    assert_eq!(Cadence::load(&s.app.store).unwrap(), Cadence::default());
    let said = format!("{}{}", s.status(), s.screen(100, 30));
    assert!(
        said.contains("级别低的客户不能比级别高的拜访得更勤"),
        "{said}"
    );
    for _ in 0..5 {
        s.press(KeyCode::Backspace);
    }
    s.keys(" A=7 C=45");
    s.save();
    assert!(s.app.dialog.is_none(), "{}", s.screen(100, 30));
    assert_eq!(
        Cadence::load(&s.app.store).unwrap().days,
        [7, 30, 45, 90, 180]
    );
    assert_eq!(s.app.view(), kam::app::View::WeekPlan);
}

/// "New York, New York" — the demo's own address, and how everyone writes it — is GeoNames'
/// "New York City": it was not placed, so its visits had no distance, no route and no map.
/// A name written without the "City" GeoNames gives it is found with it; a city of the name
/// as written still comes first.
#[test]
fn new_york_is_placed_where_geonames_calls_it_new_york_city() {
    use kam::geo::place;
    let ny = place(Some("New York"), Some("New York"), None).expect("New York is placed");
    assert!((ny.point.lat - 40.7143).abs() < 1e-3 && (ny.point.lon + 74.006).abs() < 1e-3);
    let ok = place(Some("Oklahoma"), Some("Oklahoma"), None).expect("Oklahoma City");
    assert!((ok.point.lat - 35.47).abs() < 0.1, "{:?}", ok.point);
    // A city of the name as written is not replaced: Birmingham stays Birmingham.
    let b = place(Some("England"), Some("Birmingham"), None).unwrap();
    assert!((b.point.lat - 52.48).abs() < 0.1);
    assert_eq!(place(Some("England"), Some("Atlantis"), None), None);
}

/// A cancelled visit is no stop of the day's route: the rep does not drive there. The map
/// drew it, and counted its kilometres.
#[test]
fn a_cancelled_visit_is_not_on_the_days_route() {
    use crate::support::ui::*;
    use kam::app::screens::map::{MapOf, MapState};
    let dir = tempdir();
    let mut store = open_store(&dir);
    store
        .set_profile(&Profile {
            home_city: Some("北京".into()),
            ..Default::default()
        })
        .unwrap();
    let day = date("2026-11-25");
    for (i, (name, province, city, status)) in [
        ("上海机电", "上海市", "上海市", PlanStatus::Planned),
        ("成都食品", "四川省", "成都市", PlanStatus::Cancelled),
        ("广州贸易", "广东省", "广州市", PlanStatus::Done),
    ]
    .into_iter()
    .enumerate()
    {
        let mut a = Account {
            name: name.into(),
            province: Some(province.into()),
            city: Some(city.into()),
            ..Default::default()
        };
        store.insert(&mut a).unwrap();
        let mut plan = VisitPlan {
            account_id: a.id,
            planned_at: Some(day.and_hms_opt(9 + i as u32, 0, 0).unwrap()),
            method: Some(VisitMethod::Visit),
            status: Some(status),
            ..Default::default()
        };
        store.insert(&mut plan).unwrap();
    }
    let mut s = Session {
        app: kam::app::App::new(store, Lang::Zh).unwrap(),
        dir,
    };
    s.keys("a");
    let shown = s.screen(120, 40);
    assert!(shown.contains("成都食品"), "the planner lists it: {shown}");
    s.keys("M");
    let m = s.app.shown::<MapState>().expect("the map");
    let mut names: Vec<&str> = m.stops.iter().map(|x| x.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["上海机电", "广州贸易"]);
    let MapOf::Route { km, .. } = m.of else {
        panic!("a route")
    };
    // 北京→上海 ≈ 1,067, 上海→广州 ≈ 1,213, 广州→北京 ≈ 1,890 (haversine): ≈ 4,170.
    assert!((4_000.0..4_350.0).contains(&km), "{km}");
}

/// "每周一上午" (no Monday mornings) and nothing else on Monday: the proposal waits for the
/// afternoon rather than standing at 09:00 marked unsuitable. A day with no suitable hour
/// left keeps its mark (the rep moves it or calls ahead). An account with no address, no
/// contact and no grade is still proposed (never visited: at once, as an E).
#[test]
fn an_unsuitable_morning_is_waited_out_when_the_afternoon_is_free() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.set_profile(&Profile {
        home_city: Some("杭州".into()),
        ..Default::default()
    })
    .unwrap();
    for (code, unsuitable) in [("M1", "每周一上午"), ("M2", "周一全天不行，周二下午")]
    {
        let mut a = Account {
            code: code.into(),
            name: format!("客户{code}"),
            unsuitable_visit_times: Some(unsuitable.into()),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
    }
    drop(s);
    let store = db.writer();
    let plan = propose_week(
        &store,
        date("2026-11-23"),
        date("2026-11-23"),
        &HashMap::new(),
    )
    .unwrap();
    let all: Vec<(String, String, bool)> = plan
        .days
        .iter()
        .flat_map(|d| &d.proposals)
        .map(|p| {
            (
                p.code.clone(),
                p.at.unwrap().format("%m-%d %H:%M").to_string(),
                p.conflict,
            )
        })
        .collect();
    assert!(
        all.contains(&("M1".into(), "11-23 12:00".into(), false)),
        "{}",
        plan.to_text(Lang::Zh)
    );
    // Monday is wholly unsuitable for M2: it goes to Tuesday, whose morning suits it.
    let m2 = all.iter().find(|p| p.0 == "M2").unwrap();
    assert!(m2.1.starts_with("11-24") && !m2.2, "{all:?}");
}

/// Today's visits are reminded of in the order of the clock, as the rep drives them: they came
/// by account code (C000016 10:30 before C000065 09:00).
#[test]
fn todays_visits_are_reminded_of_in_the_order_of_the_clock() {
    let db = TempDb::new();
    let mut s = db.writer();
    for (code, at) in [
        ("A1", "2026-11-23 15:00"),
        ("A2", "2026-11-23 09:00"),
        ("A3", "2026-11-23 11:30"),
    ] {
        let mut a = Account {
            code: code.into(),
            name: format!("客户{code}"),
            ..Default::default()
        };
        let id = s.insert(&mut a).unwrap();
        let mut p = VisitPlan {
            account_id: id,
            planned_at: Some(datetime(at)),
            ..Default::default()
        };
        s.insert(&mut p).unwrap();
    }
    drop(s);
    let store = db.writer();
    let today = date("2026-11-23");
    let list = kam::visits::reminders(&store, today, 14).unwrap();
    let codes: Vec<&str> = list
        .iter()
        .filter(|r| r.kind == kam::visits::ReminderKind::PlannedToday)
        .map(|r| r.account_code.as_str())
        .collect();
    assert_eq!(codes, ["A2", "A3", "A1"]);
}

/// `c` on the scorecard edits the cadence its "visits asked for" are counted by, and the tab
/// is counted again by it (it said where the bands and the weights are, and nothing of it).
#[test]
fn the_cadence_is_edited_on_the_scorecard_too() {
    use crate::support::ui::*;
    use kam::visits::cadence::Cadence;
    let mut s = filled(Lang::En);
    s.keys("A9");
    let before = s
        .app
        .analytics()
        .and_then(|a| a.scorecard.clone())
        .expect("the scorecard tab is shown");
    s.keys("c");
    assert!(
        s.screen(100, 30).contains("Visit cadence"),
        "{}",
        s.screen(100, 30)
    );
    s.keys(" A=1 B=1 C=1 D=1 E=1");
    s.save();
    assert_eq!(Cadence::load(&s.app.store).unwrap().days, [1; 5]);
    let after = s
        .app
        .analytics()
        .and_then(|a| a.scorecard.clone())
        .expect("the scorecard is counted again");
    assert!(
        after.now.visits_due > before.now.visits_due,
        "{} then {}",
        before.now.visits_due,
        after.now.visits_due
    );
}
