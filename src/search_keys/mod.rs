//! What the finder knows of one account, made from the account's texts alone: folded
//! texts, pinyin masks and the summary the list shows, in one record per account.
//!
//! Below both the store (which keeps the records, most of them in chunks, rewritten in the
//! transaction that changes an account) and the finder (which reads them): neither depends
//! on the other here.
//!
//! - [`text`]: folding, character masks, phone digits.
//! - [`pinyin`]: every reading of every Chinese character, and the masks built from them.
//! - [`record`]: the record's layout; [`bytes`]: how its parts are written and read.
//! - [`chunk`]: many records by column, as the store keeps most of them.

mod bytes;
pub mod chunk;
mod common_readings;
pub mod pinyin;
pub mod record;
pub mod text;
mod word_readings;

pub use record::{encode, AccountSummary, ContactKey, Record, SummaryRef, Tail};
