//! The week kam proposes (区域拜访计划): the accounts due by their cadence, most overdue first,
//! fitted around the visits already planned and the accounts' 不宜拜访时间, grouped by city
//! so one day covers one area, each day's stops in the order that travels least from the
//! rep's home city (`geo::route`), with the time of each visit worked out from the distance.
//! A proposal only: nothing is written until the rep accepts it.

use super::cadence::{work_week, Cadence, Unsuitable};
use crate::domain::{Grade, VisitPlan};
use crate::geo::{self, route, Point};
use crate::store::{DueFacts, Store, VisitCandidate};
use anyhow::Result;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use std::collections::HashMap;

/// Visits a day, planned ones included: 09:00 to about 17:00 at an hour a visit with the
/// drives between.
pub const VISITS_PER_DAY: usize = 6;
/// Beyond this a stop is not driven to between two visits (a train or a flight, planned
/// apart): no travel time is counted and the line says so.
pub const FAR_KM: f64 = 150.0;
/// The first visit of a day starts at 09:00 at the earliest.
pub const DAY_STARTS_AT: u32 = 9;
/// A visit waiting out an unsuitable time starts at 17:00 at the latest.
pub const LAST_START: u32 = 17;
/// Speed assumed between two visits (in town, with parking): distances are as the crow flies.
pub const KM_PER_HOUR: f64 = 40.0;
/// How many of those due without room are named (the rest are counted).
pub const NOT_FITTED_SHOWN: usize = 10;
/// How many more accounts due are read to fill the room that the most overdue left (too far
/// from every day with room): ~10 µs each at 100,000 accounts.
pub const FILL_LOOKAHEAD: usize = 1_000;
/// A visit's length when the profile does not say.
pub const VISIT_MINUTES: u32 = 60;

#[derive(Debug, Clone, PartialEq)]
pub struct WeekPlan {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The rep's home city as written in the profile, when kam could place it.
    pub home: Option<String>,
    pub visit_minutes: u32,
    pub days: Vec<PlanDay>,
    /// Due this week but no room left, most overdue first: the first `NOT_FITTED_SHOWN`.
    pub not_fitted: Vec<Proposal>,
    /// How many are due without room, all told.
    pub not_fitted_count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanDay {
    pub date: NaiveDate,
    /// Visits already planned that day (kept as they are), with the account's code and name.
    pub planned: Vec<(VisitPlan, String, String)>,
    pub proposals: Vec<Proposal>,
}

/// One account proposed: why (due, interval, last visit), where, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub account_id: i64,
    pub code: String,
    pub name: String,
    /// 省 市 区 (or region and city) as the account says.
    pub area: String,
    pub grade: Option<Grade>,
    pub interval_days: u32,
    pub last_visit: Option<NaiveDate>,
    pub due: NaiveDate,
    /// The proposed start; `None` until a day is chosen.
    pub at: Option<NaiveDateTime>,
    /// Kilometres from the stop before (home for the first), when both are placed.
    pub km_from_previous: Option<f64>,
    pub unsuitable: Option<String>,
    /// The proposed time falls in the account's unsuitable time (no better slot that day).
    pub conflict: bool,
    /// More than `FAR_KM` from the stop before: no drive counted, a journey to arrange.
    pub far: bool,
    /// The kilometres are from home (the day's first stop).
    pub from_home: bool,
    point: Option<Point>,
    area_key: (String, String),
    rule: Option<Unsuitable>,
}

/// The week of `day` (Monday to Friday; from today on), as kam would plan it.
pub fn propose_week(
    store: &Store,
    day: NaiveDate,
    today: NaiveDate,
    computed: &HashMap<i64, Grade>,
) -> Result<WeekPlan> {
    let cadence = Cadence::load(store)?;
    let profile = store.profile()?;
    let visit_minutes = profile
        .visit_minutes
        .and_then(|m| u32::try_from(m).ok())
        .filter(|m| (10..=480).contains(m))
        .unwrap_or(VISIT_MINUTES);
    let home_city = profile.home_city.filter(|h| !h.trim().is_empty());
    let home = home_city
        .as_deref()
        .and_then(|h| geo::place(None, Some(h), None))
        .map(|p| p.point);
    let (from, to) = work_week(day);
    let first = from.max(today);

    let start = |d: NaiveDate| d.and_time(NaiveTime::MIN);
    // An account with a visit planned from this week on is in hand already.
    let planned_accounts =
        store.accounts_planned_between(start(from), start(to + Duration::days(90)))?;

    // Which are due, from the least that decides it; then only the ones proposed (and the
    // first few left out) are read whole and placed: a big book has tens of thousands due.
    let mut due: Vec<(f64, DueFacts, Option<Grade>, u32, NaiveDate)> = store
        .due_facts()?
        .into_iter()
        .filter(|f| !planned_accounts.contains(&f.id))
        .filter_map(|mut f| {
            let grade = f.grade.or_else(|| computed.get(&f.id).copied());
            f.grade = grade;
            let interval = cadence.interval(grade);
            let due = cadence.due(grade, f.last_visit, today);
            let share = (to - due).num_days() as f64 / interval.max(1) as f64;
            (due <= to).then_some((share, f, grade, interval, due))
        })
        .collect();
    // Most overdue for its interval first; then the better grade, then the code (a stable
    // sort of accounts read in code order).
    due.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));

    let this_week = store.planned_visits_named(start(first), start(to + Duration::days(1)))?;
    let mut days: Vec<PlanDay> = (0..=(to - first).num_days().max(-1))
        .map(|i| first + Duration::days(i))
        .map(|date| PlanDay {
            date,
            planned: this_week
                .iter()
                .filter(|(p, _, _)| p.planned_at.map(|t| t.date()) == Some(date))
                .cloned()
                .collect(),
            proposals: vec![],
        })
        .collect();
    let room: usize = days
        .iter()
        .map(|d| VISITS_PER_DAY.saturating_sub(d.planned.len()))
        .sum();
    let left_out = due.split_off(room.min(due.len()));
    let whole =
        |list: Vec<(f64, DueFacts, Option<Grade>, u32, NaiveDate)>| -> Result<Vec<Proposal>> {
            let mut out = vec![];
            for (_, f, grade, interval, due) in list {
                if let Some(c) = store.visit_candidate(&f)? {
                    out.push(proposal(c, grade, interval, due));
                }
            }
            Ok(out)
        };
    let chosen = whole(due)?;
    let unplaced = fit_to_days(&mut days, chosen);
    // The room left by accounts too far from every day they could join goes to the next
    // accounts due, most overdue first, that fit a day; a bounded number are read (one row
    // each), so a big book's tens of thousands due cost no more than this.
    let mut rest = left_out.into_iter();
    let mut skipped = vec![];
    let mut looked = 0;
    while looked < FILL_LOOKAHEAD && days.iter().any(has_room) {
        let Some(next) = rest.next() else { break };
        looked += 1;
        for p in whole(vec![next])? {
            if let Some(p) = fit_one(&mut days, p) {
                skipped.push(p);
            }
        }
    }
    let rest: Vec<_> = rest.collect();
    let not_fitted_count = unplaced.len() + skipped.len() + rest.len();
    let mut not_fitted = unplaced;
    not_fitted.extend(skipped);
    if not_fitted.len() < NOT_FITTED_SHOWN {
        let wanted = NOT_FITTED_SHOWN - not_fitted.len();
        not_fitted.extend(whole(rest.into_iter().take(wanted).collect())?);
    }
    not_fitted.truncate(NOT_FITTED_SHOWN);
    for d in &mut days {
        time_the_day(d, home, visit_minutes);
    }
    Ok(WeekPlan {
        from,
        to,
        home: home.and(home_city),
        visit_minutes,
        days,
        not_fitted,
        not_fitted_count,
    })
}

fn proposal(c: VisitCandidate, grade: Option<Grade>, interval: u32, due: NaiveDate) -> Proposal {
    let placed = geo::place_account(
        (c.place_lat, c.place_lon),
        c.province.as_deref(),
        c.city.as_deref(),
        c.district.as_deref(),
    );
    let mut area: Vec<&str> = [&c.province, &c.city, &c.district]
        .into_iter()
        .filter_map(|s| s.as_deref())
        .filter(|s| !s.trim().is_empty())
        .collect();
    area.dedup();
    Proposal {
        account_id: c.id,
        area: area.join(" "),
        area_key: (
            c.province.clone().unwrap_or_default(),
            c.city.clone().unwrap_or_default(),
        ),
        code: c.code,
        name: c.name,
        grade,
        interval_days: interval,
        last_visit: c.last_visit,
        due,
        at: None,
        km_from_previous: None,
        rule: c.unsuitable.as_deref().and_then(Unsuitable::read),
        unsuitable: c.unsuitable.filter(|u| !u.trim().is_empty()),
        conflict: false,
        far: false,
        from_home: false,
        point: placed.map(|p| p.point),
    }
}

/// The chosen accounts into days, an area at a time: the areas in the order of their most
/// overdue account, each filling the day in hand before the next day is begun. A day that is
/// wholly unsuitable for an account, or holds a stop a flight from it, is skipped for it;
/// with no day left it is not fitted.
fn fit_to_days(days: &mut [PlanDay], chosen: Vec<Proposal>) -> Vec<Proposal> {
    let mut areas: Vec<((String, String), Vec<Proposal>)> = vec![];
    for p in chosen {
        match areas.iter_mut().find(|(k, _)| *k == p.area_key) {
            Some((_, list)) => list.push(p),
            None => areas.push((p.area_key.clone(), vec![p])),
        }
    }
    let mut cursor = 0;
    let mut unplaced = vec![];
    for (_, list) in areas {
        // A new area begins on a day nothing is proposed on yet, while there is one.
        if let Some(i) =
            (0..days.len()).find(|&i| days[i].proposals.is_empty() && has_room(&days[i]))
        {
            cursor = i;
        }
        for p in list {
            let fits = |d: &PlanDay| {
                has_room(d) && !p.rule.is_some_and(|u| u.whole_day(d.date)) && within_a_drive(d, &p)
            };
            let at = (cursor..days.len())
                .chain(0..cursor)
                .find(|&i| fits(&days[i]));
            match at {
                Some(i) => {
                    days[i].proposals.push(p);
                    if !has_room(&days[i]) && i == cursor {
                        cursor = (cursor + 1).min(days.len().saturating_sub(1));
                    }
                }
                None => unplaced.push(p),
            }
        }
    }
    unplaced
}

fn has_room(d: &PlanDay) -> bool {
    d.planned.len() + d.proposals.len() < VISITS_PER_DAY
}

/// One more account into the week: a day whose proposals it is within a drive of, else a
/// day with room and no proposal yet (it begins an area there); back when none will do.
fn fit_one(days: &mut [PlanDay], p: Proposal) -> Option<Proposal> {
    let open = |d: &PlanDay| has_room(d) && !p.rule.is_some_and(|u| u.whole_day(d.date));
    let joins = days
        .iter()
        .position(|d| open(d) && !d.proposals.is_empty() && within_a_drive(d, &p));
    let begins = || days.iter().position(|d| open(d) && d.proposals.is_empty());
    match joins.or_else(begins) {
        Some(i) => {
            days[i].proposals.push(p);
            None
        }
        None => Some(p),
    }
}

/// Whether `p` can join the day's proposals: within `FAR_KM` of each that is placed (one not
/// placed goes anywhere). Without this a day's room was filled from any area, and a day read
/// 北京 at 09:00, Glasgow at 10:00, Los Angeles at 11:00.
fn within_a_drive(day: &PlanDay, p: &Proposal) -> bool {
    let Some(at) = p.point else { return true };
    day.proposals
        .iter()
        .filter_map(|q| q.point)
        .all(|q| geo::distance_km(q, at) <= FAR_KM)
}

/// The day's proposals in route order from home, each given a start: after the travel from
/// the stop before, and never over a visit already planned. A start in the account's
/// unsuitable half-day is kept and marked (the rep moves it, or calls ahead).
fn time_the_day(day: &mut PlanDay, home: Option<Point>, visit_minutes: u32) {
    let (placed, unplaced): (Vec<Proposal>, Vec<Proposal>) = std::mem::take(&mut day.proposals)
        .into_iter()
        .partition(|p| p.point.is_some());
    let points: Vec<Point> = placed.iter().filter_map(|p| p.point).collect();
    let order = route::best_order(home, &points);
    let mut placed: Vec<Option<Proposal>> = placed.into_iter().map(Some).collect();
    let mut ordered: Vec<Proposal> = order.iter().filter_map(|&i| placed[i].take()).collect();
    ordered.extend(unplaced);

    let busy: Vec<(NaiveDateTime, NaiveDateTime)> = day
        .planned
        .iter()
        .filter_map(|(p, _, _)| p.planned_at)
        .map(|t| (t, t + Duration::minutes(visit_minutes as i64)))
        .collect();
    let visit = Duration::minutes(visit_minutes as i64);
    let mut clock = day
        .date
        .and_hms_opt(DAY_STARTS_AT, 0, 0)
        .expect("a valid hour");
    let mut previous = home;
    // Whether a placed stop has been visited yet: until then distances are from home (a stop
    // may stand on home's very point, a city-only address in the home city).
    let mut left_home = false;
    for (i, p) in ordered.iter_mut().enumerate() {
        let km = match (previous, p.point) {
            (Some(a), Some(b)) => Some(geo::distance_km(a, b)),
            _ => None,
        };
        let far = km.is_some_and(|k| k > FAR_KM);
        if (i > 0 || home.is_some()) && !far {
            clock += travel(km.unwrap_or(0.0));
        }
        p.far = far;
        p.from_home = home.is_some() && !left_home;
        // Past every planned visit it would overlap, and out of the account's unsuitable
        // time when a later hour of the day suits it ("每周一上午": Monday afternoon).
        loop {
            while let Some(&(_, end)) = busy.iter().find(|(s, e)| clock < *e && clock + visit > *s)
            {
                clock = end;
            }
            match p.rule.and_then(|u| suitable_after(u, clock)) {
                Some(later) if later != clock => clock = later,
                _ => break,
            }
        }
        p.at = Some(clock);
        p.km_from_previous = km;
        p.conflict = p.rule.is_some_and(|u| u.at(day.date, clock.hour()));
        clock += visit;
        if p.point.is_some() {
            previous = p.point;
            left_home = true;
        }
    }
    day.proposals = ordered;
}

/// The first time from `clock` on, on the hour up to `LAST_START`, that `rule` leaves free:
/// `clock` itself when it is free; `None` when the rest of the day is unsuitable.
fn suitable_after(rule: Unsuitable, clock: NaiveDateTime) -> Option<NaiveDateTime> {
    let day = clock.date();
    if !rule.at(day, clock.hour()) {
        return Some(clock);
    }
    (clock.hour() + 1..=LAST_START)
        .find(|&h| !rule.at(day, h))
        .and_then(|h| day.and_hms_opt(h, 0, 0))
}

/// Time to drive `km` at `KM_PER_HOUR`, rounded up to five minutes.
fn travel(km: f64) -> Duration {
    let minutes = (km / KM_PER_HOUR * 60.0).ceil() as i64;
    Duration::minutes((minutes + 4) / 5 * 5)
}
