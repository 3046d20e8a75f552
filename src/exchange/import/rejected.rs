//! The rows an import set aside, written as they were with the reason of each, so that a
//! person can mend them in Excel and import that file again: a CSV with the file's own
//! header and a last column for the reason; for an address book, each card's own text. UTF-8
//! with a byte-order mark (Excel then shows Chinese right), owner-only, whole or not at all.

use super::problems::SetAside;
use crate::exchange::table::{Table, Unit};
use crate::i18n::{t, Lang};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// `FILE.rejected.csv` beside the file imported.
pub fn default_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".rejected.csv");
    file.with_file_name(name)
}

pub fn write(path: &Path, table: &Table, set_aside: &[SetAside], lang: Lang) -> Result<()> {
    crate::exchange::write_private(path, |out| {
        out.write_all(b"\xEF\xBB\xBF")?;
        let mut w = csv::Writer::from_writer(out);
        let reason = t(lang, "import-reason-column");
        match table.unit {
            Unit::Row => {
                let mut header = table.headers.clone();
                header.push(reason);
                w.write_record(
                    header
                        .iter()
                        .map(|c| crate::exchange::formula::defuse(c.clone())),
                )?;
                for s in set_aside {
                    let mut cells = table.rows[s.index].1.clone();
                    cells.resize(cells.len().max(table.headers.len()), String::new());
                    cells.push(s.reason(lang));
                    w.write_record(cells.into_iter().map(crate::exchange::formula::defuse))?;
                }
            }
            Unit::Card => {
                w.write_record(["vCard".to_string(), reason])?;
                for s in set_aside {
                    let card = table.sources.get(s.index).cloned().unwrap_or_default();
                    w.write_record([card, s.reason(lang)])?;
                }
            }
        }
        w.flush()?;
        Ok(())
    })
}
