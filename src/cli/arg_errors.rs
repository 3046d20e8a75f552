//! A command line clap refuses, in one sentence of the reader's language. clap words its
//! refusals in English and spreads them over several lines (usage, tips); kam says one line
//! that starts `error:`, so scripts and people alike see what was wrong. The common kinds
//! are said from the message files with clap's own details (the argument, the value, the
//! values it takes); a rare kind keeps clap's first paragraph.

use crate::i18n::{t, t_args, Arg, Lang};
use clap::error::{ContextKind, ErrorKind};

/// The sentence for a refused command line, with the pointer to the help.
pub fn sentence(lang: Lang, e: &clap::Error) -> String {
    let said = said(lang, e).unwrap_or_else(|| first_paragraph(&e.render().to_string()));
    t_args(lang, "cli-see-help", &[("what", said.into())])
}

fn said(lang: Lang, e: &clap::Error) -> Option<String> {
    let get = |kind| e.get(kind).map(|v| v.to_string());
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let say = |id: &str, args: &[(&str, Arg)]| Some(t_args(lang, id, args));
    match e.kind() {
        ErrorKind::UnknownArgument => say("cli-arg-unknown", &[("arg", arg?.into())]),
        ErrorKind::InvalidSubcommand => say(
            "cli-arg-unknown-command",
            &[("command", get(ContextKind::InvalidSubcommand)?.into())],
        ),
        ErrorKind::InvalidValue if value.as_deref() == Some("") => {
            say("cli-arg-needs-value", &[("arg", arg?.into())])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let bad = t_args(
                lang,
                "cli-arg-bad-value",
                &[("arg", arg?.into()), ("value", value?.into())],
            );
            Some(match get(ContextKind::ValidValue) {
                Some(valid) => format!(
                    "{bad}{}",
                    t_args(lang, "cli-arg-valid", &[("valid", valid.into())])
                ),
                None => bad,
            })
        }
        ErrorKind::MissingRequiredArgument => say("cli-arg-missing", &[("args", arg?.into())]),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Some(t(lang, "cli-arg-missing-command"))
        }
        ErrorKind::ArgumentConflict => say(
            "cli-arg-conflict",
            &[
                ("arg", arg?.into()),
                (
                    "other",
                    get(ContextKind::PriorArg).unwrap_or_default().into(),
                ),
            ],
        ),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooManyValues | ErrorKind::TooFewValues => {
            say("cli-arg-count", &[("arg", arg?.into())])
        }
        _ => None,
    }
}

/// clap's message as one line: its first paragraph joined, so "the following required
/// arguments were not provided:" keeps the `<QUERY>` that clap puts on the next line (taking
/// only the first line lost it), without the usage and tips that follow the blank line.
fn first_paragraph(text: &str) -> String {
    let para: Vec<&str> = text
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    let joined = para.join(" ");
    let joined = joined.strip_prefix("error:").unwrap_or(&joined).trim();
    if joined.is_empty() {
        "bad arguments".to_string()
    } else {
        joined.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::first_paragraph as clap_sentence;

    #[test]
    fn clap_messages_become_one_line() {
        let missing = "error: the following required arguments were not provided:\n  <QUERY>\n\nUsage: kam search <QUERY>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            clap_sentence(missing),
            "the following required arguments were not provided: <QUERY>"
        );
        let unknown = "error: unexpected argument '--x' found\n\n  tip: to pass '--x' as a value, use '-- --x'\n\nUsage: kam [OPTIONS]\n";
        assert_eq!(clap_sentence(unknown), "unexpected argument '--x' found");
        assert_eq!(clap_sentence(""), "bad arguments");
    }
}
