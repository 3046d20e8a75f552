//! The week kam proposes, on a small book whose every figure was worked out apart from kam:
//! which accounts are due by their cadence and in what order, which day each lands on (an
//! area a day, unsuitable days skipped), the route order, and the times (distances from the
//! points of `assets/geo/cn-places.txt` by Python's haversine, 40 km/h, rounded up to five
//! minutes, never over a visit already planned).

use crate::support::*;
use kam::domain::profile::Profile;
use kam::domain::*;
use kam::i18n::Lang;
use kam::store::Store;
use kam::visits::cadence::{work_week, Cadence, Unsuitable};
use kam::visits::week_plan::propose_week;
use std::collections::HashMap;

#[allow(clippy::too_many_arguments)]
fn account(
    s: &mut Store,
    code: &str,
    city: &str,
    district: &str,
    grade: Option<Grade>,
    status: Option<AccountStatus>,
    unsuitable: Option<&str>,
    last_visit: Option<&str>,
) -> i64 {
    let mut a = Account {
        code: code.into(),
        name: format!("客户{code}"),
        province: Some("浙江省".into()),
        city: Some(city.into()),
        district: Some(district.into()),
        grade,
        status,
        unsuitable_visit_times: unsuitable.map(Into::into),
        ..Default::default()
    };
    let id = s.insert(&mut a).unwrap();
    if let Some(day) = last_visit {
        let mut r = VisitReport {
            account_id: id,
            date: Some(date(day)),
            ..Default::default()
        };
        s.insert(&mut r).unwrap();
    }
    id
}

fn plan(s: &mut Store, account_id: i64, at: &str) {
    let mut p = VisitPlan {
        account_id,
        planned_at: Some(datetime(at)),
        purpose: Some("报价".into()),
        ..Default::default()
    };
    s.insert(&mut p).unwrap();
}

/// Today is Monday 2026-11-23; the rep lives in 杭州.
fn book() -> TempDb {
    let db = TempDb::new();
    let mut s = db.writer();
    s.set_profile(&Profile {
        home_city: Some("杭州".into()),
        ..Default::default()
    })
    .unwrap();
    use Grade::*;
    // Due 10-15: 43 days over at Friday, 3.07 intervals: first.
    account(
        &mut s,
        "K8",
        "宁波市",
        "海曙区",
        Some(A),
        None,
        None,
        Some("2026-10-01"),
    );
    // Due 11-15, 0.86 intervals; not on Tuesdays.
    account(
        &mut s,
        "K1",
        "杭州市",
        "拱墅区",
        Some(A),
        None,
        Some("周二不见客"),
        Some("2026-11-01"),
    );
    // Due 11-19, 0.27.
    account(
        &mut s,
        "K2",
        "杭州市",
        "西湖区",
        Some(B),
        None,
        None,
        Some("2026-10-20"),
    );
    // Due 11-24, 0.21; afternoons are bad.
    account(
        &mut s,
        "K5",
        "杭州市",
        "滨江区",
        Some(A),
        None,
        Some("下午开会"),
        Some("2026-11-10"),
    );
    // Never visited, no grade: due today, 4/180.
    account(
        &mut s,
        "K4",
        "杭州市",
        "萧山区",
        None,
        None,
        Some("上午"),
        None,
    );
    // Due 11-30: after the week.
    let k3 = account(
        &mut s,
        "K3",
        "杭州市",
        "上城区",
        Some(C),
        None,
        None,
        Some("2026-10-01"),
    );
    plan(&mut s, k3, "2026-11-24 10:00");
    // Long due, but planned in December: already in hand.
    let k6 = account(
        &mut s,
        "K6",
        "杭州市",
        "上城区",
        Some(A),
        None,
        None,
        Some("2026-09-01"),
    );
    plan(&mut s, k6, "2026-12-15 09:00");
    // Lost: not proposed.
    account(
        &mut s,
        "K7",
        "杭州市",
        "上城区",
        Some(A),
        Some(AccountStatus::Lost),
        None,
        None,
    );
    drop(s);
    db
}

#[test]
fn the_week_is_planned_by_cadence_area_and_route() {
    let db = book();
    let store = db.writer();
    let plan = propose_week(
        &store,
        date("2026-11-25"),
        date("2026-11-23"),
        &HashMap::new(),
    )
    .unwrap();
    assert_eq!(
        (plan.from, plan.to),
        (date("2026-11-23"), date("2026-11-27"))
    );
    assert_eq!(plan.home.as_deref(), Some("杭州"));
    let day = |d: &str| {
        plan.days
            .iter()
            .find(|x| x.date == date(d))
            .unwrap()
            .proposals
            .iter()
            .map(|p| {
                (
                    p.code.as_str(),
                    p.at.unwrap().format("%H:%M").to_string(),
                    p.conflict,
                )
            })
            .collect::<Vec<_>>()
    };
    // 宁波 alone on Monday: 135.5 km from home, 205 minutes.
    assert_eq!(day("2026-11-23"), [("K8", "12:25".to_string(), false)]);
    // 杭州 from Tuesday; K1 never on a Tuesday: Wednesday, 10.4 km from home.
    assert_eq!(
        day("2026-11-24"),
        [
            ("K2", "11:00".to_string(), false), // 09:15 would overlap K3's 10:00
            ("K5", "12:15".to_string(), true),  // an afternoon: marked
            ("K4", "13:25".to_string(), false),
        ]
    );
    assert_eq!(day("2026-11-25"), [("K1", "09:20".to_string(), false)]);
    assert!(day("2026-11-26").is_empty() && day("2026-11-27").is_empty());
    assert!(plan.not_fitted.is_empty());
    let k2 = &plan.days[1].proposals[0];
    assert!((k2.km_from_previous.unwrap() - 7.773).abs() < 0.001);
    assert!(k2.from_home);
    assert_eq!(k2.due, date("2026-11-19"));
    assert_eq!(k2.interval_days, 30);
    // The Tuesday's visit already planned is kept as it is.
    assert_eq!(plan.days[1].planned.len(), 1);

    let text = plan.to_text(Lang::Zh);
    for line in [
        "周拜访计划 2026-11-23 – 2026-11-27 · 从 杭州 出发 · 每次拜访 60 分钟",
        "  10:00  已计划 K3 客户K3 报价",
        "  11:00  + K2 客户K2 · 浙江省 杭州市 西湖区 · 离家约 8 公里 · 2026-11-19 到期（B：每 30 天；上次拜访 2026-10-20）",
        "不宜拜访：下午开会",
        "  13:25  + K4 客户K4 · 浙江省 杭州市 萧山区 · 约 6 公里 · 从未拜访（-）",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
}

#[test]
fn the_cadence_is_stored_checked_and_read_from_words() {
    let db = book();
    let mut store = db.writer();
    assert_eq!(Cadence::load(&store).unwrap(), Cadence::default());
    let c = Cadence::default().with("A=7 b:21天").unwrap();
    assert_eq!(c.days, [7, 21, 60, 90, 180]);
    c.save(&mut store).unwrap();
    assert_eq!(Cadence::load(&store).unwrap().days, [7, 21, 60, 90, 180]);
    // A lower grade more often than a higher one, a zero, a word: refused, nothing changed.
    for bad in ["C=10", "A=0", "F=3", "A=often", "A"] {
        assert!(Cadence::default().with(bad).is_err(), "{bad}");
    }
    // Due: the latest visit plus the interval; never visited, today.
    assert_eq!(
        c.due(Some(Grade::A), Some(date("2026-11-20")), date("2026-11-23")),
        date("2026-11-27")
    );
    assert_eq!(c.due(None, None, date("2026-11-23")), date("2026-11-23"));
}

#[test]
fn unsuitable_times_are_read_from_what_reps_write() {
    let mon = date("2026-11-23");
    let tue = date("2026-11-24");
    let u = Unsuitable::read("周一上午").unwrap();
    assert!(u.at(mon, 9) && !u.at(mon, 14) && !u.at(tue, 9) && !u.whole_day(mon));
    let u = Unsuitable::read("Mondays").unwrap();
    assert!(u.whole_day(mon) && !u.whole_day(tue));
    let u = Unsuitable::read("afternoons").unwrap();
    assert!(u.at(tue, 15) && !u.at(tue, 10) && !u.whole_day(tue));
    let fri = date("2026-11-27");
    let u = Unsuitable::read("Friday afternoon").unwrap();
    assert!(u.at(fri, 15) && !u.at(fri, 10) && !u.at(tue, 15));
    // "am" inside a word is not a morning; nothing readable is None.
    assert_eq!(Unsuitable::read("team meeting"), None);
    assert_eq!(Unsuitable::read("看情况"), None);
    assert_eq!(
        work_week(date("2026-11-28")),
        (date("2026-11-30"), date("2026-12-04"))
    );
}

#[test]
fn kam_plan_week_accepts_the_proposals_in_one_save() {
    let db = book();
    // A week in the future, so the binary's own today (the real date) does not matter.
    let week = ["plan", "week", "--date", "2027-03-03"];
    let o = kam_db(&db.path, &week);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("kam plan week --accept writes these"),
        "{}",
        stdout(&o)
    );
    let o = kam_db(&db.path, &[&week[..], &["--accept"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stdout(&o);
    let written: usize = said
        .lines()
        .find_map(|l| l.strip_suffix(" visits planned"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{said}"));
    let store = db.writer();
    let plans = store
        .visit_plans_between(datetime("2027-03-01 00:00"), datetime("2027-03-05 23:59"))
        .unwrap();
    // Every account still active by then is due (K1 K2 K3 K4 K5 K6 K8; K7 is lost).
    assert_eq!(written, 7, "{said}");
    assert_eq!(plans.len(), 7);
    assert!(plans.iter().all(|p| p.status == Some(PlanStatus::Planned)));
    drop(store);
    // Planned now: nothing more to propose.
    let o = kam_db(&db.path, &week);
    assert!(stdout(&o).contains("nothing to propose"), "{}", stdout(&o));
    let line = assert_one_error_line(&kam_db(&db.path, &["plan", "cadence", "A=100"]));
    assert!(line.contains("lower grade"), "{line}");
}

/// An account with only its city written is placed at the city's point — the same point as a
/// home in that city. The stop after it is still "from the stop before", not "from home".
#[test]
fn only_the_day_s_first_stop_is_from_home() {
    let db = TempDb::new();
    let mut s = db.writer();
    s.set_profile(&Profile {
        home_city: Some("杭州".into()),
        ..Default::default()
    })
    .unwrap();
    account(&mut s, "H1", "杭州市", "", Some(Grade::A), None, None, None);
    account(
        &mut s,
        "H2",
        "杭州市",
        "萧山区",
        Some(Grade::A),
        None,
        None,
        None,
    );
    drop(s);
    let store = db.writer();
    let plan = propose_week(
        &store,
        date("2026-11-23"),
        date("2026-11-23"),
        &HashMap::new(),
    )
    .unwrap();
    let day: Vec<(String, bool)> = plan.days[0]
        .proposals
        .iter()
        .map(|p| (p.code.clone(), p.from_home))
        .collect();
    assert_eq!(day, [("H1".to_string(), true), ("H2".to_string(), false)]);
}
