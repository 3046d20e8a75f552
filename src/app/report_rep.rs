//! The manager's reports of one rep in the interface (issue 20), as `kam report … --rep NAME`
//! on the command line: `R` on the daily report or the analytics screen picks a rep of the
//! team (or the whole book again), and both screens then read a second read connection
//! narrowed to that rep's accounts (store/rep_scope.rs), so they run the very code the
//! command line runs. Nothing is written through it.

use super::dialogs::{Dialog, RepDialog};
use super::{App, Status, View};
use crate::i18n::Said;
use crate::store::Store;
use anyhow::{anyhow, Result};

/// A read connection narrowed to `rep`, when one is chosen; none for the whole book.
pub(crate) fn narrowed(store: &Store, rep: Option<&str>) -> Result<Option<Store>> {
    let Some(rep) = rep else {
        return Ok(None);
    };
    let mut reader = store
        .another_reader()
        .ok_or_else(|| anyhow!(Said::new("rep-view-unavailable")))?;
    reader.narrow_to_rep(rep)?;
    Ok(Some(reader))
}

impl App {
    /// `R`: the picker of the team's reps, or one sentence in a book without a team.
    pub(in crate::app) fn choose_rep(&mut self) -> Result<()> {
        let reps = self.store.team_reps()?;
        if reps.is_empty() {
            self.status = Some(Status {
                text: self.t("rep-no-team"),
                error: true,
            });
            return Ok(());
        }
        let shown = self.reports_rep.clone();
        self.dialog = Some(Dialog::Rep(RepDialog::new(reps, shown.as_deref())));
        Ok(())
    }

    /// The rep chosen (none: the whole book) put in place: the shown report screen reads
    /// that rep's accounts now, the other when it opens next.
    pub(in crate::app) fn show_rep(&mut self, rep: Option<String>) -> Result<()> {
        self.reports_rep = rep;
        // A sentence left from a name refused a moment ago no longer holds.
        self.status = None;
        match self.view() {
            View::Report => {
                if let Some(r) = self.report() {
                    let (date, weekly) = (r.date(), r.weekly.is_some());
                    self.load_report(date, weekly)?;
                }
            }
            View::Analytics => {
                if let Some(a) = self.analytics() {
                    let (kind, period, rule) = (a.kind, a.period, a.rule);
                    self.load_analytics(kind, period, rule)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The rep whose reports the report screens show (none: the whole book).
    pub fn reports_rep(&self) -> Option<&str> {
        self.reports_rep.as_deref()
    }
}
