//! The day on the phone (issue 23): the visits planned on a day, each with where to go and
//! whom to ask for, as lines a phone shows after scanning a QR code. A QR code holds a few
//! hundred bytes at a size a terminal can draw and a phone camera can read, so the payload is
//! cut to whole visits; what is left out is said, never silently dropped.

use super::ics::day_plans;
use crate::domain::{Account, Contact};
use crate::store::Store;
use anyhow::Result;
use chrono::{NaiveDate, NaiveTime};

/// The most bytes the day's QR code carries: version 13 at the lowest error correction holds
/// 415 bytes, 69 modules, which with the quiet zone is 77 columns of an 80-column terminal.
pub const QR_BYTES: usize = 400;

/// One visit of the day, as the phone needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    pub time: Option<NaiveTime>,
    pub code: String,
    /// The short name when there is one (the phone's screen is narrow).
    pub name: String,
    /// 省市区 and street as written (the plan's own place when the account has none).
    pub address: String,
    /// Whom to ask for: the plan's contact, else the account's primary one.
    pub contact: String,
    pub phone: String,
}

impl Stop {
    /// One line: time, account, address, contact and phone, the empty parts left out.
    pub fn line(&self) -> String {
        let time = self.time.map(|t| t.format("%H:%M").to_string());
        [
            time.as_deref(),
            Some(self.name.as_str()),
            Some(self.address.as_str()),
            Some(self.contact.as_str()),
            Some(self.phone.as_str()),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
    }
}

/// The visits planned on `day` (not cancelled), by time.
pub fn stops(store: &Store, day: NaiveDate) -> Result<Vec<Stop>> {
    let mut plans = day_plans(store, day)?;
    plans.sort_by_key(|p| (p.planned_at, p.id));
    let mut out = Vec::with_capacity(plans.len());
    for p in plans {
        let Some(a) = store.get::<Account>(p.account_id)? else {
            continue;
        };
        let contacts: Vec<Contact> = store.list(a.id)?;
        let named = p
            .contact
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let who = named
            .and_then(|n| contacts.iter().find(|c| c.name == n))
            .or_else(|| {
                named
                    .is_none()
                    .then(|| contacts.iter().find(|c| c.is_primary))
                    .flatten()
            });
        let contact = named
            .map(str::to_string)
            .or_else(|| who.map(|c| c.name.clone()))
            .unwrap_or_default();
        // Where to drive: the account's address; the plan's place ("customer's office")
        // only when the account has none.
        let address = address_line(&[&a.province, &a.city, &a.district, &a.street]);
        let address = match p.place.as_deref().filter(|_| address.is_empty()) {
            Some(place) => place.trim().to_string(),
            None => address,
        };
        out.push(Stop {
            time: p.planned_at.map(|t| t.time()),
            code: a.code.clone(),
            name: a
                .short_name
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or(a.name),
            address,
            contact,
            phone: who
                .and_then(|c| c.best_phone())
                .unwrap_or_default()
                .to_string(),
        });
    }
    Ok(out)
}

/// The QR code's text: the day, then one line per visit while they fit in `max` bytes; and
/// how many visits it holds (the rest are left out whole).
pub fn qr_payload(day: NaiveDate, stops: &[Stop], max: usize) -> (String, usize) {
    let mut text = day.to_string();
    let mut kept = 0;
    for s in stops {
        let line = format!("\n{}", s.line());
        if text.len() + line.len() > max {
            break;
        }
        text.push_str(&line);
        kept += 1;
    }
    (text, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(i: usize) -> Stop {
        Stop {
            time: NaiveTime::from_hms_opt(9 + i as u32, 0, 0),
            code: format!("C{i}"),
            name: "华为技术".into(),
            address: "广东省深圳市龙岗区坂田街道".into(),
            contact: "曾小贤".into(),
            phone: "13800138000".into(),
        }
    }

    #[test]
    fn the_payload_keeps_whole_visits_within_its_bytes() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let line = stop(0).line();
        assert_eq!(
            line,
            "09:00 · 华为技术 · 广东省深圳市龙岗区坂田街道 · 曾小贤 · 13800138000"
        );
        let stops: Vec<Stop> = (0..8).map(stop).collect();
        let (text, kept) = qr_payload(day, &stops, QR_BYTES);
        assert!(text.len() <= QR_BYTES);
        // 10 bytes of date, then 1 + 92 bytes a visit (a middle dot is 2 bytes, a Chinese
        // character 3): four fit in 400 (382), a fifth would not (475).
        assert_eq!(line.len(), 92);
        assert_eq!(kept, 4);
        assert_eq!(text.lines().count(), 5);
        assert!(text.starts_with("2026-11-23\n09:00 · 华为技术"));
    }
}

/// An address's parts in one line: Chinese ones run together as they are written
/// (福建省福州市鼓楼区五四路1号), a Latin part is kept apart by a space ("Leeds 1 Park Row",
/// not "Leeds1 Park Row"); a municipality said twice (北京市北京市) once.
fn address_line(parts: &[&Option<String>]) -> String {
    let mut line = String::new();
    let mut last = "";
    for part in parts.iter().filter_map(|p| p.as_deref()).map(str::trim) {
        if part.is_empty() || part == last {
            continue;
        }
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(line.chars().last()) || (!line.is_empty() && latin(part.chars().next())) {
            line.push(' ');
        }
        line.push_str(part);
        last = part;
    }
    line
}

#[cfg(test)]
mod address_tests {
    use super::address_line;

    #[test]
    fn an_address_reads_as_one_line_in_either_script() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            address_line(&[&s("福建省"), &s("福州市"), &s("鼓楼区"), &s("五四路1号")]),
            "福建省福州市鼓楼区五四路1号"
        );
        assert_eq!(
            address_line(&[&s("北京市"), &s("北京市"), &s("朝阳区"), &None]),
            "北京市朝阳区"
        );
        assert_eq!(
            address_line(&[&None, &s("Leeds"), &None, &s("1 Park Row")]),
            "Leeds 1 Park Row"
        );
    }
}
