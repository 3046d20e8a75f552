//! What opens over a screen and takes the keys until closed: the account finder, the notes
//! search, the key help and a yes/no question. (A record form or dialog sits between the
//! screen and these: see `form`.)

pub mod confirm;
pub mod notes;
pub mod search;

use confirm::Confirm;
use notes::NoteSearchState;
use search::SearchState;

/// The one overlay open, if any.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Search(SearchState),
    Notes(NoteSearchState),
    Help,
    Confirm(Confirm),
}

impl super::App {
    /// The finder line, if open.
    pub fn search(&self) -> Option<&SearchState> {
        match &self.overlay {
            Some(Overlay::Search(s)) => Some(s),
            _ => None,
        }
    }

    /// The notes search line, if open.
    pub fn notes(&self) -> Option<&NoteSearchState> {
        match &self.overlay {
            Some(Overlay::Notes(s)) => Some(s),
            _ => None,
        }
    }
}
