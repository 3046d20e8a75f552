//! The team edition: every rep offline on their own laptop file, the team's book on an
//! existing PostgreSQL server (issue 20; the design and its measured facts in
//! ../shared/team-sync.md, the user's side in docs/team.md). Beside `exchange`, above the
//! store: the store is the outbox and applies what is pulled (store/sync_*.rs); this module
//! speaks to the server.
//!
//! `kam sync` pushes, then pulls. A push sends the records this book changed, whole, with a
//! hybrid logical clock per field, and its tombstones; the server keeps per field the newer
//! clock (ties by replica), so a push sent twice changes nothing. A pull reads every change
//! after this book's cursor that row-level security lets its rep see, and applies it with
//! the cursor in one SQLite transaction: a kill at any moment loses nothing and applies
//! nothing twice.

pub mod attachments;
pub mod connect;
pub mod push;
mod report;
pub mod server;
mod server_said;

use crate::i18n::Said;
use crate::store::sync_apply::{Incoming, TeamView};
use crate::store::sync_outbox::RecordState;
use crate::store::sync_settings::UID as TEAM_SETTINGS;
use crate::store::Store;
use anyhow::{bail, Result};
use connect::{refused, Server};
pub use report::{Phases, Refusal, Report};
use serde_json::Value;

/// The server's reason for refusing a rep's change to the product catalogue (step 7).
pub const CATALOGUE_REFUSED: &str = "the catalogue is the manager's";
/// The server's reason for a rep's change to the team's targets (server step 9).
pub const TARGETS_REFUSED: &str = "targets are the manager's";

/// The book's server, or the sentence that it has none.
pub fn server_of(store: &Store, lang: crate::i18n::Lang) -> Result<Server> {
    let me = store.sync_self()?;
    match (me.server, me.password) {
        (Some(url), Some(password)) => Ok(Server {
            url,
            password,
            ca: me.ca,
            lang,
        }),
        _ => bail!(Said::new("sync-not-in-team")),
    }
}

/// Joins the book to the team at `server` as the address's login (a rep the manager added,
/// or the manager after `init`): registers this file as a replica and keeps the address,
/// the password and the authority in the book. New account codes then start `C<n>-`.
pub fn join(store: &mut Store, server: &Server) -> Result<String> {
    let login = connect::parse(&server.url)?.login;
    let me = store.sync_self()?;
    if let (Some(url), Some(was)) = (&me.server, &me.login) {
        // Its cursors belong to that server: another team would get a partial book.
        if connect::parse(url)?.login != login || !same_place(url, &server.url) {
            bail!(Said::new("sync-other-team")
                .with("url", url.as_str())
                .with("name", was.as_str()));
        }
    }
    let mut client = connect::connect(server)?;
    let version = crate::store::migrations::current_version() as i32;
    let n: i32 = client
        .query_one("SELECT kam.join_replica($1, $2)", &[&me.replica, &version])
        .map_err(refused)?
        .get(0);
    let manager: bool = client
        .query_one("SELECT kam.is_manager()", &[])
        .map_err(refused)?
        .get(0);
    let prefix = format!("C{n}-");
    store.join_team(
        &server.url,
        &login,
        &server.password,
        server.ca.as_deref(),
        &prefix,
    )?;
    // A rep's book offers no change to the manager's catalogue from its first moment.
    store.keep_own_role(&login, manager)?;
    Ok(prefix)
}

/// Whether two addresses name the same server and database (options aside).
fn same_place(a: &str, b: &str) -> bool {
    let base = |u: &str| {
        u.split('?')
            .next()
            .unwrap_or(u)
            .trim_end_matches('/')
            .to_string()
    };
    base(a) == base(b)
}

/// What the network half of a sync brought back, for [`finish`] to apply on the writer.
pub struct Exchange {
    report: Report,
    upto_hlc: i64,
    upto_tombstone: i64,
    incoming: Vec<Incoming>,
    seq: i64,
    replica: String,
    /// The rep of each laptop of the team, for the history of pulled changes.
    reps: std::collections::HashMap<String, String>,
    /// The team's reps and who holds each account, for the manager's reports of one rep.
    team: TeamView,
    /// The files the server committed, as sent (id, trash state).
    files_sent: Vec<(i64, Option<String>)>,
}

/// Push, then pull; see the top of this file.
/// `lang`: the reader's, for what the connection says (see [`Server::lang`]).
pub fn sync(store: &mut Store, lang: crate::i18n::Lang) -> Result<Report> {
    let server = server_of(store, lang)?;
    let ex = exchange(store, &server)?;
    let report = finish(store, ex)?;
    if report.sent_forgets + report.applied.forgotten > 0 {
        erase_residue(&server)?;
    }
    Ok(report)
}

/// After a forget, the manager's sync rewrites the server's tables that held the erased
/// values (`VACUUM FULL`), so their old row versions do not stay readable in the server's
/// files. Only the tables' owner (the manager who ran `kam team init`) may: for anyone else
/// this does nothing. The server's WAL and backups keep the bytes until they are recycled
/// (docs/team.md).
pub fn erase_residue(server: &Server) -> Result<()> {
    let mut client = connect::connect(server)?;
    let owner: bool = client
        .query_one(
            "SELECT pg_get_userbyid(relowner) = current_user FROM pg_class
              WHERE oid = 'kam.records'::regclass",
            &[],
        )
        .map_err(refused)?
        .get(0);
    if owner {
        client
            .batch_execute("VACUUM (FULL) kam.records")
            .map_err(refused)?;
        client
            .batch_execute("VACUUM (FULL) kam.rejected")
            .map_err(refused)?;
        // The files forgotten (a server before step 6 has none).
        let files: bool = client
            .query_one(
                "SELECT to_regclass('kam.attachment_chunks') IS NOT NULL",
                &[],
            )
            .map_err(refused)?
            .get(0);
        if files {
            client
                .batch_execute("VACUUM (FULL) kam.attachment_chunks")
                .map_err(refused)?;
            client
                .batch_execute("VACUUM (FULL) kam.attachments")
                .map_err(refused)?;
        }
    }
    Ok(())
}

/// The network half: reads the outbox (a read connection will do, so the interface runs it
/// in the background), pushes it, and reads what to pull. Changes nothing in the book.
pub fn exchange(store: &Store, server: &Server) -> Result<Exchange> {
    let mut client = connect::connect(server)?;
    let me = store.sync_self()?;
    let mut report = Report::default();
    let marks = push::push(&mut client, store, &me.replica, &mut report)?;
    // After the records: a file's account must be on the server before the file.
    let files_sent = attachments::push(&mut client, store)?;
    for r in &mut report.refused {
        r.title = store.title_by_uid(&r.entity, &r.uid)?;
    }

    let pull_started = std::time::Instant::now();
    let cursor = me.pulled_seq;
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(refused)?;
    let mut incoming = vec![];
    // What this laptop's own first push made (step 4's `echo_of`) it holds already: skipped,
    // with the cursor moved past it.
    let echoes: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'kam.records'::regclass
                             AND attname = 'echo_of' AND NOT attisdropped)",
            &[],
        )
        .map_err(refused)?
        .get(0);
    let mut seq = cursor;
    let records = if echoes {
        let newest: Option<i64> = tx
            .query_one(
                "SELECT max(seq) FROM kam.records WHERE seq > $1",
                &[&cursor],
            )
            .map_err(refused)?
            .get(0);
        seq = seq.max(newest.unwrap_or(cursor));
        tx.query(
            "SELECT uid, entity, account_uid, vals, clocks, seq FROM kam.records
              WHERE seq > $1 AND echo_of IS DISTINCT FROM $2 ORDER BY seq",
            &[&cursor, &me.replica],
        )
    } else {
        tx.query(
            "SELECT uid, entity, account_uid, vals, clocks, seq FROM kam.records
              WHERE seq > $1 ORDER BY seq",
            &[&cursor],
        )
    };
    for r in records.map_err(refused)? {
        seq = seq.max(r.get(5));
        let values = object(r.get(3));
        let clocks = push::expand(&values, object(r.get(4)));
        incoming.push(Incoming::Record(RecordState {
            uid: r.get(0),
            entity: r.get(1),
            account_uid: r.get(2),
            values,
            clocks,
        }));
    }
    for r in tx
        .query(
            "SELECT uid, entity, seq FROM kam.forgotten WHERE seq > $1",
            &[&cursor],
        )
        .map_err(refused)?
    {
        seq = seq.max(r.get(2));
        incoming.push(Incoming::Forgotten {
            uid: r.get(0),
            entity: r.get(1),
        });
    }
    for r in tx
        .query(
            "SELECT account_uid, seq FROM kam.revoked WHERE seq > $1",
            &[&cursor],
        )
        .map_err(refused)?
    {
        seq = seq.max(r.get(1));
        incoming.push(Incoming::Revoked {
            account_uid: r.get(0),
        });
    }
    // A server not yet at step 2 has no names to give: the history then shows laptop ids.
    let has_names: bool = tx
        .query_one(
            "SELECT to_regprocedure('kam.replica_reps()') IS NOT NULL",
            &[],
        )
        .map_err(refused)?
        .get(0);
    let mut reps = std::collections::HashMap::new();
    if has_names {
        for r in tx
            .query("SELECT replica, rep FROM kam.replica_reps()", &[])
            .map_err(refused)?
        {
            reps.insert(r.get(0), r.get(1));
        }
    }
    // A record refused as not this rep's leaves this laptop, and comes back as the server
    // has it when the rep may still see it (the change was a move to another's account).
    // So does a rep's change to the team's catalogue (server step 7): the team's comes back.
    // So do the targets (step 9).
    let leaves = |r: &&Refusal| {
        r.reason == "account not yours"
            || r.reason == CATALOGUE_REFUSED
            || r.reason == TARGETS_REFUSED
    };
    let not_ours: Vec<String> = report
        .refused
        .iter()
        .filter(leaves)
        .map(|r| r.uid.clone())
        .collect();
    for r in report.refused.iter().filter(leaves) {
        incoming.push(Incoming::NotOurs {
            entity: r.entity.clone(),
            uid: r.uid.clone(),
        });
    }
    if !not_ours.is_empty() {
        for r in tx
            .query(
                "SELECT uid, entity, account_uid, vals, clocks FROM kam.records
                  WHERE uid = ANY($1)",
                &[&not_ours],
            )
            .map_err(refused)?
        {
            let values = object(r.get(3));
            let clocks = push::expand(&values, object(r.get(4)));
            incoming.push(Incoming::Record(RecordState {
                uid: r.get(0),
                entity: r.get(1),
                account_uid: r.get(2),
                values,
                clocks,
            }));
        }
    }
    // The files after the records they belong to (applied last, in the same transaction).
    let (files, files_seq) = attachments::pull(&mut tx, store, cursor)?;
    seq = seq.max(files_seq);
    incoming.extend(files);
    // The team's settings at every pull, changed or not: a rep's laptop keeps the team's.
    if !incoming
        .iter()
        .any(|i| matches!(i, Incoming::Record(r) if r.uid == TEAM_SETTINGS))
    {
        if let Some(r) = tx
            .query_opt(
                "SELECT vals, clocks FROM kam.records WHERE uid = $1",
                &[&TEAM_SETTINGS],
            )
            .map_err(refused)?
        {
            let values = object(r.get(0));
            let clocks = push::expand(&values, object(r.get(1)));
            incoming.push(Incoming::Record(RecordState {
                uid: TEAM_SETTINGS.to_string(),
                entity: crate::store::sync_settings::ENTITY.to_string(),
                account_uid: crate::store::sync_settings::TEAM.to_string(),
                values,
                clocks,
            }));
        }
    }
    let mut team = TeamView {
        manager: tx
            .query_one("SELECT kam.is_manager()", &[])
            .map_err(refused)?
            .get(0),
        ..Default::default()
    };
    for r in tx
        .query("SELECT name, manager FROM kam.reps ORDER BY name", &[])
        .map_err(refused)?
    {
        team.reps.push((r.get(0), r.get(1)));
    }
    // Who holds each account: only a manager's reports of one rep need it (a rep's book
    // holds only their own, and a big rep's would rewrite 100,000 rows at every sync).
    if team.manager {
        for r in tx
            .query("SELECT account_uid, rep FROM kam.account_access", &[])
            .map_err(refused)?
        {
            team.access.push((r.get(0), r.get(1)));
        }
    }
    tx.commit().map_err(refused)?;
    report.pulled = incoming.len();
    report.phases.pull = pull_started.elapsed();
    client
        .execute("SELECT kam.pulled($1)", &[&me.replica])
        .map_err(refused)?;
    Ok(Exchange {
        report,
        upto_hlc: marks.upto_hlc,
        upto_tombstone: marks.upto_tombstone,
        incoming,
        seq,
        replica: me.replica,
        reps,
        team,
        files_sent,
    })
}

/// A JSON object's members (none for anything else).
fn object(v: Value) -> serde_json::Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Default::default(),
    }
}

/// The book's half, on the writer: marks the push sent (the server committed it) and applies
/// the pull with its cursor in one transaction.
pub fn finish(store: &mut Store, ex: Exchange) -> Result<Report> {
    if store.sync_self()?.replica != ex.replica {
        bail!(Said::new("sync-book-changed"));
    }
    store.mark_pushed(ex.upto_hlc, ex.upto_tombstone)?;
    store.mark_attachments_pushed(&ex.files_sent)?;
    let mut report = ex.report;
    crate::store::recovery::test_point("sync-before-apply");
    let started = std::time::Instant::now();
    report.applied = store.apply_remote(&ex.incoming, ex.seq, &ex.reps, Some(&ex.team))?;
    report.phases.apply = started.elapsed();
    Ok(report)
}
