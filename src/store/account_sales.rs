//! Each account's sales per calendar year, kept in one row per account and year
//! (`account_sales`) by triggers on the deals, so that the grades computed from sales — which
//! the list, the brief, the week plan and the reminders show — read one small row per account
//! instead of summing the year's deals (at 100,000 accounts, 138,000 deals: 65 ms of the week
//! plan's ~190). Triggers, as for `account_latest`, so that every path that writes a deal
//! (the writer, trash and restore, merge, forget, the team sync's apply, an undo) is
//! followed; a bulk load sets them aside and [`rebuild`] writes the table afresh at its end;
//! `kam reindex` does the same and `kam check` compares it ([`disagreeing`]).
//!
//! A deal counts as the sums over a date range count it (`store/analytics.rs`): live, not
//! cancelled, its amount (else quantity × unit price, else nothing), in the year its date
//! falls within as text — `date >= 'YYYY-01-01' AND date <= 'YYYY-12-31'` for its own first
//! four characters, which is exactly the range query's test for that year.

use anyhow::Result;
use rusqlite::Connection;

/// Whether the deal `r` (`NEW` or `OLD`) counts, and the year it counts in.
fn counted(r: &str) -> String {
    format!(
        "{r}.deleted_at IS NULL AND ({r}.status IS NULL OR {r}.status <> 'cancelled')
         AND {r}.date >= substr({r}.date, 1, 4) || '-01-01'
         AND {r}.date <= substr({r}.date, 1, 4) || '-12-31'"
    )
}

fn amount(r: &str) -> String {
    format!("COALESCE({r}.amount, {r}.quantity * {r}.unit_price, 0)")
}

/// Adds the deal `r` to its account's year (a row made when there is none).
fn add(r: &str) -> String {
    format!(
        "INSERT INTO account_sales (account_id, year, sales)
         SELECT {r}.account_id, substr({r}.date, 1, 4), {amount} WHERE {counted}
         ON CONFLICT (account_id, year) DO UPDATE SET sales = sales + excluded.sales;",
        amount = amount(r),
        counted = counted(r),
    )
}

/// Takes the deal `r` off its account's year.
fn take(r: &str) -> String {
    format!(
        "UPDATE account_sales SET sales = sales - {amount}
          WHERE account_id = {r}.account_id AND year = substr({r}.date, 1, 4) AND {counted};",
        amount = amount(r),
        counted = counted(r),
    )
}

/// The schema step: the table, its triggers, filled from the deals as they are.
pub(crate) fn schema() -> String {
    format!(
        "CREATE TABLE account_sales (
             account_id INTEGER NOT NULL,
             year TEXT NOT NULL,
             sales INTEGER NOT NULL,
             PRIMARY KEY (account_id, year)
         ) WITHOUT ROWID;
         CREATE TRIGGER sales_deals_new AFTER INSERT ON deals BEGIN
             {add_new}
         END;
         CREATE TRIGGER sales_deals_changed
           AFTER UPDATE OF account_id, date, amount, quantity, unit_price, status, deleted_at
           ON deals BEGIN
             {take_old}
             {add_new}
         END;
         CREATE TRIGGER sales_deals_gone AFTER DELETE ON deals BEGIN
             {take_old}
         END;
         CREATE TRIGGER sales_account_purged AFTER DELETE ON accounts BEGIN
             DELETE FROM account_sales WHERE account_id = OLD.id;
         END;
         {FILL}",
        add_new = add("NEW"),
        take_old = take("OLD"),
    )
}

/// The sums as the deals say them, by account and year.
const TRUTH: &str = "
    SELECT account_id, substr(date, 1, 4) AS year,
           sum(COALESCE(amount, quantity * unit_price, 0)) AS sales
      FROM main.deals d
     WHERE d.deleted_at IS NULL AND (d.status IS NULL OR d.status <> 'cancelled')
       AND d.date >= substr(d.date, 1, 4) || '-01-01'
       AND d.date <= substr(d.date, 1, 4) || '-12-31'
     GROUP BY account_id, year";

/// Every account's years written afresh from the deals.
const FILL: &str = "
    DELETE FROM account_sales;
    INSERT INTO account_sales (account_id, year, sales)
    SELECT account_id, substr(date, 1, 4),
           sum(COALESCE(amount, quantity * unit_price, 0))
      FROM main.deals d
     WHERE d.deleted_at IS NULL AND (d.status IS NULL OR d.status <> 'cancelled')
       AND d.date >= substr(d.date, 1, 4) || '-01-01'
       AND d.date <= substr(d.date, 1, 4) || '-12-31'
     GROUP BY account_id, substr(date, 1, 4);";

/// The table written afresh (after a bulk load, by `kam reindex`), in the caller's
/// transaction.
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(FILL)?;
    Ok(())
}

/// How many account-years' kept sums differ from the deals (`kam check`): a sum
/// disagreeing, missing, or kept where the deals have none. A kept zero agrees with none (a
/// deal taken off leaves its row at zero).
pub(crate) fn disagreeing(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row(
        &format!(
            "WITH truth AS ({TRUTH})
             SELECT
               (SELECT count(*) FROM truth t LEFT JOIN account_sales k USING (account_id, year)
                 WHERE k.sales IS NOT t.sales AND NOT (k.sales IS NULL AND t.sales = 0))
             + (SELECT count(*) FROM account_sales k
                 WHERE k.sales <> 0 AND NOT EXISTS
                   (SELECT 1 FROM truth t WHERE t.account_id = k.account_id AND t.year = k.year))"
        ),
        [],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}
