//! The search line: what was typed and what it finds, refreshed on every keystroke.

use super::input::Input;
use super::{Action, App};
use crate::search::Hit;
use anyhow::Result;

const SEARCH_LIMIT: usize = 50;

#[derive(Debug, Clone, PartialEq)]
pub struct SearchState {
    pub input: Input,
    pub hits: Vec<Hit>,
    pub selected: usize,
}

impl App {
    pub(super) fn on_search(&mut self, action: Action) -> Result<()> {
        use Action::*;
        let Some(s) = &mut self.search else {
            return Ok(());
        };
        match action {
            Back => self.search = None,
            Open => {
                let hit = s.hits.get(s.selected).map(|h| h.account_id);
                self.search = None;
                if let Some(id) = hit {
                    self.open_account(id)?;
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

    pub(super) fn refresh_search(&mut self) {
        if let Some(s) = &mut self.search {
            s.hits = self.finder.search(s.input.text(), SEARCH_LIMIT);
            s.selected = 0;
        }
    }
}
