//! `kam --help` in the reader's language. clap's derive reads the doc comments of
//! `commands.rs`; those stay as the code's documentation, but what a rep reads comes from the
//! message files like every other text: each command's summary, its longer text, every
//! option's line, the headings and clap's own "Print help"/"Print version" lines.
//!
//! Ids follow the command's path: `cli-about` (kam itself), `cli-report-daily-about` and
//! `cli-report-daily-long`, an argument `cli-report-daily--from` (`--` before the argument's
//! id), a global argument once as `cli--db`. A test walks the whole tree and fails on an id
//! missing from either file, so a new command cannot ship with an English-only help.

use crate::i18n::{has, t, Lang};
use clap::{Arg, Command, CommandFactory};

/// The command line as clap reads it, its help said in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = super::Cli::command();
    // Built first so that clap's own parts (the help and version flags, the `help`
    // subcommand, global arguments copied down) exist and are said too.
    cmd.build();
    localize(cmd, lang, &[])
}

/// The language a command line asks for before it is parsed: `--lang X` or `--lang=X`
/// anywhere, else the system's. Needed before parsing because the help is part of parsing.
pub fn lang_of(args: &[std::ffi::OsString]) -> Lang {
    let mut asked = None;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            asked = it.next().map(|v| v.to_string());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            asked = Some(v.to_string());
        }
    }
    asked
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(Lang::from_env)
}

/// The message id of a command's summary (`about`) or of an argument (`-ID`).
pub fn id(path: &[&str], part: &str) -> String {
    let mut id = String::from("cli");
    for p in path {
        id.push('-');
        id.push_str(p);
    }
    id.push('-');
    id.push_str(part);
    id
}

/// The path a command's texts are found under. clap's `help` subcommand mirrors the whole
/// tree (`kam help report daily`): its commands say what the commands they name say, and
/// every `help` says the same.
fn canonical<'a>(path: &[&'a str]) -> Vec<&'a str> {
    if path.last() == Some(&"help") {
        return vec!["help"];
    }
    path.iter().copied().filter(|p| *p != "help").collect()
}

/// The ids an argument's line may be under, most particular first: `--from` is said once
/// for every report (`cli-report--from`) unless one report says it its own way. Global
/// arguments and clap's own are said once, under kam itself.
fn arg_ids(path: &[&str], arg: &Arg) -> Vec<String> {
    let part = format!("-{}", arg.get_id());
    if arg.is_global_set() || is_builtin(arg) {
        return vec![id(&[], &part)];
    }
    let path = canonical(path);
    (0..=path.len())
        .rev()
        .map(|n| id(&path[..n], &part))
        .collect()
}

/// clap's "[default: …]", "[possible values: …]" and "[env: …]" after an argument's line,
/// said in the reader's language (clap's own are English, so they are hidden and said here).
fn notes(lang: Lang, a: &Arg) -> String {
    use crate::i18n::t_args;
    let mut out = Vec::new();
    if !a.get_action().takes_values() {
        return String::new();
    }
    if !a.is_hide_possible_values_set() {
        let values: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            out.push(t_args(
                lang,
                "cli-help-values",
                &[("values", values.join(", ").into())],
            ));
        }
    }
    if !a.is_hide_default_value_set() && !a.get_default_values().is_empty() {
        let value: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        out.push(t_args(
            lang,
            "cli-help-default",
            &[("value", value.join(",").into())],
        ));
    }
    if let (false, Some(var)) = (a.is_hide_env_set(), a.get_env()) {
        out.push(t_args(
            lang,
            "cli-help-env",
            &[("var", var.to_string_lossy().into_owned().into())],
        ));
    }
    out.join(" ")
}

fn is_builtin(arg: &Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version")
}

/// One text the help needs: the ids it may be found under (the first found is said) and
/// what clap has in English for it (the doc comment, empty when there is none).
#[derive(Debug)]
pub struct Needed {
    pub ids: Vec<String>,
    pub english: String,
}

/// Every text the command line's help needs (hidden commands left out), for the test that
/// keeps the message files whole.
pub fn needed() -> Vec<Needed> {
    let mut cmd = super::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, &mut Vec::new(), &mut out);
    out
}

fn walk(cmd: &Command, path: &mut Vec<String>, out: &mut Vec<Needed>) {
    if cmd.is_hide_set() {
        return;
    }
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    out.push(Needed {
        ids: vec![id(&canonical(&p), "about")],
        english: cmd.get_about().map(|s| s.to_string()).unwrap_or_default(),
    });
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        out.push(Needed {
            ids: arg_ids(&p, arg),
            english: arg.get_help().map(|s| s.to_string()).unwrap_or_default(),
        });
    }
    for sub in cmd.get_subcommands() {
        path.push(sub.get_name().to_string());
        walk(sub, path, out);
        path.pop();
    }
}

fn localize(cmd: Command, lang: Lang, path: &[&str]) -> Command {
    let say = |ids: &[String]| ids.iter().find(|id| has(lang, id)).map(|id| t(lang, id));
    let mut cmd = cmd
        .help_template(t(lang, "cli-help-template"))
        .subcommand_help_heading(t(lang, "cli-heading-commands"));
    if let Some(about) = say(&[id(&canonical(path), "about")]) {
        cmd = cmd.about(about);
    }
    // The doc comments' longer paragraphs are English: the message file's text is the whole.
    cmd = cmd.long_about(None::<&'static str>);
    let args: Vec<(clap::Id, Vec<String>, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().clone(), arg_ids(path, a), a.is_positional()))
        .collect();
    for (arg, ids, positional) in args {
        let help = say(&ids);
        let heading = t(
            lang,
            if positional {
                "cli-heading-arguments"
            } else {
                "cli-heading-options"
            },
        );
        cmd = cmd.mut_arg(arg, |a| {
            let notes = notes(lang, &a);
            let line = [
                help.unwrap_or_else(|| a.get_help().map(|h| h.to_string()).unwrap_or_default()),
                notes,
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            // One line per argument: a doc comment's second paragraph is English.
            a.help_heading(heading)
                .help(line)
                .long_help(None::<&'static str>)
                .hide_default_value(true)
                .hide_possible_values(true)
                .hide_env(true)
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(&name);
        cmd = cmd.mut_subcommand(&name, |s| localize(s, lang, &sub_path));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A command or an option added without its lines in both message files would be said
    /// in English (or not at all) to a Chinese rep.
    #[test]
    fn every_command_and_option_is_said_in_both_languages() {
        let mut missing = Vec::new();
        for n in needed() {
            let said = n
                .ids
                .iter()
                .any(|id| has(Lang::En, id) && has(Lang::Zh, id));
            if !said {
                missing.push(format!("{} ({:?})", n.ids[0], n.english));
            }
        }
        assert!(missing.is_empty(), "help texts missing: {missing:#?}");
    }

    #[test]
    fn the_help_path_says_what_the_command_it_names_says() {
        assert_eq!(canonical(&["help", "report", "daily"]), ["report", "daily"]);
        assert_eq!(canonical(&["report", "help", "daily"]), ["report", "daily"]);
        assert_eq!(canonical(&["report", "help"]), ["help"]);
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args(&["kam", "--lang", "zh", "x"])), Lang::Zh);
        assert_eq!(lang_of(&args(&["kam", "x", "--lang=zh_CN"])), Lang::Zh);
        assert_eq!(lang_of(&args(&["kam", "--lang", "en"])), Lang::En);
        // After `--` it is a value, not an option.
        assert_ne!(
            lang_of(&args(&["kam", "--lang", "en", "--", "--lang", "zh"])),
            Lang::Zh
        );
    }
}
