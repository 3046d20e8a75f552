//! `kam mailmerge` (issue 22): one letter per contact from a template, as `.eml` messages to
//! open in a mail program or as Markdown; contacts chosen by account or tag; a template that
//! names an unknown field is refused in one sentence with nothing written.

use crate::support::*;
use kam::domain::*;

fn book() -> TempDb {
    let db = TempDb::new();
    let mut s = db.writer();
    let id = fill(&mut s);
    let mut c = Contact::new("李四");
    c.account_id = id;
    s.insert(&mut c).unwrap();
    drop(s);
    db
}

fn files(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn each_contact_with_an_email_gets_a_message_to_send() {
    let db = book();
    let template = db.file("care.txt");
    std::fs::write(
        &template,
        "Subject: {{account_short}} 新年问候\n{{nickname}}您好：\n\n祝{{ account }}新年兴旺！\n{{owner}}\n",
    )
    .unwrap();
    let out = db.file("letters");
    let o = kam_db(
        &db.path,
        &[
            "--lang",
            "zh",
            "mailmerge",
            "--template",
            template.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stdout(&o);
    assert!(
        said.contains("已写出 1 封信") && said.contains("1 位联系人没有邮箱"),
        "{said}"
    );
    let letters = files(&out);
    assert_eq!(letters.len(), 1);
    let (name, eml) = &letters[0];
    assert_eq!(name, "C000777-1.eml");
    assert!(
        eml.starts_with("To: =?UTF-8?B?5byg5LiJ?= <zhangsan@hongda.example.cn>\r\n"),
        "{eml}"
    );
    assert!(eml.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"));
    assert!(
        eml.ends_with("\r\n\r\n老张您好：\r\n\r\n祝福州宏达机械制造有限公司新年兴旺！\r\n李娜\r\n"),
        "{eml}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn markdown_letters_go_to_the_tagged_contacts_and_an_unknown_field_writes_nothing() {
    let db = book();
    let template = db.file("care.md");
    std::fs::write(
        &template,
        "Subject: Hello {{name}}\nDear {{name}} of {{code}}",
    )
    .unwrap();
    let out = db.file("md");
    let o = kam_db(
        &db.path,
        &[
            "mailmerge",
            "--template",
            template.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "md",
            "--tag",
            "#golf",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        files(&out),
        [(
            "C000777-1.md".to_string(),
            "# Hello 张三\n\nDear 张三 of C000777".to_string()
        )],
        "only 张三 is tagged golf"
    );
    std::fs::write(&template, "Dear {{first_name}}").unwrap();
    let none = db.file("none");
    let line = assert_one_error_line(&kam_db(
        &db.path,
        &[
            "mailmerge",
            "--template",
            template.to_str().unwrap(),
            "--out",
            none.to_str().unwrap(),
        ],
    ));
    assert!(
        line.contains("{{first_name}}") && line.contains("{{nickname}}"),
        "{line}"
    );
    assert!(!none.exists(), "nothing written");
}
