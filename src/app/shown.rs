//! What the screens draw that comes from below the app: a note found, an account found and
//! how it matched, the analyses' sheets and period kinds, the visit reports and the
//! kinds of reminder. Handed on here so that the drawing code names only the app and the
//! domain, never the store, the finder or a feature module (checked by
//! `scripts/check-layers.py`).

pub use crate::analytics::sheet::{pad, window};
pub use crate::analytics::{GradingRule, PeriodKind, Sheet};
pub use crate::search::{Hit, MatchKind};
pub use crate::store::NoteHit;
pub use crate::visits::{DailyReport, ReminderKind, VisitLine, WeeklySummary};
