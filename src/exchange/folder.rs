//! Writing an export that is a folder of files (CSV, one file per section): whole or not at
//! all. Every file is written and flushed to disk in a temporary folder first; only then does
//! anything at the target change, by renames, which need no room on the disk. A full disk or
//! any other failure therefore leaves the target as it was (no mix of new and old section
//! files), and its sentence names the file.
//!
//! The target can be:
//! - new: the temporary folder beside it is renamed into place;
//! - a folder holding only files of an earlier export (or nothing): the old folder is renamed
//!   aside, the new one renamed in, the old one removed; a failed second rename puts the old
//!   one back;
//! - a folder holding other files too (the user's own), or a link to a folder: nothing of the
//!   user's may be removed, so the new files are written into a temporary folder inside it
//!   and each renamed over its old version; section files of an earlier export that the new
//!   one no longer has are removed. Each rename is atomic; a failure between two (not a full
//!   disk) is named.

use super::files::io_reason as reason;
use anyhow::{anyhow, bail, Result};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// One sentence for a failed step on `path`, saying the target was left unchanged.
fn failed(what: &str, path: &Path, e: &std::io::Error, target: &Path) -> anyhow::Error {
    anyhow!(
        "cannot {what} {}: {}; nothing was exported and {} was left as it was",
        path.display(),
        reason(e),
        target.display()
    )
}

/// Writes `files` (name, bytes) as the folder `dir`, owner-only (the folder 0700, the files
/// 0600). `earlier` names the files an earlier export of the same kind may have left there,
/// which the new export replaces or removes.
pub fn write_folder_private(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    earlier: &[String],
) -> Result<()> {
    write_folder_streamed(dir, earlier, |folder| {
        for (name, bytes) in files {
            folder.file(name, |w| {
                w.write_all(bytes)?;
                Ok(true)
            })?;
        }
        Ok(())
    })
}

/// The files of a folder export as they are written, one after another, each straight to
/// its file in the temporary folder (a big book's CSV is hundreds of MB: never all in memory).
pub struct Folder<'a> {
    tmp: &'a Path,
    target: &'a Path,
    written: Vec<String>,
}

impl Folder<'_> {
    /// Writes the file `name` with `body`, flushed to disk; `body` says whether the file is
    /// kept (false: it had nothing to hold, and is removed).
    pub fn file(
        &mut self,
        name: &str,
        body: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<bool>,
    ) -> Result<()> {
        let (tmp, target) = (self.tmp, self.target);
        let shown = target.join(name);
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let file = opts
            .open(tmp.join(name))
            .map_err(|e| failed("write", &shown, &e, target))?;
        let mut w = std::io::BufWriter::new(file);
        let keep = body(&mut w).map_err(|e| {
            match e.chain().find_map(|c| c.downcast_ref::<std::io::Error>()) {
                Some(io) => failed("write", &shown, io, target),
                None => e,
            }
        })?;
        w.flush()
            .and_then(|()| w.get_ref().sync_all())
            .map_err(|e| failed("write", &shown, &e, target))?;
        if keep {
            self.written.push(name.to_string());
        } else {
            drop(w);
            std::fs::remove_file(tmp.join(name))
                .map_err(|e| failed("write", &shown, &e, target))?;
        }
        Ok(())
    }
}

/// A fill of the folder: writes its files through [`Folder::file`].
type Fill<'f> = &'f mut dyn FnMut(&mut Folder) -> Result<()>;

/// Like [`write_folder_private`], with the files written by `fill` one after another.
pub fn write_folder_streamed(
    dir: &Path,
    earlier: &[String],
    mut fill: impl FnMut(&mut Folder) -> Result<()>,
) -> Result<()> {
    let files: Fill = &mut fill;
    let linked = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == ErrorKind::NotFound && !linked => fresh(dir, files),
        Err(e) => Err(failed("read", dir, &e, dir)),
        Ok(m) if !m.is_dir() => bail!(
            "{} is a file, not a folder; a CSV export is a folder of files (one per section)",
            dir.display()
        ),
        Ok(_) => {
            let names = entries(dir)?;
            if !linked && names.iter().all(|n| earlier.contains(n)) {
                swap(dir, files)
            } else {
                file_by_file(dir, files, earlier)
            }
        }
    }
}

fn entries(dir: &Path) -> Result<Vec<String>> {
    let read = std::fs::read_dir(dir).map_err(|e| failed("read", dir, &e, dir))?;
    let mut names = vec![];
    for entry in read {
        let entry = entry.map_err(|e| failed("read", dir, &e, dir))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    Ok(names)
}

/// The folder holding `dir` (`.` for a bare name) and a hidden name beside `dir`.
fn beside(dir: &Path, tag: &str) -> (PathBuf, PathBuf) {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let aside = parent.join(format!(".{name}.kam-{tag}"));
    (parent, aside)
}

/// Removes a leftover of an earlier interrupted export.
fn remove_leftover(path: &Path, target: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(failed("remove", path, &e, target)),
        _ => Ok(()),
    }
}

/// Makes `tmp` (owner-only) and has `fill` write every file into it, each flushed to disk;
/// the names of the files kept. Errors name the file as it would have been at the target.
fn write_all(tmp: &Path, fill: Fill, target: &Path) -> Result<Vec<String>> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(tmp)
        .map_err(|e| failed("create", tmp, &e, target))?;
    let mut folder = Folder {
        tmp,
        target,
        written: vec![],
    };
    fill(&mut folder)?;
    sync_dir(tmp);
    Ok(folder.written)
}

/// Flushes a folder's entries (the renames) to disk; where a system cannot, the renames
/// still happened, so this is best effort.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Runs `step`, removing the temporary folder when it fails.
fn or_clean(tmp: &Path, step: impl FnOnce() -> Result<()>) -> Result<()> {
    let result = step();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(tmp);
    }
    result
}

fn fresh(dir: &Path, files: Fill) -> Result<()> {
    let (parent, tmp) = beside(dir, "tmp");
    std::fs::create_dir_all(&parent).map_err(|e| failed("create", &parent, &e, dir))?;
    remove_leftover(&tmp, dir)?;
    or_clean(&tmp, || {
        write_all(&tmp, files, dir)?;
        std::fs::rename(&tmp, dir).map_err(|e| failed("create", dir, &e, dir))
    })?;
    sync_dir(&parent);
    Ok(())
}

fn swap(dir: &Path, files: Fill) -> Result<()> {
    let (parent, tmp) = beside(dir, "tmp");
    let (_, old) = beside(dir, "old");
    remove_leftover(&tmp, dir)?;
    remove_leftover(&old, dir)?;
    or_clean(&tmp, || {
        write_all(&tmp, files, dir)?;
        std::fs::rename(dir, &old).map_err(|e| failed("replace", dir, &e, dir))?;
        if let Err(e) = std::fs::rename(&tmp, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(failed("replace", dir, &e, dir));
        }
        Ok(())
    })?;
    sync_dir(&parent);
    // The new export is in place; the old one goes (a leftover is removed next time).
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

fn file_by_file(dir: &Path, files: Fill, earlier: &[String]) -> Result<()> {
    let tmp = dir.join(".kam-export-tmp");
    remove_leftover(&tmp, dir)?;
    let mut names = vec![];
    or_clean(&tmp, || {
        names = write_all(&tmp, files, dir)?;
        for name in &names {
            let to = dir.join(name);
            std::fs::rename(tmp.join(name), &to).map_err(|e| {
                anyhow!(
                    "cannot write {}: {}; the files before it in {} are the new export's",
                    to.display(),
                    reason(&e),
                    dir.display()
                )
            })?;
        }
        Ok(())
    })?;
    let _ = std::fs::remove_dir(&tmp);
    for stale in earlier.iter().filter(|n| !names.contains(n)) {
        match std::fs::remove_file(dir.join(stale)) {
            Err(e) if e.kind() != ErrorKind::NotFound => {
                return Err(anyhow!(
                    "cannot remove {} of an earlier export: {}",
                    dir.join(stale).display(),
                    reason(&e)
                ))
            }
            _ => {}
        }
    }
    sync_dir(dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(names: &[&str], text: &str) -> Vec<(String, Vec<u8>)> {
        names
            .iter()
            .map(|n| (n.to_string(), text.as_bytes().to_vec()))
            .collect()
    }

    fn listing(dir: &Path) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                (e.file_name().to_string_lossy().into_owned(), text)
            })
            .collect();
        all.sort();
        all
    }

    fn earlier() -> Vec<String> {
        ["a.csv", "b.csv", "c.csv"].map(String::from).to_vec()
    }

    #[test]
    fn an_earlier_export_is_replaced_whole_and_its_stale_files_go() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        write_folder_private(
            &dir,
            &files(&["a.csv", "b.csv", "c.csv"], "old"),
            &earlier(),
        )
        .unwrap();
        write_folder_private(&dir, &files(&["a.csv", "b.csv"], "new"), &earlier()).unwrap();
        assert_eq!(
            listing(&dir),
            [
                ("a.csv".into(), "new".into()),
                ("b.csv".into(), "new".into())
            ]
        );
        assert_eq!(listing(root.path()).len(), 1, "no temporary folder left");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&dir), 0o700);
            assert_eq!(mode(&dir.join("a.csv")), 0o600);
        }
    }

    /// A file that cannot be written (injected: a name whose folder does not exist, which
    /// fails at the same step a full disk does) changes nothing at the target.
    #[test]
    fn a_failed_file_leaves_the_earlier_export_as_it_was_and_names_the_file() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        write_folder_private(&dir, &files(&["a.csv", "b.csv"], "old"), &earlier()).unwrap();
        let before = listing(&dir);
        let err = write_folder_private(&dir, &files(&["a.csv", "no/such.csv"], "new"), &earlier())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!(
                "cannot write {}",
                dir.join("no/such.csv").display()
            )) && err.contains("left as it was"),
            "{err}"
        );
        assert_eq!(listing(&dir), before);
        assert_eq!(listing(root.path()).len(), 1, "no temporary folder left");
        // The same into a folder that holds the user's own files too.
        std::fs::write(dir.join("mine.txt"), "mine").unwrap();
        let before = listing(&dir);
        assert!(
            write_folder_private(&dir, &files(&["a.csv", "no/such.csv"], "new"), &earlier())
                .is_err()
        );
        assert_eq!(listing(&dir), before);
    }

    #[test]
    fn a_folder_with_the_users_own_files_keeps_them() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("mine.txt"), "mine").unwrap();
        std::fs::write(dir.join("c.csv"), "old").unwrap();
        write_folder_private(&dir, &files(&["a.csv"], "new"), &earlier()).unwrap();
        assert_eq!(
            listing(&dir),
            [
                ("a.csv".into(), "new".into()),
                ("mine.txt".into(), "mine".into())
            ]
        );
    }

    #[test]
    fn a_file_where_the_folder_should_be_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("out");
        std::fs::write(&dir, "x").unwrap();
        let err = write_folder_private(&dir, &files(&["a.csv"], "new"), &earlier())
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a file, not a folder"), "{err}");
        assert_eq!(std::fs::read_to_string(&dir).unwrap(), "x");
    }
}
