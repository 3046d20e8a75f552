//! The notes search: a line that finds visit reports, service records, feedback and the
//! communication log by what they say, newest first; Enter opens the note's account on the
//! note's tab.

use super::detail::Tab;
use super::hit_list::{HitList, Keyed};
use super::{Action, App};
use crate::store::NoteHit;
use anyhow::Result;

const NOTES_LIMIT: usize = 50;

/// The notes search: notes found by what they say; Enter always opens the note.
pub type NoteSearchState = HitList<NoteHit>;

impl App {
    pub(super) fn open_note_search(&mut self) {
        self.notes = Some(NoteSearchState::new(()));
    }

    pub(super) fn on_note_search(&mut self, action: Action) -> Result<()> {
        let Some(s) = &mut self.notes else {
            return Ok(());
        };
        match s.key(action) {
            Keyed::Edited => self.refresh_note_search()?,
            Keyed::Moved => {}
            Keyed::Not(Action::Back) => self.notes = None,
            Keyed::Not(Action::Open) => {
                if let Some(hit) = s.chosen().cloned() {
                    self.notes = None;
                    self.open_account(hit.account_id)?;
                    if let Some(d) = &mut self.detail {
                        if let Some(tab) = Tab::ALL.into_iter().find(|t| t.new_kind() == hit.kind) {
                            d.tab = tab;
                        }
                    }
                }
            }
            Keyed::Not(_) => {}
        }
        Ok(())
    }

    fn refresh_note_search(&mut self) -> Result<()> {
        if let Some(s) = &self.notes {
            let hits = self.store.search_notes(s.input.text(), None, NOTES_LIMIT)?;
            if let Some(s) = &mut self.notes {
                s.found(hits);
            }
        }
        Ok(())
    }
}
