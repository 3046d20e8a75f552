//! The computed grades of the list and the cards, kept current after saves that may change
//! them (a deal added, edited or deleted, an import, a merge, an undo, a restore, new
//! settings). A small book is graded again at once (milliseconds); a large one by a
//! background job over its own read connection, the result taken before the next frame, so
//! neither a save nor drawing waits for 100,000 accounts.

use super::jobs::{take_done, Job};
use super::App;
use crate::domain::Grade;
use anyhow::Result;
use std::collections::HashMap;

impl App {
    /// Grades every account again after a change; see the module comment.
    pub(super) fn regrade(&mut self) -> Result<()> {
        if self.jobs.grades.is_some() {
            self.jobs.grade_again = true;
            return Ok(());
        }
        // While the finder is being built its size is not known yet: assume a large book.
        let large = self.finder.len() >= self.regrade_in_background_from || self.is_loading();
        let reader = large.then(|| self.store.another_reader()).flatten();
        let Some(reader) = reader else {
            self.grades = crate::analytics::computed_grades(&self.store, self.today)?;
            return Ok(());
        };
        let today = self.today;
        self.jobs.grades = Some(Job::spawn("grading", move || {
            crate::analytics::computed_grades(&reader, today)
        }));
        self.jobs.grade_again = false;
        Ok(())
    }

    /// Puts grades computed in the background in place; true when they changed the screen.
    pub(super) fn tick_grades(&mut self) -> bool {
        let Some(done) = take_done(&mut self.jobs.grades) else {
            return false;
        };
        self.finish_grades(done);
        true
    }

    /// Waits for a background grading to finish (tests, and anything that must read the
    /// grades at once).
    pub fn wait_for_grades(&mut self) {
        while let Some(mut job) = self.jobs.grades.take() {
            let done = job
                .wait()
                .unwrap_or_else(|| Err(anyhow::anyhow!("grading stopped")));
            self.finish_grades(done);
        }
    }

    pub fn is_grading(&self) -> bool {
        self.jobs.grades.is_some()
    }

    /// The job's slot is already empty here.
    fn finish_grades(&mut self, done: Result<HashMap<i64, Grade>>) {
        let again = std::mem::take(&mut self.jobs.grade_again);
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
