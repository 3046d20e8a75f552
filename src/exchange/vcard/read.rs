//! Cards as import rows: what a phone, Outlook or iCloud wrote (vCard 2.1, 3.0, 4.0) in the
//! columns the import knows, every field kam has a place for in its field (department,
//! nickname, gender, the first phone of each kind, e-mail, birthday, the work address as the
//! company's), and everything else a person would miss (further phones and e-mails with their
//! types, other addresses, web sites, a birthday without a year, a messenger address or any
//! other property a person wrote) in the contact's notes. PHOTO and other binary content, and
//! what programs keep for themselves (ids, revisions, call-log stamps), are skipped. The card's own text goes along, so a card that
//! cannot be imported is set aside unchanged.

use super::lines::{logical_lines, property, Property};
use crate::exchange::table::{Table, Unit};
use anyhow::{bail, Result};

/// The import's columns for a card; `headers::recognise` knows each one.
pub const HEADERS: [&str; 18] = [
    "Company",
    "Customer type",
    "Contact",
    "Nickname",
    "Gender",
    "Title",
    "Department",
    "Mobile",
    "Office phone",
    "Home phone",
    "Email",
    "Birthday",
    "Address",
    "Street",
    "City",
    "Province",
    "Notes",
    "Contact: Notes",
];

#[derive(Clone, Copy)]
enum Col {
    Company = 0,
    CustomerType,
    Contact,
    Nickname,
    Gender,
    Title,
    Department,
    Mobile,
    Office,
    Home,
    Email,
    Birthday,
    Address,
    Street,
    City,
    Province,
    AccountNotes,
    ContactNotes,
}

#[derive(Default)]
struct Card {
    cells: [String; 18],
    account_notes: Vec<String>,
    notes: Vec<String>,
    source: Vec<String>,
    /// The family and given names of N, used when FN is empty.
    n: Option<(String, String)>,
    labels: Vec<(String, String)>,
    addresses: Vec<Property>,
    /// The card's properties, read at its end: Apple writes a group's label
    /// (`item2.X-ABLabel:_$!<AssistantPhone>!$_`) after the phone it names.
    pending: Vec<Property>,
}

impl Card {
    fn set(&mut self, col: Col, v: &str) -> bool {
        let cell = &mut self.cells[col as usize];
        if cell.is_empty() && !v.trim().is_empty() {
            *cell = v.trim().to_string();
            true
        } else {
            false
        }
    }

    fn label_of(&self, p: &Property) -> Option<String> {
        let g = p.group.as_deref()?;
        self.labels.iter().find(|(k, _)| k == g).map(|(_, v)| {
            // Apple's own labels look like `_$!<HomePage>!$_`.
            v.trim_start_matches("_$!<")
                .trim_end_matches(">!$_")
                .to_string()
        })
    }
}

/// What a property's types say, for a note: "fax, work".
fn kinds(p: &Property, label: Option<String>) -> String {
    let mut k: Vec<String> = p
        .types
        .iter()
        .filter(|t| {
            !matches!(
                t.as_str(),
                "pref" | "voice" | "internet" | "x400" | "quoted-printable"
            )
        })
        .filter(|t| !t.starts_with("charset") && !t.starts_with("encoding"))
        .cloned()
        .collect();
    k.extend(label);
    k.join(", ")
}

fn noted(what: &str, kinds: &str, value: &str) -> String {
    if kinds.is_empty() {
        format!("{what}: {value}")
    } else {
        format!("{what} ({kinds}): {value}")
    }
}

/// `tel:+1-418-656-9254;ext=102` → `+1-418-656-9254 ext. 102`.
pub fn phone_of(value: &str) -> String {
    let v = value.trim();
    let Some(uri) = v.strip_prefix("tel:").or_else(|| v.strip_prefix("TEL:")) else {
        return v.to_string();
    };
    let mut parts = uri.split(';');
    let mut out = parts.next().unwrap_or("").to_string();
    for p in parts {
        if let Some(ext) = p.strip_prefix("ext=") {
            out.push_str(&format!(" ext. {ext}"));
        }
    }
    out
}

/// A birthday as the import reads it: a full date stays, `--0203`/`--02-03` (no year) is a
/// note, as is anything that is not a date.
fn birthday(card: &mut Card, value: &str) {
    let v = value.trim();
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    if let Some(md) = v.strip_prefix("--") {
        let md: String = md.chars().filter(char::is_ascii_digit).collect();
        if md.len() == 4 {
            card.notes
                .push(format!("birthday: --{}-{}", &md[..2], &md[2..]));
            return;
        }
    }
    let date = v.split('T').next().unwrap_or(v);
    if digits.len() >= 8 && crate::domain::validate::parse_date(date).is_ok() {
        card.set(Col::Birthday, date);
    } else if !v.is_empty() {
        card.notes.push(format!("birthday: {v}"));
    }
}

fn address_text(parts: &[String]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The company's address from the work address (or the only one), into its columns; a
/// Chinese address in one part is split by the import.
fn place_address(card: &mut Card) {
    let addresses = std::mem::take(&mut card.addresses);
    let company = addresses
        .iter()
        .position(|a| a.has_type("work"))
        .or_else(|| {
            (addresses.len() == 1 || card.cells[Col::Company as usize].is_empty()).then_some(0)
        })
        .filter(|_| !addresses.is_empty());
    for (i, a) in addresses.iter().enumerate() {
        let parts = a.parts();
        let part = |n: usize| {
            parts
                .get(n)
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        if Some(i) == company {
            let street = address_text(&[part(0), part(1), part(2)]);
            let chinese = |v: &str| v.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            if part(3).is_empty() && part(4).is_empty() {
                card.set(Col::Address, &street);
            } else if chinese(&part(3)) || chinese(&part(4)) {
                // A Chinese address in a phone's fields (`;;;北京 海淀;北京;;`): region,
                // locality and street as one address, for the import to split into 省/市/区.
                let (region, locality) = (part(4), part(3));
                let region = if locality.starts_with(&region) {
                    ""
                } else {
                    &region
                };
                let whole = [region, &locality, &street.replace(", ", "")]
                    .into_iter()
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                card.set(Col::Address, &whole);
            } else {
                card.set(Col::Street, &street);
                card.set(Col::City, &part(3));
                card.set(Col::Province, &part(4));
            }
            if !part(5).is_empty() {
                card.account_notes.push(format!("postal code: {}", part(5)));
            }
            if !part(6).is_empty() {
                card.account_notes.push(format!("country: {}", part(6)));
            }
        } else {
            let label = card.label_of(a);
            card.notes
                .push(noted("address", &kinds(a, label), &address_text(&parts)));
        }
    }
}

fn gender_code(v: &str) -> Option<&'static str> {
    let first = v
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match first.as_str() {
        "m" | "male" | "男" => Some("male"),
        "f" | "female" | "女" => Some("female"),
        "o" | "other" => Some("other"),
        _ => None,
    }
}

fn take(card: &mut Card, p: Property) {
    let label = card.label_of(&p);
    match p.name.as_str() {
        "FN" => {
            card.set(Col::Contact, &p.text());
        }
        "N" => {
            let parts = p.parts();
            let part = |n: usize| parts.get(n).cloned().unwrap_or_default();
            card.n = Some((part(0).trim().to_string(), part(1).trim().to_string()));
        }
        "ORG" => {
            let parts = p.parts();
            let org = parts.first().cloned().unwrap_or_default();
            let dept = address_text(&parts[parts.len().min(1)..]);
            let known = card.cells[Col::Company as usize].clone();
            if known.is_empty() {
                card.set(Col::Company, &org);
                card.set(Col::Department, &dept);
            } else if known != org.trim() && !org.trim().is_empty() {
                card.notes
                    .push(format!("organisation: {}", address_text(&parts)));
            }
        }
        "TITLE" => {
            if !card.set(Col::Title, &p.text()) && !p.text().trim().is_empty() {
                card.notes.push(format!("title: {}", p.text()));
            }
        }
        "ROLE" => card.notes.push(format!("role: {}", p.text())),
        "NICKNAME" => {
            card.set(Col::Nickname, &p.text());
        }
        "GENDER" | "X-GENDER" => match gender_code(&p.text()) {
            Some(g) => {
                card.set(Col::Gender, g);
            }
            None if !p.text().trim().is_empty() => card.notes.push(format!("gender: {}", p.text())),
            None => {}
        },
        "TEL" => {
            let v = phone_of(&p.text());
            if v.is_empty() {
                return;
            }
            let fax_or_pager = p.has_type("fax") || p.has_type("pager");
            // A label of its own (AssistantPhone) says the number may be someone else's: to
            // the notes, unless a type says whose it is (cell), when the label goes along.
            let typed = ["cell", "mobile", "home", "work"]
                .iter()
                .any(|t| p.has_type(t));
            if label.is_some() && typed && !fax_or_pager {
                card.notes
                    .push(noted("phone", &kinds(&p, label.clone()), &v));
            }
            let col = if fax_or_pager || (label.is_some() && !typed) {
                None
            } else if p.has_type("cell") || p.has_type("mobile") {
                Some(Col::Mobile)
            } else if p.has_type("home") {
                Some(Col::Home)
            } else {
                Some(Col::Office)
            };
            if !col.is_some_and(|c| card.set(c, &v)) {
                card.notes.push(noted("phone", &kinds(&p, label), &v));
            }
        }
        "EMAIL" => {
            let (v, shown) = bare_address(&p.text());
            if let Some(shown) = shown {
                card.notes.push(format!("e-mail name: {shown}"));
            }
            if !v.trim().is_empty() && !card.set(Col::Email, &v) {
                card.notes
                    .push(noted("e-mail", &kinds(&p, label), v.trim()));
            }
        }
        "BDAY" => birthday(card, &p.text()),
        "ANNIVERSARY" | "X-ANNIVERSARY" | "X-MS-ANNIVERSARY" => {
            card.notes.push(format!("anniversary: {}", p.text()))
        }
        "NOTE" => {
            let v = p.text();
            if !v.trim().is_empty() {
                card.notes.push(v.trim().to_string());
            }
        }
        "URL" => card
            .notes
            .push(noted("website", &kinds(&p, label), p.text().trim())),
        "ADR" => card.addresses.push(p),
        "X-QQ" => {
            card.notes.push(format!("QQ: {}", p.text()));
        }
        "X-WECHAT" => card.notes.push(format!("WeChat: {}", p.text())),
        "IMPP" | "X-MS-IMADDRESS" => card.notes.push(format!("IM: {}", p.text())),
        "CATEGORIES" => card.notes.push(format!("groups: {}", p.text())),
        "X-ABLABEL" => {
            if let Some(g) = p.group.clone() {
                card.labels.push((g, p.text()));
            }
        }
        "X-ANDROID-CUSTOM" => {
            // `vnd.android.cursor.item/nickname;阿贤;1;…`: Android's own nickname field.
            let parts = p.parts();
            if parts.first().map(String::as_str) == Some("vnd.android.cursor.item/nickname") {
                card.set(
                    Col::Nickname,
                    parts.get(1).map(String::as_str).unwrap_or(""),
                );
            } else if let Some((kind, rest)) = parts.split_first() {
                // Android's other rows (relation, event): kept, with what they are.
                let what = kind.rsplit('/').next().unwrap_or(kind);
                let values = address_text(rest);
                if !values.is_empty() {
                    card.notes.push(format!("{what}: {values}"));
                }
            }
        }
        _ if bookkeeping(&p.name) => {}
        // Anything else a person wrote (a messenger address, a language, a phonetic name, a
        // spouse) is kept in the notes under its own name rather than dropped without a word.
        _ => {
            let v = p.text();
            let v = v.trim();
            if !v.is_empty() && !v.eq_ignore_ascii_case("null") {
                card.notes
                    .push(noted(&own_name(&p.name), &kinds(&p, label), v));
            }
        }
    }
}

/// Properties that hold nothing a rep reads: the card's format and ids, binary content
/// (photos, keys, sounds), positions and time zones, and what a program or phone keeps for
/// itself (Apple's show-as flag and address format, an OPPO phone's call-log stamps).
fn bookkeeping(name: &str) -> bool {
    const NAMES: [&str; 25] = [
        "VERSION",
        "PRODID",
        "REV",
        "UID",
        "PHOTO",
        "LOGO",
        "SOUND",
        "KEY",
        "GEO",
        "TZ",
        "CLIENTPIDMAP",
        "SOURCE",
        "KIND",
        "XML",
        "LABEL",
        "NAME",
        "PROFILE",
        "MAILER",
        "SORT-STRING",
        "LATESTDATE",
        "COUNTRYISO",
        "OPPO_RECENT_CALL",
        "X-ABUID",
        "X-ABSHOWAS",
        "X-ABADR",
    ];
    NAMES.contains(&name)
        || [
            "X-OPPO-",
            "X-IRMC-",
            "X-MS-OL-",
            "X-MOZILLA-",
            "X-EVOLUTION-",
        ]
        .iter()
        .any(|p| name.starts_with(p))
}

/// A property's name for a note: `X-MSN` → `MSN`, `X-PHONETIC-FIRST-NAME` → `phonetic first
/// name`.
fn own_name(name: &str) -> String {
    match name {
        "LANG" => return "language".into(),
        "X-ABRELATEDNAMES" | "RELATED" => return "related".into(),
        "X-ABDATE" => return "date".into(),
        "X-SOCIALPROFILE" => return "social profile".into(),
        _ => {}
    }
    let n = name.strip_prefix("X-").unwrap_or(name);
    if n.len() <= 5 && !n.contains('-') {
        n.to_string()
    } else {
        n.replace(['-', '_'], " ").to_lowercase()
    }
}

/// What a card ends as: its cells, its notes joined.
fn finish(mut card: Card) -> (Vec<String>, String) {
    if card.cells[Col::Contact as usize].is_empty() {
        if let Some((family, given)) = card.n.take() {
            let name = if family.chars().chain(given.chars()).any(|c| !c.is_ascii()) {
                format!("{family}{given}")
            } else {
                format!("{given} {family}").trim().to_string()
            };
            card.set(Col::Contact, &name);
        }
    }
    place_address(&mut card);
    if card.cells[Col::Company as usize].is_empty() {
        // A person's card without a company: the person is the customer.
        card.cells[Col::CustomerType as usize] = "person".into();
    }
    card.cells[Col::ContactNotes as usize] = card.notes.join("\n");
    card.cells[Col::AccountNotes as usize] = card.account_notes.join("\n");
    (card.cells.to_vec(), card.source.join("\n"))
}

/// The cards of a .vcf file as import rows, numbered from 1 in the order of the file.
pub fn read(bytes: &[u8]) -> Result<Table> {
    let mut table = Table {
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        unit: Unit::Card,
        ..Default::default()
    };
    let mut card: Option<Card> = None;
    // Windows tools start the file with a UTF-8 byte-order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    for (line, source) in logical_lines(bytes) {
        let Some(p) = property(&line, source) else {
            continue;
        };
        let is = |word: &str| p.raw.trim().eq_ignore_ascii_case(word);
        match p.name.as_str() {
            "BEGIN" if is("VCARD") => {
                card = Some(Card {
                    source: vec![p.source.clone()],
                    ..Default::default()
                })
            }
            "END" if is("VCARD") => {
                if let Some(mut c) = card.take() {
                    c.source.push(p.source.clone());
                    let (labels, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut c.pending)
                        .into_iter()
                        .partition(|p| p.name == "X-ABLABEL");
                    for p in labels.into_iter().chain(rest) {
                        take(&mut c, p);
                    }
                    let (cells, source) = finish(c);
                    let n = table.rows.len() + 1;
                    table.rows.push((n, cells));
                    table.sources.push(source);
                }
            }
            _ => {
                let Some(c) = card.as_mut() else { continue };
                if !p.is_binary() {
                    c.source.push(p.source.clone());
                } else {
                    c.source
                        .push(format!("{}: (binary content left out)", p.name));
                    continue;
                }
                c.pending.push(p);
            }
        }
    }
    if table.rows.is_empty() {
        bail!(crate::i18n::Said::new("import-no-vcards"));
    }
    Ok(table)
}

/// `"llll" <test@example.com>` as some phones write EMAIL: the address, and the display name
/// beside it (kept in the notes, never dropped).
fn bare_address(v: &str) -> (String, Option<String>) {
    let v = v.trim();
    match (v.rfind('<'), v.ends_with('>')) {
        (Some(open), true) if v[open + 1..v.len() - 1].contains('@') => {
            let shown = v[..open].trim().trim_matches('"').trim();
            (
                v[open + 1..v.len() - 1].trim().to_string(),
                Some(shown.to_string()).filter(|s| !s.is_empty()),
            )
        }
        _ => (v.to_string(), None),
    }
}
