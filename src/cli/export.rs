//! `kam export`: the book (or one account) in every export format. The documents, tables and
//! calendars are made by `exchange` and `visits`; this file only picks the format and where
//! it goes, and refuses a combination a format cannot carry.

use super::{ExportArgs, ExportFormat, Invocation};
use crate::exchange::{json, tables, vcard, write_private};
use crate::i18n::t;
use crate::text_safety::write_json;
use anyhow::{bail, Result};
use std::io::Write;
use std::path::Path;

/// `kam export --format F [--out FILE] [--account CODE] [--include-personal]`.
pub fn export(cx: &Invocation, args: &ExportArgs, out: &mut impl Write) -> Result<()> {
    let (file, account) = (args.out.as_deref(), args.account.as_deref());
    match args.format {
        ExportFormat::Json => {
            let mut doc = json::export_of(&cx.read()?, account)?;
            if !args.include_personal {
                doc.without_personal();
            }
            match file {
                Some(f) => write_private(f, |w| Ok(write_json(w, &doc)?)),
                None => Ok(write_json(out, &doc)?),
            }
        }
        ExportFormat::Ics => {
            if account.is_some() {
                bail!(
                    "the calendar holds every account's plans; --account is for the other formats"
                );
            }
            let store = cx.read()?;
            let ics = crate::visits::calendar(&store, store.now().date())?;
            emit(out, file, &ics)
        }
        ExportFormat::Csv => {
            let Some(dir) = file else {
                bail!(t(cx.lang, "cli-csv-needs-folder"));
            };
            let doc = json::export_of(&cx.read()?, account)?;
            let files = tables::to_csv(&doc, cx.lang)?;
            crate::exchange::folder::write_folder_private(dir, &files, &tables::csv_names())
        }
        ExportFormat::Xlsx => {
            let Some(file) = file else {
                bail!(t(cx.lang, "cli-xlsx-needs-file"));
            };
            let doc = json::export_of(&cx.read()?, account)?;
            let bytes = tables::to_xlsx(&doc, cx.lang)?;
            write_private(file, |w| Ok(w.write_all(&bytes)?))
        }
        ExportFormat::Md => {
            let Some(code) = account else {
                bail!(t(cx.lang, "cli-markdown-needs-account"));
            };
            let doc = json::export_of(&cx.read()?, Some(code))?;
            emit(out, file, &tables::to_markdown(&doc, cx.lang))
        }
        ExportFormat::Vcf => {
            let doc = json::export_of(&cx.read()?, account)?;
            emit(out, file, &vcard::of_document(doc))
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
