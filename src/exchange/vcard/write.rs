//! Contacts written as vCards for a phone: 4.0 (RFC 6350) by default, 3.0 (RFC 2426) for
//! older phones; both with `N` (which 3.0 requires and phones sort by) and `FN`.

use crate::domain::Contact;
use crate::exchange::json_stream::Scope;
use crate::store::Store;
use anyhow::Result;
use std::io::Write;

/// Which vCard a phone gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    V3,
    #[default]
    V4,
}

impl Version {
    fn text(self) -> &'static str {
        match self {
            Version::V3 => "3.0",
            Version::V4 => "4.0",
        }
    }
}

/// `N`'s family and given names: a Chinese name's first character is the family name (two
/// for the common compound surnames); another name's last word is.
fn family_and_given(name: &str) -> (String, String) {
    let name = name.trim();
    if !name.is_ascii() && !name.contains(' ') {
        const COMPOUND: [&str; 10] = [
            "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "司徒", "尉迟",
        ];
        let n = if COMPOUND.iter().any(|s| name.starts_with(s)) && name.chars().count() > 2 {
            2
        } else {
            1
        };
        let split = name.char_indices().nth(n).map_or(name.len(), |(i, _)| i);
        return (name[..split].to_string(), name[split..].to_string());
    }
    match name.rsplit_once(' ') {
        Some((given, family)) => (family.to_string(), given.to_string()),
        None => (name.to_string(), String::new()),
    }
}

fn escape(v: &str) -> String {
    // An address book shows the text to people: line ends kept (as `\n`), every other
    // control, bidi or zero-width character shown by a visible mark.
    let v = v.replace("\r\n", "\n");
    crate::text_safety::text(&v)
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace(',', "\\,")
        .replace(';', "\\;")
}

/// Every contact of an export, each with its account's name as the organisation.
pub fn of_document(doc: crate::exchange::json::Document, version: Version) -> String {
    let contacts: Vec<(String, crate::domain::Contact)> = doc
        .accounts
        .into_iter()
        .flat_map(|a| {
            let org = a.account.name.clone();
            a.contacts.into_iter().map(move |c| (org.clone(), c))
        })
        .collect();
    write(&contacts, version)
}

/// One vCard per contact, with its account as ORG. CRLF line ends as the RFCs ask.
pub fn write(contacts: &[(String, crate::domain::Contact)], version: Version) -> String {
    let mut out = String::new();
    for (org, c) in contacts {
        card(&mut out, org, c, version);
    }
    out
}

/// Every contact of the accounts of `scope` as [`of_document`] writes them, made safe as a
/// file for people is (`text_safety::text`), written a batch of accounts at a time: a book
/// of any size holds one batch (the whole document of 100,000 accounts took 2 GB). `done`
/// is told the accounts written.
pub fn write_streamed(
    store: &Store,
    scope: &Scope,
    version: Version,
    out: &mut dyn Write,
    done: &dyn Fn(u64),
) -> Result<()> {
    let mut after = i64::MIN;
    let mut text = String::new();
    loop {
        let accounts = store.accounts_after(after, BATCH, scope.accounts())?;
        let (Some(first), Some(last)) = (accounts.first(), accounts.last()) else {
            return Ok(());
        };
        let contacts = store.records_of_accounts::<Contact>(first.id, last.id)?;
        let mut contacts = contacts.iter().peekable();
        text.clear();
        for a in &accounts {
            while contacts.next_if(|c| c.account_id < a.id).is_some() {}
            while let Some(c) = contacts.next_if(|c| c.account_id == a.id) {
                card(&mut text, &a.name, c, version);
            }
        }
        // Each batch ends with a card's CRLF, so made safe piece by piece it is the same
        // text as made safe whole.
        out.write_all(crate::text_safety::text(&text).as_bytes())?;
        after = last.id;
        done(accounts.len() as u64);
    }
}

/// Accounts read at once.
const BATCH: usize = 256;

/// One contact's vCard, appended to `out`.
fn card(out: &mut String, org: &str, c: &Contact, version: Version) {
    let mut line = |s: String| {
        out.push_str(&s);
        out.push_str("\r\n");
    };
    line("BEGIN:VCARD".into());
    line(format!("VERSION:{}", version.text()));
    let (family, given) = family_and_given(&c.name);
    line(format!("N:{};{};;;", escape(&family), escape(&given)));
    line(format!("FN:{}", escape(&c.name)));
    match c.department.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => line(format!("ORG:{};{}", escape(org), escape(d))),
        None => line(format!("ORG:{}", escape(org))),
    }
    let fields = [
        ("TITLE", c.title.as_deref()),
        ("NICKNAME", c.nickname.as_deref()),
        ("TEL;TYPE=cell", c.mobile.as_deref()),
        ("TEL;TYPE=work", c.office_phone.as_deref()),
        ("TEL;TYPE=home", c.home_phone.as_deref()),
        ("EMAIL", c.email.as_deref()),
        ("NOTE", c.notes.as_deref()),
    ];
    for (key, v) in fields {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            line(format!("{key}:{}", escape(v)));
        }
    }
    if let Some(b) = c.birthday {
        let format = if version == Version::V3 {
            "%Y-%m-%d"
        } else {
            "%Y%m%d"
        };
        line(format!("BDAY:{}", b.format(format)));
    }
    line("END:VCARD".into());
}
