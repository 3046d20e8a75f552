//! Customer care mail-outs (定期发送客户关怀邮件, 邮件合并): a template with fields such as
//! `{{name}}` filled once per contact, as a Markdown file or an `.eml` message (RFC 5322) a rep
//! opens and sends from their own mail program; kam sends nothing itself. A template's first
//! line may be `Subject: …` (fields allowed there too). Only a contact's and their account's
//! plain fields are offered: the personal dossier never goes into a letter.

use crate::domain::{Account, Contact};
use std::collections::BTreeMap;

/// The fields a template may name, as `{{field}}`.
pub const FIELDS: &[&str] = &[
    "name",
    "nickname",
    "title",
    "department",
    "email",
    "mobile",
    "account",
    "account_short",
    "code",
    "owner",
    "city",
    "today",
];

/// A template read: its subject line (may be empty) and body, each still with its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// A field the template names that kam does not know (a typo, or another program's field).
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownField(pub String);

/// The known fields as a template writes them: `{{name}} {{nickname}} …`.
pub fn known_fields() -> String {
    FIELDS
        .iter()
        .map(|f| format!("{{{{{f}}}}}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads a template, refusing a field it does not know before anything is written.
pub fn parse(text: &str) -> Result<Template, UnknownField> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (subject, body) = match text.split_once('\n') {
        Some((first, rest)) if first.to_lowercase().starts_with("subject:") => (
            first["subject:".len()..].trim().to_string(),
            rest.to_string(),
        ),
        _ => (String::new(), text.to_string()),
    };
    for part in [&subject, &body] {
        for name in names_in(part) {
            if !FIELDS.contains(&name.as_str()) {
                return Err(UnknownField(name));
            }
        }
    }
    Ok(Template {
        subject: subject.trim_end_matches('\r').to_string(),
        body,
    })
}

/// The `{{field}}` names in `text`, spaces inside the braces allowed.
fn names_in(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        out.push(after[..close].trim().to_lowercase());
        rest = &after[close + 2..];
    }
    out
}

/// What the fields read for one contact of one account.
pub fn values(
    c: &Contact,
    a: &Account,
    today: chrono::NaiveDate,
) -> BTreeMap<&'static str, String> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    BTreeMap::from([
        ("name", c.name.clone()),
        (
            "nickname",
            c.nickname.clone().unwrap_or_else(|| c.name.clone()),
        ),
        ("title", s(&c.title)),
        ("department", s(&c.department)),
        ("email", s(&c.email)),
        ("mobile", s(&c.mobile)),
        ("account", a.name.clone()),
        ("account_short", a.display_name().to_string()),
        ("code", a.code.clone()),
        ("owner", s(&a.owner)),
        ("city", s(&a.city)),
        ("today", today.to_string()),
    ])
}

/// `text` with its fields filled from `values`.
pub fn fill(text: &str, values: &BTreeMap<&'static str, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = after[..close].trim().to_lowercase();
        out.push_str(values.get(name.as_str()).map_or("", String::as_str));
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// One letter as Markdown: the subject as its heading, then the body.
pub fn markdown(t: &Template, v: &BTreeMap<&'static str, String>) -> String {
    let body = fill(&t.body, v);
    match fill(&t.subject, v) {
        s if s.is_empty() => body,
        s => format!("# {s}\n\n{body}"),
    }
}

/// One letter as an `.eml` message to the contact's address: UTF-8 text, the subject and
/// the name encoded (RFC 2047) so that Chinese reads right in every mail program. No `From`:
/// the rep's own program fills in who sends it.
pub fn eml(t: &Template, v: &BTreeMap<&'static str, String>) -> String {
    let to = format!("{} <{}>", encoded(&v["name"]), v["email"]);
    let body = fill(&t.body, v).replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "To: {to}\r\nSubject: {}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\nX-Unsent: 1\r\n\r\n{body}",
        encoded(&fill(&t.subject, v))
    )
}

/// A header word as RFC 2047 base64 when it is not plain ASCII; line breaks removed.
fn encoded(text: &str) -> String {
    use base64::Engine;
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    if text.is_ascii() {
        return text;
    }
    format!(
        "=?UTF-8?B?{}?=",
        base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_fill_and_an_unknown_field_is_refused() {
        let t =
            parse("Subject: 新年快乐, {{ name }}\n{{nickname}}您好：\n祝{{account_short}}兴旺。")
                .unwrap();
        assert_eq!(t.subject, "新年快乐, {{ name }}");
        let a = Account {
            code: "C000001".into(),
            name: "福州宏达机械制造有限公司".into(),
            short_name: Some("宏达机械".into()),
            ..Default::default()
        };
        let c = Contact {
            name: "张三".into(),
            nickname: Some("老张".into()),
            email: Some("zs@example.cn".into()),
            ..Default::default()
        };
        let v = values(
            &c,
            &a,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        );
        assert_eq!(
            markdown(&t, &v),
            "# 新年快乐, 张三\n\n老张您好：\n祝宏达机械兴旺。"
        );
        let m = eml(&t, &v);
        assert!(
            m.starts_with("To: =?UTF-8?B?5byg5LiJ?= <zs@example.cn>\r\nSubject: =?UTF-8?B?"),
            "{m}"
        );
        assert!(m.ends_with("\r\n\r\n老张您好：\r\n祝宏达机械兴旺。"), "{m}");
        assert_eq!(
            parse("Dear {{First_Name}}"),
            Err(UnknownField("first_name".into()))
        );
        assert!(known_fields().starts_with("{{name}} {{nickname}}"));
        assert_eq!(parse("no fields").unwrap().subject, "");
    }
}
