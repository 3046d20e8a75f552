//! vCard 3.0 and 4.0 (RFC 6350), as phones and khard export address books: read into the
//! import's table (a row per card: company, person, phones, email, birthday, note), and
//! written from contacts.

use super::table::Table;
use anyhow::{bail, Result};

/// The import's columns for a card; `recognise` knows each header.
const HEADERS: [&str; 11] = [
    "Company",
    "Customer type",
    "Contact",
    "Title",
    "Department",
    "Mobile",
    "Office phone",
    "Home phone",
    "Email",
    "Birthday",
    "Contact: Notes",
];

/// Unfolded content lines: a line starting with a space or tab continues the previous one.
fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![];
    for raw in text.lines() {
        let raw = raw.trim_end_matches('\r');
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(raw.to_string()),
        }
    }
    lines
}

/// `\n`, `\,`, `\;` and `\\` in a value.
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
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

#[derive(Default)]
struct Card {
    cells: [String; 11],
    line: usize,
    /// Further phones and a year-less birthday: kept in the contact's notes.
    other_phones: Vec<String>,
}

/// The cards of a .vcf file as import rows; the row number is the card's BEGIN line.
pub fn read(text: &str) -> Result<Table> {
    let mut table = Table {
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows: vec![],
    };
    let mut card: Option<Card> = None;
    for (i, line) in unfold(text).iter().enumerate() {
        let Some((head, value)) = line.split_once(':') else {
            continue;
        };
        let mut params = head.split(';');
        let name = params.next().unwrap_or("").to_uppercase();
        let name = name.rsplit('.').next().unwrap_or("").to_string(); // item1.TEL
        let types: String = params.collect::<Vec<_>>().join(";").to_lowercase();
        match name.as_str() {
            "BEGIN" if value.eq_ignore_ascii_case("VCARD") => {
                card = Some(Card {
                    line: i + 1,
                    ..Default::default()
                })
            }
            "END" if value.eq_ignore_ascii_case("VCARD") => {
                if let Some(mut c) = card.take() {
                    if c.cells[0].is_empty() {
                        // A person's card without a company: the person is the customer.
                        c.cells[0] = c.cells[2].clone();
                        c.cells[1] = "person".into();
                    }
                    if !c.other_phones.is_empty() {
                        let note = &mut c.cells[10];
                        if !note.is_empty() {
                            note.push('\n');
                        }
                        note.push_str(&c.other_phones.join(", "));
                    }
                    table.rows.push((c.line, c.cells.to_vec()));
                }
            }
            _ => {
                let Some(c) = card.as_mut() else { continue };
                let value = unescape(value);
                let set = |c: &mut Card, i: usize, v: &str| {
                    if c.cells[i].is_empty() {
                        c.cells[i] = v.trim().to_string();
                    }
                };
                match name.as_str() {
                    "FN" => set(c, 2, &value),
                    "N" if c.cells[2].is_empty() => {
                        // Family;Given;Additional;Prefix;Suffix
                        let parts: Vec<&str> = value.split(';').collect();
                        let (family, given) = (
                            parts.first().copied().unwrap_or(""),
                            parts.get(1).copied().unwrap_or(""),
                        );
                        let name = if family.chars().chain(given.chars()).any(|ch| !ch.is_ascii()) {
                            format!("{family}{given}")
                        } else {
                            format!("{given} {family}").trim().to_string()
                        };
                        set(c, 2, &name);
                    }
                    "ORG" => set(c, 0, value.split(';').next().unwrap_or("")),
                    "TITLE" => set(c, 3, &value),
                    "EMAIL" => set(c, 8, &value),
                    // A birthday without a year (`--1201`, vCard 4.0) has no date to keep.
                    "BDAY" if value.starts_with("--") => {
                        c.other_phones.push(format!("BDAY {value}"))
                    }
                    "BDAY" => set(c, 9, &value),
                    "NOTE" => set(c, 10, &value),
                    "TEL" => {
                        let v = value.trim().trim_start_matches("tel:").to_string();
                        let slot = if types.contains("cell") || types.contains("mobile") {
                            5
                        } else if types.contains("home") {
                            7
                        } else {
                            6
                        };
                        if c.cells[slot].is_empty() {
                            c.cells[slot] = v;
                        } else {
                            c.other_phones.push(v);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    if table.rows.is_empty() {
        bail!("the file holds no vCards (BEGIN:VCARD … END:VCARD)");
    }
    Ok(table)
}

/// Every contact of an export, each with its account's name as the organisation.
pub fn of_document(doc: super::json::Document) -> String {
    let contacts: Vec<(String, crate::domain::Contact)> = doc
        .accounts
        .into_iter()
        .flat_map(|a| {
            let org = a.account.name.clone();
            a.contacts.into_iter().map(move |c| (org.clone(), c))
        })
        .collect();
    write(&contacts)
}

/// One vCard 4.0 per contact, with its account as ORG. CRLF line ends as the RFC asks.
pub fn write(contacts: &[(String, crate::domain::Contact)]) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push_str("\r\n");
    };
    for (org, c) in contacts {
        line("BEGIN:VCARD".into());
        line("VERSION:4.0".into());
        line(format!("FN:{}", escape(&c.name)));
        line(format!("ORG:{}", escape(org)));
        let fields = [
            ("TITLE", c.title.as_deref()),
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
            line(format!("BDAY:{}", b.format("%Y%m%d")));
        }
        line("END:VCARD".into());
    }
    out
}
