//! Each account's latest visit and latest communication, kept in one row per account
//! (`account_latest`) by triggers on the two tables, so that the reminders and the week plan
//! read a date per account instead of grouping 136,000 visit reports and 326,000
//! communications at 100,000 accounts. Triggers, not the writer's code, keep it: every path
//! that writes those tables (the writer, trash and restore, merge, forget, the team sync's
//! apply, an undo) is followed without each having to remember it. A bulk load sets the
//! triggers aside with the finder's and [`rebuild`] writes the table afresh at its end;
//! `kam reindex` does the same. Also here: the expression indexes on contacts' yearly dates.

use anyhow::Result;
use rusqlite::Connection;

/// A contact's spouse's birthday and wedding anniversary, as the reminders read them from
/// the personal dossier (JSON): a dossier that is not JSON has none, rather than failing the
/// reminders (or, once indexed, every save of that contact).
pub const SPOUSE_BIRTHDAY: &str =
    "CASE WHEN json_valid(dossier) THEN json_extract(dossier, '$.spouse_birthday') END";
pub const WEDDING_ANNIVERSARY: &str =
    "CASE WHEN json_valid(dossier) THEN json_extract(dossier, '$.wedding_anniversary') END";

/// Sets an account's kept date of `column` (`visit` or `communication`) from its live rows
/// of `table`, by `field` (through the partial indexes `*_latest` of schema step 16).
fn recompute(table: &str, field: &str, column: &str, who: &str) -> String {
    format!(
        "INSERT OR IGNORE INTO account_latest (account_id) VALUES ({who}.account_id);
         UPDATE account_latest SET {column} =
             (SELECT max({field}) FROM {table}
               WHERE account_id = {who}.account_id AND deleted_at IS NULL)
          WHERE account_id = {who}.account_id;"
    )
}

/// The triggers of one table: a new live row can only move the date later (no lookup, so a
/// trigger costs little on every insert); a change or a removal computes it again for the
/// account it left and the one it joined (a merge moves rows between accounts).
fn triggers(table: &str, field: &str, column: &str) -> String {
    let old = recompute(table, field, column, "OLD");
    let new = recompute(table, field, column, "NEW");
    format!(
        "CREATE TRIGGER latest_{table}_new AFTER INSERT ON {table}
           WHEN NEW.deleted_at IS NULL AND NEW.{field} IS NOT NULL BEGIN
             INSERT OR IGNORE INTO account_latest (account_id) VALUES (NEW.account_id);
             UPDATE account_latest SET {column} = NEW.{field}
              WHERE account_id = NEW.account_id
                AND ({column} IS NULL OR {column} < NEW.{field});
         END;
         CREATE TRIGGER latest_{table}_changed
           AFTER UPDATE OF account_id, {field}, deleted_at ON {table} BEGIN
             {old}
             {new}
         END;
         CREATE TRIGGER latest_{table}_gone AFTER DELETE ON {table} BEGIN
             {old}
         END;"
    )
}

/// The schema step: the table, its triggers, filled from the rows as they are; and the
/// contacts' yearly dates indexed as the reminders ask for them (by month-day).
pub(crate) fn schema() -> String {
    format!(
        "CREATE TABLE account_latest (
             account_id INTEGER PRIMARY KEY,
             visit TEXT,
             communication TEXT
         );
         {}
         {}
         CREATE TRIGGER latest_account_purged AFTER DELETE ON accounts BEGIN
             DELETE FROM account_latest WHERE account_id = OLD.id;
         END;
         {FILL}
         CREATE INDEX contacts_birthday_day ON contacts(substr(birthday, 6, 5));
         CREATE INDEX contacts_spouse_birthday_day ON contacts(substr({SPOUSE_BIRTHDAY}, 6, 5));
         CREATE INDEX contacts_anniversary_day ON contacts(substr({WEDDING_ANNIVERSARY}, 6, 5));",
        triggers("visit_reports", "date", "visit"),
        triggers("communications", "at", "communication"),
    )
}

/// Every account's row written afresh from the live rows.
const FILL: &str = "
    DELETE FROM account_latest;
    INSERT INTO account_latest (account_id, visit, communication)
    SELECT account_id, max(visit), max(communication) FROM (
        SELECT account_id, max(date) AS visit, NULL AS communication FROM visit_reports
         WHERE deleted_at IS NULL AND date IS NOT NULL GROUP BY account_id
        UNION ALL
        SELECT account_id, NULL, max(at) FROM communications
         WHERE deleted_at IS NULL AND at IS NOT NULL GROUP BY account_id)
    GROUP BY account_id;";

/// How many accounts' kept dates differ from what their live visits and communications say
/// (`kam check`): a kept row disagreeing, missing, or kept for an account with none. A row
/// emptied by a removal (both dates none) agrees with an account that has none.
pub(crate) fn disagreeing(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row(
        "WITH truth AS (
             SELECT account_id, max(visit) AS visit, max(communication) AS communication FROM (
                 SELECT account_id, max(date) AS visit, NULL AS communication FROM visit_reports
                  WHERE deleted_at IS NULL AND date IS NOT NULL GROUP BY account_id
                 UNION ALL
                 SELECT account_id, NULL, max(at) FROM communications
                  WHERE deleted_at IS NULL AND at IS NOT NULL GROUP BY account_id)
             GROUP BY account_id)
         SELECT
           (SELECT count(*) FROM truth t LEFT JOIN account_latest l USING (account_id)
             WHERE l.visit IS NOT t.visit OR l.communication IS NOT t.communication)
         + (SELECT count(*) FROM account_latest l
             WHERE (l.visit IS NOT NULL OR l.communication IS NOT NULL)
               AND NOT EXISTS (SELECT 1 FROM truth t WHERE t.account_id = l.account_id))",
        [],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

/// The table written afresh (after a bulk load, by `kam reindex`), in the caller's
/// transaction.
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(FILL)?;
    Ok(())
}
