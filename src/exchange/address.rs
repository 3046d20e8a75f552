//! A Chinese address in one cell split into 省/市/区 and the street, from the list of
//! administrative divisions kam ships for demo data (assets/demo/cn-divisions.txt), so that
//! imported accounts have a city and the region analysis counts them. Only a prefix that is a
//! real division is taken; an address that does not start with one stays the street, whole.

use std::sync::OnceLock;

const DIVISIONS: &str = include_str!("../../assets/demo/cn-divisions.txt");

struct City {
    name: &'static str,
    districts: Vec<&'static str>,
}

struct Province {
    name: &'static str,
    cities: Vec<City>,
}

fn divisions() -> &'static [Province] {
    static LIST: OnceLock<Vec<Province>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut list: Vec<Province> = vec![];
        for line in DIVISIONS.lines() {
            let mut parts = line.splitn(3, ' ');
            let (kind, _code, name) = (parts.next(), parts.next(), parts.next().unwrap_or(""));
            match kind {
                Some("P") => list.push(Province {
                    name,
                    cities: vec![],
                }),
                Some("C") => {
                    if let Some(p) = list.last_mut() {
                        p.cities.push(City {
                            name,
                            districts: vec![],
                        });
                    }
                }
                Some("D") => {
                    if let Some(c) = list.last_mut().and_then(|p| p.cities.last_mut()) {
                        c.districts.push(name);
                    }
                }
                _ => {}
            }
        }
        list
    })
}

/// The name as people also write it: 广东 for 广东省, 内蒙古 for 内蒙古自治区, 深圳 for 深圳市.
fn short(name: &str) -> &str {
    const SUFFIXES: [&str; 9] = [
        "维吾尔自治区",
        "壮族自治区",
        "回族自治区",
        "特别行政区",
        "自治区",
        "自治州",
        "地区",
        "省",
        "市",
    ];
    for s in SUFFIXES {
        if let Some(rest) = name.strip_suffix(s) {
            if rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    name
}

/// How much of `text` the division's name (or its short form) takes at the start.
fn prefix(text: &str, name: &str) -> Option<usize> {
    if text.starts_with(name) {
        return Some(name.len());
    }
    let s = short(name);
    (s != name && text.starts_with(s)).then_some(s.len())
}

/// How much of `text` a district takes: its full name (海淀区), or its name without 区/县 when
/// nothing but a space or the end follows (北京 海淀), so that 朝阳路 is never 朝阳区.
fn district_prefix(text: &str, name: &str) -> Option<usize> {
    if text.starts_with(name) {
        return Some(name.len());
    }
    let s = ["区", "县", "旗"]
        .iter()
        .find_map(|x| name.strip_suffix(x))
        .filter(|s| s.chars().count() >= 2)?;
    let after = text.strip_prefix(s)?;
    (after.is_empty() || after.starts_with(char::is_whitespace)).then_some(s.len())
}

/// The province of a city written alone (乌鲁木齐市, 北京市, 昌吉回族自治州, 深圳), when only
/// one province has a city of that name.
pub fn province_of(city: &str) -> Option<&'static str> {
    let city = city.trim();
    if city.is_empty() {
        return None;
    }
    let mut found = divisions()
        .iter()
        .filter(|p| {
            p.cities
                .iter()
                .any(|c| c.name == city || (short(c.name) == city && city.chars().count() >= 2))
        })
        .map(|p| p.name);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The parts of an address: province, city, district (each its official name) and the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub province: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub street: String,
}

/// Splits `text` when it starts with a province or a city; otherwise it is all street.
pub fn split(text: &str) -> Address {
    let text = text.trim();
    let whole = Address {
        street: text.to_string(),
        ..Default::default()
    };
    if text.chars().next().is_none_or(|c| c.is_ascii()) {
        return whole;
    }
    let list = divisions();
    let mut rest = text;
    // How many divisions were named, and whether one was named in full: a lone short form
    // (上海路, 长沙路) is a street, not a place.
    let (mut named, mut in_full) = (0, false);
    // Divisions may be written apart (江苏省 南通市, 北京 海淀: a phone's address fields).
    let mut take = |rest: &mut &str, name: &str| {
        if let Some(n) = prefix(rest, name) {
            named += 1;
            in_full |= n == name.len();
            *rest = rest[n..].trim_start();
        }
    };
    let province = list.iter().find(|p| prefix(rest, p.name).is_some());
    let (province, city) = match province {
        Some(p) => {
            take(&mut rest, p.name);
            match p.cities.iter().find(|c| prefix(rest, c.name).is_some()) {
                Some(c) => {
                    take(&mut rest, c.name);
                    (Some(p), Some(c))
                }
                // A municipality: 北京市朝阳区 names the city once.
                None => (Some(p), p.cities.iter().find(|c| c.name == p.name)),
            }
        }
        None => {
            let found = list.iter().find_map(|p| {
                p.cities
                    .iter()
                    .find(|c| prefix(rest, c.name).is_some())
                    .map(|c| (p, c))
            });
            match found {
                Some((p, c)) => {
                    take(&mut rest, c.name);
                    (Some(p), Some(c))
                }
                None => return whole,
            }
        }
    };
    let district = city.and_then(|c| {
        c.districts
            .iter()
            .find_map(|d| district_prefix(rest, d).map(|n| (d, n)))
            .map(|(d, n)| {
                rest = &rest[n..];
                d.to_string()
            })
    });
    if district.is_none() && named < 2 && !in_full {
        return whole;
    }
    Address {
        province: province.map(|p| p.name.to_string()),
        city: city.map(|c| c.name.to_string()),
        district,
        street: rest.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Option<String>, Option<String>, Option<String>, String) {
        let a = split(text);
        (a.province, a.city, a.district, a.street)
    }

    #[test]
    fn addresses_split_into_their_divisions() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            parts("广东省深圳市南山区科苑路15号"),
            (s("广东省"), s("深圳市"), s("南山区"), "科苑路15号".into())
        );
        assert_eq!(
            parts("北京市朝阳区建国路88号"),
            (s("北京市"), s("北京市"), s("朝阳区"), "建国路88号".into())
        );
        assert_eq!(
            parts("深圳市龙岗区坂田华为基地"),
            (s("广东省"), s("深圳市"), s("龙岗区"), "坂田华为基地".into())
        );
        assert_eq!(
            parts("江苏苏州工业园区星湖街328号"),
            (s("江苏省"), s("苏州市"), None, "工业园区星湖街328号".into())
        );
        assert_eq!(parts("222 Broadway").3, "222 Broadway");
        assert_eq!(parts("北京路1号"), (None, None, None, "北京路1号".into()));
        assert_eq!(parts("上海路2号"), (None, None, None, "上海路2号".into()));
        assert_eq!(parts("长沙路3号"), (None, None, None, "长沙路3号".into()));
        assert_eq!(parts("科苑路15号"), (None, None, None, "科苑路15号".into()));
        // Written apart, as a phone's address fields are joined; a short district only alone.
        assert_eq!(
            parts("北京 海淀"),
            (s("北京市"), s("北京市"), s("海淀区"), "".into())
        );
        assert_eq!(
            parts("北京市朝阳路1号"),
            (s("北京市"), s("北京市"), None, "朝阳路1号".into())
        );
    }

    #[test]
    fn a_city_alone_names_its_province() {
        assert_eq!(province_of("乌鲁木齐市"), Some("新疆维吾尔自治区"));
        assert_eq!(province_of("北京市"), Some("北京市"));
        assert_eq!(province_of("深圳"), Some("广东省"));
        assert_eq!(province_of("Springfield"), None);
        assert_eq!(province_of(""), None);
    }
}
