//! Locking the interface after idle minutes (`KAM_LOCK_MINUTES`, for an encrypted database):
//! every screen is hidden until the passphrase is typed again, as a password manager does.
//! The `App` holds one `IdleLock` (or none) and hands it every key first.

use super::action::Action;
use super::input::Input;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct IdleLock {
    pub after: Duration,
    pub last_input: Instant,
    /// While locked: what is typed (never drawn), and whether the last try was wrong.
    pub locked: Option<(Input, bool)>,
}

/// What a key did to a locked interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlocking {
    Typing,
    Unlocked,
    Quit,
}

impl IdleLock {
    /// A lock after `minutes` without a key, when the database has a passphrase to unlock
    /// with; `None` or 0 leaves the interface unlocked.
    pub fn after_minutes(minutes: Option<u64>) -> Option<IdleLock> {
        let m = minutes.filter(|m| *m > 0)?;
        crate::store::cipher::passphrase()?;
        Some(IdleLock {
            after: Duration::from_secs(m * 60),
            last_input: Instant::now(),
            locked: None,
        })
    }

    pub fn is_locked(&self) -> bool {
        self.locked.is_some()
    }

    /// How long the loop may wait before the lock is due (None while locked).
    pub fn due_in(&self) -> Option<Duration> {
        if self.is_locked() {
            return None;
        }
        Some(
            self.after
                .saturating_sub(self.last_input.elapsed())
                .max(Duration::from_millis(50)),
        )
    }

    /// Locks when the idle time has passed; true when it just did.
    pub fn check_idle(&mut self) -> bool {
        if self.locked.is_none() && self.last_input.elapsed() >= self.after {
            self.locked = Some((Input::default(), false));
            return true;
        }
        false
    }

    /// Every key while locked goes to the passphrase; nothing else happens.
    pub fn key(&mut self, action: Action) -> Unlocking {
        let Some((input, wrong)) = &mut self.locked else {
            return Unlocking::Unlocked;
        };
        match action {
            Action::Type(c) => input.insert(c),
            Action::Backspace => input.backspace(),
            Action::Open | Action::NextField | Action::Save => {
                if Some(input.text().to_string()) == crate::store::cipher::passphrase() {
                    self.locked = None;
                    self.last_input = Instant::now();
                    return Unlocking::Unlocked;
                }
                *input = Input::default();
                *wrong = true;
            }
            Action::Quit => return Unlocking::Quit,
            _ => {}
        }
        Unlocking::Typing
    }

    /// A key was pressed: the idle time starts again.
    pub fn touch(&mut self) {
        self.last_input = Instant::now();
    }
}
