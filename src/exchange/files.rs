//! Writing files that hold customer data: owner-only, whole or not at all.

use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::Path;

/// Writes a file owner-only (exports hold the whole customer file), replacing it whole: the
/// content goes to a temporary file first, so a failure never leaves half a file.
pub fn write_private(path: &Path, body: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    write_private_file(path, |w| body(w))
}

/// [`write_private`] with `body` given the file itself (buffered), which a writer that needs
/// `Send` (the workbook written sheet by sheet) can take.
pub fn write_private_file(
    path: &Path,
    body: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.kam-tmp",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    // A leftover temporary file (from a crash) would keep its old, maybe world-readable,
    // mode: `mode` applies only when a file is created. Remove it and create it afresh.
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let failed = |e: &std::io::Error| {
        anyhow!(
            "cannot write {}: {}; nothing was written",
            path.display(),
            io_reason(e)
        )
    };
    let result = (|| -> Result<()> {
        let file = opts.open(&tmp).map_err(|e| failed(&e))?;
        let mut w = std::io::BufWriter::new(file);
        // What the body could not write is a disk's failure too: named like the others.
        body(&mut w).map_err(|e| {
            let io = e.chain().find_map(|c| {
                c.downcast_ref::<std::io::Error>()
                    .map(|io| std::io::Error::new(io.kind(), io.to_string()))
                    .or_else(|| {
                        let json = c.downcast_ref::<serde_json::Error>()?;
                        Some(std::io::Error::new(json.io_error_kind()?, json.to_string()))
                    })
            });
            match io {
                Some(io) => failed(&io),
                None => e.context(format!("cannot write {}", path.display())),
            }
        })?;
        w.flush().map_err(|e| failed(&e))?;
        w.get_ref().sync_all().map_err(|e| failed(&e))?;
        std::fs::rename(&tmp, path).map_err(|e| failed(&e))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// What went wrong with a file, in words: a full disk says so plainly.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::StorageFull => "the disk is full".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::QuotaExceeded => "the disk quota is used up".to_string(),
        _ => e.to_string(),
    }
}
