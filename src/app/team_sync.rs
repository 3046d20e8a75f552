//! The team edition in the interface: `Y` syncs now, and a book in a team syncs on start and
//! every few minutes. The network half (`sync::exchange`) runs in the background over its
//! own read connection; what it brings is applied on the app's writer (`sync::finish`), then
//! the finder and the screens are rebuilt. The status line shows the last sync and how many
//! changes wait to be sent; an automatic sync that finds no server says "offline" there and
//! nothing louder (offline is normal).

use super::jobs::{take_done, Job};
use super::team_state::TeamSync;
use super::App;
use crate::i18n::{t_args, Arg};
use crate::sync::{self, connect::is_unreachable, Exchange};
use std::time::{Duration, Instant};

/// How often a book in a team syncs by itself while the interface is open.
pub const AUTO_SYNC_EVERY: Duration = Duration::from_secs(300);

/// How often the count of changes waiting is read again.
const RECOUNT_EVERY: Duration = Duration::from_secs(2);

impl App {
    /// Reads whether the book is in a team; the first automatic sync is due at once.
    pub(super) fn find_team(&mut self) {
        let Ok(server) = sync::server_of(&self.store, self.lang) else {
            return;
        };
        let last = self.store.sync_self().ok().and_then(|s| s.last_sync);
        self.team = Some(TeamSync {
            server,
            next: Instant::now(),
            asked: false,
            offline: false,
            waiting: 0,
            counted: None,
            last,
        });
    }

    /// `Y`: sync now (said when the book is not in a team).
    pub(super) fn sync_now(&mut self) {
        match &mut self.team {
            None => self.ok("sync-no-team"),
            Some(team) => {
                team.asked = true;
                if self.jobs.sync.is_none() {
                    self.start_sync();
                }
                self.ok("sync-under-way");
            }
        }
    }

    fn start_sync(&mut self) {
        let Some(team) = &mut self.team else { return };
        team.next = Instant::now() + AUTO_SYNC_EVERY;
        let server = team.server.clone();
        let path = self.store.path().to_path_buf();
        self.jobs.sync = Some(Job::reading("syncing with the team", path, move |s| {
            sync::exchange(s, &server)
        }));
    }

    /// Starts a sync that is due and takes in one that finished; true when the screen changed.
    pub(super) fn tick_sync(&mut self) -> bool {
        let Some(team) = &mut self.team else {
            return false;
        };
        if team.counted.is_none_or(|t| t.elapsed() >= RECOUNT_EVERY) {
            team.waiting = self.store.changes_waiting().unwrap_or(team.waiting);
            team.counted = Some(Instant::now());
        }
        if self.jobs.sync.is_none() && Instant::now() >= team.next {
            self.start_sync();
            return false;
        }
        let Some(done) = take_done::<Exchange>(&mut self.jobs.sync) else {
            return false;
        };
        let asked = self
            .team
            .as_mut()
            .is_some_and(|t| std::mem::take(&mut t.asked));
        let result = done.and_then(|ex| sync::finish(&mut self.store, ex));
        match result {
            Ok(report) => {
                if let Some(t) = &mut self.team {
                    t.offline = false;
                    t.counted = None;
                    t.last = self.store.sync_self().ok().and_then(|s| s.last_sync);
                }
                let a = &report.applied;
                let changed = a.records_new + a.records_changed + a.forgotten + a.revoked > 0;
                if changed {
                    if let Err(e) = self.reload_finder().and_then(|_| self.refresh_screens()) {
                        self.fail(e);
                        return true;
                    }
                    // An empty book's welcome gives way to the list the team filled.
                    self.settle_home();
                }
                if asked || changed {
                    let n = |v: usize| Arg::Num(v as i64);
                    self.status = Some(super::Status {
                        text: t_args(
                            self.lang,
                            "sync-status-done",
                            &[
                                ("sent", n(report.sent_records + report.sent_forgets)),
                                ("received", n(a.records_new + a.records_changed)),
                                ("conflicts", n(report.lost_to_newer as usize + a.conflicts)),
                            ],
                        ),
                        error: false,
                    });
                }
            }
            Err(e) => {
                let unreachable = is_unreachable(&e);
                if let Some(t) = &mut self.team {
                    t.offline = unreachable;
                }
                if asked || !unreachable {
                    self.fail(e);
                }
            }
        }
        true
    }

    /// How long the loop may sleep before an automatic sync is due.
    pub fn sync_due_in(&self) -> Option<Duration> {
        let team = self.team.as_ref()?;
        Some(team.next.saturating_duration_since(Instant::now()))
    }

    /// The status line's note of a book in a team: the last sync (or offline) and the
    /// changes waiting.
    pub fn team_indicator(&self) -> Option<String> {
        let team = self.team.as_ref()?;
        let when = if self.jobs.sync.is_some() {
            self.t("sync-indicator-running")
        } else if team.offline {
            self.t("sync-indicator-offline")
        } else {
            // `2026-11-23T10:00:00` → `11-23 10:00`.
            team.last
                .as_deref()
                .and_then(|l| l.get(5..16))
                .map(|l| l.replace('T', " "))
                .unwrap_or_else(|| "-".into())
        };
        Some(t_args(
            self.lang,
            "sync-indicator",
            &[("when", when.into()), ("waiting", Arg::Num(team.waiting))],
        ))
    }
}
