//! The command line's contract: bad input gives exit status 1 and one `error:` line; help
//! and version succeed; a healthy database checks out.

use crate::support::*;

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

/// The store's refusals in the reader's language: a Chinese rep who mistypes the path, points
/// kam at a folder or at a file of another program reads one Chinese sentence (the file's
/// name kept as it is), and nothing is made or changed.
#[test]
fn the_stores_refusals_are_said_in_chinese_with_lang_zh() {
    let db = TempDb::new();
    let zh = |path: &std::path::Path| {
        let path = path.to_str().unwrap();
        assert_one_error_line(&kam(&["--lang", "zh", "--db", path, "check"]))
    };
    let line = zh(&db.path);
    assert!(line.contains("处没有 kam 数据库"), "{line}");
    assert!(line.contains(db.path.to_str().unwrap()), "{line}");
    assert!(!db.path.exists());

    let folder = db.path.with_extension("folder");
    std::fs::create_dir(&folder).unwrap();
    let line = zh(&folder);
    assert!(line.contains("是一个目录，不是 kam 数据库"), "{line}");

    std::fs::write(&db.path, "name,phone\n白璐,13800000000\n").unwrap();
    let line = zh(&db.path);
    assert!(
        line.contains("不是 kam 数据库（不是 SQLite 文件）"),
        "{line}"
    );
    assert!(!line.contains("is not a kam"), "{line}");
    assert_eq!(
        std::fs::read_to_string(&db.path).unwrap(),
        "name,phone\n白璐,13800000000\n"
    );
    // A sentence raised far below the command line (the cadence's parser) reads in Chinese.
    let fresh = TempDb::new();
    let path = fresh.path.to_str().unwrap();
    let line = assert_one_error_line(&kam(&[
        "--lang", "zh", "--db", path, "plan", "cadence", "A=abc",
    ]));
    assert!(line.contains("abc：不是天数"), "{line}");
    // The English words stay those scripts and the tests above read.
    let en = assert_one_error_line(&kam(&[
        "--lang",
        "en",
        "--db",
        db.path.to_str().unwrap(),
        "check",
    ]));
    assert!(
        en.contains("is not a kam database (it is not an SQLite file)"),
        "{en}"
    );
}

// ---- issue 14, case 12: stored text never drives the reader's terminal ----

/// What an imported file can carry: an OSC 52 clipboard write, a colour, a C1 CSI, a
/// right-to-left override, a zero-width space, a carriage return and a NUL.
const EVIL: &str = "\x1b]52;c;SGVsbG8=\x07\x1b[31m\u{9b}31m\u{202e}\u{200b}\r\0";

/// A character that must never reach a terminal from data: C0 (but newline, and TAB where
/// `tab_ok`), DEL, C1, bidi controls and zero-width characters.
fn forbidden(c: char, tab_ok: bool) -> bool {
    match c {
        '\n' => false,
        '\t' => !tab_ok,
        c if (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) => true,
        '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' => true,
        '\u{2060}'..='\u{2069}' | '\u{feff}' => true,
        _ => false,
    }
}

/// Fails when `bytes` hold a forbidden character; a CR is let through only before LF
/// (the line end of ics and vcf).
fn assert_terminal_safe(what: &str, bytes: &[u8], tab_ok: bool) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        assert!(
            !forbidden(c, tab_ok),
            "{what}: U+{:04X} reached the output: {text:?}",
            c as u32
        );
    }
}

/// A book whose every kind of text holds `EVIL`, with an edit so the history has it too.
fn evil_book(db: &TempDb) -> String {
    let mut s = db.writer();
    let mut a = sample_account("C000666");
    a.name = format!("恶意{EVIL}公司");
    a.notes = Some(format!("备注{EVIL}\t第二列"));
    let id = s.insert(&mut a).unwrap();
    let mut twin = sample_account("C000667");
    twin.name = a.name.clone();
    twin.registration_no = None;
    s.insert(&mut twin).unwrap();
    let mut c = sample_contact(id);
    c.name = format!("张{EVIL}三");
    c.notes = Some(format!("联系人{EVIL}"));
    s.insert(&mut c).unwrap();
    let mut again = sample_contact(id);
    again.name = c.name.clone();
    s.insert(&mut again).unwrap();
    let mut r = sample_report(id);
    r.summary = Some(format!("参观{EVIL}新车间"));
    r.person_met = Some(c.name.clone());
    s.insert(&mut r).unwrap();
    let mut f = sample_feedback(id);
    f.content = format!("投诉{EVIL}");
    s.insert(&mut f).unwrap();
    let mut p = sample_plan(id);
    p.planned_at = Some(datetime("2099-01-05 09:00"));
    p.purpose = Some(format!("送{EVIL}报价"));
    p.contact = Some(c.name.clone());
    s.insert(&mut p).unwrap();
    let mut d = sample_deal(id);
    d.date = Some(date("2026-06-01"));
    d.product = format!("车床{EVIL}");
    s.insert(&mut d).unwrap();
    a.short_name = Some(format!("简称{EVIL}"));
    s.update(&mut a).unwrap();
    a.code
}

#[test]
fn stored_control_characters_never_reach_the_terminal() {
    let db = TempDb::new();
    let code = evil_book(&db);
    let period = ["--from", "2026-01-01", "--to", "2026-12-31"];
    let runs: Vec<Vec<&str>> = vec![
        vec!["search", "恶意"],
        vec!["notes", "参观"],
        vec!["history", &code],
        vec!["remind", "--days", "30"],
        vec!["duplicates"],
        vec!["report", "daily", "--date", "2026-11-20"],
        vec!["report", "daily", "--date", "2026-11-20", "--format", "md"],
        vec!["report", "weekly", "--date", "2026-11-20"],
        vec!["report", "weekly", "--date", "2026-11-20", "--format", "md"],
        [&["report", "top10"][..], &period].concat(),
        [&["report", "top10", "--format", "md"][..], &period].concat(),
        [&["report", "grading"][..], &period].concat(),
        vec!["export", "--format", "md", "--account", &code],
        vec!["export", "--format", "ics"],
        vec!["export", "--format", "vcf"],
    ];
    for args in &runs {
        let o = kam_db(&db.path, args);
        assert!(o.status.success(), "kam {args:?}: {}", stderr(&o));
        assert!(!o.stdout.is_empty(), "kam {args:?} printed nothing");
        // A TAB moves the cursor right and no more; the columns of tab-separated lines are
        // checked below.
        assert_terminal_safe(&format!("kam {args:?}"), &o.stdout, true);
        assert_terminal_safe(&format!("kam {args:?} (stderr)"), &o.stderr, false);
    }
    // Tab-separated lines keep their columns: a TAB or newline in a value is shown, not
    // taken for a separator.
    for (args, columns) in [
        (vec!["search", "恶意"], 4),
        (vec!["notes", "参观"], 5),
        (vec!["history", &code], 7),
    ] {
        let out = stdout(&kam_db(&db.path, &args));
        for line in out.lines() {
            assert_eq!(line.split('\t').count(), columns, "kam {args:?}: {line:?}");
        }
    }
    let shown = stdout(&kam_db(&db.path, &["search", "恶意"]));
    assert!(
        shown.contains(r"恶意\e]52;c;SGVsbG8=\x07\e[31m<U+009B>31m<U+202E><U+200B>\r\0公司"),
        "shown visibly: {shown}"
    );
    // The same files written with --out.
    for (format, name) in [("md", "d.md"), ("ics", "c.ics"), ("vcf", "c.vcf")] {
        let file = db.file(name);
        let mut args = vec![
            "export",
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ];
        if format == "md" {
            args.extend(["--account", &code]);
        }
        let o = kam_db(&db.path, &args);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert_terminal_safe(name, &std::fs::read(&file).unwrap(), true);
    }
    let report = db.file("daily.md");
    let r = report.to_str().unwrap();
    kam_db(
        &db.path,
        &[
            "report",
            "daily",
            "--date",
            "2026-11-20",
            "--format",
            "md",
            "--out",
            r,
        ],
    );
    assert_terminal_safe("daily.md", &std::fs::read(&report).unwrap(), false);
    // An error that names a stored value says it safely too.
    // (A NUL cannot be an argument: the same name without it, in two accounts.)
    let who = "李\x1b]52;c;SGVsbG8=\x07\u{202e}四";
    let mut s = db.writer();
    for code in ["C000666", "C000667"] {
        let id = s.account_by_code(code).unwrap().unwrap().id;
        let mut c = sample_contact(id);
        c.name = who.into();
        s.insert(&mut c).unwrap();
    }
    drop(s);
    let o = kam_db(&db.path, &["forget", who]);
    let line = assert_one_error_line(&o);
    assert!(line.contains("2 contacts are named"), "{line}");
    assert_terminal_safe("forget's error", &o.stderr, false);
}

/// JSON is for programs: every value comes back exactly, but no raw control, C1, bidi or
/// zero-width character is printed (they are written as \u escapes, which is the same JSON).
#[test]
fn json_output_escapes_what_a_terminal_would_obey() {
    let db = TempDb::new();
    let code = evil_book(&db);
    for args in [
        vec!["search", "恶意", "--json"],
        vec!["notes", "参观", "--json"],
        vec!["remind", "--days", "30", "--json"],
        vec!["duplicates", "--json"],
        vec![
            "report",
            "daily",
            "--date",
            "2026-11-20",
            "--format",
            "json",
        ],
        vec!["export", "--account", &code],
    ] {
        let o = kam_db(&db.path, &args);
        assert!(o.status.success(), "kam {args:?}: {}", stderr(&o));
        assert_terminal_safe(&format!("kam {args:?}"), &o.stdout, false);
        serde_json::from_slice::<serde_json::Value>(&o.stdout)
            .unwrap_or_else(|e| panic!("kam {args:?}: not JSON: {e}"));
    }
    let o = kam_db(&db.path, &["export", "--account", &code]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["accounts"][0]["name"], format!("恶意{EVIL}公司"));
}

/// A Chinese rep's `kam --help` is Chinese: the summary, the commands, the options, the
/// headings and clap's own lines; the language from `--lang` or from the locale.
#[test]
fn help_is_said_in_the_readers_language() {
    let out = kam(&["--lang", "zh", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for said in [
        "终端里的大客户管理",
        "用法：",
        "命令",
        "选项",
        "显示帮助",
        "拼音和首字母",
    ] {
        assert!(text.contains(said), "{said:?} in {text}");
    }
    for english in ["Usage:", "Print help", "Find accounts", "Options:", "[env:"] {
        assert!(!text.contains(english), "{english:?} in {text}");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["report", "grading", "--help"])
        .env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("客户分级表"), "{text}");
    assert!(text.contains("起始日"), "the shared --from line: {text}");
    assert!(
        text.contains("[可选：text, markdown, json, xlsx]"),
        "{text}"
    );
    assert!(!text.contains("possible values"), "{text}");
    // `kam help report` says what `kam report --help` says.
    let text = stdout(&kam(&["--lang", "zh", "help", "report"]));
    assert!(text.contains("客户拜访日报表"), "{text}");
    // English stays English.
    let text = stdout(&kam(&["--help"]));
    assert!(
        text.contains("Usage: kam") && text.contains("Print help"),
        "{text}"
    );
}

#[test]
fn a_refused_command_line_is_one_sentence_in_the_readers_language() {
    let db = TempDb::new();
    let path = db.path.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--lang", "zh", "--frobnicate"],
            "不认识的参数 '--frobnicate'",
        ),
        (&["--lang", "zh", "frobnicate"], "没有这个命令 'frobnicate'"),
        (
            &["--db", path, "--lang", "zh", "search"],
            "缺少必需的参数：<QUERY>",
        ),
        (
            &["--db", path, "--lang", "zh", "export", "--format", "xml"],
            "'--format <FORMAT>' 的值 'xml' 无效（可选：json,",
        ),
        (
            &["--db", "", "--lang", "zh", "check"],
            "'--db <PATH>' 需要一个值",
        ),
    ];
    for (args, expect) in cases {
        let out = kam(args);
        let line = assert_one_error_line(&out);
        assert!(line.starts_with("error: "), "{line}");
        assert!(
            line.contains(expect),
            "kam {args:?}: {line:?} should say {expect:?}"
        );
        assert!(line.ends_with("（见 kam --help）"), "{line}");
    }
    assert!(!db.path.exists(), "no bad command created the database");
}
