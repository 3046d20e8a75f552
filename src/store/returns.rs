//! Returns and claims in the store (退货/索赔, issue 21): the schema step that adds them, owned
//! by an account like every section (the generic `Writer` saves them, with history, trash and
//! the team's global id).

/// Schema step: the returns table, with the `uid` the team edition sends it by.
pub(crate) fn schema() -> String {
    "CREATE TABLE returns (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        date TEXT NOT NULL, kind TEXT, product TEXT NOT NULL, quantity INTEGER, amount INTEGER,
        reason TEXT, status TEXT, order_no TEXT, notes TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
        uid TEXT
    );
    CREATE INDEX returns_account ON returns(account_id);
    CREATE INDEX returns_date ON returns(date);
    CREATE UNIQUE INDEX returns_uid ON returns(uid);"
        .to_string()
}
