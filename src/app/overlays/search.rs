//! The search line: what was typed and what it finds, refreshed on every keystroke.

use super::{Overlay, SearchPurpose, SearchState};
use crate::app::hit_list::Keyed;
use crate::app::{Action, App};
use anyhow::Result;

const SEARCH_LIMIT: usize = 50;

impl App {
    pub(in crate::app) fn on_search(&mut self, action: Action) -> Result<()> {
        let Some(Overlay::Search(s)) = &mut self.overlay else {
            return Ok(());
        };
        match s.key(action) {
            Keyed::Edited => self.refresh_search(),
            Keyed::Moved => {}
            Keyed::Not(Action::Back) => self.overlay = None,
            Keyed::Not(Action::Open) => {
                let hit = s.chosen().map(|h| h.account_id);
                let purpose = s.purpose;
                self.overlay = None;
                match (hit, purpose) {
                    (Some(id), SearchPurpose::OpenAccount) => self.open_account_found(id)?,
                    (Some(id), SearchPurpose::RecordVisit) => self.visit_form(id, None)?,
                    (Some(id), SearchPurpose::MergeInto(keep)) => self.ask_merge(keep, id)?,
                    (None, _) => {}
                }
            }
            Keyed::Not(_) => {}
        }
        Ok(())
    }

    pub(in crate::app) fn refresh_search(&mut self) {
        if let Some(Overlay::Search(s)) = &mut self.overlay {
            // `#tag` asks the store for tags; a failed read finds nothing rather than stop.
            let hits = match crate::search::tags::tag_query(s.input.text()) {
                Some(tag) => crate::search::tags::tag_search(&self.store, tag, SEARCH_LIMIT)
                    .unwrap_or_default(),
                None => self
                    .finder
                    .search_reading(s.input.text(), SEARCH_LIMIT, &self.store),
            };
            s.found(hits);
        }
    }
}

impl App {
    pub(in crate::app) fn open_search_for(&mut self, purpose: SearchPurpose) {
        self.overlay = Some(Overlay::Search(SearchState::new(purpose)));
        self.refresh_search();
    }
}

impl App {
    pub fn search(&self) -> Option<&SearchState> {
        match &self.overlay {
            Some(Overlay::Search(s)) => Some(s),
            _ => None,
        }
    }
}
