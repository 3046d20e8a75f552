//! Reminders (提醒): planned visits, birthdays and family dates, overdue follow-ups, open
//! service requests and complaints, and key accounts gone quiet (流失预警). Every rule takes
//! `today` as an argument so tests fix it; nothing here reads the clock.

use crate::domain::*;
use crate::i18n::{t, Lang};
use crate::store::Store;
use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// Open service requests older than this many days are reminded of.
pub const SERVICE_OPEN_DAYS: i64 = 7;
/// Key and major accounts without a visit or communication for this many days.
pub const NO_CONTACT_DAYS: i64 = 30;

/// In the order reminders of one date are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    PlannedToday,
    PlannedThisWeek,
    Birthday,
    FamilyDate,
    OverdueNextVisit,
    ServiceOpenTooLong,
    OpenComplaint,
    NoContact,
}

impl ReminderKind {
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::PlannedToday => "planned_today",
            ReminderKind::PlannedThisWeek => "planned_this_week",
            ReminderKind::Birthday => "birthday",
            ReminderKind::FamilyDate => "family_date",
            ReminderKind::OverdueNextVisit => "overdue_next_visit",
            ReminderKind::ServiceOpenTooLong => "service_open_too_long",
            ReminderKind::OpenComplaint => "open_complaint",
            ReminderKind::NoContact => "no_contact",
        }
    }

    pub fn label(self, lang: Lang) -> String {
        t(lang, &format!("remind-{}", self.code().replace('_', "-")))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder {
    pub kind: ReminderKind,
    pub date: NaiveDate,
    pub account_id: i64,
    pub account_code: String,
    pub account_name: String,
    /// The record it is about (plan, contact, visit, service record, feedback; the account
    /// for `NoContact`), so a screen can jump to it and a calendar entry keeps its id.
    pub record_id: i64,
    /// What it is about, from the data itself (a name, a purpose, a request); no language.
    pub detail: String,
    /// Which family date (`FamilyDate` only): `spouse_birthday` or `wedding_anniversary`.
    pub what: Option<&'static str>,
}

impl Reminder {
    /// One line: kind, account and what it is about.
    pub fn text(&self, lang: Lang) -> String {
        let mut s = format!(
            "{}: {} {}",
            self.kind.label(lang),
            self.account_code,
            self.account_name
        );
        let about = self.about(lang);
        if !about.is_empty() {
            s.push_str(" — ");
            s.push_str(&about);
        }
        s
    }

    /// What it is about, on one line: the detail, and which family date.
    pub fn about(&self, lang: Lang) -> String {
        let mut s = self.detail.replace('\n', " ");
        if let Some(what) = self.what {
            let label = t(lang, &format!("remind-{}", what.replace('_', "-")));
            s.push_str(&format!(" ({label})"));
        }
        s
    }
}

/// The next time a yearly date (birthday, anniversary) falls on or after `today`. A 29
/// February is kept on 28 February in common years.
pub fn next_anniversary(date: NaiveDate, today: NaiveDate) -> NaiveDate {
    let on = |year: i32| {
        NaiveDate::from_ymd_opt(year, date.month(), date.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .expect("28 February exists every year")
    };
    let this_year = on(today.year());
    if this_year >= today {
        this_year
    } else {
        on(today.year() + 1)
    }
}

/// Reminders from `today` to `days` days ahead, plus what is overdue, by date then kind.
pub fn reminders(store: &Store, today: NaiveDate, days: u32) -> Result<Vec<Reminder>> {
    // `--days 4000000000` must not overflow the calendar: it means "everything ahead".
    let horizon = today
        .checked_add_signed(Duration::days(days as i64))
        .unwrap_or(NaiveDate::MAX);
    let accounts: HashMap<i64, Account> = store
        .all::<Account>()?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut out = vec![];
    let mut push =
        |kind, date, account_id: i64, record_id, detail: String, what: Option<&'static str>| {
            if let Some(a) = accounts.get(&account_id) {
                out.push(Reminder {
                    kind,
                    date,
                    account_id,
                    account_code: a.code.clone(),
                    account_name: a.name.clone(),
                    record_id,
                    detail,
                    what,
                });
            }
        };

    let plans = store.all::<VisitPlan>()?;
    let live_plan = |p: &VisitPlan| p.status.is_none() || p.status == Some(PlanStatus::Planned);
    let sunday = today + Duration::days(6 - today.weekday().num_days_from_monday() as i64);
    for p in plans.iter().filter(|p| live_plan(p)) {
        let Some(at) = p.planned_at else { continue };
        let day = at.date();
        let kind = if day == today {
            ReminderKind::PlannedToday
        } else if day > today && day <= sunday {
            ReminderKind::PlannedThisWeek
        } else {
            continue;
        };
        let what = [
            p.contact.as_deref(),
            p.purpose.as_deref(),
            p.place.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        push(
            kind,
            day,
            p.account_id,
            p.id,
            format!("{} {what}", at.format("%H:%M")),
            None,
        );
    }

    for c in store.all::<Contact>()? {
        if let Some(b) = c.birthday {
            let next = next_anniversary(b, today);
            if next <= horizon {
                push(
                    ReminderKind::Birthday,
                    next,
                    c.account_id,
                    c.id,
                    c.name.clone(),
                    None,
                );
            }
        }
        let Some(d) = &c.dossier else { continue };
        let family = [
            (d.spouse_birthday, "spouse_birthday"),
            (d.wedding_anniversary, "wedding_anniversary"),
        ];
        for (date, what) in family {
            let Some(date) = date else { continue };
            let next = next_anniversary(date, today);
            if next <= horizon {
                let detail = c.name.clone();
                push(
                    ReminderKind::FamilyDate,
                    next,
                    c.account_id,
                    c.id,
                    detail,
                    Some(what),
                );
            }
        }
    }

    let visits = store.all::<VisitReport>()?;
    let mut last_visit: HashMap<i64, NaiveDate> = HashMap::new();
    for v in &visits {
        if let Some(d) = v.date {
            let e = last_visit.entry(v.account_id).or_insert(d);
            *e = (*e).max(d);
        }
    }
    let mut latest_plan: HashMap<i64, NaiveDate> = HashMap::new();
    for p in plans.iter().filter(|p| live_plan(p)) {
        if let Some(at) = p.planned_at {
            let e = latest_plan.entry(p.account_id).or_insert(at.date());
            *e = (*e).max(at.date());
        }
    }
    // Only the account's latest visit can be overdue: a later visit is the follow-up.
    for v in &visits {
        let (Some(date), Some(next)) = (v.date, v.next_visit) else {
            continue;
        };
        let is_latest = last_visit.get(&v.account_id) == Some(&date);
        let planned_later = latest_plan.get(&v.account_id).is_some_and(|p| *p > date);
        if next < today && is_latest && !planned_later {
            let detail = v.summary.clone().unwrap_or_default();
            push(
                ReminderKind::OverdueNextVisit,
                next,
                v.account_id,
                v.id,
                detail,
                None,
            );
        }
    }

    for s in store.all::<ServiceRecord>()? {
        let Some(date) = s.date else { continue };
        if s.is_open() && (today - date).num_days() > SERVICE_OPEN_DAYS {
            push(
                ReminderKind::ServiceOpenTooLong,
                date,
                s.account_id,
                s.id,
                s.request.clone(),
                None,
            );
        }
    }
    for f in store.all::<Feedback>()? {
        if f.is_open_complaint() {
            let date = f.date.unwrap_or(today);
            push(
                ReminderKind::OpenComplaint,
                date,
                f.account_id,
                f.id,
                f.content.clone(),
                None,
            );
        }
    }

    let mut last_contact = last_visit;
    for c in store.all::<Communication>()? {
        if let Some(at) = c.at {
            let e = last_contact.entry(c.account_id).or_insert(at.date());
            *e = (*e).max(at.date());
        }
    }
    for a in accounts.values() {
        let watched = matches!(a.category, Some(Category::Key | Category::Major))
            && a.status != Some(AccountStatus::Lost);
        if !watched {
            continue;
        }
        let last = last_contact.get(&a.id).copied();
        let quiet = last.is_none_or(|d| (today - d).num_days() >= NO_CONTACT_DAYS);
        if quiet {
            let detail = last.map(|d| d.to_string()).unwrap_or_default();
            push(ReminderKind::NoContact, today, a.id, a.id, detail, None);
        }
    }

    out.sort_by(|a, b| {
        (a.date, a.kind, &a.account_code, a.record_id).cmp(&(
            b.date,
            b.kind,
            &b.account_code,
            b.record_id,
        ))
    });
    Ok(out)
}
