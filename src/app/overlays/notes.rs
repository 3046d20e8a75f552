//! The notes search: a line that finds visit reports, service records, feedback and the
//! communication log by what they say, newest first; Enter opens the note's account on the
//! note's tab.

use super::{NoteSearchState, Overlay};
use crate::app::detail::Tab;
use crate::app::hit_list::Keyed;
use crate::app::{Action, App};
use anyhow::Result;

const NOTES_LIMIT: usize = 50;

impl App {
    pub(in crate::app) fn open_note_search(&mut self) {
        self.overlay = Some(Overlay::Notes(NoteSearchState::new(())));
    }

    pub(in crate::app) fn on_note_search(&mut self, action: Action) -> Result<()> {
        let Some(Overlay::Notes(s)) = &mut self.overlay else {
            return Ok(());
        };
        match s.key(action) {
            Keyed::Edited => self.refresh_note_search()?,
            Keyed::Moved => {}
            Keyed::Not(Action::Back) => self.overlay = None,
            Keyed::Not(Action::Open) => {
                if let Some(hit) = s.chosen().cloned() {
                    self.overlay = None;
                    self.open_account_found(hit.account_id)?;
                    if let Some(d) = self.detail_mut() {
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
        if let Some(s) = self.notes() {
            let hits = self.store.search_notes(s.input.text(), None, NOTES_LIMIT)?;
            if let Some(Overlay::Notes(s)) = &mut self.overlay {
                s.found(hits);
            }
        }
        Ok(())
    }
}

impl App {
    pub fn notes(&self) -> Option<&NoteSearchState> {
        match &self.overlay {
            Some(Overlay::Notes(s)) => Some(s),
            _ => None,
        }
    }
}
