//! Encryption at rest in SQLCipher 4's format (SQLite3 Multiple Ciphers, see
//! vendor/libsqlite3-sys), on by choice (`kam encrypt`): writing the whole book again under a
//! new key, crash-safe. The key held for the process and applied to each
//! connection is `key.rs`, re-exported here for the callers of `store::cipher`.

pub(crate) use super::key::passphrase;
pub use super::key::{is_encrypted, passphrase_opens, set_passphrase};

use super::connection::{connect, Access};
use super::files::{beside, cannot, lock_writer};
use super::recovery;
use crate::i18n::Said;
use anyhow::{bail, Result};
use rusqlite::Connection;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Writes the database at `path` again under `new_key` (empty: not encrypted) with
/// `VACUUM INTO`: encrypt, decrypt and change the passphrase are all this. Crash-safe:
/// the new file is built whole beside the book (`<db>.kam-rekey`), flushed to disk, and only
/// then renamed over it, so a kill at any moment leaves the book under the old key or under
/// the new one, never between; a leftover copy is removed at the next start (see
/// `recovery`). SIGINT, SIGTERM or SIGHUP stops the work and removes the copy. The writer
/// lock is held throughout.
pub fn rewrite_with_key(path: &Path, new_key: &str) -> Result<()> {
    if !path.is_file() {
        bail!(Said::new("store-no-database").with("file", path));
    }
    let _lock = lock_writer(path)?;
    recovery::at_start(path, true)?;
    let conn = connect(path, Access::Write)?;
    // Everything in the main file first, so the export reads one consistent file.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    let tmp = recovery::rekey_copy(path);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(&tmp)
        .map_err(|e| cannot("store-cannot-create", &tmp, &e))?;
    let stop = StopOnSignal::new(&conn);
    let result = (|| -> Result<()> {
        recovery::test_point("rekey-started");
        // Born in WAL mode: the next writer need not switch it, a switch being a moment
        // with a rollback journal that a kill would leave hot.
        export_with_key(&conn, &tmp, new_key, "WAL")?;
        recovery::test_point("rekey-copied");
        if stop.stopped() {
            bail!(Said::new("store-stopped-by-signal"));
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
            bail!(Said::new("store-interrupted").with("file", path));
        }
        return Err(e);
    }
    // The old file's side files go before the new file takes its name (it has none of its
    // own: it was closed clean), so no old WAL is ever read against the new file.
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(path, ext));
    }
    std::fs::rename(&tmp, path).map_err(|e| cannot("store-cannot-replace", path, &e))?;
    recovery::test_point("rekey-replaced");
    sync_folder(path);
    Ok(())
}

/// Writes the database open on `conn` into the empty file `tmp` under `key` (empty: not
/// encrypted) with `VACUUM INTO` (schema, rows, schema version and application id, as SQLite
/// copies them), in the given journal mode, flushed to disk. Pages are copied (the backup
/// API) only between files encrypted alike: this is the way across.
pub(crate) fn export_with_key(
    conn: &Connection,
    tmp: &Path,
    key: &str,
    journal_mode: &str,
) -> Result<()> {
    // The target's cipher in the URI: SQLCipher 4 under the key (given in hex: any byte of a
    // passphrase passes unescaped), or an empty key, which writes a plain file.
    let cipher = if key.is_empty() {
        "key=".to_string()
    } else {
        let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        format!("cipher=sqlcipher&legacy=4&hexkey={hex}")
    };
    conn.execute("VACUUM INTO ?1", [format!("{}?{cipher}", file_uri(tmp))])?;
    // Never a plain copy where an encrypted one was asked for, nor the other way.
    if super::key::is_encrypted(tmp) == key.is_empty() {
        bail!(Said::new("store-not-written").with("file", tmp));
    }
    // VACUUM INTO writes a rollback-journal file; WAL is a flag in the (encrypted) header.
    if !journal_mode.eq_ignore_ascii_case("DELETE") {
        let copy = Connection::open_with_flags(
            tmp,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        if !key.is_empty() {
            copy.pragma_update(None, "key", key)?;
        }
        copy.query_row(&format!("PRAGMA journal_mode = {journal_mode}"), [], |_| {
            Ok(())
        })?;
    }
    std::fs::File::open(tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| cannot("store-cannot-write", tmp, &e))?;
    Ok(())
}

/// `path` as an SQLite URI filename (`file:` and the absolute path, every byte that is not
/// plainly safe percent-encoded), so that `?`, `#` or `%` in a folder's name stay the name.
fn file_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in absolute.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(*b as char)
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
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
