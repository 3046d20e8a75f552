//! The rows an import set aside, written as they were with the reason of each, so that a
//! person can mend them in Excel and import that file again: a CSV with the file's own
//! header and a last column for the reason; for an address book, each card's own text. UTF-8
//! with a byte-order mark (Excel then shows Chinese right), owner-only, whole or not at all.

use super::problems::SetAside;
use crate::exchange::sheet::Sheet;
use crate::exchange::table::Unit;
use crate::i18n::{t, Lang};
use anyhow::Result;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// `FILE.rejected.csv` beside the file imported.
pub fn default_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".rejected.csv");
    file.with_file_name(name)
}

/// Writes the rows set aside (read again from the sheet, so none is held meanwhile).
pub fn write(path: &Path, table: &dyn Sheet, set_aside: &[SetAside], lang: Lang) -> Result<()> {
    let by_index: HashMap<usize, &SetAside> = set_aside.iter().map(|s| (s.index, s)).collect();
    crate::exchange::write_private(path, |out| {
        out.write_all(b"\xEF\xBB\xBF")?;
        // Flexible: a row set aside for holding more cells than the header keeps them all.
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(out);
        let reason = t(lang, "import-reason-column");
        match table.unit() {
            Unit::Row => {
                let width = table.headers().len();
                let mut header = table.headers().to_vec();
                header.push(reason);
                w.write_record(
                    header
                        .iter()
                        .map(|c| crate::exchange::formula::defuse(c.clone())),
                )?;
                table.each_row(&mut |index, cells| {
                    let Some(s) = by_index.get(&index) else {
                        return Ok(());
                    };
                    let reason = s.reason(lang);
                    let mut out: Vec<std::borrow::Cow<str>> = cells
                        .iter()
                        .map(|c| crate::exchange::formula::defuse_str(c))
                        .collect();
                    out.resize(out.len().max(width), "".into());
                    out.push(crate::exchange::formula::defuse_str(&reason));
                    w.write_record(out.iter().map(|c| c.as_bytes()))?;
                    Ok(())
                })?;
            }
            Unit::Card => {
                w.write_record(["vCard".to_string(), reason])?;
                for s in set_aside {
                    let card = table.source(s.index).unwrap_or_default().to_string();
                    w.write_record([card, s.reason(lang)])?;
                }
            }
        }
        w.flush()?;
        Ok(())
    })
}
