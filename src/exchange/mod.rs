//! Documents in and out of the store.

pub mod address;
pub mod attachment_table;
pub mod cells;
pub mod custom_field_table;
pub mod derived;
pub mod files;
pub mod folder;
pub mod formula;
pub mod headers;
pub mod identity;
pub mod import;
pub mod json;
pub mod json_attachments;
pub mod json_stream;
pub mod list_sheet;
pub mod mailmerge;
pub mod plan_table;
pub mod sections;
pub mod sections_in;
pub mod sheet;
pub mod synonyms;
pub mod table;
pub mod table_stream;
pub mod tables;
pub mod update_book;
pub mod vcard;

use crate::i18n::Said;
use anyhow::Result;
use std::path::Path;

pub use files::{write_private, write_private_file};

/// A sheet from a file, by its extension.
pub fn read_file(path: &Path, sheet: Option<&str>) -> Result<table::Table> {
    let bytes = std::fs::read(path).map_err(|e| crate::i18n::Said::cannot_read(path, &e))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_lowercase();
    match ext.as_str() {
        "csv" | "txt" | "tsv" => table::read_csv(&bytes),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => table::read_workbook(&bytes, sheet),
        "vcf" | "vcard" => vcard::read(&bytes),
        _ => Err(Said::new("import-not-importable")
            .with("path", path.display().to_string())
            .into()),
    }
}
