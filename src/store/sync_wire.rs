//! What the team edition's sync carries between the store and the server, in one place: a
//! record as it travels (global ids, values, a clock per field), a tombstone, what a pull
//! brings and what applying it changed, and the names of the two things that travel besides
//! the record tables (account plans, the team's settings). Every other sync file of the
//! store imports from here, never from each other in a circle.

use super::sync_log::clock_text;
use rusqlite::types::ValueRef;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The entity of account plans, in history rows and on the server (sync_plans.rs).
pub const PLANS: &str = "account_plans";
/// The entity of the team's settings on the server (sync_settings.rs).
pub const SETTINGS: &str = "settings";
/// The "account" of the book's own records (the product catalogue, `RecordKind::BOOK`):
/// they belong to none, every rep of the team reads them, a manager writes them.
pub const CATALOGUE: &str = "catalogue";

/// One record as it travels: global ids, every column's value (`account_id` as the
/// account's uid) and every column's clock text.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordState {
    pub entity: String,
    pub uid: String,
    pub account_uid: String,
    pub values: Map<String, Value>,
    pub clocks: Map<String, Value>,
}

/// A record `kam forget` erased here.
#[derive(Debug, Clone, PartialEq)]
pub struct Tombstone {
    pub id: i64,
    pub entity: String,
    pub uid: String,
    pub account_uid: Option<String>,
}

/// What applying needs besides the record: this laptop's id, its push cursor (a local change
/// after it that a newer one replaces is a conflict), and the rep of each laptop.
pub struct Context<'a> {
    pub me: &'a str,
    /// Whether this book's rep is a manager of the team (the team's settings: sync_settings.rs).
    pub manager: bool,
    pub pushed_hlc: i64,
    pub reps: &'a HashMap<String, String>,
}

/// One thing a pull brings.
#[derive(Debug, Clone)]
pub enum Incoming {
    Record(RecordState),
    /// Erased on another laptop (or on the server): erased here too.
    Forgotten {
        entity: String,
        uid: String,
    },
    /// The account went to another rep: it leaves this laptop (no tombstone: it lives on).
    Revoked {
        account_uid: String,
    },
    /// A change of this book the server refused because the record is not this rep's: the
    /// record leaves this laptop (the refused version waits on the server for the manager).
    NotOurs {
        entity: String,
        uid: String,
    },
    /// A file (issue 22), applied after the records it belongs to.
    Attachment(Box<super::sync_attachments::PulledAttachment>),
}

/// The team as the server showed it to this book's rep: its reps (name, manager) and who
/// holds each account (account uid, rep) that the rep may see.
#[derive(Debug, Clone, Default)]
pub struct TeamView {
    pub reps: Vec<(String, bool)>,
    pub access: Vec<(String, String)>,
    /// Whether this book's rep is a manager.
    pub manager: bool,
}

/// What a pull changed here.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Applied {
    pub records_new: usize,
    pub records_changed: usize,
    pub fields: usize,
    /// Fields changed here and not pushed yet that a newer change from the team replaced.
    pub conflicts: usize,
    pub forgotten: usize,
    pub revoked: usize,
    /// Account codes made unique (`C000003-1a2b`): two laptops gave the same code.
    pub codes_renamed: usize,
}

/// A column's value as JSON, losslessly (integers stay integers, text stays text).
pub(crate) fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null | ValueRef::Blob(_) => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
    }
}

/// A record's clocks as they travel: text per column.
pub(crate) fn clock_map(clocks: HashMap<String, (i64, String)>) -> Map<String, Value> {
    clocks
        .into_iter()
        .map(|(k, (hlc, replica))| (k, Value::String(clock_text(hlc, &replica))))
        .collect()
}
