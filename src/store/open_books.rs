//! The books this process has open through a `Store`, by file identity (device and inode),
//! with whether each is encrypted. kam never reads the header of a book it has open already
//! (the interface opens readers beside its writer: reminders, the daily backup, grades):
//! closing any descriptor of a database file drops every POSIX lock this process holds on
//! it, SQLite's shared lock included, and without it another program's connection closing
//! may take itself for the last one, checkpoint and delete the WAL under kam's writer,
//! whose later saves would then go to a deleted file (unseen by others, lost in a power cut).

use std::fs::File;
use std::path::Path;
use std::sync::Mutex;

type FileId = (u64, u64);

struct Entry {
    id: FileId,
    encrypted: bool,
    stores: usize,
    /// The descriptor holding a writer's lock on the book (see `files::WriterLock`), closed
    /// when the last store of the book closes, after every connection of this process to it.
    held: Vec<File>,
}

static OPEN: Mutex<Vec<Entry>> = Mutex::new(Vec::new());

/// Device and inode of the file `path` leads to, from its metadata (nothing is opened).
fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Whether the book at `path` is encrypted, if this process has it open already.
pub(crate) fn known_encryption(path: &Path) -> Option<bool> {
    let id = file_id(path)?;
    let open = OPEN.lock().ok()?;
    open.iter().find(|e| e.id == id).map(|e| e.encrypted)
}

/// Marks the book at `path` open for as long as the returned value lives; `lock`: a
/// descriptor of the book holding the writer's lock, kept until the last store of it closes.
pub(crate) fn register(path: &Path, encrypted: bool, lock: Option<File>) -> OpenBook {
    let id = file_id(path);
    if let (Some(id), Ok(mut open)) = (id, OPEN.lock()) {
        match open.iter_mut().find(|e| e.id == id) {
            Some(e) => {
                e.stores += 1;
                e.held.extend(lock);
            }
            None => open.push(Entry {
                id,
                encrypted,
                stores: 1,
                held: lock.into_iter().collect(),
            }),
        }
    }
    OpenBook { id }
}

/// One `Store`'s mark on an open book.
pub(crate) struct OpenBook {
    id: Option<FileId>,
}

impl Drop for OpenBook {
    fn drop(&mut self) {
        let (Some(id), Ok(mut open)) = (self.id, OPEN.lock()) else {
            return;
        };
        if let Some(i) = open.iter().position(|e| e.id == id) {
            open[i].stores -= 1;
            if open[i].stores == 0 {
                // Unlocked, not only closed: a child between fork and exec may hold a copy
                // of the descriptor, and with it the lock (see `files::WriterLock`).
                for held in open.swap_remove(i).held {
                    let _ = held.unlock();
                }
            }
        }
    }
}
