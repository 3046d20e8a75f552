//! The team server's refusals in the reader's words. kam's server functions raise English
//! sentences (`kam: there is no rep wang`; the server does not know the rep's language, and
//! its steps are only ever added, never edited), so each one kam raises is known here by its
//! shape and said again as a message of the ftl files, its one variable part kept.

use crate::i18n::Said;

/// Each sentence kam's server steps raise (`RAISE EXCEPTION 'kam: …'` in server/*.sql): the
/// text before and after its one `%`, and the message that says it.
const KNOWN: &[(&str, &str, &str)] = &[
    ("", " is not a rep of this team", "team-srv-not-rep"),
    (
        "this kam is too old for the team server; upgrade kam",
        "",
        "team-srv-too-old",
    ),
    ("this book belongs to rep ", "", "team-srv-book-of"),
    (
        "only the manager assigns accounts",
        "",
        "team-srv-assign-manager",
    ),
    ("there is no rep ", "", "team-srv-no-rep"),
    (
        "this book is not a replica of rep ",
        "",
        "team-srv-not-replica",
    ),
    (
        "the server does not have this account yet; run kam sync first",
        "",
        "team-srv-no-account-yet",
    ),
    (
        "only a manager erases from the team server",
        "",
        "team-srv-forget-manager",
    ),
    (
        "two accounts on the server have code ",
        "; forget it on a laptop",
        "team-srv-two-codes",
    ),
];

/// A server error's message as kam says it: one of kam's own refusals by its id, anything
/// else (PostgreSQL's own errors) with the server's text.
pub fn said(message: &str) -> Said {
    let Some(own) = message.strip_prefix("kam: ") else {
        return Said::new("team-srv-other").with("detail", message);
    };
    for (before, after, id) in KNOWN {
        // A sentence without a variable part ends in no space before its `%`.
        let whole = after.is_empty() && !before.ends_with(' ');
        let part = own
            .strip_prefix(before)
            .and_then(|rest| rest.strip_suffix(after));
        match part {
            Some(p) if whole && !p.is_empty() => {}
            Some(p) => return Said::new(id).with("name", p),
            None => {}
        }
    }
    Said::new("team-srv-other").with("detail", own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn each_refusal_of_the_server_is_said_in_the_readers_words() {
        let cases = [
            ("kam: there is no rep wang", "team-srv-no-rep", "wang"),
            (
                "kam: li is not a rep of this team",
                "team-srv-not-rep",
                "li",
            ),
            (
                "kam: two accounts on the server have code C1-000001; forget it on a laptop",
                "team-srv-two-codes",
                "C1-000001",
            ),
            (
                "kam: only the manager assigns accounts",
                "team-srv-assign-manager",
                "",
            ),
            (
                "permission denied for table records",
                "team-srv-other",
                "permission denied",
            ),
        ];
        for (server, id, part) in cases {
            let s = said(server);
            assert_eq!(s.id(), id, "{server}");
            assert!(s.in_lang(Lang::En).contains(part), "{server}");
            assert!(
                !s.in_lang(Lang::Zh).contains("kam: "),
                "{}",
                s.in_lang(Lang::Zh)
            );
        }
    }
}
