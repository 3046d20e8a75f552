//! What the interface knows of the book's team (see team_sync.rs, which acts on it): kept
//! apart so the app's state names it without importing the code that uses the app.

use crate::sync::connect::Server;
use std::time::Instant;

pub struct TeamSync {
    pub(super) server: Server,
    /// When the next automatic sync is due.
    pub(super) next: Instant,
    /// Whether the sync under way was asked for (its failure is then said in the status).
    pub(super) asked: bool,
    pub(super) offline: bool,
    pub(super) waiting: i64,
    pub(super) counted: Option<Instant>,
    pub(super) last: Option<String>,
}
