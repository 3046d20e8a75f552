//! The notes search: a line that finds visit reports, service records, feedback and the
//! communication log by what they say, newest first; Enter opens the note's account on the
//! note's tab.

use super::Overlay;
use crate::app::detail::Tab;
use crate::app::input::Input;
use crate::app::{Action, App};
use crate::store::NoteHit;
use anyhow::Result;

const NOTES_LIMIT: usize = 50;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NoteSearchState {
    pub input: Input,
    pub hits: Vec<NoteHit>,
    pub selected: usize,
}

impl App {
    pub(in crate::app) fn open_note_search(&mut self) {
        self.overlay = Some(Overlay::Notes(NoteSearchState::default()));
    }

    pub(in crate::app) fn on_note_search(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let Some(Overlay::Notes(s)) = &mut self.overlay else {
            return Ok(());
        };
        match action {
            Back => self.overlay = None,
            Open => {
                let hit = s.hits.get(s.selected).cloned();
                if let Some(hit) = hit {
                    self.overlay = None;
                    self.open_account(hit.account_id)?;
                    if let Some(d) = self.detail_mut() {
                        if let Some(tab) = Tab::ALL.into_iter().find(|t| t.new_kind() == hit.kind) {
                            d.tab = tab;
                        }
                    }
                }
            }
            Up => s.selected = s.selected.saturating_sub(1),
            Down => s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1)),
            Type(c) => {
                s.input.insert(c);
                self.refresh_note_search()?;
            }
            Paste(text) => {
                s.input.insert_str(&text);
                self.refresh_note_search()?;
            }
            Backspace => {
                s.input.backspace();
                self.refresh_note_search()?;
            }
            DeleteChar => {
                s.input.delete();
                self.refresh_note_search()?;
            }
            CursorLeft => s.input.left(),
            CursorRight => s.input.right(),
            CursorHome => s.input.home(),
            CursorEnd => s.input.end(),
            _ => {}
        }
        Ok(())
    }

    fn refresh_note_search(&mut self) -> Result<()> {
        if let Some(s) = self.notes() {
            let hits = self.store.search_notes(s.input.text(), None, NOTES_LIMIT)?;
            if let Some(Overlay::Notes(s)) = &mut self.overlay {
                s.hits = hits;
                s.selected = 0;
            }
        }
        Ok(())
    }
}
