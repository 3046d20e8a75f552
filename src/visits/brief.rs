//! The brief before a visit (拜访前简报): what a rep reads in the car before walking in —
//! who they will meet, what was promised and is still open, how the account buys, what is
//! in play, what was said lately, and what to bring. Gathered from the account's dossier
//! only: nothing here is computed that the rep could not check on the account's tabs, and
//! nothing is written. Rendering is `brief_text`.

use super::reminders::next_anniversary;
use crate::domain::{
    Communication, Contact, ContactRole, Deal, Dossier, Feedback, FeedbackKind, FeedbackStatus,
    Grade, Money, Needs, Opportunity, OrderStatus, PlanStatus, ServiceRecord, ServiceStatus, Stage,
    VisitPlan, VisitReport,
};
use crate::store::Store;
use anyhow::Result;
use chrono::NaiveDate;

/// How many people, communications and past visits a brief shows: a page, not the tabs.
pub const PEOPLE_SHOWN: usize = 4;
pub const COMMUNICATIONS_SHOWN: usize = 3;
/// Family dates within this many days of the visit are named.
pub const DATES_AHEAD_DAYS: i64 = 30;

/// Everything one brief says, in the order it is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    pub dossier_account: crate::domain::Account,
    /// The day the brief is for: the planned visit's day, else today.
    pub day: NaiveDate,
    /// The planned visit it is for, when there is one.
    pub visit: Option<VisitPlan>,
    /// The grade computed from sales, when the caller has it (beside the typed one).
    pub computed_grade: Option<Grade>,
    pub people: Vec<Person>,
    /// The latest visit report before the day, with what it left open.
    pub last_visit: Option<VisitReport>,
    /// Communications since the last visit that name a next step.
    pub next_steps: Vec<Communication>,
    pub open_service: Vec<ServiceRecord>,
    pub open_complaints: Vec<Feedback>,
    pub sales: Sales,
    pub opportunities: Vec<Opportunity>,
    pub communications: Vec<Communication>,
    /// The account's needs on file (what to bring samples or a quote for).
    pub needs: Option<Needs>,
    /// The competitors seen there (竞争对手信息表): who, what, at what price, and why.
    pub competitors: Vec<crate::domain::Competitor>,
}

/// A person to meet, with why they are on the list and their dates coming up.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub contact: Contact,
    /// Named by the planned visit (rather than chosen as primary or decision maker).
    pub named_by_visit: bool,
    /// (what, when): birthday, spouse's birthday, wedding anniversary within the window.
    pub dates: Vec<(DateKind, NaiveDate)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    Birthday,
    SpouseBirthday,
    WeddingAnniversary,
}

/// Sales in the twelve months up to the day and the twelve before, and the latest order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sales {
    pub last_12: Money,
    pub previous_12: Money,
    pub latest: Option<Deal>,
}

/// The brief of the account with `code` for `day`: the visit planned on `day` if `day` is
/// given (`None` when nothing is planned then), else the next planned visit from `today`.
/// `None` when there is no live account with that code.
pub fn brief(
    store: &Store,
    code: &str,
    today: NaiveDate,
    day: Option<NaiveDate>,
    computed_grade: Option<Grade>,
) -> Result<Option<Brief>> {
    let Some(account) = store.account_by_code(code)? else {
        return Ok(None);
    };
    let dossier = store.dossier(account.id)?;
    Ok(Some(compose(&dossier, today, day, computed_grade)))
}

/// The brief of one dossier (see `brief`); a pure function of what the book holds.
pub fn compose(
    d: &Dossier,
    today: NaiveDate,
    day: Option<NaiveDate>,
    computed_grade: Option<Grade>,
) -> Brief {
    let visit = match day {
        Some(day) => planned(&d.visit_plans)
            .filter(|p| p.planned_at.map(|t| t.date()) == Some(day))
            .min_by_key(|p| p.planned_at)
            .cloned(),
        None => planned(&d.visit_plans)
            .filter(|p| p.planned_at.is_some_and(|t| t.date() >= today))
            .min_by_key(|p| p.planned_at)
            .cloned(),
    };
    let day = visit
        .as_ref()
        .and_then(|v| v.planned_at.map(|t| t.date()))
        .or(day)
        .unwrap_or(today);
    let last_visit = d
        .visit_reports
        .iter()
        // Before the visit's day; with no visit planned, today's own reports count too.
        .filter(|r| {
            r.date
                .is_some_and(|date| date < day || (visit.is_none() && date <= day))
        })
        .max_by_key(|r| (r.date, r.id))
        .cloned();
    let since = last_visit.as_ref().and_then(|r| r.date);
    let mut next_steps: Vec<Communication> = d
        .communications
        .iter()
        .filter(|c| filled(&c.next_step))
        .filter(|c| match (since, c.at) {
            (Some(since), Some(at)) => at.date() >= since,
            (None, _) => true,
            (Some(_), None) => false,
        })
        .cloned()
        .collect();
    next_steps.sort_by_key(|c| std::cmp::Reverse((c.at, c.id)));
    let mut communications: Vec<Communication> = d.communications.clone();
    communications.sort_by_key(|c| std::cmp::Reverse((c.at, c.id)));
    communications.truncate(COMMUNICATIONS_SHOWN);
    Brief {
        dossier_account: d.account.clone(),
        day,
        people: people(&d.contacts, visit.as_ref(), day),
        competitors: d.competitors.clone(),
        visit,
        computed_grade,
        last_visit,
        next_steps,
        open_service: d
            .service_records
            .iter()
            .filter(|s| s.status != Some(ServiceStatus::Resolved))
            .cloned()
            .collect(),
        open_complaints: d
            .feedback
            .iter()
            .filter(|f| {
                f.kind == Some(FeedbackKind::Complaint) && f.status != Some(FeedbackStatus::Closed)
            })
            .cloned()
            .collect(),
        sales: sales(&d.deals, day),
        opportunities: d
            .opportunities
            .iter()
            .filter(|o| !matches!(o.stage, Some(Stage::Won | Stage::Lost)))
            .cloned()
            .collect(),
        communications,
        needs: d.needs.clone().filter(needs_filled),
    }
}

/// Plans still to be made: planned (or never given a status), not done or cancelled.
fn planned(plans: &[VisitPlan]) -> impl Iterator<Item = &VisitPlan> {
    plans
        .iter()
        .filter(|p| matches!(p.status, None | Some(PlanStatus::Planned)))
}

/// Who to meet: whoever the visit names first, then the primary contact and the decision
/// makers, then purchasing; at most `PEOPLE_SHOWN`. A visit's contact is free text (a name,
/// or a name with more around it): a contact whose name it holds is that person.
fn people(contacts: &[Contact], visit: Option<&VisitPlan>, day: NaiveDate) -> Vec<Person> {
    let named = visit
        .and_then(|v| v.contact.as_deref())
        .unwrap_or("")
        .trim();
    let is_named = |c: &Contact| {
        !named.is_empty() && !c.name.trim().is_empty() && named.contains(c.name.trim())
    };
    let rank = |c: &Contact| -> u8 {
        if is_named(c) {
            0
        } else if c.is_primary {
            1
        } else if c.role == Some(ContactRole::DecisionMaker) {
            2
        } else if c.role == Some(ContactRole::Purchasing) {
            3
        } else {
            4
        }
    };
    let mut chosen: Vec<&Contact> = contacts.iter().filter(|c| rank(c) < 4).collect();
    if chosen.is_empty() {
        // Nobody stands out: the first contacts entered are the ones the rep knows.
        chosen = contacts.iter().collect();
    }
    chosen.sort_by_key(|c| (rank(c), c.id));
    chosen.truncate(PEOPLE_SHOWN);
    chosen
        .into_iter()
        .map(|c| Person {
            named_by_visit: is_named(c),
            dates: dates_ahead(c, day),
            contact: c.clone(),
        })
        .collect()
}

/// The contact's yearly dates falling within `DATES_AHEAD_DAYS` of `day`, soonest first.
fn dates_ahead(c: &Contact, day: NaiveDate) -> Vec<(DateKind, NaiveDate)> {
    let dossier = c.dossier.as_ref();
    let mut dates: Vec<(DateKind, NaiveDate)> = [
        (DateKind::Birthday, c.birthday),
        (
            DateKind::SpouseBirthday,
            dossier.and_then(|d| d.spouse_birthday),
        ),
        (
            DateKind::WeddingAnniversary,
            dossier.and_then(|d| d.wedding_anniversary),
        ),
    ]
    .into_iter()
    .filter_map(|(kind, date)| Some((kind, next_anniversary(date?, day))))
    .filter(|(_, next)| (*next - day).num_days() <= DATES_AHEAD_DAYS)
    .collect();
    dates.sort_by_key(|(_, d)| *d);
    dates
}

/// Sales as analytics count them (cancelled orders are none), by order date.
fn sales(deals: &[Deal], day: NaiveDate) -> Sales {
    let year_before = |d: NaiveDate| d - chrono::Months::new(12);
    let start = year_before(day);
    let start_before = year_before(start);
    let mut s = Sales::default();
    for deal in deals {
        let Some(date) = deal.date else { continue };
        if deal.status == Some(OrderStatus::Cancelled) || date > day {
            continue;
        }
        if date > start {
            s.last_12 += deal.total();
        } else if date > start_before {
            s.previous_12 += deal.total();
        }
        if s.latest
            .as_ref()
            .is_none_or(|l| (l.date, l.id) < (deal.date, deal.id))
        {
            s.latest = Some(deal.clone());
        }
    }
    s
}

fn filled(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

fn needs_filled(n: &Needs) -> bool {
    [
        &n.product_spec,
        &n.product_model,
        &n.product_quantity,
        &n.product_timing,
        &n.notes,
    ]
    .into_iter()
    .any(filled)
}
