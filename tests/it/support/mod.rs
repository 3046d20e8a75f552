//! What the integration tests share: one fixed clock, temporary books, fully filled sample
//! records (`samples`), the app driven by keys on a test terminal (`ui`, `forms`), running the
//! real `kam` binary, and the lock on the process's passphrase (all tests share one process).
#![allow(dead_code)] // each test module uses a different part of this module

pub mod forms;
mod samples;
pub mod ui;

pub use samples::*;

use chrono::{NaiveDate, NaiveDateTime};
use kam::domain::*;
use kam::store::{Access, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};

/// The one clock of every test: a Monday morning in November 2026. History rows, created and
/// updated times and the app's "today" all read it, so they are predictable.
pub fn fixed_now() -> NaiveDateTime {
    datetime("2026-11-23 10:00")
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn datetime(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
}

pub fn money(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// Where the tests make their books: a memory file system when the machine has one with
/// room (`/dev/shm`, or `KAM_TEST_TMPDIR`), else the system's temporary folder. kam flushes
/// every save to disk, as it must; on this machine's disk those flushes were a third of the
/// suite's wall time or more (store, forms and backups under load: 40 s → 25 s), and nothing a
/// test checks depends on them: a killed process loses nothing the page cache holds, and the
/// full-disk tests make a small file system of their own.
pub fn temp_root() -> &'static std::path::Path {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        if let Some(dir) = std::env::var_os("KAM_TEST_TMPDIR") {
            return PathBuf::from(dir);
        }
        let shm = PathBuf::from("/dev/shm");
        if has_room(&shm, 4 << 30) && tempfile::tempdir_in(&shm).is_ok() {
            shm
        } else {
            std::env::temp_dir()
        }
    })
}

/// Whether the file system of `dir` has `bytes` free (a container's /dev/shm is often 64 MB).
fn has_room(dir: &std::path::Path, bytes: u64) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a NUL-terminated path and a zeroed struct statvfs fills.
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return false;
    }
    (st.f_bavail as u64).saturating_mul(st.f_frsize as u64) >= bytes
}

/// A temporary directory under [`temp_root`].
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kam-test-")
        .tempdir_in(temp_root())
        .unwrap()
}

/// A temporary directory with a database path inside it (the file does not exist yet).
pub struct TempDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new() -> TempDb {
        let dir = tempdir();
        let path = dir.path().join("kam.db");
        TempDb { dir, path }
    }

    /// A writer with a fixed clock and actor, so history rows are predictable.
    pub fn writer(&self) -> Store {
        let mut store = Store::open(&self.path, Access::Write).unwrap();
        store.set_actor("tester");
        store.set_clock(Some(fixed_now()));
        store
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Runs the built binary with `args`; the environment cannot point it at a real database.
pub fn kam(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(args)
        .env_remove("KAM_DB")
        .env_remove("KAM_PASSPHRASE")
        .env_remove("KAM_NEW_PASSPHRASE")
        .env("KAM_USER", "tester")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the kam binary runs")
}

pub fn kam_db(db: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    kam(&all)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The contract for every failure of the command line: exit status 1, exactly one line on
/// stderr, starting `error:`, and no panic or backtrace.
pub fn assert_one_error_line(o: &Output) -> String {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "exit status; stderr: {err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "exactly one error line, got: {err:?}");
    assert!(
        lines[0].starts_with("error: "),
        "starts with `error: `: {err:?}"
    );
    assert!(
        !err.contains("panicked") && !err.to_lowercase().contains("backtrace"),
        "no panic or backtrace: {err:?}"
    );
    lines[0].to_string()
}

/// The passphrase is held for the whole process (`kam::store::cipher`), and the tests share one
/// process: a test that sets it, or whose outcome needs it unset, holds this guard. It sets the
/// passphrase, and clears it when dropped (also when the test fails).
pub struct Passphrase(MutexGuard<'static, ()>);

static PASSPHRASE: Mutex<()> = Mutex::new(());

impl Passphrase {
    pub fn set(phrase: Option<&str>) -> Passphrase {
        // A test that failed while holding it leaves it poisoned; the lock itself is still good.
        let guard = PASSPHRASE.lock().unwrap_or_else(|e| e.into_inner());
        kam::store::cipher::set_passphrase(phrase.map(String::from));
        Passphrase(guard)
    }
}

impl Drop for Passphrase {
    fn drop(&mut self) {
        kam::store::cipher::set_passphrase(None);
    }
}

/// The peak resident memory of one kam process run with `args`, as kam reports it with
/// `KAM_REPORT_PEAK=1` (`bench` builds); the run must succeed.
pub fn run_peak_mb(args: &[&str]) -> f64 {
    let o = Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(args)
        .env("KAM_REPORT_PEAK", "1")
        .env_remove("KAM_DB")
        .env_remove("KAM_PASSPHRASE")
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{args:?}: {err}");
    peak_mb(&err)
}

/// The peak resident memory a `KAM_REPORT_PEAK=1` run of kam reported on its stderr, in MB.
pub fn peak_mb(err: &str) -> f64 {
    err.lines()
        .find_map(|l| l.strip_prefix("peak memory: "))
        .and_then(|v| v.trim_end_matches(" MB").parse().ok())
        .unwrap_or_else(|| panic!("no peak memory line: {err}"))
}
