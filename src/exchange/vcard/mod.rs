//! vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350) as phones, Outlook and iCloud write them: read
//! into the import's rows (`read`), and written from contacts for a phone (`write`).
//!
//! The reader is kam's own rather than `calcard` (tried on the fixtures of
//! tests/fixtures/import first; see the note in Cargo.toml).

mod lines;
mod read;
mod write;

pub use read::{phone_of, read, HEADERS};
pub use write::{of_document, write, write_streamed, Version};
