//! Every integration test in one binary: each `tests/*.rs` of its own would link the whole
//! crate (and SQLite) again, which was minutes on a clean build. One module
//! per subject, sharing one `support` module (one clock, the sample records, the filled book).
//! All of them run as threads of one process: a test that changes what the process holds (the
//! passphrase) takes `support::Passphrase`. Run one subject with `cargo test --test it crash`.

mod support;

mod analytics;
mod analytics_tabs;
mod attachments;
mod attachments_exports;
mod backups;
mod big_book_memory;
mod brief;
mod catalogue;
mod catalogue_team;
mod cli;
mod crash;
mod custom_fields;
mod cycles;
mod deal_tax;
mod deal_tax_export;
mod dealer;
mod demo;
mod duplicates;
mod e2e_tmux;
mod encryption;
mod export;
mod export_streaming;
mod files;
mod forgotten;
mod geo;
mod i18n;
mod ics;
mod import;
mod kept_sales;
mod latest_dates;
mod mackay;
mod mailmerge;
mod main_loop;
mod map;
mod money;
mod no_panic;
mod notes;
mod privacy;
mod profile;
mod relations;
mod relations_reports;
mod relevance;
mod reminders;
mod returns;
mod round_trip_demo;
mod scorecard;
mod search;
mod search_records;
mod seed_reports;
mod store;
mod sync;
mod tags;
mod targets;
mod today_qr;
mod ui_attachments;
mod ui_exchange;
mod ui_flows;
mod ui_history;
mod ui_lock;
mod ui_rep_reports;
mod ui_report_reminders;
mod ui_small_screens;
mod ui_snapshots;
mod ui_visits;
mod validation;
mod visits_report;
mod week_plan;
mod words;
mod writer_lock;
