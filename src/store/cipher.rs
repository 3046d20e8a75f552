//! Encryption at rest with SQLCipher, on by choice (`kam encrypt`): writing the whole book
//! again under a new key, crash-safe. The key held for the process and applied to each
//! connection is `key.rs`, re-exported here for the callers of `store::cipher`.

pub(crate) use super::key::passphrase;
pub use super::key::{is_encrypted, passphrase_opens, set_passphrase};

use super::connection::{connect, Access};
use super::files::{beside, lock_writer};
use super::migrations::{self, APPLICATION_ID};
use super::recovery;
use anyhow::{anyhow, bail, Result};
use rusqlite::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Writes the database at `path` again under `new_key` (empty: not encrypted) with
/// `sqlcipher_export`: encrypt, decrypt and change the passphrase are all this. Crash-safe:
/// the new file is built whole beside the book (`<db>.kam-rekey`), flushed to disk, and only
/// then renamed over it, so a kill at any moment leaves the book under the old key or under
/// the new one, never between; a leftover copy is removed at the next start (see
/// `recovery`). SIGINT, SIGTERM or SIGHUP stops the work and removes the copy. The writer
/// lock is held throughout.
pub fn rewrite_with_key(path: &Path, new_key: &str) -> Result<()> {
    if !path.is_file() {
        bail!("there is no kam database at {}", path.display());
    }
    let _lock = lock_writer(path)?;
    recovery::at_start(path, true)?;
    let conn = connect(path, Access::Write)?;
    // Everything in the main file first, so the export reads one consistent file.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let version = migrations::version(&conn)?;
    let tmp = recovery::rekey_copy(path);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(&tmp)
        .map_err(|e| anyhow!("cannot create {}: {e}", tmp.display()))?;
    let stop = StopOnSignal::new(&conn);
    let result = (|| -> Result<()> {
        recovery::test_point("rekey-started");
        // Born in WAL mode: the next writer need not switch it, a switch being a moment
        // with a rollback journal that a kill would leave hot.
        export_with_key(&conn, &tmp, new_key, version, "WAL")?;
        recovery::test_point("rekey-copied");
        if stop.stopped() {
            bail!("stopped by a signal");
        }
        Ok(())
    })();
    let stopped = stop.stopped();
    drop(stop);
    drop(conn);
    if let Err(e) = result {
        for leftover in [
            tmp.clone(),
            beside(&tmp, "-journal"),
            beside(&tmp, "-wal"),
            beside(&tmp, "-shm"),
        ] {
            let _ = std::fs::remove_file(leftover);
        }
        if stopped {
            bail!("interrupted; {} was left as it was", path.display());
        }
        return Err(e);
    }
    // The old file's side files go before the new file takes its name (it has none of its
    // own: it was closed clean), so no old WAL is ever read against the new file.
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(path, ext));
    }
    std::fs::rename(&tmp, path).map_err(|e| anyhow!("cannot replace {}: {e}", path.display()))?;
    recovery::test_point("rekey-replaced");
    sync_folder(path);
    Ok(())
}

/// Writes the database open on `conn` into the empty file `tmp` under `key` (empty: not
/// encrypted) with `sqlcipher_export`, schema version and application id included, in the
/// given journal mode, flushed to disk. SQLCipher copies pages (the backup API) only between
/// files encrypted alike: this is the way across.
pub(crate) fn export_with_key(
    conn: &Connection,
    tmp: &Path,
    key: &str,
    version: i64,
    journal_mode: &str,
) -> Result<()> {
    conn.execute(
        "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
        rusqlite::params![tmp.to_string_lossy(), key],
    )?;
    let result = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
        conn.execute_batch(&format!(
            "PRAGMA rekeyed.user_version = {version}; PRAGMA rekeyed.application_id = {APPLICATION_ID};"
        ))?;
        conn.query_row(
            &format!("PRAGMA rekeyed.journal_mode = {journal_mode}"),
            [],
            |_| Ok(()),
        )?;
        Ok(())
    })();
    let detached = conn.execute("DETACH DATABASE rekeyed", []);
    result?;
    detached?;
    std::fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| anyhow!("cannot write {}: {e}", tmp.display()))?;
    Ok(())
}

/// Flushes the folder holding `path`, so a rename in it survives a power cut.
pub(crate) fn sync_folder(path: &Path) {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// While it lives, SIGINT, SIGTERM and SIGHUP (the terminal closed) interrupt SQLite on one
/// connection and are remembered, instead of killing the process in the middle of writing a
/// file. (Afterwards they no longer end the process by themselves: signal-hook cannot put the
/// default action back. Only the short-lived encrypt/decrypt/rekey commands use it, and they
/// end right after.)
struct StopOnSignal {
    stopped: Arc<AtomicBool>,
    ids: Vec<signal_hook::SigId>,
    handle: Option<signal_hook::iterator::Handle>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StopOnSignal {
    fn new(conn: &Connection) -> StopOnSignal {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let stopped = Arc::new(AtomicBool::new(false));
        // Set in the handler itself, so it is true as soon as the signal has arrived.
        let ids = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter_map(|s| signal_hook::flag::register(s, stopped.clone()).ok())
            .collect();
        let interrupt = conn.get_interrupt_handle();
        let (handle, thread) = match signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        {
            Ok(mut signals) => {
                let handle = signals.handle();
                let thread = std::thread::spawn(move || {
                    for _ in signals.forever() {
                        interrupt.interrupt();
                    }
                });
                (Some(handle), Some(thread))
            }
            Err(_) => (None, None),
        };
        StopOnSignal {
            stopped,
            ids,
            handle,
            thread,
        }
    }

    fn stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }
}

impl Drop for StopOnSignal {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
        if let Some(h) = self.handle.take() {
            h.close();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
