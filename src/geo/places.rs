//! The place lists kam ships (`assets/geo/`, derived by `derive.py` from the sources its
//! README names) and the lookup of an address in them. Parsed once, at the first lookup.

use super::Point;
use std::collections::HashMap;
use std::sync::OnceLock;

const CN_DIVISIONS: &str = include_str!("../../assets/demo/cn-divisions.txt");
const CN_PLACES: &str = include_str!("../../assets/geo/cn-places.txt");
const WORLD_CITIES: &str = include_str!("../../assets/geo/world-cities.txt");

/// How much of the address the point stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Province,
    City,
    District,
    /// Set by hand by the rep (`kam place`): as precise as they made it.
    Hand,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub point: Point,
    pub precision: Precision,
}

struct Division {
    parent: Option<usize>,
    name: &'static str,
    point: Option<Point>,
    precision: Precision,
}

struct City {
    country: &'static str,
    admin1: &'static str,
    point: Point,
}

struct Places {
    divisions: Vec<Division>,
    /// Name (and the name without its 省/市/区/县 ending) → divisions of that name.
    by_name: HashMap<&'static str, Vec<usize>>,
    /// Lower-case city name → cities of that name, most people first.
    cities: HashMap<String, Vec<City>>,
}

fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(load)
}

fn load() -> Places {
    let mut points: HashMap<&str, Point> = HashMap::new();
    for line in CN_PLACES.lines() {
        let mut f = line.split(' ');
        if let (Some(_), Some(code), Some(lon), Some(lat)) =
            (f.next(), f.next(), f.next(), f.next())
        {
            if let (Ok(lon), Ok(lat)) = (lon.parse(), lat.parse()) {
                points.insert(code, Point { lat, lon });
            }
        }
    }
    let mut divisions: Vec<Division> = vec![];
    let (mut province, mut city) = (None, None);
    for line in CN_DIVISIONS.lines() {
        let mut f = line.splitn(3, ' ');
        let (Some(kind), Some(code), Some(name)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let (parent, precision) = match kind {
            "P" => (None, Precision::Province),
            "C" => (province, Precision::City),
            _ => (city, Precision::District),
        };
        let i = divisions.len();
        divisions.push(Division {
            parent,
            name,
            point: points.get(code).copied(),
            precision,
        });
        match kind {
            "P" => (province, city) = (Some(i), None),
            "C" => city = Some(i),
            _ => {}
        }
    }
    let mut by_name: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for (i, d) in divisions.iter().enumerate() {
        by_name.entry(d.name).or_default().push(i);
        let short = short_name(d.name);
        if short != d.name {
            by_name.entry(short).or_default().push(i);
        }
    }
    let mut cities: HashMap<String, Vec<City>> = HashMap::new();
    for line in WORLD_CITIES.lines() {
        let f: Vec<&'static str> = line.split('|').collect();
        if let [name, country, admin1, lat, lon, _] = f[..] {
            if let (Ok(lat), Ok(lon)) = (lat.parse(), lon.parse()) {
                // The file lists each name's cities most people first.
                cities.entry(name.to_lowercase()).or_default().push(City {
                    country,
                    admin1,
                    point: Point { lat, lon },
                });
            }
        }
    }
    Places {
        divisions,
        by_name,
        cities,
    }
}

/// 广东省 → 广东, 深圳市 → 深圳, 龙岗区 → 龙岗: how people write them as often as not. Names of
/// two characters keep their ending (东区 is not 东).
fn short_name(name: &str) -> &str {
    const ENDINGS: [&str; 6] = ["特别行政区", "自治区", "省", "市", "区", "县"];
    for e in ENDINGS {
        if let Some(s) = name.strip_suffix(e) {
            if s.chars().count() >= 2 {
                return s;
            }
        }
    }
    name
}

/// Where an account is: the point the rep set by hand when both its degrees are there (and on
/// the earth), else what its address names (`place`).
pub fn place_account(
    hand: (Option<f64>, Option<f64>),
    province: Option<&str>,
    city: Option<&str>,
    district: Option<&str>,
) -> Option<Place> {
    match hand {
        (Some(lat), Some(lon))
            if lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0 =>
        {
            Some(Place {
                point: Point { lat, lon },
                precision: Precision::Hand,
            })
        }
        _ => place(province, city, district),
    }
}

/// Where an address is: the district, else the city, else the province, for a Chinese one;
/// the city (in its region when the region is known) for one abroad. `None` when the address
/// names nothing kam can place.
pub fn place(province: Option<&str>, city: Option<&str>, district: Option<&str>) -> Option<Place> {
    fn clean(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    let (province, city, district) = (clean(province), clean(city), clean(district));
    let chinese = [province, city, district]
        .into_iter()
        .flatten()
        .any(|s| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    if chinese {
        place_in_china(province, city, district)
    } else {
        place_abroad(province, city?)
    }
}

fn place_in_china(
    province: Option<&str>,
    city: Option<&str>,
    district: Option<&str>,
) -> Option<Place> {
    let p = places();
    let named = |name: Option<&str>| -> Vec<usize> {
        name.and_then(|n| p.by_name.get(n).or_else(|| p.by_name.get(short_name(n))))
            .cloned()
            .unwrap_or_default()
    };
    let within = |i: usize, ancestor: usize| {
        let mut at = p.divisions[i].parent;
        while let Some(a) = at {
            if a == ancestor {
                return true;
            }
            at = p.divisions[a].parent;
        }
        false
    };
    let of_kind = |list: Vec<usize>, precision: Precision| -> Vec<usize> {
        list.into_iter()
            .filter(|i| p.divisions[*i].precision == precision)
            .collect()
    };
    let provinces = of_kind(named(province), Precision::Province);
    // A municipality's city has its own name (北京市 北京市); "city" may also hold a district.
    let mut cities = of_kind(named(city), Precision::City);
    if let Some(&prov) = provinces.first() {
        cities.retain(|c| within(*c, prov));
    }
    let mut districts = of_kind(named(district), Precision::District);
    districts.extend(of_kind(named(city), Precision::District));
    districts.retain(|d| {
        cities.iter().any(|c| within(*d, *c))
            || (cities.is_empty() && provinces.iter().any(|pr| within(*d, *pr)))
    });
    // The most precise division the address pins down to one, with a point; else the next.
    let one = |list: &[usize]| -> Option<Place> {
        match list {
            [i] => p.divisions[*i].point.map(|point| Place {
                point,
                precision: p.divisions[*i].precision,
            }),
            _ => None,
        }
    };
    one(&districts)
        .or_else(|| one(&cities))
        .or_else(|| {
            // A district of a city kam could not place (no point): its city's.
            districts
                .first()
                .and_then(|d| p.divisions[*d].parent)
                .and_then(|c| one(&[c]))
        })
        .or_else(|| one(&provinces))
}

/// Regions as accounts abroad write them, to the codes GeoNames gives the cities' regions.
const REGIONS: &[(&str, &str, &str)] = &[
    ("england", "GB", "ENG"),
    ("scotland", "GB", "SCT"),
    ("wales", "GB", "WLS"),
    ("northern ireland", "GB", "NIR"),
    ("alabama", "US", "AL"),
    ("alaska", "US", "AK"),
    ("arizona", "US", "AZ"),
    ("arkansas", "US", "AR"),
    ("california", "US", "CA"),
    ("colorado", "US", "CO"),
    ("connecticut", "US", "CT"),
    ("delaware", "US", "DE"),
    ("florida", "US", "FL"),
    ("georgia", "US", "GA"),
    ("hawaii", "US", "HI"),
    ("idaho", "US", "ID"),
    ("illinois", "US", "IL"),
    ("indiana", "US", "IN"),
    ("iowa", "US", "IA"),
    ("kansas", "US", "KS"),
    ("kentucky", "US", "KY"),
    ("louisiana", "US", "LA"),
    ("maine", "US", "ME"),
    ("maryland", "US", "MD"),
    ("massachusetts", "US", "MA"),
    ("michigan", "US", "MI"),
    ("minnesota", "US", "MN"),
    ("mississippi", "US", "MS"),
    ("missouri", "US", "MO"),
    ("montana", "US", "MT"),
    ("nebraska", "US", "NE"),
    ("nevada", "US", "NV"),
    ("new hampshire", "US", "NH"),
    ("new jersey", "US", "NJ"),
    ("new mexico", "US", "NM"),
    ("new york", "US", "NY"),
    ("north carolina", "US", "NC"),
    ("north dakota", "US", "ND"),
    ("ohio", "US", "OH"),
    ("oklahoma", "US", "OK"),
    ("oregon", "US", "OR"),
    ("pennsylvania", "US", "PA"),
    ("rhode island", "US", "RI"),
    ("south carolina", "US", "SC"),
    ("south dakota", "US", "SD"),
    ("tennessee", "US", "TN"),
    ("texas", "US", "TX"),
    ("utah", "US", "UT"),
    ("vermont", "US", "VT"),
    ("virginia", "US", "VA"),
    ("washington", "US", "WA"),
    ("west virginia", "US", "WV"),
    ("wisconsin", "US", "WI"),
    ("wyoming", "US", "WY"),
    ("district of columbia", "US", "DC"),
];

fn place_abroad(region: Option<&str>, city: &str) -> Option<Place> {
    place_abroad_named(region, city)
        // GeoNames says "New York City", "Oklahoma City"; people write "New York".
        .or_else(|| place_abroad_named(region, &format!("{} city", city.trim())))
}

fn place_abroad_named(region: Option<&str>, city: &str) -> Option<Place> {
    let list = places().cities.get(&city.to_lowercase())?;
    let wanted = region.map(|r| r.trim().to_lowercase()).and_then(|r| {
        REGIONS
            .iter()
            .find(|(name, _, code)| *name == r || code.eq_ignore_ascii_case(&r))
            .map(|(_, country, code)| (*country, *code))
            .or(Some(("", ""))) // A region kam does not know: any city of the name.
    });
    let city = match wanted {
        Some((country, code)) if !country.is_empty() => list
            .iter()
            .find(|c| c.country == country && c.admin1 == code)?,
        _ => list.first()?,
    };
    Some(Place {
        point: city.point,
        precision: Precision::City,
    })
}
