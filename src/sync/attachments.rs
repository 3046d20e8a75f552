//! Attachments over the wire (issue 22; the server's side in server/006_attachments.sql, the
//! book's in store/sync_attachments.rs). Records travel as JSON values per field; a file
//! does not: its listing is one call, its bytes one call per chunk of [`CHUNK`] bytes, as a
//! binary parameter (no base64, no JSON). A 20 MB scan is then 20 statements of 1 MiB: the
//! memory a push or a pull holds for a file's bytes is a chunk on the server and at most the
//! file on the laptop (SQLite hands a blob whole), a broken connection costs the chunk under
//! way (the chunks stored stay and the next sync sends the rest), and the server's rows stay
//! far below its 1 GB field limit and out of the record push's one big transaction.
//! A file is pulled once complete, in the pull's transaction, to the reps who may see its
//! account (row-level security); a forget on any laptop takes it off the server.

use super::connect::refused;
use crate::store::sync_attachments::{PulledAttachment, TravellingAttachment};
use crate::store::sync_wire::Incoming;
use crate::store::Store;
use anyhow::Result;
use postgres::{Client, Transaction};

/// 1 MiB: small enough that a chunk is cheap to resend and to hold, large enough that a
/// 20 MB file is 20 round trips, not thousands.
pub const CHUNK: usize = 1024 * 1024;

/// Whether the team's server has step 8 (a rep may sync before the manager upgraded it).
fn server_has_files(client: &mut impl postgres::GenericClient) -> Result<bool> {
    Ok(client
        .query_one(
            "SELECT to_regclass('kam.attachment_chunks') IS NOT NULL",
            &[],
        )
        .map_err(refused)?
        .get(0))
}

/// Sends the files this book changed: each listing, then its chunks, in a transaction of
/// its own. What the server committed, as sent (for `Store::mark_attachments_pushed`).
pub fn push(client: &mut Client, store: &Store) -> Result<Vec<(i64, Option<String>)>> {
    let waiting = store.attachments_to_push()?;
    if waiting.is_empty() || !server_has_files(client)? {
        return Ok(vec![]);
    }
    let mut sent = vec![];
    for a in waiting {
        let chunks = (a.size as usize).div_ceil(CHUNK).max(1) as i32;
        let mut tx = client.transaction().map_err(refused)?;
        let taken: bool = tx
            .query_one(
                "SELECT kam.put_attachment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                &[
                    &a.uid,
                    &a.account_uid,
                    &a.contact_uid,
                    &a.visit_uid,
                    &a.name,
                    &a.mime,
                    &a.size,
                    &a.added_at,
                    &a.added_by,
                    &a.deleted_at,
                    &chunks,
                ],
            )
            .map_err(refused)?
            .get(0);
        if !taken {
            // Refused (forgotten, or another rep's account): not sent again; the records'
            // refusal takes the account off this laptop.
            tx.commit().map_err(refused)?;
            sent.push((a.id, a.deleted_at));
            continue;
        }
        let have: i64 = tx
            .query_one(
                "SELECT count(*) FROM kam.attachment_chunks WHERE uid = $1",
                &[&a.uid],
            )
            .map_err(refused)?
            .get(0);
        if have < chunks as i64 {
            for n in 0..chunks {
                let bytes = store.attachment_chunk(a.id, n as usize, CHUNK)?;
                tx.execute("SELECT kam.put_chunk($1, $2, $3)", &[&a.uid, &n, &bytes])
                    .map_err(refused)?;
            }
        }
        tx.commit().map_err(refused)?;
        sent.push((a.id, a.deleted_at));
    }
    Ok(sent)
}

/// The complete files changed on the server after `cursor` that this rep may see, with the
/// bytes of those this book does not hold; and the newest change read.
pub fn pull(tx: &mut Transaction, store: &Store, cursor: i64) -> Result<(Vec<Incoming>, i64)> {
    if !server_has_files(tx)? {
        return Ok((vec![], cursor));
    }
    let mut out = vec![];
    let mut seq = cursor;
    let rows = tx
        .query(
            "SELECT uid, account_uid, contact_uid, visit_uid, name, mime, size, added_at,
                    added_by, deleted_at, seq
               FROM kam.attachments WHERE seq > $1 AND complete ORDER BY seq",
            &[&cursor],
        )
        .map_err(refused)?;
    for r in rows {
        seq = seq.max(r.get(10));
        let listing = TravellingAttachment {
            id: 0,
            uid: r.get(0),
            account_uid: r.get(1),
            contact_uid: r.get(2),
            visit_uid: r.get(3),
            name: r.get(4),
            mime: r.get(5),
            size: r.get(6),
            added_at: r.get(7),
            added_by: r.get(8),
            deleted_at: r.get(9),
        };
        let bytes = if store.has_attachment(&listing.uid)? {
            None
        } else {
            let mut bytes = Vec::with_capacity(listing.size.max(0) as usize);
            for c in tx
                .query(
                    "SELECT bytes FROM kam.attachment_chunks WHERE uid = $1 ORDER BY n",
                    &[&listing.uid],
                )
                .map_err(refused)?
            {
                bytes.extend_from_slice(c.get::<_, &[u8]>(0));
            }
            Some(bytes)
        };
        out.push(Incoming::Attachment(Box::new(PulledAttachment {
            listing,
            bytes,
        })));
    }
    Ok((out, seq))
}
