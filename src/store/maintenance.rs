//! Keeping the file healthy: integrity checks and consistent backups.

use super::{describe_arg, migrations, steps, Store};
use crate::i18n::Said;
use anyhow::{bail, Result};
use std::path::Path;

/// What `kam check` reports.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Health {
    pub integrity: Vec<String>,
    pub schema_version: i64,
    pub program_schema_version: i64,
    pub counts: Vec<(String, i64, i64)>,
    pub foreign_key_problems: i64,
}

impl Health {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.schema_version == self.program_schema_version
            && self.foreign_key_problems == 0
    }
}

impl Store {
    /// Full integrity check, schema version, and live / trashed counts per table.
    pub fn health(&self) -> Result<Health> {
        self.health_told(&|_, _| {})
    }

    /// [`Store::health`], telling `done(pages, of pages)` as it goes (reckoned from SQLite's
    /// steps, see `steps.rs`): 17 s at 100,000 accounts.
    pub fn health_told(&self, done: &dyn Fn(u64, u64)) -> Result<Health> {
        let pages = steps::page_count(self.conn())?;
        let health = steps::counting_steps(
            self.conn(),
            &|n| {
                done(
                    steps::pages_done(n, steps::HEALTH_STEPS_PER_PAGE, pages),
                    pages,
                )
            },
            || self.health_now(),
        );
        done(pages, pages);
        health
    }

    fn health_now(&self) -> Result<Health> {
        let conn = self.conn();
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let integrity = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| Said::new("store-check-could-not-run").with("reason", describe_arg(&e)))?;
        let foreign_key_problems: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        let mut counts = vec![];
        for kind in crate::domain::RecordKind::ALL {
            let (live, trashed) = conn.query_row(
                &format!(
                    "SELECT count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM {}",
                    kind.table()
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            counts.push((kind.table().to_string(), live, trashed));
        }
        let history: i64 = conn.query_row("SELECT count(*) FROM history", [], |r| r.get(0))?;
        counts.push(("history".into(), history, 0));
        Ok(Health {
            integrity,
            schema_version: migrations::version(conn)?,
            program_schema_version: migrations::current_version(),
            counts,
            foreign_key_problems,
        })
    }

    /// A consistent copy taken with SQLite's online backup, safe while another process
    /// writes. The copy is owner-only. An existing file at `dest` is refused. The copy is made
    /// under `<dest>.partial`, checked (a whole kam database: `integrity_check`, kam's
    /// application id and schema version), and only then renamed to `dest`: a file at `dest`
    /// is always a good backup, whatever stopped kam on the way.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.copy_to(dest, true, &|_, _| {})
    }

    /// [`Store::backup_to`], telling `done(pages copied, pages)` as the copy goes.
    pub fn backup_to_told(&self, dest: &Path, done: &dyn Fn(u64, u64)) -> Result<()> {
        self.copy_to(dest, true, done)
    }

    /// `backup_to`, with the check or without it: the copy a restore keeps of the book it
    /// replaces is kept even if that book is damaged (it is what the user had).
    pub(crate) fn copy_to(&self, dest: &Path, check: bool, done: &dyn Fn(u64, u64)) -> Result<()> {
        if dest.exists() {
            bail!(Said::new("store-exists").with("file", dest));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                bail!(Said::new("store-no-directory").with("dir", dir));
            }
        }
        let partial = super::recovery::partial_name(dest);
        let remove_partial = || {
            for p in [partial.clone(), super::files::beside(&partial, "-journal")] {
                let _ = std::fs::remove_file(p);
            }
        };
        // A partial copy left by an earlier attempt is ours to replace.
        remove_partial();
        // Create the file owner-only first, so the copy is never readable by others.
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        opts.open(&partial)
            .map_err(|e| super::files::cannot("store-cannot-create", &partial, &e))?;
        let result = (|| -> Result<()> {
            let mut target = rusqlite::Connection::open(&partial)?;
            // An encrypted database's backup is encrypted with the same passphrase.
            super::key::prepare(&target, self.is_encrypted())?;
            let backup = rusqlite::backup::Backup::new(self.conn(), &mut target)?;
            // `run_to_completion` step by step, to tell how far the copy is.
            loop {
                use rusqlite::backup::StepResult;
                match backup.step(256)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    _ => std::thread::sleep(std::time::Duration::from_millis(5)),
                }
                let p = backup.progress();
                let whole = p.pagecount as u64 * if check { 2 } else { 1 };
                done((p.pagecount - p.remaining) as u64, whole);
            }
            drop(backup);
            // The copy is a plain single file, ready to move anywhere.
            target.pragma_update(None, "journal_mode", "DELETE")?;
            drop(target);
            super::recovery::test_point("backup-copied");
            if check {
                // The check reads the copy again: the second half of the bar.
                super::backups::check_copy(&partial, &|checked, pages| {
                    done(pages + checked, 2 * pages)
                })?;
            }
            std::fs::File::open(&partial).and_then(|f| f.sync_all())?;
            Ok(())
        })();
        if let Err(e) = result {
            remove_partial();
            return Err(e.context(Said::new("store-backup-failed").with("file", dest)));
        }
        std::fs::rename(&partial, dest).map_err(|e| {
            remove_partial();
            anyhow::Error::new(e).context(Said::new("store-backup-failed").with("file", dest))
        })?;
        super::cipher::sync_folder(dest);
        Ok(())
    }
}
