//! kam — a key-account manager that lives in the terminal.
//!
//! Layers point one way, each importing only its own and lower ones
//! (`scripts/check-layers.py` checks it, with no cycle between files):
//! `domain, i18n, text_safety, geo` ← `search_keys` ← `store, search` ← `error` ←
//! `analytics, visits, exchange, sync, duplicates, demo` ← `app` ← `ui` ← `cli, tui`.
//! - [`domain`]: plain types and rules of the dossier (accounts, contacts, deals, visits …),
//!   enumerations with stable codes, validation. No SQL, no terminal.
//! - [`i18n`]: message catalogues (`assets/i18n/*.ftl`); the lowest layer beside the domain.
//! - [`geo`]: where an account is on the map (from its 省/市/区 or its city abroad), distances,
//!   and the order of a day's visits that travels least; beside the domain.
//! - [`text_safety`]: stored text made safe to show in a terminal (control, bidi and
//!   zero-width characters shown as visible marks); beside the domain, used by every output.
//! - [`store`]: the only code that speaks SQL: opening, migrations, records with history,
//!   trash, backup, and the note index (full-text search of visit reports, service, feedback,
//!   communications).
//! - [`search`]: the account finder (pinyin, initials, phones, fuzzy).
//! - [`search_keys`]: what the finder keeps of one account (folded texts, pinyin masks, the
//!   list's summary) as one record, which the store keeps current and the finder reads.
//! - [`exchange`]: files in and out: import (CSV, Excel, vCard, JSON), export (JSON, CSV,
//!   Excel, vCard, Markdown).
//! - [`sync`]: the team edition: `kam sync` with the team's PostgreSQL server, its schema and
//!   administration (the store is the outbox and applies what is pulled).
//! - [`duplicates`]: probable duplicate accounts and contacts (merging is the store's).
//! - [`demo`]: realistic generated data.
//! - [`visits`]: the daily visit report, weekly summary, reminders and calendar export.
//! - [`analytics`]: grading, key customers, regions, the sales pivot, the funnel and
//!   relationship evaluation, computed from the store for a period.
//! - [`error`]: the chain of an error told as one sentence, by the command line and the
//!   interface alike.
//! - [`cli`]: the scriptable command line (and, with the `bench` feature, `kam bench`: the
//!   performance targets measured on a generated big book).

pub mod analytics;
pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod duplicates;
pub mod error;
pub mod exchange;
pub mod geo;
pub mod i18n;
pub mod search;
pub mod search_keys;
pub mod store;
pub mod sync;
pub mod text_safety;
pub mod tui;
pub mod ui;
pub mod visits;
