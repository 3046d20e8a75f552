//! The team edition in the reader's language: `kam sync` and `kam team` say their sentences
//! in the rep's `--lang` (or locale), errors from below the interface included.

use super::{account, Team};
use kam::store::{Access, Store};
use std::process::Command;

#[test]
fn a_chinese_reps_sync_against_an_unreachable_server_is_one_chinese_error_line() {
    let dir = crate::support::tempdir();
    let book = dir.path().join("k.db");
    {
        let mut s = Store::open(&book, Access::Write).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // Nothing listens on the port any more.
        s.join_team(
            &format!("postgres://li@localhost:{port}/team"),
            "li",
            "pw",
            None,
            "C9-",
        )
        .unwrap();
        s.insert(&mut account("离线公司")).unwrap();
    }
    for how in [&["--lang", "zh"][..], &[][..]] {
        let o = Command::new(env!("CARGO_BIN_EXE_kam"))
            .args(["--db", book.to_str().unwrap()])
            .args(how)
            .arg("sync")
            .env(
                "LANG",
                if how.is_empty() {
                    "zh_CN.UTF-8"
                } else {
                    "en_US.UTF-8"
                },
            )
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        let err = crate::support::assert_one_error_line(&o);
        assert!(
            err.contains("无法连接团队服务器") && err.contains("没有丢失任何内容"),
            "{err}"
        );
        assert!(
            !err.contains("cannot be reached") && !err.contains("refused"),
            "no English left: {err}"
        );
    }
}

#[test]
fn team_status_and_syncs_speak_chinese_to_a_chinese_rep() {
    let Some(team) = Team::start(&["li"]) else {
        return;
    };
    team.open("li").insert(&mut account("华东机电")).unwrap();
    let o = team.kam("li", &["--lang", "zh", "sync"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.starts_with("发送 1 条记录"), "{out}");

    let o = team.kam("li", &["--lang", "zh", "team", "status"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("本账本：服务器"), "{out}");
    assert_eq!(
        lines[1].split('\t').collect::<Vec<_>>(),
        [
            "业务员",
            "角色",
            "电脑",
            "客户",
            "上次发送",
            "上次接收",
            "被拒"
        ],
        "{out}"
    );
    assert!(lines[2].starts_with("li\t业务员\t1\t1\t"), "{out}");

    // A refusal of the server's own (a rep may not assign) is said in Chinese too.
    let code = team.open("li").all::<kam::domain::Account>().unwrap()[0]
        .code
        .clone();
    let o = team.kam("li", &["--lang", "zh", "team", "assign", &code, "li"]);
    let err = crate::support::assert_one_error_line(&o);
    assert!(err.contains("只有经理可以分配客户"), "{err}");
}

/// The warning that a connection is not encrypted (`sslmode=disable`, to this machine only)
/// is said in `--lang`, not the locale's language, like the rest of the sync's sentences.
#[test]
fn the_unencrypted_connection_warning_is_in_the_lang_asked_for() {
    let dir = crate::support::tempdir();
    let book = dir.path().join("k.db");
    {
        let mut s = Store::open(&book, Access::Write).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        // Nothing listens there: the warning comes before the connection fails.
        s.join_team(
            &format!("postgres://li@127.0.0.1:{port}/team?sslmode=disable"),
            "li",
            "pw",
            None,
            "C9-",
        )
        .unwrap();
    }
    for (lang, locale, said, not) in [
        (
            "zh",
            "en_US.UTF-8",
            "警告：与团队服务器的连接没有加密",
            "NOT encrypted",
        ),
        ("en", "zh_CN.UTF-8", "NOT encrypted", "没有加密"),
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_kam"))
            .args(["--db", book.to_str().unwrap(), "--lang", lang, "sync"])
            .env("LANG", locale)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("KAM_DB")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{err}");
        assert!(err.contains(said), "{lang}: {err}");
        assert!(!err.contains(not), "{lang}: {err}");
    }
}
