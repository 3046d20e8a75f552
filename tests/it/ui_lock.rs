//! The idle lock: after the configured minutes without a key, every screen is hidden until
//! the passphrase is typed again. The passphrase is per process: the test holds
//! `support::Passphrase` while it runs.

use crate::support::ui::*;
use crossterm::event::KeyCode;
use kam::i18n::Lang;
use std::time::{Duration, Instant};

#[test]
fn an_idle_interface_locks_and_only_the_passphrase_opens_it() {
    // Without a passphrase there is nothing to unlock with: no lock.
    let _passphrase = crate::support::Passphrase::set(None);
    let mut plain = filled(Lang::En);
    plain.app.lock_after(Some(1));
    assert!(plain.app.lock.is_none());

    kam::store::cipher::set_passphrase(Some("correct horse".into()));
    let mut s = filled(Lang::Zh);
    s.app.lock_after(Some(5));
    s.app.tick();
    assert!(!s.app.is_locked(), "not before the time");
    s.app.lock.as_mut().unwrap().last_input = Instant::now() - Duration::from_secs(5 * 60 + 1);
    s.app.tick();
    assert!(s.app.is_locked());
    let screen = s.screen(120, 40);
    assert!(screen.contains("kam 已锁定"), "{screen}");
    assert!(
        !screen.contains("华为") && !screen.contains("C000001"),
        "no data shows: {screen}"
    );
    // Keys do nothing behind the lock: `n` would open a form, `/` the finder.
    s.keys("n/");
    s.press(KeyCode::Enter);
    assert!(s.app.is_locked() && s.app.form.is_none() && s.app.search().is_none());
    assert!(s.screen(120, 40).contains("密码不对"));
    s.keys("correct horse").press(KeyCode::Enter);
    assert!(!s.app.is_locked());
    assert!(s.screen(120, 40).contains("华为"));
}
