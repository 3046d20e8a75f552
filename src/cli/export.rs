//! `kam export`: the book (or one account) in every export format. The documents, tables and
//! calendars are made by `exchange` and `visits`; this file only picks the format and where
//! it goes, and refuses a combination a format cannot carry.

use super::progress::Bar;
use super::{ExportArgs, ExportFormat, Invocation};
use crate::exchange::json_stream::{self, Scope};
use crate::exchange::{table_stream, tables, vcard, write_private, write_private_file};
use crate::i18n::t;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;

/// `kam export --format F [--out FILE] [--account CODE] [--include-personal
/// [--include-sensitive]]`.
pub fn export(cx: &Invocation, args: &ExportArgs, out: &mut impl Write) -> Result<()> {
    let (file, account) = (args.out.as_deref(), args.account.as_deref());
    if args.include_attachments && args.format != ExportFormat::Json {
        bail!(t(cx.lang, "cli-attachments-json-only"));
    }
    // A sheet has no column for the personal dossier: asked for, it is refused rather than
    // left out unsaid (a book moved through such a sheet lost every dossier unawares).
    if args.include_personal && matches!(args.format, ExportFormat::Csv | ExportFormat::Xlsx) {
        bail!(t(cx.lang, "cli-personal-json-only"));
    }
    match args.format {
        // JSON, CSV and xlsx are written as the book is read (a big book never whole in
        // memory), with a progress bar on a terminal.
        ExportFormat::Json => {
            let store = cx.read()?;
            let mut scope = Scope::of(&store, account)?;
            scope.attachments = args.include_attachments;
            let bar = Bar::new(cx.lang, "progress-export", "progress-accounts");
            bar.set_total(
                store.count_for_export(crate::domain::RecordKind::Account, scope.accounts())?,
            );
            let personal =
                json_stream::Personal::asked(args.include_personal, args.include_sensitive);
            let write = |w: &mut dyn Write| {
                json_stream::write(&store, &scope, personal, w, &|n| bar.inc(n))
            };
            let written = match file {
                Some(f) => write_private(f, |w| write(w)),
                None => write(out),
            };
            bar.finish();
            written
        }
        ExportFormat::Ics => {
            if account.is_some() {
                bail!(
                    "the calendar holds every account's plans; --account is for the other formats"
                );
            }
            let store = cx.read()?;
            let today = store.now().date();
            // Written as made, through the guard `emit` applies to a whole text.
            let write = |w: &mut dyn Write| -> Result<()> {
                let mut safe = crate::text_safety::Guard::text(w);
                let mut w = std::io::BufWriter::with_capacity(1 << 16, &mut safe);
                crate::visits::ics::write_calendar(&store, today, cx.lang, &mut w)?;
                w.flush()?;
                drop(w);
                Ok(safe.flush()?)
            };
            match file {
                Some(f) => write_private(f, |w| write(w)),
                None => write(out),
            }
        }
        ExportFormat::Csv => {
            let Some(dir) = file else {
                bail!(t(cx.lang, "cli-csv-needs-folder"));
            };
            let store = cx.read()?;
            let scope = Scope::of(&store, account)?;
            let bar = Bar::new(cx.lang, "progress-export", "progress-rows");
            bar.set_total(table_stream::rows_to_write(&store, &scope)?);
            let written = table_stream::write_csv(&store, &scope, cx.lang, dir, &|n| bar.inc(n));
            bar.finish();
            written
        }
        ExportFormat::Xlsx => {
            let Some(file) = file else {
                bail!(t(cx.lang, "cli-xlsx-needs-file"));
            };
            let store = cx.read()?;
            let scope = Scope::of(&store, account)?;
            let bar = Bar::new(cx.lang, "progress-export", "progress-rows");
            bar.set_total(table_stream::rows_to_write(&store, &scope)?);
            let tmpdir = file
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let written = write_private_file(file, |w| {
                table_stream::write_xlsx(&store, &scope, cx.lang, tmpdir, w, &|n| bar.inc(n))
            });
            bar.finish();
            written
        }
        // One account's dossier, read alone (never the whole book to keep one account).
        ExportFormat::Md => {
            let Some(code) = account else {
                bail!(t(cx.lang, "cli-markdown-needs-account"));
            };
            let store = cx.read()?;
            let doc = json_stream::document(
                &store,
                &Scope::of(&store, Some(code))?,
                json_stream::Personal::Whole,
            )?;
            emit(out, file, &tables::to_markdown(&doc, cx.lang))
        }
        // Contacts written as read, a batch of accounts at a time, with a progress bar.
        ExportFormat::Vcf => {
            let store = cx.read()?;
            let scope = Scope::of(&store, account)?;
            let version = if args.vcard_version == "3.0" {
                vcard::Version::V3
            } else {
                vcard::Version::V4
            };
            let bar = Bar::new(cx.lang, "progress-export", "progress-accounts");
            bar.set_total(
                store.count_for_export(crate::domain::RecordKind::Account, scope.accounts())?,
            );
            let write = |w: &mut dyn Write| {
                vcard::write_streamed(&store, &scope, version, w, &|n| bar.inc(n))
            };
            let written = match file {
                Some(f) => write_private(f, |w| write(w)),
                None => write(out),
            };
            bar.finish();
            written
        }
    }
}

/// Text for people (ics, vcf, Markdown): shown safely in a file too, since it is read with
/// `cat` as often as with a program.
fn emit(out: &mut impl Write, file: Option<&Path>, text: &str) -> Result<()> {
    let text = crate::text_safety::text(text);
    match file {
        Some(f) => write_private(f, |w| Ok(w.write_all(text.as_bytes())?)),
        None => Ok(out.write_all(text.as_bytes())?),
    }
}
