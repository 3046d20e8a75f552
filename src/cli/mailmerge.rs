//! `kam mailmerge --template FILE --out DIR`: one letter per contact (Markdown, or an `.eml`
//! to open in the rep's own mail program), for customer care mail-outs (定期发送客户关怀邮件).
//! Which contacts: all, one account's (`--account`), or those tagged (`--tag`, on the
//! person or their account). The filling is `exchange::mailmerge`'s.

use super::commands::{MailFormat, MailmergeArgs};
use super::lookup::no_account;
use super::Invocation;
use crate::domain::{tags, Account, Contact};
use crate::exchange::mailmerge::{self, UnknownField};
use crate::exchange::write_private;
use crate::i18n::t_args;
use anyhow::{anyhow, Context, Result};
use std::collections::HashMap;
use std::io::Write;

pub fn mailmerge(cx: &Invocation, args: &MailmergeArgs, out: &mut impl Write) -> Result<()> {
    let text = std::fs::read_to_string(&args.template)
        .with_context(|| format!("cannot read {}", args.template.display()))?;
    let template = mailmerge::parse(&text).map_err(|UnknownField(name)| {
        anyhow!(t_args(
            cx.lang,
            "mailmerge-unknown-field",
            &[
                ("field", format!("{{{{{name}}}}}").into()),
                ("known", mailmerge::known_fields().into()),
            ],
        ))
    })?;
    let store = cx.read()?;
    let today = store.now().date();
    let accounts: HashMap<i64, Account> = match &args.account {
        Some(code) => {
            let a = store
                .account_by_code(code)?
                .ok_or_else(|| no_account(cx, code))?;
            HashMap::from([(a.id, a)])
        }
        None => store
            .all::<Account>()?
            .into_iter()
            .map(|a| (a.id, a))
            .collect(),
    };
    let tag = args
        .tag
        .as_deref()
        .map(|t| t.trim().trim_start_matches('#'));
    let people: Vec<Contact> = store
        .all::<Contact>()?
        .into_iter()
        .filter(|c| {
            let Some(a) = accounts.get(&c.account_id) else {
                return false;
            };
            tag.is_none_or(|t| {
                tags::holds(c.tags.as_deref(), t) || tags::holds(a.tags.as_deref(), t)
            })
        })
        .collect();
    let dir = &args.out;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (mut written, mut no_email) = (0usize, 0usize);
    for c in &people {
        let a = &accounts[&c.account_id];
        let values = mailmerge::values(c, a, today);
        let (name, letter) = match args.format {
            MailFormat::Md => (
                format!("{}-{}.md", a.code, c.id),
                mailmerge::markdown(&template, &values),
            ),
            MailFormat::Eml => {
                if c.email.as_deref().is_none_or(|e| e.trim().is_empty()) {
                    no_email += 1;
                    continue;
                }
                (
                    format!("{}-{}.eml", a.code, c.id),
                    mailmerge::eml(&template, &values),
                )
            }
        };
        write_private(&dir.join(name), |w| Ok(w.write_all(letter.as_bytes())?))?;
        written += 1;
    }
    writeln!(
        out,
        "{}",
        t_args(
            cx.lang,
            "mailmerge-written",
            &[
                ("count", written.into()),
                ("dir", dir.display().to_string().into())
            ],
        )
    )?;
    if no_email > 0 {
        writeln!(
            out,
            "{}",
            t_args(cx.lang, "mailmerge-no-email", &[("count", no_email.into())])
        )?;
    }
    Ok(())
}
