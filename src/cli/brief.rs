//! `kam brief CODE`: the brief before a visit, as text for the terminal or Markdown for a
//! phone. Read-only; the grade computed from sales is shown beside the typed one.

use super::commands::{BriefArgs, BriefFormat};
use super::lookup::no_account;
use super::Invocation;
use anyhow::Result;
use std::io::Write;

pub fn brief(cx: &Invocation, args: &BriefArgs, out: &mut impl Write) -> Result<()> {
    let store = cx.read()?;
    let today = store.now().date();
    let day = args
        .date
        .as_deref()
        .map(|d| crate::domain::when::parse_date_on(d, today).map_err(anyhow::Error::new))
        .transpose()?;
    let Some(account) = store.account_by_code(&args.code)? else {
        return Err(no_account(cx, &args.code));
    };
    let computed = crate::analytics::computed_grades(&store, today)?
        .get(&account.id)
        .copied();
    let brief = crate::visits::brief(&store, &account.code, today, day, computed)?
        .ok_or_else(|| no_account(cx, &args.code))?;
    let text = match args.format {
        BriefFormat::Text => brief.to_text(cx.lang, args.include_personal),
        BriefFormat::Md => brief.to_markdown(cx.lang, args.include_personal),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}
