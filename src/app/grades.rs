//! The computed grades of the list and the cards, kept current after saves that may change
//! them (a deal added, edited or deleted, an import, a merge, an undo, a restore, new
//! settings). A small book is graded again at once (milliseconds); a large one on another
//! thread over its own read connection, the result taken before the next frame, so neither
//! a save nor drawing waits for 100,000 accounts.

use super::App;
use crate::domain::Grade;
use crate::store::Store;
use anyhow::Result;
use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// From this many accounts on, grading runs in the background (at 100,000 it takes ~0.3 s).
pub const BACKGROUND_FROM: usize = 5_000;

/// A background grading under way, and whether another save came meanwhile (its result
/// may predate that save, so one more run follows).
pub struct PendingGrades {
    rx: Receiver<Result<HashMap<i64, Grade>>>,
    again: bool,
}

impl App {
    /// Grades every account again after a change; see the module comment.
    pub(super) fn regrade(&mut self) -> Result<()> {
        if let Some(p) = &mut self.pending_grades {
            p.again = true;
            return Ok(());
        }
        // While the finder is being built its size is not known yet: assume a large book.
        let large = self.finder.len() >= self.regrade_in_background_from || self.is_loading();
        let reader = large.then(|| self.store.another_reader()).flatten();
        let Some(reader) = reader else {
            self.grades = super::analytics::computed_grades(&self.store, self.today)?;
            return Ok(());
        };
        let (tx, rx) = mpsc::channel();
        let today = self.today;
        std::thread::Builder::new()
            .name("grades".into())
            .spawn(move || {
                let _ = tx.send(grade_all(&reader, today));
            })?;
        self.pending_grades = Some(PendingGrades { rx, again: false });
        Ok(())
    }

    /// Puts grades computed in the background in place; true when they changed the screen.
    pub(super) fn tick_grades(&mut self) -> bool {
        let Some(p) = &self.pending_grades else {
            return false;
        };
        let done = match p.rx.try_recv() {
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Err(anyhow::anyhow!("grading stopped")),
            Ok(done) => done,
        };
        self.finish_grades(done);
        true
    }

    /// Waits for a background grading to finish (tests, and anything that must read the
    /// grades at once).
    pub fn wait_for_grades(&mut self) {
        while let Some(p) = &self.pending_grades {
            let done =
                p.rx.recv()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("grading stopped")));
            self.finish_grades(done);
        }
    }

    pub fn is_grading(&self) -> bool {
        self.pending_grades.is_some()
    }

    fn finish_grades(&mut self, done: Result<HashMap<i64, Grade>>) {
        let again = self.pending_grades.take().is_some_and(|p| p.again);
        match done {
            Ok(grades) => self.grades = grades,
            Err(e) => self.fail(e),
        }
        if again {
            if let Err(e) = self.regrade() {
                self.fail(e);
            }
        }
    }
}

fn grade_all(store: &Store, today: chrono::NaiveDate) -> Result<HashMap<i64, Grade>> {
    super::analytics::computed_grades(store, today)
}
