//! Places from addresses, distances and the order of a day's visits. The expected points are
//! the lines of `assets/geo/cn-places.txt` and `world-cities.txt` read by hand; the distances
//! were worked out separately (Python's haversine on the same points, R = 6371.0088 km); the
//! route is checked against every order tried here.

use kam::geo::route::{best_order, length_km, EXACT_UP_TO};
use kam::geo::{distance_km, place, Point, Precision};

fn at(lat: f64, lon: f64) -> Point {
    Point { lat, lon }
}

fn assert_at(got: Option<kam::geo::Place>, lat: f64, lon: f64, precision: Precision) {
    let p = got.expect("placed");
    assert!(
        (p.point.lat - lat).abs() < 1e-9 && (p.point.lon - lon).abs() < 1e-9,
        "{p:?} is not at {lat},{lon}"
    );
    assert_eq!(p.precision, precision);
}

#[test]
fn chinese_addresses_are_placed_as_precisely_as_they_say_and_never_guessed() {
    // D 440307 龙岗区 114.2469 22.7210.
    assert_at(
        place(Some("广东省"), Some("深圳市"), Some("龙岗区")),
        22.7210,
        114.2469,
        Precision::District,
    );
    // Written short, as people do.
    assert_at(
        place(Some("广东"), Some("深圳"), Some("龙岗")),
        22.7210,
        114.2469,
        Precision::District,
    );
    // A municipality: 北京市 北京市 东城区 (D 110101 116.4165 39.9283).
    assert_at(
        place(Some("北京市"), Some("北京市"), Some("东城区")),
        39.9283,
        116.4165,
        Precision::District,
    );
    // The city only: C 4403 114.0579 22.5435.
    assert_at(
        place(None, Some("深圳市"), None),
        22.5435,
        114.0579,
        Precision::City,
    );
    // A district that is not in the province named: the province (P 44 113.2664 23.1323).
    assert_at(
        place(Some("广东省"), None, Some("鼓楼区")),
        23.1323,
        113.2664,
        Precision::Province,
    );
    // 鼓楼区 alone is in several cities: nowhere in particular.
    assert_eq!(place(None, None, Some("鼓楼区")), None);
    assert_eq!(place(None, None, None), None);
    assert_eq!(place(Some("火星省"), None, None), None);
}

#[test]
fn cities_abroad_are_placed_in_their_region() {
    assert_at(
        place(Some("England"), Some("Birmingham"), None),
        52.4814,
        -1.8998,
        Precision::City,
    );
    assert_at(
        place(Some("Alabama"), Some("Birmingham"), None),
        33.5207,
        -86.8025,
        Precision::City,
    );
    assert_at(
        place(Some("MI"), Some("birmingham"), None),
        42.5467,
        -83.2113,
        Precision::City,
    );
    // No region: the city of that name with the most people.
    assert_at(
        place(None, Some("Birmingham"), None),
        52.4814,
        -1.8998,
        Precision::City,
    );
    // A region that has no city of that name: not placed rather than placed wrong.
    assert_eq!(place(Some("Wales"), Some("Birmingham"), None), None);
    assert_eq!(place(Some("England"), Some("Atlantis"), None), None);
}

#[test]
fn distances_are_great_circle_kilometres() {
    let dongcheng = at(39.9283, 116.4165);
    let huangpu = at(31.2317, 121.4844);
    assert!((distance_km(dongcheng, huangpu) - 1069.631).abs() < 0.01);
    assert!((distance_km(at(52.4814, -1.8998), at(51.48, -3.18)) - 141.722).abs() < 0.01);
    assert_eq!(distance_km(huangpu, huangpu), 0.0);
}

/// Every order of `n` stops, the shortest length (the test's own brute force).
fn shortest(home: Option<Point>, stops: &[Point]) -> f64 {
    fn go(home: Option<Point>, stops: &[Point], order: &mut Vec<usize>, best: &mut f64) {
        if order.len() == stops.len() {
            *best = best.min(length_km(home, stops, order));
            return;
        }
        for i in 0..stops.len() {
            if !order.contains(&i) {
                order.push(i);
                go(home, stops, order, best);
                order.pop();
            }
        }
    }
    let mut best = f64::INFINITY;
    go(home, stops, &mut vec![], &mut best);
    best
}

/// Points around 杭州, spread by a simple generator (no randomness crate needed).
fn stops(n: usize, seed: u64) -> Vec<Point> {
    let mut x = seed;
    let mut next = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as f64 / (1u64 << 31) as f64
    };
    (0..n)
        .map(|_| at(30.0 + next() * 0.6, 119.9 + next() * 0.6))
        .collect()
}

#[test]
fn the_route_of_up_to_eight_stops_is_the_shortest_of_every_order() {
    let home = at(30.27, 120.15);
    for n in 0..=EXACT_UP_TO {
        for seed in 1..3 {
            let s = stops(n, seed);
            for home in [Some(home), None] {
                let order = best_order(home, &s);
                let mut sorted = order.clone();
                sorted.sort();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "every stop once");
                let got = length_km(home, &s, &order);
                let want = if n == 0 { 0.0 } else { shortest(home, &s) };
                assert!(
                    (got - want).abs() < 1e-6,
                    "{n} stops, seed {seed}: {got} vs {want}"
                );
            }
        }
    }
}

#[test]
fn a_longer_route_visits_every_stop_once_and_never_crosses_itself_needlessly() {
    let home = Some(at(30.27, 120.15));
    let s = stops(14, 7);
    let order = best_order(home, &s);
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(sorted, (0..14).collect::<Vec<_>>());
    // No reversal of a segment shortens it (what 2-opt promises).
    let km = length_km(home, &s, &order);
    for i in 0..order.len() - 1 {
        for j in i + 1..order.len() {
            let mut o = order.clone();
            o[i..=j].reverse();
            assert!(length_km(home, &s, &o) >= km - 1e-9);
        }
    }
    // And it is no longer than visiting them in the order given.
    assert!(km <= length_km(home, &s, &(0..14).collect::<Vec<_>>()));
}

/// `kam distance`: each leg between accounts and the whole way, in the rep's language; an
/// account kam cannot place is one clear sentence.
#[test]
fn kam_distance_gives_each_leg_and_the_whole_way() {
    let db = crate::support::TempDb::new();
    let mut s = db.writer();
    for (code, province, city, district) in [
        ("W1", "浙江省", "杭州市", "西湖区"),
        ("S1", "上海市", "上海市", "浦东新区"),
        ("W2", "浙江省", "杭州市", "西湖区"),
        ("N0", "", "", ""),
    ] {
        let mut a = kam::domain::Account {
            code: code.into(),
            name: format!("客户{code}"),
            province: Some(province.into()).filter(|p: &String| !p.is_empty()),
            city: Some(city.into()).filter(|p: &String| !p.is_empty()),
            district: Some(district.into()).filter(|p: &String| !p.is_empty()),
            ..Default::default()
        };
        s.insert(&mut a).unwrap();
    }
    drop(s);
    let hz = kam::geo::place(Some("浙江省"), Some("杭州市"), Some("西湖区")).unwrap();
    let sh = kam::geo::place(Some("上海市"), Some("上海市"), Some("浦东新区")).unwrap();
    let km = kam::geo::distance_km(hz.point, sh.point);
    // Hangzhou's 西湖区 to Shanghai's 浦东新区: some 170 km as the crow flies.
    assert!((150.0..190.0).contains(&km), "{km}");
    let o = crate::support::kam_db(&db.path, &["--lang", "zh", "distance", "W1", "S1", "W2"]);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
    assert_eq!(
        crate::support::stdout(&o),
        format!(
            "W1 → S1：直线约 {km:.1} 公里\nS1 → W2：直线约 {km:.1} 公里\n全程：约 {:.1} 公里\n",
            km * 2.0
        )
    );
    let o = crate::support::kam_db(&db.path, &["distance", "W1", "W2"]);
    assert_eq!(
        crate::support::stdout(&o),
        "W1 → W2: about 0.0 km in a straight line\n"
    );
    let line = crate::support::assert_one_error_line(&crate::support::kam_db(
        &db.path,
        &["distance", "W1", "N0"],
    ));
    assert!(line.contains("N0: its address names no province"), "{line}");
}
