//! The store: the only code that speaks SQL. One SQLite file holds the whole dossier; every
//! change writes its history in the same transaction.
//!
//! `book.rs` holds the `Store` itself; opening it goes `files.rs` (the files beside a book,
//! the writer lock) ← `key.rs` ← `connection.rs` (one SQLite connection) ← `open.rs`, with
//! `recovery.rs` putting right what an interrupted kam left. Records are written by the
//! `Writer` (`records.rs`) and read as rows (`rows.rs`); each other file is one aggregate
//! or one concern, adding its methods to `Store`.

mod account_latest;
mod account_sales;
mod accounts;
mod analytics;
mod attachment_trash;
mod attachments;
pub mod backups;
mod book;
mod bulk;
mod bulk_load;
mod by_account;
mod by_code;
mod cadence;
mod catalogue;
pub mod cipher;
mod connection;
mod custom_fields;
mod dealer;
mod derived;
mod describe;
mod due;
mod export_rows;
mod files;
mod forget;
mod hand_point;
mod history;
mod imports;
mod key;
mod maintenance;
mod matching;
mod merge;
pub mod migrations;
mod money;
mod name_scrub;
mod note_tokens;
mod notes;
mod open;
mod open_books;
mod owned_table;
pub(crate) mod plan_row;
mod preserving;
mod profile;
mod purchases;
mod records;
pub(crate) mod recovery;
mod relations;
mod relations_more;
mod remind_facts;
mod rep_scope;
mod returns;
mod row_values;
mod rows;
mod scorecard;
mod search_records;
mod settings;
mod steps;
pub mod sync_apply;
pub mod sync_attachments;
mod sync_items;
pub mod sync_log;
pub mod sync_outbox;
mod sync_plans;
pub mod sync_sensitive;
pub mod sync_settings;
pub mod sync_stream;
pub mod sync_wire;
pub mod tags;
mod targets;
mod trash;
mod visits;

pub use accounts::{AccountIdentity, AccountSummary, ContactKey};
pub use analytics::{AccountFacts, ProductSales, SalesSum, StageGroup};
pub use attachment_trash::ENTITY as ATTACHMENTS;
pub use attachments::AttachTo;
pub use book::Store;
#[cfg(feature = "test-hooks")]
pub use bulk_load::without_bulk_loads;
pub use by_account::ByAccount;
pub use cadence::{DueFacts, VisitCandidate};
pub use connection::Access;
pub use derived::DerivedHealth;
pub use describe::{describe, describe_arg, describe_in};
pub use due::{QuietAccount, YearlyDates};
pub use export_rows::Only;
pub use files::default_path;
pub use forget::Forgotten;
pub use hand_point::FinerPlace;
pub use history::{Change, Op};
pub use imports::{ImportRecord, Undone};
pub use maintenance::Health;
pub use matching::{Shared, Sharing};
pub use merge::Merged;
pub use notes::{is_note, NoteHit, NoteStats};
pub use purchases::FeedbackLine;
pub use records::Writer;
pub use relations::{AccountSpend, AttendanceOutcome, RelationSpend};
pub use remind_facts::{KeptInTouch, OpenPromise, OrderDates, ThinCoverage};
pub use returns::ReturnLine;
#[cfg(feature = "test-hooks")]
pub use row_values::differs_from_json_map;
pub use rows::title_of as record_title;
pub use scorecard::{CadenceFact, Handled};
pub use settings::SETTINGS_ENTITY;
pub use targets::{Achieved, Achievements};
pub use trash::TrashItem;
