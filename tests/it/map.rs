//! Places on a map (issue 23): a day's visits in route order from home (`M` on the planner)
//! and the list's accounts as points (`M` on the list), drawn at 80×24 in both languages.

use crate::support::ui::*;
use chrono::NaiveDate;
use kam::app::screens::map::{MapOf, MapState};
use kam::app::{App, View};
use kam::domain::profile::Profile;
use kam::domain::*;
use kam::i18n::Lang;

/// The rep lives in 北京; on Wednesday 2026-11-25 they visit 上海, 广州 and 成都 (planned in
/// an order that is not the shortest).
fn three_cities(lang: Lang) -> Session {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    store
        .set_profile(&Profile {
            home_city: Some("北京".into()),
            ..Default::default()
        })
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    for (i, (name, province, city)) in [
        ("广州贸易", "广东省", "广州市"),
        ("上海机电", "上海市", "上海市"),
        ("成都食品", "四川省", "成都市"),
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
            status: Some(PlanStatus::Planned),
            ..Default::default()
        };
        store.insert(&mut plan).unwrap();
    }
    Session {
        app: App::new(store, lang).unwrap(),
        dir,
    }
}

fn map(s: &Session) -> &MapState {
    s.app.shown::<MapState>().expect("the map is shown")
}

/// By hand (haversine between the cities' points): 北京→上海 ≈ 1,067 km, 上海→广州 ≈ 1,213,
/// 广州→成都 ≈ 1,238, 成都→北京 ≈ 1,517: ≈ 5,035 km round. The other two rounds are
/// 北京→上海→成都→广州→北京 ≈ 5,853 and 北京→广州→上海→成都→北京 ≈ 6,278.
#[test]
fn a_days_route_goes_round_the_shortest_way_from_home() {
    let mut s = three_cities(Lang::Zh);
    s.keys("aM");
    assert_eq!(s.app.view(), View::Map);
    let m = map(&s);
    let names: Vec<&str> = m.stops.iter().map(|x| x.name.as_str()).collect();
    let round = ["上海机电", "广州贸易", "成都食品"];
    let back: Vec<&str> = round.iter().rev().copied().collect();
    assert!(names == round || names == back, "{names:?}");
    let MapOf::Route { day, km } = m.of else {
        panic!("a route")
    };
    assert_eq!(day.to_string(), "2026-11-25");
    assert!((4_900.0..5_200.0).contains(&km), "{km}");
    assert!(m.home.is_some());
    assert!(m.in_china());
    s.keys("q");
    assert_eq!(s.app.view(), View::Planner);
}

#[test]
fn the_route_map_at_80x24_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let mut s = three_cities(lang);
        s.keys("aM");
        insta::assert_snapshot!(format!("map_route_{}_80x24", lang.code()), s.screen(80, 24));
    }
}

#[test]
fn the_lists_accounts_as_points_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let mut s = filled(lang);
        s.keys("M");
        assert_eq!(s.app.view(), View::Map);
        let m = map(&s);
        assert_eq!(m.of, MapOf::Accounts);
        // Every account of the list is drawn or counted, none lost.
        let listed = filled(lang).app.list().unwrap().rows.len();
        assert_eq!(m.stops.len() + m.unplaced, listed);
        insta::assert_snapshot!(
            format!("map_accounts_{}_80x24", lang.code()),
            s.screen(80, 24)
        );
    }
}

#[test]
fn a_tiny_terminal_does_not_panic() {
    let mut s = three_cities(Lang::Zh);
    s.keys("aM");
    for (w, h) in [(1, 1), (2, 1), (10, 3), (20, 5)] {
        let _ = s.screen(w, h);
    }
    let mut s = filled(Lang::En);
    s.keys("M");
    for (w, h) in [(1, 1), (10, 3), (20, 5)] {
        let _ = s.screen(w, h);
    }
}

/// A point set by hand wins over the district's. By hand (tests/it/geo.rs): 东城区 is at
/// 39.9283, 116.4165 and 黄浦区 at 31.2317, 121.4844, 1,069.6 km apart; an account in 黄浦区
/// placed by hand at 东城区's point is 0.0 km from one in 东城区, and again 1,069.6 once cleared.
#[test]
fn a_point_set_by_hand_wins_over_the_districts_and_can_be_cleared() {
    use crate::support::{assert_one_error_line, kam_db, stdout, TempDb};
    let db = TempDb::new();
    {
        let mut s = db.writer();
        for (name, province, district) in [
            ("上海机电", "上海市", "黄浦区"),
            ("北京贸易", "北京市", "东城区"),
        ] {
            let mut a = Account {
                name: name.into(),
                province: Some(province.into()),
                city: Some(province.into()),
                district: Some(district.into()),
                ..Default::default()
            };
            s.insert(&mut a).unwrap();
        }
    }
    let distance = || stdout(&kam_db(&db.path, &["distance", "C000001", "C000002"]));
    assert!(distance().contains("about 1069.6 km"), "{}", distance());

    let o = kam_db(&db.path, &["place", "C000001", "39.9283", "116.4165"]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    assert!(distance().contains("about 0.0 km"), "{}", distance());
    let a = db.writer().account_by_code("C000001").unwrap().unwrap();
    assert_eq!((a.place_lat, a.place_lon), (Some(39.9283), Some(116.4165)));

    // Off the earth, or half a point: one sentence, and the point stays.
    let o = kam_db(&db.path, &["place", "C000001", "95", "116"]);
    assert!(!o.status.success());
    assert_one_error_line(&o);
    let o = kam_db(&db.path, &["place", "C000001", "-33.9", "-181"]);
    assert!(!o.status.success());
    assert!(distance().contains("about 0.0 km"), "{}", distance());

    let o = kam_db(&db.path, &["place", "C000001", "--clear"]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    assert!(distance().contains("about 1069.6 km"), "{}", distance());
}

/// The list's map places an account where the rep put it by hand (`kam place`), as the day's
/// route does: 北京贸易 is in 北京 by its address but set by hand at 31.2317, 121.4844 (上海
/// 黄浦区); 上海机电 has no point of its own and stands at its city's.
#[test]
fn the_lists_map_places_an_account_at_its_point_set_by_hand() {
    let dir = crate::support::tempdir();
    let mut store = open_store(&dir);
    for (name, province, hand) in [
        ("北京贸易", "北京市", Some((31.2317, 121.4844))),
        ("上海机电", "上海市", None),
    ] {
        let mut a = Account {
            name: name.into(),
            province: Some(province.into()),
            city: Some(province.into()),
            place_lat: hand.map(|h: (f64, f64)| h.0),
            place_lon: hand.map(|h: (f64, f64)| h.1),
            ..Default::default()
        };
        store.insert(&mut a).unwrap();
    }
    let mut s = Session {
        app: App::new(store, Lang::Zh).unwrap(),
        dir,
    };
    s.keys("M");
    let m = map(&s);
    assert_eq!(m.of, MapOf::Accounts);
    assert_eq!((m.stops.len(), m.unplaced), (2, 0));
    let at = |name: &str| m.stops.iter().find(|x| x.name == name).unwrap().point;
    let beijing = at("北京贸易");
    assert_eq!((beijing.lat, beijing.lon), (31.2317, 121.4844));
    let shanghai = kam::geo::place(Some("上海市"), Some("上海市"), None).unwrap();
    assert_eq!(at("上海机电"), shanghai.point);
}
