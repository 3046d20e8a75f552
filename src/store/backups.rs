//! Backups without thinking: one a day, taken with the online backup API into `backups/`
//! beside the database, the last seven kept; and putting a backup back (`kam restore`),
//! checked first, with the replaced file kept.

use super::migrations;
use super::open::connect;
use super::{Access, Store};
use anyhow::{bail, Result};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// How many daily backups are kept.
pub const KEEP: usize = 7;

/// `backups/` beside the database.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

/// Today's automatic backup, unless there is one; then the oldest beyond the last `KEEP`
/// are removed. Returns the new file, if one was made.
pub fn daily_backup(db: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let dir = backup_dir(db);
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kam".into());
    let file = dir.join(format!("{stem}-{today}.db"));
    if file.exists() {
        return Ok(None);
    }
    std::fs::create_dir_all(&dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Store::open(db, Access::Read)?.backup_to(&file)?;
    // Ours are `<stem>-YYYY-MM-DD.db`: by name is by date.
    let prefix = format!("{stem}-");
    let mut ours: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(&prefix))
                .and_then(|rest| rest.strip_suffix(".db"))
                .is_some_and(|d| d.parse::<NaiveDate>().is_ok())
        })
        .collect();
    ours.sort();
    let excess = ours.len().saturating_sub(KEEP);
    for old in &ours[..excess] {
        std::fs::remove_file(old)?;
    }
    Ok(Some(file))
}

/// Whether `file` is a whole, healthy kam database this kam can read; nothing is changed.
pub fn check_backup(file: &Path) -> Result<()> {
    if !file.is_file() {
        bail!("there is no file {}", file.display());
    }
    let conn = connect(file, Access::Read)?;
    let version = migrations::version(&conn)?;
    if version == 0 {
        bail!("{} is not a kam database", file.display());
    }
    if version > migrations::current_version() {
        bail!(
            "{} has schema version {version}, newer than this kam understands; use a newer kam",
            file.display()
        );
    }
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        bail!(
            "{} is damaged ({verdict}); nothing was restored",
            file.display()
        );
    }
    Ok(())
}

impl Store {
    /// Replaces this database with `backup` after checking it; the content replaced is
    /// first copied to `keep`. All within the writer's lock.
    pub fn restore_from(&mut self, backup: &Path, keep: &Path) -> Result<()> {
        check_backup(backup)?;
        self.backup_to(keep)?;
        let source = connect(backup, Access::Read)?;
        {
            let copy = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            copy.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
        }
        // The copy came in whatever journal mode the backup had; ours is WAL.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        migrations::migrate(&mut self.conn)?;
        let verdict: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            bail!(
                "the restored database does not check out ({verdict}); the replaced one is at {}",
                keep.display()
            );
        }
        Ok(())
    }
}
