//! The search line: what was typed and what it finds, refreshed on every keystroke.

use super::Overlay;
use crate::app::input::Input;
use crate::app::{Action, App};
use crate::search::Hit;
use anyhow::Result;

const SEARCH_LIMIT: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchPurpose {
    OpenAccount,
    /// The first field of a quick visit record started away from an account.
    RecordVisit,
    /// The duplicate to merge into this account (kept).
    MergeInto(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchState {
    /// What Enter does with the chosen account.
    pub purpose: SearchPurpose,
    pub input: Input,
    pub hits: Vec<Hit>,
    pub selected: usize,
}

impl App {
    pub(in crate::app) fn on_search(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let Some(Overlay::Search(s)) = &mut self.overlay else {
            return Ok(());
        };
        match action {
            Back => self.overlay = None,
            Open => {
                let hit = s.hits.get(s.selected).map(|h| h.account_id);
                let purpose = s.purpose;
                self.overlay = None;
                match (hit, purpose) {
                    (Some(id), SearchPurpose::OpenAccount) => self.open_account(id)?,
                    (Some(id), SearchPurpose::RecordVisit) => self.visit_form(id, None)?,
                    (Some(id), SearchPurpose::MergeInto(keep)) => self.ask_merge(keep, id)?,
                    (None, _) => {}
                }
            }
            Up => s.selected = s.selected.saturating_sub(1),
            Down => s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1)),
            Type(c) => {
                s.input.insert(c);
                self.refresh_search();
            }
            Paste(text) => {
                s.input.insert_str(&text);
                self.refresh_search();
            }
            Backspace => {
                s.input.backspace();
                self.refresh_search();
            }
            DeleteChar => {
                s.input.delete();
                self.refresh_search();
            }
            CursorLeft => s.input.left(),
            CursorRight => s.input.right(),
            CursorHome => s.input.home(),
            CursorEnd => s.input.end(),
            _ => {}
        }
        Ok(())
    }

    pub(in crate::app) fn refresh_search(&mut self) {
        if let Some(Overlay::Search(s)) = &mut self.overlay {
            s.hits = self.finder.search(s.input.text(), SEARCH_LIMIT);
            s.selected = 0;
        }
    }
}

impl App {
    pub(in crate::app) fn open_search_for(&mut self, purpose: SearchPurpose) {
        self.overlay = Some(Overlay::Search(SearchState {
            purpose,
            input: Input::default(),
            hits: vec![],
            selected: 0,
        }));
        self.refresh_search();
    }
}
