//! One way to run work off the screen: a [`Job`] runs a closure on a thread of its own (over
//! its own read connection, never the app's), the main loop asks [`Job::poll`] before each
//! frame without waiting, and dropping a job abandons it (the thread finishes and its result
//! goes nowhere). [`Jobs`] is every job the app may have under way, so the loop asks one
//! thing whether there is work to wait for.

use crate::domain::Grade;
use crate::search::Finder;
use crate::store::{Access, Store};
use anyhow::Result;
use std::collections::HashMap;
use std::path::PathBuf;
use std::thread::JoinHandle;

/// Work under way on another thread, giving a `T` or the error that stopped it.
pub struct Job<T> {
    /// `None` once the result was taken, or when no thread could be started.
    thread: Option<JoinHandle<Result<T>>>,
    /// No thread could be started, and that was not said yet.
    unstarted: bool,
    /// What the work is, for the sentence said when it dies ("building the finder stopped").
    what: &'static str,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a new thread named `what`.
    pub fn spawn(what: &'static str, work: impl FnOnce() -> Result<T> + Send + 'static) -> Job<T> {
        let thread = std::thread::Builder::new()
            .name(what.into())
            .spawn(work)
            .ok();
        let unstarted = thread.is_none();
        Job {
            thread,
            unstarted,
            what,
        }
    }

    /// Runs `work` over a read connection of its own to the book at `path` (opened on the
    /// job's thread: opening a large or encrypted file never delays a frame).
    pub fn reading(
        what: &'static str,
        path: PathBuf,
        work: impl FnOnce(&Store) -> Result<T> + Send + 'static,
    ) -> Job<T> {
        Job::spawn(what, move || work(&Store::open(&path, Access::Read)?))
    }

    /// The result once the work is done, without waiting: `None` while it runs, and after
    /// the result was taken.
    pub fn poll(&mut self) -> Option<Result<T>> {
        if self.thread.as_ref().is_some_and(|t| !t.is_finished()) {
            return None;
        }
        self.wait()
    }

    /// Waits for the result (tests, and anything that must have it at once); `None` when it
    /// was taken already.
    pub fn wait(&mut self) -> Option<Result<T>> {
        let Some(thread) = self.thread.take() else {
            let unstarted = std::mem::take(&mut self.unstarted);
            return unstarted.then(|| Err(anyhow::anyhow!("{} could not start", self.what)));
        };
        Some(
            thread
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("{} stopped", self.what))),
        )
    }
}

/// Gives the memory freed so far back to the system (glibc keeps freed small blocks of each
/// thread's arena resident until told). Resident memory is what a small laptop runs out of:
/// a job's leftovers stayed resident beside the finder (issue 17). Elsewhere, nothing.
pub fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own heaps to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Takes a finished job's result out of its slot, leaving the slot empty.
pub fn take_done<T: Send + 'static>(slot: &mut Option<Job<T>>) -> Option<Result<T>> {
    let done = slot.as_mut()?.poll()?;
    *slot = None;
    // The job's thread is done: what it freed goes back (see `give_back_memory`).
    give_back_memory();
    Some(done)
}

/// The finder and the list's grades, built together at start.
pub type Built = (
    Finder,
    HashMap<i64, Grade>,
    Option<Result<crate::visits::Gathered>>,
);

/// What the start-up checks found: damage in the book, or where the daily backup went
/// (`None`: there was one today already). An error is a failed backup.
pub enum StartChecks {
    Damaged(String),
    BackedUp(Option<PathBuf>),
}

/// Every job the app may have under way, one slot each.
#[derive(Default)]
pub struct Jobs {
    /// The finder being built at start (see loading.rs), and the accounts saved meanwhile:
    /// the new finder may have read them before the save, so they are refreshed once it
    /// arrives.
    pub(super) finder: Option<Job<Built>>,
    pub(super) saved_while_loading: Vec<i64>,
    /// The list's grades computed again after a save (see grades.rs), and whether another
    /// save came meanwhile: the result may predate it, so one more run follows.
    pub(super) grades: Option<Job<HashMap<i64, Grade>>>,
    pub(super) grade_again: bool,
    /// The reminders gathered at start while the list is already up (see reminders.rs).
    pub(super) reminders: Option<Job<crate::visits::Gathered>>,
    /// The reminders wait for the finder: gathered beside it, both at their peak, they held
    /// 20 MB more at once on a big book (issue 17).
    pub(super) reminders_after_load: bool,
    /// The integrity check, then the daily backup (see backup.rs).
    pub(super) start_checks: Option<Job<StartChecks>>,
    /// The start checks found the book damaged and said so: that word (what to do) stays
    /// on the status line when a job then stops on the same damage.
    pub(super) damage_said: bool,
    /// The network half of a sync with the team's server (see team_sync.rs).
    pub(super) sync: Option<Job<crate::sync::Exchange>>,
}

impl Jobs {
    /// Whether any work is under way (the loop then wakes up to take it in).
    pub fn any(&self) -> bool {
        self.finder.is_some()
            || self.grades.is_some()
            || self.reminders.is_some()
            || self.start_checks.is_some()
            || self.sync.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finish<T: Send + 'static>(job: &mut Option<Job<T>>) -> Result<T> {
        loop {
            if let Some(done) = take_done(job) {
                return done;
            }
            std::thread::yield_now();
        }
    }

    #[test]
    fn a_job_gives_its_result_once() {
        let mut job = Some(Job::spawn("adding", || Ok(2 + 2)));
        assert_eq!(finish(&mut job).unwrap(), 4);
        assert!(job.is_none(), "the slot is empty once the result is taken");
    }

    #[test]
    fn a_job_that_dies_says_what_stopped() {
        let mut job: Option<Job<()>> = Some(Job::spawn("counting", || panic!("boom")));
        let err = finish(&mut job).unwrap_err();
        assert_eq!(err.to_string(), "counting stopped");
    }

    #[test]
    fn an_error_of_the_work_is_its_result() {
        let mut job: Option<Job<()>> = Some(Job::spawn("reading", || anyhow::bail!("no file")));
        assert_eq!(finish(&mut job).unwrap_err().to_string(), "no file");
    }
}
