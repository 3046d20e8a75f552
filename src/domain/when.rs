//! Dates and times as a rep says them, in either language: `2026-12-08` and `2026年12月8日`
//! as before, and also `12-08`, `12月8日`, `8号`, 明天, 后天, 下周一, 周五, `+7`, 3天后,
//! `tomorrow`, `next mon`, `in 2 weeks`, with a time such as `14:30`, 下午3点, 3点半 or `3pm`.
//! One parser for forms, imports and the command line; the form shows the date it resolved
//! to beside the field, so a reading the rep did not mean is seen before it is saved.
//!
//! Choices where people differ, made once here: weeks start on Monday (下周一 and `next mon`
//! are the Monday of next week); a bare weekday (周五, `fri`) is the next one after today; a
//! date without a year (`12-08`) is the one nearest today, so `01-05` typed in December is
//! next January and `11-28` is last month.

use super::validate::{normalize_width, Problem};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// A date typed in any of the ways above, read on `today`.
pub fn parse_date_on(text: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let t = clean(text);
    read_date(&t, today).ok_or_else(|| Problem::Date(text.trim().to_string()))
}

/// A date and time: a date as above (today when left out) and a time (midnight when left
/// out): `2026-12-08 14:30`, `明天下午3点`, `下周一 9:00`, `tomorrow 3pm`, `14:30`.
pub fn parse_datetime_on(text: &str, today: NaiveDate) -> Result<NaiveDateTime, Problem> {
    let t = clean(text);
    read_datetime(&t, today).ok_or_else(|| Problem::DateTime(text.trim().to_string()))
}

/// Lower case, half width, single spaces, `T` between date and time as a space.
fn clean(text: &str) -> String {
    let t = normalize_width(text.trim()).to_lowercase();
    let t = t.trim_end_matches(['。', '.', ',', '，', '!', '！']);
    let t = match t.find('t') {
        // 2026-12-08t14:30:00 (ISO) but not "today"/"tomorrow"/"thu".
        Some(i) if i >= 8 && t[..i].chars().all(|c| c.is_ascii_digit() || c == '-') => {
            format!("{} {}", &t[..i], &t[i + 1..])
        }
        _ => t.to_string(),
    };
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_datetime(t: &str, today: NaiveDate) -> Option<NaiveDateTime> {
    if let Some(d) = read_date(t, today) {
        return Some(d.and_time(NaiveTime::MIN));
    }
    // The time is a suffix of the text: try each split (the texts are a few characters).
    let cuts = t.char_indices().map(|(i, _)| i).chain([t.len()]);
    for i in cuts.rev() {
        let (date, time) = (t[..i].trim(), t[i..].trim());
        let Some(time) = read_time(time) else {
            continue;
        };
        let date = if date.is_empty() {
            Some(today)
        } else {
            read_date(date.trim_end_matches(['的', ',']), today)
        };
        if let Some(d) = date {
            return Some(d.and_time(time));
        }
    }
    None
}

/// `14:30`, `14:30:15`, `9点`, `3点半`, `3点15分`, `下午3点`, `晚上8点`, `3pm`, `3:30pm`.
fn read_time(t: &str) -> Option<NaiveTime> {
    if t.is_empty() {
        return None;
    }
    let mut rest = t;
    let mut afternoon = None;
    for (word, pm) in [
        ("上午", false),
        ("早上", false),
        ("早晨", false),
        ("凌晨", false),
        ("中午", true),
        ("下午", true),
        ("晚上", true),
        ("傍晚", true),
        ("夜里", true),
    ] {
        if let Some(r) = rest.strip_prefix(word) {
            rest = r;
            afternoon = Some(pm);
        }
    }
    // `3pm` counts hours 1 to 12; 下午13点 is a plain 13:00.
    let mut twelve_hour = false;
    for (word, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if let Some(r) = rest.strip_suffix(word) {
            rest = r.trim();
            afternoon = Some(pm);
            twelve_hour = true;
            break;
        }
    }
    let (h, m, s) = if let Some((h, r)) = rest.split_once(':') {
        let (m, s) = r.split_once(':').unwrap_or((r, "0"));
        (number(h)?, number(m)?, number(s)?)
    } else if let Some((h, r)) = rest.split_once(['点', '时']) {
        let m = match r.trim_end_matches('钟') {
            "" | "整" => 0,
            "半" => 30,
            "一刻" => 15,
            "三刻" => 45,
            m => number(m.trim_end_matches('分'))?,
        };
        (number(h)?, m, 0)
    } else if afternoon.is_some() {
        (number(rest)?, 0, 0)
    } else {
        return None;
    };
    if twelve_hour && !(1..=12).contains(&h) {
        return None;
    }
    let h = match afternoon {
        Some(true) if (1..12).contains(&h) => h + 12,
        Some(false) if h == 12 => 0,
        _ => h,
    };
    NaiveTime::from_hms_opt(h, m, s)
}

fn read_date(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    absolute(t)
        .or_else(|| relative(t, today))
        .or_else(|| weekday(t, today))
        .or_else(|| without_year(t, today))
}

/// `2026-12-08`, `2026/12/8`, `2026.12.8`, `20261208`, `2026年12月8日` (or 号).
fn absolute(t: &str) -> Option<NaiveDate> {
    let s = t
        .replace(['年', '月', '/', '.'], "-")
        .replace(['日', '号'], "");
    let s = s.trim_end_matches('-');
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|_| s.len() >= 8)
        .or_else(|| {
            (s.len() == 8 && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| NaiveDate::parse_from_str(s, "%Y%m%d").ok())
                .flatten()
        })
}

/// 今天, 明天, 后天, `+7`, `-3`, `+2w`, 3天后, 两周后, 一个月后, `in 3 days`, `2 weeks ago`,
/// 月底.
fn relative(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let days = match t {
        "今天" | "今日" | "today" | "now" => Some(0),
        "明天" | "明日" | "tomorrow" | "tmr" | "tmrw" => Some(1),
        "后天" | "後天" | "day after tomorrow" => Some(2),
        "大后天" => Some(3),
        "昨天" | "昨日" | "yesterday" => Some(-1),
        "前天" | "day before yesterday" => Some(-2),
        "大前天" => Some(-3),
        _ => None,
    };
    if let Some(n) = days {
        return add_days(today, n);
    }
    match t {
        "月底" | "月末" | "end of month" | "eom" => return month_end(today),
        "下月底" | "下个月底" | "下月末" => {
            return month_end(today.checked_add_months(Months::new(1))?)
        }
        _ => {}
    }
    // +7, -3, +2w, +1m
    if let Some(sign) = t.chars().next().filter(|c| matches!(c, '+' | '-')) {
        let body = &t[1..];
        let (n, unit) = split_unit(body);
        let n = number(n)? as i64 * if sign == '-' { -1 } else { 1 };
        return shift(today, n, unit.trim());
    }
    // in 3 days / 3 days later / 3 days ago / 3天后 / 3天前 / 两周后
    let (t, ago) = if let Some(r) = t.strip_suffix(" ago") {
        (r, true)
    } else if let Some(r) = t.strip_suffix(" later") {
        (r, false)
    } else if let Some(r) = t.strip_prefix("in ") {
        (r, false)
    } else if let Some(r) = t
        .strip_suffix("以后")
        .or_else(|| t.strip_suffix("之后"))
        .or_else(|| t.strip_suffix('后'))
    {
        (r, false)
    } else if let Some(r) = t
        .strip_suffix("以前")
        .or_else(|| t.strip_suffix("之前"))
        .or_else(|| t.strip_suffix('前'))
    {
        (r, true)
    } else {
        return None;
    };
    let (n, unit) = split_unit(t.trim());
    let n = number(n.trim())? as i64;
    shift(today, if ago { -n } else { n }, unit.trim())
}

/// `3` and `天`, `2` and `weeks`, `两` and `个星期`.
fn split_unit(t: &str) -> (&str, &str) {
    let end = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "零一二两三四五六七八九十".contains(*c)))
        .map_or(t.len(), |(i, _)| i);
    (&t[..end], &t[end..])
}

fn shift(today: NaiveDate, n: i64, unit: &str) -> Option<NaiveDate> {
    let unit = unit.trim_start_matches('个');
    match unit {
        "" | "d" | "day" | "days" | "天" | "日" => add_days(today, n),
        "w" | "wk" | "wks" | "week" | "weeks" | "周" | "星期" | "礼拜" => {
            add_days(today, n * 7)
        }
        "m" | "mo" | "month" | "months" | "月" => {
            let months = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
            if n >= 0 {
                today.checked_add_months(months)
            } else {
                today.checked_sub_months(months)
            }
        }
        _ => None,
    }
}

fn add_days(today: NaiveDate, n: i64) -> Option<NaiveDate> {
    let d = Days::new(n.unsigned_abs());
    if n >= 0 {
        today.checked_add_days(d)
    } else {
        today.checked_sub_days(d)
    }
}

fn month_end(day: NaiveDate) -> Option<NaiveDate> {
    let first = day.with_day(1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// 周五, 星期五, 礼拜五, 本周五, 下周一, 下下周三, `fri`, `this fri`, `next mon`.
fn weekday(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (weeks_on, day): (Option<i64>, &str) = if let Some(r) = t.strip_prefix("next ") {
        (Some(1), r)
    } else if let Some(r) = t.strip_prefix("this ") {
        (Some(0), r)
    } else {
        let mut rest = t;
        let mut on = None;
        for (prefix, weeks) in [
            ("下下", 2),
            ("下个", 1),
            ("下", 1),
            ("本", 0),
            ("这个", 0),
            ("这", 0),
            ("上个", -1),
            ("上", -1),
        ] {
            if let Some(r) = rest.strip_prefix(prefix) {
                rest = r;
                on = Some(weeks);
                break;
            }
        }
        (on, rest)
    };
    let day = chinese_weekday(day).or_else(|| english_weekday(day))?;
    let monday = today - Days::new(today.weekday().num_days_from_monday().into());
    match weeks_on {
        Some(weeks) => {
            let week = add_days(monday, 7 * weeks)?;
            week.checked_add_days(Days::new(day.num_days_from_monday().into()))
        }
        // The next one after today.
        None => {
            let ahead = (7 + day.num_days_from_monday() as i64
                - today.weekday().num_days_from_monday() as i64)
                % 7;
            add_days(today, if ahead == 0 { 7 } else { ahead })
        }
    }
}

fn chinese_weekday(t: &str) -> Option<Weekday> {
    let t = ["周", "星期", "礼拜", "禮拜"]
        .iter()
        .find_map(|p| t.strip_prefix(p))?;
    Some(match t {
        "一" | "1" => Weekday::Mon,
        "二" | "2" => Weekday::Tue,
        "三" | "3" => Weekday::Wed,
        "四" | "4" => Weekday::Thu,
        "五" | "5" => Weekday::Fri,
        "六" | "6" => Weekday::Sat,
        "日" | "天" | "七" | "7" => Weekday::Sun,
        _ => return None,
    })
}

fn english_weekday(t: &str) -> Option<Weekday> {
    Some(match t {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// `12-08`, `12/8`, `12.8`, `12月8日`, `12月8号`, `dec 8`, `8 dec`, `8号` (this month's or the
/// next): the year that puts it nearest today.
fn without_year(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    if let Some(d) = t.strip_suffix(['号', '日']).and_then(number) {
        if !t.contains('月') {
            // A day of the month alone: the next such day from today on.
            let this = today.with_day(d);
            return match this {
                Some(x) if x >= today => Some(x),
                _ => today
                    .with_day(1)?
                    .checked_add_months(Months::new(1))?
                    .with_day(d),
            };
        }
    }
    let (m, d) = month_day(t)?;
    let year = today.year();
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .min_by_key(|x| (*x - today).num_days().abs())
}

fn month_day(t: &str) -> Option<(u32, u32)> {
    if let Some((m, d)) = t.split_once('月') {
        return Some((number(m)?, number(d.trim_end_matches(['日', '号']))?));
    }
    if let Some((m, d)) = t.split_once(['-', '/', '.']) {
        return Some((number(m)?, number(d)?));
    }
    let (a, b) = t.split_once(' ')?;
    match (month_name(a), month_name(b)) {
        (Some(m), None) => Some((
            m,
            number(b.trim_end_matches(['s', 't', 'h', 'n', 'd', 'r']))?,
        )),
        (None, Some(m)) => Some((
            m,
            number(a.trim_end_matches(['s', 't', 'h', 'n', 'd', 'r']))?,
        )),
        _ => None,
    }
}

fn month_name(t: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let t = t.trim_end_matches('.');
    if t.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|n| n.starts_with(t))
        .map(|i| i as u32 + 1)
}

/// `7`, `07`, or a small Chinese numeral: 七, 十二, 二十八, 两.
fn number(t: &str) -> Option<u32> {
    let t = t.trim();
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse().ok().filter(|n| *n < 100_000);
    }
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = t.chars().collect();
    match chars.as_slice() {
        ['两'] => Some(2),
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', c] => Some(10 + digit(*c)?),
        [c, '十'] => Some(digit(*c)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}
