//! A line that finds things as it is typed and the list of what it found: the account
//! search (`/`) and the notes search (`S`) are both one. What a hit is, how it is found and
//! what Enter does with it are theirs (search.rs, notes.rs).

use super::input::Input;
use super::Action;

#[derive(Debug, Clone, PartialEq)]
pub struct HitList<H, P = ()> {
    /// What Enter does with the chosen hit (the account search has several).
    pub purpose: P,
    pub input: Input,
    pub hits: Vec<H>,
    pub selected: usize,
}

/// What a key did to the line.
#[derive(Debug, Clone, PartialEq)]
pub enum Keyed {
    /// The text changed: the hits are to be found again.
    Edited,
    /// The cursor or the selection moved.
    Moved,
    /// The key is the owner's (Enter, Esc …).
    Not(Action),
}

impl<H, P> HitList<H, P> {
    pub fn new(purpose: P) -> HitList<H, P> {
        HitList {
            purpose,
            input: Input::default(),
            hits: vec![],
            selected: 0,
        }
    }

    /// Types, moves the cursor or the selection.
    pub fn key(&mut self, action: Action) -> Keyed {
        use Action::*;
        let edited = matches!(action, Type(_) | Paste(_) | Backspace | DeleteChar);
        match action {
            Up => self.selected = self.selected.saturating_sub(1),
            Down => self.selected = (self.selected + 1).min(self.hits.len().saturating_sub(1)),
            Type(c) => self.input.insert(c),
            Paste(text) => self.input.insert_str(&text),
            Backspace => self.input.backspace(),
            DeleteChar => self.input.delete(),
            CursorLeft => self.input.left(),
            CursorRight => self.input.right(),
            CursorHome => self.input.home(),
            CursorEnd => self.input.end(),
            other => return Keyed::Not(other),
        }
        if edited {
            Keyed::Edited
        } else {
            Keyed::Moved
        }
    }

    /// What the line finds now, the first one selected.
    pub fn found(&mut self, hits: Vec<H>) {
        self.hits = hits;
        self.selected = 0;
    }

    pub fn chosen(&self) -> Option<&H> {
        self.hits.get(self.selected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_asks_for_hits_moving_does_not_and_the_rest_is_the_owners() {
        let mut list: HitList<&str> = HitList::new(());
        assert_eq!(list.key(Action::Type('a')), Keyed::Edited);
        list.found(vec!["one", "two"]);
        assert_eq!(list.key(Action::Down), Keyed::Moved);
        assert_eq!(list.key(Action::Down), Keyed::Moved);
        assert_eq!(
            list.chosen(),
            Some(&"two"),
            "the selection stops at the last"
        );
        assert_eq!(list.key(Action::Backspace), Keyed::Edited);
        assert_eq!(list.key(Action::Open), Keyed::Not(Action::Open));
        list.found(vec!["three"]);
        assert_eq!(list.chosen(), Some(&"three"), "new hits start at the first");
    }
}
