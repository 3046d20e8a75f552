//! The manager's view of one rep (`kam report … --rep NAME`, issue 20): the team's reps and
//! who holds each account, as the last sync brought them from the server (so the reports
//! work offline too), and a read connection narrowed to one rep's accounts. Narrowing is
//! done below every query rather than in each: temporary views named like the record tables
//! (SQLite reads `temp` before `main`), so every report and analysis reads the same rep's
//! book through the code it always runs, and nothing is ever written.

use super::Store;
use crate::domain::record::RecordKind;
use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// Schema step: the team as this book last saw it.
pub(crate) const SCHEMA: &str = "
    -- The team's reps (a manager too), as the last sync read them.
    CREATE TABLE sync_reps (name TEXT PRIMARY KEY, manager INTEGER NOT NULL DEFAULT 0);
    -- Who holds each account on the server (kam team assign moves it).
    CREATE TABLE sync_access (account_uid TEXT PRIMARY KEY, rep TEXT NOT NULL);";

/// Replaces the team's reps and the holders of accounts, in the pull's transaction.
pub(crate) fn keep_team(
    conn: &Connection,
    reps: &[(String, bool)],
    access: &[(String, String)],
) -> Result<()> {
    conn.execute("DELETE FROM sync_reps", [])?;
    conn.execute("DELETE FROM sync_access", [])?;
    let mut rep = conn.prepare_cached("INSERT OR REPLACE INTO sync_reps VALUES (?1, ?2)")?;
    for (name, manager) in reps {
        rep.execute(params![name, manager])?;
    }
    let mut holder = conn.prepare_cached("INSERT OR REPLACE INTO sync_access VALUES (?1, ?2)")?;
    for (account, name) in access {
        holder.execute(params![account, name])?;
    }
    Ok(())
}

impl Store {
    /// The team's reps as the last sync read them (none in a book without a team).
    pub fn team_reps(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name FROM sync_reps ORDER BY name")?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// Narrows this read connection to the accounts `rep` holds, with everything in them, for
    /// the rest of its life. The caller checks the name against [`Store::team_reps`] (and
    /// says so in the person's language); a name the book does not know narrows to nothing.
    pub fn narrow_to_rep(&mut self, rep: &str) -> Result<()> {
        narrow(self.conn(), rep)?;
        self.rep = Some(rep.to_string());
        Ok(())
    }

    /// Whether this book belongs to a rep of a team who is not a manager, as the last sync
    /// (or the join) said: the team's product catalogue and targets are then the manager's,
    /// and the server refuses a change to them (server steps 7 and 9), so nothing here offers
    /// one. A solo book, a manager's, or a team book that was never told: false.
    pub fn is_rep_of_team(&self) -> Result<bool> {
        let Some(login) = super::sync_outbox::read_self(self.conn())?.login else {
            return Ok(false);
        };
        let manager: Option<bool> = self
            .conn()
            .query_row(
                "SELECT manager FROM sync_reps WHERE name = ?1",
                [&login],
                |r| r.get(0),
            )
            .optional()?;
        Ok(manager == Some(false))
    }

    /// The book's rep as the team's server just said it (at `kam team join`), before the
    /// first sync brings the whole team.
    pub fn keep_own_role(&mut self, login: &str, manager: bool) -> Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO sync_reps VALUES (?1, ?2)",
            params![login, manager],
        )?;
        Ok(())
    }

    /// The rep this connection is narrowed to.
    pub fn narrowed_to(&self) -> Option<&str> {
        self.rep.as_deref()
    }
}

/// The temporary views; also made on a second reader of a narrowed store.
pub(crate) fn narrow(conn: &Connection, rep: &str) -> Result<()> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS scope_rep (name TEXT NOT NULL)")?;
    conn.execute("DELETE FROM temp.scope_rep", [])?;
    conn.execute("INSERT INTO temp.scope_rep VALUES (?1)", [rep])?;
    let mut sql = String::from(
        "CREATE TEMP VIEW IF NOT EXISTS accounts AS SELECT * FROM main.accounts
          WHERE uid IN (SELECT account_uid FROM main.sync_access
                         WHERE rep = (SELECT name FROM temp.scope_rep));",
    );
    for kind in RecordKind::ALL
        .iter()
        .filter(|k| **k != RecordKind::Account)
    {
        let t = kind.table();
        sql.push_str(&format!(
            "CREATE TEMP VIEW IF NOT EXISTS {t} AS SELECT * FROM main.{t}
              WHERE account_id IN (SELECT id FROM temp.accounts);"
        ));
    }
    sql.push_str(
        "CREATE TEMP VIEW IF NOT EXISTS account_plans AS SELECT * FROM main.account_plans
          WHERE account_id IN (SELECT id FROM temp.accounts);",
    );
    conn.execute_batch(&sql)?;
    Ok(())
}
