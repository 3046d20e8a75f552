//! What one `kam sync` did, as the command line and the interface tell it: counts, and each
//! change the server refused.

use crate::store::sync_apply::Applied;

/// What one `kam sync` did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub sent_records: usize,
    pub sent_forgets: usize,
    /// Records the server took as new or changed.
    pub accepted: i64,
    /// Fields the server already had newer (another laptop changed them later).
    pub lost_to_newer: i64,
    /// Changes the server refused (a forgotten record, an account no longer this rep's).
    pub rejected: i64,
    pub pulled: usize,
    pub applied: Applied,
    /// Each change the server refused in this sync, for its rep to be told.
    pub refused: Vec<Refusal>,
    /// Where the time went (the benchmark prints it; not part of what a sync says).
    #[serde(skip)]
    pub phases: Phases,
}

/// Wall time of each phase of a sync. The push's reading and the server's loading overlap
/// (push.rs): `read` is the time the laptop spent reading and encoding its book, `waiting`
/// the time it then waited for the server to take a part, `copy` and `merge` the server's.
#[derive(Debug, Clone, Copy, Default)]
pub struct Phases {
    pub read: std::time::Duration,
    pub waiting: std::time::Duration,
    pub copy: std::time::Duration,
    pub merge: std::time::Duration,
    pub pull: std::time::Duration,
    pub apply: std::time::Duration,
}

/// A change of this book the server refused.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Refusal {
    pub entity: String,
    pub uid: String,
    /// The server's reason: `forgotten`, `account not yours`, `forget of an account not
    /// yours`, `team settings are the manager's`.
    pub reason: String,
    /// The record's title here, read before the pull changed anything; none once erased.
    pub title: Option<String>,
}
