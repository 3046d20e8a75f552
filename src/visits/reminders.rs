//! Reminders (提醒): planned visits, birthdays and family dates, overdue follow-ups, open
//! service requests and complaints, and key accounts gone quiet (流失预警); and the rules of
//! `forgotten` (cadence, reorders, one contact, keep in touch, promises). Every rule takes
//! `today` as an argument so tests fix it; nothing here reads the clock.

use super::forgotten::{forgotten, Reason};
use crate::domain::*;
use crate::i18n::{t, Lang};
use crate::store::Store;
use anyhow::Result;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

/// Above this many reminders their accounts are labelled from one read of every account.
const LABELS_IN_ONE_PASS: usize = 2_000;
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
    /// A deal past its due date with money still owed (回款逾期).
    PaymentOverdue,
    /// A promised next step with nothing after it.
    PromiseOverdue,
    /// An account past its grade's visit interval.
    CadenceDue,
    /// A contact past their own keep-in-touch interval.
    KeepInTouch,
    /// The next order by the account's purchase cycle.
    ReorderDue,
    /// A key account covered by one contact only (or none).
    OneContact,
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
            ReminderKind::PaymentOverdue => "payment_overdue",
            ReminderKind::PromiseOverdue => "promise_overdue",
            ReminderKind::CadenceDue => "cadence_due",
            ReminderKind::KeepInTouch => "keep_in_touch",
            ReminderKind::ReorderDue => "reorder_due",
            ReminderKind::OneContact => "one_contact",
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
    /// Why it is due, with the figures (the rules of `forgotten`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
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

    /// What it is about, on one line: the detail, which family date, and why it is due.
    pub fn about(&self, lang: Lang) -> String {
        let mut s = self.detail.replace('\n', " ");
        if let Some(what) = self.what {
            let label = t(lang, &format!("remind-{}", what.replace('_', "-")));
            s.push_str(&format!(" ({label})"));
        }
        if let Some(reason) = &self.reason {
            if !s.is_empty() {
                s.push_str(" · ");
            }
            s.push_str(&reason.text(lang));
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

/// A reminder before its account is labelled: kind, date, account, record, detail, what,
/// reason.
type Due = (
    ReminderKind,
    NaiveDate,
    i64,
    i64,
    String,
    Option<&'static str>,
    Option<Reason>,
);

/// The month-days (`"12-01"`) from `today` to `horizon`, for the store to pick contacts by;
/// `None` when the span covers a whole year. A 29 February is reminded on 28 February in
/// common years, so that day brings 29 February along.
fn month_days(today: NaiveDate, horizon: NaiveDate) -> Option<Vec<String>> {
    if (horizon - today).num_days() >= 366 {
        return None;
    }
    let mut out = vec![];
    let mut day = today;
    while day <= horizon {
        out.push(day.format("%m-%d").to_string());
        if day.month() == 2
            && day.day() == 28
            && NaiveDate::from_ymd_opt(day.year(), 2, 29).is_none()
        {
            out.push("02-29".into());
        }
        day += Duration::days(1);
    }
    Some(out)
}

/// Reminders from `today` to `days` days ahead, plus what is overdue, by date then kind.
/// Each rule asks the store for the few rows it can pick, never for whole tables.
pub fn reminders(store: &Store, today: NaiveDate, days: u32) -> Result<Vec<Reminder>> {
    let (due, labels) = due(store, today, days)?;
    let mut out = Vec::with_capacity(due.len());
    labelled(due, &labels, |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// [`reminders`] one at a time, in their order, without the list: a big book has tens of
/// thousands (68,000 at 100,000 accounts), and `kam remind` prints each as it comes.
pub fn each_reminder(
    store: &Store,
    today: NaiveDate,
    days: u32,
    each: impl FnMut(Reminder) -> Result<()>,
) -> Result<()> {
    let (due, labels) = due(store, today, days)?;
    labelled(due, &labels, each)
}

/// Every reminder counted by kind, and the first `per_kind` of each kind kept, in
/// [`reminders`]' order: what a screen shows of a big book (the reminders of 100,000
/// accounts held 20 MB; `kam remind` lists them all).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gathered {
    pub items: Vec<Reminder>,
    /// How many of each kind are due, by kind.
    pub counts: Vec<(ReminderKind, usize)>,
}

pub fn gather(store: &Store, today: NaiveDate, days: u32, per_kind: usize) -> Result<Gathered> {
    let mut g = Gathered::default();
    each_reminder(store, today, days, |r| {
        let n = match g.counts.iter_mut().find(|(k, _)| *k == r.kind) {
            Some((_, n)) => n,
            None => {
                g.counts.push((r.kind, 0));
                &mut g.counts.last_mut().expect("just pushed").1
            }
        };
        *n += 1;
        if *n <= per_kind {
            g.items.push(r);
        }
        Ok(())
    })?;
    g.counts.sort_by_key(|(k, _)| *k);
    Ok(g)
}

/// Code and name of the accounts reminded of.
type Labels = super::account_labels::AccountLabels;

/// Every reminder due, before its account is labelled, in the order they are listed; and the
/// labels of their accounts (a reminder of an account without one is left out).
fn due(store: &Store, today: NaiveDate, days: u32) -> Result<(Vec<Due>, Labels)> {
    // `--days 4000000000` must not overflow the calendar: it means "everything ahead".
    let horizon = today
        .checked_add_signed(Duration::days(days as i64))
        .unwrap_or(NaiveDate::MAX);
    let mut due: Vec<Due> = vec![];

    let sunday = today + Duration::days(6 - today.weekday().num_days_from_monday() as i64);
    let week = (
        today.and_hms_opt(0, 0, 0).unwrap_or_default(),
        sunday.and_hms_opt(23, 59, 59).unwrap_or_default(),
    );
    for p in store.visit_plans_between(week.0, week.1)? {
        if !(p.status.is_none() || p.status == Some(PlanStatus::Planned)) {
            continue;
        }
        let Some(at) = p.planned_at else { continue };
        let day = at.date();
        let kind = if day == today {
            ReminderKind::PlannedToday
        } else {
            ReminderKind::PlannedThisWeek
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
        let detail = format!("{} {what}", at.format("%H:%M"));
        due.push((kind, day, p.account_id, p.id, detail, None, None));
    }

    let wanted = month_days(today, horizon);
    for c in store.contacts_with_yearly_dates(wanted.as_deref())? {
        if let Some(b) = c.birthday {
            let next = next_anniversary(b, today);
            if next <= horizon {
                let detail = c.name.clone();
                due.push((
                    ReminderKind::Birthday,
                    next,
                    c.account_id,
                    c.id,
                    detail,
                    None,
                    None,
                ));
            }
        }
        let family = [
            (c.spouse_birthday, "spouse_birthday"),
            (c.wedding_anniversary, "wedding_anniversary"),
        ];
        for (date, what) in family {
            let Some(date) = date else { continue };
            let next = next_anniversary(date, today);
            if next <= horizon {
                let detail = c.name.clone();
                due.push((
                    ReminderKind::FamilyDate,
                    next,
                    c.account_id,
                    c.id,
                    detail,
                    Some(what),
                    None,
                ));
            }
        }
    }

    // Only the account's latest visit can be overdue: a later visit is the follow-up, and a
    // plan after it is the follow-up arranged.
    for v in store.overdue_follow_ups(today)? {
        let Some(next) = v.next_visit else { continue };
        let detail = v.summary.clone().unwrap_or_default();
        due.push((
            ReminderKind::OverdueNextVisit,
            next,
            v.account_id,
            v.id,
            detail,
            None,
            None,
        ));
    }

    let service_since = today - Duration::days(SERVICE_OPEN_DAYS);
    for s in store.open_service_records_before(service_since)? {
        let Some(date) = s.date else { continue };
        if s.is_open() && (today - date).num_days() > SERVICE_OPEN_DAYS {
            due.push((
                ReminderKind::ServiceOpenTooLong,
                date,
                s.account_id,
                s.id,
                s.request,
                None,
                None,
            ));
        }
    }
    for f in store.open_complaints()? {
        if f.is_open_complaint() {
            let date = f.date.unwrap_or(today);
            due.push((
                ReminderKind::OpenComplaint,
                date,
                f.account_id,
                f.id,
                f.content,
                None,
                None,
            ));
        }
    }

    // Quiet: no visit or communication for NO_CONTACT_DAYS days or more.
    let quiet_since = today - Duration::days(NO_CONTACT_DAYS - 1);
    for a in store.quiet_key_accounts(quiet_since)? {
        let detail = a.last_contact.map(|d| d.to_string()).unwrap_or_default();
        due.push((
            ReminderKind::NoContact,
            today,
            a.id,
            a.id,
            detail,
            None,
            None,
        ));
    }

    // Dated by the day the money was due; the detail (no language) is the order number and
    // what is still owed of the total.
    for r in store.open_receivables_due_by(today - Duration::days(1))? {
        if r.overdue_days(today) > 0 {
            let detail = format!(
                "{} {} / {}",
                r.order_no,
                r.outstanding().grouped(),
                r.total.grouped()
            );
            due.push((
                ReminderKind::PaymentOverdue,
                r.due,
                r.account_id,
                r.deal_id,
                detail,
                None,
                None,
            ));
        }
    }

    for f in forgotten(store, today, horizon)? {
        let kind = match f.reason {
            Reason::Cadence { .. } => ReminderKind::CadenceDue,
            Reason::Reorder { .. } => ReminderKind::ReorderDue,
            Reason::OneContact { .. } => ReminderKind::OneContact,
            Reason::KeepInTouch { .. } => ReminderKind::KeepInTouch,
            Reason::Promise { .. } => ReminderKind::PromiseOverdue,
        };
        due.push((
            kind,
            f.date,
            f.account_id,
            f.record_id,
            f.detail,
            None,
            Some(f.reason),
        ));
    }

    // One pass over the accounts beats one lookup each once thousands are reminded of
    // (at 100,000 accounts most of them are).
    let labels = if due.len() > LABELS_IN_ONE_PASS {
        let mut all = Labels::default();
        store.each_account_label(&mut |id, code, name| all.push(id, code, name))?;
        all.done()
    } else {
        Labels::from(store.account_labels(due.iter().map(|d| d.2))?)
    };
    due.retain(|d| labels.contains(d.2));
    let code = |id: &i64| labels.get(*id).map_or("", |(code, _)| code);
    // Each code looked up once, not twice per comparison (a tenth of `kam remind` at
    // 100,000 accounts went to the lookups inside the sort).
    // A day's planned visits by their time (their detail opens with it, "09:00 …"), as the
    // rep drives them; the rest by account. Minutes of the day, not text: no allocation per
    // reminder.
    let time = |d: &Due| -> u32 {
        match d.0 {
            ReminderKind::PlannedToday | ReminderKind::PlannedThisWeek => {
                d.4.get(..5)
                    .and_then(|hm| hm.split_once(':'))
                    .and_then(|(h, m)| Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?))
                    .unwrap_or(0)
            }
            _ => 0,
        }
    };
    due.sort_by_cached_key(|d| (d.1, d.0, time(d), code(&d.2), d.3));
    Ok((due, labels))
}

/// Each reminder due with its account's code and name, in order.
fn labelled(
    due: Vec<Due>,
    labels: &Labels,
    mut each: impl FnMut(Reminder) -> Result<()>,
) -> Result<()> {
    for (kind, date, account_id, record_id, detail, what, reason) in due {
        let Some((code, name)) = labels.get(account_id) else {
            continue;
        };
        each(Reminder {
            kind,
            date,
            account_id,
            account_code: code.to_string(),
            account_name: name.to_string(),
            record_id,
            detail,
            what,
            reason,
        })?;
    }
    Ok(())
}
