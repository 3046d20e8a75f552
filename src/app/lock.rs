//! Locking the interface after idle minutes (`KAM_LOCK_MINUTES`, for an encrypted database):
//! every screen is hidden until the passphrase is typed again, as a password manager does.

use super::input::Input;
use super::{Action, App};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct IdleLock {
    pub after: Duration,
    pub last_input: Instant,
    /// While locked: what is typed (never drawn), and whether the last try was wrong.
    pub locked: Option<(Input, bool)>,
}

impl App {
    /// Locks after `minutes` without a key, when the database has a passphrase to unlock
    /// with; `None` or 0 leaves the interface unlocked.
    pub fn lock_after(&mut self, minutes: Option<u64>) {
        let Some(m) = minutes.filter(|m| *m > 0) else {
            return;
        };
        if crate::store::cipher::passphrase().is_none() {
            return;
        }
        self.lock = Some(IdleLock {
            after: Duration::from_secs(m * 60),
            last_input: Instant::now(),
            locked: None,
        });
    }

    pub fn is_locked(&self) -> bool {
        self.lock.as_ref().is_some_and(|l| l.locked.is_some())
    }

    /// How long the loop may wait before the lock is due (None: no lock to watch).
    pub fn lock_due_in(&self) -> Option<Duration> {
        let l = self.lock.as_ref().filter(|l| l.locked.is_none())?;
        Some(
            l.after
                .saturating_sub(l.last_input.elapsed())
                .max(Duration::from_millis(50)),
        )
    }

    /// Locks when the idle time has passed; true when it just did.
    pub(super) fn check_idle(&mut self) -> bool {
        match &mut self.lock {
            Some(l) if l.locked.is_none() && l.last_input.elapsed() >= l.after => {
                l.locked = Some((Input::default(), false));
                true
            }
            _ => false,
        }
    }

    /// Every key while locked goes to the passphrase; nothing else happens.
    pub(super) fn on_locked(&mut self, action: Action) {
        let Some(l) = &mut self.lock else { return };
        let Some((input, wrong)) = &mut l.locked else {
            return;
        };
        match action {
            Action::Type(c) => input.insert(c),
            Action::Backspace => input.backspace(),
            Action::Open | Action::NextField | Action::Save => {
                if Some(input.text().to_string()) == crate::store::cipher::passphrase() {
                    l.locked = None;
                    l.last_input = Instant::now();
                } else {
                    *input = Input::default();
                    *wrong = true;
                }
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// A key was pressed: the idle time starts again.
    pub(super) fn touch_lock(&mut self) {
        if let Some(l) = &mut self.lock {
            l.last_input = Instant::now();
        }
    }
}
