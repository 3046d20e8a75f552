//! `kam attach CODE FILE` and `kam attachments CODE [--save DIR]`: files kept inside the book
//! (store/attachments.rs), listed by name, size and date, and written back out owner-only
//! without ever overwriting a file already there.

use super::commands::{AttachArgs, AttachmentsArgs};
use super::lookup::no_account;
use super::Invocation;
use crate::domain::attachment::{self, Attachment};
use crate::exchange::write_private;
use crate::i18n::{t_args, Said};
use crate::store::AttachTo;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;

pub fn attach(cx: &Invocation, args: &AttachArgs, out: &mut impl Write) -> Result<()> {
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Asked before reading, so a film chosen by mistake is not read whole into memory.
    let size = std::fs::metadata(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?
        .len();
    if size > attachment::MAX_BYTES {
        bail!(Said::new("attachment-too-big")
            .with("name", name.as_str())
            .with("mb", (attachment::MAX_BYTES / (1024 * 1024)) as i64));
    }
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let mut store = cx.write()?;
    let account = store
        .account_by_code(&args.code)?
        .ok_or_else(|| no_account(cx, &args.code))?;
    let to = AttachTo {
        account_id: account.id,
        visit_id: args.visit,
        contact_id: args.contact,
    };
    let a = store.attach(to, &name, &bytes)?;
    writeln!(
        out,
        "{}",
        t_args(
            cx.lang,
            "attachment-added",
            &[
                ("name", a.name.clone().into()),
                ("size", attachment::size_text(a.size).into()),
                ("code", account.code.clone().into()),
            ],
        )
    )?;
    Ok(())
}

pub fn list(cx: &Invocation, args: &AttachmentsArgs, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let account = store
        .account_by_code(&args.code)?
        .ok_or_else(|| no_account(cx, &args.code))?;
    let all = store.attachments(account.id)?;
    if let Some(dir) = &args.save {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for a in &all {
            let path = save(&store, a, dir)?;
            writeln!(out, "{}", path.display())?;
        }
        writeln!(
            out,
            "{}",
            t_args(
                cx.lang,
                "attachments-saved",
                &[
                    ("count", all.len().into()),
                    ("dir", dir.display().to_string().into())
                ],
            )
        )?;
        return Ok(());
    }
    if all.is_empty() {
        writeln!(
            out,
            "{}",
            t_args(
                cx.lang,
                "attachments-none",
                &[("code", account.code.into())]
            )
        )?;
    }
    for a in &all {
        writeln!(out, "{}", line(a))?;
    }
    Ok(())
}

/// One attachment as a tab-separated line: id, name, size, type, date, what it belongs to.
fn line(a: &Attachment) -> String {
    let of = match (a.visit_id, a.contact_id) {
        (Some(v), _) => format!("visit {v}"),
        (None, Some(c)) => format!("contact {c}"),
        (None, None) => String::new(),
    };
    [
        a.id.to_string(),
        crate::text_safety::cell(&a.name).into_owned(),
        attachment::size_text(a.size),
        a.mime.clone(),
        a.added_at.replace('T', " "),
        of,
    ]
    .join("\t")
    .trim_end()
    .to_string()
}

/// Writes one attachment into `dir` under its name, or the first free variant of it.
pub fn save(store: &crate::store::Store, a: &Attachment, dir: &Path) -> Result<std::path::PathBuf> {
    let name = attachment::free_name(&attachment::clean_name(&a.name), |n| {
        dir.join(n).symlink_metadata().is_ok()
    });
    let path = dir.join(name);
    let bytes = store.attachment_bytes(a.id)?;
    write_private(&path, |w| Ok(w.write_all(&bytes)?))?;
    Ok(path)
}
