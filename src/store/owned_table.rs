//! The shape of a section table added to the schema after the team edition (step 11): owned
//! by an account and gone with it, with the audit columns and the global id (`uid`) the team
//! edition sends it by. Its own file so the steps that use it (money, relations, returns) and
//! the list of steps do not import each other.

/// `CREATE TABLE` with `columns`, its account index and its `uid` index.
pub(crate) fn owned_table(table: &str, columns: &str) -> String {
    format!(
        "CREATE TABLE {table} (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            {columns},
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
            uid TEXT
        );
        CREATE INDEX {table}_account ON {table}(account_id);
        CREATE UNIQUE INDEX {table}_uid ON {table}(uid);"
    )
}
