//! The command line's contract: bad input gives exit status 1 and one `error:` line; help
//! and version succeed; a healthy database checks out.

mod common;

use common::*;

#[test]
fn bad_arguments_give_one_error_line() {
    let db = TempDb::new();
    let path = db.path.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["--frobnicate"], "unexpected argument '--frobnicate'"),
        (&["--db", path, "search"], "<QUERY>"),
        (
            &["--db", path, "--lang", "fr", "check"],
            "unknown language \"fr\"; use zh or en",
        ),
        (
            &["--db", path, "frobnicate"],
            "unrecognized subcommand 'frobnicate'",
        ),
        (
            &["--db", path, "demo", "--accounts", "many"],
            "invalid value 'many'",
        ),
        (
            &["--db", path, "export", "--format", "xml"],
            "invalid value 'xml'",
        ),
        (
            &["--db", "", "check"],
            "a value is required for '--db <PATH>'",
        ),
        (&["--db", path, "backup"], "<FILE>"),
        (&["--db", path, "history"], "<CODE>"),
    ];
    for (args, expect) in cases {
        let out = kam(args);
        let line = assert_one_error_line(&out);
        assert!(
            line.contains(expect),
            "kam {args:?}: {line:?} should say {expect:?}"
        );
        assert!(out.stdout.is_empty(), "kam {args:?}");
    }
    assert!(!db.path.exists(), "no bad command created the database");
}

#[test]
fn a_missing_argument_is_named_in_a_whole_sentence() {
    let db = TempDb::new();
    let line = assert_one_error_line(&kam_db(&db.path, &["search"]));
    assert_eq!(
        line,
        "error: the following required arguments were not provided: <QUERY> (see kam --help)"
    );
}

#[test]
fn help_and_version_succeed() {
    let out = kam(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for cmd in ["demo", "search", "export", "backup", "check", "history"] {
        assert!(text.contains(cmd), "help lists {cmd}: {text}");
    }
    let out = kam(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("kam "));
    let out = kam(&["search", "--help"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_language_may_be_given_in_any_usual_form() {
    let db = TempDb::new();
    drop(db.writer());
    for lang in ["zh", "en", "zh_CN.UTF-8", "EN-us"] {
        let out = kam_db(&db.path, &["--lang", lang, "check"]);
        assert_eq!(out.status.code(), Some(0), "{lang}: {}", stderr(&out));
    }
}

#[test]
fn the_database_path_comes_from_kam_db_too() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    drop(store);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["search", "宏达", "--json"])
        .env("KAM_DB", &db.path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hits[0]["code"], "C000777");
    assert_eq!(hits[0]["primary_contact"], "张三");
    assert_eq!(hits[0]["phone"], "+86 138 0013 8000");
}

#[test]
fn search_prints_tab_separated_lines() {
    let db = TempDb::new();
    let mut store = db.writer();
    fill(&mut store);
    drop(store);
    let out = kam_db(&db.path, &["search", "宏达"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "C000777\t福州宏达机械制造有限公司\t张三\t+86 138 0013 8000\n"
    );
    let out = kam_db(&db.path, &["search", "nothing-matches-this"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn check_on_a_new_database_is_healthy() {
    let db = TempDb::new();
    drop(db.writer());
    let out = kam_db(&db.path, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("database: {}\n", db.path.display())),
        "{text}"
    );
    assert!(text.contains("accounts\t0\t0 in trash\n"), "{text}");
    assert!(text.ends_with("ok\n"), "{text}");
}

#[test]
fn reading_commands_do_not_create_a_database_at_a_mistyped_path() {
    let db = TempDb::new();
    for args in [
        &["check"][..],
        &["search", "x"],
        &["export", "--format", "json"],
        &["history", "C000001"],
    ] {
        let line = assert_one_error_line(&kam_db(&db.path, args));
        assert!(
            line.contains("there is no kam database at"),
            "{args:?}: {line}"
        );
        assert!(!db.path.exists(), "{args:?} created the file");
    }
}
