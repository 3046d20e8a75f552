//! Files in and out from the interface: importing a file (its dry run shown first, then
//! confirmed), exporting the open account, and merging a duplicate into it.

use super::dialogs::{Dialog, ImportCheck, ImportDialog, ImportFile};
use super::overlays::SearchPurpose;
use super::{App, Confirm, Status};
use crate::exchange::import::{import_table, Options, Rejected, Summary};
use crate::i18n::t_args;
use anyhow::{Context, Result};
use std::path::PathBuf;

impl App {
    pub(super) fn open_import(&mut self) {
        self.dialog = Some(Dialog::Import(ImportDialog::new()));
    }

    /// Imports (or rehearses) a file as `kam import` does: the good rows in, the others set
    /// aside into FILE.rejected.csv beside it (only when really importing).
    fn run_import(
        &mut self,
        file: &std::path::Path,
        sheet: Option<&str>,
        dry_run: bool,
    ) -> Result<Summary> {
        let table = crate::exchange::read_file(file, sheet)?;
        let options = Options {
            dry_run,
            lang: self.lang,
            file: file.display().to_string(),
            ..Default::default()
        };
        let summary = import_table(&mut self.store, &table, &options, &mut |_, _| {})?;
        if !dry_run && !summary.set_aside.is_empty() {
            let path = crate::exchange::import::rejected::default_path(file);
            crate::exchange::import::rejected::write(&path, &table, &summary.set_aside, self.lang)?;
        }
        Ok(summary)
    }

    /// Takes the last import back (`kam import --undo` in the interface), then shows the list
    /// as the book now is. The key that calls it is the lead's to bind.
    pub fn undo_last_import(&mut self) -> Result<()> {
        let u = self.store.undo_last_import()?;
        self.reload_finder()?;
        self.status = Some(Status {
            text: t_args(
                self.lang,
                "import-undone",
                &[
                    ("file", u.file.into()),
                    ("at", u.at.into()),
                    ("removed", u.records_removed.into()),
                    ("restored", u.fields_restored.into()),
                ],
            ),
            error: false,
        });
        Ok(())
    }

    /// The dry run's lines: the counts, then the rows set aside and why. (Which column
    /// became which field is the mapping screen's, to come; `kam import --dry-run` shows it.)
    fn summary_lines(&self, s: &Summary) -> Vec<String> {
        let n = |id: &str, args: &[(&str, usize)]| {
            let args: Vec<(&str, crate::i18n::Arg)> =
                args.iter().map(|(k, v)| (*k, (*v).into())).collect();
            t_args(self.lang, id, &args)
        };
        let mut lines = vec![
            n("import-rows", &[("n", s.rows)]),
            n("import-created", &[("n", s.accounts_created)]),
            n(
                "import-matched",
                &[("n", s.accounts_matched), ("updated", s.accounts_updated)],
            ),
            n(
                "import-contacts",
                &[("n", s.contacts_added), ("updated", s.contacts_updated)],
            ),
        ];
        lines.extend(s.kept_apart.iter().map(|k| k.text(self.lang)));
        if !s.columns_in_notes.is_empty() {
            lines.push(t_args(
                self.lang,
                "import-notes-columns",
                &[("columns", s.columns_in_notes.join(", ").into())],
            ));
        }
        if !s.set_aside.is_empty() {
            lines.push(n("import-set-aside", &[("n", s.set_aside.len())]));
            lines.extend(s.problem_lines(self.lang));
        }
        lines
    }

    /// The import dialog was filled in: rehearse the import and show what it would do.
    pub(super) fn check_import(&mut self, ImportFile { file, sheet }: ImportFile) -> Result<()> {
        let check = match self.run_import(&file, sheet.as_deref(), true) {
            Ok(summary) => ImportCheck {
                lines: self.summary_lines(&summary),
                file,
                sheet,
                ok: true,
            },
            Err(e) => {
                let lines = match e.downcast_ref::<Rejected>() {
                    Some(r) => {
                        let mut l = vec![r.heading.clone()];
                        l.extend(r.lines.iter().cloned());
                        l
                    }
                    None => vec![crate::error::sentence(&e)],
                };
                ImportCheck {
                    file,
                    sheet,
                    lines,
                    ok: false,
                }
            }
        };
        self.ask(Confirm::Import(check));
        Ok(())
    }

    pub(super) fn confirm_import(&mut self, check: ImportCheck) -> Result<()> {
        if !check.ok {
            return Ok(());
        }
        let s = self.run_import(&check.file, check.sheet.as_deref(), false)?;
        self.reload_finder()?;
        self.settle_home();
        self.status = Some(Status {
            text: t_args(
                self.lang,
                "status-imported",
                &[
                    ("created", s.accounts_created.into()),
                    ("updated", s.accounts_updated.into()),
                    ("contacts", s.contacts_added.into()),
                ],
            ),
            error: false,
        });
        Ok(())
    }

    /// `x`: the open account's dossier as Markdown and JSON, beside the database in
    /// `exports/`. Those files are not encrypted: for an encrypted book the user is told so and
    /// asked first, since the promise "encrypted at rest" ends where they begin.
    pub(super) fn export_account(&mut self) -> Result<()> {
        if self.detail().is_none() {
            return Ok(());
        }
        if crate::store::cipher::is_encrypted(self.store.path()) {
            self.ask(Confirm::PlainExport);
            return Ok(());
        }
        self.write_dossier()
    }

    /// The folder beside the database where `x` writes, made or closed to the owner only: the
    /// files are 0600, but the names list which customers were exported. One an older kam made
    /// 0755 is closed too, like `backups/`: it is kam's folder, not one the user chose.
    pub(super) fn exports_dir(&self) -> Result<PathBuf> {
        let dir = self
            .store
            .path()
            .parent()
            .map(|p| p.join("exports"))
            .unwrap_or_else(|| PathBuf::from("exports"));
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("cannot make {} owner-only", dir.display()))?;
        }
        Ok(dir)
    }

    /// Writes the dossier (asked for, and on an encrypted book confirmed).
    pub(super) fn write_dossier(&mut self) -> Result<()> {
        let Some(d) = self.detail() else {
            return Ok(());
        };
        let code = d.dossier.account.code.clone();
        // That account alone (reading the whole book to keep one took 2 GB at 100,000
        // accounts). A file leaves the program: the personal dossier stays in it (as
        // `kam export` does).
        use crate::exchange::json_stream::{document, Scope};
        let doc = document(&self.store, &Scope::of(&self.store, Some(&code))?, false)?;
        let dir = self.exports_dir()?;
        let md = dir.join(format!("{code}.md"));
        let json = dir.join(format!("{code}.json"));
        let text = crate::exchange::tables::to_markdown(&doc, self.lang);
        crate::exchange::write_private(&md, |w| Ok(w.write_all(text.as_bytes())?))?;
        crate::exchange::write_private(&json, |w| Ok(crate::text_safety::write_json(w, &doc)?))?;
        self.status = Some(Status {
            text: t_args(
                self.lang,
                "status-exported",
                &[(
                    "files",
                    format!("{} {}", md.display(), json.display()).into(),
                )],
            ),
            error: false,
        });
        Ok(())
    }

    /// `M` on an account: the finder picks the duplicate to merge into it.
    pub(super) fn start_merge(&mut self) {
        if let Some(d) = self.detail() {
            let keep = d.account_id();
            self.open_search_for(SearchPurpose::MergeInto(keep));
        }
    }

    pub(super) fn ask_merge(&mut self, keep: i64, drop: i64) -> Result<()> {
        if keep == drop {
            self.status = Some(Status {
                text: self.t("merge-same"),
                error: true,
            });
            return Ok(());
        }
        let name = |id| -> Result<String> {
            Ok(self
                .store
                .get::<crate::domain::Account>(id)?
                .map(|a| format!("{} {}", a.code, a.name))
                .unwrap_or_default())
        };
        self.ask(Confirm::Merge {
            keep,
            drop,
            keep_name: name(keep)?,
            drop_name: name(drop)?,
        });
        Ok(())
    }

    pub(super) fn merge(&mut self, keep: i64, drop: i64) -> Result<()> {
        let m = self.store.write(|w| w.merge_accounts(keep, drop))?;
        self.finder.remove(drop);
        self.refresh_account(keep)?;
        self.regrade()?;
        self.status = Some(Status {
            text: t_args(self.lang, "status-merged", &[("n", m.records_moved.into())]),
            error: false,
        });
        Ok(())
    }
}
