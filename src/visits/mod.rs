//! Visit reporting without a terminal: the daily visit report (客户拜访日报表), the weekly
//! summary, reminders (提醒), an iCalendar export, the brief before a visit, and the week
//! proposed by cadence and route. Uses the store and the domain only;
//! screens and the command line render what these functions return.

mod account_labels;
pub mod brief;
mod brief_text;
pub mod cadence;
pub mod forgotten;
pub mod ics;
mod labels;
pub mod reminders;
pub mod report;
pub mod sign_off;
pub mod today;
pub mod week_plan;
mod week_plan_text;
pub mod weekly;
mod xlsx;

pub use brief::{brief, Brief};
pub use brief_text::Section;
pub use ics::{calendar, to_ics};
pub use reminders::{each_reminder, gather, reminders, Gathered, Reminder, ReminderKind};
pub use report::{daily_report, DailyReport, ExpenseLine, VisitLine};
pub use weekly::{weekly_summary, AccountExpenses, DaySummary, OutcomeCount, WeeklySummary};
