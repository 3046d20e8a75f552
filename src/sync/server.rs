//! The team server's schema and its administration, from kam: ordered migrations kept in
//! this repository (`server/NNN_*.sql`, only ever added, like the store's), a rep's login
//! and role, an account's reassignment, and the team's status.

use super::connect::refused;
use crate::i18n::Said;
use anyhow::{bail, Result};
use postgres::Client;

/// The server's schema steps, in order.
const STEPS: &[&str] = &[
    include_str!("server/001_team.sql"),
    include_str!("server/002_rep_names.sql"),
    include_str!("server/003_staged_push.sql"),
    include_str!("server/004_first_upload.sql"),
    include_str!("server/005_one_transaction.sql"),
    include_str!("server/006_one_pass.sql"),
    include_str!("server/007_catalogue.sql"),
    // Issue 22: attachments, chunked (sync/attachments.rs).
    include_str!("server/008_attachments.sql"),
    // Issue 21's targets travel like the catalogue.
    include_str!("server/009_targets.sql"),
    // The sensitive dossier items that an earlier kam sent, emptied on the server.
    include_str!("server/010_sensitive.sql"),
];

/// The step that empties the sensitive dossier items on the server: a server that had
/// records before it has its tables rewritten once it is applied.
const SENSITIVE_STEP: i32 = 10;

/// The schema version this kam writes on the server.
pub fn current_version() -> i32 {
    STEPS.len() as i32
}

/// Creates or upgrades the `kam` schema: each missing step in its own transaction, under a
/// lock so two managers running it at once do not both apply a step. The caller (the login
/// in the address) becomes the team's manager and owns the schema.
pub fn init(client: &mut Client) -> Result<i32> {
    client
        .batch_execute(
            "SELECT pg_advisory_lock(20200);
             DO $$ BEGIN
                 IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kam_team') THEN
                     CREATE ROLE kam_team NOLOGIN;
                 END IF;
             END $$;
             CREATE SCHEMA IF NOT EXISTS kam;
             CREATE TABLE IF NOT EXISTS kam.migrations (
                 version integer PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());",
        )
        .map_err(refused)?;
    let have: i32 = client
        .query_one("SELECT coalesce(max(version), 0) FROM kam.migrations", &[])
        .map_err(refused)?
        .get(0);
    if have > current_version() {
        bail!(Said::new("team-schema-newer")
            .with("have", have as i64)
            .with("known", current_version() as i64));
    }
    for (i, sql) in STEPS.iter().enumerate().skip(have as usize) {
        let v = i as i32 + 1;
        let mut tx = client.transaction().map_err(refused)?;
        tx.batch_execute(sql).map_err(refused)?;
        tx.execute("INSERT INTO kam.migrations (version) VALUES ($1)", &[&v])
            .map_err(refused)?;
        tx.commit().map_err(refused)?;
    }
    if have > 0 && have < SENSITIVE_STEP {
        // The emptied items' old row versions leave the table files (only the tables' owner
        // may; for another manager PostgreSQL skips it with a warning).
        // One statement per call: a string of several runs as one transaction, refused.
        for table in ["kam.records", "kam.rejected"] {
            client
                .batch_execute(&format!("VACUUM (FULL) {table}"))
                .map_err(refused)?;
        }
    }
    let min = crate::store::migrations::SYNC_VERSION as i32;
    client
        .execute(
            "UPDATE kam.server_info SET min_kam_schema = greatest(min_kam_schema, $1)",
            &[&min],
        )
        .map_err(refused)?;
    client
        .batch_execute(
            "INSERT INTO kam.reps (name, manager) VALUES (session_user, true)
                 ON CONFLICT (name) DO UPDATE SET manager = true;
             SELECT pg_advisory_unlock(20200);",
        )
        .map_err(refused)?;
    Ok(current_version())
}

/// A rep's name as a login: plain lower-case letters, digits and `_`, so it reads the same
/// in every tool that shows logins.
pub fn check_rep_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        bail!(Said::new("team-bad-rep-name").with("name", name));
    }
    Ok(())
}

/// The SCRAM-SHA-256 verifier of a password (RFC 5802/7677, as PostgreSQL stores it: 4096
/// rounds, a random 16-byte salt, the password SASLprep-normalised as the driver sends it),
/// made here so that the password itself never reaches the server's logs.
pub fn scram_verifier(password: &str) -> Result<String> {
    Ok(postgres_protocol::password::scram_sha_256(
        password.as_bytes(),
    ))
}

/// Creates a rep's login (member of `kam_team`) and registers the rep.
pub fn add_rep(client: &mut Client, name: &str, password: &str, manager: bool) -> Result<()> {
    check_rep_name(name)?;
    let verifier = scram_verifier(password)?;
    let mut tx = client.transaction().map_err(refused)?;
    let exists = tx
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&name])
        .map_err(refused)?
        .is_some();
    let verb = if exists { "ALTER" } else { "CREATE" };
    let sql: String = tx
        .query_one(
            &format!("SELECT format('{verb} ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)"),
            &[&name, &verifier],
        )
        .map_err(refused)?
        .get(0);
    tx.batch_execute(&sql).map_err(refused)?;
    let grant: String = tx
        .query_one("SELECT format('GRANT kam_team TO %I', $1::text)", &[&name])
        .map_err(refused)?
        .get(0);
    tx.batch_execute(&grant).map_err(refused)?;
    tx.execute(
        "INSERT INTO kam.reps (name, manager) VALUES ($1, $2)
             ON CONFLICT (name) DO UPDATE SET manager = $2",
        &[&name, &manager],
    )
    .map_err(refused)?;
    tx.commit().map_err(refused)?;
    Ok(())
}

/// Gives an account (by its global id) to a rep.
pub fn assign(client: &mut Client, account_uid: &str, rep: &str) -> Result<()> {
    client
        .execute("SELECT kam.assign($1, $2)", &[&account_uid, &rep])
        .map_err(refused)?;
    Ok(())
}

/// Erases the account with `code` on the server (a manager only); its id, or none when the
/// server has no such account.
pub fn forget_account(client: &mut Client, code: &str) -> Result<Option<String>> {
    Ok(client
        .query_one("SELECT kam.forget_account($1)", &[&code])
        .map_err(refused)?
        .get(0))
}

/// One rep as `kam team status` shows them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RepStatus {
    pub name: String,
    pub manager: bool,
    pub laptops: i64,
    pub accounts: i64,
    pub last_push: Option<String>,
    pub last_pull: Option<String>,
    pub rejected: i64,
}

/// The reps the caller may see (all for the manager, themselves for a rep).
pub fn status(client: &mut Client) -> Result<Vec<RepStatus>> {
    let rows = client
        .query(
            "SELECT r.name, r.manager,
                    (SELECT count(*) FROM kam.replicas p WHERE p.rep = r.name),
                    (SELECT count(*) FROM kam.account_access a WHERE a.rep = r.name),
                    (SELECT to_char(max(last_push), 'YYYY-MM-DD HH24:MI') FROM kam.replicas p WHERE p.rep = r.name),
                    (SELECT to_char(max(last_pull), 'YYYY-MM-DD HH24:MI') FROM kam.replicas p WHERE p.rep = r.name),
                    (SELECT count(*) FROM kam.rejected j WHERE j.rep = r.name)
               FROM kam.reps r
              WHERE kam.is_manager() OR r.name = session_user
              ORDER BY r.manager DESC, r.name",
            &[],
        )
        .map_err(refused)?;
    Ok(rows
        .iter()
        .map(|r| RepStatus {
            name: r.get(0),
            manager: r.get(1),
            laptops: r.get(2),
            accounts: r.get(3),
            last_push: r.get(4),
            last_pull: r.get(5),
            rejected: r.get(6),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rep_names_are_plain_logins() {
        for ok in ["li", "wang_2", "_x"] {
            assert!(check_rep_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "Li", "李", "a b", "x;drop", "1a"] {
            assert!(check_rep_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_scram_verifier_has_postgres_shape() {
        let v = scram_verifier("secret").unwrap();
        assert!(v.starts_with("SCRAM-SHA-256$4096:"), "{v}");
        assert!(!v.contains("secret"));
        assert_ne!(v, scram_verifier("secret").unwrap(), "salted");
    }
}
