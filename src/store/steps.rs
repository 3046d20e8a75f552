//! How far a long check has gone, when SQLite gives no count of its own: `PRAGMA
//! integrity_check` is one statement that reads every page of the book (17 s at 100,000
//! accounts). SQLite calls a progress handler every [`STEPS`] steps of its virtual machine,
//! and, while it walks the b-trees, once per page checked; so the steps a check takes grow
//! with the book's pages, by a ratio that kam's own tables fix (measured, see the constants
//! below). The handler is SQLite's C interface: rusqlite wraps it only behind a feature
//! that would build SQLite again.

use rusqlite::{ffi, Connection};
use std::os::raw::{c_int, c_void};

/// Steps between two calls of the handler.
const STEPS: c_int = 4096;

/// Steps SQLite takes per page of the book for `PRAGMA integrity_check` alone, and for all
/// of `kam check` (the integrity check, the foreign keys, the counts of every table): what
/// the bar's end is reckoned from. Measured on demo books (3,000 and 100,000 accounts:
/// 503 and 491; 650 and 638 steps a page) with the SQLite of SQLCipher 3.51, before the
/// change to SQLite3 Multiple Ciphers. A book unlike the demo may end early or late;
/// the bar stops short of its end until the check is done.
pub(crate) const INTEGRITY_STEPS_PER_PAGE: u64 = 495;
pub(crate) const HEALTH_STEPS_PER_PAGE: u64 = 645;

/// Pages a check has done after `steps`, at `per_page` steps a page, short of `pages` until
/// it is over.
pub(crate) fn pages_done(steps: u64, per_page: u64, pages: u64) -> u64 {
    (steps / per_page).min(pages.saturating_sub(1))
}

/// Runs `work` on `conn`, telling `done(steps so far)` every [`STEPS`] steps SQLite takes.
pub(crate) fn counting_steps<T>(
    conn: &Connection,
    done: &dyn Fn(u64),
    work: impl FnOnce() -> T,
) -> T {
    struct Counter<'a> {
        steps: u64,
        done: &'a dyn Fn(u64),
    }
    unsafe extern "C" fn on_steps(arg: *mut c_void) -> c_int {
        // SAFETY: `arg` is the `Counter` below, alive and not otherwise borrowed while the
        // handler is installed (it is removed before the counter goes).
        let counter = unsafe { &mut *(arg as *mut Counter) };
        counter.steps += STEPS as u64;
        // A panic may not cross into C: a bar that fails is no reason to stop the check.
        let (steps, done) = (counter.steps, counter.done);
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| done(steps)));
        0
    }
    /// Removes the handler however `work` ends.
    struct Installed<'c>(&'c Connection);
    impl Drop for Installed<'_> {
        fn drop(&mut self) {
            // SAFETY: the connection is open; no handler is left pointing at the counter.
            unsafe {
                ffi::sqlite3_progress_handler(self.0.handle(), 0, None, std::ptr::null_mut())
            };
        }
    }
    let mut counter = Counter { steps: 0, done };
    // SAFETY: the handle is this open connection's; the counter outlives the handler, which
    // `Installed` removes before `counter` is dropped (declared after it, dropped first).
    let installed = unsafe {
        ffi::sqlite3_progress_handler(
            conn.handle(),
            STEPS,
            Some(on_steps),
            &mut counter as *mut Counter as *mut c_void,
        );
        Installed(conn)
    };
    let result = work();
    drop(installed);
    result
}

/// The pages of the book on `conn`.
pub(crate) fn page_count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))
        .map(|n| n.max(0) as u64)
}
