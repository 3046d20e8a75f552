//! The schema as an ordered list of steps. A step is only ever added, never edited: a
//! database records how many it has applied in `PRAGMA user_version`.

use anyhow::{bail, Context, Result};
use rusqlite::Connection;
use std::sync::OnceLock;

/// What to say before an existing book is upgraded (from, to versions). Filling the global ids
/// of a 100,000-account book takes a quarter of a minute or more, before any frame can be drawn;
/// whoever opens the book (the command line, in the person's language) says why nothing shows
/// yet. The store has no words of its own, so it only calls what it was given.
type UpgradeNotice = Box<dyn Fn(i64, i64) + Send + Sync>;
static UPGRADE_NOTICE: OnceLock<UpgradeNotice> = OnceLock::new();

/// Sets, once per process, what is said before an existing book is upgraded.
pub fn on_upgrade(notice: UpgradeNotice) {
    let _ = UPGRADE_NOTICE.set(notice);
}

/// Marks a file as kam's (`PRAGMA application_id`), so an empty or foreign SQLite file is told
/// apart from ours: "KAM1".
pub const APPLICATION_ID: i32 = 0x4B41_4D31;

const AUDIT: &str = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT";

/// Each entry upgrades the schema by one version.
pub fn steps() -> Vec<String> {
    let owned = |table: &str, columns: &str| {
        format!(
            "CREATE TABLE {table} (
                id INTEGER PRIMARY KEY,
                account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
                {columns},
                {AUDIT}
            );
            CREATE INDEX {table}_account ON {table}(account_id);"
        )
    };
    let v1 = [
        format!(
            "CREATE TABLE accounts (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                short_name TEXT, customer_type TEXT, registration_no TEXT,
                industry TEXT, industry_note TEXT, nature TEXT,
                employees INTEGER, annual_revenue INTEGER, size_source TEXT,
                province TEXT, city TEXT, district TEXT, street TEXT, distance_km REAL,
                unsuitable_visit_times TEXT,
                category TEXT, credit TEXT, grade TEXT, status TEXT, owner TEXT, source TEXT,
                cooperating_since TEXT,
                business_policy TEXT, business_state TEXT, location_type TEXT,
                bank TEXT, bank_account TEXT, funds TEXT, payment_attitude TEXT,
                notes TEXT,
                created_by TEXT,
                {AUDIT}
            );"
        ),
        owned(
            "contacts",
            "name TEXT NOT NULL, nickname TEXT, gender TEXT, ethnicity TEXT, title TEXT,
             department TEXT, role TEXT, is_primary INTEGER NOT NULL DEFAULT 0,
             office_phone TEXT, mobile TEXT, home_phone TEXT, email TEXT, qq TEXT, wechat TEXT,
             preferred_channel TEXT, birthday TEXT, birthplace TEXT, native_place TEXT,
             notes TEXT, dossier TEXT",
        ),
        owned(
            "deals",
            "date TEXT, order_no TEXT, product TEXT NOT NULL, model TEXT, quantity INTEGER,
             unit_price INTEGER, amount INTEGER, cost INTEGER, payment_status TEXT,
             status TEXT, notes TEXT",
        ),
        owned(
            "opportunities",
            "title TEXT NOT NULL, stage TEXT, expected_amount INTEGER, expected_close TEXT,
             probability INTEGER, owner TEXT, next_step TEXT, notes TEXT",
        ),
        owned(
            "needs",
            "product_spec TEXT, product_model TEXT, product_quantity TEXT, product_timing TEXT,
             service_pre_sale TEXT, service_in_sale TEXT, service_after_sale TEXT,
             purchase_channel TEXT, payment_method TEXT, delivery_time TEXT, notes TEXT",
        ),
        owned(
            "service_records",
            "date TEXT, kind TEXT, product TEXT, serial_no TEXT, warranty_until TEXT,
             request TEXT NOT NULL, handled_by TEXT, status TEXT, result TEXT,
             satisfaction INTEGER",
        ),
        owned(
            "feedback",
            "date TEXT, kind TEXT, rating INTEGER, content TEXT NOT NULL, cause TEXT,
             handling TEXT, handled_by TEXT, status TEXT",
        ),
        owned(
            "communications",
            "at TEXT, channel TEXT, contacts TEXT, content TEXT NOT NULL, result TEXT,
             next_step TEXT",
        ),
        owned(
            "visit_plans",
            "planned_at TEXT, contact TEXT, purpose TEXT, place TEXT, method TEXT,
             department TEXT, status TEXT, notes TEXT",
        ),
        owned(
            "visit_reports",
            "date TEXT, person_met TEXT, purpose TEXT, summary TEXT, outcome TEXT,
             problems_solved TEXT, problems_open TEXT, watch_next_time TEXT, next_visit TEXT,
             companions TEXT, filled_by TEXT, expenses TEXT",
        ),
        "CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            account_id INTEGER,
            entity TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'restore')),
            field TEXT,
            old_value TEXT,
            new_value TEXT
        );
        CREATE INDEX history_account ON history(account_id, id);
        CREATE INDEX history_row ON history(entity, row_id, id);
        CREATE INDEX visit_plans_when ON visit_plans(planned_at);
        CREATE INDEX visit_reports_date ON visit_reports(date);
        CREATE INDEX deals_date ON deals(date);"
            .to_string(),
    ]
    .join("\n");
    // v2: codes are looked up and kept unique regardless of case; without this index every
    // such lookup scans the table, and a bulk load of n accounts takes n² steps.
    let v2 = "CREATE INDEX accounts_code_nocase ON accounts(code COLLATE NOCASE);".to_string();
    // v3: an import matches rows to accounts by registration number, name, and a contact's
    // phone or email; without these each row would scan the tables.
    let v3 = "CREATE INDEX accounts_registration_no ON accounts(registration_no);
        CREATE INDEX accounts_name ON accounts(name);
        CREATE INDEX contacts_mobile ON contacts(mobile);
        CREATE INDEX contacts_office_phone ON contacts(office_phone);
        CREATE INDEX contacts_email ON contacts(email);"
        .to_string();
    // v4: the note index (see notes.rs); filled from the notes already stored, in Rust,
    // because its tokens are made by Rust code (`backfill` below).
    let v4 = super::notes::SCHEMA.to_string();
    // v5: the plans of key and problem accounts (target, reason, measures): one row per account,
    // beside the account rather than in it, so the account form stays the paper form.
    let account_plans = "CREATE TABLE account_plans (
            account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
            target INTEGER,
            reason TEXT,
            measures TEXT,
            updated_at TEXT NOT NULL
        );"
    .to_string();
    // v6: analytics sum a period's deals and visits per account: covering indexes answer from
    // the index alone instead of visiting each row of a 700 MB file (at 100,000 accounts a
    // year's sales took 1.3 s through the date index, ~0.1 s through `deals_sales`, which
    // `store::analytics` names explicitly).
    let analytics_indexes = "CREATE INDEX IF NOT EXISTS deals_sales ON deals(account_id, date,
            amount, quantity, unit_price, cost, status, product, deleted_at);
        CREATE INDEX IF NOT EXISTS visit_reports_by_date_account
            ON visit_reports(date, account_id, deleted_at);"
        .to_string();
    // v7: settings kept in the book (the grading bands and preset, the evaluation weights:
    // see store/settings.rs), and two indexes for the analyses. Sales are summed in Rust from
    // the deals of a date range, so an index by date first reads only that range, covering
    // every column the sum needs (one year at 100,000 accounts: 0.14 s → 0.10 s through
    // SQLite). Open complaints are a few rows among many feedback records: a partial index
    // holds just them.
    let settings = "CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS deals_by_date ON deals(date, account_id, amount, quantity,
            unit_price, cost, status, product, deleted_at);
        CREATE INDEX IF NOT EXISTS feedback_open_complaints ON feedback(account_id)
            WHERE kind = 'complaint' AND deleted_at IS NULL
              AND (status IS NULL OR status = 'open');"
        .to_string();
    // v8: one finder record per account, kept current by triggers and every commit. The
    // step marks every account stale; the records are built once every step is applied
    // (`search_records::settle` at opening), as they read columns later steps add (the
    // custom fields' values).
    let search_records = super::search_records::SCHEMA.to_string();
    // v9: every sum reads `deals_by_date` now; `deals_sales` (v6) only cost room (~21 MB at
    // 100,000 accounts) and a write for each deal.
    let drop_deals_sales = "DROP INDEX IF EXISTS deals_sales;".to_string();
    // v10: each import of a sheet or address book, with the range of history rows it wrote,
    // so that it can be undone as a whole (`kam import --undo`, store/imports.rs).
    let imports = "CREATE TABLE imports (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            file TEXT NOT NULL,
            first_history INTEGER NOT NULL,
            last_history INTEGER NOT NULL,
            undone_at TEXT
        );"
    .to_string();
    // v11: the store as the team edition's outbox (store/sync_log.rs): a UUIDv7 per record,
    // a hybrid logical clock and an origin per history row, forget's tombstones, the book's
    // sync state. The ids are filled in Rust (`sync_log::backfill`).
    let sync = super::sync_log::schema();
    // v12: the team's reps and who holds each account, as the last sync read them, for the
    // manager's reports of one rep (store/rep_scope.rs).
    let team = super::rep_scope::SCHEMA.to_string();
    // v13: the money side (issue 21): contracts, payments received, a deal's due date and
    // contract number (store/money.rs).
    let money = super::money::schema();
    // Issue 22: free tags on accounts and contacts (store/tags.rs).
    let tags = super::tags::schema();
    // Issue 22: the dealer profile and the relationship analysis on the account
    // (store/dealer.rs).
    let dealer = super::dealer::schema();
    // Issue 23, nothing forgotten: a contact's own keep-in-touch interval, and the
    // partial indexes the new reminders and the week plan read (store/remind_facts.rs).
    let reminders = super::remind_facts::SCHEMA.to_string();
    // Issue 22: entertainment, gifts, competitors and market events attended
    // (store/relations.rs).
    let relations = super::relations::schema();
    // Issue 22: attachments, their bytes inside the book (store/attachments.rs).
    let attachments = super::attachments::schema();
    // The product catalogue (issue 21): the book's own list, owned by no account
    // (store/catalogue.rs).
    let catalogue = super::catalogue::schema();
    // Returns and claims (退货/索赔, issue 21; store/returns.rs).
    let returns = super::returns::schema();
    // Issue 23: a point set by hand on the account (store/hand_point.rs).
    let hand_point = super::hand_point::schema();
    // Issue 21: the managers' advice on a key or problem account's plan (store/plan_row.rs).
    let plan_advice = super::plan_row::ADVICE_SCHEMA.to_string();
    // Issue 21: targets and work plans per rep and period, the book's own (store/targets.rs).
    let targets = super::targets::schema();
    // Issue 23, the reminders' speed: each account's latest visit and communication kept by
    // triggers, and the contacts' yearly dates indexed by month-day (store/account_latest.rs).
    let account_latest = super::account_latest::schema();
    // Issue 22: attachments to the trash and back, with history (store/attachment_trash.rs),
    // and the flag of those the team's server has yet to get (store/sync_attachments.rs).
    let attachment_trash = format!(
        "{}\n{}",
        super::attachment_trash::schema(),
        super::sync_attachments::SCHEMA
    );
    // Issue 22, the relationship side's second part: who approved an entertainment or a gift
    // and when (审批人, 审批日期), custom fields (store/relations_more.rs).
    let relations_more = super::relations_more::schema();
    // Issue 23, the week plan's speed: the live accounts' codes and grades in one narrow
    // index, read instead of the wide table (store/cadence.rs).
    let live_accounts = super::cadence::LIVE_ACCOUNTS_INDEX.to_string();
    // Issue 23, the grades computed from sales: each account's sales per calendar year kept
    // by triggers on the deals (store/account_sales.rs).
    let account_sales = super::account_sales::schema();
    vec![
        v1,
        v2,
        v3,
        v4,
        account_plans,
        analytics_indexes,
        settings,
        search_records,
        drop_deals_sales,
        imports,
        sync,
        team,
        money,
        tags,
        dealer,
        reminders,
        relations,
        attachments,
        catalogue,
        returns,
        hand_point,
        plan_advice,
        targets,
        account_latest,
        attachment_trash,
        relations_more,
        live_accounts,
        account_sales,
    ]
}

/// The version whose step creates the note index; the notes stored before it are indexed
/// in the same transaction.
const NOTE_INDEX_VERSION: i64 = 4;

/// The version whose step makes the store the team edition's outbox; the records stored
/// before it get their global ids in the same transaction.
pub const SYNC_VERSION: i64 = 11;

/// The schema version this program writes.
pub fn current_version() -> i64 {
    steps().len() as i64
}

pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// What was being done when an upgrade step failed.
fn upgrading(version: i64) -> crate::i18n::Said {
    crate::i18n::Said::new("store-upgrading").with("version", version)
}

/// Applies the missing steps, each in its own transaction with its version number, so an
/// interrupted upgrade leaves the database at the last whole step.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let have = version(conn)?;
    let steps = steps();
    if have > steps.len() as i64 {
        bail!(crate::i18n::Said::new("store-schema-newer")
            .with("version", have)
            .with("known", steps.len()));
    }
    if have > 0 && have < steps.len() as i64 {
        if let Some(notice) = UPGRADE_NOTICE.get() {
            notice(have, steps.len() as i64);
        }
    }
    for (i, sql) in steps.iter().enumerate().skip(have as usize) {
        let v = i as i64 + 1;
        let tx = conn.transaction()?;
        tx.execute_batch(sql).with_context(|| upgrading(v))?;
        if v == NOTE_INDEX_VERSION {
            super::notes::backfill(&tx).with_context(|| upgrading(v))?;
        }
        if v == SYNC_VERSION {
            super::sync_log::backfill(&tx).with_context(|| upgrading(v))?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", v)?;
        tx.commit()?;
    }
    Ok(())
}
