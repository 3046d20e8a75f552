//! The single-writer lock is free the moment its writer closes, even in a process that starts
//! programs: a child between its fork and its exec holds a copy of every descriptor of the
//! process, the lock's too. Seen as a flaky "another kam is already writing" when all the
//! integration tests became threads of one process, and a program embedding the store (or
//! the interface starting a helper) would see the same.

use crate::support::*;
use kam::store::{Access, Store};
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;

#[test]
fn a_writer_closed_while_a_child_is_starting_leaves_the_book_free() {
    let db = TempDb::new();
    let writer = db.writer();
    drop(writer);
    // Once more, so that the book itself exists and both locks (`kam.db.lock` and the book's
    // own) are taken.
    let writer = db.writer();

    // A child that stops between fork and exec until told: it holds copies of the writer's
    // descriptors meanwhile (as any child started by another thread at that moment would).
    let (mut forked, mut forked_tx) = std::io::pipe().unwrap();
    let (mut go_rx, mut go) = std::io::pipe().unwrap();
    let starting = std::thread::spawn(move || {
        let mut child = std::process::Command::new("true");
        // SAFETY: only `write` and `read` on pipes between fork and exec (async-signal-safe,
        // no allocation).
        unsafe {
            child.pre_exec(move || {
                forked_tx.write_all(b"f")?;
                let mut b = [0u8];
                let _ = go_rx.read(&mut b)?;
                Ok(())
            });
        }
        // `spawn` returns once the child has run its program.
        child.status().unwrap()
    });
    let mut b = [0u8];
    forked.read_exact(&mut b).unwrap();

    drop(writer);
    let second = Store::open(&db.path, Access::Write);
    // Let the child go on to its program before judging, so that a failure does not leave it.
    go.write_all(b"g").unwrap();
    assert!(starting.join().unwrap().success());
    let second = second.map_err(|e| format!("{e:#}"));
    assert!(
        second.is_ok(),
        "a writer after the first closed: {:?}",
        second.err()
    );

    // And the lock still keeps a second writer out while one is open.
    let err = Store::open(&db.path, Access::Write).err().unwrap();
    assert!(
        format!("{err:#}").contains("another kam is already writing"),
        "{err:#}"
    );
    drop(second);
    assert!(Store::open(&db.path, Access::Write).is_ok());
}
