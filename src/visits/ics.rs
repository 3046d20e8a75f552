//! Visit plans and reminders, gathered from the book, as an RFC 5545 iCalendar file for any
//! calendar program.
//! Planned visits are floating local times (the salesperson's own clock, no time zone);
//! reminders are all-day events. Lines end in CRLF and fold at 75 octets, never inside a
//! UTF-8 character. A planned visit rings on the phone before it (VALARM, the profile's
//! `alarm_minutes`), and those of the next few days carry the brief's summary in their
//! description, so the day can be read on the phone with no server.

use super::brief::compose;
use super::reminders::{each_reminder, Reminder, ReminderKind};
use crate::domain::{PlanStatus, VisitPlan};
use crate::i18n::Lang;
use crate::store::Store;
use anyhow::Result;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::io::{self, Write};

/// How long a planned visit is shown when the plan gives no end.
const VISIT_MINUTES: i64 = 60;

/// Plans from today to this many days ahead carry the brief's summary (reading a dossier per
/// plan: the rest of a big book's plans keep their own fields only).
pub const BRIEF_DAYS: i64 = 3;

/// The book's calendar (`kam export --format ics`): visit plans from `today` on that are not
/// cancelled, and the reminders of the next two weeks; briefs in `lang`.
pub fn calendar(store: &Store, today: NaiveDate, lang: Lang) -> Result<String> {
    let mut out = vec![];
    write_calendar(store, today, lang, &mut out)?;
    Ok(String::from_utf8(out)?)
}

/// [`calendar`], written to `out` as it is made: a plan and a reminder at a time, never the
/// whole file (24 MB at 100,000 accounts) nor every plan.
pub fn write_calendar(
    store: &Store,
    today: NaiveDate,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<()> {
    let alarm = store.profile()?.alarm();
    let mut ics = Ics(out);
    ics.start()?;
    // The plans from today on, in the order of the whole list (by id), each with the code and
    // name of its account.
    let from = today.and_hms_opt(0, 0, 0).unwrap_or_default();
    let brief_until = today + Duration::days(BRIEF_DAYS);
    store.each_visit_plan_from(from, &mut |plan, label| {
        if plan.status == Some(PlanStatus::Cancelled) {
            return Ok(());
        }
        let account = label
            .map(|(code, name)| format!("{code} {name}"))
            .unwrap_or_default();
        let brief = match plan.planned_at {
            Some(t) if t.date() < brief_until => Some(brief_summary(store, &plan, today, lang)?),
            _ => None,
        };
        Ok(ics.plan(&plan, &account, alarm, brief.as_deref())?)
    })?;
    // Planned visits are events of their own; their reminders would show them twice.
    each_reminder(store, today, 14, |r| {
        if matches!(
            r.kind,
            ReminderKind::PlannedToday | ReminderKind::PlannedThisWeek
        ) {
            return Ok(());
        }
        Ok(ics.reminder(&r)?)
    })?;
    ics.end()?;
    Ok(())
}

/// One day's planned visits (not cancelled), each with its alarm and its brief: what
/// `kam today --ics` and the planner's `X` write for the phone.
pub fn write_day(store: &Store, day: NaiveDate, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let alarm = store.profile()?.alarm();
    let mut plans = day_plans(store, day)?;
    plans.sort_by_key(|p| (p.planned_at, p.id));
    let labels = store.account_labels(plans.iter().map(|p| p.account_id))?;
    let mut ics = Ics(out);
    ics.start()?;
    for plan in plans {
        let account = labels
            .get(&plan.account_id)
            .map(|(code, name)| format!("{code} {name}"))
            .unwrap_or_default();
        let brief = brief_summary(store, &plan, day, lang)?;
        ics.plan(&plan, &account, alarm, Some(&brief))?;
    }
    ics.end()?;
    Ok(())
}

/// The visits planned on `day`, not cancelled.
pub fn day_plans(store: &Store, day: NaiveDate) -> Result<Vec<VisitPlan>> {
    let from = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let to = day.and_hms_opt(23, 59, 59).unwrap_or_default();
    let mut plans = store.visit_plans_between(from, to)?;
    plans.retain(|p| p.status != Some(PlanStatus::Cancelled));
    Ok(plans)
}

/// The brief's summary for the visit `plan` (its day's brief, personal dossiers left out).
pub fn brief_summary(
    store: &Store,
    plan: &VisitPlan,
    today: NaiveDate,
    lang: Lang,
) -> Result<String> {
    let day = plan.planned_at.map(|t| t.date());
    let dossier = store.dossier(plan.account_id)?;
    Ok(compose(&dossier, today, day, None).summary(lang))
}

/// `plans` pairs each plan with its account's code and name (`C000001 宏达机械`); no alarm,
/// no brief.
pub fn to_ics(plans: &[(VisitPlan, String)], reminders: &[Reminder]) -> String {
    let plans: Vec<_> = plans
        .iter()
        .map(|(p, a)| (p.clone(), a.clone(), None))
        .collect();
    to_ics_with(&plans, reminders, None)
}

/// [`to_ics`] with each plan's brief summary, if any, and the alarm's minutes.
pub fn to_ics_with(
    plans: &[(VisitPlan, String, Option<String>)],
    reminders: &[Reminder],
    alarm: Option<i64>,
) -> String {
    let mut out = vec![];
    let mut ics = Ics(&mut out);
    // Writing into memory cannot fail.
    let _ = (|| -> io::Result<()> {
        ics.start()?;
        for (plan, account, brief) in plans {
            ics.plan(plan, account, alarm, brief.as_deref())?;
        }
        for r in reminders {
            ics.reminder(r)?;
        }
        ics.end()
    })();
    String::from_utf8(out).unwrap_or_default()
}

/// A calendar being written, a content line at a time.
struct Ics<'a>(&'a mut dyn Write);

impl Ics<'_> {
    fn line(&mut self, text: &str) -> io::Result<()> {
        let mut folded = String::with_capacity(text.len() + 8);
        fold_into(&mut folded, text);
        self.0.write_all(folded.as_bytes())
    }

    fn start(&mut self) -> io::Result<()> {
        self.line("BEGIN:VCALENDAR")?;
        self.line("VERSION:2.0")?;
        self.line("PRODID:-//kam//key-account manager//EN")?;
        self.line("CALSCALE:GREGORIAN")
    }

    /// A planned visit; `alarm` minutes before it a reminder rings, and `brief` follows the
    /// plan's own fields in the description.
    fn plan(
        &mut self,
        plan: &VisitPlan,
        account: &str,
        alarm: Option<i64>,
        brief: Option<&str>,
    ) -> io::Result<()> {
        let Some(start) = plan.planned_at else {
            return Ok(());
        };
        let end = start + Duration::minutes(VISIT_MINUTES);
        let summary = match plan.purpose.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => format!("{account}: {p}"),
            None => account.to_string(),
        };
        let description = [
            plan.contact.as_deref(),
            plan.department.as_deref(),
            plan.notes.as_deref(),
        ]
        .into_iter()
        .chain([brief])
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
        self.line("BEGIN:VEVENT")?;
        self.line(&format!("UID:plan-{}@kam", plan.id))?;
        self.line(&format!("DTSTAMP:{}", stamp(plan.updated_at.as_deref())))?;
        self.line(&format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")))?;
        self.line(&format!("DTEND:{}", end.format("%Y%m%dT%H%M%S")))?;
        self.line(&format!("SUMMARY:{}", escape(&summary)))?;
        if let Some(place) = plan.place.as_deref().filter(|p| !p.is_empty()) {
            self.line(&format!("LOCATION:{}", escape(place)))?;
        }
        if !description.is_empty() {
            self.line(&format!("DESCRIPTION:{}", escape(&description)))?;
        }
        if let Some(minutes) = alarm {
            // RFC 5545 §3.6.6: a display alarm needs its own description.
            self.line("BEGIN:VALARM")?;
            self.line("ACTION:DISPLAY")?;
            self.line(&format!("DESCRIPTION:{}", escape(&summary)))?;
            self.line(&format!("TRIGGER:-PT{minutes}M"))?;
            self.line("END:VALARM")?;
        }
        self.line("END:VEVENT")
    }

    fn reminder(&mut self, r: &Reminder) -> io::Result<()> {
        self.line("BEGIN:VEVENT")?;
        self.line(&format!(
            "UID:remind-{}-{}-{}@kam",
            r.kind.code(),
            r.record_id,
            r.date.format("%Y%m%d")
        ))?;
        self.line(&format!("DTSTAMP:{}", r.date.format("%Y%m%dT000000Z")))?;
        self.line(&format!("DTSTART;VALUE=DATE:{}", r.date.format("%Y%m%d")))?;
        let next = r.date + Duration::days(1);
        self.line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")))?;
        // The calendar file has no language of its own; the reminder names the data in
        // Chinese or English as entered, and its kind in English.
        self.line(&format!("SUMMARY:{}", escape(&r.text(Lang::En))))?;
        self.line("TRANSP:TRANSPARENT")?;
        self.line("END:VEVENT")
    }

    fn end(&mut self) -> io::Result<()> {
        self.line("END:VCALENDAR")
    }
}

/// DTSTAMP must be UTC. A stable stamp (the plan's last change, read as given) keeps the
/// file the same from one export to the next, so calendars do not see false updates.
fn stamp(updated_at: Option<&str>) -> String {
    updated_at
        .and_then(|s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok())
        .map(|d| d.format("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_else(|| "19700101T000000Z".to_string())
}

/// TEXT value escaping (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            // A calendar shows the text to people: no control, bidi or zero-width character.
            c if c != '\t' && crate::text_safety::is_unsafe(c) => {
                crate::text_safety::mark(c, &mut out)
            }
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no physical line passes 75 octets (§3.1): the
/// continuation starts with a space, which counts towards its 75.
pub fn fold_into(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_on_character_boundaries_within_75_octets() {
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{}", "宏达机械".repeat(30)));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = out.trim_end().replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}", "宏达机械".repeat(30)));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape("x\r\ny"), "x\\ny");
    }
}
