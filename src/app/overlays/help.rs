//! The key help over a screen: the keys that move elsewhere scroll it (at 80×24 a screen has
//! more keys than lines); Esc, ?, q or Enter close it.

use super::Overlay;
use crate::app::keymap::help_keys;
use crate::app::screen::step;
use crate::app::{Action, App, PAGE};

impl App {
    pub(in crate::app) fn on_help(&mut self, action: Action) {
        let lines = help_keys(self.view()).len();
        let Some(Overlay::Help(selected)) = &mut self.overlay else {
            return;
        };
        let delta = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -(PAGE as isize),
            Action::PageDown => PAGE as isize,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            _ => {
                self.overlay = None;
                return;
            }
        };
        *selected = step(*selected, lines, delta);
    }

    /// The help's selected line, when the help is open.
    pub fn help_line(&self) -> Option<usize> {
        match self.overlay {
            Some(Overlay::Help(selected)) => Some(selected),
            _ => None,
        }
    }
}
